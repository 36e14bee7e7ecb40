// `npm run demo`: serve the fixture web on loopback, subscribe to its feeds, run the pipeline once,
// then serve the merged feed and print its URL (Ctrl-C stops). `npm run demo -- --once` exits after
// printing the merged feed. Uses DATABASE_URL when set, else an embedded database in data/demo.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFixtureWeb } from './lib/fixture-web.ts';
import { waitForUrl } from './lib/shared.ts';

const once = process.argv.includes('--once');
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/feedfold.mjs');
const port = process.env.PORT ?? '8080';
const env = {
  ...process.env,
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
  FEEDFOLD_DATA_DIR: process.env.FEEDFOLD_DATA_DIR ?? path.join(root, 'data/demo'),
  FEEDFOLD_QUEUE_PREFIX: process.env.FEEDFOLD_QUEUE_PREFIX ?? '{feedfold-demo}',
  PORT: port,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

/** Run a feedfold command without blocking this process (it serves the fixture web meanwhile). */
function feedfold(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      if (code === 0) return resolve(out);
      console.error(`demo: feedfold ${args[0]} failed (exit ${code})`);
      process.exit(code ?? 1);
    });
  });
}

const web = await startFixtureWeb();
const opml = path.join(env.FEEDFOLD_DATA_DIR, 'fixture-web.opml');
fs.mkdirSync(env.FEEDFOLD_DATA_DIR, { recursive: true });
fs.writeFileSync(opml, await (await fetch(web.url('/opml.xml'))).text());
console.log(`demo: fixture web on ${web.base}`);
console.log(`demo: ${(await feedfold(['opml', 'import', opml])).trim()}`);
console.log(`demo: run --once ${(await feedfold(['run', '--once'])).trim()}`);
const server = spawn(process.execPath, [bin, 'serve'], { env: { ...env, HOST: '127.0.0.1' }, stdio: 'inherit' });
const base = `http://127.0.0.1:${port}`;
await waitForUrl(`${base}/healthz`, 30_000);
console.log(`demo: the merged feed is at ${base}/feed.xml (also /feed.atom, /feed.json; reader page at ${base}/)`);
const stop = async () => {
  server.kill('SIGTERM');
  await web.close();
};
if (once) {
  const doc = (await (await fetch(`${base}/feed.json`)).json()) as { items: { title: string; _feedfold: { sources: number; languages: string[] } }[] };
  for (const item of doc.items) console.log(`  ${item._feedfold.sources} source(s) [${item._feedfold.languages.join(',')}]  ${item.title}`);
  await stop();
} else {
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
}
