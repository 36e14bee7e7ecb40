// `feedfold users …` and `feedfold opml … --user NAME`: reader accounts from the command line.
import fs from 'node:fs';
import type { Config } from '../config.ts';
import { createAccount, findAccount, listAccounts, removeAccount, setAccountPassword, type Account } from '../db/accounts.ts';
import { issueToken, revokeTokens } from '../db/account-tokens.ts';
import type { Database } from '../db/client.ts';
import { importOpmlForAccount, exportOpmlForAccount } from '../db/account-opml.ts';
import { accountNameProblem } from '../domain/accounts/account-name.ts';
import { ConfigError } from '../errors.ts';
import { withDatabase } from './feed-commands.ts';
import { readNewPassword } from './read-password.ts';

async function requireAccount(database: Database, name: string): Promise<Account> {
  const account = await findAccount(database.db, name);
  if (!account) throw new ConfigError(`no account named ${name}`);
  return account;
}

/** `users add NAME`: create an account; the password comes from a prompt or stdin. */
export async function usersAdd(config: Config, name: string): Promise<number> {
  const problem = accountNameProblem(name);
  if (problem) throw new ConfigError(problem);
  const password = await readNewPassword();
  if (password instanceof Error) throw new ConfigError(password.message);
  return withDatabase(config, async (database) => {
    const account = await createAccount(database.db, name, password, new Date());
    if (!account) throw new ConfigError(`an account named ${name} exists`);
    console.log(`added\t${account.id}\t${account.name}`);
    return 0;
  });
}

/** `users list`: every account with its subscription count. */
export async function usersList(config: Config): Promise<number> {
  return withDatabase(config, async (database) => {
    console.log(['id', 'name', 'subscriptions', 'created'].join('\t'));
    for (const a of await listAccounts(database.db)) console.log([a.id, a.name, a.subscriptions, a.createdAt.toISOString()].join('\t'));
    return 0;
  });
}

/** `users passwd NAME`: a new password (and Fever key); the account's app logins are revoked. */
export async function usersPasswd(config: Config, name: string): Promise<number> {
  const password = await readNewPassword();
  if (password instanceof Error) throw new ConfigError(password.message);
  return withDatabase(config, async (database) => {
    const account = await requireAccount(database, name);
    await setAccountPassword(database.db, name, password, new Date());
    const revoked = await revokeTokens(database.db, account.id, new Date(), { kind: 'reader-auth' });
    console.log(`password changed for ${name}; ${revoked} app logins revoked`);
    return 0;
  });
}

/** `users remove NAME`: delete the account, its subscriptions and state (the feeds stay). */
export async function usersRemove(config: Config, name: string): Promise<number> {
  return withDatabase(config, async (database) => {
    const ok = await removeAccount(database.db, name);
    console.log(ok ? `removed ${name}` : `no account named ${name}`);
    return ok ? 0 : 1;
  });
}

/** `users feed-url NAME`: a new private feed token, printed as the account's three feed URLs. */
export async function usersFeedUrl(config: Config, name: string): Promise<number> {
  return withDatabase(config, async (database) => {
    const account = await requireAccount(database, name);
    const { token } = await issueToken(database.db, account.id, 'private-feed', new Date(), null);
    for (const ext of ['xml', 'atom', 'json']) console.log(`${config.publicUrl}/private/${token}/feed.${ext}`);
    return 0;
  });
}

/** `users revoke NAME`: revoke every app login and private feed URL of the account. */
export async function usersRevoke(config: Config, name: string): Promise<number> {
  return withDatabase(config, async (database) => {
    const account = await requireAccount(database, name);
    console.log(`revoked ${await revokeTokens(database.db, account.id, new Date())} tokens of ${name}`);
    return 0;
  });
}

/** `opml import FILE --user NAME`: subscribe the account to every feed of the file, with titles and folders. */
export async function opmlImportForUser(config: Config, file: string, name: string): Promise<number> {
  const text = fs.readFileSync(file, 'utf8');
  return withDatabase(config, async (database) => {
    const account = await requireAccount(database, name);
    const r = await importOpmlForAccount(database.db, account.id, text, new Date(), config.opmlMaxFeeds);
    console.log(`imported for ${name}: ${r.added} new subscriptions, ${r.existing} already present, ${r.invalid.length} invalid`);
    return 0;
  });
}

/** `opml export --user NAME`: the account's subscriptions as OPML on stdout. */
export async function opmlExportForUser(config: Config, name: string): Promise<number> {
  return withDatabase(config, async (database) => {
    const account = await requireAccount(database, name);
    process.stdout.write(await exportOpmlForAccount(database.db, account.id));
    return 0;
  });
}
