// Reader accounts through the admin API (behind the admin bearer token): the `feedfold users` commands over HTTP.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { createAccount, findAccount, listAccounts, removeAccount, setAccountPassword, type Account } from '../db/accounts.ts';
import { issueToken, listTokens, revokeTokens } from '../db/account-tokens.ts';
import { exportOpmlForAccount, importOpmlForAccount } from '../db/account-opml.ts';
import { listSubscriptions } from '../db/subscriptions.ts';
import { accountNameProblem } from '../domain/accounts/account-name.ts';
import { LimitError, ParseError } from '../errors.ts';
import type { ServerDeps } from './deps.ts';
import { failWith, parseRequest, readJson } from './problem.ts';

const password = z.string().min(8).max(1024);
/** Body of POST /api/users. */
export const addUserBody = z.object({
  name: z.string().refine((n) => accountNameProblem(n) === null, { message: 'letters, digits and . _ @ + -, 1 to 64 characters' }),
  password,
});
const passwordBody = z.object({ password });

async function accountOf(deps: ServerDeps, c: Context): Promise<Account> {
  const account = await findAccount(deps.db, c.req.param('name') ?? '');
  if (!account) failWith(404, 'no such account');
  return account;
}

/** Register /api/users and its sub-resources. */
export function registerUserRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/api/users', async (c) => c.json({ users: await listAccounts(deps.db) }));
  app.post('/api/users', async (c) => {
    const body = parseRequest(addUserBody, await readJson(c), 'body');
    const account = await createAccount(deps.db, body.name, body.password, deps.now());
    if (!account) failWith(409, `an account named ${body.name} exists`);
    return c.json({ user: account }, 201);
  });
  app.delete('/api/users/:name', async (c) => {
    if (!(await removeAccount(deps.db, c.req.param('name')))) failWith(404, 'no such account');
    return c.body(null, 204);
  });
  app.put('/api/users/:name/password', async (c) => {
    const account = await accountOf(deps, c);
    const body = parseRequest(passwordBody, await readJson(c), 'body');
    await setAccountPassword(deps.db, account.name, body.password, deps.now());
    await revokeTokens(deps.db, account.id, deps.now(), { kind: 'reader-auth' });
    return c.body(null, 204);
  });
  app.get('/api/users/:name/subscriptions', async (c) => c.json({ subscriptions: await listSubscriptions(deps.db, (await accountOf(deps, c)).id) }));
  app.get('/api/users/:name/opml', async (c) => {
    const opml = await exportOpmlForAccount(deps.db, (await accountOf(deps, c)).id);
    return c.body(opml, 200, { 'Content-Type': 'text/x-opml; charset=utf-8' });
  });
  app.post(
    '/api/users/:name/opml',
    async (c) => {
      const account = await accountOf(deps, c);
      try {
        const result = await importOpmlForAccount(deps.db, account.id, await c.req.text(), deps.now(), deps.config.opmlMaxFeeds);
        return c.json(result, result.added ? 201 : 200);
      } catch (err) {
        if (err instanceof ParseError) failWith(400, `not an OPML document: ${err.message}`);
        if (err instanceof LimitError) failWith(413, err.message);
        throw err;
      }
    },
  );
  app.get('/api/users/:name/tokens', async (c) => c.json({ tokens: await listTokens(deps.db, (await accountOf(deps, c)).id) }));
  app.post('/api/users/:name/feed-tokens', async (c) => {
    const account = await accountOf(deps, c);
    const { id, token } = await issueToken(deps.db, account.id, 'private-feed', deps.now(), null);
    const base = `${deps.config.publicUrl}/private/${token}`;
    return c.json({ id, urls: { rss: `${base}/feed.xml`, atom: `${base}/feed.atom`, json: `${base}/feed.json` } }, 201);
  });
  app.delete('/api/users/:name/tokens', async (c) => c.json({ revoked: await revokeTokens(deps.db, (await accountOf(deps, c)).id, deps.now()) }));
  app.delete('/api/users/:name/tokens/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id)) failWith(400, 'token id must be a number');
    const revoked = await revokeTokens(deps.db, (await accountOf(deps, c)).id, deps.now(), { id });
    if (!revoked) failWith(404, 'no such live token for this account');
    return c.body(null, 204);
  });
}
