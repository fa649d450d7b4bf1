// How long `mount()` takes for Istio's feature data of 100,000 entries, from the call to the
// widget's first change event (JSON text, read, ids numbered, checked, first 100 rows rendered):
// one name for every entry and no ids (every id numbered from one base), and 100,000 distinct
// names. Three runs each in a fresh page; prints the times and their medians and writes them to
// target/bench/read-istio.json.
//
//   cargo xtask serve &                       # or any server of a built dist/
//   node bench/read-istio.mjs http://127.0.0.1:8080/
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const results = {};
for (const kind of ['one-name', 'distinct-names']) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage();
    await page.goto(new URL('examples/embed.html', base).href);
    await page.waitForSelector('[data-fm-mounted]');
    times.push(await page.evaluate(async (kind) => {
      const m = await import('../feature-matrix.js');
      const features = Array.from({ length: 100000 }, (_, i) => ({
        name: kind === 'one-name' ? 'Same' : `Feature ${i}`,
        area: 'Traffic Management',
        level: { checklist: '', maturity: 'Beta' },
      }));
      const host = document.createElement('div');
      document.body.append(host);
      const started = performance.now();
      await m.mount(host, { catalog: { features }, id: 'big' });
      return performance.now() - started;
    }, kind));
    await page.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  results[kind] = { runs: times.map((t) => Math.round(t)), median: Math.round(sorted[1]) };
  console.log(`${kind}: median ${results[kind].median} ms (runs ${results[kind].runs.join(', ')} ms)`);
}
await browser.close();
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/read-istio.json', `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
