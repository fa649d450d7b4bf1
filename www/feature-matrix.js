// feature-matrix entry module. Loading it mounts a widget into every
// [data-feature-matrix] element; `mount(element, options)` mounts one more and returns a
// handle with `destroy()`. Paths are relative to this file, so the folder works from any
// host and sub-path. It fetches nothing but ./pkg/*.
import init, * as first from './pkg/feature_matrix.js';

const WASM = new URL('./pkg/feature_matrix_bg.wasm', import.meta.url);
let wasm = first;
export let ready = init({ module_or_path: WASM });

// Widgets mounted through mount(), so they can be re-created after a crash.
const mounted = new Map();

/** Mounts a widget into `element`; resolves to its handle ({ id, destroy() }). */
export async function mount(element, options = {}) {
  await ready;
  const handle = wasm.mount(element, options);
  mounted.set(element, options);
  const destroy = handle.destroy.bind(handle);
  handle.destroy = () => { mounted.delete(element); destroy(); };
  return handle;
}

/** Mounts every [data-feature-matrix] element added since the last call. */
export async function mountNew() {
  await ready;
  return wasm.mountAll();
}

globalThis.FeatureMatrix ??= { ready, mount, mountNew };

ready.catch((error) => {
  console.error('feature-matrix: could not start', error);
  for (const el of document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])')) {
    const note = document.createElement('p');
    note.className = 'fm-load-error';
    note.textContent = 'The interactive feature table could not be loaded.';
    el.append(note);
  }
});

// A panic stops the whole wasm instance (see crates/view/src/crash.rs). The crashed widget
// keeps its error message; every other widget is re-created, with the same id (so the same
// URL parameters), by a fresh instance of the module. After three crashes, it stays down.
let restarts = 0;
addEventListener('feature-matrix:crash', async (event) => {
  if (restarts >= 3) return;
  restarts += 1;
  const crashed = event.detail?.id;
  const again = [];
  for (const el of document.querySelectorAll('[data-fm-mounted]')) {
    const id = el.getAttribute('data-fm-mounted');
    if (id === crashed) continue;
    el.removeAttribute('data-fm-mounted');
    el.replaceChildren();
    if (mounted.has(el)) again.push([el, { ...mounted.get(el), id }]);
    else el.setAttribute('data-id', id);
  }
  try {
    const fresh = await import(`./pkg/feature_matrix.js?restart=${restarts}`);
    ready = fresh.default({ module_or_path: WASM }); // its start() mounts the placeholders
    await ready;
    wasm = fresh;
    for (const [el, options] of again) mounted.set(el, options), wasm.mount(el, options);
    console.info(`feature-matrix: restarted after an internal error (${restarts})`);
  } catch (error) {
    console.error('feature-matrix: could not restart', error);
  }
});
