// Grid.js 6 (npm gridjs, UMD build with its Preact): 100 rows a page, built-in search with
// no debounce and no processing throttle, the docs link column left out of the search,
// locale-aware name sort.
import { loadFiles, esc, countAfterOf, FIRST_ROWS } from './util.mjs';

let el;

export default {
  files: ['node_modules/gridjs/dist/gridjs.umd.js', 'node_modules/gridjs/dist/theme/mermaid.min.css'],
  load() {
    return loadFiles(this.files);
  },
  async render(container, rows) {
    const { Grid, html } = window.gridjs;
    el = document.createElement('div');
    container.append(el);
    const collator = new Intl.Collator('en');
    const grid = new Grid({
      columns: [
        { id: 'feature', name: 'Feature', sort: { compare: (a, b) => collator.compare(a, b) } },
        { id: 'category', name: 'Category' },
        { id: 'phase', name: 'Phase' },
        { id: 'note', name: 'Note' },
        { id: 'link', name: 'Docs', sort: false, formatter: (cell) => html(`<a href="${esc(cell)}">Docs</a>`) },
      ],
      data: rows,
      search: { debounceTimeout: 0, selector: (cell, row, col) => (col === 4 ? '' : cell) },
      sort: true,
      pagination: { limit: 100 },
      processingThrottleMs: 0,
    });
    // Grid.js 6 has no "ready" event: the harness waits until the rows show.
    grid.render(el);
  },
  searchInput: () => el.querySelector('input[type=search]'),
  count: () => {
    if (el.querySelector('.gridjs-loading, .gridjs-loading-bar')) return NaN;
    if (el.querySelector('.gridjs-notfound')) return 0;
    return countAfterOf(el.querySelector('.gridjs-summary')?.textContent);
  },
  firstRows: () => [...el.querySelectorAll('tbody tr')].filter((tr) => !tr.querySelector('.gridjs-message'))
    .slice(0, FIRST_ROWS).map((tr) => tr.cells[0].textContent),
  domRows: () => [...el.querySelectorAll('tbody tr')].filter((tr) => !tr.querySelector('.gridjs-message')).length,
  sortByFeature: () => el.querySelector('th[data-column-id=feature]').click(),
};
