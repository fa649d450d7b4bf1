// feature-matrix badges: <span data-feature-badge="traffic.sidecar"></span> anywhere on a
// page shows that feature's phase, the release it reached it (linked to its row in the
// matrix page) and its history in a popover. Optional attributes: data-release ("1.24";
// default the newest release), data-matrix-href (the matrix page; default index.html beside
// this script), data-lang (the badge's language; default the nearest lang attribute, else
// English; zh-CN → zh). Badges rendered at build time are left as they are; empty ones are
// rendered here, with the same markup. No wasm, no network: the data is the module
// beside this one, generated from Istio's features.yaml files at build time (every phase
// and "since" is looked up there, not worked out here).
//
// data-matrix-href is used only when it is a relative path ("../index.html", "?x", "") or an
// http:/https: URL; anything else (javascript:, data:, "//other.host", "\\host", a value with
// control characters or spaces around it) is ignored with a console warning, and the badge
// links to the default matrix page.
//
// Badges added to the page later (a docs site's client-side navigation, innerHTML,
// appendChild) are rendered by themselves, and a rendered badge whose data-* attributes
// change is rendered again. Pages that render into a detached element call the exports:
// renderBadges(root) renders every empty badge in `root` (an element, fragment or the
// document) and returns how many; renderBadge(el) renders one badge element, rendered or not.
// Problems are one console warning per kind and render pass, with a count ("5,000 badges
// name unknown features: …"), not one per badge; one badge that cannot be rendered leaves
// the others.
//
// Loaded by feature-matrix.js when a page has badges, or on its own by a page that has
// badges only: <script type="module" src=".../feature-badges.js"></script>.
import DATA from './feature-badges-data.js';

const PHASES = { E: 'Experimental', A: 'Alpha', B: 'Beta', S: 'Stable', D: 'Deprecated' };
const DEFAULT_HREF = new URL('index.html', import.meta.url).href;
// The attributes that say what a badge shows; a change to one renders the badge again.
const ATTRIBUTES = ['data-feature-badge', 'data-release', 'data-matrix-href', 'data-lang'];
let next = 0;

// A console call that cannot stop a render: a page may replace console.warn with a function
// that throws (a test harness that fails on warnings, a logging shim with a bug).
function log(level, message) {
  try { console[level](message); } catch { /* nothing to tell it with */ }
}

// Problems are said once per kind and render pass (a renderBadges call, one batch of added
// badges): a page with 5,000 mistyped ids gets one line, not 5,000. Each problem (kind and
// value) is said once per page, as a docs site's navigation brings the same badges back.
const MORE = 3;
// Per kind of problem, what the line for several badges says (`note` is given the line for one).
const MANY = {
  feature: 'badges name unknown features',
  release: 'badges name unknown releases',
  absent: 'badges name features not in their release',
  href: `badges have a data-matrix-href that is not a relative path or an http(s) URL (they link to ${DEFAULT_HREF} instead)`,
  failed: 'badges could not be rendered', // an error, the others are warnings
};
const said = new Set();
let pass = null;

// A count as a reader writes it: 5,000.
const count = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
// A value from the page, short and with its control characters visible, in quotes.
function quote(value) {
  let s;
  try { s = JSON.stringify(String(value)); } catch { s = `"${value}"`; }
  return s.length > 60 ? `${s.slice(0, 58)}…"` : s;
}

// Notes problem `kind` of a badge: `shown` names it in a list ("traffic.x" or
// "ambient.y" (Istio 1.10)), `one` is its line when it is the pass's only one of its kind.
function note(kind, shown, one) {
  try {
    const key = `${kind} ${shown}`;
    if (said.has(key)) return;
    const alone = !pass;
    if (alone) pass = new Map();
    let k = pass.get(kind);
    if (!k) pass.set(kind, (k = { badges: 0, shown: new Map() }));
    k.badges += 1;
    if (!k.shown.has(key)) k.shown.set(key, [shown, one]);
    if (alone) flush();
  } catch { /* a warning lost, the badge still rendered */ }
}

function flush() {
  const p = pass;
  pass = null;
  if (!p) return;
  try {
    for (const [kind, { badges, shown }] of p) {
      const list = [];
      for (const [key, item] of shown) { said.add(key); list.push(item); }
      const level = kind === 'failed' ? 'error' : 'warn';
      if (badges === 1) { log(level, `feature-matrix: ${list[0][1]}`); continue; }
      let names = list[0][0];
      for (let i = 1; i < list.length && i < MORE; i += 1) names += `, ${list[i][0]}`;
      if (list.length > MORE) names += `, … (and ${count(list.length - MORE)} more)`;
      log(level, `feature-matrix: ${count(badges)} ${MANY[kind]}: ${names}`);
    }
  } catch { /* as in note */ }
}

// Runs `render` as one pass: its problems are said together at its end.
function inPass(render) {
  if (pass) return render();
  pass = new Map();
  try { return render(); } finally { flush(); }
}

// The widget's id for a features.yaml id, as the build derives it (lower case, every run of
// other characters one '-').
const slug = (id) => id.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');

// A features.yaml id (the data's row key), else the row with the same widget id (the widget's
// id itself, or an id some releases wrote with stray punctuation). Plain loops here and below:
// a page that replaced Object.entries or Array.prototype.map still gets its badges.
const own = Object.prototype.hasOwnProperty;
function row(id) {
  if (own.call(DATA.features, id)) return [id, DATA.features[id]];
  const s = slug(id);
  for (const key in DATA.features) if (own.call(DATA.features, key) && DATA.features[key][0] === s) return [key, DATA.features[key]];
  return null;
}

// Message `key` of `words` (a language's badge strings) with its {placeholders} filled.
const say = (words, key, args = {}) =>
  words[key].replace(/\{(\w+)\}/g, (m, k) => (own.call(args, k) ? args[k] : m));
const english = DATA.messages.en;

// The language a badge speaks: its data-lang, else the nearest lang attribute (primary
// subtag), else English; a language without strings is English, noted once.
const noted = new Set();
function languageOf(badge) {
  const tag = badge.getAttribute('data-lang')?.trim() || badge.closest('[lang]')?.getAttribute('lang')?.trim() || 'en';
  const code = tag.split(/[-_]/)[0].toLowerCase();
  if (own.call(DATA.messages, code)) return code;
  if (!noted.has(code)) {
    noted.add(code);
    log('info', `feature-matrix: no badge strings for language "${tag}"; badges are in English`);
  }
  return 'en';
}

// What a badge cannot describe: [message key, its arguments, problem kind].
const MISSING_FEATURE = ['badge_unknown_feature', {}, 'feature'];
const MISSING_RELEASE = ['badge_unknown_release', {}, 'release'];

function lookup(id, release) {
  const found = row(String(id));
  if (!found) return { why: MISSING_FEATURE };
  const r = release == null ? DATA.latest : DATA.releases.indexOf(String(release));
  if (r < 0) return { why: MISSING_RELEASE };
  const [slug, names, phases, since] = found[1];
  const label = DATA.releases[r];
  if (phases[r] === '-') return { why: ['badge_not_in', { release: label }, 'absent'] };
  // The releases where the phase changed are the distinct "since" values up to r.
  const history = [];
  for (let i = 0; i <= r; i += 1) {
    if (phases[i] === '-') continue;
    const s = parseInt(since[i], 36);
    if (!history.length || history[history.length - 1][0] !== DATA.releases[s]) {
      history.push([DATA.releases[s], PHASES[phases[s]]]);
    }
  }
  // The name the feature had in release r: the last one given from r or earlier.
  let name = names[0]?.[1] ?? '';
  for (let i = 0; i < names.length; i += 1) if (names[i][0] <= r) name = names[i][1];
  return { slug, name, release: label, phase: PHASES[phases[r]], since: DATA.releases[parseInt(since[r], 36)], history };
}

// Feature `id` (features.yaml id or the widget's id) in `release` (label; default the
// newest release): { slug, name, release, phase, since, history: [[release, phase]] }, or
// { missing: "unknown feature" | "unknown release" | "not in Istio 1.10" } (in English).
export function describe(id, release) {
  const b = lookup(id, release);
  return b.why ? { missing: say(english, b.why[0], b.why[1]) } : b;
}

// `value` (a URL the page gave) if a link to it is safe, else null. Safe: a relative path or
// an http(s) URL. Not: javascript: and data: (they run script or show a page of the
// attribute's author, on this origin's name), "//host" and "\\host" or "/\host" (another
// host, written as a path), and control characters or spaces around the value, which URL
// parsing drops ("java\tscript:" is javascript:) but a reader or a filter does not see.
function safeHref(value) {
  if (/[\u0000-\u001f\u007f]|^\s|\s$|^[\\/]{2}/.test(value)) return null;
  try {
    const { protocol } = new URL(value, globalThis.document?.baseURI ?? import.meta.url);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null; // not a URL at all ("http://[")
  }
}

// The link to a feature's row in the matrix page `href` (default, and instead of an unsafe
// href, index.html beside this script).
export function matrixLink(href, release, slug) {
  let page = href == null ? DEFAULT_HREF : safeHref(String(href));
  if (page == null) {
    const shown = quote(href);
    note('href', shown, `data-matrix-href ${shown} is not a relative path or an http(s) URL; the badge links to ${DEFAULT_HREF} instead`);
    page = DEFAULT_HREF;
  }
  const base = page.split('#')[0];
  return `${base}${base.includes('?') ? '&' : '?'}fm.release=${release}#fm-${encodeURIComponent(slug)}`;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const k in attrs) node.setAttribute(k, attrs[k]);
  node.append(...children);
  return node;
}

// A name's code spans ("Waypoints: `DestinationRule`"): pairs of backticks, left to right; a
// lone backtick stays. The plain text and the nodes with <code>.
const CODE = /`([^`]*)`/g;
const plainName = (name) => name.replace(CODE, '$1');
function nameNodes(name) {
  const out = [];
  let at = 0;
  for (const m of name.matchAll(CODE)) {
    if (m.index > at) out.push(name.slice(at, m.index));
    out.push(el('code', {}, m[1]));
    at = m.index + m[0].length;
  }
  if (at < name.length) out.push(name.slice(at));
  return out;
}

function freeId() {
  let id;
  do { next += 1; id = `fmb-j${next}`; } while (document.getElementById(id));
  return id;
}

// Notes what badge `id` (in data-release `release`) cannot describe (`why`, from lookup).
function noteMissing(id, release, why) {
  const [key, args, kind] = why;
  const shown = kind === 'feature' ? `"${id}"` : `"${id}" (${kind === 'absent' ? `Istio ${args.release}` : `release ${quote(release)}`})`;
  note(kind, shown, `badge "${id}": ${say(english, key, args)}`);
}

// Renders one badge element in place (its data-* attributes say what).
function draw(badge) {
  const id = badge.getAttribute('data-feature-badge') ?? '';
  const release = badge.getAttribute('data-release');
  const b = lookup(id, release);
  const lang = languageOf(badge);
  const words = DATA.messages[lang];
  // A badge in another language than the page's says which it speaks (English when its
  // data-lang has no strings), as the build renders it.
  if (badge.getAttribute('data-lang')?.trim()) badge.setAttribute('lang', lang);
  if (b.why) {
    badge.className = 'fm-badge fm-badge--unknown';
    badge.replaceChildren(el('span', { class: 'fm-badge-phase' }, say(words, b.why[0], b.why[1])));
    noteMissing(id, release, b.why);
    return;
  }
  const href = matrixLink(badge.getAttribute('data-matrix-href'), b.release, b.slug);
  const pop = freeId();
  const name = plainName(b.name);
  const steps = [];
  for (const [r, p] of b.history) steps.push(el('span', { role: 'listitem' }, `${r} ${p}`));
  badge.className = `fm-badge fm-badge--${b.phase.toLowerCase()}`;
  badge.replaceChildren(
    el('a', { class: 'fm-badge-link', href, 'aria-label': say(words, 'badge_label', { name, phase: b.phase, release: b.since }) },
      el('span', { class: 'fm-badge-phase' }, b.phase), ' ',
      el('span', { class: 'fm-badge-since' }, say(words, 'badge_since', { release: b.since }))),
    el('button', { type: 'button', class: 'fm-badge-more', popovertarget: pop, 'aria-label': say(words, 'badge_history', { name }) }, 'i'),
    el('span', { class: 'fm-badge-pop', id: pop, popover: '', role: 'group', 'aria-label': say(words, 'badge_group', { name, release: b.release }) },
      el('span', { class: 'fm-badge-title' }, ...nameNodes(b.name)), ' ', el('code', {}, id),
      el('span', { class: 'fm-badge-steps', role: 'list' }, ...steps),
      el('a', { class: 'fm-badge-open', href }, say(words, 'badge_open'))),
  );
}

// Renders one badge element in place (its data-* attributes say what), whether or not it
// was rendered before.
export function renderBadge(badge) {
  inPass(() => draw(badge));
}

// A badge found in the page: an empty one (or, with `again`, any) is rendered; one rendered
// at build time is kept, and an unknown one still gets its warning. Never throws, so one
// badge that fails leaves the others. Returns 1 if it rendered the badge.
function visit(badge, again) {
  let id = '';
  try {
    id = badge.getAttribute('data-feature-badge') ?? '';
    if (again || (badge.childElementCount === 0 && !badge.textContent.trim())) {
      draw(badge);
      return 1;
    }
    if (badge.classList.contains('fm-badge--unknown')) {
      // The build knew no such feature (Hugo: in its site's data); say why the data does not.
      const release = badge.getAttribute('data-release');
      noteMissing(id, release, lookup(id, release).why ?? MISSING_FEATURE);
    }
  } catch (error) {
    note('failed', `"${id}" (${error})`, `badge "${id}" could not be rendered: ${error}`);
  }
  return 0;
}

// Renders every empty badge in `root` (and `root` itself if it is one); badges rendered at
// build time are kept (an unknown one still gets its console warning). Returns how many it
// rendered.
export function renderBadges(root = document) {
  return inPass(() => {
    let n = root.nodeType === 1 && root.hasAttribute('data-feature-badge') ? visit(root) : 0;
    const badges = root.querySelectorAll('[data-feature-badge]');
    for (let i = 0; i < badges.length; i += 1) n += visit(badges[i]);
    return n;
  });
}

// Badges added after load, and rendered badges whose attributes change, found in the
// page's mutation records. The page may re-render thousands of table rows per keystroke (the
// widget beside the badges), so a record costs next to nothing unless it adds an element: no
// scan of the document, one querySelectorAll per added element, none for a badge's own
// children (its rendering).
function added(records) {
  let found = null; // badge → render even if not empty
  for (let i = 0; i < records.length; i += 1) {
    const r = records[i];
    const t = r.target;
    if (r.type === 'attributes') {
      // Only the ATTRIBUTES are observed; a value set to itself changes nothing.
      if (t.getAttribute(r.attributeName) === r.oldValue || !t.hasAttribute('data-feature-badge')) continue;
      if (r.attributeName === 'data-lang' && !t.getAttribute('data-lang')?.trim()) t.removeAttribute('lang');
      (found ??= new Map()).set(t, t.classList.contains('fm-badge'));
      continue;
    }
    const nodes = r.addedNodes;
    if (nodes.length === 0 || (t.nodeType === 1 && t.hasAttribute('data-feature-badge'))) continue;
    for (let j = 0; j < nodes.length; j += 1) {
      const node = nodes[j];
      // Text, comments and nodes already removed again (a virtual DOM's churn) are skipped.
      if (node.nodeType !== 1 || !node.isConnected) continue;
      if (node.hasAttribute('data-feature-badge') && !found?.has(node)) (found ??= new Map()).set(node, false);
      if (!node.firstElementChild) continue;
      const inner = node.querySelectorAll('[data-feature-badge]');
      for (let k = 0; k < inner.length; k += 1) if (!found?.has(inner[k])) (found ??= new Map()).set(inner[k], false);
    }
  }
  if (!found) return;
  inPass(() => {
    for (const [badge, again] of found) if (badge.isConnected) visit(badge, again);
  });
}

function watch() {
  if (typeof MutationObserver !== 'function') return;
  const observer = new MutationObserver((records) => {
    try { added(records); } catch (error) { log('error', `feature-matrix: added badges could not be rendered: ${error}`); }
  });
  observer.observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ATTRIBUTES, attributeOldValue: true,
  });
}

if (typeof document !== 'undefined') {
  // After parsing: while the parser still inserts a built badge's children, an observer
  // could take it for an empty one.
  const start = () => {
    try { renderBadges(); } catch (error) { log('error', `feature-matrix: badges could not be rendered: ${error}`); }
    watch();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
