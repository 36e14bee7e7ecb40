// The layer check itself, on small trees written for each case: it passes a clean tree and fails on every
// kind of edge that makes a cycle (value, `import type`, `export type … from`, dynamic `import()`) and on an
// impure domain module, and is not fooled by imports inside comments or strings.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLayers } from '../../scripts/check-layers.mjs';

const CHECKER = path.resolve(import.meta.dirname, '../../scripts/check-layers.mjs');
const made: string[] = [];

/** Write a tree of files under a fresh directory. */
function writeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-layers-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** The checker's problems on a tree. */
const check = (files: Record<string, string>) => checkLayers(writeTree(files)).problems;

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const CLEAN = {
  'src/server/deps.ts': "import type { Config } from '../config.ts';\nexport interface Deps { config: Config }\n",
  'src/server/app.ts': "import type { Deps } from './deps.ts';\nimport { routes } from './routes.ts';\nexport const app = (d: Deps) => routes(d);\n",
  'src/server/routes.ts': "import type { Deps } from './deps.ts';\nexport const routes = (d: Deps) => d;\n",
  'src/config.ts': 'export interface Config { port: number }\n',
  'src/domain/pure.ts': "import { x } from './other.ts';\nexport const y = x;\n",
  'src/domain/other.ts': 'export const x = 1;\n',
};

describe('check-layers', () => {
  it('passes a tree without cycles whose domain is pure', () => {
    expect(checkLayers(writeTree(CLEAN))).toEqual({ files: 6, problems: [] });
  });

  it('exits 1 on the command line with the problems, and fails a tree with nothing to check', () => {
    const r = spawnSync(process.execPath, [CHECKER, writeTree({ ...CLEAN, 'src/server/routes.ts': "import type { app } from './app.ts';\n" })], { encoding: 'utf8' });
    expect(r.stderr).toContain('check-layers: 1 problem(s)');
    expect(r.status).toBe(1);
    expect(check({ 'lib/a.ts': '' })).toEqual([expect.stringMatching(/^no \.ts file under/)]);
  });

  it.each([
    ['a value import', "import { app } from './app.ts';\n"],
    ['an import type', "import type { app } from './app.ts';\n"],
    ['a type inside braces', "import { type app } from './app.ts';\n"],
    ['an export type … from', "export type { app } from './app.ts';\n"],
    ['a dynamic import', "export const load = () => import('./app.ts');\n"],
    ['a typeof import()', "export type App = typeof import('./app.ts');\n"],
  ])('fails a cycle made by %s', (_name, line) => {
    expect(check({ ...CLEAN, 'src/server/routes.ts': line + CLEAN['src/server/routes.ts'] })).toEqual(['import cycle: src/server/app.ts -> src/server/routes.ts -> src/server/app.ts']);
  });

  it('fails a cycle through workers/ and src/', () => {
    const problems = check({ ...CLEAN, 'workers/w.ts': "import '../src/server/app.ts';\n", 'src/server/routes.ts': "import type { W } from '../../workers/w.ts';\n" + CLEAN['src/server/routes.ts'] });
    expect(problems).toEqual([
      'src/server/routes.ts imports workers/w.ts (src/ does not use the shells under workers/)',
      'import cycle: src/server/app.ts -> src/server/routes.ts -> workers/w.ts -> src/server/app.ts',
    ]);
  });

  it.each([
    ['a static import', "import { w } from '../../workers/w.ts';\n"],
    ['a dynamic import', "export const load = () => import('../../workers/w.ts');\n"],
  ])('fails src/cli using a shell under workers/ by %s', (_name, line) => {
    const tree = { ...CLEAN, 'workers/w.ts': 'export const w = 1;\n', 'src/cli/run.ts': line };
    expect(check(tree)).toEqual(['src/cli/run.ts imports workers/w.ts (src/ does not use the shells under workers/)']);
  });

  it.each([
    ['a comment', "// import { app } from './app.ts';\n/* import { app } from './app.ts'; */\n"],
    ['a string', "export const s = \"import { app } from './app.ts'\";\nexport const glob = '/stories/*';\n"],
  ])('does not count an import written in %s', (_name, text) => {
    expect(check({ ...CLEAN, 'src/server/routes.ts': text + CLEAN['src/server/routes.ts'] })).toEqual([]);
  });

  it.each([
    ['an I/O layer', "import type { Db } from '../db/client.ts';\n", 'src/domain/pure.ts imports src/db/client.ts (domain must stay pure)'],
    ['a Node I/O module', "import fs from 'node:fs';\n", 'src/domain/pure.ts imports node:fs (domain does no I/O)'],
  ])('fails a domain module importing %s', (_name, line, problem) => {
    expect(check({ ...CLEAN, 'src/domain/pure.ts': line + CLEAN['src/domain/pure.ts'] })).toEqual([problem]);
  });
});
