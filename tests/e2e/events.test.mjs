// What the host page hears: a bubbling `featurematrix:change` CustomEvent on the widget's element
// after every change of the view (search, filters, sort, release, view, back/forward), whose
// detail names everything by id; `handle.state()` returns the same object. Also the TypeScript
// declaration shipped in dist/ describes what the page receives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, featureRows, launch, openDemo, openPage, searchBox, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Records every event that reaches the document, before the page's scripts run.
const listen = () => {
  window.heard = [];
  document.addEventListener('featurematrix:change', (e) => {
    window.heard.push({ detail: e.detail, target: e.target.getAttribute('data-fm-mounted'), bubbles: e.bubbles, placeholder: e.target.hasAttribute('data-feature-matrix') });
  });
};

const last = (page) => page.evaluate(() => window.heard[window.heard.length - 1]);
const count = (page) => page.evaluate(() => window.heard.length);

/// The ids of the rows the reader sees, in order (row ids are `fm-<feature id>`).
const shownIds = (page) => featureRows(page).evaluateAll((rows) => rows.map((r) => r.id.replace(/^fm-/, '')));

/// Waits for the event after `count` and returns its detail.
async function next(page, before) {
  await page.waitForFunction((n) => window.heard.length > n, before);
  return (await last(page)).detail;
}

describe('featurematrix:change', () => {
  test('fires once mounted and after search, filter, sort, release, view and back/forward', async () => {
    const { page, context, errors } = await openDemo(browser, { init: listen });
    await page.waitForFunction(() => window.heard.length > 0);
    const first = await last(page);
    assert.equal(first.target, 'fm');
    assert.ok(first.bubbles && first.placeholder, 'dispatched on the placeholder, bubbling');
    assert.deepEqual(first.detail, {
      id: 'fm', release: null, from: null, query: '', phases: [], categories: [], sort: 'category', view: 'table',
      count: 43, total: 43, visible: await shownIds(page),
    });

    let n = await count(page);
    await searchBox(page).fill('dns');
    await statusSays(page, /^\d+ of 43 features$/);
    let d = await next(page, n);
    assert.equal(d.query, 'dns');
    assert.deepEqual(d.visible, await shownIds(page));
    assert.equal(d.count, d.visible.length);
    assert.ok(d.count > 0 && d.count < 43);

    n = await count(page);
    await searchBox(page).fill('');
    await page.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: /^Stable/ }).click();
    await page.waitForFunction((n) => window.heard.at(-1)?.detail.phases.length === 1 && window.heard.length > n, n);
    d = (await last(page)).detail;
    assert.deepEqual([d.query, d.phases], ['', ['stable']]);
    assert.deepEqual(d.visible, await shownIds(page));

    n = await count(page);
    await page.getByRole('button', { name: 'Phase', exact: true }).click();
    d = await next(page, n);
    assert.equal(d.sort, 'phase');
    assert.deepEqual(d.visible, await shownIds(page));

    n = await count(page);
    await page.getByRole('combobox', { name: 'Release' }).selectOption('1.24');
    d = await next(page, n);
    assert.equal(d.release, '1.24');
    assert.deepEqual(d.phases, ['stable'], 'filters carry over by id');
    assert.deepEqual(d.visible, await shownIds(page));
    assert.ok(d.visible.every((id) => !id.includes(' ')), 'ids, not names');

    n = await count(page);
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    d = await next(page, n);
    assert.deepEqual([d.view, d.release, d.from], ['changes', '1.24', '1.23']);

    // Back: the release view's table again, then the page catalog; forward again.
    n = await count(page);
    await page.goBack();
    d = await next(page, n);
    assert.deepEqual([d.view, d.release, d.from], ['table', '1.24', null]);
    n = await count(page);
    await page.goBack();
    d = await next(page, n);
    assert.deepEqual([d.release, d.total], [null, 43]);
    assert.deepEqual(d.visible, await shownIds(page));
    n = await count(page);
    await page.goForward();
    d = await next(page, n);
    assert.equal(d.release, '1.24');

    // Nothing that does not change the view is announced again.
    n = await count(page);
    await page.getByRole('combobox', { name: 'Release' }).selectOption('1.24');
    await page.waitForTimeout(200);
    assert.equal(await count(page), n);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('handle.state() is the last event\'s detail; a throwing listener does not stop the widget', async () => {
    const { page, context, errors } = await openPage(browser, new URL('examples/embed.html', BASE).href, { init: listen });
    await page.getByRole('status').filter({ hasText: /of \d+ features?/ }).first().waitFor();
    const result = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const el = document.createElement('div');
      document.body.append(el);
      el.addEventListener('featurematrix:change', () => { throw new Error('listener failed'); });
      const mine = [];
      el.addEventListener('featurematrix:change', (e) => mine.push(e.detail));
      const handle = await m.mount(el, { id: 'api', search: 'gateway', phases: 'beta,stable' });
      window.handle = handle;
      window.mine = mine;
      // The first render (and its event) may come in a later task than mount() returns.
      while (!mine.length) await new Promise((ok) => setTimeout(ok, 10));
      return { state: handle.state(), last: mine.at(-1), events: mine.length };
    });
    assert.ok(result.events >= 1);
    assert.deepEqual(result.state, result.last);
    assert.deepEqual([result.state.id, result.state.query, result.state.phases], ['api', 'gateway', ['beta', 'stable']]);
    const region = page.getByRole('region', { name: / matrix$/ }).last();
    await searchBox(region).fill('tls');
    await statusSays(region, /of 43 features/);
    await page.waitForFunction(() => window.mine.at(-1).query === 'tls');
    const again = await page.evaluate(() => [window.handle.state(), window.mine.at(-1), window.handle.state() === window.handle.state()]);
    assert.deepEqual(again[0], again[1]);
    assert.equal(again[2], false, 'a fresh object each call: the page cannot change the widget\'s record');
    assert.deepEqual(again[0].visible, await region.getByRole('row').filter({ has: page.getByRole('cell') }).evaluateAll((rows) => rows.map((r) => r.id.replace(/^api-/, ''))));
    // The listener's exception reached the page (as any listener's would), not the widget.
    assert.ok(errors.every((e) => e.includes('listener failed')), errors.join('\n'));
    assert.ok(errors.length >= 2);
    assert.equal(await page.evaluate(() => { window.handle.destroy(); return window.handle.state(); }), null);
    await context.close();
  });

  test('feature-matrix.d.ts describes the module, the handle and the event for TypeScript', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-types-'));
    try {
      copyFileSync('dist/feature-matrix.d.ts', join(dir, 'feature-matrix.d.ts'));
      writeFileSync(join(dir, 'use.ts'), `
import { mount, mountNew, type FeatureMatrixElement, type FeatureMatrixState, type FeatureStatusElement, type MatrixHandle } from './feature-matrix.js';
const el = document.querySelector('div')!;
el.addEventListener('featurematrix:change', (e) => {
  const s: FeatureMatrixState = e.detail;
  const ids: string[] = s.visible;
  const n: number = s.count + s.total;
  const v: 'table' | 'matrix' | 'changes' = s.view;
  const r: string | null = s.release;
  console.log(ids, n, v, r, s.phases, s.categories, s.sort, s.from, s.query, s.id);
});
async function go(): Promise<void> {
  const h: MatrixHandle = await mount(el, { search: 'dns', phases: ['beta'], catalog: { categories: [] } });
  const s = h.state();
  if (s) console.log(s.visible.length, h.id);
  h.destroy();
  const added: number = await mountNew();
  console.log(added);
  const matrix: FeatureMatrixElement = document.createElement('feature-matrix');
  matrix.setAttribute('release', '1.24');
  const badge: FeatureStatusElement | null = document.querySelector('feature-status');
  console.log(matrix, badge);
}
go();
`);
      // And what must not type-check: a wrong field, a wrong view name.
      writeFileSync(join(dir, 'wrong.ts'), `
import type { FeatureMatrixState } from './feature-matrix.js';
declare const s: FeatureMatrixState;
const a: number = s.query;
const b: 'grid' = s.view;
`);
      const tsc = (file) => execFileSync('node_modules/.bin/tsc', ['--strict', '--noEmit', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', join(dir, file)], { encoding: 'utf8' });
      tsc('use.ts');
      assert.throws(() => tsc('wrong.ts'), (e) => /TS2322/.test(e.stdout) && (e.stdout.match(/error TS/g) ?? []).length === 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
