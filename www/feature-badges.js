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
// Loaded by feature-matrix.js when a page has badges, or on its own by a page that has
// badges only: <script type="module" src=".../feature-badges.js"></script>.
import DATA from './feature-badges-data.js';

const PHASES = { E: 'Experimental', A: 'Alpha', B: 'Beta', S: 'Stable', D: 'Deprecated' };
const DEFAULT_HREF = new URL('index.html', import.meta.url).href;
const warned = new Set();
let next = 0;

// The widget's id for a features.yaml id, as the build derives it (lower case, every run of
// other characters one '-').
const slug = (id) => id.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');

// A features.yaml id (the data's row key), else the row with the same widget id (the widget's
// id itself, or an id some releases wrote with stray punctuation).
function row(id) {
  if (Object.hasOwn(DATA.features, id)) return [id, DATA.features[id]];
  const s = slug(id);
  for (const [key, f] of Object.entries(DATA.features)) if (f[0] === s) return [key, f];
  return null;
}

// Message `key` of `words` (a language's badge strings) with its {placeholders} filled.
const say = (words, key, args = {}) =>
  words[key].replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(args, k) ? args[k] : m));
const english = DATA.messages.en;

// The language a badge speaks: its data-lang, else the nearest lang attribute (primary
// subtag), else English; a language without strings is English, noted once.
const noted = new Set();
function languageOf(badge) {
  const tag = badge.getAttribute('data-lang')?.trim() || badge.closest('[lang]')?.getAttribute('lang')?.trim() || 'en';
  const code = tag.split(/[-_]/)[0].toLowerCase();
  if (Object.hasOwn(DATA.messages, code)) return code;
  if (!noted.has(code)) {
    noted.add(code);
    console.info(`feature-matrix: no badge strings for language "${tag}"; badges are in English`);
  }
  return 'en';
}

// What a badge cannot describe: [message key, its arguments].
const MISSING_FEATURE = ['badge_unknown_feature', {}];
const MISSING_RELEASE = ['badge_unknown_release', {}];

function lookup(id, release) {
  const found = row(String(id));
  if (!found) return { why: MISSING_FEATURE };
  const r = release == null ? DATA.latest : DATA.releases.indexOf(String(release));
  if (r < 0) return { why: MISSING_RELEASE };
  const [slug, names, phases, since] = found[1];
  const label = DATA.releases[r];
  if (phases[r] === '-') return { why: ['badge_not_in', { release: label }] };
  // The releases where the phase changed are the distinct "since" values up to r.
  const history = [];
  for (let i = 0; i <= r; i += 1) {
    if (phases[i] === '-') continue;
    const s = parseInt(since[i], 36);
    if (!history.length || history[history.length - 1][0] !== DATA.releases[s]) {
      history.push([DATA.releases[s], PHASES[phases[s]]]);
    }
  }
  const name = names.filter(([from]) => from <= r).pop()?.[1] ?? names[0]?.[1] ?? '';
  return { slug, name, release: label, phase: PHASES[phases[r]], since: DATA.releases[parseInt(since[r], 36)], history };
}

// Feature `id` (features.yaml id or the widget's id) in `release` (label; default the
// newest release): { slug, name, release, phase, since, history: [[release, phase]] }, or
// { missing: "unknown feature" | "unknown release" | "not in Istio 1.10" } (in English).
export function describe(id, release) {
  const b = lookup(id, release);
  return b.why ? { missing: say(english, ...b.why) } : b;
}

// The link to a feature's row in the matrix page `href`.
export function matrixLink(href, release, slug) {
  const base = href.split('#')[0];
  return `${base}${base.includes('?') ? '&' : '?'}fm.release=${release}#fm-${encodeURIComponent(slug)}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
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

// Renders one badge element in place (its data-* attributes say what).
export function renderBadge(badge) {
  const id = badge.getAttribute('data-feature-badge') ?? '';
  const b = lookup(id, badge.getAttribute('data-release'));
  const lang = languageOf(badge);
  const words = DATA.messages[lang];
  // A badge in another language than the page's says which it speaks (English when its
  // data-lang has no strings), as the build renders it.
  if (badge.getAttribute('data-lang')?.trim()) badge.setAttribute('lang', lang);
  if (b.why) {
    badge.className = 'fm-badge fm-badge--unknown';
    badge.replaceChildren(el('span', { class: 'fm-badge-phase' }, say(words, ...b.why)));
    warn(id, say(english, ...b.why));
    return;
  }
  const href = matrixLink(badge.getAttribute('data-matrix-href') ?? DEFAULT_HREF, b.release, b.slug);
  const pop = freeId();
  const name = plainName(b.name);
  badge.className = `fm-badge fm-badge--${b.phase.toLowerCase()}`;
  badge.replaceChildren(
    el('a', { class: 'fm-badge-link', href, 'aria-label': say(words, 'badge_label', { name, phase: b.phase, release: b.since }) },
      el('span', { class: 'fm-badge-phase' }, b.phase), ' ',
      el('span', { class: 'fm-badge-since' }, say(words, 'badge_since', { release: b.since }))),
    el('button', { type: 'button', class: 'fm-badge-more', popovertarget: pop, 'aria-label': say(words, 'badge_history', { name }) }, 'i'),
    el('span', { class: 'fm-badge-pop', id: pop, popover: '', role: 'group', 'aria-label': say(words, 'badge_group', { name, release: b.release }) },
      el('span', { class: 'fm-badge-title' }, ...nameNodes(b.name)), ' ', el('code', {}, id),
      el('span', { class: 'fm-badge-steps', role: 'list' },
        ...b.history.map(([r, p]) => el('span', { role: 'listitem' }, `${r} ${p}`))),
      el('a', { class: 'fm-badge-open', href }, say(words, 'badge_open'))),
  );
}

function warn(id, what) {
  if (warned.has(id)) return;
  warned.add(id);
  console.warn(`feature-matrix: badge "${id}": ${what}`);
}

// Renders every empty badge under `root`; badges rendered at build time are kept (an
// unknown one still gets its console warning). Returns how many it rendered.
export function renderBadges(root = document) {
  let n = 0;
  for (const badge of root.querySelectorAll('[data-feature-badge]')) {
    if (badge.childElementCount === 0 && !badge.textContent.trim()) {
      renderBadge(badge);
      n += 1;
    } else if (badge.classList.contains('fm-badge--unknown')) {
      warn(badge.getAttribute('data-feature-badge') ?? '', badge.textContent.trim());
    }
  }
  return n;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => renderBadges(), { once: true });
  else renderBadges();
}
