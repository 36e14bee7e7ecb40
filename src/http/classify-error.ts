// Node's I/O errors turned into FetchError kinds, once, here at the edge.
import { FetchError } from '../errors.ts';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

/** Classify an error raised while fetching `url` as a FetchError (FetchErrors pass through). */
export function classifyFetchError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : '';
  const message = err instanceof Error ? err.message : String(err);
  const make = (kind: FetchError['kind'], retryable: boolean): FetchError =>
    new FetchError(kind, `${text || 'error'}: ${message}`, { url, retryable, cause: err });
  if (DNS_CODES.has(text)) return make('dns', true);
  if (TIMEOUT_CODES.has(text)) return make('timeout', true);
  if (CONNECT_CODES.has(text)) return make('connect', true);
  if (text.startsWith('HPE_')) return make('protocol', false);
  // A certificate the server presents will not fix itself between two quick retries.
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(text)) return make('connect', false);
  return make('connect', true);
}
