// Tabulator 6 (npm tabulator-tables): 100 rows a page, a search box outside the table
// driving setFilter with a case-insensitive substring test over the searchable columns
// (lower-cased once, up front), header click sorts with the built-in locale-aware sorter.
import { loadFiles, FIRST_ROWS } from './util.mjs';

let input, el, table, built;

export default {
  files: ['node_modules/tabulator-tables/dist/js/tabulator.min.js', 'node_modules/tabulator-tables/dist/css/tabulator.min.css'],
  load() {
    return loadFiles(this.files);
  },
  async render(container, rows) {
    input = document.createElement('input');
    input.type = 'search';
    input.setAttribute('aria-label', 'Search features');
    el = document.createElement('div');
    container.append(input, el);
    const data = rows.map((r) => ({ ...r, _hay: `${r.feature}\u0000${r.category}\u0000${r.phase}\u0000${r.note}`.toLowerCase() }));
    table = new window.Tabulator(el, {
      data,
      columns: [
        { title: 'Feature', field: 'feature', sorter: 'string' },
        { title: 'Category', field: 'category' },
        { title: 'Phase', field: 'phase' },
        { title: 'Note', field: 'note' },
        { title: 'Docs', field: 'link', formatter: 'link', formatterParams: { label: 'Docs' }, headerSort: false },
      ],
      pagination: true,
      paginationSize: 100,
      layout: 'fitColumns',
    });
    await new Promise((done) => table.on('tableBuilt', done));
    built = true;
    input.addEventListener('input', () => {
      const q = input.value.toLowerCase();
      if (q) table.setFilter((d) => d._hay.includes(q));
      else table.clearFilter();
    });
  },
  searchInput: () => input,
  count: () => (built ? table.getDataCount('active') : NaN),
  firstRows: () => [...el.querySelectorAll('.tabulator-row')].slice(0, FIRST_ROWS)
    .map((r) => r.querySelector('[tabulator-field=feature]').textContent),
  domRows: () => el.querySelectorAll('.tabulator-row').length,
  sortByFeature: () => el.querySelector('.tabulator-col[tabulator-field=feature]').click(),
};
