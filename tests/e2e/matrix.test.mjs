// The demo page driven as a reader would: by roles and accessible names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, featureRows, launch, openDemo, rowNames, rowPhases, shot, statusSays } from './helpers.mjs';

const ORDER = { Alpha: 0, Beta: 1, Stable: 2 };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('the feature matrix on the demo page', () => {
  test('shows all 43 features grouped by category in page order, with no errors and no foreign requests', async () => {
    const { page, context, errors, requests } = await openDemo(browser);
    assert.equal(await featureRows(page).count(), 43);
    await assert.doesNotReject(statusSays(page, '43 of 43 features'));
    const headings = await page.getByRole('rowheader', { name: /\(\d+\)$/ }).allTextContents();
    assert.deepEqual(headings.map((h) => h.trim()), [
      'Traffic management (13)', 'Observability (8)', 'Extensibility (1)',
      'Security and policy enforcement (9)', 'Core (12)',
    ]);
    const names = await rowNames(page);
    assert.equal(names[0], 'Protocols: HTTP1.1 / HTTP2 / gRPC / TCP');
    assert.equal(names[42], 'Helm Based Installation');
    // The default order is the page's: sorted by category, ascending.
    const categoryHeader = page.getByRole('columnheader', { name: 'Category' });
    assert.equal(await categoryHeader.getAttribute('aria-sort'), 'ascending');
    await shot(page, 'demo-light.png');
    assert.deepEqual(errors, []);
    const origin = new URL(BASE).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request leaves the serving origin');
    await context.close();
  });

  test('links resolve to istio.io, the absolute link stays, the IPv6 note shows while its phase stays Alpha', async () => {
    const { page, context } = await openDemo(browser);
    const dns = page.getByRole('link', { name: 'DNS Proxying' });
    assert.equal(await dns.getAttribute('href'), 'https://istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/');
    const telemetry = page.getByRole('link', { name: 'Client and Server Telemetry Reporting' });
    assert.equal(await telemetry.getAttribute('href'), 'https://istio.io/v1.6/docs/reference/config/policy-and-telemetry/');
    const hrefs = await page.getByRole('table', { name: /features by category/ }).getByRole('link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) assert.match(href, /^(https:\/\/istio\.io\/|#fm--def-)/);
    const ipv6 = featureRows(page).filter({ hasText: 'IPv6 Support for Kubernetes' });
    assert.match(await ipv6.getByRole('rowheader').textContent(), /Note: Dual-stack IPv4 and IPv6 is not supported\./);
    assert.equal((await ipv6.getByRole('cell').nth(1).textContent()).replace(/[○◐●]/g, '').trim(), 'Alpha');
    await context.close();
  });

  test('typing "dns" leaves exactly the DNS Proxying row, highlighted, and the status says 1', async () => {
    const { page, context } = await openDemo(browser);
    const search = page.getByRole('searchbox', { name: 'Filter features' });
    const before = await search.boundingBox();
    await search.pressSequentially('dns');
    await statusSays(page, '1 of 43 features');
    assert.deepEqual(await rowNames(page), ['DNS Proxying']);
    const mark = featureRows(page).first().locator('mark');
    assert.deepEqual(await mark.allTextContents(), ['DNS']);
    assert.deepEqual(await search.boundingBox(), before, 'the search box does not move while typing');
    // Case-insensitive, every term must match.
    await search.fill('MUTUAL tls');
    await statusSays(page, '3 of 43 features');
    assert.deepEqual(await rowNames(page), ['Service-to-service mutual TLS', 'Automatic mutual TLS', 'Mutual TLS Migration']);
    await context.close();
  });

  test('phase filters toggle with aria-pressed and show counts for the current search', async () => {
    const { page, context } = await openDemo(browser);
    const phaseGroup = page.getByRole('group', { name: 'Phase', exact: true });
    const alpha = phaseGroup.getByRole('button', { name: /^Alpha/ });
    assert.equal(await alpha.getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await phaseGroup.getByRole('button').allTextContents(), ['Alpha10', 'Beta15', 'Stable18']);
    await alpha.click();
    assert.equal(await alpha.getAttribute('aria-pressed'), 'true');
    await statusSays(page, '10 of 43 features');
    assert.ok((await rowPhases(page)).every((p) => p === 'Alpha'));
    // Counts follow the search text.
    await page.getByRole('searchbox', { name: 'Filter features' }).fill('security');
    await statusSays(page, '0 of 43 features');
    assert.deepEqual(await phaseGroup.getByRole('button').allTextContents(), ['Alpha0', 'Beta5', 'Stable4']);
    // The empty state says what matched nothing, and clears.
    await assert.doesNotReject(page.getByText('No features match “security” in phase Alpha.').waitFor());
    await shot(page, 'empty-state.png');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await statusSays(page, '43 of 43 features');
    assert.equal(await alpha.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getByRole('searchbox', { name: 'Filter features' }).inputValue(), '');
    await context.close();
  });

  test('category filter narrows to one category', async () => {
    const { page, context } = await openDemo(browser);
    const core = page.getByRole('group', { name: 'Category' }).getByRole('button', { name: /^Core/ });
    await core.click();
    await statusSays(page, '12 of 43 features');
    const cats = await featureRows(page).evaluateAll((rows) => rows.map((r) => r.cells[1].textContent));
    assert.ok(cats.every((c) => c === 'Core'), cats.join());
    await context.close();
  });

  test('sorting by Phase uses maturity order both ways, stable, with aria-sort', async () => {
    const { page, context } = await openDemo(browser);
    const pageOrder = await rowNames(page);
    const header = page.getByRole('columnheader', { name: 'Phase' });
    await header.getByRole('button', { name: 'Phase' }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent.startsWith('Phase'));
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.equal(await page.getByRole('columnheader', { name: 'Category' }).getAttribute('aria-sort'), null);
    const asc = await rowPhases(page);
    assert.equal(asc.length, 43);
    for (let i = 1; i < asc.length; i++) assert.ok(ORDER[asc[i - 1]] <= ORDER[asc[i]], `ascending at ${i}`);
    const names = await rowNames(page);
    const phases = Object.fromEntries(names.map((n, i) => [n, asc[i]]));
    for (const phase of ['Alpha', 'Beta', 'Stable']) {
      assert.deepEqual(names.filter((n) => phases[n] === phase), pageOrder.filter((n) => phases[n] === phase), `ties keep page order (${phase})`);
    }
    assert.equal(await page.getByRole('rowheader', { name: /\(\d+\)$/ }).count(), 0, 'no category headings when not sorted by category');

    await header.getByRole('button', { name: 'Phase' }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const desc = await rowPhases(page);
    for (let i = 1; i < desc.length; i++) assert.ok(ORDER[desc[i - 1]] >= ORDER[desc[i]], `descending at ${i}`);
    const descNames = await rowNames(page);
    assert.deepEqual(descNames.filter((n) => phases[n] === 'Stable'), pageOrder.filter((n) => phases[n] === 'Stable'));
    await shot(page, 'sorted-by-phase-desc.png');
    await context.close();
  });

  test('keyboard only: Tab to the Feature sort button and press Enter', async () => {
    const { page, context } = await openDemo(browser);
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'Feature'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent.replace(/[↕▲▼]/g, '').trim() : ''));
    }
    assert.equal(focused, 'Feature', 'the Feature sort button is reachable with Tab');
    await page.keyboard.press('Enter');
    const header = page.getByRole('columnheader', { name: 'Feature' });
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent.startsWith('Feature'));
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const names = await rowNames(page);
    const sorted = [...names].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
    assert.deepEqual(names, sorted);
    // The focus ring is visible on the focused button.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid');
    await context.close();
  });

  test('a phase badge leads to its definition in the collapsible legend', async () => {
    const { page, context } = await openDemo(browser);
    const legend = page.locator('details').filter({ has: page.getByText('Phase definitions') });
    assert.equal(await legend.evaluate((d) => d.open), false);
    const row = featureRows(page).filter({ hasText: 'Sidecar API' });
    await row.getByRole('link', { name: /Beta/ }).click();
    assert.equal(await legend.evaluate((d) => d.open), true);
    const definitions = page.getByRole('table', { name: 'What each phase means' });
    const beta = definitions.getByRole('columnheader', { name: /Beta/ });
    await page.waitForFunction(() => document.activeElement?.tagName === 'TH' && document.activeElement.textContent.includes('Beta'));
    assert.ok(await beta.evaluate((th) => th === document.activeElement));
    assert.equal(await definitions.getByRole('row').count(), 6);
    const policy = definitions.getByRole('link', { name: 'security vulnerability policy' }).first();
    assert.equal(await policy.getAttribute('href'), 'https://istio.io/latest/about/security-vulnerabilities/');
    assert.match(await definitions.getByRole('row', { name: /Deprecation Policy/ }).textContent(), /Weak - 3 months/);
    await shot(page, 'legend-open.png');
    // Closing it with its summary works and stays closed.
    await page.getByText('Phase definitions', { exact: true }).click();
    assert.equal(await legend.evaluate((d) => d.open), false);
    await context.close();
  });

  test('works at 320 px without horizontal page scroll, and in dark mode', async () => {
    const { page, context, errors } = await openDemo(browser, { width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await shot(page, 'demo-320px.png');
    assert.deepEqual(errors, []);
    await context.close();

    const dark = await openDemo(browser, { colorScheme: 'dark' });
    const bg = await dark.page.getByRole('region', { name: /matrix/ }).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(13, 17, 23)');
    await dark.page.getByRole('searchbox', { name: 'Filter features' }).fill('tls');
    await statusSays(dark.page, '4 of 43 features');
    await shot(dark.page, 'demo-dark-search.png');
    await dark.context.close();
  });
});
