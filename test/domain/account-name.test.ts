import { describe, expect, it } from 'vitest';
import { accountNameProblem } from '../../src/domain/accounts/account-name.ts';

describe('accountNameProblem', () => {
  it.each([
    ['ana', null],
    ['ana.b@example.org', null],
    ['A-1_b+c', null],
    ['', 'characters'],
    ['x'.repeat(65), 'characters'],
    ['bad:name', 'letters'],
    ['-dash', 'letters'],
    ['sp ace', 'letters'],
    ['slash/name', 'letters'],
  ])('%j → %j', (name, problem) => {
    const got = accountNameProblem(name);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
