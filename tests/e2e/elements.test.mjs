// The <feature-matrix> and <feature-status> elements as a docs site uses them: in the page,
// added later and removed (client-side navigation), attributes changed by the page, 50
// insert/remove cycles with nothing left behind, and the host page's dark mode conventions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, axeViolations, launch, openPage } from './helpers.mjs';
import { serve } from './server.mjs';

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve([['/test-pages/', 'tests/e2e/pages'], ['/', process.env.FM_DIST ?? 'dist']]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const open = (path, options) => openPage(browser, `${site.base}/${path}`, options);
const region = (page) => page.getByRole('region', { name: /matrix$/ });

describe('elements', () => {
  test('<feature-matrix> renders with its attributes; one added later upgrades by itself; removing it frees it', async () => {
    const { page, context, errors } = await open('test-pages/elements.html');
    const first = region(page).first();
    await first.getByRole('searchbox', { name: 'Filter features' }).waitFor();
    assert.equal(await first.getByRole('searchbox', { name: 'Filter features' }).inputValue(), 'dns');
    await first.getByRole('status').filter({ hasText: /^\d+ of 43 features$/ }).waitFor();
    // A second one, as a docs site's navigation would add it, with a site's own data as a child.
    await page.evaluate(() => {
      const el = document.createElement('feature-matrix');
      el.setAttribute('data-id', 'own');
      el.setAttribute('lang', 'en');
      el.innerHTML = '<script type="application/json">{"title": "Gadget features", "categories": [{"name": "Core", "features": [{"name": "Boot", "phase": "Stable"}, {"name": "Tunnels", "phase": "Beta"}]}]}</' + 'script><p>fallback</p>';
      document.getElementById('later').append(el);
    });
    const own = page.getByRole('region', { name: 'Gadget features matrix' });
    await own.getByRole('status').filter({ hasText: /^2 of 2 features$/ }).waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Filter features' }).count(), 2);
    // Removed: its widget is destroyed (the element holds its own children again).
    const left = await page.evaluate(async () => {
      const el = document.querySelector('#later feature-matrix');
      el.remove();
      await new Promise((r) => setTimeout(r, 100));
      return { mounted: el.hasAttribute('data-fm-mounted'), text: el.textContent.trim(), sections: el.querySelectorAll('section').length };
    });
    assert.deepEqual(left, { mounted: false, text: '{"title": "Gadget features", "categories": [{"name": "Core", "features": [{"name": "Boot", "phase": "Stable"}, {"name": "Tunnels", "phase": "Beta"}]}]}fallback', sections: 0 });
    // Moved within the page: the same widget, still there.
    await page.evaluate(() => document.getElementById('later').append(document.querySelector('feature-matrix')));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await page.getByRole('searchbox', { name: 'Filter features' }).count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('<feature-matrix> holding the prerendered table hydrates it in place (the same nodes, now live)', async () => {
    const inner = readFileSync(join(process.env.FM_DIST ?? 'dist', 'fallback.html'), 'utf8').trim()
      .replace(/^<div data-feature-matrix>/, '').replace(/<\/div>$/, '');
    const pages = mkdtempSync(join(tmpdir(), 'fm-elements-'));
    writeFileSync(join(pages, 'prerendered.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Prerendered element</title><link rel="icon" href="../favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="../feature-matrix.css"><script type="module" src="../feature-matrix.js"></script></head>
<body><main><h1>Prerendered</h1><feature-matrix>${inner}</feature-matrix>
<script>window.before = document.querySelector('feature-matrix table');</script></main></body></html>`);
    const local = await serve([['/pages/', pages], ['/', process.env.FM_DIST ?? 'dist']]);
    try {
      const { page, context, errors } = await openPage(browser, `${local.base}/pages/prerendered.html`);
      const widget = region(page).first();
      await widget.getByRole('searchbox', { name: 'Filter features' }).fill('dns');
      await widget.getByRole('status').filter({ hasText: /^1 of 43 features$/ }).waitFor();
      assert.equal(await page.evaluate(() => window.before !== null && window.before.isConnected), true, 'the prerendered table was kept, not replaced');
      assert.equal(await page.locator('feature-matrix section.fm--static').count(), 0);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await local.close();
      rmSync(pages, { recursive: true, force: true });
    }
  });

  test('a changed attribute is the reader’s change: the rest of the view stays', async () => {
    const { page, context, errors } = await open('test-pages/elements.html');
    const widget = region(page).first();
    const search = widget.getByRole('searchbox', { name: 'Filter features' });
    await search.waitFor();
    // Before the reader changes anything, the options are the view.
    await page.evaluate(() => document.querySelector('feature-matrix').setAttribute('phases', 'alpha'));
    await page.waitForFunction(() => new URLSearchParams(location.search).size === 0 && document.querySelector('feature-matrix [role=status]')?.textContent.match(/^\d+ of 43 features$/));
    assert.equal(await search.inputValue(), 'dns');
    // The reader types, then the page shows another release: the search and the phase stay.
    await search.fill('proxy');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('el.q') === 'proxy');
    await page.evaluate(() => document.querySelector('feature-matrix').setAttribute('release', '1.24'));
    await page.waitForFunction(() => new URLSearchParams(location.search).get('el.release') === '1.24');
    await widget.getByRole('combobox', { name: 'Release' }).waitFor();
    await page.waitForFunction(() => document.querySelector('feature-matrix select')?.selectedOptions[0]?.textContent.includes('1.24'));
    assert.equal(await widget.getByRole('searchbox', { name: 'Filter features' }).inputValue(), 'proxy');
    assert.equal(await widget.getByRole('button', { name: /^Alpha/ }).getAttribute('aria-pressed'), 'true');
    // An attribute that is not the view (the title) mounts it again with the view kept.
    await page.evaluate(() => document.querySelector('feature-matrix').setAttribute('title', 'Mesh features'));
    const renamed = page.getByRole('region', { name: 'Mesh features matrix' });
    await renamed.waitFor();
    assert.equal(await renamed.getByRole('searchbox', { name: 'Filter features' }).inputValue(), 'proxy');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('50 insert/remove cycles leave no listener, node or heap behind', async (t) => {
    const { page, context, errors } = await open('test-pages/elements.html');
    await region(page).first().getByRole('searchbox', { name: 'Filter features' }).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
      const wasm = await page.evaluate(async () => (await globalThis.FeatureMatrix.ready).memory.buffer.byteLength);
      return { heap: m.JSHeapUsedSize + wasm, listeners: m.JSEventListeners, nodes: m.Nodes };
    };
    const cycle = () => page.evaluate(async () => {
      const el = document.createElement('feature-matrix');
      el.setAttribute('data-id', 'cycle');
      document.getElementById('later').append(el);
      await new Promise((resolve) => {
        const wait = () => (el.querySelector('[role=status]') ? resolve() : setTimeout(wait, 10));
        wait();
      });
      el.remove();
      await new Promise((r) => setTimeout(r, 20));
    });
    await cycle();
    const one = await measure();
    for (let i = 1; i < 50; i += 1) await cycle();
    const fifty = await measure();
    t.diagnostic(`after one cycle ${JSON.stringify(one)}, after 50 ${JSON.stringify(fifty)}`);
    assert.ok(fifty.heap <= one.heap * 1.05, `heap ${one.heap} after one, ${fifty.heap} after 50`);
    assert.ok(fifty.listeners <= one.listeners, `listeners ${one.listeners} after one, ${fifty.listeners} after 50`);
    assert.ok(fifty.nodes <= one.nodes * 1.05, `nodes ${one.nodes} after one, ${fifty.nodes} after 50`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('<feature-status> shows the feature’s phase and follows its attributes', async () => {
    const { page, context, errors } = await open('test-pages/elements.html');
    const badge = page.locator('feature-status');
    await badge.locator('.fm-badge-since').waitFor();
    const link = badge.getByRole('link').first();
    assert.match(await link.getAttribute('aria-label'), /^DNS Proxying: \w+ since 1\.\d+$/);
    // Istio 1.12's data (features-1.12.yaml): DNS proxying was Alpha, since 1.10.
    await page.evaluate(() => document.querySelector('feature-status').setAttribute('release', '1.12'));
    await page.waitForFunction(() => document.querySelector('feature-status a')?.getAttribute('aria-label') === 'DNS Proxying: Alpha since 1.10');
    assert.equal(await link.getAttribute('href'), '../index.html?fm.release=1.12#fm-traffic-dns-proxying');
    await page.evaluate(() => document.querySelector('feature-status').setAttribute('feature', 'traffic.sidecar'));
    await page.waitForFunction(() => document.querySelector('feature-status a')?.getAttribute('aria-label').startsWith('Sidecar API: '));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the host page’s theme', () => {
  test('a page restyles the widget with its custom properties on any ancestor', async () => {
    const { page, context } = await open('test-pages/elements.html');
    const widget = region(page).first();
    await widget.getByRole('searchbox', { name: 'Filter features' }).waitFor();
    await page.addStyleTag({ content: 'main { --fm-accent: rgb(123, 31, 162); --fm-radius: 0px; --fm-font: Georgia, serif; }' });
    const pressed = widget.getByRole('button', { name: 'Table', exact: true });
    assert.equal(await pressed.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(123, 31, 162)');
    const search = widget.getByRole('searchbox', { name: 'Filter features' });
    assert.equal(await search.evaluate((s) => getComputedStyle(s).borderTopLeftRadius), '0px');
    assert.match(await widget.evaluate((w) => getComputedStyle(w).fontFamily), /Georgia/);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  const themes = [
    ['istio.io dark-theme class', (d) => d.documentElement.classList.add('dark-theme'), 'light', true],
    ['Docusaurus data-theme="dark"', (d) => d.documentElement.setAttribute('data-theme', 'dark'), 'light', true],
    ['MkDocs Material slate', (d) => d.body.setAttribute('data-md-color-scheme', 'slate'), 'light', true],
    ['the system’s dark preference, the page silent', () => {}, 'dark', true],
    ['a page that says light on a dark system', (d) => d.documentElement.setAttribute('data-theme', 'light'), 'dark', false],
    ['light by default', () => {}, 'light', false],
  ];
  for (const [name, set, colorScheme, dark] of themes) {
    test(`${name}: ${dark ? 'dark' : 'light'}, axe finds nothing`, async () => {
      const { page, context } = await open('test-pages/elements.html', { colorScheme });
      await region(page).first().getByRole('searchbox', { name: 'Filter features' }).waitFor();
      await page.evaluate(`(${set})(document)`);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('section.fm')).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert.equal(r + g + b < 150, dark, `${name}: background ${bg}`);
      assert.deepEqual(await axeViolations(page), [], name);
      await page.locator('main').screenshot({ path: join(ARTIFACTS, `elements-theme-${name.replace(/[^a-z]+/gi, '-').toLowerCase()}.png`) });
      await context.close();
    });
  }
});
