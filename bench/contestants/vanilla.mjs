// The practical floor: hand-written JS that scans every row on each keystroke and renders
// only the first 100 matches. What any widget pays on top of this is its own overhead.
import { FIRST_ROWS } from './util.mjs';

const LIMIT = 100;
const COLUMNS = [['feature', 'Feature'], ['category', 'Category'], ['phase', 'Phase'], ['note', 'Note']];

/** The floor; `caseSensitive` makes a deliberately wrong variant that the correctness gate
 *  must catch (bench/contestants/wrong.mjs). */
export function makeVanilla({ caseSensitive = false } = {}) {
  const fold = caseSensitive ? (s) => s : (s) => s.toLowerCase();
  let input, status, tbody, rows, hay, order;
  let count = 0;

  function row(r) {
    const tr = document.createElement('tr');
    for (const [key] of COLUMNS) {
      const td = document.createElement('td');
      td.textContent = r[key];
      tr.append(td);
    }
    const td = document.createElement('td');
    const a = document.createElement('a');
    a.href = r.link;
    a.textContent = 'Docs';
    td.append(a);
    tr.append(td);
    return tr;
  }

  function update() {
    const q = fold(input.value);
    const out = [];
    let n = 0;
    for (const i of order) {
      if (q && !hay[i].includes(q)) continue;
      n++;
      if (out.length < LIMIT) out.push(rows[i]);
    }
    count = n;
    tbody.replaceChildren(...out.map(row));
    status.textContent = `${n} of ${rows.length} features`;
  }

  return {
    files: ['bench/contestants/vanilla.mjs'],
    async load() {},
    async render(container, data) {
      rows = data;
      hay = rows.map((r) => fold(`${r.feature}\u0000${r.category}\u0000${r.phase}\u0000${r.note}`));
      order = rows.map((_, i) => i);
      input = document.createElement('input');
      input.type = 'search';
      input.setAttribute('aria-label', 'Search features');
      status = document.createElement('p');
      status.setAttribute('role', 'status');
      const table = document.createElement('table');
      const head = table.createTHead().insertRow();
      for (const [key, label] of [...COLUMNS, ['link', 'Docs']]) {
        const th = document.createElement('th');
        th.scope = 'col';
        if (key === 'feature') {
          const b = document.createElement('button');
          b.textContent = label;
          b.onclick = () => {
            const collator = new Intl.Collator('en');
            order = rows.map((_, i) => i).sort((a, b) => collator.compare(rows[a].feature, rows[b].feature));
            update();
          };
          th.append(b);
        } else {
          th.textContent = label;
        }
        head.append(th);
      }
      tbody = table.createTBody();
      input.addEventListener('input', update);
      container.append(input, status, table);
      update();
    },
    searchInput: () => input,
    count: () => count,
    firstRows: () => [...tbody.rows].slice(0, FIRST_ROWS).map((tr) => tr.cells[0].textContent),
    domRows: () => tbody.rows.length,
    sortByFeature: () => document.querySelector('thead button').click(),
  };
}

export default makeVanilla();
