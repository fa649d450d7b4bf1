// Every language the docs are published in: the demo page per language (dist/<lang>/index.html)
// with JavaScript off and on, no English interface string left after hydration (checked against
// i18n/en.toml itself), axe-core, plural forms of the status line (checked against the browser's
// own Intl.PluralRules), search in both languages, shared links across languages, two languages on
// one page, layout at 320 px in both themes and in print.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, axeViolations, launch, openPage, shot } from './helpers.mjs';
import { serve } from './server.mjs';

const DIST = 'dist';
const LANGS = ['zh', 'uk', 'es'];

/// The message files: { key: { one?, few?, many?, other } } (Hugo's i18n TOML, as the build reads it).
function messages(lang) {
  const out = {};
  let key = null;
  for (const raw of readFileSync(`i18n/${lang}.toml`, 'utf8').split('\n')) {
    const line = raw.trim();
    const table = line.match(/^\[([a-z_]+)\]$/);
    if (table) { key = table[1]; out[key] = {}; continue; }
    const pair = line.match(/^(one|few|many|other) = "(.*)"$/);
    if (pair && key) out[key][pair[1]] = JSON.parse(`"${pair[2]}"`);
  }
  return out;
}
const EN = messages('en');

/// The English interface text that must not remain in `lang`'s widget: every literal piece of
/// every English message (around its placeholders) with a letter in it, unless the language's
/// own messages use the same piece (names such as "Istio" or "features.yaml").
function englishPieces(lang) {
  const own = Object.values(messages(lang)).flatMap((m) => Object.values(m)).join('\n');
  const pieces = new Set();
  for (const forms of Object.values(EN)) {
    for (const text of Object.values(forms)) {
      for (const piece of text.split(/\{[a-z]+\}/)) {
        const p = piece.trim().replace(/^[,.:;“”«»()]+|[,.:;“”«»()]+$/g, '').trim();
        if (/[A-Za-z]{3}/.test(p) && !own.includes(p)) pieces.add(p);
      }
    }
  }
  return [...pieces];
}

/// Whether `text` contains `piece` as words (not inside a longer word).
const shows = (text, piece) => new RegExp(`(^|[^\\p{L}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);

/// Interface text of the widget(s) on the page: text and accessible-name attributes, without
/// the catalog's own data (feature names and notes, the English phase-definitions table of the
/// Feature Status page, its provenance line), which stays as the data has it.
const interfaceText = (page) => page.evaluate(() => [...document.querySelectorAll('section.fm')].map((s) => {
  const copy = s.cloneNode(true);
  // Feature names also appear in accessible names ("Report a problem with {name}").
  // So do category names (data too: English in the Spanish edition, as on istio.io).
  // And the catalog's title where the language's edition has none (Spanish: “Feature Status”).
  const names = [...copy.querySelectorAll('.fm-name, td.fm-category, .fm-chip-label')].map((n) => n.textContent.trim())
    .concat(document.documentElement.lang === 'es' ? ['Feature Status'] : []).filter(Boolean)
    .sort((a, b) => b.length - a.length);
  for (const el of copy.querySelectorAll('.fm-name, .fm-note, .fm-source a, .fm-legend-table tbody, .fm-legend-list dd, .fm-changes-list, .fm-grid-list, .fm-error-list')) el.remove();
  const attrs = [...copy.querySelectorAll('*')].flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
  return names.reduce((text, name) => text.split(name).join(' '), [copy.textContent, ...attrs, copy.getAttribute('aria-label')].join('\n'));
}).join('\n'));

const statusOf = (page) => page.getByRole('status').first();
// The page's (first) widget, found by role whatever its language.
const searchBox = (page) => page.getByRole('searchbox').first();
const featureRows = (page) => page.getByRole('table').first().getByRole('row').filter({ has: page.getByRole('cell') });

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve([['/test-pages/', 'tests/e2e/pages'], ['/', DIST]]);
});
after(async () => { await browser?.close(); await site?.close(); });

const open = (path, options) => openPage(browser, `${site.base}/${path}`, options);

describe('a page per language', () => {
  for (const lang of LANGS) {
    const m = messages(lang);
    test(`${lang}: without JavaScript the prerendered widget is in ${lang}`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${site.base}/${lang}/index.html`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      // Controls wait for the script (hidden); the table, its caption and the status are there.
      const title = { zh: '功能状态', uk: 'Стан функцій', es: 'Feature Status' }[lang];
      const caption = m.table_caption.other.replace('{title}', title);
      await page.getByRole('table', { name: new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).waitFor();
      await page.getByRole('region', { name: m.widget_label.other.replace('{title}', title) }).waitFor();
      const form = m.status[new Intl.PluralRules(lang).select(43)] ?? m.status.other;
      assert.equal((await statusOf(page).innerText()).trim(), form.replace('{shown}', '43').replace('{count}', '43'));
      if (lang !== 'es') {
        const traffic = lang === 'zh' ? '流量管理' : 'Управління трафіком';
        await page.getByRole('rowheader', { name: new RegExp(`^${traffic}`) }).first().waitFor();
      }
      for (const piece of englishPieces(lang)) {
        assert.ok(!shows(await interfaceText(page), piece), `${lang} without JavaScript shows English “${piece}”`);
      }
      await shot(page, `i18n-${lang}-no-js.png`);
      await context.close();
    });

    test(`${lang}: after hydration no English interface string remains; axe finds nothing`, async () => {
      const { page, context, errors } = await open(`${lang}/index.html`);
      await page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
      // Every control's state as a reader changes it: the matrix, the changes view and a notice.
      const text = [await interfaceText(page)];
      await page.getByRole('button', { name: m.view_matrix.other, exact: true }).click();
      text.push(await interfaceText(page));
      await page.getByRole('button', { name: m.view_table.other, exact: true }).click();
      await page.getByRole('combobox', { name: m.release_label.other }).selectOption('1.28');
      await page.getByRole('button', { name: m.view_changes.other, exact: true }).click();
      await page.getByRole('combobox', { name: m.compare_label.other }).waitFor();
      text.push(await interfaceText(page));
      await page.getByRole('button', { name: m.view_table.other, exact: true }).click();
      await searchBox(page).fill('zzzz');
      await page.getByRole('button', { name: m.clear_filters.other }).first().waitFor();
      text.push(await interfaceText(page));
      await searchBox(page).fill('');
      const all = text.join('\n');
      for (const piece of englishPieces(lang)) assert.ok(!shows(all, piece), `${lang} widget shows English “${piece}”`);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('exports', () => {
  for (const lang of LANGS) {
    test(`${lang}: the Markdown table's column names speak ${lang}; CSV keeps its keys for tools`, async () => {
      const m = messages(lang);
      const { page, context, errors } = await open(`${lang}/index.html`);
      await page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
      const save = async (format) => {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: m.export_visible.other.replace('{format}', format), exact: true }).click();
        return readFileSync(await (await download).path(), 'utf8');
      };
      const md = (await save('Markdown')).split('\n');
      assert.equal(md[0], `| ${m.column_feature.other} | ${m.column_category.other} | ${m.column_phase.other} | ${m.column_note.other} |`);
      assert.equal(md.filter((l) => l.startsWith('| ')).length, 1 + 43, 'the header and every row');
      assert.equal((await save('CSV')).split('\r\n')[0], 'id,feature,category,phase,docs,note');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('plural forms and numbers', () => {
  // A catalog of `n` features, mounted in `lang`; the status line as the reader hears it.
  const catalog = (n) => ({
    title: 'Plurals',
    categories: [{ name: 'Core', features: Array.from({ length: n }, (_, i) => ({ name: `Feature ${i + 1}`, phase: 'Beta' })) }],
  });
  for (const lang of ['en', ...LANGS]) {
    test(`${lang}: the status line for 0, 1, 2, 5, 21 and 43 features`, async () => {
      const m = messages(lang);
      const rules = new Intl.PluralRules(lang);
      const { page, context, errors } = await open('test-pages/languages.html');
      await page.waitForFunction(() => globalThis.FeatureMatrix);
      for (const n of [1, 2, 5, 21, 43]) {
        const status = await page.evaluate(async ({ n, lang, catalog }) => {
          const el = document.createElement('div');
          document.body.append(el);
          const handle = await globalThis.FeatureMatrix.mount(el, { lang, catalog, id: `p${n}` });
          await new Promise((r) => setTimeout(r, 50));
          const text = el.querySelector('[role=status]').textContent.trim();
          handle.destroy();
          el.remove();
          return text;
        }, { n, lang, catalog: catalog(n) });
        const form = m.status[rules.select(n)] ?? m.status.other;
        assert.equal(status, form.replace('{shown}', String(n)).replace('{count}', String(n)), `${lang}, ${n} features`);
      }
      // 0 of 43: the built-in catalog with a search that matches nothing.
      const zero = await page.evaluate(async (lang) => {
        const el = document.createElement('div');
        document.body.append(el);
        const handle = await globalThis.FeatureMatrix.mount(el, { lang, search: 'zzzz', id: 'zero' });
        await new Promise((r) => setTimeout(r, 50));
        const text = el.querySelector('[role=status]').textContent.trim();
        handle.destroy();
        return text;
      }, lang);
      const form = m.status[rules.select(43)] ?? m.status.other;
      assert.equal(zero, form.replace('{shown}', '0').replace('{count}', '43'));
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe('search, links and languages side by side', () => {
  test('zh: 流量 and “traffic management” find the same traffic-management rows; Chinese needs no spaces', async () => {
    const { page, context } = await open('zh/index.html');
    await page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
    const ids = () => featureRows(page).evaluateAll((rows) => rows.map((r) => r.id));
    await searchBox(page).fill('流量');
    await page.getByRole('rowheader', { name: /^流量管理/ }).first().waitFor();
    const zh = await ids();
    assert.ok(zh.length > 5);
    await searchBox(page).fill('traffic management');
    await page.waitForFunction((n) => document.querySelectorAll('tr.fm-row').length === n, zh.length);
    assert.deepEqual(await ids(), zh);
    await searchBox(page).fill('流量管理');
    await page.waitForFunction((n) => document.querySelectorAll('tr.fm-row').length === n, zh.length);
    assert.deepEqual(await ids(), zh);
    await context.close();
  });

  test('a link shared from the zh page opens the same view on the en page', async () => {
    const { page, context } = await open('zh/index.html');
    await page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
    await page.getByRole('combobox', { name: '版本' }).selectOption('1.24');
    await page.getByRole('group', { name: '类别' }).getByRole('button', { name: /^安全和政策执行/ }).click();
    await page.getByRole('group', { name: '阶段' }).getByRole('button', { name: /^Beta/ }).click();
    await page.waitForFunction(() => location.search.includes('fm.phase'));
    const query = new URL(page.url()).search;
    assert.match(query, /fm\.cat=security-and-policy-enforcement/);
    const zhRows = await featureRows(page).evaluateAll((rows) => rows.map((r) => r.id));
    const en = await open(`index.html${query}`);
    await en.page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
    await en.page.waitForFunction((n) => document.querySelectorAll('tr.fm-row').length === n, zhRows.length);
    assert.deepEqual(await featureRows(en.page).evaluateAll((rows) => rows.map((r) => r.id)), zhRows);
    assert.equal(await en.page.getByRole('button', { name: /^Security and policy enforcement/ }).getAttribute('aria-pressed'), 'true');
    await en.context.close();
    await context.close();
  });

  test('two languages on one page, from lang and data-lang; an unknown one is English with one note', async () => {
    const notes = [];
    const { page, context, errors } = await open('test-pages/languages.html');
    // The notes of a fresh load, with the listener in place (only once the first load's
    // widgets are all mounted, so none of its notes arrives late).
    await page.getByRole('searchbox', { name: 'Filter features' }).waitFor();
    page.on('console', (msg) => { if (msg.type() === 'info') notes.push(msg.text()); });
    await page.reload();
    await page.getByRole('searchbox', { name: '筛选功能' }).waitFor();
    await page.getByRole('searchbox', { name: 'Фільтр функцій' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter features' }).waitFor();
    assert.equal(await page.locator('#zhw').getAttribute('lang'), 'zh');
    assert.equal(await page.locator('#ukw').getAttribute('lang'), 'uk');
    // Each widget keeps its language when the reader works the other one.
    await page.getByRole('searchbox', { name: 'Фільтр функцій' }).fill('dns');
    await page.getByRole('status').filter({ hasText: /з 43 функцій/ }).waitFor();
    assert.match(await page.locator('#zhw [role=status]').innerText(), /^共 43 个功能，显示 43 个$/);
    assert.equal(notes.filter((n) => n.includes('no interface language "fr"')).length, 1, `one note for fr: ${notes.join(' | ')}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('when the wasm cannot be loaded', () => {
  for (const lang of ['en', ...LANGS]) {
    test(`${lang}: the entry module says so in the page's language; the prerendered table stays`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.route('**/*.wasm', (route) => route.abort());
      await page.goto(`${site.base}/${lang === 'en' ? '' : `${lang}/`}index.html`);
      const note = page.getByText(messages(lang).entry_load_failed.other, { exact: true });
      await note.waitFor();
      assert.equal(await note.count(), 1);
      assert.ok(await page.getByRole('table').first().isVisible(), 'the prerendered table is still readable');
      // The controls that would have needed the script leave no empty space under the note.
      const gap = (await page.getByRole('status').first().boundingBox()).y - (await note.boundingBox()).y;
      assert.ok(gap < 80, `the status line follows the note (${Math.round(gap)} px)`);
      assert.ok(errors.some((e) => e.includes('feature-matrix: could not start')), errors.join(' | '));
      if (lang === 'zh') await shot(page, 'i18n-zh-load-failed.png');
      await context.close();
    });
  }
});

describe('custom catalogs', () => {
  test('carry their own translations: a zh widget shows them; English and Istio text do not leak in', async () => {
    const { page, context, errors } = await open('test-pages/languages.html');
    await page.waitForFunction(() => globalThis.FeatureMatrix);
    const catalog = {
      title: 'Gadget features',
      categories: [{ name: 'Networking', features: [{ name: 'Tunnels', phase: 'Beta' }] }, { name: 'Core', features: [{ name: 'Boot', phase: 'Stable' }] }],
      legend: { phases: ['Beta', 'Stable'], aspects: [{ name: 'Purpose', cells: ['Usable', 'Dependable'] }] },
      translations: { 'zh-CN': { title: '小工具功能', categories: { Networking: '网络' }, legend: { phases: ['Beta', 'Stable'], aspects: [{ name: '目的', cells: ['可用', '可靠'] }] } } },
    };
    const seen = await page.evaluate(async (catalog) => {
      const el = document.createElement('div');
      document.body.append(el);
      await globalThis.FeatureMatrix.mount(el, { lang: 'zh', catalog, id: 'gadget' });
      await new Promise((r) => setTimeout(r, 50));
      const section = el.querySelector('section');
      return {
        label: section.getAttribute('aria-label'),
        headings: [...el.querySelectorAll('th[scope=rowgroup]')].map((th) => th.textContent.replace(/\s*\(\d+\)$/, '')),
        legend: [...el.querySelectorAll('details th[scope=row]')].map((th) => th.textContent),
      };
    }, catalog);
    // Its own category names where it has them (Core: the catalog's, not Istio's 核心).
    assert.deepEqual(seen, { label: '小工具功能矩阵', headings: ['网络', 'Core'], legend: ['目的'] });
    // The English name still finds the translated category's rows.
    const widget = page.getByRole('region', { name: '小工具功能矩阵' });
    await widget.getByRole('searchbox', { name: '筛选功能' }).fill('networking');
    await widget.getByRole('status').filter({ hasText: /^共 2 个功能，显示 1 个$/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('problems', () => {
  /// A message of `lang` with its placeholders filled, read from the message file as a
  /// translator wrote it (an independent reading of what the widget shows).
  const say = (lang, key, args = {}) => messages(lang)[key].other.replace(/\{([a-z]+)\}/g, (_, k) => args[k]);

  test('a catalog with problems and bad options: the error box and the console speak the widget’s language', async () => {
    const { page, context } = await open('test-pages/languages.html');
    await page.waitForFunction(() => globalThis.FeatureMatrix);
    const warnings = [];
    page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    const catalog = { categories: [{ name: 'Networking', features: [{ name: 'Tunnels', phase: 'Omega', link: 'javascript:alert(1)' }] }] };
    const seen = {};
    for (const lang of ['zh', 'en']) {
      seen[lang] = await page.evaluate(async ({ catalog, lang }) => {
        const el = document.createElement('div');
        document.body.append(el);
        try { await globalThis.FeatureMatrix.mount(el, { lang, catalog, sort: 'sideways', colour: 'red' }); } catch { /* the error box is the result */ }
        await new Promise((r) => setTimeout(r, 50));
        return { label: el.querySelector('section')?.getAttribute('aria-label'), lines: [...el.querySelectorAll('[role=alert] li')].map((li) => li.textContent) };
      }, { catalog, lang });
    }
    for (const lang of ['zh', 'en']) {
      const source = say(lang, 'source_option');
      const entry = say(lang, 'place_feature', { name: '"Tunnels"', category: 'Networking', row: '1' });
      const line = (field, problem) => `${source}: ${say(lang, 'problem_in_field', { entry, field, problem })}`;
      assert.deepEqual(seen[lang], {
        label: say(lang, 'error_label'),
        lines: [
          line('phase', say(lang, 'problem_unknown_phase', { phase: '"Omega"' })),
          line('link', say(lang, 'link_scheme', { href: '"javascript:alert(1)"', scheme: '"javascript"' })),
        ],
      }, lang);
      const sort = say(lang, 'option_ignored', { option: 'sort', problem: say(lang, 'option_sort', { value: '"sideways"' }) });
      assert.ok(warnings.includes(`feature-matrix: ${sort}`), `${lang}: ${warnings.join(' | ')}`);
      const known = 'id, search, phases, categories, sort, view, columns, title, docsBase, legend, catalog, release, report, lang';
      assert.ok(warnings.includes(`feature-matrix: ${say(lang, 'option_unknown', { option: 'colour', known })}`), warnings.join(' | '));
    }
    // The Chinese lines hold no English words of the messages (the data's own words aside).
    assert.doesNotMatch(seen.zh.lines.join('\n'), /unknown phase|uses the scheme|feature "|field `/);
    await page.getByRole('region', { name: say('zh', 'error_label') }).screenshot({ path: join(ARTIFACTS, 'i18n-zh-catalog-problems.png') });
    await context.close();
  });
});

describe('layout', () => {
  for (const lang of ['zh', 'uk']) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${lang} at 320 px, ${colorScheme}: no clipped buttons; print`, async () => {
        const { page, context } = await open(`${lang}/index.html`, { width: 320, height: 800, colorScheme });
        await page.waitForSelector('[data-fm-mounted] section.fm:not(.fm--static)');
        const clipped = await page.evaluate(() => [...document.querySelectorAll('section.fm button, section.fm select, section.fm summary')]
          .filter((b) => b.offsetParent && (b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
          .map((b) => b.textContent.trim()));
        assert.deepEqual(clipped, []);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), 'no sideways scrolling');
        await shot(page, `i18n-${lang}-320-${colorScheme}.png`);
        if (colorScheme === 'light') {
          await page.emulateMedia({ media: 'print' });
          await shot(page, `i18n-${lang}-print.png`);
        }
        await context.close();
      });
    }
  }
});
