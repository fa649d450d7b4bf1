// feature-matrix itself: the built dist/ (wasm + entry module + stylesheet), mounted with a
// custom catalog through the documented mount(element, { catalog }) API. `ours(dir, url)`
// makes the adapter for a build in `dir` served at `url` (ours-stable.mjs: the stable build).
import { asCatalog } from '../lib/generate.mjs';
import { FIRST_ROWS, loadCss } from './util.mjs';

export function ours(dir, url) {
let api;
let exports;
let root;

return {
  files: [`${dir}/feature-matrix.js`, `${dir}/pkg/feature_matrix.js`, `${dir}/pkg/feature_matrix_bg.wasm`, `${dir}/feature-matrix.css`],
  prepare: (rows) => asCatalog(rows),
  async load() {
    await loadCss(`${url}/feature-matrix.css`);
    api = await import(`${url}/feature-matrix.js`);
    exports = await api.ready;
  },
  async render(container, catalog) {
    root = document.createElement('div');
    container.append(root);
    await api.mount(root, catalog ? { catalog, id: 'bench' } : { id: 'bench' });
  },
  searchInput: () => root.querySelector('input[type=search]'),
  count: () => {
    // Numbers have digit groups ("10,000 of 100,000 features").
    const m = /^([\d,]+) of/.exec(root.querySelector('[role=status]')?.textContent.trim() ?? '');
    return m ? Number(m[1].replaceAll(',', '')) : NaN;
  },
  /** The catalog's size, from the status line ("43 of 43 features"). */
  total: () => {
    const m = /of ([\d,]+)/.exec(root.querySelector('[role=status]')?.textContent ?? '');
    return m ? Number(m[1].replaceAll(',', '')) : NaN;
  },
  firstRows: () => [...root.querySelectorAll('tbody th[scope=row] .fm-name')].slice(0, FIRST_ROWS).map((e) => e.textContent),
  domRows: () => root.querySelectorAll('tbody th[scope=row]').length,
  sortByFeature: () => [...root.querySelectorAll('thead button')].find((b) => b.textContent.startsWith('Feature')).click(),
  wasmMemory: () => exports?.memory?.buffer.byteLength ?? 0,
};
}

export default ours('dist', '/dist');
