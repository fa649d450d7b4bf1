// Loads the feature-matrix wasm; its start function mounts a widget into every
// [data-feature-matrix] element. Paths are relative to this file, so the folder works
// from any sub-path.
import init from './pkg/feature_matrix.js';

init({ module_or_path: new URL('./pkg/feature_matrix_bg.wasm', import.meta.url) }).catch((error) => {
  console.error('feature-matrix: could not start', error);
  for (const el of document.querySelectorAll('[data-feature-matrix]')) {
    const p = document.createElement('p');
    p.className = 'fm-error';
    p.textContent = 'The interactive feature table could not be loaded.';
    el.append(p);
  }
});
