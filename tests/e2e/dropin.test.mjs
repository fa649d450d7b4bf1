// The drop-in for docs sites: Istio's own features.yaml through the Hugo shortcode, readable
// without JavaScript and taken over in place by the widget; the data changes with a Hugo
// rebuild alone (the widget's files stay byte-for-byte the same); bad data never fails the
// site's build or blanks the page; the same data inline in a plain HTML page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ARTIFACTS, launch, openPage, searchBox, shot, statusSays } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = resolve('dist');
const PAGE = '/docs/releases/feature-stages/';
const MASTER = readFileSync('www/hugo/data/features.yaml', 'utf8');

let browser;
let site; // { dir, server }
before(async () => {
  browser = await launch();
  site = await hugoSite(MASTER);
});
after(async () => {
  await browser?.close();
  await site?.server.close();
  rmSync(site.dir, { recursive: true, force: true });
});

/// A copy of the example site with `yaml` as its data/features.yaml and the built widget in
/// static/feature-matrix/, built with Debian's hugo and served.
async function hugoSite(yaml) {
  const dir = mkdtempSync(join(tmpdir(), 'fm-dropin-'));
  cpSync('www/hugo', dir, { recursive: true });
  cpSync(DIST, join(dir, 'static/feature-matrix'), { recursive: true });
  writeFileSync(join(dir, 'data/features.yaml'), yaml);
  build(dir);
  return { dir, server: await serve([['/', join(dir, 'public')]]) };
}

function build(dir) {
  execFileSync('hugo', ['-s', dir, '-d', join(dir, 'public'), '--quiet'], { stdio: 'inherit' });
}

/// sha256 of every file under `folder`, by relative path.
function hashes(folder) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(folder, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(folder);
  return out;
}

const open = (url, { js = true, width = 1100 } = {}) =>
  js ? openPage(browser, url, { width }) : browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } })
    .then(async (context) => { const page = await context.newPage(); await page.goto(url); return { page, context, errors: [], requests: [] }; });

const matrix = (page, name) => page.getByRole('region', { name: `${name} matrix`, exact: true });
const featureRows = (scope) => scope.getByRole('row').filter({ has: scope.page().getByRole('cell') });
const names = async (scope) => (await featureRows(scope).getByRole('rowheader').allTextContents()).map((t) => t.replace(/Note: .*$/, '').trim());

/// Names in the YAML, in file order, for the given area (or all).
function yamlNames(yaml, area) {
  const out = [];
  for (const item of yaml.split(/\n  - /).slice(1)) {
    const name = /^name: "?(.*?)"?\s*$/m.exec(item)?.[1];
    const itemArea = /^    area: (.*?)\s*$/m.exec(item)?.[1];
    // As shown: code spans ("`Gateway`") print as code, without their backticks.
    if (!area || itemArea === area) out.push(name.trim().replace(/`([^`]*)`/g, '$1'));
  }
  return out;
}

/// Where each feature row and the table sit on the page.
async function layout(scope) {
  const table = await scope.getByRole('table', { name: /features by category and phase/ }).boundingBox();
  const rows = await featureRows(scope).evaluateAll((trs) => trs.map((tr) => { const r = tr.getBoundingClientRect(); return [Math.round(r.top + scrollY), Math.round(r.height)]; }));
  return { top: Math.round(table.y), height: Math.round(table.height), rows };
}

describe('the Hugo site in Chinese and Ukrainian', () => {
  for (const [lang, all, traffic, status, search] of [
    ['zh', 'Istio 功能矩阵', '流量管理', '共 64 个功能，显示 64 个', '筛选功能'],
    ['uk', 'Матриця: Функції Istio', 'Управління трафіком', '64 з 64 функцій', 'Фільтр функцій'],
  ]) {
    test(`${lang}: Hugo writes the tables in ${lang}; the widget takes them over in ${lang}, same rows and ids`, async () => {
      const url = `${site.server.base}/${lang}${PAGE}`;
      const off = await open(url, { js: false });
      assert.equal(await off.page.locator('html').getAttribute('lang'), lang);
      const region = off.page.getByRole('region', { name: all, exact: true });
      assert.equal((await region.getByRole('status').textContent()).trim(), status);
      assert.ok(await region.getByRole('rowheader', { name: new RegExp(`^${traffic} \\(\\d+\\)$`) }).count() === 1, 'category headings in the language');
      const rowIds = (scope) => featureRows(scope).evaluateAll((trs) => trs.map((tr) => tr.id));
      const staticIds = await rowIds(region);
      assert.equal(staticIds.length, 64);
      await shot(off.page, `dropin-${lang}-no-js.png`);
      await off.context.close();

      const { page, context, errors } = await open(url);
      const widget = page.getByRole('region', { name: all, exact: true });
      await widget.getByRole('searchbox', { name: search }).waitFor({ state: 'visible' });
      assert.equal((await widget.getByRole('status').textContent()).trim(), status);
      assert.deepEqual(await rowIds(widget), staticIds, 'the same rows and ids as Hugo wrote');
      assert.equal(await widget.getByRole('rowheader', { name: new RegExp(`^${traffic} \\(\\d+\\)$`) }).count(), 1);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('Istio data through the Hugo shortcode', () => {
  test('without JavaScript: the whole matrix and one table per area, every feature with its phase, link and note', async () => {
    const { page, context } = await open(`${site.server.base}${PAGE}`, { js: false });
    const all = matrix(page, 'Istio features');
    assert.equal(await featureRows(all).count(), 64, 'every entry of master (repeated ids included)');
    assert.deepEqual((await names(all)).sort(), yamlNames(MASTER).sort());
    for (const area of ['Traffic Management', 'Observability', 'Extensibility', 'Security and policy enforcement', 'Core', 'Ambient mode']) {
      const section = matrix(page, area);
      assert.deepEqual(await names(section), yamlNames(MASTER, area), `${area}: its entries, in file order`);
    }
    // Area order as istio.io's page, group headings with counts.
    const headings = await all.getByRole('rowheader').filter({ hasText: /\(\d+\)$/ }).allTextContents();
    assert.deepEqual(headings.map((h) => h.replace(/ \(\d+\)$/, '')), ['Traffic Management', 'Observability', 'Extensibility', 'Security and policy enforcement', 'Core', 'Ambient mode']);
    // Phase, link, note: the rows a reader checks.
    const row = (name) => featureRows(all).filter({ has: page.getByRole('rowheader', { name }) });
    assert.match(await row('JWT Claim Based Routing').textContent(), /Alpha$/);
    assert.match(await row('Copy JWT Claims to HTTP Headers').textContent(), /Experimental$/);
    assert.equal(await row('DNS Proxying').count(), 2, 'one per area');
    assert.equal(await all.getByRole('link', { name: 'IPv6 Support for Kubernetes' }).count(), 0, 'no link, no link');
    assert.equal(await all.getByRole('link', { name: 'Dual Stack IPv4/IPv6', exact: true }).getAttribute('href'),
      'https://istio.io/latest/docs/setup/additional-setup/dual-stack/', 'a link under level is used');
    assert.equal(await all.getByRole('link', { name: 'Authorization', exact: true }).getAttribute('href'),
      'https://istio.io/latest/docs/concepts/security/#authorization', 'paths resolve against the docs base');
    // The phase definitions are there too, and a badge leads to its definition.
    await all.getByText('Phase definitions', { exact: true }).click();
    assert.equal(await all.getByRole('columnheader', { name: 'Experimental' }).count(), 1);
    await shot(page, 'dropin-no-js.png');
    await all.screenshot({ path: join(ARTIFACTS, 'dropin-no-js-matrix.png') });
    await context.close();
  });

  test('with JavaScript: the widget takes the table over in place, no layout shift, no second copy', async () => {
    const off = await open(`${site.server.base}${PAGE}`, { js: false });
    const before = await layout(matrix(off.page, 'Istio features'));
    const staticNames = await names(matrix(off.page, 'Istio features'));
    const rowIds = (scope) => featureRows(scope).evaluateAll((trs) => trs.map((tr) => tr.id));
    const staticIds = await rowIds(matrix(off.page, 'Istio features'));
    assert.ok(staticIds.includes('fm-security-jwt-authentication-2'), staticIds.join(' '));
    await off.context.close();

    const { page, context, errors, requests } = await open(`${site.server.base}${PAGE}`);
    const all = matrix(page, 'Istio features');
    await statusSays(all, '64 of 64 features');
    await searchBox(all).waitFor({ state: 'visible' });
    assert.deepEqual(await names(all), staticNames, 'the same rows in the same order');
    assert.deepEqual(await rowIds(all), staticIds, 'the same row ids: deep links work with and without JavaScript');
    assert.deepEqual(await layout(all), before, 'every row where the server put it');
    assert.equal(await page.getByRole('table', { name: /^Istio features: features by category and phase/ }).count(), 1, 'no second copy');
    for (const area of ['Traffic Management', 'Core', 'Ambient mode']) {
      await statusSays(matrix(page, area), `${yamlNames(MASTER, area).length} of ${yamlNames(MASTER, area).length} features`);
    }
    // The data's defects, listed; nothing dropped for them.
    const note = all.getByText(/^\d+ data problems? in this catalog$/);
    assert.equal(await note.textContent(), '6 data problems in this catalog');
    await note.click();
    const problems = await all.getByRole('listitem').filter({ hasText: 'inline catalog' }).allTextContents();
    assert.ok(problems.some((p) => p.includes('duplicate id "security.jwt_authentication", first used earlier; kept as security.jwt_authentication#2')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('`link` is under `level`')), problems.join('\n'));
    // A reader's question in a few keystrokes.
    await searchBox(all).fill('dns proxy');
    await statusSays(all, '2 of 64 features');
    assert.deepEqual(await names(all), ['DNS Proxying', 'DNS Proxying']);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(site.server.base)), [], 'nothing from elsewhere');
    await shot(page, 'dropin-live.png');
    await all.screenshot({ path: join(ARTIFACTS, 'dropin-live-matrix.png') });
    await context.close();
  });

  test('new data needs only a Hugo rebuild: renamed, re-phased and new-area features show, the widget files are unchanged', async () => {
    const widgetFiles = hashes(join(site.dir, 'public/feature-matrix'));
    assert.deepEqual(widgetFiles, hashes(DIST), 'the site serves the built widget as is');
    const changed = MASTER
      .replace('- name: "Gateway Injection"', '- name: "Gateway Injection (renamed)"')
      .replace(/(- name: "Sidecar API"[\s\S]*?maturity: )Stable/, '$1Beta')
      + [
        '  - name: "Posture reports"',
        '    id: "zerotrust.posture"',
        '    link: "/docs/zero-trust/posture/"',
        '    level:',
        '      checklist: ""',
        '      maturity: Alpha',
        '    area: Zero trust',
        '',
      ].join('\n');
    assert.notEqual(changed, MASTER);
    assert.ok(changed.includes('Gateway Injection (renamed)'), 'the rename applies to the data');
    writeFileSync(join(site.dir, 'data/features.yaml'), changed);
    try {
      build(site.dir);
      assert.deepEqual(hashes(join(site.dir, 'public/feature-matrix')), widgetFiles, 'no byte of the widget changed');

      for (const js of [false, true]) {
        const { page, context, errors } = await open(`${site.server.base}${PAGE}`, { js });
        const all = matrix(page, 'Istio features');
        if (js) await statusSays(all, '65 of 65 features');
        const list = await names(all);
        assert.equal(list.length, 65, `js ${js}`);
        assert.ok(list.includes('Gateway Injection (renamed)') && !list.includes('Gateway Injection'), `js ${js}: renamed`);
        const sidecar = featureRows(all).filter({ has: page.getByRole('rowheader', { name: 'Sidecar API' }) });
        assert.match(await sidecar.textContent(), /Beta$/, `js ${js}: re-phased`);
        const posture = featureRows(all).filter({ has: page.getByRole('rowheader', { name: 'Posture reports' }) });
        assert.match(await posture.textContent(), /Zero trust\s*○?\s*Alpha$/, `js ${js}: the new area's feature`);
        assert.equal(await all.getByRole('rowheader', { name: 'Zero trust (1)' }).count(), 1, `js ${js}: its own group, after the known areas`);
        assert.equal(await matrix(page, 'Traffic Management').getByRole('rowheader', { name: 'Gateway Injection (renamed)' }).count(), 1);
        if (js) {
          await all.getByRole('button', { name: /^Zero trust/ }).click();
          await statusSays(all, '1 of 65 features');
          await all.getByText(/data problems in this catalog$/).click();
          assert.equal(await all.getByRole('listitem').filter({ hasText: '`area` "Zero trust" is not one of the schema\'s areas' }).count(), 1, 'listed as a warning');
          assert.deepEqual(errors, []);
          await shot(page, 'dropin-new-data.png');
        }
        await context.close();
      }
    } finally {
      writeFileSync(join(site.dir, 'data/features.yaml'), MASTER);
      build(site.dir);
    }
  });

  test('bad data never fails the Hugo build or blanks the page; malformed JSON gives the error box with its position', async () => {
    const hostile = [
      'features:',
      '  - name: "Fine feature"',
      '    id: "core.fine"',
      '    level: { checklist: "", maturity: Beta }',
      '    area: Core',
      '  - "just a string"',
      '  - name: "Level is text"',
      '    id: "core.level_text"',
      '    level: "Beta"',
      '    area: Core',
      '  - name: "<img src=x onerror=alert(1)></script><b>bold</b>"',
      '    id: "core.markup"',
      '    link: "javascript:alert(1)"',
      '    level: { checklist: "", maturity: Alpha }',
      '    area: Core',
      '  - name: "Gamma ray"',
      '    id: "core.gamma"',
      '    level: { checklist: "", maturity: Gamma }',
      '    area: Core',
      '  - name: "Numbered"',
      '    id: "core.number"',
      '    level: { checklist: "", maturity: Stable }',
      '    area: 7',
      '  - name: "Old thing"',
      '    id: "core.old"',
      '    level: { checklist: "", maturity: Beta }',
      '    deprecation: "yes"',
      '    area: Core',
      '  - name: "Going away"',
      '    id: "core.going"',
      '    level: { checklist: "", maturity: Beta }',
      '    deprecation: { state: deprecated, details: { next: "1.30", replacement: "Fine feature" } }',
      '    area: Core',
      '  - name: "Twin one"',
      '    id: "core.twin"',
      '    level: { checklist: "", maturity: Beta }',
      '    area: Core',
      '  - name: "Twin two"',
      '    id: "core-twin"',
      '    level: { checklist: "", maturity: Beta }',
      '    area: Core',
      '  - name: "Lower case area"',
      '    id: "core.lower"',
      '    level: { checklist: "", maturity: Beta }',
      '    area: "  core "',
      '  - name: "Symbols for an area"',
      '    id: "core.symbols"',
      '    level: { checklist: "", maturity: Beta }',
      '    area: "+++"',
      '',
    ].join('\n');
    const bad = await hugoSite(hostile);
    try {
      for (const js of [false, true]) {
        const { page, context, errors } = await open(`${bad.server.base}${PAGE}`, { js });
        const all = matrix(page, 'Istio features');
        if (js) await statusSays(all, '9 of 9 features');
        assert.deepEqual(await names(all), ['Fine feature', '<img src=x onerror=alert(1)></script><b>bold</b>', 'Old thing', 'Going away', 'Twin one', 'Twin two', 'Lower case area', 'Numbered', 'Symbols for an area'], `js ${js}`);
        const ids = await featureRows(all).evaluateAll((trs) => trs.map((tr) => tr.id));
        assert.deepEqual(ids, ['fm-core-fine', 'fm-core-markup', 'fm-core-old', 'fm-core-going', 'fm-core-twin', 'fm-core-twin-2', 'fm-core-lower', 'fm-core-number', 'fm-core-symbols'], `js ${js}: ids that derive alike are numbered the same way`);
        // Areas that differ only in case and spaces are one; no area, or one of symbols, is "Other".
        const headings = all.getByRole('rowheader', { name: /\(\d+\)$/ });
        assert.deepEqual(await headings.allTextContents(), ['Core (7)', 'Other (2)'], `js ${js}: the groups`);
        assert.deepEqual(await headings.evaluateAll((ths) => ths.map((th) => th.id)), ['fm--cat-core', 'fm--cat-other'], `js ${js}: the groups' ids`);
        assert.equal(await page.locator('main img, main b').count(), 0, `js ${js}: names are text, never markup`);
        assert.equal(await all.getByRole('link', { name: /img src/ }).count(), 0, `js ${js}: no javascript: link`);
        const going = featureRows(all).filter({ has: page.getByRole('rowheader', { name: /^Going away/ }) });
        assert.match(await going.textContent(), /Note: Removal planned for 1\.30\. Replaced by Fine feature\. Was Beta\..*Deprecated$/, `js ${js}`);
        if (js) {
          await all.getByText(/data problems in this catalog$/).click();
          const problems = (await all.getByRole('listitem').allTextContents()).join('\n');
          for (const expected of ['entry #2: expected an object, found a string', '`level.maturity` "" is not one of', '`level.maturity` "Gamma" is not one of',
            '`link`: link "javascript:alert(1)" uses the scheme "javascript"', '`area` is a number, not text']) {
            assert.ok(problems.includes(expected), `${expected}\n${problems}`);
          }
          await statusSays(matrix(page, 'Traffic Management'), '0 of 0 features');
          assert.deepEqual(errors, []);
        }
        await context.close();
      }
      // The same page with its inline JSON broken: the error box says where, the table stays.
      const file = join(bad.dir, 'public', PAGE, 'index.html');
      const html = readFileSync(file, 'utf8');
      const broken = html.replace(/(<script type="application\/json" id="fm--data">\{"features":\[)/, '$1\n  {"name": oops},');
      assert.notEqual(broken, html);
      writeFileSync(join(bad.dir, 'public', 'broken.html'), broken);
      const { page, context, errors } = await open(`${bad.server.base}/broken.html`);
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      assert.match(await alert.textContent(), /invalid JSON at line 2, column 12/);
      assert.deepEqual(await names(matrix(page, 'Istio features')), ['Fine feature', '<img src=x onerror=alert(1)></script><b>bold</b>', 'Old thing', 'Going away', 'Twin one', 'Twin two', 'Lower case area', 'Numbered', 'Symbols for an area'], 'the server-rendered table stays readable');
      assert.deepEqual(errors, []);
      await shot(page, 'dropin-broken-json.png');
      await context.close();
    } finally {
      await bad.server.close();
      rmSync(bad.dir, { recursive: true, force: true });
    }
  });
});

describe('Istio data in a plain HTML page', () => {
  test('dist/examples/istio-data.html shows master inline with its problems listed', async () => {
    const server = await serve([['/', DIST]]);
    try {
      const { page, context, errors, requests } = await open(`${server.base}/examples/istio-data.html`);
      const all = matrix(page, 'Istio features');
      await statusSays(all, '64 of 64 features');
      assert.deepEqual((await names(all)).sort(), yamlNames(MASTER).sort());
      assert.equal(await all.getByText(/data problems in this catalog$/).textContent(), '6 data problems in this catalog');
      assert.equal(await all.getByRole('combobox', { name: 'Release' }).count(), 0, 'a site\'s own data has no release picker');
      // The same data as a JS object given to mount().
      await page.evaluate(async () => {
        const el = document.createElement('div');
        document.querySelector('main').append(el);
        const data = JSON.parse(document.getElementById('istio-features').textContent);
        const { mount } = await import('../feature-matrix.js');
        await mount(el, { id: 'obj', title: 'From an object', catalog: data });
      });
      const fromObject = matrix(page, 'From an object');
      await statusSays(fromObject, '64 of 64 features');
      assert.deepEqual(await names(fromObject), await names(all));
      assert.equal(await fromObject.getByText(/data problems in this catalog$/).textContent(), '6 data problems in this catalog');
      assert.deepEqual(errors, []);
      assert.deepEqual(requests.filter((u) => !u.startsWith(server.base)), []);
      await shot(page, 'istio-data-example.png');
      await context.close();
    } finally {
      await server.close();
    }
  });
});
