// The benchmark driver: serves feature-matrix's dist/, the peer libraries from
// node_modules and the bench pages from loopback, drives Debian's Chromium (playwright-core)
// through bench/page.html once per contestant, catalog size and run, each in a fresh
// browser context, and reports medians and p95s.
//
//   node bench/run.mjs                 full run: 50, 1k, 10k, 100k rows, 10 runs each;
//                                      writes bench/results.json and BENCHMARKS.md
//   node bench/run.mjs --quick         smoke run: 50 and 1k rows, 2 runs; writes under
//                                      target/bench/ and fails if any contestant fails the
//                                      correctness gate (part of `cargo xtask test`)
//   --sizes 1000,10000 --runs 5 --contestants ours,vanilla   narrower runs
//   (ours-stable, the stable Rust build in target/dist-stable/, runs when that is built)
//
// Expects dist/ to be built (`cargo xtask bench` builds it first).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { report, summarize } from './lib/report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const sizes = opt('--sizes', quick ? '50,1000' : '50,1000,10000,100000').split(',').map(Number);
const runs = Number(opt('--runs', quick ? 2 : 10));
// ours-stable (the stable Rust build) joins when target/dist-stable/ is built.
const STABLE = existsSync(join(ROOT, 'target', 'dist-stable', 'pkg', 'feature_matrix_bg.wasm'));
const contestants = opt('--contestants', `ours,${STABLE ? 'ours-stable,' : ''}vanilla,datatables,tabulator,gridjs`).split(',');
const outDir = quick ? join(ROOT, 'target', 'bench') : join(ROOT, 'bench');
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // measureUserAgentSpecificMemory() answers at once instead of at the next GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

if (!existsSync(join(ROOT, 'dist', 'pkg', 'feature_matrix_bg.wasm'))) {
  console.error('bench: dist/ is not built; run `cargo xtask bench` (it builds first)');
  process.exit(2);
}

/** Shipped bytes of a contestant's files: raw, gzip -9, brotli q11. */
function bytes(files) {
  const total = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const f of files) {
    const body = readFileSync(join(ROOT, f));
    const one = {
      file: f,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    total.files.push(one);
    total.raw += one.raw;
    total.gzip += one.gzip;
    total.brotli += one.brotli;
  }
  return total;
}

const server = await serve(
  [['/bench/', join(ROOT, 'bench')], ['/dist/', join(ROOT, 'dist')], ['/dist-stable/', join(ROOT, 'target', 'dist-stable')], ['/node_modules/', join(ROOT, 'node_modules')]],
  { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' } },
);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });

/** One fresh context and page; returns what `fn(page)` returns, with page errors. */
async function fresh(url, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    return await fn(page, errors);
  } finally {
    await context.close();
  }
}

/** Memory after a forced GC: JS heap (CDP), plus what the UA says the page uses in all
 *  (JS, DOM and wasm memory; needs cross-origin isolation, which the server sets up). */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const ua = await page.evaluate(async () => {
    if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
    return (await performance.measureUserAgentSpecificMemory()).bytes;
  });
  return { jsHeapUsed: get('JSHeapUsedSize'), domNodes: get('Nodes'), uaBytes: ua };
}

const started = Date.now();
const raw = [];
const version = browser.version();
console.log(`bench: ${quick ? 'quick' : 'full'} run, sizes ${sizes.join(', ')}, ${runs} runs, Chromium ${version}`);

// Our first render of the built-in 43-row catalog (the target: one frame after wasm
// instantiation).
if (contestants.includes('ours')) {
  for (let run = 0; run < runs; run++) {
    const r = await fresh(`${server.base}/bench/page.html?c=ours&n=0`, (page) => page.evaluate(() => window.benchDefault()));
    raw.push({ ...r, run });
  }
}

/** The demo page (prerendered widget, hydrated in place) in a fresh context with Chromium's
 *  4x CPU throttling (DevTools protocol): `before(page, cdp)` runs before it loads, `after`
 *  once the hydrated controls are live; returns what `after` returns. */
async function throttledDemo(before, after) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await before(page, cdp);
    await page.goto(`${server.base}/dist/index.html`);
    await page.waitForSelector('.fm:not(.fm--static)');
    return await after(page, cdp);
  } finally {
    await context.close();
  }
}

// Start-up of the demo page on a phone-class CPU: long tasks observed from before the page's
// first script; "interactive" is when the hydrated controls are live.
if (contestants.includes('ours')) {
  for (let run = 0; run < runs; run++) {
    const r = await throttledDemo(
      (page) => page.addInitScript(() => {
        window.benchTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.benchTasks.push(e.duration);
        }).observe({ type: 'longtask' });
      }),
      async (page) => {
        const interactive = await page.evaluate(() => performance.now());
        await page.waitForTimeout(1000);
        return { interactive, tasks: await page.evaluate(() => window.benchTasks) };
      },
    );
    raw.push({ op: 'start4x', run, ...r });
    console.log(`  demo page, 4x CPU throttling, run ${run + 1}/${runs}: interactive at ${r.interactive.toFixed(0)} ms, longest task ${Math.max(0, ...r.tasks).toFixed(0)} ms`);
  }
}

// The same start-up traced (separate runs: tracing slows the page down), to tell what the
// long tasks are: script (the entry module, compiling and starting the wasm, hydration) or
// the browser's own style, layout and paint of the page (the prerendered HTML before any
// script, then the page as hydrated).
const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'v8.wasm.compileConsume', 'TimerFire', 'FireAnimationFrame', 'EventDispatch']);
const RENDERING = new Set(['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Commit', 'Layerize']);
/** Milliseconds of `names` events inside `task`, an event nested in a counted one not counted again. */
function within(events, task, names) {
  let total = 0;
  let end = -Infinity;
  for (const e of events) {
    if (e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + task.dur || !names.has(e.name) || e.ts < end) continue;
    total += e.dur;
    end = e.ts + e.dur;
  }
  return total / 1000;
}
if (contestants.includes('ours')) {
  for (let run = 0; run < runs; run++) {
    const events = [];
    let complete;
    await throttledDemo(
      async (page, cdp) => {
        cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
        complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
      },
      async (page, cdp) => {
        await page.waitForTimeout(1000);
        await cdp.send('Tracing.end');
        await complete;
      },
    );
    const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const own = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
    const tasks = own.filter((e) => e.name === 'RunTask' && e.dur > 50000).map((t) => {
      const script = within(own, t, SCRIPT);
      const rendering = within(own, t, RENDERING);
      return { ms: t.dur / 1000, at: t.ts, script, rendering, kind: script >= rendering ? 'script' : 'rendering' };
    });
    // Rendering before the first script task: the prerendered HTML alone, as any static page.
    const firstScript = Math.min(...tasks.filter((t) => t.kind === 'script').map((t) => t.at));
    for (const t of tasks) if (t.kind === 'rendering' && t.at < firstScript) t.kind = 'static';
    raw.push({ op: 'start4x-trace', run, tasks });
    const longest = (kind) => Math.max(0, ...tasks.filter((t) => t.kind === kind).map((t) => t.ms)).toFixed(0);
    console.log(`  demo page traced, 4x CPU throttling, run ${run + 1}/${runs}: longest script task ${longest('script')} ms, `
      + `longest rendering task ${longest('rendering')} ms (before any script ${longest('static')} ms)`);
  }
}

for (const n of sizes) {
  for (let run = 0; run < runs; run++) {
    for (const c of contestants) {
      const url = `${server.base}/bench/page.html?c=${c}&n=${n}`;
      let r;
      try {
        r = await fresh(url, async (page, errors) => {
          const out = await page.evaluate(() => window.benchRun().catch((e) => ({ failed: String(e.message ?? e) })));
          if (!out.failed) out.memory = await memory(page);
          // One picture per contestant and size, to see that each rendered as it should.
          if (run === 0) {
            mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
            await page.screenshot({ path: join(ROOT, 'target', 'bench', `${c}-${n}.png`) });
          }
          if (errors.length) out.errors = errors;
          return out;
        });
      } catch (e) {
        r = { failed: `driver: ${e.message}` };
      }
      r = { contestant: c, rows: n, run, ...r };
      raw.push(r);
      const line = r.failed ? `FAILED ${r.failed}` : `first render ${r.firstRender.toFixed(1)} ms, typing ${r.steps.filter((s) => s.op === 'type').map((s) => s.paint.toFixed(1)).join('/')} ms`;
      console.log(`  ${String(n).padStart(6)} rows  run ${run + 1}/${runs}  ${c.padEnd(10)} ${line}`);
    }
  }
}
// The gate must be able to fail: a contestant that shows the wrong rows has to be caught.
const wrong = await fresh(`${server.base}/bench/page.html?c=wrong&n=1000`, (page) =>
  page.evaluate(() => window.benchRun().then(() => null, (e) => String(e.message ?? e))));
const gateSelfCheck = { caught: Boolean(wrong && wrong.startsWith('gate:')), message: wrong };
console.log(`  gate self-check: a case-sensitive search ${gateSelfCheck.caught ? 'was caught' : 'WAS NOT CAUGHT'}: ${wrong}`);
await browser.close();
await server.close();

const shipped = {};
for (const c of contestants) shipped[c] = bytes((await import(`./contestants/${c}.mjs`)).default.files);

const results = {
  generated: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version },
  browser: { name: 'Chromium', version, flags: FLAGS },
  sizes, runs, contestants,
  shipped,
  gateSelfCheck,
  summary: summarize(raw, { contestants, sizes }),
  raw,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, quick ? 'quick-results.json' : 'results.json'), JSON.stringify(results, null, 1));
const markdown = report(results);
writeFileSync(quick ? join(outDir, 'BENCHMARKS.quick.md') : join(ROOT, 'BENCHMARKS.md'), markdown);
console.log(markdown);

if (!gateSelfCheck.caught) {
  console.error('bench: the correctness gate let a wrong contestant through');
  process.exit(1);
}
const failed = raw.filter((r) => r.failed);
if (failed.length) {
  console.error(`bench: ${failed.length} run(s) failed the correctness gate or crashed:`);
  for (const f of failed) console.error(`  ${f.contestant} at ${f.rows} rows, run ${f.run + 1}: ${f.failed}`);
  if (quick) process.exit(1);
}
