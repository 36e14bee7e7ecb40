// Real clients from Debian that some tests run (newsboat, python3-feedparser, jing, chromium).
// `npm test` installs them (scripts/ensure-clients.sh); where one is missing the test is skipped with a
// reason, except in CI, where a missing client fails the run instead of passing silently.
import { spawnSync } from 'node:child_process';

/** Whether `command` runs here (checked with `--version` or the given probe arguments). */
export function hasTool(command: string, probe: string[] = ['--version']): boolean {
  const result = spawnSync(command, probe, { stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status !== null;
}

/** True when the tool is there; false (skip) outside CI; throws in CI so a missing client cannot pass. */
export function requireTool(command: string, probe: string[] = ['--version'], installer = 'scripts/ensure-clients.sh'): boolean {
  if (hasTool(command, probe)) return true;
  if (process.env.CI) throw new Error(`${command} is missing in CI: ${installer} should install it`);
  console.warn(`skipping: ${command} is not installed (${installer} installs it)`);
  return false;
}
