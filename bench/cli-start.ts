// CLI start-up: `feedfold config` and `feedfold parse FEED` through the compiled build (dist/, built by
// `npm ci`'s prepare script) and through tsx (FEEDFOLD_FROM_SOURCE=1), interleaved round by round beside a
// bare `node -e 0`, so every figure shares the machine's load of the moment. Reports medians and the ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/feedfold.mjs');
const feed = path.join(root, 'test/fixtures/feeds/atom-1.0.xml');

/** Rounds per variant (BENCH_CLI_ROUNDS). */
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 9);

interface Variant {
  name: string;
  args: string[];
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { name: 'node -e 0 (no feedfold)', args: ['-e', '0'], env: {} },
  { name: 'config, compiled', args: [bin, 'config'], env: {} },
  { name: 'config, tsx', args: [bin, 'config'], env: { FEEDFOLD_FROM_SOURCE: '1' } },
  { name: 'parse, compiled', args: [bin, 'parse', feed], env: {} },
  { name: 'parse, tsx', args: [bin, 'parse', feed], env: { FEEDFOLD_FROM_SOURCE: '1' } },
];

function timeOnce(v: Variant): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, v.args, { env: { ...process.env, ...v.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${v.name} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Run the start-up bench; returns its table. */
export async function runCliStartBench(): Promise<string> {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
  const times = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
  for (const v of VARIANTS) timeOnce(v); // warm the file cache and tsx's transform cache
  for (let round = 0; round < ROUNDS; round++) for (const v of VARIANTS) times.get(v.name)!.push(timeOnce(v));
  const m = (name: string) => median(times.get(name)!);
  const bare = m(VARIANTS[0]!.name);
  const rows = VARIANTS.map((v) => {
    const t = m(v.name);
    const tsxName = v.name.replace('compiled', 'tsx');
    const ratio = v.name.endsWith('compiled') ? (t / m(tsxName)).toFixed(2) : '';
    return `| ${v.name} | ${t.toFixed(3)} | ${(t - bare).toFixed(3)} | ${ratio} |`;
  });
  return [
    `median of ${ROUNDS} interleaved rounds (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
    '| command | wall s | above bare node s | compiled / tsx |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await runCliStartBench());
