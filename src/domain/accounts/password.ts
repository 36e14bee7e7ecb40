// Password hashes for reader accounts: scrypt from node:crypto, memory-hard, parameters stored in the hash.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 uses 128·N·r = 32 MiB per hash and takes about 50-100 ms on one
 * core (OWASP's password storage sheet lists N=2^17 r=8 p=1 and N=2^15 r=8 p=3 among equivalent choices;
 * 2^15/8/1 keeps a login under 0.1 s on the 2-core machines feedfold targets). Hashes carry their own
 * parameters, so raising these later leaves old hashes valid.
 */
export const SCRYPT_PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    // The callback form runs on libuv's thread pool: a login never blocks the event loop.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hash a password as `scrypt$N$r$p$salt$key` (salt and key in base64url). */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a hash made by hashPassword (constant-time comparison of the keys). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The Fever API key of an account: md5 of `name:password`, as the Fever protocol defines it. */
export function feverApiKey(name: string, password: string): string {
  return createHash('md5').update(`${name}:${password}`).digest('hex');
}

/** sha256 of a secret in hex: what the database keeps of tokens and Fever keys. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time equality of two strings. */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
