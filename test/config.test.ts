import { describe, expect, it } from 'vitest';
import { loadConfig, settingDefaults, settingDocs } from '../src/config.ts';
import { defaultFetchOptions } from '../src/http/fetch.ts';
import { defaultScheduleSettings } from '../src/domain/schedule.ts';
import { fetchOptionsFrom } from '../src/pipeline/deps.ts';
import { ConfigError } from '../src/errors.ts';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: null,
      redisUrl: 'redis://127.0.0.1:6379',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      allowPrivateAddresses: false,
      queuePrefix: '{feedfold}',
      pollIntervalSeconds: 900,
      adminToken: null,
      jobMaxCrashes: 2,
      boardSessionHours: 12,
    });
  });

  it.each([
    [{ PORT: '9000' }, 'port', 9000],
    [{ FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true' }, 'allowPrivateAddresses', true],
    [{ FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: '0' }, 'allowPrivateAddresses', false],
    [{ FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'YES' }, 'allowPrivateAddresses', true],
    [{ FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: '' }, 'allowPrivateAddresses', false],
    [{ FEEDFOLD_REDIS_AUTOSTART: 'no' }, 'redisAutostart', false],
    [{}, 'redisAutostart', true],
    [{ FEEDFOLD_PUBLIC_URL: 'https://news.example/' }, 'publicUrl', 'https://news.example'],
    [{ DATABASE_URL: 'postgres://db/x' }, 'databaseUrl', 'postgres://db/x'],
    [{ PORT: '' }, 'port', 8080],
    [{ FEEDFOLD_REDIS_CLUSTER: 'true', REDIS_URL: 'redis://a:7000, redis://b:7001' }, 'redisCluster', true],
    [{ FEEDFOLD_REDIS_CLUSTER: 'true', REDIS_URL: 'redis://a:7000,redis://b:7001' }, 'redisUrl', 'redis://a:7000,redis://b:7001'],
    [{ FEEDFOLD_LOCAL_ADDRESS: '127.0.0.2' }, 'localAddress', '127.0.0.2'],
    [{ FEEDFOLD_LOCAL_ADDRESS: '::1' }, 'localAddress', '::1'],
    [{ FEEDFOLD_JOB_MAX_CRASHES: '1' }, 'jobMaxCrashes', 1],
    [{}, 'signatureCacheItems', 10_000],
    [{ FEEDFOLD_SIGNATURE_CACHE_ITEMS: '4000' }, 'signatureCacheItems', 4000],
  ])('%j sets %s', (env, key, value) => {
    expect(loadConfig(env)[key as keyof ReturnType<typeof loadConfig>]).toEqual(value);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'maybe' }, /FEEDFOLD_ALLOW_PRIVATE_ADDRESSES/],
    [{ FEEDFOLD_POLL_INTERVAL_SECONDS: '5' }, /FEEDFOLD_POLL_INTERVAL_SECONDS/],
    [{ LOG_LEVEL: 'loud', PORT: '-1' }, /LOG_LEVEL[\s\S]*PORT|PORT[\s\S]*LOG_LEVEL/],
    [{ REDIS_URL: 'redis://a:7000,redis://b:7001' }, /REDIS_URL: several addresses.*FEEDFOLD_REDIS_CLUSTER/],
    [{ REDIS_URL: 'a:6379' }, /REDIS_URL: a:6379 is not a redis:\/\//],
    [{ FEEDFOLD_REDIS_CLUSTER: 'true', REDIS_URL: 'redis://a:7000,http://b' }, /REDIS_URL: http:\/\/b/],
    [{ FEEDFOLD_REDIS_CLUSTER: 'true', FEEDFOLD_QUEUE_PREFIX: 'feedfold' }, /FEEDFOLD_QUEUE_PREFIX: .*hash tag/],
    [{ FEEDFOLD_REDIS_CLUSTER: 'true', FEEDFOLD_QUEUE_PREFIX: '{}feedfold' }, /FEEDFOLD_QUEUE_PREFIX/],
    [{ FEEDFOLD_LOCAL_ADDRESS: 'eth0' }, /FEEDFOLD_LOCAL_ADDRESS/],
    [{ FEEDFOLD_JOB_MAX_CRASHES: '0' }, /FEEDFOLD_JOB_MAX_CRASHES/],
    [{ FEEDFOLD_SIGNATURE_CACHE_ITEMS: '0' }, /FEEDFOLD_SIGNATURE_CACHE_ITEMS/],
    [{ FEEDFOLD_SIGNATURE_CACHE_ITEMS: 'many' }, /FEEDFOLD_SIGNATURE_CACHE_ITEMS/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(ConfigError);
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it('documents every setting', () => {
    expect(Object.keys(settingDocs).length).toBeGreaterThanOrEqual(20);
    for (const doc of Object.values(settingDocs)) expect(doc.length).toBeGreaterThan(10);
  });

  it('defines each default once: every default is documented, and the fetcher and the schedule use the same', () => {
    for (const name of Object.keys(settingDefaults)) expect(settingDocs).toHaveProperty(name);
    const c = loadConfig({});
    const { accept: _accept, ...fromConfig } = fetchOptionsFrom(c);
    expect(fromConfig).toEqual({ ...defaultFetchOptions, allowPrivate: false, userAgent: settingDefaults.FEEDFOLD_USER_AGENT });
    expect(defaultScheduleSettings.intervalSeconds).toBe(c.pollIntervalSeconds);
  });
});
