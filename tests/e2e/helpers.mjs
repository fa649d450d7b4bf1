// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, the
// demo page served by `cargo xtask test` (FM_BASE_URL), artifacts in FM_ARTIFACTS.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.FM_BASE_URL;
if (!BASE) throw new Error('FM_BASE_URL is not set; run the browser tests with `cargo xtask test`');
export const ARTIFACTS = process.env.FM_ARTIFACTS ?? 'test-results';
mkdirSync(ARTIFACTS, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/// Opens `url` in a fresh context, recording console errors, page errors and every request
/// the page makes. `init` runs in the page before its own scripts.
export async function openPage(browser, url, { width = 1200, height = 900, colorScheme = 'light', init } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  return { page, context, errors, requests };
}

/// Opens a page of the served dist/ (the demo by default) and waits until a widget is
/// ready for the keyboard: the prerendered HTML shows a status line before the script runs,
/// but its controls stay hidden until the widget has started, so a key pressed earlier
/// would go nowhere.
export async function openDemo(browser, { path = '', ...options } = {}) {
  const opened = await openPage(browser, new URL(path, BASE).href, options);
  await opened.page.getByRole('status').filter({ hasText: /of \d+ features?/ }).first().waitFor();
  await opened.page.getByRole('searchbox').first().waitFor();
  return opened;
}

/// The widget's feature rows: table rows that have data cells (category headings do not).
export function featureRows(page) {
  return page.getByRole('table', { name: /features by category and phase/ })
    .getByRole('row').filter({ has: page.getByRole('cell') });
}

/// Names of the visible feature rows, in order.
export async function rowNames(page) {
  // The name as the reader sees it: without the note and the row's (closed) details.
  return featureRows(page).getByRole('rowheader').evaluateAll((ths) => ths.map((th) => {
    const copy = th.cloneNode(true);
    copy.querySelectorAll('details').forEach((d) => d.remove());
    return copy.textContent.split('Note:')[0].trim();
  }));
}

/// Phase labels of the visible feature rows, in order: the text a reader hears in the
/// "Phase" column (the glyphs beside the label are hidden from assistive technology).
export async function rowPhases(page) {
  const table = page.getByRole('table', { name: /features by category and phase/ });
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = headers.findIndex((h) => h.replace(/[↕▲▼]/g, '').trim() === 'Phase');
  if (column < 0) throw new Error(`no Phase column among ${headers.join(', ')}`);
  return featureRows(page).evaluateAll((rows, column) => rows.map((r) => {
    const cell = r.cells[column].cloneNode(true);
    cell.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
    return cell.textContent.trim();
  }), column);
}

export function shot(page, name) {
  return page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

/// The search box of the first (or given) widget region.
export function searchBox(scope) {
  return scope.getByRole('searchbox', { name: 'Filter features' });
}

/// Waits until the status line of `scope` contains `text`. A text that starts with a number
/// matches only that whole number ("3 of 43" is not found in "43 of 43").
export function statusSays(scope, text) {
  const hasText = typeof text === 'string' && /^\d/.test(text)
    ? new RegExp(`(^|\\D)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
    : text;
  return scope.getByRole('status').filter({ hasText }).waitFor();
}

/// Runs axe-core (from node_modules, no network) on the page; returns its violations.
export async function axeViolations(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/// Presses Tab until the focused element's accessible role/name satisfies `match`.
export async function tabTo(page, describe, match, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return a ? { tag: a.tagName, text: (a.getAttribute('aria-label') || a.textContent || '').trim(), pressed: a.getAttribute('aria-pressed') } : null;
    });
    if (el && match(el)) return el;
  }
  throw new Error(`could not reach ${describe} with Tab`);
}

/// In the page: `newHost(html)`, a new element at the end of <main> holding `html`, to mount a
/// widget into.
function addNewHost() {
  window.newHost = (html = '') => {
    const host = document.createElement('div');
    host.innerHTML = html;
    document.querySelector('main').append(host);
    return host;
  };
}

/// The embed example (an Istio widget and a custom catalog's widget), ready for the keyboard,
/// with `newHost()`.
export async function openEmbed(browser, options = {}) {
  const opened = await openPage(browser, new URL('examples/embed.html', BASE).href, { init: addNewHost, ...options });
  const gadgets = opened.page.getByRole('region', { name: 'Gadget features matrix' });
  await statusSays(gadgets, '4 of 4 features');
  await searchBox(gadgets).waitFor();
  return opened;
}
