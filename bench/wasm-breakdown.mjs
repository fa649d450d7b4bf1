// Where the wasm's bytes are: by crate and by our modules. Not part of the test command; run
//
//   cargo install twiggy                  # once (crates.io)
//   node bench/wasm-breakdown.mjs         # after `cargo xtask build`
//
// It runs wasm-bindgen on the nightly release wasm keeping function names, wasm-opt -Oz as the
// build does, and sums twiggy's shallow sizes (raw bytes, before gzip; names excluded). Yew's
// generic code instantiated for our components (their render code is inlined there) is counted
// under yew and reported separately.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const wasm = process.argv[2] ?? 'target/nightly/wasm32-unknown-unknown/release/feature_matrix.wasm';
const dir = mkdtempSync(join(tmpdir(), 'fm-breakdown-'));
try {
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', dir, '--out-name', 'm', wasm]);
  execFileSync('node_modules/.bin/wasm-opt', ['-Oz', '-g', join(dir, 'm_bg.wasm'), '-o', join(dir, 'o.wasm')]);
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', join(dir, 'o.wasm')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const rows = csv.trim().split('\n').slice(1).map((line) => {
    const at = line.lastIndexOf(',', line.lastIndexOf(',', line.lastIndexOf(',', line.lastIndexOf(',') - 1) - 1) - 1);
    return { name: line.slice(0, at).replace(/^"|"$/g, ''), size: Number(line.slice(at + 1).split(',')[0]) };
  });
  const STD = new Set(['core', 'alloc', 'std', 'hashbrown', 'dlmalloc', 'compiler_builtins', 'memchr', '__rustc']);
  const byCrate = new Map();
  const byModule = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  let yewForUs = 0;
  for (const { name, size } of rows) {
    if (name.includes('subsection')) continue; // the name section, which the build removes
    total += size;
    if (name.startsWith('data segment')) { add(byCrate, 'data (strings, message table, embedded catalog and releases)', size); continue; }
    let crate = /^<?&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)\[/.exec(name)?.[1]
      ?? /([a-z_][a-z0-9_]*)\[[0-9a-f]{16}\]/.exec(name)?.[1] ?? 'wasm-bindgen shims, imports, tables';
    if (STD.has(crate)) crate = 'Rust standard library';
    if (['code', 'elem', 'type', 'export', 'import', 'table', 'memory', 'global'].includes(name.split(/[[ ]/)[0])) crate = 'wasm section headers and tables';
    if (crate === 'yew' && name.includes('feature_matrix')) yewForUs += size;
    add(byCrate, crate, size);
    const mod = /^<?(feature_matrix[a-z_]*)\[[0-9a-f]+\]::([a-z_0-9]+)/.exec(name);
    if (mod) add(byModule, `${mod[1]}::${mod[2]}`, size);
  }
  const pct = (v) => `${((100 * v) / total).toFixed(1)} %`;
  console.log(`${total} bytes of code and data (after wasm-opt, before gzip)\n\nby crate:`);
  for (const [k, v] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log(`${String(v).padStart(8)}  ${pct(v).padStart(7)}  ${k}`);
  console.log(`\n(of yew: ${yewForUs} instantiated for our components, ${byCrate.get('yew') - yewForUs} its runtime)\n\nour modules (outside yew's instantiations):`);
  for (const [k, v] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${String(v).padStart(8)}  ${k}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
