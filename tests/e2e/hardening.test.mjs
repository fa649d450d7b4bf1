// No-JS first paint and hydration, hostile data, and resource bounds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, featureRows, launch, openDemo, searchBox, shot, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('prerendered HTML', () => {
  test('with JavaScript disabled a reader sees every row and the legend', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE);
    const table = page.getByRole('table', { name: /features by category and phase/ });
    assert.equal(await table.getByRole('row').filter({ has: page.getByRole('cell') }).count(), 43);
    assert.ok(await table.getByRole('link', { name: 'DNS Proxying' }).isVisible());
    await page.getByText('Phase definitions', { exact: true }).click();
    assert.ok(await page.getByRole('table', { name: 'What each phase means' }).isVisible());
    assert.equal(await searchBox(page).isVisible(), false, 'controls that need the script are not shown');
    await shot(page, 'no-javascript.png');
    await context.close();
  });

  test('the script hydrates the prerendered table in place: one table, same nodes, working', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    // Mark a prerendered row before any script runs; hydration must keep that very node.
    await page.addInitScript(() => document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') {
        const row = document.getElementById('fm-core-istio-cni-plugin');
        if (row) row.dataset.marker = 'prerendered';
      }
    }));
    await page.goto(`${BASE}?fm.q=cni`);
    await statusSays(page, '2 of 43 features');
    assert.equal(await page.getByRole('table', { name: /features by category and phase/ }).count(), 1);
    assert.equal(await page.locator('#fm-core-istio-cni-plugin').getAttribute('data-marker'), 'prerendered');
    assert.ok(await searchBox(page).isVisible());
    await searchBox(page).fill('dns');
    await statusSays(page, '1 of 43 features');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('hostile data', () => {
  test('a hostile runtime catalog injects nothing, runs nothing, never panics; 100,000 rows stay usable', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
    await page.goto(`${BASE}examples/embed.html`);
    await statusSays(page.getByRole('region', { name: 'Gadget features matrix' }), '4 of 4 features');
    await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = document.createElement('div');
      host.id = 'evil-host';
      document.querySelector('main').append(host);
      const evil = [
        { name: '<script>window.__pwned = 1</script>', phase: 'Beta' },
        { name: '<img src=x onerror="window.__pwned = 2">', phase: 'Alpha', link: 'javascript:window.__pwned = 3' },
        { name: 'Quotes " \' > < & in a name', phase: 'Stable', link: 'data:text/html,<script>window.__pwned = 4</script>', id: 'q"uote' },
        { name: 'VB', phase: 'Beta', link: 'vbscript:msgbox(1)' },
        { name: 'RTL \u202e evil \u202c, עברית, e\u0301, emoji 🙂🚀', phase: 'Beta', note: '<b onmouseover="window.__pwned = 5">bold</b>' },
        { name: 'x'.repeat(1_000_000), phase: 'Alpha' },
      ];
      const many = Array.from({ length: 100000 }, (_, i) => ({ name: `Generated feature ${i}`, phase: ['Alpha', 'Beta', 'Stable'][i % 3] }));
      window.evil = await m.mount(host, { id: 'evil', title: 'Hostile', catalog: { categories: [{ name: '<b>Evil</b>', features: evil }, { name: 'Many', features: many }] } });
    });
    const w = page.getByRole('region', { name: 'Hostile matrix' });
    await statusSays(w, '100,006 of 100,006 features');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
    assert.equal(await page.locator('#evil-host a[href^="javascript:"], #evil-host a[href^="data:"], #evil-host a[href^="vbscript:"]').count(), 0);
    assert.equal(await page.locator('#evil-host script, #evil-host img, #evil-host b').count(), 0, 'markup stays text');
    assert.ok(await w.getByText('<script>window.__pwned = 1</script>').isVisible());
    // Bad links are reported and their entries shown as text.
    await w.getByText('3 data problems in this catalog').click();
    assert.match(await w.getByRole('listitem').filter({ hasText: 'vbscript' }).textContent(), /feature "VB" \(<b>Evil<\/b>, row 4\): field `link`/);
    // Paged: 100 rows rendered, more on request; the table still tells its full size
    // (header + 2 category headings + 100,006 rows) and where each rendered row sits.
    const table = w.getByRole('table', { name: /features by category/ });
    const rows = () => table.getByRole('row').filter({ has: page.getByRole('cell') }).count();
    assert.equal(await rows(), 100);
    assert.equal(await table.getAttribute('aria-rowcount'), '100009');
    assert.equal(await table.getByRole('row', { name: /Generated feature 0\b/ }).getAttribute('aria-rowindex'), String(1 + 1 + 6 + 1 + 1));
    await w.getByRole('button', { name: 'Show 100 more' }).click();
    assert.equal(await rows(), 200);
    await searchBox(w).fill('generated feature 99999');
    await statusSays(w, '1 of 100,006 features');
    await searchBox(w).fill('');
    await statusSays(w, '100,006 of 100,006 features');
    await page.evaluate(() => window.evil.destroy());
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('NUL bytes, duplicate ids and unknown phases are reported inside the widget', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}examples/embed.html`);
    await statusSays(page.getByRole('region', { name: 'Gadget features matrix' }), '4 of 4 features');
    const text = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = document.createElement('div');
      document.querySelector('main').append(host);
      await m.mount(host, { catalog: { categories: [{ name: 'C', features: [
        { name: 'Nul\u0000byte', phase: 'Beta' },
        { name: 'One', phase: 'Beta', id: 'same' },
        { name: 'Two', phase: 'Beta', id: 'same' },
        { name: 'Three', phase: 'Omega' },
      ] }] } });
      return host.querySelector('[role=alert]').textContent;
    });
    assert.match(text, /its catalog has 3 problems\./);
    assert.match(text, /catalog option: feature "Nul\\0byte" \(C, row 1\): field `name`: contains control characters/);
    assert.match(text, /catalog option: feature "Two" \(C, row 3\): field `id`: duplicate id "same", first used in row 2 of "C"/);
    assert.match(text, /catalog option: feature "Three" \(C, row 4\): field `phase`: unknown phase "Omega"/);
    await context.close();
  });
});

describe('resource bounds', () => {
  test('memory does not grow across 10,000 filter operations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(BASE);
    await statusSays(page, '43 of 43 features');
    const cdp = await context.newCDPSession(page);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      const dom = await cdp.send('Memory.getDOMCounters');
      const wasm = await page.evaluate(async () => (await (await import('./feature-matrix.js')).ready).memory.buffer.byteLength);
      return { heap, wasm, nodes: dom.nodes, listeners: dom.jsEventListeners };
    };
    const run = (n) => page.evaluate(async (n) => {
      const input = document.getElementById('fm--search');
      const words = ['d', 'dn', 'dns', '', 'tls', 'mesh', 'k8s', 'stable', 'zz', 'gate', ''];
      for (let i = 0; i < n; i++) {
        input.value = words[i % words.length];
        input.dispatchEvent(new Event('input', { bubbles: true }));
        if (i % 100 === 99) await new Promise((r) => setTimeout(r, 0));
      }
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    }, n);
    await run(1000);
    await statusSays(page, '43 of 43 features');
    const warm = await measure();
    await run(10000);
    await statusSays(page, '43 of 43 features');
    const end = await measure();
    console.log(`memory after 1,000 / 11,000 filter operations: ${JSON.stringify(warm)} / ${JSON.stringify(end)}`);
    assert.equal(end.wasm, warm.wasm, 'wasm linear memory did not grow');
    assert.ok(end.heap < warm.heap + 1_000_000, `JS heap grew by ${end.heap - warm.heap} bytes`);
    assert.ok(Math.abs(end.nodes - warm.nodes) <= 20, `DOM nodes ${warm.nodes} -> ${end.nodes}`);
    assert.equal(end.listeners, warm.listeners);
    await context.close();
  });

  test('100 mount/destroy cycles leak no listeners or nodes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}examples/embed.html`);
    await statusSays(page.getByRole('region', { name: 'Gadget features matrix' }), '4 of 4 features');
    const cdp = await context.newCDPSession(page);
    const counters = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return cdp.send('Memory.getDOMCounters');
    };
    const cycle = (n) => page.evaluate(async (n) => {
      const m = await import('../feature-matrix.js');
      const host = document.getElementById('cycle-host') ?? document.querySelector('main').appendChild(Object.assign(document.createElement('div'), { id: 'cycle-host' }));
      for (let i = 0; i < n; i++) {
        const h = await m.mount(host, { search: 'tls' });
        await new Promise((r) => setTimeout(r, 0));
        h.destroy();
      }
      await new Promise((r) => setTimeout(r, 50));
    }, n);
    await cycle(5);
    const before = await counters();
    await cycle(100);
    const after = await counters();
    console.log(`DOM counters after 5 / 105 mount-destroy cycles: ${JSON.stringify(before)} / ${JSON.stringify(after)}`);
    assert.equal(after.jsEventListeners, before.jsEventListeners, 'listeners');
    assert.ok(Math.abs(after.nodes - before.nodes) <= 20, `nodes ${before.nodes} -> ${after.nodes}`);
    await context.close();
  });
});

describe('crash containment', () => {
  /// Runs `steps(site, page)` on a page of the fault-injection build (a panic on the search
  /// "crash now"), served on its own; `cargo xtask test` builds it and sets FM_FAULT_DIST.
  async function inFaultBuild(steps) {
    const dir = process.env.FM_FAULT_DIST;
    assert.ok(dir, 'FM_FAULT_DIST (the fault-injection build) is set by `cargo xtask test`');
    const { serve } = await import('./server.mjs');
    const site = await serve([['/', dir]]);
    try {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      await steps(site, await context.newPage());
      await context.close();
    } finally {
      await site.close();
    }
  }

  test('a panic replaces the crashed box with a message; the other boxes are restarted and keep working', async () => {
    await inFaultBuild(async (site, page) => {
      const logs = [];
      page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
      await page.goto(`${site.base}/examples/two-instances.html?fm.phase=stable`);
      const [first, second] = [page.locator('#fm'), page.locator('#fm2')];
      await statusSays(first, '18 of 43 features');
      await statusSays(second, '43 of 43 features');
      // A widget mounted from script: its handle must stay truthful across the restart.
      await page.evaluate(async () => {
        const m = await import('../feature-matrix.js');
        const host = document.createElement('div');
        host.id = 'api-host';
        host.innerHTML = '<p>placeholder text</p>';
        document.querySelector('main').append(host);
        window.__handle = await m.mount(host, { id: 'api', search: 'dns' });
      });
      await statusSays(page.getByRole('region', { name: 'Feature Status matrix' }).nth(2), '1 of 43 features');
      await searchBox(second).fill('crash now');
      await page.locator('#fm2 [role=alert]').waitFor();
      assert.match(await page.locator('#fm2').textContent(), /^This feature table stopped after an internal error; the rows below are as they were\. Reload the page/);
      // The crashed box keeps its rows (never fewer than without JavaScript), without controls.
      assert.equal(await page.locator('#fm2').getByRole('table', { name: /features by category and phase/ }).getByRole('row').filter({ has: page.getByRole('cell') }).count(), 43);
      assert.equal(await searchBox(second).isVisible(), false, 'its controls are gone');
      assert.ok(logs.some((l) => l.startsWith('error: feature-matrix: internal error:') && l.includes('fault injection')), logs.join('\n'));
      // The other widget comes back in a fresh module instance, same id, same URL state.
      await page.waitForFunction(() => document.querySelector('#fm:not(.fm--stalled)') !== null);
      await statusSays(first, '18 of 43 features');
      assert.equal(await first.getByRole('alert').count(), 0);
      await searchBox(first).fill('gateway');
      await statusSays(first, '3 of 43 features');
      // The address holds each running widget's view; the crashed one's left it, so a reload
      // starts that one afresh rather than in the state that stopped it.
      await page.waitForFunction(() => {
        const p = new URLSearchParams(location.search);
        return p.get('fm.q') === 'gateway' && p.get('fm.phase') === 'stable' && !p.has('fm2.q');
      });
      assert.match(await page.locator('#fm2').textContent(), /stopped after an internal error/, 'the crashed box stays explained');
      // The old handle acts on the restarted widget: destroy() removes it and frees its id.
      await statusSays(page.locator('#api'), '1 of 43 features');
      const after = await page.evaluate(async () => {
        const id = window.__handle.id;
        window.__handle.destroy();
        const host = document.getElementById('api-host');
        const restored = host.innerHTML;
        const again = await (await import('../feature-matrix.js')).mount(host, { id: 'api' });
        return { id, restored, widgets: document.querySelectorAll('#api').length, again: again.id };
      });
      assert.deepEqual(after, { id: 'api', restored: '<p>placeholder text</p>', widgets: 1, again: 'api' });
      await shot(page, 'crash-contained.png');
      // "Reload the page to use it again": it works again, and the other widget keeps its view.
      await page.reload();
      await statusSays(second, '43 of 43 features');
      await statusSays(first, '3 of 43 features');
      assert.equal(await page.getByRole('alert').count(), 0);
    });
  });

  test('single-file build: the crashed widget says to reload, and its view leaves the address', async () => {
    await inFaultBuild(async (site, page) => {
      await page.goto(`${site.base}/examples/single-file.html?fm.phase=stable&other=keep`);
      await statusSays(page, '18 of 43 features');
      await searchBox(page).fill('crash now');
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').textContent(), /Reload the page/);
      // Reloading starts the widget afresh, not in the state that stopped it; the page's
      // own parameters stay.
      await page.waitForFunction(() => location.search === '?other=keep');
      await page.reload();
      await statusSays(page, '43 of 43 features');
      assert.equal(await page.getByRole('alert').count(), 0);
    });
  });
});
