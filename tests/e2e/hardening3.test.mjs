// Hardening, round three: the wasm never trusts the page's JavaScript, and nothing a page does
// leaves a dead, frozen or leaking widget. One test per finding, from the reader's or the host
// page's side (the badges' findings are in hardening3-badges.test.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, featureRows, launch, openDemo, openEmbed, openPage, searchBox, shot, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DIST = process.env.FM_DIST ?? 'dist';

/// The embed example, ready, with `newHost()` (see helpers.mjs).
const embedPage = (options = {}) => openEmbed(browser, options);

/// Istio's feature data (`{"features": [...]}`) with `n` entries made by `entry(i)`.
const istioData = (n, entry) => ({ features: Array.from({ length: n }, (_, i) => entry(i)) });

/// Mounts `catalog` from script into a new host; resolves to { id } or { error }.
function mountCatalog(page, catalog, extra = {}) {
  return page.evaluate(async ([catalog, extra]) => {
    const m = await import('../feature-matrix.js');
    const host = window.newHost('<p>fallback</p>');
    try {
      const h = await m.mount(host, { catalog, ...extra });
      window.__handles = [...(window.__handles ?? []), h];
      return { id: h.id };
    } catch (e) {
      return { error: `${e.name}: ${e.message}` };
    }
  }, [catalog, extra]);
}

describe('1. id numbering is linear', () => {
  test('20,000 Istio entries of one name and 8,000 names that derive one id render in seconds', async () => {
    const { page, context, errors } = await embedPage();
    const same = istioData(20000, () => ({ name: 'Same', area: 'Traffic Management', level: { checklist: '', maturity: 'Beta' } }));
    // Before, each repeat restarted the numbering at -2: a minute of a frozen page.
    const started = Date.now();
    assert.deepEqual(await mountCatalog(page, same, { id: 'same' }), { id: 'same' });
    const region = page.locator('#same');
    await statusSays(region, /20,000 features/);
    const symbols = (i) => `x${String.fromCodePoint(0x2500 + Math.floor(i / 100))}${String.fromCodePoint(0x2190 + (i % 100))}`;
    const own = { title: 'Derived', docsBase: 'https://x.example', categories: [{ name: 'Core',
      features: Array.from({ length: 8000 }, (_, i) => ({ name: symbols(i), phase: 'Beta' })) }] };
    assert.deepEqual(await mountCatalog(page, own, { id: 'derived' }), { id: 'derived' });
    await statusSays(page.locator('#derived'), /8,000 features/);
    assert.ok(Date.now() - started < 30000, `took ${Date.now() - started} ms`);
    // The numbered ids are the rows' anchors.
    assert.equal(await page.locator('#derived-core-x-8000').count(), 0, 'only the first page of rows is shown');
    assert.equal(await page.locator('#derived-core-x-2').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/// Serves dist/ with the response header `csp` on every file.
async function withCsp(csp, steps) {
  const { serve } = await import('./server.mjs');
  const site = await serve([['/', DIST]], { headers: { 'Content-Security-Policy': csp } });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await steps(site, page, errors);
    await context.close();
  } finally {
    await site.close();
  }
}

describe('3. Trusted Types', () => {
  for (const [label, policy] of [['with the policy allowed', 'feature-matrix'], ['with no policy allowed', "'none'"]]) {
    test(`require-trusted-types-for 'script' ${label}: every widget renders, filters, destroys and mounts again`, async () => {
      await withCsp(`require-trusted-types-for 'script'; trusted-types ${policy}`, async (site, page, errors) => {
        await page.goto(`${site.base}/examples/embed.html`);
        const gadgets = page.getByRole('region', { name: 'Gadget features matrix' });
        await statusSays(gadgets, '4 of 4 features');
        const istio = page.getByRole('region', { name: 'Feature Status matrix' });
        await statusSays(istio, /of 43 features/);
        // The legend is the widget's own markup.
        await gadgets.getByText('Phase definitions').click();
        await gadgets.getByRole('table', { name: 'What each phase means' }).waitFor();
        assert.ok((await gadgets.getByRole('table', { name: 'What each phase means' }).getByRole('row').count()) > 1);
        await searchBox(gadgets).fill('sprockets');
        await statusSays(gadgets, '2 of 4 features');
        await searchBox(istio).fill('dns');
        await statusSays(istio, /^1 of 43 features/);
        // Rows that come back get their "Details" from markup too.
        await searchBox(istio).fill('');
        await statusSays(istio, /^2\d of 43 features/);
        assert.ok((await istio.getByRole("table", { name: /features by category and phase/ }).getByRole("row").count()) > 10);
        const again = await page.evaluate(async () => {
          const m = await import('../feature-matrix.js');
          const host = document.createElement('div');
          host.innerText = 'server-rendered table';
          document.querySelector('main').append(host);
          const h = await m.mount(host, { id: 'tt' });
          const shown = document.querySelectorAll('#tt tbody tr').length;
          h.destroy();
          const back = host.textContent;
          const h2 = await m.mount(host, { id: 'tt' });
          return { shown: shown > 0, back, id: h2.id };
        });
        assert.deepEqual(again, { shown: true, back: 'server-rendered table', id: 'tt' });
        assert.equal(await page.getByRole('alert').count(), 0);
        await shot(page, `trusted-types-${policy === 'feature-matrix' ? 'policy' : 'no-policy'}.png`);
        // The one line the browser writes for the refused policy; no markup was refused.
        const refused = errors.filter((e) => e.startsWith("Creating a TrustedTypePolicy named 'feature-matrix' violates"));
        assert.equal(refused.length, policy === 'feature-matrix' ? 0 : 1);
        assert.deepEqual(errors.filter((e) => !refused.includes(e)), [], 'no Trusted Types violation');
      });
    });
  }
});

describe('4. a throwing console never stops a widget', () => {
  test('unknown values in the address and many hash changes, with console.warn and console.info that throw', async () => {
    const throwing = () => {
      console.warn = () => { throw new Error('warn refused'); };
      console.info = () => { throw new Error('info refused'); };
    };
    const { page, context, errors } = await openPage(browser, new URL('?fm.cat=nope&fm.release=9.99#fm-a-typo', BASE).href, { init: throwing });
    await statusSays(page, /of 43 features/);
    await searchBox(page).waitFor();
    await searchBox(page).fill('dns');
    await statusSays(page, /^1 of 43 features/);
    for (let i = 0; i < 300; i++) await page.evaluate((i) => { location.hash = `#fm-typo-${i}`; }, i);
    await searchBox(page).fill('gateway');
    await statusSays(page, /^3 of 43 features/);
    assert.equal(await page.getByRole('alert').count(), 0, 'no widget stopped');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('5. a throwing String.prototype.split never corrupts the module', () => {
  test('hundreds of changes with split replaced: every change event lists its visible ids', async () => {
    const { page, context, errors } = await openDemo(browser);
    await page.evaluate(() => {
      window.__visible = [];
      document.addEventListener('featurematrix:change', (e) => window.__visible.push(e.detail.visible));
      String.prototype.split = function () { throw new Error('split refused'); };
    });
    // Before, each change event's ids were split in JS: after 2,304 throws the module's memory
    // was corrupt ("memory access out of bounds") and every widget dead.
    for (let i = 0; i < 300; i++) {
      await searchBox(page).fill(i % 2 ? 'dns' : 'gateway');
      if (i % 50 === 49) await statusSays(page, i % 2 ? /^1 of 43 features/ : /^3 of 43 features/);
    }
    await statusSays(page, /^1 of 43 features/);
    await page.waitForFunction(() => window.__visible.at(-1)?.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__visible.at(-1)), ['traffic-management-dns-proxying']);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.ok(!errors.some((e) => /RuntimeError/.test(e)), errors.join('\n'));
    await context.close();
  });
});

/// The page built-ins the wasm calls, from its glue's imports (`__wbg_<name>_<hash>`), each
/// found on the prototype or namespace that owns it.
function gluedBuiltins() {
  const glue = readFileSync(join(DIST, 'pkg/feature_matrix.js'), 'utf8');
  const names = new Set([...glue.matchAll(/__wbg_(?:set_)?([A-Za-z][A-Za-z0-9]*?)_[0-9a-f]{16}\b/g)].map((m) => m[1]));
  return [...names].sort();
}

describe('the page realm', () => {
  test('each page built-in the glue and entry module use, replaced by one that throws: the widget filters or says once that it stopped', async () => {
    const names = [...new Set([...gluedBuiltins(), 'split', 'stringify', 'parse', 'warn', 'info', 'error', 'pushState', 'replaceState', 'dispatchEvent', 'querySelectorAll', 'structuredClone'])];
    assert.ok(names.length > 40, `found ${names.length} built-ins in the glue`);
    const outcomes = { filters: [], stopped: [], untouched: [] };
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    for (const name of names) {
      const page = await context.newPage();
      const errors = [];
      const uncaught = [];
      page.on('pageerror', (e) => uncaught.push(String(e)));
      // Stops (the entry module's or a panic's line) and finished restarts, as the console says.
      const life = { stops: 0, settled: 0 };
      page.on('console', (m) => {
        const text = m.text();
        if (m.type() === 'error') errors.push(text);
        if (/feature-matrix: (stopped by an error|internal error)/.test(text)) life.stops += 1;
        if (/feature-matrix: (restarted \(|could not restart)/.test(text)) life.settled += 1;
      });
      // Until every stop's restart is done (there are at most three), then a little longer.
      const settle = async () => {
        for (let t = 0; t < 60 && life.settled < Math.min(life.stops, 3); t++) await page.waitForTimeout(100);
        await page.waitForTimeout(300);
      };
      await page.goto(new URL('examples/embed.html', BASE).href);
      const gadgets = page.getByRole('region', { name: 'Gadget features matrix' });
      await statusSays(gadgets, '4 of 4 features');
      await searchBox(gadgets).waitFor();
      // Where the search box is, measured before the page breaks anything.

      // Replace every own property called `name` on the page's prototypes and namespaces,
      // through the devtools protocol (Playwright's own helpers run on the page's built-ins
      // too); keep the originals to put back before the boxes are read.
      const cdp = await page.context().newCDPSession(page);
      const script = (name) => `(() => {
        const name = ${JSON.stringify(name)};
        const holders = [window, console, JSON, Reflect, Object, Array, Math, Promise];
        for (const k of Object.getOwnPropertyNames(window)) {
          const v = window[k];
          if (typeof v === 'function' && v.prototype && /^[A-Z]/.test(k)) holders.push(v.prototype);
        }
        const found = [];
        for (const h of holders) {
          const d = Object.getOwnPropertyDescriptor(h, name);
          if (d && d.configurable && (typeof d.value === 'function' || d.get || d.set)) found.push([h, d]);
        }
        const define = Object.defineProperty;
        const boom = function () { throw new Error('replaced ' + name); };
        window.__restore = () => { for (let i = 0; i < found.length; i++) define(found[i][0], name, found[i][1]); };
        const count = found.length;
        for (let i = 0; i < count; i++) {
          const h = found[i][0], d = found[i][1];
          if (typeof d.value === 'function') define(h, name, { configurable: true, writable: true, enumerable: d.enumerable, value: boom });
          else define(h, name, { configurable: true, enumerable: d.enumerable, get: d.get && boom, set: d.set && boom });
        }
        return count;
      })()`;
      const { result } = await cdp.send('Runtime.evaluate', { expression: script(name), returnByValue: true });
      if (!result.value) { outcomes.untouched.push(name); await cdp.detach(); await page.close(); continue; }
      // A reader goes back to the box and types (focus through the devtools protocol, keys as
      // the keyboard sends them), until a search goes through without a stop, or the widget
      // stopped a fourth time: it is restarted at most three times, then stays down saying so.
      for (let i = 0; i < 8; i++) {
        const stops = life.stops;
        try {
          const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
          const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'input[type=search]' });
          await cdp.send('DOM.focus', { nodeId: nodeIds[1] });
        } catch { /* its box is hidden or gone: the keys go nowhere */ }
        await page.keyboard.press('Control+A');
        await page.keyboard.type('helical');
        await settle();
        if (life.stops === stops || life.stops > 3) break;
      }
      await cdp.send('Runtime.evaluate', { expression: 'window.__restore()' });
      await cdp.detach();
      await page.waitForTimeout(200);
      const boxes = page.locator('[data-feature-matrix]');
      const seen = { alerts: [], texts: [], status: [] };
      for (let b = 0; b < await boxes.count(); b++) {
        const alerts = boxes.nth(b).getByRole('alert');
        seen.alerts.push(await alerts.count());
        seen.texts.push((await alerts.allTextContents()).join(' '));
        const status = boxes.nth(b).getByRole('status');
        seen.status.push((await status.count()) ? (await status.first().textContent()) : '');
      }
      const filtered = /^1 of 4 features/.test(seen.status[1].trim());
      // No exception escapes to the page, and the module's memory is never corrupt.
      assert.deepEqual(uncaught, [], name);
      assert.ok(!errors.some((e) => /memory access out of bounds|already borrowed/.test(e)), `${name}: ${errors.join('\n')}`);
      assert.ok(seen.alerts.every((n) => n <= 1), `${name}: alerts per box ${seen.alerts}`);
      if (filtered) outcomes.filters.push(name);
      else {
        assert.match(seen.texts[1], /stopped|could not be loaded/, `${name}: the widget neither filters nor says it stopped (status ${seen.status[1]})`);
        outcomes.stopped.push(name);
      }
      await page.close();
    }
    await context.close();
    console.log(`realm: ${names.length} built-ins; filters with ${outcomes.filters.length}, says it stopped with ${outcomes.stopped.length} (${outcomes.stopped.join(', ')}); not page built-ins: ${outcomes.untouched.join(', ')}`);
  });
});

describe('6. more categories than a catalog holds', () => {
  test('Istio data with 66,000 areas is refused with a clear error, not shown under "Area 65535"', async () => {
    const { page, context } = await embedPage();
    const data = istioData(66000, (i) => ({ name: `F${i}`, area: `Area ${i}`, level: { checklist: '', maturity: 'Beta' } }));
    assert.deepEqual(await mountCatalog(page, data, { id: 'areas' }), { id: 'areas' });
    const alert = page.locator('#areas').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /66,000 areas; a catalog holds at most 65,535 categories/);
    await context.close();
  });
});

describe('7. widgets added after load', () => {
  test('a placeholder inserted later renders by itself, and a badge inserted later too', async () => {
    const { page, context, errors } = await embedPage();
    await page.evaluate(() => {
      const later = document.createElement('div');
      later.setAttribute('data-feature-matrix', '');
      later.dataset.id = 'later';
      later.dataset.search = 'dns';
      document.querySelector('main').append(later);
    });
    await statusSays(page.locator('#later'), /^1 of 43 features/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('8. a stalled language file', () => {
  test('never holds up other widgets; its own widget starts in English within seconds', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const notes = [];
    let noted = Infinity;
    page.on('console', (m) => {
      notes.push(m.text());
      if (m.text().includes('i18n/zh.js did not arrive')) noted = Date.now();
    });
    await page.route('**/i18n/zh.js', () => { /* never answered */ });
    // A Chinese placeholder in the page from the start, beside the English ones.
    await page.addInitScript(() => document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      const zh = document.createElement('div');
      zh.setAttribute('data-feature-matrix', '');
      zh.setAttribute('lang', 'zh');
      zh.dataset.id = 'zh';
      document.querySelector('main').append(zh);
    }));
    await page.goto(new URL('examples/two-instances.html', BASE).href);
    await searchBox(page.locator('#fm')).waitFor();
    const english = Date.now();
    await statusSays(page.locator('#zh'), /of 43 features/);
    assert.ok(notes.some((n) => n.includes('i18n/zh.js did not arrive')), notes.join('\n'));
    assert.ok(english < noted, 'the English widgets started before the Chinese one gave up waiting');
    await context.close();
  });
});

describe('9. host ids never name the widget', () => {
  test('elements with the widget\'s label ids before it: its table, search box and filters keep their own names', async () => {
    const hostile = () => {
      document.addEventListener('DOMContentLoaded', () => {
        const decoys = ['fm--phase-label', 'fm--caption', 'fm--search-hint', 'fm--search', 'fm--category-label'];
        const box = document.createElement('div');
        box.innerHTML = decoys.map((id) => `<p id="${id}">decoy ${id}</p>`).join('');
        document.body.prepend(box);
      });
    };
    const { page, context } = await openPage(browser, new URL('examples/two-instances.html', BASE).href, { init: hostile });
    await page.getByRole('searchbox', { name: 'Filter features' }).first().waitFor();
    // Every widget's own names: the decoys name nothing.
    const names = await page.evaluate(() => [...document.querySelectorAll('[aria-labelledby], [aria-describedby]')]
      .flatMap((el) => [el.getAttribute('aria-labelledby'), el.getAttribute('aria-describedby')])
      .filter(Boolean).flatMap((ids) => ids.split(' '))
      .map((id) => document.getElementById(id)?.textContent ?? ''));
    assert.ok(!names.some((n) => n.startsWith('decoy')), names.filter((n) => n.startsWith('decoy')).join(', '));
    assert.equal(await page.getByRole('table', { name: /features by category and phase/ }).count(), 2);
    assert.equal(await page.getByRole('group', { name: /Phase/ }).count() >= 2, true);
    await context.close();
  });
});

/// DOM nodes and JS event listeners the page holds, after a garbage collection.
async function counters(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return c;
}

describe('10. a page that replaces its content', () => {
  test('100 navigations: no DOM nodes or listeners left behind, and the widget stays `fm`', async () => {
    const { page, context, errors } = await openDemo(browser, { path: 'examples/two-instances.html' });
    const navigate = () => page.evaluate(async () => {
      const main = document.querySelector('main');
      main.innerHTML = '<h2>Page</h2><div data-feature-matrix><p>loading</p></div>';
      const m = await import('../feature-matrix.js');
      await m.mountNew();
      return document.querySelector('[data-fm-mounted]')?.getAttribute('data-fm-mounted');
    });
    assert.equal(await navigate(), 'fm');
    await statusSays(page, /of 43 features/);
    const first = await counters(page);
    for (let i = 0; i < 100; i++) assert.equal(await navigate(), 'fm', `navigation ${i}`);
    await statusSays(page, /of 43 features/);
    const last = await counters(page);
    assert.ok(last.nodes < first.nodes * 1.2 + 200, `nodes ${first.nodes} -> ${last.nodes}`);
    assert.ok(last.jsEventListeners <= first.jsEventListeners + 10, `listeners ${first.jsEventListeners} -> ${last.jsEventListeners}`);
    // `?fm.q=` still applies to the widget of the new page.
    await page.evaluate(() => history.replaceState(null, '', '?fm.q=dns'));
    assert.equal(await navigate(), 'fm');
    await statusSays(page, /^1 of 43 features/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('11. handles after a crash and after a failed mount', () => {
  test('destroy() on a widget whose instance stopped puts back its content, and mount() works again', async () => {
    const { page, context } = await embedPage();
    const result = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost('<p>server table</p>');
      const h = await m.mount(host, { id: 'crashy' });
      // Stop the instance: a built-in the wasm calls throws once.
      const original = Element.prototype.setAttribute;
      Element.prototype.setAttribute = function () { Element.prototype.setAttribute = original; throw new Error('once'); };
      host.querySelector('input[type=search]').value = 'dns';
      host.querySelector('input[type=search]').dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 500));
      h.destroy();
      const back = host.innerHTML;
      let again;
      try { again = (await m.mount(host, { id: 'crashy' })).id; } catch (e) { again = String(e); }
      return { back, again };
    });
    assert.deepEqual(result, { back: '<p>server table</p>', again: 'crashy' });
    await context.close();
  });

  test('a catalog whose getter throws: the box says so, and the element takes a widget again', async () => {
    const { page, context } = await embedPage();
    const result = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost('<p>fallback</p>');
      await m.mount(host, { catalog: { get categories() { throw new Error('getter'); } } });
      const first = host.querySelector('[role=alert]')?.textContent ?? '';
      // The page mounts again with good data, as a host does after a failed load.
      let second;
      try { second = (await m.mount(host, { id: 'fine' })).id; } catch (e) { second = String(e); }
      return { first, second, widget: !!host.querySelector('#fine'), alerts: host.querySelectorAll('[role=alert]').length };
    });
    assert.match(result.first, /catalog option: cannot be read as JSON data: getter/);
    assert.deepEqual({ ...result, first: undefined }, { first: undefined, second: 'fine', widget: true, alerts: 0 });
    await context.close();
  });
});

describe('12. state() straight after mount()', () => {
  test('what mount() resolves with says what the widget shows', async () => {
    const { page, context } = await embedPage();
    const state = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const h = await m.mount(window.newHost(), { id: 'now', search: 'dns' });
      const s = h.state();
      return s && { count: s.count, visible: s.visible, query: s.query };
    });
    assert.deepEqual(state, { count: 1, visible: ['traffic-management-dns-proxying'], query: 'dns' });
    await context.close();
  });
});

describe('low', () => {
  test('2,000 unknown categories in the address are four warnings, not 2,000; a report template cannot choose the host', async () => {
    const cats = Array.from({ length: 2000 }, (_, i) => `nope${i}`).join(',');
    const warnings = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(new URL(`?fm.cat=${cats}`, BASE).href);
    await statusSays(page, '43 of 43 features');
    await page.waitForTimeout(300);
    assert.equal(warnings.filter((w) => w.startsWith('feature-matrix (fm)')).length, 4, warnings.slice(0, 6).join('\n'));
    assert.match(warnings.find((w) => w.includes('more')) ?? '', /and 1,?997 more/);
    const links = await page.evaluate(async () => {
      const m = await import('./feature-matrix.js');
      const host = document.createElement('div');
      document.body.append(host);
      await m.mount(host, { id: 'rep', report: 'https://{name}/x' });
      return [...host.querySelectorAll('a')].map((a) => a.href).filter((h) => /report|issues/.test(h) || !h.startsWith('https://istio.io'));
    });
    assert.ok(links.every((h) => h.startsWith('https://github.com/istio/enhancements/') || h.startsWith('https://istio.io') || h.startsWith(BASE)), links.join('\n'));
    await context.close();
  });

  test('a page-dispatched crash event does nothing; unrelated data-* attributes are not warned about', async () => {
    const warnings = [];
    const { page, context, errors } = await embedPage();
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'info') warnings.push(m.text()); });
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) dispatchEvent(new CustomEvent('feature-matrix:crash', { detail: { id: 'fm' } }));
      const el = window.newHost();
      el.setAttribute('data-feature-matrix', '');
      el.dataset.id = 'tracked';
      el.dataset.analyticsLabel = 'matrix';
      el.dataset.controller = 'docs';
    });
    await statusSays(page.locator('#tracked'), /of 43 features/);
    const istio = page.getByRole('region', { name: 'Feature Status matrix' }).first();
    await searchBox(istio).fill('dns');
    await statusSays(istio, /^1 of 43 features/);
    assert.deepEqual(warnings.filter((w) => w.includes('feature-matrix')), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
