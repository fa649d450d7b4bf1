// Reader features: URL state, deep links, matrix view, search quality, export, copy link,
// accessibility audit, keyboard-only use and printing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  axeViolations, featureRows, launch, openDemo, rowNames, rowPhases, searchBox, shot, statusSays, tabTo,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('shareable URL state', () => {
  test('state is restored from the URL on load', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.q=tls&fm.phase=stable&fm.sort=feature-desc' });
    assert.equal(await searchBox(page).inputValue(), 'tls');
    assert.equal(await page.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: /^Stable/ }).getAttribute('aria-pressed'), 'true');
    await statusSays(page, '2 of 43 features');
    assert.equal(await page.getByRole('columnheader', { name: 'Feature' }).getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await rowNames(page), ['TLS termination and SNI Support in Gateways', 'Service-to-service mutual TLS']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('typing replaces the history entry, filters push one, back and forward restore', async () => {
    const { page, context } = await openDemo(browser);
    const length = () => page.evaluate(() => history.length);
    const start = await length();
    await searchBox(page).pressSequentially('dns');
    await statusSays(page, '1 of 43 features');
    await page.waitForFunction(() => location.search === '?fm.q=dns');
    assert.equal(await length(), start, 'typing adds no history entries');

    await searchBox(page).fill('');
    await page.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: /^Beta/ }).click();
    await page.waitForFunction(() => location.search === '?fm.phase=beta');
    await page.getByRole('button', { name: 'Phase', exact: true }).click();
    await page.waitForFunction(() => location.search === '?fm.phase=beta&fm.sort=phase');
    assert.equal(await length(), start + 2);

    await page.goBack();
    await page.waitForFunction(() => location.search === '?fm.phase=beta');
    await statusSays(page, '15 of 43 features');
    assert.equal(await page.getByRole('columnheader', { name: 'Category' }).getAttribute('aria-sort'), 'ascending');
    await page.goBack();
    await statusSays(page, '43 of 43 features');
    await page.goForward();
    await statusSays(page, '15 of 43 features');
    assert.equal(await page.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: /^Beta/ }).getAttribute('aria-pressed'), 'true');
    await context.close();
  });

  test('unknown or garbage parameters are ignored, never a crash', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.phase=omega&fm.sort=sideways&fm.view=3d&fm.cat=%E2%82&fm.zzz=1&other=keep' });
    await statusSays(page, '43 of 43 features');
    assert.equal(await featureRows(page).count(), 43);
    assert.deepEqual(errors, []);
    // The host page's own parameter survives the widget's writes.
    await searchBox(page).fill('dns');
    await page.waitForFunction(() => location.search === '?other=keep&fm.q=dns');
    await context.close();
  });

  test('two instances on one page keep separate state and URL keys', async () => {
    const { page, context, errors } = await openDemo(browser, { path: 'examples/two-instances.html' });
    const [first, second] = [page.getByRole('region', { name: /matrix/ }).nth(0), page.getByRole('region', { name: /matrix/ }).nth(1)];
    await first.getByRole('group', { name: 'Phase', exact: true }).getByRole('button', { name: /^Stable/ }).click();
    await second.getByRole('group', { name: 'Category' }).getByRole('button', { name: /^Security/ }).click();
    await statusSays(first, '18 of 43 features');
    await statusSays(second, '9 of 43 features');
    await page.waitForFunction(() => location.search === '?fm.phase=stable&fm2.cat=security-and-policy-enforcement');
    await searchBox(second).fill('mutual');
    await statusSays(second, '3 of 43 features');
    await statusSays(first, '18 of 43 features');
    await page.reload();
    await statusSays(page.getByRole('region', { name: /matrix/ }).nth(0), '18 of 43 features');
    await statusSays(page.getByRole('region', { name: /matrix/ }).nth(1), '3 of 43 features');
    assert.equal(await searchBox(page.getByRole('region', { name: /matrix/ }).nth(0)).inputValue(), '');
    // Ids never clash between the two.
    const dupes = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    assert.deepEqual(dupes, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('"Copy link" copies a link that reproduces the view', async () => {
    const { page, context } = await openDemo(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await searchBox(page).fill('gateway');
    await page.getByRole('button', { name: 'Matrix', exact: true }).click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await statusSays(page, 'Link to this view copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url());
    assert.match(copied, /\?fm\.q=gateway&fm\.view=matrix$/);
    const again = await openDemo(browser, { path: new URL(copied).search });
    assert.equal(await again.page.getByRole('button', { name: 'Matrix', exact: true }).getAttribute('aria-pressed'), 'true');
    await statusSays(again.page, '3 of 43 features');
    await again.context.close();
    await context.close();
  });
});

describe('deep links', () => {
  test('a feature anchor scrolls to the row and highlights it', async () => {
    const { page, context } = await openDemo(browser, { width: 1000, height: 500, path: '#fm-traffic-management-dns-proxying' });
    const row = featureRows(page).filter({ hasText: 'DNS Proxying' });
    await page.waitForFunction(() => document.activeElement?.id === 'fm-traffic-management-dns-proxying');
    assert.ok(await row.isVisible());
    const box = await row.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 500, `row is in the viewport (y=${box.y})`);
    await statusSays(page, 'Showing “DNS Proxying”.');
    await context.close();
  });

  test('when filters hide the target, the widget clears them and says so', async () => {
    const { page, context } = await openDemo(browser, { path: '?fm.phase=stable&fm.q=tls&fm.view=matrix#fm-core-ipv6-support-for-kubernetes' });
    await statusSays(page, 'Showing “IPv6 Support for Kubernetes”: cleared the search and the phase filter that hid it.');
    assert.equal(await searchBox(page).inputValue(), '');
    assert.ok(await featureRows(page).filter({ hasText: 'IPv6 Support for Kubernetes' }).isVisible());
    await page.waitForFunction(() => location.search === '');
    await context.close();
  });

  test('following an in-page link to a feature works too, also when the search hides it', async () => {
    const { page, context } = await openDemo(browser, { width: 1000, height: 500 });
    await searchBox(page).fill('dns');
    await statusSays(page, '1 of 43 features');
    await page.evaluate(() => { location.hash = 'fm-observability-trace-sampling'; });
    await page.waitForFunction(() => document.activeElement?.id === 'fm-observability-trace-sampling');
    await statusSays(page, /Showing “Trace Sampling”: cleared the search that hid it\./);
    assert.equal(await searchBox(page).inputValue(), '');
    const row = featureRows(page).filter({ hasText: 'Trace Sampling' });
    const box = await row.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 500, `the row is in the viewport (y=${box?.y})`);
    // The cleared search leaves the address too.
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('fm.q'));
    await context.close();
  });
});

describe('matrix view', () => {
  test('counts equal the table counts, with and without a search', async () => {
    const { page, context } = await openDemo(browser);
    for (const q of ['', 'tls', 'kubernetes']) {
      await searchBox(page).fill(q);
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      const phases = await rowPhases(page);
      const cats = await featureRows(page).evaluateAll((rows) => rows.map((r) => r.cells[1].textContent));
      const expected = {};
      phases.forEach((p, i) => { expected[`${cats[i]}|${p}`] = (expected[`${cats[i]}|${p}`] ?? 0) + 1; });

      await page.getByRole('button', { name: 'Matrix', exact: true }).click();
      const grid = page.getByRole('table', { name: /by category \(rows\) and phase/ });
      await grid.waitFor();
      const got = await grid.evaluate((t) => {
        const heads = [...t.tHead.rows[0].cells].slice(1).map((c) => c.textContent.replace(/[○◐●]/g, '').trim());
        const out = {};
        for (const r of t.tBodies[0].rows) {
          const name = r.cells[0].querySelector('span').textContent;
          [...r.cells].slice(1).forEach((c, i) => {
            const n = Number(c.firstElementChild.firstChild.textContent);
            const listed = c.querySelectorAll('li').length;
            if (n !== listed) throw new Error(`count ${n} but ${listed} listed`);
            if (n) out[`${name}|${heads[i]}`] = n;
          });
        }
        return out;
      });
      assert.deepEqual(got, expected, `search ${JSON.stringify(q)}`);
      const total = Object.values(got).reduce((a, b) => a + b, 0);
      await statusSays(page, `${total} of 43 features`);
    }
    const bar = page.getByRole('img', { name: /Maturity mix of Traffic management/ });
    assert.equal(await bar.getAttribute('aria-label'), 'Maturity mix of Traffic management: 1 Alpha, 0 Beta, 0 Stable');
    await context.close();
  });
});

describe('search quality', () => {
  test('aliases, accents, "/" to search and Escape to clear', async () => {
    const { page, context } = await openDemo(browser);
    const box = searchBox(page);
    for (const [q, n] of [['mtls', 3], ['k8s', 6], ['VM', 2], ['wasm', 1], ['authz', 1], ['prométhéus', 1], ['PROMETHEUS', 1]]) {
      await box.fill(q);
      await statusSays(page, `${n} of 43 features`);
    }
    await box.fill('mtls');
    assert.deepEqual(await featureRows(page).first().locator('mark').allTextContents(), ['mutual TLS']);
    await page.getByRole('heading', { name: 'Feature Status', level: 1 }).click();
    await page.keyboard.press('/');
    assert.ok(await box.evaluate((el) => el === document.activeElement), '"/" focuses the search box');
    assert.equal(await box.inputValue(), 'mtls', '"/" is not typed into the box');
    await page.keyboard.press('Escape');
    await statusSays(page, '43 of 43 features');
    assert.equal(await box.inputValue(), '');
    await context.close();
  });
});

describe('export', () => {
  test('CSV, JSON and Markdown hold exactly the visible rows', async () => {
    const { page, context } = await openDemo(browser);
    await searchBox(page).fill('tls');
    await page.getByRole('button', { name: 'Phase', exact: true }).click();
    await statusSays(page, '4 of 43 features');
    const visible = await rowNames(page);
    const download = async (label) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export visible features as ${label}` }).click()]);
      return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
    };
    const csv = await download('CSV');
    assert.equal(csv.name, 'feature-status-features.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,feature,category,phase,docs,note');
    assert.equal(lines.length, 1 + visible.length);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[1]), visible);
    assert.equal(lines[1], 'security-and-policy-enforcement-automatic-mutual-tls,Automatic mutual TLS,Security and policy enforcement,Beta,https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#auto-mutual-tls,');
    await statusSays(page, 'Exported 4 features as CSV.');

    const json = JSON.parse((await download('JSON')).text);
    assert.deepEqual(json.map((r) => r.feature), visible);
    assert.deepEqual(Object.keys(json[0]), ['id', 'feature', 'category', 'phase', 'docs', 'note']);

    const md = (await download('Markdown')).text.trimEnd().split('\n');
    assert.equal(md[0], '| Feature | Category | Phase | Note |');
    assert.equal(md.length, 2 + visible.length);
    assert.equal(md[2], '| [Automatic mutual TLS](https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#auto-mutual-tls) | Security and policy enforcement | Beta |  |');
    await context.close();
  });
});

describe('accessibility', () => {
  test('axe-core finds no violations: light, dark, 360 px and matrix view', async () => {
    for (const [name, opts, matrix] of [
      ['light', {}, false], ['dark', { colorScheme: 'dark' }, false], ['360px', { width: 360, height: 800 }, false],
      ['matrix', {}, true], ['matrix-dark', { colorScheme: 'dark' }, true],
    ]) {
      const { page, context } = await openDemo(browser, opts);
      if (matrix) await page.getByRole('button', { name: 'Matrix', exact: true }).click();
      await searchBox(page).fill('s');
      await page.getByText('Phase definitions', { exact: true }).click();
      assert.deepEqual(await axeViolations(page), [], name);
      await context.close();
    }
  });

  test('keyboard only: search, filter, sort, switch view, open a definition, export', async () => {
    const { page, context } = await openDemo(browser);
    await page.keyboard.press('/');
    await page.keyboard.type('mutual');
    await statusSays(page, '3 of 43 features');
    await tabTo(page, 'the Beta filter', (el) => el.tag === 'BUTTON' && el.text.startsWith('Beta'));
    await page.keyboard.press('Space');
    await statusSays(page, '2 of 43 features');
    await tabTo(page, 'the Feature sort button', (el) => el.tag === 'BUTTON' && el.text.replace(/[↕▲▼]/g, '').trim() === 'Feature');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent.startsWith('Feature'));
    assert.deepEqual(await rowNames(page), ['Automatic mutual TLS', 'Mutual TLS Migration']);
    await tabTo(page, 'a phase badge', (el) => el.tag === 'A' && el.text.includes('Beta'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'fm--def-beta');
    // Back up to the toolbar: Shift+Tab until the Matrix view button.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Shift+Tab');
      if (await page.evaluate(() => document.activeElement?.textContent.trim() === 'Matrix')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /by category \(rows\) and phase/ }).waitFor();
    await tabTo(page, 'the CSV export', (el) => el.tag === 'BUTTON' && el.text === 'Export visible features as CSV');
    const [d] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal((await readFile(await d.path(), 'utf8')).trimEnd().split('\r\n').length, 3);
    await context.close();
  });

  test('touch targets are at least 24 by 24 px', async () => {
    for (const matrix of [false, true]) {
      const { page, context } = await openDemo(browser, { width: 360, height: 800 });
      if (matrix) await page.getByRole('button', { name: 'Matrix', exact: true }).click();
      const region = page.getByRole('region', { name: /matrix$/ });
      const small = [];
      for (const target of [...await region.getByRole('button').all(), ...await region.getByRole('link').all()]) {
        if (!await target.isVisible()) continue;
        const b = await target.boundingBox();
        if (b.width < 24 || b.height < 24) small.push(`${await target.textContent()} ${b.width}x${b.height}`);
      }
      assert.deepEqual(small, [], matrix ? 'matrix view' : 'table view');
      await context.close();
    }
  });

  test('printing shows the current view without controls, legend included', async () => {
    const { page, context } = await openDemo(browser);
    await searchBox(page).fill('dns');
    await statusSays(page, '1 of 43 features');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await searchBox(page).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Copy link' }).isVisible(), false);
    assert.equal(await featureRows(page).count(), 1);
    assert.ok(await featureRows(page).first().isVisible());
    assert.ok(await page.getByText('Showing features matching “dns”.').isVisible());
    assert.ok(await page.getByRole('table', { name: 'What each phase means' }).isVisible(), 'legend prints even when collapsed');
    await shot(page, 'print.png');
    await context.close();
  });
});

describe('screenshots', () => {
  test('table and matrix views, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await openDemo(browser, { colorScheme, width: 1100, height: 900 });
      await searchBox(page).fill('mesh');
      await statusSays(page, /^\d+ of 43 features$/);
      await searchBox(page).fill('');
      await statusSays(page, '43 of 43 features');
      assert.equal(await featureRows(page).count(), 43, 'the cleared search shows every row again');
      // The theme follows the reader's colour scheme: dark text on light, light on dark.
      const { fg, bg } = await page.getByRole('region', { name: 'Feature Status matrix' }).evaluate((el) => {
        const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        let bgEl = el;
        while (bgEl && getComputedStyle(bgEl).backgroundColor === 'rgba(0, 0, 0, 0)') bgEl = bgEl.parentElement;
        return { fg: lum(getComputedStyle(el).color), bg: lum(getComputedStyle(bgEl ?? document.body).backgroundColor) };
      });
      assert.ok(colorScheme === 'light' ? fg < bg : fg > bg, `${colorScheme}: text ${fg} on background ${bg}`);
      await shot(page, `table-${colorScheme}.png`);
      await page.getByRole('button', { name: 'Matrix', exact: true }).click();
      const matrix = page.getByRole('table', { name: /features by category \(rows\) and phase \(columns\)/ });
      assert.deepEqual((await matrix.getByRole('rowheader').allTextContents()).map((t) => t.split(/\d/)[0].trim()),
        ['Traffic management', 'Observability', 'Extensibility', 'Security and policy enforcement', 'Core', 'All categories']);
      assert.equal(await featureRows(page).count(), 0, 'the table gives way to the matrix');
      await shot(page, `matrix-${colorScheme}.png`);
      await context.close();
    }
  });
});
