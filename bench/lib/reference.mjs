// The reference every contestant is checked against: which rows a search keeps (a
// case-insensitive substring over the searchable columns), in which order, and the first
// rows after sorting by feature name with a collator.

export const SEARCHED = ['feature', 'category', 'phase', 'note'];
export const FIRST_ROWS = 10;

const lower = (s) => s.toLowerCase();
const EXTRA = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[æøœßłđðþı]/g, (c) => EXTRA[c]);

/** Rows whose searchable columns contain `query` (case-insensitively), in catalog order. */
export function matches(rows, query, norm = lower) {
  const q = norm(query);
  if (!q) return rows;
  return rows.filter((r) => SEARCHED.some((k) => norm(r[k]).includes(q)));
}

/** What a contestant must show after a search: the match count and its first rows. */
export function expectSearch(rows, query) {
  const m = matches(rows, query);
  return { query, count: m.length, first: m.slice(0, FIRST_ROWS).map((r) => r.feature) };
}

/** What a contestant must show after sorting all rows by feature name, ascending. */
export function expectSorted(rows) {
  const collator = new Intl.Collator('en');
  const sorted = [...rows].sort((a, b) => collator.compare(a.feature, b.feature));
  return { query: '', count: rows.length, first: sorted.slice(0, FIRST_ROWS).map((r) => r.feature) };
}

/**
 * The workload is fair only if accent folding changes no step's result: a widget that folds
 * accents (ours) and one that does not must then show the same rows. Throws otherwise.
 */
export function assertFoldNeutral(rows, queries) {
  for (const q of queries) {
    const a = matches(rows, q).length;
    const b = matches(rows, q, fold).length;
    if (a !== b) throw new Error(`query "${q}": ${a} rows case-insensitively, ${b} accent-insensitively`);
  }
}

/** The typed sequence: each prefix of `word`, one keystroke each. */
export function prefixes(word) {
  return [...word].map((_, i) => word.slice(0, i + 1));
}
