// A docs site as a maintainer builds one with MkDocs Material (from PyPI, in the venv the test
// command makes): two pages with `navigation.instant` (pages replaced without reloading), the
// packaged files in `extra_javascript` as a module and `extra_css`, one <feature-matrix> per
// page. The widget works on the first page and after each of 20 instant navigations back and
// forth, and its heap, listeners and nodes do not grow with them beyond what the theme's own
// instant navigation adds (measured on the same site without the widget: MkDocs Material
// itself keeps some of every page it showed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ARTIFACTS, launch, openPage } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = process.env.FM_DIST ?? 'dist';
const MKDOCS = resolve(process.env.FM_MKDOCS ?? 'target/mkdocs-venv/bin/mkdocs');

let browser;
let site;
let dir;

/// Builds the two-page site in `dir/<name>` for `${site.base}/<name>/`, each page with `body`'s
/// content (its widget, or the same page without one).
function build(name, widget) {
  const root = join(dir, name);
  mkdirSync(join(root, 'docs', 'feature-matrix'), { recursive: true });
  for (const f of ['feature-matrix.js', 'feature-matrix.css', 'feature-badges.js', 'feature-badges.css', 'feature-badges-data.js', 'pkg', 'i18n']) {
    cpSync(join(DIST, f), join(root, 'docs', 'feature-matrix', f), { recursive: true });
  }
  writeFileSync(join(root, 'mkdocs.yml'), `site_name: Mesh docs
site_url: ${site.base}/${name}/
theme:
  name: material
  # No Google Fonts: the page fetches nothing from elsewhere (the widget never does).
  font: false
  features:
    - navigation.instant
extra_css:
  - feature-matrix/feature-matrix.css
extra_javascript:
  - path: feature-matrix/feature-matrix.js
    type: module
nav:
  - Home: index.md
  - Releases: releases.md
`);
  const home = widget ? '<feature-matrix data-id="home"></feature-matrix>' : '<p>No table here.</p>';
  const releases = widget
    ? 'DNS proxying <feature-status feature="traffic.dns_proxying" release="1.24"></feature-status></p><feature-matrix data-id="rel" release="1.24"></feature-matrix>'
    : 'No table here.</p>';
  writeFileSync(join(root, 'docs', 'index.md'), `# Home\n\nEvery feature and its phase:\n\n<div markdown="0">${home}</div>\n`);
  writeFileSync(join(root, 'docs', 'releases.md'), `# Releases\n\n<div markdown="0"><p>Istio 1.24. ${releases}</div>\n`);
  execFileSync(MKDOCS, ['build', '--quiet', '--strict', '-f', join(root, 'mkdocs.yml'), '-d', join(dir, 'site', name)], { stdio: 'inherit' });
}

before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'fm-mkdocs-'));
  // The server first: the site's URL goes into mkdocs.yml (instant navigation needs it).
  site = await serve([['/', join(dir, 'site')]]);
  build('widget', true);
  build('plain', false);
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// Opens the site `name`, goes to the other page and back once, measures, then navigates 20
/// times more (checking the widget each time when `check`) and measures again on the first page.
async function tour(name, check) {
  const { page, context, errors } = await openPage(browser, `${site.base}/${name}/`, { width: 1400 });
  const widget = () => page.getByRole('region', { name: /matrix$/ });
  const search = () => widget().getByRole('searchbox', { name: 'Filter features' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async () => {
    // What the last navigation started has finished (the widget's effects, its change event).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map(({ name: n, value }) => [n, value]));
    const wasm = await page.evaluate(async () => (await globalThis.FeatureMatrix.ready).memory.buffer.byteLength);
    return { heap: m.JSHeapUsedSize + wasm, listeners: m.JSEventListeners, nodes: m.Nodes };
  };
  const go = async (link, path) => {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).filter({ visible: true }).first().click();
    await page.waitForFunction((p) => location.pathname.endsWith(p), `/${name}${path}`);
    if (check) await search().waitFor();
    else await page.getByRole('heading', { level: 1, name: link }).waitFor();
  };
  if (check) {
    await search().fill('dns');
    await widget().getByRole('status').filter({ hasText: /^1 of 43 features$/ }).waitFor();
  }
  // A mark that a full reload would lose.
  await page.evaluate(() => { window.stillHere = true; });
  await go('Releases', '/releases/');
  assert.equal(await page.evaluate(() => window.stillHere), true, 'instant navigation, not a reload');
  if (check) {
    await page.waitForFunction(() => document.querySelector('feature-matrix select')?.selectedOptions[0]?.textContent.includes('1.24'));
    await page.locator('feature-status .fm-badge-since').waitFor();
  }
  await go('Home', '/');
  const first = await measure();
  for (let i = 0; i < 20; i += 1) {
    if (i % 2 === 0) await go('Releases', '/releases/');
    else await go('Home', '/');
    if (check) {
      // Each time a working widget: it filters on typing.
      await search().fill('proxy');
      await widget().getByRole('status').filter({ hasText: /^\d+ of \d+ features$/ }).waitFor();
      assert.equal(await page.getByRole('searchbox', { name: 'Filter features' }).count(), 1);
    }
  }
  assert.equal(await page.evaluate(() => window.stillHere), true);
  await go('Home', '/');
  const last = await measure();
  if (check) await page.screenshot({ path: join(ARTIFACTS, 'mkdocs-material-instant.png') });
  await context.close();
  return { first, last, errors };
}

describe('MkDocs Material with instant navigation', () => {
  test('the element works on the first page and after 20 instant navigations; it leaves nothing to pile up', async (t) => {
    const withWidget = await tour('widget', true);
    // The theme's own growth per navigation, measured on the same site without the widget.
    const plain = await tour('plain', false);
    const grew = (r, k) => r.last[k] - r.first[k];
    t.diagnostic(`with the widget ${JSON.stringify(withWidget.first)} -> ${JSON.stringify(withWidget.last)}; without ${JSON.stringify(plain.first)} -> ${JSON.stringify(plain.last)}`);
    const heap = grew(withWidget, 'heap') - grew(plain, 'heap');
    assert.ok(heap <= withWidget.first.heap * 0.05, `the widget's heap grew ${heap} bytes beyond the theme's own (${withWidget.first.heap} after the first navigation)`);
    assert.ok(grew(withWidget, 'listeners') <= grew(plain, 'listeners'), 'no listener of its own piles up');
    assert.ok(grew(withWidget, 'nodes') <= grew(plain, 'nodes') + withWidget.first.nodes * 0.05, 'no node of its own piles up');
    assert.deepEqual(withWidget.errors, []);
  });
});
