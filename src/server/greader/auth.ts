// Google Reader logins: ClientLogin hands out a token, `Authorization: GoogleLogin auth=…` carries it, and
// POSTs also carry the action token `T` (401 with X-Reader-Google-Bad-Token: true tells the app to fetch a new one).
import type { Context } from 'hono';
import { checkPassword, findAccountById, type Account } from '../../db/accounts.ts';
import { actionTokenFor, issueToken, resolveToken } from '../../db/account-tokens.ts';
import { secretsEqual } from '../../domain/accounts/password.ts';
import { clientAddress } from '../login-limiter.ts';
import { ReaderReply, readParams, type ReaderContext } from '../reader-context.ts';

/** An authenticated reader request: the account and the login token it came with. */
export interface ReaderAuth {
  account: Account;
  token: string;
}

const GOOGLE_LOGIN = /^GoogleLogin\s+auth=(\S+)$/i;

/** Check a name and password against the limiter and the database; throws 429 or 401 replies. */
export async function loginWithPassword(rc: ReaderContext, c: Context, name: string, password: string, badReply: string): Promise<Account> {
  const address = clientAddress(c);
  const now = rc.deps.now().getTime();
  if (await rc.limiter.blocked(address, name, now)) {
    throw new ReaderReply(429, 'Error=TooManyAttempts', { 'Retry-After': String(rc.deps.config.loginWindowSeconds) });
  }
  const account = name && password ? await checkPassword(rc.deps.db, name, password) : null;
  if (!account) {
    await rc.limiter.fail(address, name, now);
    rc.deps.log.warn({ account_name: name.slice(0, 64), address }, 'reader login refused');
    throw new ReaderReply(401, badReply);
  }
  await rc.limiter.succeed(name);
  return account;
}

/** POST (or GET) /accounts/ClientLogin: `Email`, `Passwd` → SID/LSID/Auth as text, or JSON with output=json. */
export async function clientLogin(rc: ReaderContext, c: Context): Promise<Response> {
  const params = await readParams(c);
  const account = await loginWithPassword(rc, c, params.get('Email') ?? '', params.get('Passwd') ?? '', 'Error=BadAuthentication');
  const expires = new Date(rc.deps.now().getTime() + rc.deps.config.readerTokenDays * 86_400_000);
  const { token } = await issueToken(rc.deps.db, account.id, 'reader-auth', rc.deps.now(), expires);
  if (params.get('output') === 'json') return c.json({ SID: token, LSID: token, Auth: token });
  return c.text(`SID=${token}\nLSID=${token}\nAuth=${token}\n`);
}

/** The account behind the request's GoogleLogin header, or a 401 reply. */
export async function authenticate(rc: ReaderContext, c: Context): Promise<ReaderAuth> {
  const token = GOOGLE_LOGIN.exec(c.req.header('authorization')?.trim() ?? '')?.[1];
  const found = token ? await resolveToken(rc.deps.db, token, 'reader-auth', rc.deps.now()) : null;
  const account = found ? await findAccountById(rc.deps.db, found.accountId) : null;
  if (!token || !account) throw new ReaderReply(401, 'Unauthorized');
  return { account, token };
}

/** Refuse a POST whose T token is missing or not this login's (401 with the bad-token header). */
export function checkActionToken(auth: ReaderAuth, params: URLSearchParams): void {
  const given = (params.get('T') ?? '').trim();
  if (!given || !secretsEqual(given, actionTokenFor(auth.token))) {
    throw new ReaderReply(401, 'Unauthorized: bad or missing T token', { 'X-Reader-Google-Bad-Token': 'true' });
  }
}

/** GET /reader/api/0/token: the action token for POSTs. */
export function actionToken(c: Context, auth: ReaderAuth): Response {
  return c.text(actionTokenFor(auth.token));
}

/** GET /reader/api/0/user-info. */
export function userInfo(c: Context, auth: ReaderAuth): Response {
  const id = String(auth.account.id);
  return c.json({
    userId: id,
    userName: auth.account.name,
    userProfileId: id,
    userEmail: '',
    isBloggerUser: false,
    signupTimeSec: Math.floor(auth.account.createdAt.getTime() / 1000),
    isMultiLoginEnabled: false,
  });
}
