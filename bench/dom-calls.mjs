// Counts the DOM calls the widget makes: on the demo page while it starts (hydration) and
// while a reader types four searches. A deterministic measure of work, beside the timed
// benchmark (this shared machine's timings vary by more than such changes). Not part of the
// test command; run after `cargo xtask build`:
//
//   node bench/dom-calls.mjs [dir …]     # default: dist
//
// Each DOM method and accessor Yew uses is wrapped on its prototype before the page loads.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { serve } from '../tests/e2e/server.mjs';

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['dist'];
const server = await serve(dirs.map((d, i) => [`/${i}/`, resolve(d)]));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const [i, dir] of dirs.entries()) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`${dir}: page error: ${e}`));
    await page.addInitScript(() => {
      window.domCalls = {};
      const count = (key) => { window.domCalls[key] = (window.domCalls[key] ?? 0) + 1; };
      const wrap = (proto, name, kind) => {
        const desc = Object.getOwnPropertyDescriptor(proto, name);
        const key = `${proto.constructor.name}.${name}${kind === 'set' ? '=' : ''}`;
        if (kind === 'get') Object.defineProperty(proto, name, { ...desc, get() { count(key); return desc.get.call(this); } });
        else if (kind === 'set') Object.defineProperty(proto, name, { ...desc, set(v) { count(key); desc.set.call(this, v); } });
        else proto[name] = function (...args) { count(key); return desc.value.apply(this, args); };
      };
      for (const n of ['setAttribute', 'removeAttribute']) wrap(Element.prototype, n);
      for (const n of ['insertBefore', 'appendChild', 'removeChild', 'cloneNode']) wrap(Node.prototype, n);
      for (const n of ['createElement', 'createTextNode']) wrap(Document.prototype, n);
      for (const n of ['firstChild', 'nextSibling', 'nodeType', 'childNodes']) wrap(Node.prototype, n, 'get');
      for (const n of ['tagName', 'namespaceURI']) wrap(Element.prototype, n, 'get');
      wrap(Node.prototype, 'nodeValue', 'set');
      wrap(Node.prototype, 'textContent', 'set');
      wrap(Element.prototype, 'innerHTML', 'set');
    });
    await page.goto(`${server.base}/${i}/index.html`);
    await page.waitForSelector('.fm:not(.fm--static)');
    await page.waitForTimeout(300);
    const start = await page.evaluate(() => window.domCalls);
    const typing = await page.evaluate(async () => {
      window.domCalls = {};
      const input = document.querySelector('input[type=search]');
      for (const q of ['d', 'dn', 'dns', '', 'p', 'pr', 'pro', '']) {
        input.value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await new Promise((done) => setTimeout(done, 50));
      }
      return window.domCalls;
    });
    const sum = (c) => Object.values(c).reduce((a, b) => a + b, 0);
    const top = (c) => Object.entries(c).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`${dir}: start-up ${sum(start)} DOM calls (${top(start)})`);
    console.log(`${dir}: typing "dns" and "pro" and clearing each ${sum(typing)} DOM calls (${top(typing)})`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
