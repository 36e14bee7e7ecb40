import { describe, expect, it } from 'vitest';
import { FetchError, type FetchErrorKind } from '../../src/errors.ts';
import { classifyFetchError } from '../../src/http/classify-error.ts';

const withCode = (code: string): Error => Object.assign(new Error(`failed with ${code}`), { code });

describe('classifyFetchError', () => {
  it.each<[string, FetchErrorKind, boolean]>([
    ['ENOTFOUND', 'dns', true],
    ['EAI_AGAIN', 'dns', true],
    ['ECONNREFUSED', 'connect', true],
    ['ECONNRESET', 'connect', true],
    ['EHOSTUNREACH', 'connect', true],
    ['ETIMEDOUT', 'timeout', true],
    ['HPE_INVALID_CONSTANT', 'protocol', false],
    ['CERT_HAS_EXPIRED', 'connect', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'connect', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'connect', false],
    ['ESOMETHINGNEW', 'connect', true],
  ])('%s is %s (retryable %s) and keeps its cause', (code, kind, retryable) => {
    const cause = withCode(code);
    const err = classifyFetchError(cause, 'http://example.test/feed');
    expect(err.kind).toBe(kind);
    expect(err.retryable).toBe(retryable);
    expect(err.cause).toBe(cause);
    expect(err.url).toBe('http://example.test/feed');
  });

  it('passes a FetchError through unchanged', () => {
    const original = new FetchError('blocked_address', 'no', { url: 'http://10.0.0.1/' });
    expect(classifyFetchError(original, 'http://other.test/')).toBe(original);
  });
});
