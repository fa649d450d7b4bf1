// The change feed the build writes beside the demo page: dist/changes.atom (Atom 1.0, one entry
// per release, newest first) and dist/changes.json, checked against the release files, and
// advertised by the demo page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, launch, openDemo, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RANK = { experimental: 1, alpha: 2, beta: 3, stable: 4 };
const LABELS = ['master', '1.28', '1.27', '1.26', '1.25', '1.24', '1.23', '1.22', '1.21', '1.20', '1.19', '1.18', '1.17', '1.16', '1.15', '1.14', '1.13', '1.12', '1.11', '1.10'];

/// The entries of a release file: id (if any), area, name, maturity rank.
function entries(label) {
  const text = readFileSync(`data/istio-releases/features-${label}.yaml`, 'utf8');
  return text.split(/\n  - /).slice(1).map((item) => ({
    id: /^\s*id: "?([^"\n]*?)"?\s*$/m.exec(item)?.[1]?.trim(),
    name: /^(?:\s*)name: "?(.*?)"?\s*$/m.exec(item)?.[1]?.trim().toLowerCase(),
    area: (/^\s*area: (.*?)\s*$/m.exec(item)?.[1] ?? '').replace(/^Ambient$/, 'Ambient mode'),
    rank: RANK[/^\s*maturity: "?([A-Za-z]+)/m.exec(item)?.[1]?.toLowerCase()],
  }));
}

/// Ids promoted from release `from` to `label`, read from the files: the same feature by id,
/// or (an entry from before ids existed) by area and name.
function promoted(label, from) {
  const a = entries(from);
  const out = new Set();
  for (const e of entries(label)) {
    if (!e.id || !e.rank) continue;
    const before = a.find((x) => x.id === e.id) ?? a.find((x) => !x.id && x.area === e.area && x.name === e.name);
    if (before?.rank && e.rank > before.rank) out.add(e.id);
  }
  return [...out].sort();
}

describe('change feed', () => {
  test('changes.atom is Atom 1.0 with every required element, newest release first', async () => {
    // Served as Atom, parsed by the browser's XML parser.
    const { page, context } = await openDemo(browser);
    const response = await page.request.get(new URL('changes.atom', BASE).href);
    assert.equal(response.headers()['content-type'], 'application/atom+xml');
    const atom = await response.text();
    assert.equal(atom, readFileSync('dist/changes.atom', 'utf8'));
    const checked = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length) return { error: doc.getElementsByTagName('parsererror')[0].textContent };
      const NS = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement;
      const child = (el, name) => [...el.children].filter((c) => c.namespaceURI === NS && c.localName === name);
      const text1 = (el, name) => child(el, name)[0]?.textContent ?? null;
      return {
        root: `${feed.namespaceURI} ${feed.localName}`,
        feed: { id: text1(feed, 'id'), title: text1(feed, 'title'), updated: text1(feed, 'updated'), author: child(feed, 'author').length, self: child(feed, 'link').some((l) => l.getAttribute('rel') === 'self') },
        entries: child(feed, 'entry').map((e) => ({
          id: text1(e, 'id'), title: text1(e, 'title'), updated: text1(e, 'updated'),
          link: child(e, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')?.getAttribute('href'),
          content: text1(e, 'content'),
        })),
      };
    }, atom);
    assert.equal(checked.error, undefined, checked.error);
    assert.equal(checked.root, 'http://www.w3.org/2005/Atom feed');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
    assert.ok(checked.feed.id && checked.feed.title && rfc3339.test(checked.feed.updated) && checked.feed.author === 1 && checked.feed.self, JSON.stringify(checked.feed));
    assert.equal(checked.entries.length, LABELS.length, 'one entry per release');
    assert.deepEqual(checked.entries.map((e) => /^Istio ([^\s:]+)/.exec(e.title)[1]), LABELS, 'newest first');
    for (const e of checked.entries) {
      assert.ok(e.id && e.title && rfc3339.test(e.updated) && e.link && e.content, JSON.stringify(e));
    }
    assert.equal(new Set(checked.entries.map((e) => e.id)).size, LABELS.length, 'entry ids are unique');
    // Each entry leads to the widget's changes view for its release, which shows the same count.
    const e124 = checked.entries.find((e) => e.title.startsWith('Istio 1.24 '));
    assert.equal(e124.link, 'index.html?fm.view=changes&fm.release=1.24&fm.from=1.23');
    const json = JSON.parse(readFileSync('dist/changes.json', 'utf8'));
    for (const label of ['1.24', '1.13', '1.28']) {
      const i = LABELS.indexOf(label);
      const expected = promoted(label, LABELS[i + 1]);
      const release = json.releases.find((r) => r.release === label);
      assert.deepEqual(release.promoted.map((p) => p.id).filter((id) => !id.includes('#')).sort(), expected, `${label}: promotions as in the files`);
      const entry = checked.entries.find((e) => e.title.startsWith(`Istio ${label} `));
      assert.match(entry.title, new RegExp(`: ${release.promoted.length} promoted, ${release.demoted.length} demoted, ${release.added.length} added, ${release.removed.length} removed$`));
      for (const id of expected) assert.ok(entry.content.includes(`<code>${id}</code>`), `${label}: ${id} in the entry`);
    }
    await context.close();
    const view = await openDemo(browser, { path: e124.link.replace(/^index\.html/, '') });
    await view.page.getByRole('region', { name: /^Changes / }).waitFor();
    const promotedHere = json.releases.find((r) => r.release === '1.24').promoted.length;
    assert.match(await view.page.getByRole('region', { name: /^Changes / }).textContent(), new RegExp(`Promoted\\D*${promotedHere}`));
    assert.deepEqual(view.errors, []);
    await view.context.close();
  });

  test('the changes view between two releases exports an upgrade checklist', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.from=1.22&fm.release=1.28&fm.view=changes' });
    const region = page.getByRole('region', { name: /^Changes / });
    await region.waitFor();
    const save = async (name) => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: `Export the upgrade checklist as ${name}` }).click();
      const file = await download;
      return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
    };
    const md = await save('Markdown');
    assert.equal(md.name, 'upgrading-from-istio-1-22-to-istio-1-28-features.md');
    assert.match(md.text, /^# Upgrading from Istio 1\.22 to Istio 1\.28\n\n## Promoted \(\d+\)\n\n- \[ \] /);
    const json = JSON.parse(readFileSync('dist/changes.json', 'utf8'));
    const promotedSince = new Set(json.releases.filter((r) => ['1.23', '1.24', '1.25', '1.26', '1.27', '1.28'].includes(r.release)).flatMap((r) => r.promoted.map((p) => p.id)));
    assert.match(md.text, /- \[ \] \[Sidecar API\]\(https:\/\/istio\.io\/latest\/docs\/[^)]*\) \(`traffic\.sidecar`\): Beta → Stable\n/);
    // Every feature in the Promoted group moved up in at least one release since 1.22 (the feed).
    const promotedGroup = md.text.split('\n## ')[1];
    const ids = [...promotedGroup.matchAll(/\(`([^`]+)`\)/g)].map((m) => m[1]);
    assert.ok(ids.length > 0);
    for (const id of ids) assert.ok(promotedSince.has(id), `${id} was promoted in a release after 1.22`);
    const count = (group) => Number((new RegExp(`## ${group} \\((\\d+)\\)`).exec(md.text) ?? [0, 0])[1]);
    assert.match(await region.textContent(), new RegExp(`Promoted\\D*${count('Promoted')}`), 'the checklist lists what the view shows');
    const csv = await save('CSV');
    assert.equal(csv.text.split('\r\n')[0], 'change,id,feature,from,to,docs');
    assert.equal(csv.text.trim().split('\r\n').length - 1, md.text.split('\n').filter((l) => l.startsWith('- [ ] ')).length);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the demo page advertises the feed', async () => {
    const { page, context } = await openDemo(browser);
    await statusSays(page, '43 of 43 features');
    const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    const response = await page.request.get(new URL(href, page.url()).href);
    assert.equal(response.status(), 200);
    assert.match(await response.text(), /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    await context.close();
  });
});
