#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2), process.env);
process.exitCode = code;
// Long-running commands return after a clean shutdown; short ones may leave idle sockets behind.
setTimeout(() => process.exit(code), 2000).unref();
