// DataTables 3 (npm datatables.net, styled by datatables.net-dt): client-side data,
// 100 rows a page, data order kept (order: []), no search delay, locale-aware name sort.
import { loadFiles, esc, FIRST_ROWS } from './util.mjs';

let table, dt;

export default {
  files: ['node_modules/datatables.net/js/dataTables.min.js', 'node_modules/datatables.net-dt/css/dataTables.dataTables.min.css'],
  load() {
    return loadFiles(this.files);
  },
  async render(container, rows) {
    table = document.createElement('table');
    container.append(table);
    dt = new window.DataTable(table, {
      data: rows,
      columns: [
        { data: 'feature', title: 'Feature', type: 'string-utf8' },
        { data: 'category', title: 'Category' },
        { data: 'phase', title: 'Phase' },
        { data: 'note', title: 'Note' },
        { data: 'link', title: 'Docs', searchable: false, orderable: false,
          render: (d, type) => (type === 'display' ? `<a href="${esc(d)}">Docs</a>` : d) },
      ],
      pageLength: 100,
      order: [],
      searchDelay: 0,
      deferRender: true,
    });
  },
  searchInput: () => table.closest('.dt-container').querySelector('input[type=search]'),
  count: () => dt.page.info().recordsDisplay,
  firstRows: () => [...table.tBodies[0].rows].filter((tr) => !tr.querySelector('.dt-empty')).slice(0, FIRST_ROWS)
    .map((tr) => tr.cells[0].textContent),
  domRows: () => [...table.tBodies[0].rows].filter((tr) => !tr.querySelector('.dt-empty')).length,
  sortByFeature: () => table.tHead.rows[0].cells[0].click(),
};
