// A sandbox thread when feedfold runs from source: TypeScript through tsx, then the tasks. The compiled build
// bundles src/sandbox/tasks.ts as dist/sandbox-worker.mjs instead (scripts/build.mjs), at the same relative URL.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./tasks.ts');

export const readFeed = tasks.readFeed;
export const readPage = tasks.readPage;
