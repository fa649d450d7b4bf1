// Embedding: sub-path hosting, custom and invalid catalogs, options, the mount() API,
// hostile host CSS, hidden containers, strict CSP, the single-file build over file://,
// and the Hugo example site.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, searchBox, shot, statusSays } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = resolve('dist');
const PAGES = resolve('tests/e2e/pages');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
let site; // dist/ under a sub-path, test pages beside it
before(async () => {
  browser = await launch();
  site = await serve([['/docs/v2/widget/test-pages/', PAGES], ['/docs/v2/widget/', DIST]]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const open = (url, options = {}) => openPage(browser, url, { width: 1100, ...options });

const widget = (page, n) => page.getByRole('region', { name: / matrix$/ }).nth(n);

describe('embedding', () => {
  test('plain HTML page under a sub-path: default and custom catalog side by side', async () => {
    const { page, context, errors, requests } = await open(`${site.base}/docs/v2/widget/examples/embed.html`);
    const istio = widget(page, 0);
    const gadgets = page.getByRole('region', { name: 'Gadget features matrix' });
    await statusSays(istio, '25 of 43 features');
    await statusSays(gadgets, '4 of 4 features');
    // Options from data attributes: phases, sort, compact legend, columns, title.
    assert.equal(await istio.getByRole('columnheader', { name: 'Phase' }).getAttribute('aria-sort'), 'descending');
    await istio.getByText('Phase definitions', { exact: true }).click();
    assert.deepEqual((await istio.getByRole('term').allTextContents()).map((t) => t.replace(/[○◐●]/g, '').trim()), ['Alpha', 'Beta', 'Stable'], 'compact legend lists phases');
    assert.match(await istio.getByRole('definition').first().textContent(), /^Demo-able, works end-to-end/);
    const headers = await gadgets.getByRole('columnheader').allTextContents();
    assert.deepEqual(headers.map((h) => h.replace(/[↕▲▼]/g, '').trim()), ['Feature', 'Phase']);
    assert.equal(await gadgets.getByRole('link', { name: 'Self-aligning sprockets' }).getAttribute('href'), 'https://gadgets.example/docs/sprockets/aligning/');
    assert.equal(await gadgets.getByRole('link', { name: 'Helical gears' }).getAttribute('href'), 'https://gadgets.example/blog/helical');
    // Independent state and URL keys.
    await searchBox(gadgets).fill('sprockets');
    await statusSays(gadgets, '2 of 4 features');
    await statusSays(istio, '25 of 43 features');
    await page.waitForFunction(() => location.search === '?gadgets.q=sprockets', null, { timeout: 3000 }).catch(async (e) => { throw new Error(`address is ${await page.evaluate(() => location.href)}`); });
    await shot(page, 'embed-example.png');
    assert.deepEqual(errors, []);
    const foreign = requests.filter((u) => !u.startsWith(`${site.base}/docs/v2/widget/`));
    assert.deepEqual(foreign, [], 'every request stays on the origin, under the sub-path');
    await context.close();
  });

  test('an invalid custom catalog shows its problems in its own box; the rest keeps working', async () => {
    const { page, context, errors } = await open(`${site.base}/docs/v2/widget/test-pages/invalid.html`);
    const good = page.getByRole('region', { name: 'good' });
    await statusSays(good, '43 of 43 features');
    const bad = page.getByRole('region', { name: 'bad values' }).getByRole('alert');
    await bad.waitFor();
    const text = await bad.textContent();
    assert.match(text, /its catalog has 1 problem\./);
    assert.match(text, /inline catalog #bad-values: categories\[0\]\.features\[2\]: field `colour`: unknown field/);
    assert.doesNotMatch(text, /Teleporter/, 'shape problems are reported before values are checked');
    assert.match(await page.getByRole('region', { name: 'bad json' }).getByRole('alert').textContent(), /inline catalog #bad-json: invalid JSON at line 1, column 17(?!\d)/, 'where the JSON breaks off');
    assert.match(await page.getByRole('region', { name: 'missing' }).getByRole('alert').textContent(), /no element matches "#does-not-exist"/);
    await searchBox(good).fill('dns');
    await statusSays(good, '1 of 43 features');
    assert.ok(await page.getByText('The host page keeps working.').isVisible());
    await shot(page, 'invalid-catalogs.png');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('value problems in a custom catalog name the entry and field, and no link is rendered', async () => {
    const { page, context } = await open(`${site.base}/docs/v2/widget/test-pages/api.html`);
    const problems = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      await m.mount(document.getElementById('custom'), {
        id: 'broken',
        catalog: { categories: [{ name: 'Core', features: [
          { name: 'Teleporter', phase: 'Gamma' },
          { name: 'Click me', phase: 'Beta', link: 'javascript:alert(1)' },
        ] }] },
      });
      return document.querySelector('#custom [role=alert]').textContent;
    });
    assert.match(problems, /catalog option: feature "Teleporter" \(Core, row 1\): field `phase`: unknown phase "Gamma"/);
    assert.match(problems, /feature "Click me" \(Core, row 2\): field `link`: link "javascript:alert\(1\)" uses the scheme "javascript"/);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    await context.close();
  });

  test('mount() with an options object, destroy() restores the fallback, re-mount works', async () => {
    const { page, context, errors } = await open(`${site.base}/docs/v2/widget/test-pages/api.html`);
    const ids = await page.evaluate(async () => {
      const m = await import('../feature-matrix.js');
      window.fm = m;
      window.h1 = await m.mount(document.getElementById('later'), { search: 'tls', view: 'matrix', phases: ['beta', 'stable'] });
      window.h2 = await m.mount(document.getElementById('custom'), {
        id: 'objects', title: 'From an object', columns: ['feature', 'category'],
        catalog: { docsBase: 'https://x.example', categories: [{ name: 'Only', features: [{ name: 'Thing', phase: 'Beta', link: '/thing/' }] }] },
      });
      return [window.h1.id, window.h2.id];
    });
    assert.deepEqual(ids, ['fm', 'objects']);
    await statusSays(widget(page, 0), '4 of 43 features');
    assert.equal(await widget(page, 0).getByRole('button', { name: 'Matrix', exact: true }).getAttribute('aria-pressed'), 'true');
    const objects = page.getByRole('region', { name: 'From an object matrix' });
    assert.equal(await objects.getByRole('link', { name: 'Thing' }).getAttribute('href'), 'https://x.example/thing/');
    assert.equal(await page.locator('#fallback').count(), 0, 'the fallback is replaced');

    const again = await page.evaluate(() => window.fm.mount(document.getElementById('later')).then(() => 'mounted', (e) => String(e)));
    assert.match(again, /already holds a widget/);

    await page.evaluate(() => window.h1.destroy());
    assert.equal(await page.locator('#fallback').count(), 1, 'destroy() puts the fallback back');
    assert.equal(await page.getByRole('region', { name: / matrix$/ }).count(), 1);
    await page.evaluate(() => window.h1.destroy());
    await page.evaluate(async () => { window.h3 = await window.fm.mount(document.getElementById('later'), { legend: 'none' }); });
    await statusSays(widget(page, 0), '43 of 43 features');
    assert.equal(await widget(page, 0).getByText('Phase definitions').count(), 0, 'legend: none');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hostile host CSS does not break the widget, and the widget does not restyle the host', async () => {
    const normal = await open(`${site.base}/docs/v2/widget/index.html`);
    await statusSays(normal.page, '43 of 43 features');
    const measure = (page) => widget(page, 0).evaluate((w) => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { w: Math.round(r.width), h: Math.round(r.height) }; };
      const cs = (el) => getComputedStyle(el);
      const input = w.querySelector('input[type=search]');
      const sort = w.querySelector('th button');
      const table = w.querySelector('table');
      return {
        input: box(input).h, inputBg: cs(input).backgroundColor, sort: box(sort).h, sortTransform: cs(sort).textTransform,
        sortFloat: cs(sort).float, tableDisplay: cs(table).display, tableBg: cs(table).backgroundColor,
        tableFitsRegion: Math.abs(box(table).w - box(table.parentElement).w) <= 2,
        cellPad: cs(w.querySelector('tbody td')).paddingTop, chip: box(w.querySelector('[aria-pressed]')).h,
        rowBgs: [...w.querySelectorAll('tbody tr')].slice(0, 4).map((tr) => cs(tr).backgroundColor),
      };
    });
    const expected = await measure(normal.page);
    await normal.context.close();

    const { page, context, errors } = await open(`${site.base}/docs/v2/widget/test-pages/hostile.html`);
    await statusSays(page, '43 of 43 features');
    const got = await measure(page);
    assert.deepEqual(got, expected);
    // Nothing leaks out: the host's own elements keep the host's styles.
    const host = await page.evaluate(() => {
      const b = getComputedStyle(document.getElementById('host-button'));
      const t = getComputedStyle(document.getElementById('host-table'));
      return [b.backgroundColor, b.textTransform, t.backgroundColor, t.display];
    });
    assert.deepEqual(host, ['rgb(255, 0, 0)', 'uppercase', 'rgb(255, 255, 0)', 'block']);
    await searchBox(page).fill('gateway');
    await statusSays(page, '3 of 43 features');
    await shot(page, 'hostile-css.png');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every rule in the stylesheet styles .fm only (the page gets --fm-* properties and a block <feature-matrix>), and the widget sets no style attributes', async () => {
    const css = readFileSync('www/feature-matrix.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{/g, '');
    const rules = [...css.matchAll(/([^{}@;]+)\{([^{}]*)\}/g)].map((m) => [m[1].trim(), m[2].trim()]).filter(([s]) => s && !s.startsWith('@'));
    assert.ok(rules.length > 100, `${rules.length} rules read`);
    const outside = rules.filter(([selector, body]) => {
      const scoped = selector.split(',').every((x) => x.trim().startsWith('.fm'));
      // The custom properties' values, at no specificity; and the element's display.
      const properties = selector.startsWith(':where(') && body.split(';').every((d) => !d.trim() || d.trim().startsWith('--fm-'));
      const element = selector === 'feature-matrix' && body.replace(/\s/g, '') === 'display:block;';
      return !(scoped || properties || element);
    });
    assert.deepEqual(outside, []);
    const { page, context } = await open(`${site.base}/docs/v2/widget/index.html`);
    await statusSays(page, '43 of 43 features');
    await page.getByRole('button', { name: 'Matrix', exact: true }).click();
    await searchBox(page).fill('a');
    assert.equal(await page.locator('.fm[style], .fm [style]').count(), 0);
    await context.close();
  });

  test('widgets created inside hidden containers work once shown', async () => {
    const { page, context, errors } = await open(`${site.base}/docs/v2/widget/test-pages/hidden.html`);
    await page.waitForFunction(() => document.querySelectorAll('[data-fm-mounted]').length === 3);
    await page.evaluate(() => {
      document.getElementById('none').style.display = 'block';
      document.getElementById('closed').open = true;
      document.getElementById('tab-intro').hidden = true;
      document.getElementById('tab-features').hidden = false;
    });
    for (const id of ['none', 'closed', 'tab']) {
      const w = page.locator(`#${id}`);
      await statusSays(w, '43 of 43 features');
      assert.equal(await w.getByRole('table', { name: /features by category/ }).getByRole('row').filter({ has: page.getByRole('cell') }).count(), 43);
      await searchBox(w).fill('dns');
      await statusSays(w, '1 of 43 features');
      assert.ok(await w.getByRole('link', { name: 'DNS Proxying' }).isVisible());
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('strict CSP', () => {
  test(`the demo and the embed example run under "${CSP}" with zero violations`, async () => {
    const strict = await serve([['/', DIST]], { headers: { 'Content-Security-Policy': CSP } });
    try {
      for (const path of ['/index.html', '/examples/embed.html', '/examples/two-instances.html']) {
        const { page, context, errors } = await open(`${strict.base}${path}`, {
          init: () => {
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
          },
        });
        await statusSays(page.getByRole('region', { name: / matrix$/ }).first(), 'of');
        const w = widget(page, 0);
        await searchBox(w).fill('tls');
        await w.getByRole('button', { name: 'Matrix', exact: true }).click();
        await w.getByRole('button', { name: 'Table', exact: true }).click();
        await w.getByRole('button', { name: 'Feature', exact: true }).click();
        const [d] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: /as CSV$/ }).click()]);
        // The file holds exactly the rows the reader sees, header first.
        const lines = readFileSync(await d.path(), 'utf8').trimEnd().split('\r\n');
        const shown = Number((await w.getByRole('status').textContent()).match(/^(\d+) of/)[1]);
        assert.equal(lines[0], 'id,feature,category,phase,docs,note', path);
        assert.equal(lines.length, 1 + shown, `${path}: ${shown} rows exported`);
        assert.ok(lines.slice(1).every((l) => /tls/i.test(l)), `${path}: only rows matching the search`);
        // Violations are reported as events after the fact: let two frames pass first.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
        assert.deepEqual(errors, [], path);
        await context.close();
      }
    } finally {
      await strict.close();
    }
  });
});

describe('single-file build', () => {
  test('works opened from file://, also from a page in another folder', async () => {
    for (const [file, status] of [['dist/examples/single-file.html', '43 of 43 features'], ['tests/e2e/pages/elsewhere/single-file.html', '1 of 43 features']]) {
      const { page, context, errors, requests } = await open(pathToFileURL(resolve(file)).href);
      await statusSays(page, status);
      await searchBox(page).fill('mutual');
      await statusSays(page, '3 of 43 features');
      assert.deepEqual(errors, [], file);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'nothing but local files');
      if (file.startsWith('dist')) await shot(page, 'single-file.png');
      await context.close();
    }
  });

  test('says so when WebAssembly cannot run, above what the placeholder shows', async () => {
    const { page, context, errors } = await open(pathToFileURL(resolve('dist/examples/single-file.html')).href, {
      init: () => { delete globalThis.WebAssembly; },
    });
    const note = page.getByText('The interactive feature table could not be loaded.', { exact: true });
    await note.waitFor();
    assert.equal(await note.count(), 1);
    const fallback = page.getByRole('link', { name: 'Istio feature status' });
    assert.ok(await fallback.isVisible(), "the placeholder's own content stays");
    assert.ok((await fallback.boundingBox()).y > (await note.boundingBox()).y, 'the note comes first');
    assert.ok(errors.some((e) => e.includes('feature-matrix: could not start')), errors.join(' | '));
    await context.close();
  });
});

describe('Hugo example', () => {
  test('the example site builds with hugo and its shortcodes render working widgets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-hugo-'));
    try {
      cpSync('www/hugo', dir, { recursive: true });
      cpSync(DIST, join(dir, 'static/feature-matrix'), { recursive: true });
      execFileSync('hugo', ['-s', dir, '-d', join(dir, 'public'), '--quiet'], { stdio: 'inherit' });
      const hugo = await serve([['/', join(dir, 'public')]]);
      try {
        const { page, context, errors, requests } = await open(`${hugo.base}/`);
        await statusSays(widget(page, 0), '43 of 43 features');
        const alpha = page.getByRole('region', { name: 'Alpha features matrix' });
        await statusSays(alpha, '10 of 43 features');
        assert.equal(await alpha.getByText('Phase definitions').count(), 0);
        assert.equal(await alpha.getByRole('row').filter({ has: page.getByRole('cell') }).count(), 10);
        assert.deepEqual(errors, []);
        assert.deepEqual(requests.filter((u) => !u.startsWith(hugo.base)), []);
        await shot(page, 'hugo-example.png');
        await context.close();
      } finally {
        await hugo.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
