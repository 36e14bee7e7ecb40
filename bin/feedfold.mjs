#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm ci` builds it: scripts/build.mjs) when it is newer than every source
// file, else the TypeScript sources directly through tsx, so a clone never needs a build step and an edited
// source is never shadowed by an old build. FEEDFOLD_FROM_SOURCE=1 forces the sources.
import fs from 'node:fs';

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli.mjs', root);

/** The newest modification time under a directory (ms), 0 when it does not exist. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(url) : fs.statSync(url).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  if (process.env.FEEDFOLD_FROM_SOURCE === '1') return false;
  let builtAt;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    return false;
  }
  return ['src/'].every((dir) => newestMtime(new URL(dir, root)) <= builtAt);
}

// A reader that stops early (`feedfold feeds list | head`) closes the pipe: stop quietly, as Unix tools do,
// instead of dying on an unhandled EPIPE. Other stream errors stay fatal.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}

let cli;
if (builtIsFresh()) {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
const code = await cli.main(process.argv.slice(2), process.env);
process.exitCode = code;
// Long-running commands return after a clean shutdown; short ones may leave idle sockets behind.
setTimeout(() => process.exit(code), 2000).unref();
