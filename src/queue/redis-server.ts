// Find a Redis for the queues: the configured one, else a private redis-server started for this
// process (the one-command start on a machine with Redis installed but not running).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { pingRedis, type RedisTarget } from './redis-connection.ts';

/** A usable Redis (or cluster) and how to stop it when this process started it. */
export interface RedisHandle extends RedisTarget {
  private: boolean;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Use the configured Redis, or start a private one when allowed and installed; else a clear error. */
export async function ensureRedis(opts: { url: string; cluster: boolean; autostart: boolean; dataDir: string; log: Logger }): Promise<RedisHandle> {
  const target = { url: opts.url, cluster: opts.cluster };
  if (await pingRedis(target)) return { ...target, private: false, stop: async () => {} };
  if (opts.cluster) {
    throw new ConfigError(
      `No Redis Cluster in state ok answers at the seeds ${opts.url}. Check REDIS_URL (seed nodes separated by commas) ` +
        'and the cluster (redis-cli -c -u URL cluster info), or unset FEEDFOLD_REDIS_CLUSTER for a single server.',
    );
  }
  const fix =
    `No Redis answers at ${opts.url}. Start one (Debian: apt-get install redis-server && redis-server --daemonize yes), ` +
    'or set REDIS_URL to a running Redis.';
  if (!opts.autostart) throw new ConfigError(fix);
  if (!hasRedisServer()) throw new ConfigError(`${fix} (redis-server is not installed, so no private one could be started)`);
  const port = await freePort();
  const dir = path.resolve(opts.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(url, 500)) {
      opts.log.info({ url }, 'started a private redis-server for the queues');
      return {
        url,
        cluster: false,
        private: true,
        stop: async () => {
          child.kill('SIGTERM');
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new ConfigError(`${fix} (a private redis-server on port ${port} did not answer)`);
}
