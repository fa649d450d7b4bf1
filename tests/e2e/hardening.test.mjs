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
