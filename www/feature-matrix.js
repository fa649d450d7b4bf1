// feature-matrix entry module. Loading it mounts a widget into every
// [data-feature-matrix] element; `mount(element, options)` mounts one more and returns a
// handle with `destroy()`. Paths are relative to this file, so the folder works from any
// host and sub-path. It fetches nothing but ./pkg/*.
import init, * as first from './pkg/feature_matrix.js';

const WASM = new URL('./pkg/feature_matrix_bg.wasm', import.meta.url);
let wasm = first;

// Interface languages besides English: ./i18n/<lang>.js registers one in
// globalThis.FeatureMatrixLanguages. A widget speaks its `lang` option, else the nearest
// `lang` attribute (zh-CN → zh), as the wasm decides it (an empty one counts as none); its
// file is loaded before it mounts. The build checks this list against i18n/*.toml.
const LANGUAGES = ['es', 'uk', 'zh'];
const languageOf = (el, options) => {
  try {
    const tag = options?.lang || (el instanceof Element ? el.dataset.lang || el.closest('[lang]')?.lang : '');
    return String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
  } catch {
    return ''; // an option that throws: the wasm reports it when it reads the options
  }
};
const load = (code) => (!LANGUAGES.includes(code) || globalThis.FeatureMatrixLanguages?.[code]
  ? null
  : import(`./i18n/${code}.js`).catch((error) => console.warn(`feature-matrix: could not load language ${code}`, error)));
const languages = Promise.all([...document.querySelectorAll('[data-feature-matrix]')].map((el) => load(languageOf(el))));
// The wasm downloads meanwhile; its start() mounts the placeholders once they are loaded.
const download = fetch(WASM);
export let ready = languages.then(() => init({ module_or_path: download }));

// Widgets mounted through mount(): element -> { options, handle }, so they can be
// re-created after a crash and their handles keep working.
const mounted = new Map();

// Mounts a widget into `element`; resolves to its handle ({ id, state(), destroy() }). The handle
// stays valid across a restart after a crash: it always acts on the widget's current
// instance; once destroyed (or if its widget crashed), destroy() does nothing harmful.
export async function mount(element, options = {}) {
  await Promise.all([ready, load(languageOf(element, options))]);
  // The placeholder's own content, put back before a restart re-mounts it (so destroy()
  // restores it then too).
  const isElement = element instanceof Element;
  const fallback = isElement ? element.innerHTML : '';
  const entry = { options, fallback, handle: null, last: null };
  // The widget's last `featurematrix:change` detail, for state().
  const keep = (event) => { if (event.target === element) entry.last = event.detail; };
  if (isElement) element.addEventListener('featurematrix:change', keep);
  try {
    entry.handle = wasm.mount(element, options);
  } catch (error) {
    if (isElement) element.removeEventListener('featurematrix:change', keep);
    throw error;
  }
  mounted.set(element, entry);
  return {
    get id() { return entry.handle ? entry.handle.id : null; },
    // The view now: a copy of the last `featurematrix:change` event's detail (null once destroyed).
    state() { return entry.handle && entry.last ? structuredClone(entry.last) : null; },
    destroy() {
      if (mounted.get(element) !== entry) return;
      mounted.delete(element);
      element.removeEventListener('featurematrix:change', keep);
      const handle = entry.handle;
      entry.handle = null;
      if (handle) handle.destroy();
      else if (!entry.restarting) console.warn('feature-matrix: this widget stopped after an internal error; nothing to destroy');
    },
  };
}

/** Mounts every [data-feature-matrix] element added since the last call. */
export async function mountNew() {
  await ready;
  await Promise.all([...document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])')].map((el) => load(languageOf(el))));
  return wasm.mountAll();
}

globalThis.FeatureMatrix ??= { ready, mount, mountNew };

// Feature badges (<span data-feature-badge="…">) need no wasm: their own small module.
if (document.querySelector('[data-feature-badge]')) import('./feature-badges.js');

ready.catch((error) => {
  console.error('feature-matrix: could not start', error);
  for (const el of document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])')) {
    const note = document.createElement('p');
    note.className = 'fm-load-error';
    // In the widget's language (its file is loaded by now), else English.
    note.textContent = globalThis.FeatureMatrixLanguages?.[languageOf(el)]?.loadFailed
      ?? 'The interactive feature table could not be loaded.';
    el.prepend(note); // above the prerendered table, where a reader looks first
  }
});

// A panic stops the whole wasm instance (see crates/view/src/crash.rs). The crashed widget
// keeps its error message; every other widget is re-created, with the same id (so the same
// URL parameters), by a fresh instance of the module. After three crashes, it stays down.
let restarts = 0;
addEventListener('feature-matrix:crash', async (event) => {
  if (restarts >= 3) return;
  restarts += 1;
  // A widget whose HTML the page had changed (translation, theme) is re-created too. (The
  // crashed widget's view has left the address already: the wasm does that before it tells.)
  const crashed = event.detail?.foreign ? undefined : event.detail?.id;
  const again = [];
  for (const el of document.querySelectorAll('[data-fm-mounted]')) {
    const id = el.getAttribute('data-fm-mounted');
    if (id === crashed) continue;
    el.removeAttribute('data-fm-mounted');
    const entry = mounted.get(el);
    if (entry) el.innerHTML = entry.fallback;
    else el.replaceChildren();
    if (entry) {
      // Until the fresh instance mounts it, the old handle must not be used.
      Object.assign(entry, { handle: null, restarting: true });
      again.push([el, entry, id]);
    }
    else el.setAttribute('data-id', id);
  }
  // The crashed widget's handle is stale: its instance is gone.
  for (const [el, entry] of mounted) if (el.getAttribute('data-fm-mounted') === crashed) entry.handle = null;
  try {
    const fresh = await import(`./pkg/feature_matrix.js?restart=${restarts}`);
    ready = fresh.default({ module_or_path: WASM }); // its start() mounts the placeholders
    await ready;
    wasm = fresh;
    for (const [el, entry, id] of again) {
      entry.restarting = false;
      // Destroyed while restarting: leave it unmounted.
      if (mounted.get(el) === entry) entry.handle = wasm.mount(el, { ...entry.options, id });
    }
    console.info(event.detail?.foreign
      ? `feature-matrix: re-created the widgets after the page changed their HTML (${restarts})`
      : `feature-matrix: restarted after an internal error (${restarts})`);
  } catch (error) {
    console.error('feature-matrix: could not restart', error);
  }
});
