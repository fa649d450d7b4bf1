// Shared links always come back: every view a reader can reach, opened from its address in
// a fresh page, shows the same thing; back/forward across releases restores each step;
// opening a link adds no history; deep links resolve in the release shown; what the URL
// cannot hold is clamped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openDemo, openPage, rowNames, searchBox, shot, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const picker = (page) => page.getByRole('combobox', { name: 'Release' });
const phaseButton = (page, name) => page.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: new RegExp(`^${name}`) });
const categoryButton = (page, name) => page.getByRole('group', { name: 'Category', exact: true }).getByRole('button', { name: new RegExp(`^${name}`) });

/// Everything a reader sees of the widget's view, as text.
async function seen(page) {
  const features = page.getByRole('table', { name: /features by category and phase/ });
  const matrix = page.getByRole('table', { name: /features by category \(rows\) and phase \(columns\)/ });
  const changes = page.getByRole('region', { name: /^Changes / });
  const compare = page.getByRole('combobox', { name: 'Compare with' });
  return {
    status: (await page.getByRole('status').first().textContent()).trim(),
    release: await picker(page).inputValue(),
    search: await searchBox(page).inputValue(),
    pressed: await page.getByRole('button', { pressed: true }).allTextContents(),
    sort: await features.getByRole('columnheader').evaluateAll((ths) => ths.map((th) => `${th.textContent.replace(/[↕▲▼]/g, '').trim()}=${th.getAttribute('aria-sort') ?? ''}`)),
    rows: await rowNames(page),
    matrix: (await matrix.count()) ? (await matrix.textContent()) : '',
    changes: (await changes.count()) ? `${await changes.getAttribute('aria-label')} | ${await compare.inputValue()} | ${await changes.textContent()}` : '',
  };
}

/// Waits until the address bar settles (the widget writes it after rendering).
async function settledSearch(page) {
  let last = await page.evaluate(() => location.search);
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await page.evaluate(() => location.search);
    if (now === last) return now;
    last = now;
  }
}

/// Opens `search` (and `hash`) in a fresh page and returns what it shows.
async function reopen(search, hash = '') {
  const { page, context, errors } = await openDemo(browser, { path: `${search}${hash}` });
  // The prerendered table shows a status before the script runs: wait until the widget is
  // live (its controls show) and the link's state has been applied.
  await searchBox(page).waitFor({ state: 'visible' });
  await settledSearch(page);
  const s = await seen(page);
  const after = await page.evaluate(() => location.search);
  assert.deepEqual(errors, []);
  await context.close();
  return { seen: s, search: after };
}

describe('shared links', () => {
  test('a release link keeps its category filter (4 of 64, not 20 of 64)', async () => {
    const { page, context, errors } = await openDemo(browser);
    await picker(page).selectOption('1.24');
    await statusSays(page, '64 of 64 features');
    await categoryButton(page, 'Ambient mode').click();
    await phaseButton(page, 'Beta').click();
    await page.getByRole('button', { name: 'Feature', exact: true }).click();
    await statusSays(page, '4 of 64 features');
    const search = await settledSearch(page);
    assert.equal(search, '?fm.phase=beta&fm.cat=ambient-mode&fm.sort=feature&fm.release=1.24');
    const here = await seen(page);
    const there = await reopen(search);
    assert.equal(there.seen.status, '4 of 64 features');
    assert.deepEqual(there.seen, here);
    assert.equal(there.search, search, 'the opened link is already canonical');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('five mixed links open in a fresh page exactly as they were left', async () => {
    const recipes = [
      async (page) => { await picker(page).selectOption('1.28'); await searchBox(page).fill('dns'); await phaseButton(page, 'Beta').click(); await page.getByRole('button', { name: 'Since', exact: true }).click(); },
      async (page) => { await picker(page).selectOption('1.22'); await categoryButton(page, 'Security').click(); await page.getByRole('button', { name: 'Phase', exact: true }).click(); await page.getByRole('button', { name: 'Phase', exact: true }).click(); },
      async (page) => { await searchBox(page).fill('mutual tls'); await categoryButton(page, 'Security and policy enforcement').click(); await page.getByRole('button', { name: 'Matrix', exact: true }).click(); },
      async (page) => { await picker(page).selectOption('1.24'); await page.getByRole('button', { name: 'Changes', exact: true }).click(); await page.getByRole('combobox', { name: 'Compare with' }).selectOption('1.20'); await searchBox(page).fill('ambient'); },
      async (page) => { await picker(page).selectOption('master'); await categoryButton(page, 'Ambient mode').click(); await phaseButton(page, 'Alpha').click(); await phaseButton(page, 'Stable').click(); await page.getByRole('button', { name: 'Matrix', exact: true }).click(); },
    ];
    for (const [i, recipe] of recipes.entries()) {
      const { page, context, errors } = await openDemo(browser);
      await recipe(page);
      const search = await settledSearch(page);
      const here = await seen(page);
      const there = await reopen(search);
      assert.deepEqual(there.seen, here, `link ${i + 1}: ${search}`);
      assert.equal(there.search, search, `link ${i + 1} reads back as written`);
      assert.deepEqual(errors, []);
      if (i === 3) await shot(page, 'shared-link-changes.png');
      await context.close();
    }
  });

  test('back and forward through six steps across three releases restore every step', async () => {
    const { page, context, errors } = await openDemo(browser);
    const steps = [
      () => categoryButton(page, 'Security and policy enforcement').click(),
      () => picker(page).selectOption('1.28'),
      () => categoryButton(page, 'Ambient mode').click(),
      () => picker(page).selectOption('1.22'),
      () => page.getByRole('button', { name: 'Feature', exact: true }).click(),
      () => picker(page).selectOption('1.12'),
    ];
    const states = [await seen(page)];
    const start = await page.evaluate(() => history.length);
    for (const step of steps) {
      await step();
      await settledSearch(page);
      states.push(await seen(page));
    }
    assert.equal(await page.evaluate(() => history.length), start + 6, 'one entry per step');
    for (let i = states.length - 2; i >= 0; i--) {
      await page.goBack();
      await settledSearch(page);
      assert.deepEqual(await seen(page), states[i], `back to step ${i}`);
    }
    for (let i = 1; i < states.length; i++) {
      await page.goForward();
      await settledSearch(page);
      assert.deepEqual(await seen(page), states[i], `forward to step ${i}`);
    }
    assert.equal(await page.evaluate(() => history.length), start + 6, 'back/forward replaced no entry');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('opening a shared link on the prerendered page adds no history entry', async () => {
    const { page, context, errors } = await openPage(browser, 'about:blank');
    const before = await page.evaluate(() => history.length);
    await page.goto(new URL('index.html?fm.cat=core', BASE).href);
    await statusSays(page, '12 of 43 features');
    await settledSearch(page);
    assert.equal(await page.evaluate(() => history.length), before + 1, 'only the page itself');
    assert.equal(await categoryButton(page, 'Core').getAttribute('aria-pressed'), 'true');
    await page.goBack();
    assert.equal(page.url(), 'about:blank', 'one Back leaves the page');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Back after picking a release and a filter keeps the forward history', async () => {
    const { page, context, errors } = await openDemo(browser);
    await picker(page).selectOption('1.26');
    await categoryButton(page, 'Ambient mode').click();
    const filtered = await settledSearch(page);
    await page.goBack();
    await settledSearch(page);
    assert.equal(await picker(page).inputValue(), '1.26');
    await page.goForward();
    assert.equal(await settledSearch(page), filtered);
    assert.equal(await categoryButton(page, 'Ambient mode').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('deep links in releases', () => {
  test('?fm.release=1.28#fm-… scrolls to and highlights that release\'s row', async () => {
    const { page, context, errors } = await openDemo(browser, { width: 1000, height: 500, path: '?fm.release=1.28&fm.phase=alpha#fm-traffic-sidecar' });
    const row = page.getByRole('row', { name: /Sidecar API/ });
    // The row takes focus, so keyboard and screen-reader users land on it too.
    await page.waitForFunction(() => document.activeElement?.tagName === 'TR' && document.activeElement.textContent.includes('Sidecar API'));
    assert.match(await page.getByRole('status').first().textContent(), /Showing “Sidecar API”: cleared the phase filter that hid it\./);
    assert.ok(await row.isVisible());
    const box = await row.boundingBox();
    assert.ok(box.y >= 0 && box.y < 500, `the row is scrolled into view (y=${box.y})`);
    assert.equal(await picker(page).inputValue(), '1.28');
    await shot(page, 'deep-link-release.png');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('with a release shown, a page feature\'s fragment reveals nothing else; the release\'s own does', async () => {
    const warnings = [];
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.24' });
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await statusSays(page, '64 of 64 features');
    await page.evaluate(() => { location.hash = 'fm-traffic-management-dns-proxying'; });
    await page.waitForFunction(() => location.hash === '#fm-traffic-management-dns-proxying');
    await settledSearch(page);
    assert.doesNotMatch(await page.getByRole('status').first().textContent(), /Showing/);
    assert.ok(warnings.some((w) => w.includes('no feature "traffic-management-dns-proxying"')), warnings.join('\n'));
    await page.evaluate(() => { location.hash = 'fm-ambient-dual-stack'; });
    await statusSays(page, 'Showing “Dual Stack, IPv6”.');
    assert.equal(await picker(page).inputValue(), '1.24');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('after back/forward the compare select names the release the summary compares', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.24&fm.view=changes' });
    const compare = page.getByRole('combobox', { name: 'Compare with' });
    await page.getByRole('region', { name: 'Changes from Istio 1.23 to Istio 1.24' }).waitFor();
    await compare.selectOption('1.12');
    await page.getByRole('region', { name: 'Changes from Istio 1.12 to Istio 1.24' }).waitFor();
    await picker(page).selectOption('1.28');
    await page.getByRole('region', { name: 'Changes from Istio 1.12 to Istio 1.28' }).waitFor();
    await page.goBack();
    await page.getByRole('region', { name: 'Changes from Istio 1.12 to Istio 1.24' }).waitFor();
    assert.equal(await compare.inputValue(), '1.12');
    await page.goBack();
    await page.getByRole('region', { name: 'Changes from Istio 1.23 to Istio 1.24' }).waitFor();
    assert.equal(await compare.inputValue(), '1.23');
    assert.equal(await picker(page).inputValue(), '1.24');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('what the URL cannot hold is clamped, never mangled', () => {
  test('a long search and a tab come back exactly as shown', async () => {
    const { page, context, errors } = await openDemo(browser);
    await searchBox(page).fill(`a\tb ${'x'.repeat(300)}`);
    await statusSays(page, '0 of 43 features');
    const value = await searchBox(page).inputValue();
    assert.equal(value.length, 200, 'the box keeps 200 characters');
    assert.ok(value.startsWith('a b '), 'a tab becomes a space');
    const search = await settledSearch(page);
    const there = await reopen(search);
    assert.equal(there.seen.search, value);
    assert.equal(there.search, search);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('sorting by Since on the page and comparing the oldest release with itself are refused visibly', async () => {
    const since = await reopen('?fm.sort=since');
    assert.ok(since.seen.sort.includes('Category=ascending'), since.seen.sort.join());
    assert.equal(since.search, '', 'the address says what is shown');
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.10&fm.view=changes' });
    const region = page.getByRole('region', { name: 'Changes to Istio 1.10' });
    await region.waitFor();
    assert.match(await region.textContent(), /Istio 1\.10 is the oldest release here, so there is nothing before it to compare with/);
    assert.equal(await page.getByRole('combobox', { name: 'Compare with' }).inputValue(), '');
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption('1.11');
    await page.getByRole('region', { name: 'Changes from Istio 1.11 to Istio 1.10' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('custom feature ids with + and & can be deep-linked as written', async () => {
    const { page, context, errors } = await openPage(browser, new URL('examples/embed.html', BASE).href);
    await page.getByRole('status').first().waitFor();
    await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = document.createElement('div');
      document.querySelector('main').append(host);
      const features = Array.from({ length: 30 }, (_, i) => ({ name: `Filler ${i}`, phase: 'Beta' }));
      features.push({ name: 'C plus plus', id: 'c++', phase: 'Alpha' }, { name: 'A and B', id: 'a&b=1', phase: 'Stable' });
      window.__handle = await m.mount(host, { id: 'ids', catalog: { title: 'Odd ids', categories: [{ name: 'Lang', features }] } });
    });
    const widget = page.getByRole('region', { name: 'Odd ids matrix' });
    await statusSays(widget, '32 of 32 features');
    await searchBox(widget).fill('filler');
    await statusSays(widget, '30 of 32 features');
    await page.evaluate(() => { location.hash = 'ids-c++'; });
    await statusSays(widget, 'Showing “C plus plus”: cleared the search that hid it.');
    await page.evaluate(() => { location.hash = 'ids-a&b=1'; });
    await statusSays(widget, 'Showing “A and B”.');
    await page.evaluate(() => { location.hash = 'ids-a%26b%3D1'; });
    await page.evaluate(() => { location.hash = 'ids-c%2B%2B'; });
    await statusSays(widget, 'Showing “C plus plus”.');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
