// The npm package as a docs maintainer gets it (`cargo xtask package`, which the test command
// runs before the browser tests): installed with `npm install <tgz>` into a fresh project, its
// package.json read as npm and bundlers read it, its types checked with TypeScript, and its
// files served as they are with one script tag and one element.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, openPage } from './helpers.mjs';
import { serve } from './server.mjs';

const VERSION = readFileSync('Cargo.toml', 'utf8').split('[package]')[1].match(/^version = "(.+)"$/m)[1];
const TGZ = resolve(`target/package/feature-matrix-${VERSION}.tgz`);
const TSC = resolve('node_modules/.bin/tsc');

let browser;
let project;
before(async () => {
  browser = await launch();
  assert.ok(existsSync(TGZ), `${TGZ}: run \`cargo xtask package\``);
  project = mkdtempSync(join(tmpdir(), 'fm-npm-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'docs-site', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', TGZ], { cwd: project, stdio: 'inherit' });
});
after(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('package.json says what a bundler needs; every export is in the package', () => {
    const dir = join(project, 'node_modules', 'feature-matrix');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'feature-matrix');
    assert.equal(pkg.version, VERSION);
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.license, 'Apache-2.0');
    assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'default'], 'types first, as TypeScript reads them');
    assert.ok(pkg.sideEffects.includes('./feature-matrix.js'), 'the entry that registers the elements is kept');
    for (const target of Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
      assert.ok(existsSync(join(dir, target)), `${target} is in the package`);
    }
    assert.match(readFileSync(join(dir, 'feature-matrix.js'), 'utf8'), new RegExp(`"${VERSION.replace(/\./g, '\\.')}"|'${VERSION.replace(/\./g, '\\.')}'`));
  });

  test('TypeScript type-checks a page’s code against the package’s types', () => {
    writeFileSync(join(project, 'use.ts'), `
import { mount, version, type FeatureMatrixElement, type MatrixHandle } from 'feature-matrix';
const v: '${VERSION}' = version;
const el: FeatureMatrixElement = document.createElement('feature-matrix');
el.setAttribute('release', '1.24');
document.body.append(el);
async function go(): Promise<void> {
  const h: MatrixHandle = await mount(document.createElement('div'), { search: 'dns' });
  console.log(v, h.id, h.state()?.visible.length, globalThis.FeatureMatrix?.version);
}
go();
`);
    writeFileSync(join(project, 'wrong.ts'), `
import { mount } from 'feature-matrix';
mount(document.body, { serach: 'dns' });
`);
    const tsc = (file) => execFileSync(TSC, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', file], { cwd: project, encoding: 'utf8' });
    tsc('use.ts');
    assert.throws(() => tsc('wrong.ts'), (e) => /wrong\.ts.*error TS\d+.*serach/s.test(String(e.stdout)), 'a misspelt option is a type error');
  });

  test('its files, served as they are: one script tag and one element', async () => {
    const site = await serve([['/', project]]);
    writeFileSync(join(project, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="node_modules/feature-matrix/feature-matrix.css">
<script type="module" src="node_modules/feature-matrix/feature-matrix.js"></script></head>
<body><main><h1>Features</h1><feature-matrix></feature-matrix></main></body></html>`);
    try {
      const { page, context, errors } = await openPage(browser, `${site.base}/index.html`);
      const widget = page.getByRole('region', { name: 'Feature Status matrix' });
      await widget.getByRole('searchbox', { name: 'Filter features' }).fill('dns');
      await widget.getByRole('status').filter({ hasText: /^1 of 43 features$/ }).waitFor();
      assert.equal(await page.evaluate(() => globalThis.FeatureMatrix.version), VERSION);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await site.close();
    }
  });
});
