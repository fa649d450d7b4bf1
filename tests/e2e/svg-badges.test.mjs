// The static SVG badges (dist/badges/<id>.svg for the newest release, dist/badges/<release>/<id>.svg
// for each release), for pages where no script runs. Each is opened in the browser, as an image
// and as a document, and what it says is checked against Istio's features.yaml files read here
// on their own (a few lines of YAML reading, not the build's reader).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launch } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = process.env.FM_DIST ?? 'dist';
const DATA = 'data/istio-releases';

/// Release -> its entries ({ id, name, maturity }) from each features-<release>.yaml: every list
/// item's `id`, `name` and `level.maturity` (its first word).
function readReleases() {
  const out = new Map();
  for (const file of readdirSync(DATA).filter((f) => /^features-1\.\d+\.yaml$/.test(f))) {
    const entries = [];
    for (const item of readFileSync(join(DATA, file), 'utf8').split(/\n  - /).slice(1)) {
      const field = (key) => item.match(new RegExp(`^\\s*${key}:\\s*"?(.*?)"?\\s*$`, 'm'))?.[1];
      const maturity = field('maturity')?.match(/^[A-Za-z]+/)?.[0];
      if (maturity) entries.push({ id: field('id') || null, name: field('name')?.trim(), maturity });
    }
    out.set(file.slice('features-'.length, -'.yaml'.length), entries);
  }
  return new Map([...out].sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1])));
}

/// The phase of `id` in `release` and the release it has had that phase since (without a
/// break). A release whose entry has no id yet is matched by the feature's name.
function expected(releases, id, release) {
  const labels = [...releases.keys()];
  const entry = (r, name) => {
    const all = releases.get(r);
    const byId = all.filter((e) => e.id === id);
    if (byId.length) return byId.length === 1 ? byId[0] : null;
    return all.find((e) => !e.id && e.name?.toLowerCase() === name?.toLowerCase()) ?? null;
  };
  const here = entry(release);
  if (!here) return {};
  let since = release;
  // Walking back, an entry without an id is the one named as the release after it names it.
  for (let i = labels.indexOf(release) - 1, later = here; i >= 0; i -= 1) {
    const before = entry(labels[i], later.name);
    if (before?.maturity !== here.maturity) break;
    since = labels[i];
    later = before;
  }
  return { phase: here.maturity, since };
}

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve([['/', DIST]]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

describe('SVG badges', () => {
  test('each says its feature’s phase and since, as the release data does; it shows as an image', async () => {
    const releases = readReleases();
    const newest = [...releases.keys()].at(-1);
    const page = await browser.newPage();
    const checked = [];
    const files = readdirSync(join(DIST, 'badges')).filter((f) => f.endsWith('.svg'));
    assert.ok(files.length > 40, `${files.length} badges for ${newest}`);
    const cases = [
      ...files.map((f) => [newest, f.slice(0, -4), `badges/${f}`]),
      ...['1.12', '1.20', '1.24'].flatMap((r) => readdirSync(join(DIST, 'badges', r)).map((f) => [r, f.slice(0, -4), `badges/${r}/${f}`])),
    ];
    for (const [release, id, path] of cases) {
      const want = expected(releases, id, release);
      if (!want.phase) continue;
      await page.goto(`${site.base}/${path}`);
      const seen = await page.evaluate(() => ({
        title: document.querySelector('title').textContent,
        label: document.documentElement.getAttribute('aria-label'),
        texts: [...document.querySelectorAll('text')].map((t) => t.textContent),
      }));
      assert.equal(seen.texts[1], `${want.phase} since ${want.since}`, `${path}: ${JSON.stringify(seen)}`);
      assert.equal(seen.label, `${seen.texts[0]}: ${want.phase} since ${want.since}`, path);
      assert.equal(seen.title, `${seen.label} (Istio ${release})`, path);
      checked.push(path);
    }
    assert.ok(checked.length > 100, `${checked.length} badges checked against the data`);
    // As an image, the way a README shows it.
    const shown = ['traffic.dns_proxying', 'traffic.sidecar', 'security.jwt_authentication', '1.12/traffic.dns_proxying'];
    await page.goto(`${site.base}/fallback.html`);
    await page.setContent(shown.map((p) => `<p><img src="${site.base}/badges/${p}.svg" alt="${p}"></p>`).join(''));
    const sizes = await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().then(() => [img.naturalWidth, img.naturalHeight]))));
    for (const [w, h] of sizes) assert.ok(w > 100 && h === 20, `${w}x${h}`);
    await page.screenshot({ path: join(ARTIFACTS, 'svg-badges.png') });
    // The documented Markdown for a badge links it to the feature's row in the matrix.
    const line = readFileSync(join(DIST, 'badges', 'snippets.md'), 'utf8').split('\n').find((l) => l.startsWith('- `traffic.dns_proxying`'));
    const [, alt, image, link] = line.match(/\[!\[(.*)\]\((.*)\)\]\((.*)\)`$/);
    assert.deepEqual([alt, image], [`DNS Proxying: ${expected(releases, 'traffic.dns_proxying', newest).phase} since ${expected(releases, 'traffic.dns_proxying', newest).since}`, 'badges/traffic.dns_proxying.svg']);
    await page.goto(`${site.base}/${link}`);
    const row = page.getByRole('row', { name: /DNS Proxying/ }).first();
    await row.waitFor();
    assert.ok(await row.isVisible());
    assert.match(await page.locator('select').first().evaluate((s) => s.selectedOptions[0].textContent), new RegExp(newest.replace('.', '\\.')));
    await page.close();
  });
});
