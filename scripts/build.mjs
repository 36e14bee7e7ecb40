#!/usr/bin/env node
// The compiled CLI (`npm ci` runs this as the `prepare` script): src/cli.ts bundled by esbuild into dist/,
// one chunk per lazily imported command so `feedfold config` and `parse` load little. bin/feedfold.mjs runs
// dist/ when it is newer than every source file and falls back to tsx otherwise, so the build is never required.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/cli.ts');
const outdir = path.join(root, 'dist');

if (!fs.existsSync(entry)) {
  // The Dockerfile's dependency stage installs before the sources are copied in.
  console.log('build: no src/cli.ts here, nothing to build');
  process.exit(0);
}
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('build: esbuild not installed; feedfold runs from source through tsx');
  process.exit(0);
}
// Small pure libraries on the `config` and `parse` paths are bundled in (one file loads faster than zod's
// hundred modules); the rest stay in node_modules, as packages that read their own files at run time must
// (BullMQ's Lua scripts, PGlite's WebAssembly, pino's transports).
const BUNDLED = new Set(['zod', 'entities', 'rss-parser', 'iconv-lite', 'chardet']);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);
// What the bundled libraries load but feedfold never calls, left out of the start-up path: zod's error messages
// in 40 languages (feedfold's are English: its default `en` stays), the network half of rss-parser (feedfold
// fetches through src/http/ and hands it text; node:https alone pulls in TLS) and xml2js's XML builder.
const NEVER_USED = {
  name: 'never-used',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer) ? { path: path.resolve(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-en' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
    build.onResolve({ filter: /^(https?|xmlbuilder)$/ }, (args) =>
      /node_modules[\\/](rss-parser|xml2js)[\\/]/.test(args.importer) ? { path: args.path, namespace: 'never-used' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'never-used' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get(_, key) { throw new Error(${JSON.stringify(args.path)} + ' is left out of the build (scripts/build.mjs): ' + String(key)); } });`,
    }));
  },
};
const started = Date.now();
fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  // The sandbox's threads load their tasks from dist/sandbox-worker.mjs (src/sandbox/reader.ts names it).
  entryPoints: { cli: entry, 'sandbox-worker': path.join(root, 'src/sandbox/tasks.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [NEVER_USED],
  // Bundled CommonJS code calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`build: dist/ in ${Date.now() - started} ms`);
