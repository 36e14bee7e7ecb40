#!/usr/bin/env node
// `npm run lint:recheck`: every regular expression literal in src/ checked by recheck for super-linear
// backtracking. It finds what eslint-plugin-regexp's rules (`npm run lint`, in `npm test`) miss, such as `<body[^>]*>`
// searched through a page of `<body ` without a `>` (it stalled a worker), but it takes about 100 s here and its fuzzing is
// random, so it is an audit to run when regular expressions change, not a CI step. An exception needs
// `// regex-safe: reason` on the line of the expression or one of the two above it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { check } from 'recheck';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src'];
/** Seconds one expression may take to check; a timeout counts as a failure, not as safe. */
const TIMEOUT_MS = 20_000;

function* sourceFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mjs)$/.test(entry.name)) yield full;
  }
}

/** Every regular expression literal of a file with its line. */
function regexLiterals(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const slash = literal.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      found.push({ pattern: literal.slice(1, slash), flags: literal.slice(slash + 1), line });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const lines = text.split('\n');
  return found.filter((r) => !/regex-safe:/.test(lines.slice(Math.max(0, r.line - 2), r.line + 1).join('\n')));
}

const literals = DIRS.flatMap((dir) => [...sourceFiles(path.join(root, dir))].flatMap((file) => regexLiterals(file).map((r) => ({ ...r, file: path.relative(root, file) }))));
const unique = new Map();
for (const r of literals) unique.set(`/${r.pattern}/${r.flags}`, r);
const started = Date.now();
const failures = [];
const unchecked = [];
const queue = [...unique.values()];
// Two at a time: recheck's agent answers in turn, and a timeout counts from the call, not from the start of the work.
await Promise.all([0, 1].map(async () => {
  for (let r = queue.shift(); r; r = queue.shift()) await checkOne(r);
}));

async function checkOne(r) {
  const result = await check(r.pattern, r.flags, { timeout: TIMEOUT_MS });
  if (result.status === 'safe') return;
  if (result.status !== 'vulnerable') return unchecked.push(`${r.file}:${r.line + 1}: not checked (${result.error.kind})`);
  const why = result.complexity.summary;
  failures.push(`${r.file}:${r.line + 1}: /${r.pattern}/${r.flags}: ${why}${result.attack ? ` (attack: ${JSON.stringify(result.attack.pattern)})` : ''}`);
}
for (const f of [...unchecked.sort(), ...failures.sort()]) console.error(f);
console.log(`check-regexes: ${unique.size} regular expressions, ${failures.length} super-linear, ${unchecked.length} beyond recheck, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
