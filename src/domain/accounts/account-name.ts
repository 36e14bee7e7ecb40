// Which account names feedfold accepts: what apps can type and URLs and the Fever key can carry.

/** Longest account name. */
export const ACCOUNT_NAME_MAX = 64;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/;

/** Why `name` cannot name an account, or null when it can. */
export function accountNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > ACCOUNT_NAME_MAX) return `an account name has 1 to ${ACCOUNT_NAME_MAX} characters`;
  if (!NAME.test(name)) return 'an account name uses letters, digits and . _ @ + - and starts with a letter or digit';
  return null;
}
