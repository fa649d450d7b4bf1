// A small static server for browser tests that need a particular hosting set-up: the built
// dist/ under a sub-path, test pages beside it, and optional response headers (CSP).
// Every request is logged so tests can check nothing was fetched from elsewhere.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/// Serves `routes` ([[urlPrefix, directory], …], longest prefix first) on 127.0.0.1.
/// Returns { base, requests, close() }.
export async function serve(routes, { headers = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    if (!route) { res.writeHead(404).end('not found'); return; }
    const root = resolve(route[1]);
    let file = normalize(join(root, path.slice(route[0].length)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, requests, close: () => new Promise((ok) => server.close(ok)) };
}
