// `npm run bench`: every benchmark, one after another in one run, each printing its table with
// ratios against the named baselines. BENCH=extract,fingerprint,index,schedule,load,cli,scaling,sandbox,failed,conditional,packed picks some.
import { runCliStartBench } from './cli-start.ts';
import { runExtractBench } from './extract.ts';
import { runFingerprintBench } from './fingerprint.ts';
import { runIndexBench } from './index-lookup.ts';
import { runScheduleSim } from './schedule-sim.ts';
import { runLoadBench } from './load.ts';
import { runScalingBench } from './scaling.ts';
import { runSandboxBench } from './sandbox.ts';
import { runFailedCheckBench } from './failed-check.ts';
import { runConditionalBench } from './conditional.ts';
import { runPackedSignaturesBench } from './packed-signatures.ts';

const BENCHES: Record<string, () => Promise<string>> = {
  extract: () => runExtractBench(),
  fingerprint: () => runFingerprintBench(),
  index: () => runIndexBench(),
  schedule: () => runScheduleSim(),
  load: () => runLoadBench(),
  cli: () => runCliStartBench(),
  scaling: () => runScalingBench(),
  sandbox: () => runSandboxBench(),
  failed: () => runFailedCheckBench(),
  conditional: () => runConditionalBench(),
  packed: () => runPackedSignaturesBench(),
};

const chosen = (process.env.BENCH ?? Object.keys(BENCHES).join(',')).split(',');
for (const name of chosen) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown bench ${name}; one of ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const started = Date.now();
  console.log(`\n== ${name}`);
  console.log(await run());
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
