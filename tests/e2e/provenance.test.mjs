// Provenance: where each release view's data comes from (istio/enhancements features.yaml at a
// commit, checked against SOURCES.tsv), each row's link to its entry's line, and "Report a
// problem" links (Istio's default, a custom catalog's own template, none otherwise).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axeViolations, featureRows, launch, openDemo, openPage, shot, statusSays } from './helpers.mjs';
import { BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SOURCES = Object.fromEntries(readFileSync('data/istio-releases/SOURCES.tsv', 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t')).map(([file, , commit, date]) => [file.replace(/^features-|\.yaml$/g, ''), { commit, date }]));

/// The line of the `nth` entry named `name` in a release file.
function lineOf(label, name, nth = 0) {
  const lines = readFileSync(`data/istio-releases/features-${label}.yaml`, 'utf8').split('\n');
  const at = lines.map((l, i) => [l, i]).filter(([l]) => l.startsWith('  - name:') && l.includes(`"${name}"`))[nth];
  return at[1] + 1;
}

const row = (page, name) => featureRows(page).filter({ has: page.getByRole('rowheader', { name }) });

/// A report link's title and body, decoded.
async function report(link) {
  const url = new URL(await link.getAttribute('href'));
  return { base: `${url.origin}${url.pathname}`, title: url.searchParams.get('title'), body: url.searchParams.get('body'), keys: [...url.searchParams.keys()] };
}

describe('provenance', () => {
  test('each release view says which features.yaml at which commit it shows', async () => {
    const { page, context, errors } = await openDemo(browser);
    const data = page.getByText(/^Data: /);
    assert.equal(await data.getByRole('link').getAttribute('href'), 'https://istio.io/latest/docs/releases/feature-stages/', 'the page view names its source page');
    for (const label of ['1.10', '1.24', 'master']) {
      await page.getByRole('combobox', { name: 'Release' }).selectOption(label);
      await statusSays(page, /of \d+ features/);
      const { commit, date } = SOURCES[label];
      await page.getByText(`Data: istio/enhancements features.yaml at ${commit.slice(0, 7)} (${date})`).waitFor();
      const href = await page.getByRole('link', { name: `features.yaml at ${commit.slice(0, 7)}` }).getAttribute('href');
      assert.match(href, /^https:\/\/github\.com\/istio\/enhancements\/blob\/([0-9a-f]{12,40})\/features\.yaml$/);
      assert.ok(commit.startsWith(href.split('/blob/')[1].split('/')[0]), `${label}: ${href} is commit ${commit}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every row links to its entry\'s line and to a prefilled report', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.24' });
    await statusSays(page, '64 of 64 features');
    const sidecar = row(page, 'Sidecar API');
    await sidecar.getByText('History').click();
    const source = sidecar.getByRole('link', { name: 'Source of Sidecar API in features.yaml' });
    const href = await source.getAttribute('href');
    assert.equal(href, `https://github.com/istio/enhancements/blob/${SOURCES['1.24'].commit.slice(0, 12)}/features.yaml#L${lineOf('1.24', 'Sidecar API')}`);
    const r = await report(sidecar.getByRole('link', { name: 'Report a problem with Sidecar API' }));
    assert.equal(r.base, 'https://github.com/istio/enhancements/issues/new');
    assert.deepEqual(r.keys, ['title', 'body']);
    assert.equal(r.title, 'Sidecar API (traffic.sidecar): feature status');
    assert.equal(r.body, `Release: Istio 1.24\nPhase shown: Stable\nSource: ${href}\n\nWhat is wrong: `);
    // An open "History" stays open, with its content, while the reader narrows the search.
    const search = page.getByRole('searchbox');
    for (const q of ['side', 'sidecar', 'sidecar api']) {
      await search.fill(q);
      // The row shows this search once its name marks every word of it.
      await sidecar.getByRole('rowheader').filter({ has: page.locator('mark', { hasText: new RegExp(`^${q.split(' ').pop()}$`, 'i') }) }).waitFor();
      assert.equal(await sidecar.getByRole('group').evaluate((d) => d.open), true, q);
      assert.equal(await source.getAttribute('href'), href, q);
    }
    await search.fill('');
    await statusSays(page, '64 of 64 features');
    // A repeated id and an entry from before ids existed point at their own lines.
    await page.goto(new URL('?fm.release=master', BASE).href);
    await statusSays(page, '64 of 64 features');
    const routing = row(page, 'JWT Claim Based Routing');
    await routing.getByText(/^(History|Details)$/).click();
    assert.match(await routing.getByRole('link', { name: 'Source of JWT Claim Based Routing in features.yaml' }).getAttribute('href'), new RegExp(`#L${lineOf('master', 'JWT Claim Based Routing')}$`));
    assert.equal((await report(routing.getByRole('link', { name: /^Report a problem/ }))).title, 'JWT Claim Based Routing (security.jwt_authentication#2): feature status');
    await page.goto(new URL('?fm.release=1.10', BASE).href);
    await statusSays(page, '44 of 44 features');
    const dns = row(page, 'DNS Proxying');
    await dns.getByText(/^(History|Details)$/).click();
    assert.match(await dns.getByRole('link', { name: 'Source of DNS Proxying in features.yaml' }).getAttribute('href'), new RegExp(`/features\\.yaml#L${lineOf('1.10', 'DNS Proxying')}$`));
    // The page view: a report with the page as the source, no line link.
    await page.goto(BASE);
    await statusSays(page, '43 of 43 features');
    const onPage = row(page, 'DNS Proxying');
    await onPage.getByText('Details', { exact: true }).click();
    assert.equal(await onPage.getByRole('link', { name: /^Source of/ }).count(), 0);
    const p = await report(onPage.getByRole('link', { name: 'Report a problem with DNS Proxying' }));
    assert.match(p.title, /^DNS Proxying \(traffic-management-dns-proxying\): feature status$/);
    assert.match(p.body, /^Release: .+\nPhase shown: Alpha\nSource: Istio “Feature Status” page/);
    // Out of the exports.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export visible features as CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    assert.ok(!/Report a problem|issues\/new/.test(csv), 'the links stay out of the export');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('keyboard and 320 px: the links are reachable and nothing overflows', async () => {
    const { page, context } = await openDemo(browser, { path: '?fm.release=1.24', width: 320 });
    await statusSays(page, '64 of 64 features');
    const sidecar = row(page, 'Sidecar API');
    const summary = sidecar.getByText('History');
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Source of Sidecar API in features.yaml');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Report a problem with Sidecar API');
    for (const link of await sidecar.getByRole('link', { name: /^(Source of|Report a problem)/ }).all()) {
      const box = await link.boundingBox();
      assert.ok(box.height >= 24 && box.x >= 0 && box.x + box.width <= 320, JSON.stringify(box));
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no horizontal scrolling');
    await sidecar.screenshot({ path: 'test-results/provenance-row-320.png' });
    await context.close();
  });

  test('custom catalogs: a report link only with their own template', async () => {
    const { page, context, errors } = await openPage(browser, new URL('examples/embed.html', BASE).href, { width: 1100 });
    const gadgets = page.getByRole('region', { name: 'Gadget features matrix' });
    await statusSays(gadgets, '4 of 4 features');
    assert.equal(await gadgets.getByRole('link', { name: /^Report a problem/ }).count(), 0, 'none by default');
    await page.evaluate(async () => {
      const el = document.createElement('div');
      el.setAttribute('aria-label', 'own');
      document.querySelector('main').append(el);
      const { mount } = await import('../feature-matrix.js');
      await mount(el, {
        id: 'own', title: 'Own',
        report: 'https://tracker.example/new?summary={name}&what={id}&where={release}&phase={phase}&src={source}',
        catalog: { title: 'Own', categories: [{ name: 'Parts', features: [{ name: 'Gear & cog?', id: 'gear', phase: 'Beta' }] }] },
      });
    });
    const own = page.getByRole('region', { name: 'Own matrix' });
    await statusSays(own, '1 of 1 feature');
    await own.getByText('Details', { exact: true }).click();
    const url = new URL(await own.getByRole('link', { name: 'Report a problem with Gear & cog?' }).getAttribute('href'));
    assert.equal(url.origin + url.pathname, 'https://tracker.example/new');
    assert.deepEqual([...url.searchParams], [['summary', 'Gear & cog?'], ['what', 'gear'], ['where', 'Own'], ['phase', 'Beta'], ['src', '']]);
    await shot(page, 'provenance-custom.png');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
