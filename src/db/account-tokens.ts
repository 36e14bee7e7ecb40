// Tokens handed to apps: `<id>.<secret>`; the database keeps the secret's sha256, compared in constant time.
import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.ts';
import { accountTokens } from './schema.ts';
import { hashSecret, secretsEqual } from '../domain/accounts/password.ts';

/** What a token opens: a reader app's login, or one private feed URL. */
export type TokenKind = 'reader-auth' | 'private-feed';

/** A token the account owns, without its secret. */
export interface TokenInfo {
  id: number;
  kind: TokenKind;
  createdAt: Date;
  expiresAt: Date | null;
}

const TOKEN = /^(\d{1,18})\.([A-Za-z0-9_-]{43})$/;

/** Issue a token; the returned string is shown once and never stored. */
export async function issueToken(db: Db, accountId: number, kind: TokenKind, now: Date, expiresAt: Date | null): Promise<{ id: number; token: string }> {
  const secret = randomBytes(32).toString('base64url');
  const rows = await db
    .insert(accountTokens)
    .values({ accountId, kind, secretHash: hashSecret(secret), createdAt: now, expiresAt })
    .returning({ id: accountTokens.id });
  const id = rows[0]!.id;
  return { id, token: `${id}.${secret}` };
}

/** The account a live (not revoked, not expired) token of `kind` belongs to, else null. */
export async function resolveToken(db: Db, token: string, kind: TokenKind, now: Date): Promise<{ accountId: number; tokenId: number } | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const rows = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.id, Number(m[1])), eq(accountTokens.kind, kind), isNull(accountTokens.revokedAt)));
  const row = rows[0];
  if (!row || !secretsEqual(row.secretHash, hashSecret(m[2]!))) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  return { accountId: row.accountId, tokenId: row.id };
}

/**
 * The Google Reader action token (`T`) that goes with a login token: derived from it, so it needs no row
 * of its own and dies with the login it belongs to.
 */
export function actionTokenFor(authToken: string): string {
  return createHmac('sha256', authToken).update('feedfold reader action token').digest('base64url').slice(0, 40);
}

/** The account's live tokens (no secrets). */
export async function listTokens(db: Db, accountId: number): Promise<TokenInfo[]> {
  const rows = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.accountId, accountId), isNull(accountTokens.revokedAt)));
  return rows.map((r) => ({ id: r.id, kind: r.kind as TokenKind, createdAt: r.createdAt, expiresAt: r.expiresAt }));
}

/** Revoke one token of the account, or all of them (of one kind when given); returns how many. */
export async function revokeTokens(db: Db, accountId: number, now: Date, which: { id?: number; kind?: TokenKind } = {}): Promise<number> {
  const conds = [eq(accountTokens.accountId, accountId), isNull(accountTokens.revokedAt)];
  if (which.id !== undefined) conds.push(eq(accountTokens.id, which.id));
  if (which.kind) conds.push(eq(accountTokens.kind, which.kind));
  const rows = await db.update(accountTokens).set({ revokedAt: now }).where(and(...conds)).returning({ id: accountTokens.id });
  return rows.length;
}
