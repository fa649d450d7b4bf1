// feature-matrix entry module. Loading it mounts a widget into every
// [data-feature-matrix] element, also those a page adds later (single-page docs sites), and
// frees the widgets whose element leaves the page; `mount(element, options)` mounts one more
// and returns a handle with `destroy()`. Paths are relative to this file, so the folder
// works from any host and sub-path. It fetches nothing but ./pkg/* and ./i18n/*.
import init, * as first from './pkg/feature_matrix.js';

const WASM = new URL('./pkg/feature_matrix_bg.wasm', import.meta.url);
let wasm = first;
// The instance stopped (see stop()), how often it was restarted, the badge module loaded.
let stopped = false;
let restarts = 0;
let badges = false;
// The page's console may throw or be gone: a note is never worth a stopped widget.
const say = (kind, ...args) => { try { console[kind](...args); } catch { /* nothing to tell it with */ } };

// Interface languages besides English: ./i18n/<lang>.js registers one in
// globalThis.FeatureMatrixLanguages. A widget speaks its `lang` option, else the nearest
// `lang` attribute (zh-CN → zh), as the wasm decides it (an empty one counts as none); its
// file is loaded before it mounts, and each widget waits only for its own, at most
// LANGUAGE_WAIT ms (then it starts in English, with a note). The build checks this list
// against i18n/*.toml.
const LANGUAGES = ['es', 'uk', 'zh'];
const LANGUAGE_WAIT = 3000;
const languageOf = (el, options) => {
  try {
    const tag = options?.lang || (el instanceof Element ? el.dataset.lang || el.closest('[lang]')?.lang : '');
    return String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
  } catch {
    return ''; // an option that throws: the wasm reports it when it reads the options
  }
};
const loading = new Map();
function load(code) {
  if (!LANGUAGES.includes(code) || globalThis.FeatureMatrixLanguages?.[code]) return null;
  if (!loading.has(code)) {
    const late = new Promise((resolve) => setTimeout(() => {
      if (!globalThis.FeatureMatrixLanguages?.[code]) say('info', `feature-matrix: i18n/${code}.js did not arrive in 3 s`);
      resolve();
    }, LANGUAGE_WAIT));
    const file = import(`./i18n/${code}.js`).catch((error) => say('warn', `feature-matrix: i18n/${code}.js:`, error));
    loading.set(code, Promise.race([file, late]));
  }
  return loading.get(code);
}

// The wasm's glue tells this module when an exception crossed the wasm (the trap after a
// panic, or a page built-in that threw): that instance is not called again (see
// xtask/src/glue_guard.js), the widgets say so, and a fresh instance takes over.
init.onStop = stop;
export let ready = init({ module_or_path: fetch(WASM) });
// The placeholders' language files download meanwhile.
for (const el of document.querySelectorAll('[data-feature-matrix]')) load(languageOf(el));

// Every widget on the page: element -> { options, id, fallback, handle, last }.
// `fallback` is a copy of what the element held (put back for a restart or a destroy() after
// a crash); `last` the widget's last `featurematrix:change` detail, for state().
const mounted = new Map();
// Placeholders waiting for their language: element -> Promise<number mounted>.
const pending = new Map();

function attach(element, options) {
  const isElement = element instanceof Element;
  const entry = { options, handle: null, last: null,
    fallback: isElement ? Array.from(element.childNodes, (n) => n.cloneNode(true)) : [] };
  entry.keep = (event) => {
    // A page may have replaced the event's getters: then state() has nothing new to say.
    try {
      if (event.target !== element) return;
      entry.last = event.detail;
    } catch { /* nothing to keep */ }
    entry.first?.();
  };
  if (isElement) element.addEventListener('featurematrix:change', entry.keep);
  try {
    entry.handle = wasm.mount(element, options);
    entry.id = entry.handle.id;
  } catch (error) {
    if (isElement) element.removeEventListener('featurematrix:change', entry.keep);
    throw error;
  }
  mounted.set(element, entry);
  return entry;
}

// Puts back what `element` held before its widget (for a restart, or after it stopped).
const restore = (element, entry) => element.replaceChildren(...entry.fallback.map((n) => n.cloneNode(true)));

function destroy(element, entry) {
  if (mounted.get(element) !== entry) return;
  mounted.delete(element);
  element.removeEventListener('featurematrix:change', entry.keep);
  const handle = entry.handle;
  entry.handle = null;
  if (handle) {
    handle.destroy();
    handle.free();
  } else {
    // Its instance stopped: what the page had comes back, and the element can hold a widget again.
    restore(element, entry);
    element.removeAttribute('data-fm-mounted');
  }
}

// Mounts a widget into `element` (in place of a catalog error box it shows); resolves to its
// handle ({ id, state(), destroy() }) once the widget can say what it shows. The handle stays
// valid across a restart after a crash: it always acts on the widget's current instance;
// destroy() on a crashed widget puts back what the element held.
export async function mount(element, options = {}) {
  await Promise.all([ready, load(languageOf(element, options))]);
  // A box that shows only why its catalog could not be shown takes the new widget.
  const old = mounted.get(element);
  if (old?.handle && !old.handle.matrix) destroy(element, old);
  const entry = attach(element, options);
  // The first change event is sent a task after the first render.
  if (entry.handle.matrix && !entry.last) {
    await new Promise((resolve) => { entry.first = resolve; setTimeout(resolve, 2000); });
  }
  return {
    get id() { return entry.handle ? entry.handle.id : null; },
    // The view now: a copy of the last `featurematrix:change` event's detail (null once destroyed).
    state() { return entry.handle && entry.last ? structuredClone(entry.last) : null; },
    destroy() { destroy(element, entry); },
  };
}

// Destroys the widgets whose element left the document (a page that replaced its content).
function sweep() {
  for (const [el, entry] of mounted) if (!el.isConnected) destroy(el, entry);
}

// Mounts every placeholder not mounted yet, each once its language is there; resolves to how
// many were mounted.
function mountPlaceholders() {
  sweep();
  const started = [];
  for (const el of document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])')) {
    if (!pending.has(el)) {
      pending.set(el, Promise.resolve(load(languageOf(el))).then(() => {
        pending.delete(el);
        if (!el.isConnected || el.hasAttribute('data-fm-mounted') || mounted.has(el) || stopped) return 0;
        try {
          attach(el);
          return 1;
        } catch (error) {
          say('error', 'feature-matrix: could not mount', el, error);
          return 0;
        }
      }));
    }
    started.push(pending.get(el));
  }
  if (!badges && document.querySelector('[data-feature-badge]')) loadBadges();
  return Promise.all(started).then((n) => n.reduce((a, b) => a + b, 0));
}

/** Mounts every [data-feature-matrix] element added since the last call (the page does it by itself too). */
export async function mountNew() {
  await ready;
  return mountPlaceholders();
}

/** This package's version (semver; Cargo.toml, package.json and the .d.ts say the same). */
export const version = '0.4.0';

globalThis.FeatureMatrix ??= { ready, mount, mountNew, version };

// Feature badges (<span data-feature-badge="…">) need no wasm: their own small module, loaded
// when the page has a badge (it renders badges added later itself).
function loadBadges() {
  badges = true;
  import('./feature-badges.js').catch((error) => say('warn', 'feature-matrix: badges:', error));
}
if (document.querySelector('[data-feature-badge]')) loadBadges();

// <feature-matrix> and <feature-status>: the widget and the badge as elements, mounted when
// connected and freed when removed (pages that navigate without reloading add and remove
// them). <feature-matrix> takes every option as an attribute (release, lang, phases,
// categories, sort, view, search, columns, title, docs-base, legend, report, catalog; the id
// as data-id, so that it is not the element's own), and a site's own data as a child
// <script type="application/json">. Its children are the no-JS fallback (a prerendered
// table is hydrated in place). A changed attribute that is part of the reader's view
// (RELOAD below) is the reader's change: once the reader changed the view, the address holds
// it, and the attribute's parameter is set there before the widget is mounted again with
// the new options; the rest of the view stays. <feature-status feature="…" release="…">
// is a badge (data-feature-badge and its data-* attributes, kept in step).
const OPTIONS = ['search', 'phases', 'categories', 'sort', 'view', 'release', 'columns', 'title', 'docs-base', 'legend', 'report', 'catalog', 'lang'];
const PARAMS = { search: 'q', phases: 'phase', categories: 'cat', sort: 'sort', view: 'view', release: 'release' };
const DATA_CHILD = ':scope > script[type="application/json"]';
const define = (name, make) => { try { customElements.get(name) || customElements.define(name, make()); } catch { /* no custom elements here */ } };
define('feature-matrix', () => class extends HTMLElement {
  static observedAttributes = OPTIONS;
  #handle = null;
  #queue = Promise.resolve();
  connectedCallback() { this.#update(false); }
  // A move is a removal and an insertion in one task: the widget stays.
  disconnectedCallback() { queueMicrotask(() => this.#update(false)); }
  attributeChangedCallback(name, old, value) {
    const id = this.#handle?.id;
    if (old === value || !id) return;
    const query = new URLSearchParams(location.search);
    const param = PARAMS[name] && `${id}.${PARAMS[name]}`;
    if (param && [...query.keys()].some((k) => k.startsWith(`${id}.`))) {
      if (value) query.set(param, value); else query.delete(param);
      const search = `${query}`;
      history.replaceState(history.state, '', `${search ? `?${search}` : location.pathname}${location.hash}`);
    }
    this.#update(true);
  }
  #update(again) {
    this.#queue = this.#queue.then(async () => {
      if (this.#handle && (again || !this.isConnected)) {
        this.#handle.destroy();
        this.#handle = null;
      }
      if (!this.isConnected || this.#handle) return;
      const options = {};
      for (const a of OPTIONS) if (this.hasAttribute(a)) options[a.replace(/-(.)/g, (_, c) => c.toUpperCase())] = this.getAttribute(a);
      if (!options.catalog && this.querySelector(DATA_CHILD)) options.catalog = DATA_CHILD;
      this.#handle = await mount(this, options);
      // Removed while it mounted.
      if (!this.isConnected) this.#update(false);
    }).catch((error) => say('error', 'feature-matrix: could not mount', this, error));
  }
});
define('feature-status', () => class extends HTMLElement {
  static observedAttributes = ['feature', 'release', 'lang', 'matrix-href'];
  connectedCallback() {
    this.attributeChangedCallback();
    import('./feature-badges.js').then((m) => m.renderBadge(this)).catch((error) => say('warn', 'feature-matrix: badges:', error));
  }
  attributeChangedCallback() {
    for (const a of ['feature', 'release', 'lang', 'matrix-href']) {
      const v = this.getAttribute(a);
      const to = a === 'feature' ? 'data-feature-badge' : `data-${a}`;
      if (v === null) this.removeAttribute(to); else if (this.getAttribute(to) !== v) this.setAttribute(to, v);
    }
  }
});

// Elements the page adds or removes later. The widgets' own changes (thousands of rows per
// keystroke) are skipped at the cost of one `closest` per run of records with one target.
const watch = new MutationObserver((records) => { try { changed(records); } catch { /* a replaced built-in */ } });
function changed(records) {
  let added = false;
  let removed = false;
  let target = null;
  let inside = false;
  for (const r of records) {
    if (r.target !== target) {
      target = r.target;
      inside = target.nodeType === 1 && target.closest('.fm-root') !== null;
    }
    if (inside) continue;
    if (r.removedNodes.length) removed = true;
    for (const n of r.addedNodes) if (n.nodeType === 1) added = true;
  }
  if (added) mountPlaceholders();
  else if (removed) sweep();
}

const started = (document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve()).then(() => ready);
started.then(() => {
  watch.observe(document, { childList: true, subtree: true });
  return mountPlaceholders();
}).catch((error) => {
  say('error', 'feature-matrix: could not start', error);
  for (const el of document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])')) {
    // In the widget's language once its file is there, else English.
    Promise.resolve(load(languageOf(el))).then(() => tell(el, globalThis.FeatureMatrixLanguages?.[languageOf(el)]?.loadFailed
      ?? 'The interactive feature table could not be loaded.'));
  }
});

// The first of `ways` that does not throw: a page may have replaced a built-in.
const attempt = (...ways) => {
  for (const way of ways) {
    try { return way(); } catch { /* the next way */ }
  }
};
// The note a box has: its first element, when that is a note (the widget puts it there).
const noteOf = (box) => {
  const top = box.firstElementChild;
  return top && /fm-(load-error|crash)/.test(top.className) ? top : null;
};

// A note at the top of `box` (above the prerendered table, where a reader looks first), once:
// a second one replaces the first's text. Each step has a second way.
function tell(box, text, className = 'fm-load-error') {
  const old = noteOf(box);
  const doc = box.ownerDocument;
  const note = old ?? attempt(() => doc.createElement('p'), () => doc.createElementNS('http://www.w3.org/1999/xhtml', 'p'));
  attempt(() => { note.textContent = text; }, () => note.replaceChildren(text));
  if (old) return;
  note.className = className;
  attempt(() => note.setAttribute('role', 'alert'), () => { note.role = 'alert'; });
  attempt(() => box.prepend(note), () => box.insertBefore(note, box.firstChild));
}

// After an exception crossed the wasm: every widget of the stopped instance keeps its rows
// without its controls and says so (one note per box: a panic's own handler, crash.rs, may
// have written it already; a box whose HTML the page had changed says nothing and is
// re-created), then a fresh instance re-mounts every widget but the one that crashed. After
// three restarts, it stays down.
function stop(error) {
  stopped = true;
  // A panic has said what went wrong already (its trap is what stops the instance).
  if (!(error instanceof WebAssembly.RuntimeError)) say('error', 'feature-matrix: stopped by an error', error);
  const foreign = attempt(() => document.querySelector('section.fm[data-fm-crashed="foreign"]') !== null);
  attempt(() => setTimeout(restart, 0), () => queueMicrotask(restart));
  for (const [el, entry] of mounted) {
    entry.handle = null;
    if (foreign) continue;
    try {
      const section = attempt(() => el.querySelector('section.fm'), () => el.getElementsByTagName('section')[0]);
      if (!section) {
        // It stopped before its first render: what the page had comes back at once.
        attempt(() => restore(el, entry));
        tell(el, stoppedText(el));
      } else if (!noteOf(section)) {
        section.classList.add('fm--static', 'fm--stalled');
        tell(section, stoppedText(el), 'fm-error fm-crash');
      }
    } catch { /* a replaced built-in: the next box may still be told */ }
  }
}

const stoppedText = (el) => globalThis.FeatureMatrixLanguages?.[languageOf(el)]?.stopped
  ?? 'This feature table stopped after an error on this page. Reload the page to use it again.';

async function restart() {
  if (restarts >= 3) return;
  restarts += 1;
  try {
    const again = [];
    for (const [el, entry] of mounted) {
      // The crashed widget keeps its message; destroy() on its handle puts back what it held.
      if (el.querySelector('section.fm[data-fm-crashed="stopped"]')) continue;
      el.removeAttribute('data-fm-mounted');
      restore(el, entry);
      again.push([el, entry]);
    }
    const fresh = await import(`./pkg/feature_matrix.js?restart=${restarts}`);
    fresh.default.onStop = stop;
    ready = fresh.default({ module_or_path: WASM });
    await ready;
    wasm = fresh;
    stopped = false;
    for (const [el, entry] of again) {
      // Destroyed while restarting: leave it unmounted.
      if (mounted.get(el) !== entry) continue;
      entry.handle = wasm.mount(el, { ...entry.options, id: entry.id });
    }
    await mountPlaceholders();
    say('info', `feature-matrix: restarted (${restarts})`);
  } catch (error) {
    say('error', 'feature-matrix: could not restart', error);
  }
}
