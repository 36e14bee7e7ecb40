// Private PostgreSQL and Redis servers for fault tests that stop, kill and restart them: each runs on a
// free loopback port with its files in a temp dir, so the shared servers on 5432/6379 are never touched.
//
//   const pg = await startPrivatePostgres();      // initdb + pg_ctl (as `postgres` when we are root)
//   await pg.stop(); await pg.start();            // same port, same data
//   const replica = await startPrivateReplica(pg);  // pg_basebackup -R: a hot standby streaming from pg
//   const redis = await startPrivateRedis({ persist: true });
//   await redis.kill(); await redis.start();      // SIGKILL, then the same port and append-only file
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { pingRedis } from '../../src/queue/redis-connection.ts';
import { freePort } from '../../src/queue/redis-server.ts';

const PG_BIN = ['/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/17/bin'].find((d) =>
  fs.existsSync(path.join(d, 'initdb')),
);

export { freePort };

/** A PostgreSQL tool that hangs (a base backup waiting on a checkpoint) fails rather than blocks the test run. */
const PG_TOOL_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A private PostgreSQL cluster. */
export interface PrivatePostgres {
  /** URL of the `postgres` database (superuser, trust auth). */
  url: string;
  port: number;
  /** The server's main process (postmaster), whose children are the backends. */
  pid(): number;
  /** URL of another database on this cluster. */
  databaseUrl(name: string): string;
  /** Stop the server; 'immediate' is a crash (no checkpoint), 'fast' a clean shutdown. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Start it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop and delete everything. */
  close(): Promise<void>;
}

/** Run a PostgreSQL tool, as the `postgres` user when we are root (initdb refuses root). */
function runPgTool(tool: string, args: string[]): void {
  if (!PG_BIN) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (Debian: apt-get install postgresql)');
  const exe = path.join(PG_BIN, tool);
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...args], { encoding: 'utf8', timeout: PG_TOOL_TIMEOUT_MS })
    : spawnSync(exe, args, { encoding: 'utf8', timeout: PG_TOOL_TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** A temp dir the `postgres` user owns (initdb and the server refuse to run as root). */
function makePgDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-pg-'));
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
  return dir;
}

/** Start the cluster in `dir`/data on a free port; its handle stops, restarts and deletes it. */
async function serveCluster(dir: string): Promise<PrivatePostgres> {
  const data = path.join(dir, 'data');
  const port = await freePort();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=60`;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = async () => {
    runPgTool('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    runPgTool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  // pg_ctl starts the server detached: stop it and delete its files when this process exits, however it exits.
  const removeAll = () => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        runPgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeAll);
  try {
    await start();
  } catch (err) {
    process.removeListener('exit', removeAll);
    removeAll();
    throw err;
  }
  return {
    url,
    port,
    pid: () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    databaseUrl: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    stop,
    start,
    async close() {
      process.removeListener('exit', removeAll);
      removeAll();
    },
  };
}

/** initdb a fresh cluster in a temp dir and start it on a free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = makePgDir();
  try {
    runPgTool('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return serveCluster(dir);
}

/**
 * A streaming replica of `primary` (pg_basebackup -R: a hot standby that replays the primary's WAL and
 * answers read-only queries), in its own temp dir on its own free port.
 */
export async function startPrivateReplica(primary: PrivatePostgres): Promise<PrivatePostgres> {
  const dir = makePgDir();
  try {
    runPgTool('pg_basebackup', ['-D', path.join(dir, 'data'), '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return serveCluster(dir);
}

/** Wait until `replica` has replayed everything `primary` had written when this was called. */
export async function waitForReplay(primary: PrivatePostgres, replica: PrivatePostgres, ms = 20_000): Promise<void> {
  const p = postgres(primary.url, { max: 1, onnotice: () => {} });
  const r = postgres(replica.url, { max: 1, onnotice: () => {} });
  try {
    const [{ lsn } = { lsn: '' }] = await p<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    const until = Date.now() + ms;
    for (;;) {
      const [row] = await r<{ caught_up: boolean }[]>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught_up`;
      if (row?.caught_up) return;
      if (Date.now() > until) throw new Error(`replica did not replay up to ${lsn} within ${ms} ms`);
      await sleep(50);
    }
  } finally {
    await Promise.all([p.end(), r.end()]);
  }
}

/** Create database `name` on a server. */
export async function createDatabaseOn(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
}

/** A private redis-server. */
export interface PrivateRedis {
  url: string;
  /** SIGKILL the server (a crash: only what the append-only file holds survives). */
  kill(): Promise<void>;
  /** Start it again on the same port (and, with persist, the same append-only file). */
  start(): Promise<void>;
  /** Kill it and delete its files. */
  close(): Promise<void>;
}

/**
 * Start a private redis-server. `persist: true` runs it as the compose file does (append-only, here
 * with fsync on every write so a SIGKILL loses no acknowledged job); `persist: false` keeps nothing.
 */
export async function startPrivateRedis(opts: { persist: boolean }): Promise<PrivateRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction'];
  args.push(...(opts.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await pingRedis(url, 300)) return;
      await sleep(100);
    }
    throw new Error(`private redis-server on port ${port} did not answer`);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  // The server outlives a crashed test run otherwise: kill it when this process exits, however it exits.
  const killOnExit = () => {
    const c = child as ChildProcess | null;
    if (c && c.exitCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  await start();
  return {
    url,
    kill,
    start,
    async close() {
      process.removeListener('exit', killOnExit);
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
