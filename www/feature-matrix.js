// feature-matrix entry module. Loading it mounts a widget into every
// [data-feature-matrix] element; `mount(element, options)` mounts one more and returns a
// handle with `destroy()`. Paths are relative to this file, so the folder works from any
// host and sub-path. It fetches nothing but ./pkg/*.
import init, { mount as mountWasm, mountAll } from './pkg/feature_matrix.js';

export const ready = init({ module_or_path: new URL('./pkg/feature_matrix_bg.wasm', import.meta.url) });

/** Mounts a widget into `element`; resolves to its handle ({ id, destroy() }). */
export async function mount(element, options = {}) {
  await ready;
  return mountWasm(element, options);
}

/** Mounts every [data-feature-matrix] element added since the last call. */
export async function mountNew() {
  await ready;
  return mountAll();
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
