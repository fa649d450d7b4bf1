// Hardening of the feature badges (feature-badges.js), as a host page uses them: a badge's
// data-matrix-href never makes a link that runs script or leaves for another host, badges a
// page adds after load render by themselves, thousands of unknown ids are one warning, and a
// page whose console (or Object.entries, Array.prototype.map) throws still gets its badges.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The host page sits beside the built example pages, so "../feature-badges.js" is the built
// script; the test serves its HTML, the build everything else.
const HOST = new URL('examples/hardening3-host.html', BASE).href;
// Where a badge links without (or instead of an unsafe) data-matrix-href: index.html beside the script.
const DEFAULT = new URL('index.html', new URL('feature-badges.js', BASE)).href;

const html = (title, body) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="stylesheet" href="../feature-badges.css">
  <script type="module" src="../feature-badges.js"></script>
</head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;

/// Opens a host page with `body`, recording the page's console warnings and errors. `init`
/// runs in the page before its scripts.
async function host(title, body, { init, context: setUp } = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  if (setUp) await setUp(context);
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route((url) => url.href === HOST, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html(title, body) }));
  if (init) await page.addInitScript(init);
  await page.goto(HOST);
  return { page, context, warnings, errors };
}

/// What the script says about feature `id` (in `release`): the link a reader finds, its text.
async function lookUp(page, id, release) {
  const d = await page.evaluate(async ([id, release]) => (await import('../feature-badges.js')).describe(id, release), [id, release]);
  assert.ok(!d.missing, `${id} is a feature`);
  return { ...d, name: `${d.name.replace(/`([^`]*)`/g, '$1')}: ${d.phase} since ${d.since}`, text: `${d.phase} since ${d.since}` };
}

// Console messages arrive after the page's task; give them a moment.
const settle = (page) => page.waitForTimeout(200);

describe('feature badges: hardening', () => {
  test('data-matrix-href that would run script or name another host is ignored: the badge links to the default matrix page', async () => {
    const UNSAFE = [
      ['A script URL', 'javascript:window.__canary=1//'],
      ['A data URL', 'data:text/html,&lt;script&gt;opener.__canary=1&lt;/script&gt;'],
      ['Another host', '//other.host/x'],
      ['A script URL after a space', ' javascript:window.__canary=1//'],
      ['A script URL with a tab', 'java&#9;script:window.__canary=1//'],
      ['Another host with backslashes', '\\\\evil.example'],
      ['Another host with a slash and a backslash', '/\\evil.example'],
    ];
    const KEPT = [['A relative path', '../x/index.html'], ['An absolute URL', 'https://example.com/m.html']];
    const body = `<ul>${[...UNSAFE, ...KEPT].map(([label, href]) =>
      `<li>${label}: <span data-feature-badge="traffic.dns_proxying" data-matrix-href="${href}"></span></li>`).join('\n')}</ul>`;
    // Anything that sets window.__canary, on any page of this tab, is counted.
    let canary = 0;
    const setUp = async (context) => {
      await context.exposeBinding('reportCanary', () => { canary += 1; });
      // The matrix page itself is tested elsewhere; here it only has to be where a click leads.
      await context.route((url) => url.href.startsWith(`${DEFAULT}?`),
        (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Feature matrix</title><h1>Feature matrix</h1>' }));
    };
    const init = () => {
      let value;
      Object.defineProperty(window, '__canary', { configurable: true, get: () => value, set: (v) => { value = v; window.reportCanary(v); } });
    };
    const { page, context, warnings, errors } = await host('Badge links', body, { init, context: setUp });
    const dns = await lookUp(page, 'traffic.dns_proxying');
    const item = (label) => page.getByRole('listitem').filter({ hasText: new RegExp(`^${label}:`) });
    await item('An absolute URL').getByRole('link', { name: dns.name }).waitFor();
    const row = `?fm.release=${dns.release}#fm-${dns.slug}`;
    const hrefs = (label) => item(label).getByRole('link', { includeHidden: true }).evaluateAll((as) => as.map((a) => a.href));

    for (const [label] of UNSAFE) {
      // The badge's link and its popover's "Open in the feature matrix", both to the default page.
      assert.deepEqual(await hrefs(label), [`${DEFAULT}${row}`, `${DEFAULT}${row}`], label);
      assert.equal(await item(label).getByRole('link', { name: dns.name }).textContent(), dns.text, label);
    }
    assert.deepEqual(await hrefs('A relative path'), Array(2).fill(new URL(`../x/index.html${row}`, HOST).href));
    assert.deepEqual(await hrefs('An absolute URL'), Array(2).fill(`https://example.com/m.html${row}`));
    await settle(page);
    // One warning for all seven, not one per badge.
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /^feature-matrix: 7 badges have a data-matrix-href that is not a relative path or an http\(s\) URL .*: "javascript:window.__canary=1\/\/", "data:text\/html,<script>opener.__canary=1<\/script>", "\/\/other.host\/x", … \(and 4 more\)$/);
    assert.deepEqual(errors, []);
    await shot(page, 'hardening3-badges.png');

    // A reader who clicks a badge whose href was a script lands on the matrix page; no script ran.
    for (const label of ['A script URL', 'A script URL after a space', 'A script URL with a tab']) {
      await page.goto(HOST);
      await item(label).getByRole('link', { name: dns.name }).click();
      await page.waitForURL((url) => url.href === `${DEFAULT}${row}`, { timeout: 5000 });
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Feature matrix');
    }
    await page.goBack();
    await item('A script URL').getByRole('link', { name: dns.name }).waitFor();
    assert.equal(await page.evaluate(() => window.__canary), undefined);
    assert.equal(canary, 0, 'no badge link ran script');

    // The exported matrixLink follows the same rule.
    const links = await page.evaluate(async () => {
      const { matrixLink } = await import('../feature-badges.js');
      return ['JavaScript:alert(1)', 'data:text/html,x', '//other.host/x', 'vbscript:x', '', '?fm.q=dns', 'https://example.com/m.html']
        .map((href) => matrixLink(href, '1.28', 'x'));
    });
    assert.deepEqual(links, [
      ...Array(4).fill(`${DEFAULT}?fm.release=1.28#fm-x`),
      '?fm.release=1.28#fm-x', '?fm.q=dns&fm.release=1.28#fm-x', 'https://example.com/m.html?fm.release=1.28#fm-x',
    ]);
    await context.close();
  });

  test('badges a page adds after load render by themselves: appendChild, innerHTML, 20 client-side navigations', async () => {
    const body = `<p>On this page: <span data-feature-badge="traffic.dns_proxying"></span></p>
      <p id="later">Added later:</p><div id="box"></div>`;
    const { page, context, warnings, errors } = await host('Badges added later', body);
    const dns = await lookUp(page, 'traffic.dns_proxying');
    await page.getByRole('link', { name: dns.name }).waitFor();
    // The badge's link in main, by its name, once it leads to `want`'s release.
    const rendered = async (want) => {
      const link = page.getByRole('main').getByRole('link', { name: want.name });
      await link.waitFor({ timeout: 3000 });
      const row = `?fm.release=${want.release}#fm-${want.slug}`;
      for (let i = 0; i < 30 && !(await link.evaluate((a) => a.href)).endsWith(row); i++) await page.waitForTimeout(100);
      assert.ok((await link.evaluate((a) => a.href)).endsWith(row), `${want.name} → ${row}`);
      assert.equal(await link.textContent(), want.text);
    };

    // 1) appendChild of a new element.
    const sidecar = await lookUp(page, 'traffic.sidecar');
    await page.evaluate(() => {
      const badge = document.createElement('span');
      badge.setAttribute('data-feature-badge', 'traffic.sidecar');
      document.getElementById('later').appendChild(badge);
    });
    await rendered(sidecar);
    // A rendered badge whose release changes shows that release.
    const then = await lookUp(page, 'traffic.sidecar', '1.24');
    await page.evaluate(() => document.querySelector('#later [data-feature-badge]').setAttribute('data-release', '1.24'));
    await rendered(then);

    // 2) innerHTML of a container, the badge deep inside it.
    const ingress = await lookUp(page, 'traffic.ingress_gateway');
    await page.evaluate(() => {
      document.getElementById('box').innerHTML = '<section><p>Gateways <em><span data-feature-badge="traffic.ingress_gateway"></span></em></p></section>';
    });
    await rendered(ingress);

    // 3) A docs site's navigation: main's content replaced 20 times, by innerHTML or by nodes.
    const ids = ['traffic.sidecar', 'ambient.authz', 'traffic.dns_proxying', 'traffic.ingress_gateway', 'observability.distributed_tracing'];
    const wants = [];
    for (const id of ids) wants.push(await lookUp(page, id));
    for (let i = 0; i < 20; i++) {
      await page.evaluate(([i, id]) => {
        const main = document.querySelector('main');
        const content = `<h1>Page ${i + 1}</h1><p>Status: <span data-feature-badge="${id}"></span></p>`;
        if (i % 2) {
          const t = document.createElement('template');
          t.innerHTML = content;
          main.replaceChildren(t.content);
        } else {
          main.innerHTML = content;
        }
        history.pushState(null, '', `#page-${i + 1}`);
      }, [i, ids[i % ids.length]]);
      await page.getByRole('heading', { name: `Page ${i + 1}` }).waitFor();
      await rendered(wants[i % ids.length]);
    }
    await settle(page);
    assert.deepEqual(warnings, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('5,000 unknown feature ids are one warning, not 5,000; 5,000 more added later, one more', async () => {
    const unknown = (prefix) => Array.from({ length: 5000 }, (_, i) => `<span data-feature-badge="${prefix}-${i}"></span>`).join(' ');
    const body = `<p>${unknown('no-such-feature')}</p><p>Known: <span data-feature-badge="traffic.sidecar"></span></p><div id="later"></div>`;
    const { page, context, warnings, errors } = await host('Many unknown badges', body);
    const sidecar = await lookUp(page, 'traffic.sidecar');
    await page.getByRole('link', { name: sidecar.name }).waitFor();
    await settle(page);
    assert.deepEqual(warnings, [
      'feature-matrix: 5,000 badges name unknown features: "no-such-feature-0", "no-such-feature-1", "no-such-feature-2", … (and 4,997 more)',
    ]);
    await page.evaluate((more) => { document.getElementById('later').innerHTML = `<p>${more}</p>`; }, unknown('late'));
    await page.getByText('unknown feature', { exact: true }).nth(9999).waitFor();
    await settle(page);
    assert.equal(warnings.length, 2, warnings.slice(0, 3).join('\n'));
    assert.equal(warnings[1], 'feature-matrix: 5,000 badges name unknown features: "late-0", "late-1", "late-2", … (and 4,997 more)');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a page whose console.warn (and info, error, Object.entries, Array.prototype.map) throws still gets its known badges', async () => {
    const body = `<ul>
      <li>Mistyped: <span data-feature-badge="traffic.sidecra"></span></li>
      <li>Sidecar: <span data-feature-badge="traffic.sidecar"></span></li>
      <li>Unknown release: <span data-feature-badge="traffic.sidecar" data-release="0.1"></span></li>
      <li>In German (no strings: a note on the console): <span data-feature-badge="traffic.dns_proxying" data-lang="de"></span></li>
      <li>Broken: <span id="broken" data-feature-badge="traffic.ingress_gateway"></span></li>
      <li>Also mistyped: <span data-feature-badge="ambient.authzz"></span></li>
      <li>Authorization: <span data-feature-badge="ambient.authz"></span></li>
    </ul>`;
    const init = () => {
      for (const level of ['warn', 'info', 'error', 'log']) console[level] = () => { throw new Error(`console.${level} is broken`); };
      Object.entries = () => { throw new Error('Object.entries is broken'); };
      Array.prototype.map = function map() { throw new Error('Array.prototype.map is broken'); };
      // One badge the page itself breaks: rendering it throws.
      document.addEventListener('readystatechange', () => {
        const broken = document.getElementById('broken');
        if (broken) broken.replaceChildren = () => { throw new Error('this badge is broken'); };
      });
    };
    const { page, context } = await host('A hostile page', body, { init });
    const item = (label) => page.getByRole('listitem').filter({ hasText: new RegExp(`^${label}:`) });
    // By pattern: the page's replaced built-ins leave no way to ask the script for the names.
    for (const [label, name] of [['Sidecar', /^Sidecar API: \w+ since \d+\.\d+$/], ['In German.*', /^DNS Proxying: \w+ since \d+\.\d+$/],
      ['Authorization', /^.+: \w+ since \d+\.\d+$/]]) {
      const link = item(label).getByRole('link', { name });
      await link.waitFor({ timeout: 3000 });
      assert.match(await link.textContent(), /^\w+ since \d+\.\d+$/, label);
    }
    assert.equal(await item('Mistyped').textContent(), 'Mistyped: unknown feature');
    assert.equal(await item('Also mistyped').textContent(), 'Also mistyped: unknown feature');
    assert.equal(await item('Unknown release').textContent(), 'Unknown release: unknown release');
    // The broken badge stays empty; the badges after it rendered all the same.
    assert.equal(await item('Broken').getByRole('link').count(), 0);
    await context.close();
  });
});
