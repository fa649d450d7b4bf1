// Hardening, round two: no input, host page or browser extension can kill a widget or lose
// the reader's view. One test per finding, written from the reader's or host page's side.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, featureRows, launch, openDemo, openEmbed, openPage, searchBox, shot, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The embed example, ready, with `newHost()` (see helpers.mjs).
const embedPage = (options = {}) => openEmbed(browser, options);

/// Mounts a widget from script into a new element at the end of <main>; returns what
/// mount() resolved to or the message it rejected with.
function mountInto(page, options, { hostId = 'host' } = {}) {
  return page.evaluate(async ([options, hostId]) => {
    const m = await import('../feature-matrix.js');
    const host = window.newHost('<p>fallback</p>');
    host.id = hostId;
    try {
      const h = await m.mount(host, options);
      window.__handles = [...(window.__handles ?? []), h];
      return { id: h.id };
    } catch (e) {
      return { error: `${e.name}: ${e.message}` };
    }
  }, [options, hostId]);
}

describe('1. exceptions from JS never corrupt the module', () => {
  test('hundreds of throwing options and catalogs and thousands of mount(null) leave every widget working', async () => {
    const { page, context, errors } = await embedPage();
    const result = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const seen = new Set();
      for (let i = 0; i < 300; i++) {
        const host = document.createElement('div');
        const options = i % 3 === 0
          ? { get sort() { throw new Error(`getter ${i}`); } }
          : i % 3 === 1
            ? new Proxy({}, { ownKeys() { throw new Error('trap'); } })
            : { catalog: { get categories() { throw new Error('catalog getter'); } }, id: `bad${i}` };
        try { await m.mount(host, options); seen.add('ok'); } catch (e) { seen.add(e.name); }
      }
      for (let i = 0; i < 3000; i++) {
        try { await m.mount(null); } catch (e) { seen.add(`${e.name}: ${e.message}`); }
      }
      return [...seen].sort();
    });
    assert.deepEqual(result, [
      'Error',
      'TypeError: feature-matrix: mount(element, options) needs an Element, not null',
      'ok',
    ]);
    // Every widget on the page still answers.
    const gadgets = page.getByRole('region', { name: 'Gadget features matrix' });
    await searchBox(gadgets).fill('sprockets');
    await statusSays(gadgets, '2 of 4 features');
    const istio = page.getByRole('region', { name: 'Feature Status matrix' });
    await searchBox(istio).fill('dns');
    await statusSays(istio, /^1 of 43 features/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('2. a page that changes the widget\'s HTML', () => {
  test('a theme that wraps every table before the script runs: the table is rendered afresh, not lost', async () => {
    const notes = [];
    const { page, context, errors } = await openPage(browser, BASE, {
      init: () => document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        for (const t of document.querySelectorAll('table')) {
          const wrap = document.createElement('div');
          wrap.className = 'theme-table-wrapper';
          t.replaceWith(wrap);
          wrap.append(t);
        }
      }),
    });
    page.on('console', (m) => notes.push(`${m.type()}: ${m.text()}`));
    await statusSays(page, '43 of 43 features');
    assert.equal(await featureRows(page).count(), 43);
    assert.equal(await page.getByRole('alert').count(), 0, 'no crash message');
    await searchBox(page).fill('gateway');
    await statusSays(page, /^\d+ of 43 features$/);
    assert.ok((await featureRows(page).count()) < 43);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a minifier that dropped the prerendered HTML\'s comments (hydration markers): the table is rendered afresh, not crashed', async () => {
    const notes = [];
    // Listening from the start: the widget may say it before the page has loaded.
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      notes.push(`${m.type()}: ${m.text()}`);
      if (m.type() === 'error') errors.push(m.text());
    });
    // What an HTML minifier does at build time, done before the script runs.
    await page.addInitScript(() => document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
      const comments = [];
      while (walker.nextNode()) comments.push(walker.currentNode);
      for (const c of comments) c.remove();
      window.commentsRemoved = comments.length;
    }));
    await page.goto(BASE);
    await statusSays(page, '43 of 43 features');
    assert.ok(await page.evaluate(() => window.commentsRemoved) > 40, 'the demo page had hydration markers to remove');
    assert.equal(await featureRows(page).count(), 43);
    assert.equal(await page.getByRole('alert').count(), 0, 'no crash message');
    assert.ok(notes.some((n) => n.includes('rendering it afresh')), `one note: ${notes.join(' | ')}`);
    assert.ok(!notes.some((n) => n.includes('internal error')), `no panic: ${notes.join(' | ')}`);
    await searchBox(page).fill('gateway');
    await statusSays(page, /^\d+ of 43 features$/);
    assert.ok((await featureRows(page).count()) < 43);
    await shot(page, 'minified-page.png');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a translation extension that wraps text in <font> after start: the widget keeps working', async () => {
    const logs = [];
    const { page, context } = await openDemo(browser);
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
    // What machine-translation extensions do: every text node wrapped in <font><font>.
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('section.fm'), NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode);
      for (const t of texts) {
        const outer = document.createElement('font');
        const inner = document.createElement('font');
        t.replaceWith(outer);
        outer.append(inner);
        inner.append(t);
      }
    });
    await searchBox(page).fill('dns');
    // Yew cannot patch the changed DOM; the widget is re-created in the reader's view.
    await page.getByRole('status').filter({ hasText: /^1 of 43 features/ }).waitFor({ timeout: 10000 });
    assert.equal(await featureRows(page).count(), 1);
    assert.equal(await searchBox(page).inputValue(), 'dns', 'the reader\'s search is kept');
    assert.equal(await page.getByRole('alert').count(), 0, 'no crash message');
    assert.ok(logs.some((l) => l.startsWith('info: feature-matrix: the page changed the widget\'s HTML')), logs.join('\n'));
    assert.ok(!logs.some((l) => l.includes('internal error')), logs.join('\n'));
    await searchBox(page).fill('gateway');
    await statusSays(page, /^\d+ of 43 features$/);
    await shot(page, 'translated-page.png');
    await context.close();
  });
});

describe('3. a failing mount() leaves no zombie', () => {
  test('throwing options reject, the element stays as it was and can be mounted later; a throwing catalog shows the error box', async () => {
    const { page, context, errors } = await embedPage();
    const failed = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost('<p>fallback</p>');
      let message = '';
      try { await m.mount(host, { id: 'zombie', get title() { throw new Error('no title'); } }); } catch (e) { message = e.message; }
      const untouched = host.innerHTML === '<p>fallback</p>' && !host.hasAttribute('data-fm-mounted');
      const h = await m.mount(host, { id: 'zombie' });
      return { message, untouched, id: h.id };
    });
    assert.deepEqual(failed, { message: 'feature-matrix: the options could not be read: no title', untouched: true, id: 'zombie' });
    // A catalog that reads fine but has nothing in it: the error box, the id claimed.
    const box = await mountInto(page, { id: 'empty', catalog: { categories: [] } }, { hostId: 'empty-host' });
    assert.equal(box.id, 'empty');
    assert.match(await page.locator('#empty-host').getByRole('alert').textContent(), /catalog has no features/);
    const text = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost();
      const catalog = { title: 'Loop' };
      catalog.self = catalog;
      const h = await m.mount(host, { id: 'loop', catalog });
      const alert = host.querySelector('[role=alert]').textContent;
      h.destroy();
      return { alert, after: host.innerHTML };
    });
    assert.match(text.alert, /catalog option: cannot be read as JSON data: .*circular/i);
    assert.equal(text.after, '');
    // A catalog whose toJSON gives nothing (the widget reads catalogs as their JSON text).
    const nothing = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost();
      const h = await m.mount(host, { id: 'nothing', catalog: { toJSON: () => undefined } });
      const alert = host.querySelector('[role=alert]')?.textContent;
      h.destroy();
      return alert;
    });
    assert.match(nothing, /catalog option: cannot be read as JSON data: it has no JSON text/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('4. exports cannot attack a spreadsheet or break a Markdown table', () => {
  test('formula-like cells are neutralised in CSV; pipes in links and entities stay text in Markdown', async () => {
    const { page, context } = await embedPage();
    await mountInto(page, { id: 'sheet', catalog: { title: 'Sheet', categories: [{ name: 'Cells', features: [
      { name: '=HYPERLINK("http://evil.example","x")', phase: 'Beta', note: '+cmd|/C calc' },
      { name: '@SUM(A1)', phase: 'Alpha', link: 'https://x.example/a|b', note: 'A &amp; B' },
      { name: '-2', phase: 'Stable' },
    ] }] } });
    const w = page.getByRole('region', { name: 'Sheet matrix' });
    await statusSays(w, '3 of 3 features');
    const download = async (label) => {
      const [d] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: `Export visible features as ${label}` }).click()]);
      return readFileSync(await d.path(), 'utf8');
    };
    const csv = (await download('CSV')).trimEnd().split('\r\n');
    assert.deepEqual(csv.slice(1).map((l) => l.split(',')[1]), ['"\'=HYPERLINK(""http://evil.example""', "'@SUM(A1)", "'-2"]);
    assert.ok(csv[1].endsWith(",'+cmd|/C calc"), csv[1]);
    const md = (await download('Markdown')).trimEnd().split('\n');
    const sum = md.find((l) => l.includes('SUM'));
    assert.equal(sum, '| [\\@SUM(A1)](https://x.example/a%7Cb) | Cells | Alpha | A \\&amp; B |');
    assert.equal(sum.split(' | ').length, 4, 'four cells, the pipe in the link did not split the row');
    await context.close();
  });
});

describe('5. bounded work on bad input', () => {
  test('a catalog with 100,000 bad entries lists the first problems and counts the rest', async () => {
    const { page, context, errors } = await embedPage();
    const shown = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost();
      const features = Array.from({ length: 100000 }, (_, i) => ({ name: `F${i}`, phase: 'Omega' }));
      await m.mount(host, { id: 'many', catalog: { categories: [{ name: 'All', features }] } });
      const alert = host.querySelector('[role=alert]');
      return { title: alert.querySelector('p').textContent, items: alert.querySelectorAll('li').length, last: alert.querySelector('li:last-child').textContent };
    });
    assert.deepEqual(shown, {
      title: 'This feature table cannot be shown: its catalog has 100,000 problems.',
      items: 101,
      last: 'catalog option: and 99,900 more problems of the same kinds',
    });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('6. ids never collide', () => {
  test('categories C++, C and C# get their own ids and links; catalog ids and the host page cannot take the widget\'s own', async () => {
    const { page, context, errors } = await embedPage();
    // The host page uses ids the widget used for itself before they had their own
    // namespace, and a decoy with the id of the widget's legend column for Beta.
    await page.evaluate(() => {
      for (const id of ['ids-search-hint', 'ids-caption', 'ids-legend-caption', 'ids--def-beta']) {
        const el = document.createElement('input');
        el.id = id;
        el.setAttribute('aria-label', `host ${id}`);
        document.querySelector('main').prepend(el);
      }
    });
    await mountInto(page, { id: 'ids', catalog: { title: 'Langs', legend: { phases: ['Alpha', 'Beta'], aspects: [{ name: 'Purpose', cells: ['try', 'use'] }] }, categories: [
      { name: 'C++', features: [{ name: 'Templates', phase: 'Beta', id: 'search' }] },
      { name: 'C', features: [{ name: 'Macros', phase: 'Alpha', id: 'legend' }] },
      { name: 'C#', features: [{ name: 'LINQ', phase: 'Beta', id: 'def-beta' }] },
    ] } });
    const w = page.getByRole('region', { name: 'Langs matrix' });
    await statusSays(w, '3 of 3 features');
    // Every id on the page is unique: the host's decoy `ids--def-beta` made the widget take the
    // prefix `ids2` (with a warning); the features with ids "search", "legend" and "def-beta"
    // took nothing of the widget's.
    const dups = await page.evaluate(() => {
      const count = new Map();
      for (const el of document.querySelectorAll('[id]')) count.set(el.id, (count.get(el.id) ?? 0) + 1);
      return [...count].filter(([, n]) => n > 1).map(([id]) => id);
    });
    assert.deepEqual(dups, []);
    assert.deepEqual(await w.getByRole('row').evaluateAll((rows) => rows.map((r) => r.id).filter(Boolean)), ['ids2-search', 'ids2-legend', 'ids2-def-beta']);
    // C# is its own filter, in the URL and back.
    await w.getByRole('group', { name: 'Category', exact: true }).getByRole('button', { name: /^C#/ }).click();
    await statusSays(w, '1 of 3 features');
    await page.waitForFunction(() => location.search.includes('ids2.cat=c-3'));
    // The label, "/" and the legend are the widget's own, not the host's lookalikes.
    assert.equal(await w.getByRole('searchbox', { name: 'Filter features' }).count(), 1);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await w.getByRole('searchbox', { name: 'Filter features' }).focus();
    await page.keyboard.press('Escape');
    await w.getByRole('link', { name: /Beta/ }).first().click();
    assert.deepEqual(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.closest('section')?.getAttribute('aria-label')]),
      ['TH', 'Langs matrix'], 'the badge leads into the widget\'s own legend, not the host\'s decoy');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a duplicate data-id gets a warning and a suffix no other placeholder asks for', async () => {
    const warnings = [];
    const { page, context } = await embedPage();
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const ids = await page.evaluate(async () => {
      const main = document.querySelector('main');
      for (const id of ['docs', 'docs', 'docs2']) {
        const el = document.createElement('div');
        el.setAttribute('data-feature-matrix', '');
        el.dataset.id = id;
        main.append(el);
      }
      const m = await import('../feature-matrix.js');
      await m.mountNew();
      return [...document.querySelectorAll('[data-id]')].map((e) => e.getAttribute('data-fm-mounted'));
    });
    assert.deepEqual(ids.slice(-3), ['docs', 'docs3', 'docs2']);
    assert.ok(warnings.some((w) => w.includes('id "docs" is already used by another widget or element on this page; this one is "docs3"')), warnings.join('\n'));
    await context.close();
  });
});

describe('7. focus is never dropped to the page', () => {
  test('after Clear filters (toolbar and empty state), the last Show more, and destroy()', async () => {
    const { page, context } = await openDemo(browser, { path: '?fm.q=zzzz' });
    await statusSays(page, '0 of 43 features');
    const active = () => page.evaluate(() => {
      const a = document.activeElement;
      return a === document.body ? 'body' : `${a.tagName.toLowerCase()}:${a.getAttribute('type') ?? a.textContent.trim().slice(0, 20)}`;
    });
    // The empty state's button disappears when pressed.
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await statusSays(page, '43 of 43 features');
    assert.equal(await active(), 'input:search');
    // The toolbar's button disables itself.
    await searchBox(page).fill('dns');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await statusSays(page, '43 of 43 features');
    assert.equal(await active(), 'input:search');
    await context.close();

    const embed = await embedPage();
    const p = embed.page;
    const features = Array.from({ length: 150 }, (_, i) => ({ name: `Feature ${String(i).padStart(3, '0')}`, phase: 'Beta' }));
    await p.evaluate(() => {
      const b = document.createElement('button');
      b.textContent = 'Open the big table';
      b.id = 'opener';
      document.querySelector('main').append(b);
      b.focus();
    });
    await mountInto(p, { id: 'big', catalog: { title: 'Big', categories: [{ name: 'All', features }] } });
    const big = p.getByRole('region', { name: 'Big matrix' });
    await big.getByRole('button', { name: 'Show 50 more' }).click();
    await p.waitForFunction(() => document.activeElement?.tagName === 'TR');
    assert.match(await p.evaluate(() => document.activeElement.textContent), /^Feature 100/);
    assert.equal(await big.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
    await p.evaluate(() => document.getElementById('big--search').focus());
    await p.evaluate(() => window.__handles.at(-1).destroy());
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'opener', 'focus returns where it was before mounting');
    await embed.context.close();
  });
});

describe('8. options are never dropped in silence', () => {
  test('every wrong option gets one clear warning and its default', async () => {
    const warnings = [];
    const { page, context, errors } = await embedPage();
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      const host = window.newHost();
      window.__h = await m.mount(host, {
        id: 'opts', sort: {}, columns: null, search: 12.5, title: { text: 'x' }, catalog: () => 1,
        release: '9.9', view: 'changes', docsBase: 'ftp://files.example/',
      });
    });
    const w = page.getByRole('region', { name: 'Feature Status matrix' }).last();
    await statusSays(w, '43 of 43 features');
    for (const expected of [
      'option `sort`: expects text', 'option `columns`: expects text', 'option `search`: expects text',
      'option `title`: expects text', 'option `catalog`: expects text', 'no release "9.9"',
      'the changes view needs a release', 'option `docsBase`: expects an http:// or https:// address',
    ]) {
      assert.equal(warnings.filter((x) => x.includes(expected)).length, 1, `${expected}\n${warnings.join('\n')}`);
    }
    // Defaults: every column, the table view, the built-in catalog's links.
    assert.deepEqual((await w.getByRole('columnheader').allTextContents()).map((h) => h.replace(/[↕▲▼]/g, '').trim()), ['Feature', 'Category', 'Phase']);
    assert.match(await w.getByRole('link', { name: 'DNS Proxying' }).getAttribute('href'), /^https:\/\/istio\.io\//);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the Hugo shortcode passes every option the README lists, release included', () => {
    const shortcode = readFileSync('www/hugo/layouts/shortcodes/feature-matrix.html', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    const listed = [...readme.matchAll(/^\| `data-([a-z-]+)` \| `[a-zA-Z]+` \|/gm)].map((m) => m[1]);
    assert.ok(listed.length >= 12, `options table found in the README: ${listed.join(', ')}`);
    for (const name of listed) assert.ok(shortcode.includes(`"${name}"`), `the shortcode passes ${name}`);
  });
});
