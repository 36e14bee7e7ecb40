import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../src/server/login-limiter.ts';

describe('createLoginLimiter', () => {
  it('blocks an address after its failures whatever names it tries, until the window passes', () => {
    const limiter = createLoginLimiter(3, 60_000);
    for (const name of ['a', 'b', 'c']) limiter.fail('10.0.0.1', name, 1000);
    expect(limiter.blocked('10.0.0.1', 'd', 2000)).toBe(true);
    expect(limiter.blocked('10.0.0.2', 'd', 2000)).toBe(false);
    expect(limiter.blocked('10.0.0.1', 'd', 61_000)).toBe(false);
  });

  it('blocks a name tried from many addresses, and a good login clears the name only', () => {
    const limiter = createLoginLimiter(2, 60_000);
    limiter.fail('10.0.0.1', 'ana', 0);
    limiter.fail('10.0.0.2', 'ana', 0);
    expect(limiter.blocked('10.0.0.3', 'ana', 10)).toBe(true);
    limiter.succeed('ana');
    expect(limiter.blocked('10.0.0.3', 'ana', 10)).toBe(false);
    limiter.fail('10.0.0.1', 'ben', 20);
    expect(limiter.blocked('10.0.0.1', 'zed', 30)).toBe(true);
  });
});
