// Summaries (median, p95) of the raw runs, our targets from the issue, and the Markdown
// report written to BENCHMARKS.md.

export const FRAME = 1000 / 60;
const PEERS = ['datatables', 'tabulator', 'gridjs'];
export const NAMES = {
  ours: 'feature-matrix', vanilla: 'vanilla JS (floor)', datatables: 'DataTables 3', tabulator: 'Tabulator 6', gridjs: 'Grid.js 6',
};

/** Median and p95 (nearest rank) of `values`. */
export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const at = (q) => v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
  return { median: at(0.5), p95: at(0.95), n: v.length };
}

export function summarize(raw, { contestants, sizes }) {
  const out = { bySize: {}, defaultCatalog: null };
  const def = raw.filter((r) => r.op === 'default');
  if (def.length) {
    out.defaultCatalog = {
      rows: def[0].count,
      load: stats(def.map((r) => r.load)),
      renderAfterLoad: stats(def.map((r) => r.renderAfterLoad)),
      firstRender: stats(def.map((r) => r.firstRender)),
    };
  }
  for (const n of sizes) {
    out.bySize[n] = {};
    for (const c of contestants) {
      const rs = raw.filter((r) => r.contestant === c && r.rows === n && r.op !== 'default');
      const failed = rs.find((r) => r.failed);
      if (failed) {
        out.bySize[n][c] = { failed: failed.failed, failedRuns: rs.filter((r) => r.failed).length, runs: rs.length };
        continue;
      }
      const steps = (op) => rs.flatMap((r) => r.steps.filter((s) => s.op === op));
      out.bySize[n][c] = {
        runs: rs.length,
        load: stats(rs.map((r) => r.load)),
        firstRender: stats(rs.map((r) => r.firstRender)),
        renderAfterLoad: stats(rs.map((r) => r.renderAfterLoad)),
        type: stats(steps('type').map((s) => s.paint)),
        typeReady: stats(steps('type').map((s) => s.ready)),
        clear: stats(steps('clear').map((s) => s.paint)),
        sort: stats(steps('sort').map((s) => s.paint)),
        longTaskCount: stats(rs.map((r) => r.longTasks.count)),
        longTaskTotal: stats(rs.map((r) => r.longTasks.total)),
        uaBytes: stats(rs.map((r) => r.memory?.uaBytes)),
        jsHeapUsed: stats(rs.map((r) => r.memory?.jsHeapUsed)),
        wasmMemory: stats(rs.map((r) => r.wasmMemory || null)),
        heapAndWasm: stats(rs.map((r) => (r.memory?.jsHeapUsed ?? NaN) + (r.wasmMemory || 0))),
        maxDomRows: Math.max(...rs.flatMap((r) => [r.domRowsAll, ...r.steps.map((s) => s.domRows)])),
      };
    }
  }
  return out;
}

/** Our targets, checked on medians of this run. */
export function targets(results) {
  const { summary, shipped } = results;
  const list = [];
  const at = (n) => summary.bySize[n] ?? {};
  const med = (s) => s?.median;
  const bestPeer = (n, key) => {
    const xs = PEERS.map((p) => med(at(n)[p]?.[key])).filter((x) => x !== undefined);
    return xs.length ? Math.min(...xs) : undefined;
  };
  for (const [n, frames] of [[10000, 1], [100000, 2]]) {
    const ours = at(n).ours;
    const floor = med(at(n).vanilla?.type);
    if (!ours || floor === undefined) continue;
    const mine = ours.failed ? undefined : med(ours.type);
    list.push({
      target: `keystroke to paint at ${n.toLocaleString('en')} rows ≤ vanilla floor + ${frames} frame${frames > 1 ? 's' : ''}`,
      limit: floor + frames * FRAME, measured: mine,
    });
    for (const [what, key] of [['typing', 'type'], ['clearing', 'clear']]) {
      if (n !== 10000) break;
      const best = bestPeer(n, key);
      if (best !== undefined) list.push({ target: `${what} at 10,000 rows ≤ half the best peer`, limit: best / 2, measured: med(ours[key]) });
    }
    if (frames === 2) list.push({ target: 'clearing at 100,000 rows ≤ vanilla floor + 2 frames', limit: med(at(n).vanilla?.clear) + 2 * FRAME, measured: med(ours.clear) });
  }
  if (at(100000).ours && !at(100000).ours.failed) {
    list.push({ target: 'sort at 100,000 rows < 50 ms', limit: 50, measured: med(at(100000).ours.sort), strict: true });
  }
  if (summary.defaultCatalog) {
    list.push({ target: `first render of the built-in ${summary.defaultCatalog.rows}-row catalog ≤ 1 frame after wasm instantiation`, limit: FRAME, measured: med(summary.defaultCatalog.renderAfterLoad) });
  }
  if (shipped.ours) list.push({ target: 'shipped bytes of the default build ≤ 80 KB gzip', limit: 80 * 1024, measured: shipped.ours.gzip, unit: 'bytes' });
  for (const t of list) t.met = t.measured !== undefined && (t.strict ? t.measured < t.limit : t.measured <= t.limit);
  return list;
}

const ms = (s) => (s ? `${s.median.toFixed(1)} / ${s.p95.toFixed(1)}` : '–');
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const mb = (s) => (s ? `${(s.median / 2 ** 20).toFixed(1)} MB` : '–');

export function report(results) {
  const { summary, shipped, machine, browser } = results;
  const lines = [];
  const p = (s = '') => lines.push(s);
  p('# Benchmarks');
  p();
  p(`Generated by \`cargo xtask bench\`${results.mode === 'quick' ? ' --quick (smoke run; numbers not meaningful)' : ''} on ${results.generated.slice(0, 10)}, `
    + `${results.runs} runs per contestant and size, each in a fresh browser context; ${results.durationSeconds} s in all.`);
  p(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.`);
  p(`Browser: ${browser.name} ${browser.version} (Debian package, headless), flags \`${browser.flags.join(' ')}\`.`);
  p('The numbers are from one shared 2-core machine: compare contestants within this run, not across machines.');
  p();
  p('Times are **median / p95** in milliseconds; keystroke figures pool the 8 keystrokes of every run. Method (details in');
  p('[bench/README.md](bench/README.md)): every contestant gets the same seeded catalog (5 columns, accented text), shows at');
  p('most 100 rows at a time, and runs the same steps: first render (library fetch and start-up included), typing "proxying"');
  p('one keystroke at a time, clearing the search, sorting by feature name. A step counts only once the contestant shows the');
  p('reference result (match count and first 10 rows) and its DOM has settled; "paint" is the end of the frame that painted');
  p('the last change, "DOM done" the last change itself. Memory is after a forced GC: V8 heap plus wasm linear memory (which');
  p('only grows); "UA memory" is `performance.measureUserAgentSpecificMemory()`, which in this Chromium leaves wasm memory out.');
  p();
  p('## Targets (feature-matrix)');
  p();
  p('| Target | Limit | Measured (median) | Met |');
  p('|---|---|---|---|');
  for (const t of targets(results)) {
    const f = (x) => (x === undefined || Number.isNaN(x) ? '–' : t.unit === 'bytes' ? kb(x) : `${x.toFixed(1)} ms`);
    p(`| ${t.target} | ${f(t.limit)} | ${f(t.measured)} | ${t.met ? 'yes' : '**no**'} |`);
  }
  p();
  p('## Shipped bytes (JS + wasm + CSS)');
  p();
  p('| Contestant | Raw | gzip -9 | brotli 11 | Files |');
  p('|---|---|---|---|---|');
  for (const [c, b] of Object.entries(shipped)) {
    p(`| ${NAMES[c] ?? c} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.brotli)} | ${b.files.map((f) => `\`${f.file}\``).join(', ')} |`);
  }
  if (summary.defaultCatalog) {
    const d = summary.defaultCatalog;
    p();
    p(`## feature-matrix with its built-in catalog (${d.rows} rows)`);
    p();
    p(`Fetch + compile + instantiate of the wasm and entry module: ${ms(d.load)} ms; mount to painted table: ${ms(d.renderAfterLoad)} ms; in all ${ms(d.firstRender)} ms.`);
  }
  for (const [n, byC] of Object.entries(summary.bySize)) {
    p();
    p(`## ${Number(n).toLocaleString('en')} rows`);
    p();
    p('| Contestant | First render | of it, after load | Keystroke → paint | Keystroke → DOM done | Clear → paint | Sort → paint | Long tasks (count, ms) | JS heap + wasm memory | UA memory | Max rows in DOM |');
    p('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [c, s] of Object.entries(byC)) {
      if (s.failed) {
        p(`| ${NAMES[c] ?? c} | **failed** (${s.failedRuns}/${s.runs} runs): ${s.failed.replace(/\|/g, '\\|')} | | | | | | | | | |`);
        continue;
      }
      p(`| ${NAMES[c] ?? c} | ${ms(s.firstRender)} | ${ms(s.renderAfterLoad)} | ${ms(s.type)} | ${ms(s.typeReady)} | ${ms(s.clear)} | ${ms(s.sort)} | `
        + `${s.longTaskCount ? s.longTaskCount.median : '–'}, ${s.longTaskTotal ? s.longTaskTotal.median.toFixed(0) : '–'} | ${mb(s.heapAndWasm)} | ${mb(s.uaBytes)} | ${s.maxDomRows} |`);
    }
  }
  p();
  return lines.join('\n');
}
