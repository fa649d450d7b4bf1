// The in-page side of the benchmark. The page (bench/page.html?c=<contestant>&n=<rows>)
// generates the catalog, then `window.benchRun()` times one contestant on it:
// first render (library load included), a typed search, clearing it, sorting by feature
// name, with every step checked against the reference before it counts.
import { generate } from './generate.mjs';
import { expectSearch, expectSorted, prefixes, assertFoldNeutral } from './reference.mjs';

export const WORD = 'proxying';
const STEP_TIMEOUT_MS = 30000;

const params = new URLSearchParams(location.search);
const name = params.get('c');
const n = Number(params.get('n'));
const seed = Number(params.get('seed') ?? 1);

/** Lets the page paint twice and go idle before a measurement starts. */
async function settle() {
  await frame();
  await frame();
  await new Promise((done) => setTimeout(done, 50));
}

function sameRows(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the contestant shows now: { count, first, domRows }. */
function observe(adapter) {
  return { count: adapter.count(), first: adapter.firstRows(), domRows: adapter.domRows() };
}

function correct(seen, want) {
  return seen.count === want.count && sameRows(seen.first, want.first.slice(0, seen.first.length))
    && seen.first.length === Math.min(want.first.length, want.count);
}

/** Resolves after the next frame is painted, with the time its rAF callbacks ran (DOM
 *  changes made before then are in that frame) and the time after its paint. */
function frame() {
  return new Promise((done) => requestAnimationFrame(() => {
    const at = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done({ raf: at, painted: performance.now() });
    ch.port2.postMessage(null);
  }));
}

const QUIET_FRAMES = 3;

/**
 * Runs `act`, then watches the contestant frame by frame until it shows `want` and its DOM
 * has stayed unchanged for a few frames (so a debounced or asynchronous update, or a
 * second redraw, is waited for, and a stale screen that happens to match does not count).
 * Returns, in ms from the start of `act`: `paint`, the end of the frame that painted the
 * last DOM change (the first frame if nothing changed), and `ready`, the last DOM change.
 * Throws a gate failure if the contestant does not show `want` in time.
 */
async function step(adapter, label, act, want, root = document.getElementById('stage')) {
  let last = -Infinity;
  const mo = new MutationObserver(() => { last = performance.now(); });
  mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const t0 = performance.now();
  act();
  let covered = t0;
  let end = null;
  let firstPaint = null;
  let quiet = 0;
  try {
    for (;;) {
      const { raf, painted } = await frame();
      firstPaint ??= painted;
      if (last > covered && last <= raf) {
        end = painted;
        covered = last;
        quiet = 0;
      } else if (last > covered) {
        quiet = 0;
      } else {
        quiet += 1;
      }
      if (quiet >= QUIET_FRAMES) {
        const seen = observe(adapter);
        if (correct(seen, want)) {
          return { start: t0, ready: Math.max(0, last - t0), paint: (end ?? firstPaint) - t0, domRows: seen.domRows };
        }
        if (performance.now() - t0 > STEP_TIMEOUT_MS) {
          throw new Error(`gate: ${label}: expected ${want.count} rows starting ${JSON.stringify(want.first.slice(0, 3))}; `
            + `shows ${seen.count} rows starting ${JSON.stringify(seen.first.slice(0, 3))}`);
        }
      }
    }
  } finally {
    mo.disconnect();
  }
}

/** Types into a search box as a keyboard would: keydown, value change, input, keyup. */
export function typeInto(input, value) {
  const key = value.slice(-1) || 'Backspace';
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: value ? 'insertText' : 'deleteContentBackward', data: value.slice(-1) || null }));
  input.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
}

window.benchRun = async function benchRun() {
  const adapter = (await import(`../contestants/${name}.mjs`)).default;
  const rows = generate(n, seed);
  const data = adapter.prepare ? adapter.prepare(rows) : rows;
  const queries = prefixes(WORD);
  assertFoldNeutral(rows, queries);
  // Every expected answer is worked out now, so none of the reference's own work falls
  // inside a measured step or the long-task window.
  const all = expectSearch(rows, '');
  const wants = queries.map((q) => expectSearch(rows, q));
  const sortedWant = expectSorted(rows);
  const container = document.getElementById('stage');
  const result = { contestant: name, rows: n, steps: [] };

  // First render: from before the library (or wasm) is fetched and instantiated, on a page
  // that has already painted once (so the page's own first frame is not counted).
  await settle();
  const t0 = performance.now();
  await adapter.load();
  const loaded = performance.now();
  await adapter.render(container, data);
  const first = await step(adapter, 'first render', () => {}, all);
  result.load = loaded - t0;
  result.firstRender = first.start + first.paint - t0;
  result.renderAfterLoad = first.start + first.paint - loaded;
  result.domRowsAll = first.domRows;
  await new Promise((r) => setTimeout(r, 100));

  // Long tasks that start during typing, clearing and sorting (entries arrive late, so
  // they are filtered by start time rather than by when the observer hears of them).
  const longTasks = [];
  const since = performance.now();
  const observer = new PerformanceObserver((list) => longTasks.push(
    ...list.getEntries().filter((e) => e.startTime >= since).map((e) => e.duration)));
  observer.observe({ type: 'longtask', buffered: true });

  const input = adapter.searchInput();
  for (const [k, q] of queries.entries()) {
    const s = await step(adapter, `type "${q}"`, () => typeInto(input, q), wants[k]);
    result.steps.push({ op: 'type', query: q, ready: s.ready, paint: s.paint, domRows: s.domRows });
  }
  const cleared = await step(adapter, 'clear', () => typeInto(input, ''), all);
  result.steps.push({ op: 'clear', query: '', ready: cleared.ready, paint: cleared.paint, domRows: cleared.domRows });
  const sorted = await step(adapter, 'sort by feature', () => adapter.sortByFeature(), sortedWant);
  result.steps.push({ op: 'sort', query: '', ready: sorted.ready, paint: sorted.paint, domRows: sorted.domRows });

  await new Promise((r) => setTimeout(r, 200));
  observer.disconnect();
  result.longTasks = { count: longTasks.length, total: longTasks.reduce((s, d) => s + d, 0), max: Math.max(0, ...longTasks) };
  result.wasmMemory = adapter.wasmMemory?.() ?? 0;
  return result;
};

/** Our widget with its built-in catalog: load, mount, painted table (all rows shown). */
window.benchDefault = async function benchDefault() {
  const adapter = (await import('../contestants/ours.mjs')).default;
  const container = document.getElementById('stage');
  await settle();
  const t0 = performance.now();
  await adapter.load();
  const loaded = performance.now();
  await adapter.render(container, null);
  let total = NaN;
  const s = await step(adapter, 'first render', () => {}, {
    get count() { total = adapter.total(); return total; },
    get first() { return adapter.firstRows(); },
  });
  return { op: 'default', count: total, load: loaded - t0, firstRender: s.start + s.paint - t0, renderAfterLoad: s.start + s.paint - loaded };
};

document.documentElement.dataset.ready = 'true';
