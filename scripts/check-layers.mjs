#!/usr/bin/env node
// Lint step for the architecture: src/domain imports no I/O layer and no Node I/O module, nothing in src/
// imports a process shell under workers/ (the shells use src/, never the reverse), and no module imports
// itself back through a cycle. Every import counts: `import type` and dynamic `import()` too, since
// a cycle of types is still two modules that cannot be read (or moved) one without the other.
// Exits 1 with the offending imports. `node scripts/check-layers.mjs [ROOT]` checks another tree; its tests
// call checkLayers(root) on small trees.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const FORBIDDEN_IN_DOMAIN = ['src/http/', 'src/db/', 'src/queue/', 'src/pipeline/', 'src/server/', 'src/cli', 'src/runtime', 'workers/'];
/** Process shells: they may use src/, src/ never uses them (the command line starts workers from src/pipeline/workers.ts). */
const SHELLS = 'workers/';
const IO_MODULES = /^(node:)?(fs|net|http|https|dns|child_process|dgram|tls|fs\/promises)$/;

/** Every .ts file under dir (none when dir is missing). */
function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier of a source text, read by TypeScript's scanner (comments and strings are not imports). */
function specifiersOf(src) {
  return ts.preProcessFile(src, true, true).importedFiles.map((f) => f.fileName);
}

/** The problems of the tree under root (domain imports, cycles) and how many files it holds. */
export function checkLayers(root) {
  const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'workers'))];
  const graph = new Map();
  const problems = files.length ? [] : [`no .ts file under ${root}/src or ${root}/workers`];
  for (const file of files) {
    const rel = path.relative(root, file);
    const deps = [];
    for (const spec of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        deps.push(target);
        if (rel.startsWith('src/domain/') && FORBIDDEN_IN_DOMAIN.some((f) => target.startsWith(f))) problems.push(`${rel} imports ${target} (domain must stay pure)`);
        if (rel.startsWith('src/') && target.startsWith(SHELLS)) problems.push(`${rel} imports ${target} (src/ does not use the shells under workers/)`);
      } else if (rel.startsWith('src/domain/') && IO_MODULES.test(spec)) {
        problems.push(`${rel} imports ${spec} (domain does no I/O)`);
      }
    }
    graph.set(rel, [...new Set(deps)]);
  }
  const state = new Map();
  const visit = (node, stack) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      problems.push(`import cycle: ${[...stack.slice(stack.indexOf(node)), node].join(' -> ')}`);
      return;
    }
    state.set(node, 'open');
    for (const d of graph.get(node) ?? []) visit(d, [...stack, node]);
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  return { files: files.length, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, problems } = checkLayers(root);
  if (problems.length) {
    console.error(`check-layers: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-layers: ${files} files, domain pure, src/ free of workers/, no import cycles (type and dynamic imports counted)`);
}
