#!/usr/bin/env node
// Lint step for the architecture: src/domain imports no I/O layer and no Node I/O module, and no
// module imports itself back through a cycle. Exits 1 with the offending imports.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FORBIDDEN_IN_DOMAIN = ['src/http/', 'src/db/', 'src/queue/', 'src/pipeline/', 'src/server/', 'src/cli', 'src/runtime', 'workers/'];
const IO_MODULES = /^(node:)?(fs|net|http|https|dns|child_process|dgram|tls|fs\/promises)$/;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'workers'))];
const graph = new Map();
const problems = [];
for (const file of files) {
  const rel = path.relative(root, file);
  const src = fs.readFileSync(file, 'utf8');
  const specs = [...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const deps = [];
  for (const spec of specs) {
    if (spec.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec));
      deps.push(target);
      if (rel.startsWith('src/domain/') && FORBIDDEN_IN_DOMAIN.some((f) => target.startsWith(f))) problems.push(`${rel} imports ${target} (domain must stay pure)`);
    } else if (rel.startsWith('src/domain/') && IO_MODULES.test(spec)) {
      problems.push(`${rel} imports ${spec} (domain does no I/O)`);
    }
  }
  // Type-only imports do not create runtime cycles.
  const typeOnly = new Set([...src.matchAll(/^\s*import\s+type\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => path.relative(root, path.resolve(path.dirname(file), m[1]))));
  graph.set(rel, deps.filter((d) => !typeOnly.has(d)));
}

const state = new Map();
function visit(node, stack) {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'open') {
    problems.push(`import cycle: ${[...stack.slice(stack.indexOf(node)), node].join(' -> ')}`);
    return;
  }
  state.set(node, 'open');
  for (const d of graph.get(node) ?? []) visit(d, [...stack, node]);
  state.set(node, 'done');
}
for (const node of graph.keys()) visit(node, []);

if (problems.length) {
  console.error(`check-layers: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-layers: ${files.length} files, domain pure, no import cycles`);
