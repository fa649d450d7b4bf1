// Istio releases: the picker, the four-phase legend, history and "since", and the changes view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, featureRows, launch, openDemo, searchBox, shot, statusSays } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('Istio releases', () => {
  test('switching releases shows each release, with its legend, history and since column', async () => {
    const { page, context, errors } = await openDemo(browser);
    const picker = page.getByRole('combobox', { name: 'Release' });
    assert.equal(await picker.inputValue(), '', 'the Feature Status page is the default');
    await picker.selectOption('1.10');
    await statusSays(page, '44 of 44 features');
    await page.waitForFunction(() => location.search === '?fm.release=1.10');
    await picker.selectOption('1.24');
    await statusSays(page, '64 of 64 features');
    // The legend follows the era: four phases, fifteen aspects.
    await page.getByText('Phase definitions', { exact: true }).click();
    const defs = page.getByRole('table', { name: 'What each phase means' });
    assert.deepEqual((await defs.getByRole('columnheader').allTextContents()).map((t) => t.replace(/[◌○◐●⊘]/g, '').trim()), ['Experimental', 'Alpha', 'Beta', 'Stable']);
    // 16 aspect rows: the definitions of 1.10+ carry two "Support" rows, kept as published.
    assert.equal(await defs.getByRole('row').count(), 17);
    // History: Sidecar API became Stable in 1.24.
    const sidecar = featureRows(page).filter({ hasText: 'Sidecar API' });
    assert.equal((await sidecar.getByRole('cell').last().textContent()).trim(), '1.24');
    await sidecar.getByText('History').click();
    assert.match(await sidecar.getByRole('listitem').allTextContents().then((t) => t.join(' | ')), /1\.10\s*◐\s*Beta \| 1\.24\s*●\s*Stable/);
    // Sorting by Since puts the oldest first.
    await page.getByRole('button', { name: 'Since', exact: true }).click();
    assert.equal(await page.getByRole('columnheader', { name: 'Since' }).getAttribute('aria-sort'), 'ascending');
    await shot(page, 'release-1.24.png');
    assert.deepEqual(await axeViolations(page), []);
    // Back to the page.
    await picker.selectOption('');
    await statusSays(page, '43 of 43 features');
    assert.equal(await page.getByRole('columnheader', { name: 'Since' }).count(), 0);
    await page.goBack();
    await statusSays(page, '64 of 64 features');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the changes view lists what moved between two releases, and search filters it', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.24' });
    await statusSays(page, '64 of 64 features');
    await page.getByRole('button', { name: 'Changes', exact: true }).click();
    const changes = page.getByRole('region', { name: 'Changes from Istio 1.23 to Istio 1.24' });
    await changes.waitFor();
    const promoted = changes.getByRole('region', { name: /^Promoted \(\d+\)$/ });
    assert.match(await promoted.textContent(), /Sidecar API:\s*◐\s*Beta\s*→\s*●\s*Stable/);
    assert.match(await promoted.textContent(), /Istio CNI Plugin:\s*◐\s*Beta\s*→\s*●\s*Stable/);
    await changes.getByRole('combobox', { name: 'Compare with' }).selectOption('1.12');
    await page.getByRole('region', { name: 'Changes from Istio 1.12 to Istio 1.24' }).waitFor();
    await page.waitForFunction(() => location.search.includes('fm.from=1.12'));
    await searchBox(page).fill('dns');
    const moved = page.getByRole('region', { name: /^Promoted \(\d+\)$/ });
    assert.deepEqual(await moved.getByRole('listitem').allTextContents().then((items) => items.map((t) => t.split(':')[0].trim())), ['DNS Proxying']);
    await shot(page, 'release-changes.png');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('code spans in feature names show as code, as istio.io prints them, and accessible names drop the backticks', async () => {
    const { page, context, errors } = await openDemo(browser, { path: '?fm.release=1.28&fm.q=authentication' });
    const row = featureRows(page).filter({ hasText: 'PeerAuthentication' });
    const name = row.getByRole('rowheader');
    await name.waitFor();
    assert.doesNotMatch(await name.textContent(), /`/);
    assert.equal(await name.getByRole('code').first().textContent(), 'PeerAuthentication');
    // The searched word is marked inside the code span too.
    assert.equal(await name.getByRole('code').first().locator('mark').textContent(), 'Authentication');
    await name.getByText('Details').click();
    await row.getByRole('link', { name: 'Source of PeerAuthentication in features.yaml' }).waitFor();
    for (const label of await row.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? a.textContent))) {
      assert.doesNotMatch(label, /`/, label);
    }
    // The matrix view and the changes view show the same code spans.
    await page.getByRole('button', { name: 'Matrix', exact: true }).click();
    await page.getByRole('list').getByRole('code').filter({ hasText: 'PeerAuthentication' }).first().waitFor();
    await shot(page, 'code-spans-matrix.png');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
