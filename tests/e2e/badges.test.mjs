// Feature badges (<span data-feature-badge="…">): rendered into the example page at build time
// (read without JavaScript), rendered by feature-badges.js with the same markup in the browser,
// every lookup the same as the core's (crates/prerender/src/badges.rs), links into the matrix,
// the history popover by keyboard, unknown ids, and the badges on the Hugo example site.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, launch, openPage, shot } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = 'dist';
let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve([['/test-pages/', 'tests/e2e/pages'], ['/', DIST]]);
});
after(async () => { await browser?.close(); await site?.close(); });

// What the core says about every id (features.yaml ids and widget ids) in every release.
const EXPECT = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--package', 'feature-matrix-prerender', '--', 'badges-expect'], { maxBuffer: 1 << 26 }));

const noJs = async (url) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return { page, context };
};

/// Every badge of the page as a reader finds it: the link's name and target, or the quiet text.
const badgesOf = (page) => page.locator('[data-feature-badge]').evaluateAll((els) => els.map((el) => {
  const a = el.querySelector('a.fm-badge-link');
  return a ? { id: el.dataset.featureBadge, name: a.getAttribute('aria-label'), text: a.textContent, href: a.getAttribute('href') }
    : { id: el.dataset.featureBadge, text: el.textContent };
}));

// By features.yaml id, else by widget id (an id some release wrote with stray punctuation is
// the row's key; the core finds it by its widget id).
const slug = (id) => id.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');
const plain = (name) => name.replace(/`([^`]*)`/g, '$1');
const expected = (id, release = null) => EXPECT.find((e) => e.id === id && e.release === release)
  ?? EXPECT.find((e) => e.id === slug(id) && e.release === release);

describe('feature badges', () => {
  test('without JavaScript the example page shows every badge: phase, since, link to the row', async () => {
    const { page, context } = await noJs(`${site.base}/examples/badges.html`);
    const badges = await badgesOf(page);
    assert.equal(badges.length, 10);
    for (const [i, release] of [[0, null], [1, null], [2, null], [3, '1.24'], [4, null], [5, null], [6, null]]) {
      const b = badges[i];
      const e = expected(b.id, release);
      assert.ok(!e.missing, `${b.id} is known`);
      assert.equal(b.name, `${plain(e.name)}: ${e.phase} since ${e.since}`);
      assert.equal(b.text, `${e.phase} since ${e.since}`);
      assert.equal(b.href, `../index.html?fm.release=${e.shown}#fm-${e.slug}`);
    }
    assert.deepEqual(badges[7], { id: 'traffic.dns_proxyin', text: 'unknown feature' });
    // data-lang: the badge in istio.io's other editions' languages, marked with its lang.
    const dns = expected('traffic.dns_proxying');
    const name = plain(dns.name);
    assert.deepEqual(badges.slice(8), [
      { id: 'traffic.dns_proxying', name: `${name}：${dns.phase} 自 ${dns.since} 起`, text: `${dns.phase} 自 ${dns.since} 起`,
        href: `../zh/index.html?fm.release=${dns.shown}#fm-${dns.slug}` },
      { id: 'traffic.dns_proxying', name: `${name}: ${dns.phase} з ${dns.since}`, text: `${dns.phase} з ${dns.since}`,
        href: `../uk/index.html?fm.release=${dns.shown}#fm-${dns.slug}` },
    ]);
    assert.deepEqual(await page.locator('[data-lang]').evaluateAll((els) => els.map((e) => e.lang)), ['zh', 'uk']);
    await page.getByRole('button', { name: `${name} 的历史` }).click();
    const zh = page.getByRole('group', { name: `Istio ${dns.shown} 中的 ${name}` });
    await zh.waitFor();
    assert.equal(await zh.getByRole('link').textContent(), '在功能矩阵中打开');
    await page.keyboard.press('Escape');
    // Code spans in a name are code, not backticks.
    await page.getByRole('button', { name: 'History of AuthorizationPolicy' }).click();
    const title = page.getByRole('group', { name: 'AuthorizationPolicy in Istio 1.28' });
    assert.equal(await title.locator('code').first().textContent(), 'AuthorizationPolicy');
    await page.keyboard.press('Escape');
    // The history is in the page (a native popover needs no script).
    const button = page.getByRole('button', { name: 'History of Sidecar API' });
    await button.click();
    const pop = page.getByRole('group', { name: 'Sidecar API in Istio 1.28' });
    await pop.waitFor();
    const steps = expected('traffic.sidecar').history.map(([r, p]) => `${r} ${p}`);
    assert.deepEqual(await pop.getByRole('listitem').allTextContents(), steps);
    await shot(page, 'badges-no-js.png');
    await context.close();
  });

  test('with JavaScript the built badges stay as built; one warning for the unknown id', async () => {
    const url = `${site.base}/examples/badges.html`;
    const { page: off, context: c1 } = await noJs(url);
    const built = await off.locator('main').innerHTML();
    await c1.close();
    const warnings = [];
    const { page, context, errors, requests } = await openPage(browser, url, { width: 900 });
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('feature-badges-data.js')));
    await page.waitForTimeout(100);
    assert.equal(await page.locator('main').innerHTML(), built);
    assert.deepEqual(warnings, ['feature-matrix: badge "traffic.dns_proxyin": unknown feature']);
    assert.deepEqual(errors, []);
    // A badges-only page loads no wasm and nothing from elsewhere.
    assert.ok(!requests.some((r) => r.endsWith('.wasm')), 'no wasm');
    assert.ok(requests.every((r) => r.startsWith(site.base)), requests.join(' '));
    await context.close();
  });

  test('the script renders the markup the build renders, for every badge of the example', async () => {
    const { page, context } = await openPage(browser, `${site.base}/examples/badges.html`, { width: 900 });
    const pairs = await page.evaluate(async () => {
      const { renderBadges } = await import('../feature-badges.js');
      const built = [...document.querySelectorAll('main [data-feature-badge]')];
      const box = document.createElement('div');
      for (const b of built) {
        const fresh = document.createElement('span');
        for (const a of ['data-feature-badge', 'data-release', 'data-matrix-href', 'data-lang']) {
          if (b.hasAttribute(a)) fresh.setAttribute(a, b.getAttribute(a));
        }
        box.append(fresh);
      }
      document.body.append(box);
      renderBadges(box);
      const norm = (el) => el.outerHTML.replace(/fmb-[a-z]?\d+/g, 'POP')
        .replace(/ class="[^"]*"/, '').replace(/^<span/, `<span class="${el.className}"`);
      return built.map((b, i) => [norm(b), norm(box.children[i])]);
    });
    for (const [built, script] of pairs) assert.equal(script, built);
    await context.close();
  });

  test('the script speaks the nearest lang (zh-CN is zh); a language without strings is English, noted once', async () => {
    const { page, context, errors } = await openPage(browser, `${site.base}/examples/badges.html`, { width: 900 });
    const notes = [];
    page.on('console', (m) => { if (m.type() === 'info') notes.push(m.text()); });
    const got = await page.evaluate(async () => {
      const { renderBadges } = await import('../feature-badges.js');
      const box = document.createElement('div');
      box.innerHTML = `<div lang="uk-UA"><span data-feature-badge="traffic.sidecar"></span>
        <span data-feature-badge="ambient.ztunnel" data-release="1.10"></span>
        <span data-feature-badge="traffic.sidecra"></span></div>
        <p lang="zh-CN"><span data-feature-badge="traffic.sidecar" data-release="1.24"></span></p>
        <span data-feature-badge="traffic.sidecar" data-lang="de"></span><span data-feature-badge="traffic.sidecar" data-lang="de-AT"></span>`;
      document.body.append(box);
      renderBadges(box);
      return [...box.querySelectorAll('[data-feature-badge]')]
        .map((b) => [b.querySelector('.fm-badge-link')?.textContent ?? b.textContent, b.querySelector('.fm-badge-open')?.textContent]);
    });
    const now = expected('traffic.sidecar');
    const then = expected('traffic.sidecar', '1.24');
    assert.deepEqual(got, [
      [`${now.phase} з ${now.since}`, 'Відкрити в матриці функцій'], ['немає в Istio 1.10', undefined], ['невідома функція', undefined],
      [`${then.phase} 自 ${then.since} 起`, '在功能矩阵中打开'],
      [`${now.phase} since ${now.since}`, 'Open in the feature matrix'], [`${now.phase} since ${now.since}`, 'Open in the feature matrix'],
    ]);
    assert.deepEqual(notes.filter((n) => n.includes('badge')), ['feature-matrix: no badge strings for language "de"; badges are in English']);
    // A badge says which language it speaks: English, not German, for data-lang="de".
    assert.deepEqual(await page.locator('[data-lang^="de"]').evaluateAll((els) => els.map((e) => e.lang)), ['en', 'en']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the script looks up every feature in every release as the core does', async () => {
    const { page, context } = await openPage(browser, `${site.base}/examples/badges.html`);
    const got = await page.evaluate(async (cases) => {
      const { describe } = await import('../feature-badges.js');
      return cases.map(({ id, release }) => describe(id, release));
    }, EXPECT.map(({ id, release }) => ({ id, release })));
    assert.ok(EXPECT.length > 1000, `${EXPECT.length} cases`);
    EXPECT.forEach((e, i) => {
      const g = got[i];
      const want = e.missing ? { missing: e.missing }
        : { slug: e.slug, name: e.name, release: e.shown, phase: e.phase, since: e.since, history: e.history };
      assert.deepEqual(g, want, `${e.id} in ${e.release ?? 'the default release'}`);
    });
    await context.close();
  });

  test('a badge leads to its feature\'s row in the matrix, in its release', async () => {
    const { page, context } = await openPage(browser, `${site.base}/examples/badges.html`);
    await page.getByRole('link', { name: /^DNS Proxying: Beta since/ }).nth(1).click();
    await page.waitForURL(/index\.html\?fm\.release=1\.24#fm-traffic-dns-proxying$/);
    // Until the widget is live the page shows its prerendered default catalog; wait for 1.24.
    const release = page.getByRole('combobox', { name: 'Release' });
    for (let i = 0; i < 200 && !(await release.isVisible() && await release.inputValue() === '1.24'); i++) {
      await page.waitForTimeout(50);
    }
    assert.equal(await release.inputValue(), '1.24');
    const row = page.getByRole('row', { name: /DNS Proxying/ }).first();
    assert.equal(await row.getAttribute('id'), 'fm-traffic-dns-proxying');
    await context.close();
  });

  test('keyboard: Tab to a badge\'s history, Enter opens it, Escape closes it; axe finds nothing', async () => {
    const { page, context } = await openPage(browser, `${site.base}/examples/badges.html`, { width: 900 });
    await page.waitForTimeout(100);
    let focused = '';
    for (let i = 0; i < 30 && focused !== 'History of Sidecar API'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    assert.equal(focused, 'History of Sidecar API');
    const button = page.getByRole('button', { name: 'History of Sidecar API' });
    assert.equal(await button.getAttribute('aria-expanded'), null, 'the browser says it, not an attribute');
    await page.keyboard.press('Enter');
    const pop = page.getByRole('group', { name: 'Sidecar API in Istio 1.28' });
    await pop.waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('.fm-badge-pop:popover-open')?.id), await button.getAttribute('popovertarget'));
    await shot(page, 'badges-popover.png');
    assert.deepEqual(await axeViolations(page), []);
    // Tab moves into the popover (its link), Escape closes it and focus returns to the button.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Open in the feature matrix');
    await page.keyboard.press('Escape');
    await pop.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'History of Sidecar API');
    await context.close();
  });

  test('dark theme and a 320 px screen: badges keep 24 px targets and stay inside the page', async () => {
    const { page, context } = await openPage(browser, `${site.base}/examples/badges.html`, { width: 320, colorScheme: 'dark' });
    const boxes = await page.locator('.fm-badge-link, .fm-badge-more').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    for (const b of boxes) {
      assert.ok(b.height >= 24 && b.width >= 24, JSON.stringify(b));
      assert.ok(b.right <= 320, JSON.stringify(b));
    }
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, 'badges-320-dark.png');
    await context.close();
  });

  test('on a page with the widget, feature-matrix.js renders the badges too; unknown ids are quiet', async () => {
    const warnings = [];
    const { page, context, errors } = await openPage(browser, `${site.base}/test-pages/badges-and-widget.html`, { init: () => {} });
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.reload();
    await page.getByRole('status').filter({ hasText: /of \d+ features/ }).waitFor();
    await page.locator('.fm-badge').nth(3).waitFor();
    const badges = await badgesOf(page);
    const sidecar = expected('traffic.sidecar', '1.24');
    assert.equal(badges[0].name, `Sidecar API: ${sidecar.phase} since ${sidecar.since}`);
    // data-matrix-href="": the matrix on this page.
    assert.equal(badges[1].href, '?fm.release=1.28#fm-traffic-dns-proxying');
    assert.deepEqual(badges.slice(2).map((b) => b.text), ['unknown feature', 'not in Istio 1.10']);
    assert.deepEqual(warnings.filter((w) => w.includes('badge')).sort(), [
      'feature-matrix: badge "ambient.ztunnel": not in Istio 1.10',
      'feature-matrix: badge "traffic.sidecra": unknown feature',
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('feature badges in Hugo', () => {
  let hugo;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-badges-'));
    cpSync('www/hugo', dir, { recursive: true });
    cpSync(DIST, join(dir, 'static/feature-matrix'), { recursive: true });
    const log = execFileSync('hugo', ['-s', dir, '-d', join(dir, 'public')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    hugo = { dir, log, server: await serve([['/', join(dir, 'public')]]) };
  });
  after(async () => { await hugo?.server.close(); rmSync(hugo.dir, { recursive: true, force: true }); });

  test('the feature-status shortcode writes badges from the site\'s data, read without JavaScript', async () => {
    const url = `${hugo.server.base}/docs/tasks/dns-proxy/`;
    const { page, context } = await noJs(url);
    const badges = await badgesOf(page);
    assert.deepEqual(badges.map((b) => b.id), ['traffic.dns_proxying', 'traffic.sidecar', 'ambient.dns_proxying', 'ambient.authz']);
    // The site's data is Istio's master; "since" comes from the releases while they agree.
    for (const b of badges) {
      const e = expected(b.id);
      const since = b.name.endsWith(`${e.phase} since ${e.since}`);
      assert.ok(since || !b.name.includes('since'), b.name);
      assert.match(b.href, new RegExp(`/docs/releases/feature-stages/#fm-${e.slug}$`));
    }
    // A name's code spans are code, as on the badges the script renders.
    await page.getByRole('button', { name: 'History of AuthorizationPolicy' }).click();
    assert.equal(await page.getByRole('group', { name: 'AuthorizationPolicy' }).locator('code').first().textContent(), 'AuthorizationPolicy');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'History of Sidecar API' }).click();
    await page.getByRole('group', { name: 'Sidecar API' }).getByRole('listitem').first().waitFor();
    await shot(page, 'badges-hugo.png');
    await context.close();
  });

  test('on the Chinese page the shortcode writes its badges in Chinese, linking to the Chinese matrix', async () => {
    const { page, context } = await noJs(`${hugo.server.base}/zh/docs/tasks/dns-proxy/`);
    const badges = await badgesOf(page);
    assert.deepEqual(badges.map((b) => b.id), ['traffic.dns_proxying', 'traffic.sidecar', 'ambient.dns_proxying', 'ambient.authz']);
    for (const b of badges) {
      const e = expected(b.id);
      assert.match(b.href, new RegExp(`/zh/docs/releases/feature-stages/#fm-${e.slug}$`));
      assert.ok(b.name.endsWith(`：${e.phase} 自 ${e.since} 起`) || b.name.endsWith(`：${e.phase}`), b.name);
      assert.doesNotMatch(b.text + b.name, /since/);
    }
    await page.getByRole('button', { name: 'Sidecar API 的历史' }).click();
    const pop = page.getByRole('group', { name: 'Sidecar API' });
    assert.equal(await pop.getByRole('link').textContent(), '在功能矩阵中打开');
    await shot(page, 'badges-hugo-zh.png');
    await context.close();
  });

  test('with JavaScript the Hugo badges stay as Hugo wrote them, and lead to the row in the site\'s matrix', async () => {
    const url = `${hugo.server.base}/docs/tasks/dns-proxy/`;
    const { page: off, context: c1 } = await noJs(url);
    const written = await off.locator('main').innerHTML();
    await c1.close();
    const { page, context, errors } = await openPage(browser, url);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('feature-badges-data.js')));
    assert.equal(await page.locator('main').innerHTML(), written);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('link', { name: /^Sidecar API: Stable/ }).click();
    await page.getByRole('status').filter({ hasText: /of \d+ features/ }).first().waitFor();
    const row = page.locator('#fm-traffic-sidecar');
    assert.match(await row.getByRole('rowheader').textContent(), /Sidecar API/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
