// A private Redis Cluster for the scaling tests: three masters and three replicas from Debian's
// redis-server on free loopback ports, files in a temp dir, joined with `redis-cli --cluster create`.
//
//   const cluster = await startPrivateRedisCluster();   // REDIS_URL = cluster.seeds (comma-separated)
//   await cluster.failover('{feedfold}');                // the replica of the master holding that slot takes over
//   await cluster.close();                                // kill every node, delete the files
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../src/queue/redis-server.ts';

/** How long a node may be unreachable before the cluster fails it over; short so the test stays fast. */
const NODE_TIMEOUT_MS = 2_000;
const MASTERS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running private cluster. */
export interface PrivateRedisCluster {
  /** REDIS_URL for cluster mode: two seed nodes, comma-separated. */
  seeds: string;
  /** Every node's URL. */
  nodes: string[];
  /** Manually fail over the master holding `key`'s slot to its replica; resolves with the old and new master ports once the cluster is ok again. */
  failover(key: string): Promise<{ from: number; to: number }>;
  /** Kill every node and delete the files. */
  close(): Promise<void>;
}

/** One parsed line of CLUSTER NODES. */
interface NodeLine {
  id: string;
  port: number;
  master: boolean;
  masterId: string;
  slots: string[];
}

function parseClusterNodes(text: string): NodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id = '', addr = '', flags = '', masterId = '', , , , , ...slots] = line.split(' ');
      return { id, port: Number(addr.split('@')[0]?.split(':')[1]), master: flags.includes('master'), masterId, slots };
    });
}

function slotIn(slot: number, ranges: string[]): boolean {
  return ranges.some((r) => {
    const [a, b] = r.split('-').map(Number);
    return a !== undefined && slot >= a && slot <= (b ?? a);
  });
}

async function onNode<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

async function waitUntil(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`private Redis Cluster: timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** Every node agrees the cluster is ok and sees the same masters. */
async function clusterSettled(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const info = await onNode(port, (r) => r.cluster('INFO') as Promise<string>);
    if (!/cluster_state:ok/.test(info) || !/cluster_known_nodes:6/.test(info)) return false;
  }
  return true;
}

/** Start six nodes and join them as three masters with one replica each. */
export async function startPrivateRedisCluster(): Promise<PrivateRedisCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-redis-cluster-'));
  const children: ChildProcess[] = [];
  // Nodes outlive a crashed test run otherwise: kill them when this process exits, however it exits.
  const killAll = () => {
    children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAll);
  const close = async () => {
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGKILL'))))));
    process.removeListener('exit', killAll);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < MASTERS * 2; i++) ports.push(await freePort());
    for (const port of ports) {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes'];
      args.push('--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', String(NODE_TIMEOUT_MS));
      args.push('--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction');
      children.push(spawn('redis-server', args, { stdio: 'ignore' }));
    }
    for (const port of ports) await waitUntil(`node ${port} answers`, 10_000, () => onNode(port, async (r) => (await r.ping()) === 'PONG'));
    const created = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await waitUntil('every node says cluster_state:ok', 20_000, () => clusterSettled(ports));
    const nodes = ports.map((p) => `redis://127.0.0.1:${p}`);
    return {
      seeds: nodes.slice(0, 2).join(','),
      nodes,
      close,
      async failover(key) {
        const slot = await onNode(ports[0] as number, (r) => r.cluster('KEYSLOT', key) as Promise<number>);
        const table = parseClusterNodes(await onNode(ports[0] as number, (r) => r.cluster('NODES') as Promise<string>));
        const master = table.find((n) => n.master && slotIn(slot, n.slots));
        const replica = table.find((n) => !n.master && n.masterId === master?.id);
        if (!master || !replica) throw new Error(`no master with a replica holds slot ${slot}`);
        // A manual failover: the replica catches up with its master first, so no acknowledged write is lost.
        await onNode(replica.port, (r) => r.cluster('FAILOVER'));
        await waitUntil(`node ${replica.port} is master`, 20_000, async () =>
          /role:master/.test(await onNode(replica.port, (r) => r.info('replication'))),
        );
        await waitUntil('the cluster is ok after the failover', 20_000, () => clusterSettled(ports));
        return { from: master.port, to: replica.port };
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
