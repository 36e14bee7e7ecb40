// Reader accounts: create, list, change password, remove, and the two ways apps log in.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { accounts, subscriptions } from './schema.ts';
import { feverApiKey, hashPassword, hashSecret, verifyPassword } from '../domain/accounts/password.ts';

/** An account as the rest of feedfold sees it (never its hashes). */
export interface Account {
  id: number;
  name: string;
  createdAt: Date;
}

/** An account with how many feeds it subscribes to. */
export interface AccountSummary extends Account {
  subscriptions: number;
}

const publicColumns = { id: accounts.id, name: accounts.name, createdAt: accounts.createdAt };

/** Create an account; null when the name is taken. */
export async function createAccount(db: Db, name: string, password: string, now: Date): Promise<Account | null> {
  const passwordHash = await hashPassword(password);
  const rows = await db
    .insert(accounts)
    .values({ name, passwordHash, feverKeyHash: hashSecret(feverApiKey(name, password)), createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: accounts.name })
    .returning(publicColumns);
  return rows[0] ?? null;
}

/** Every account, by name, with its subscription count. */
export async function listAccounts(db: Db): Promise<AccountSummary[]> {
  return db
    .select({ ...publicColumns, subscriptions: sql<number>`(select count(*)::int from ${subscriptions} s where s.account_id = ${accounts.id})` })
    .from(accounts)
    .orderBy(asc(accounts.name));
}

/** One account by name, or null. */
export async function findAccount(db: Db, name: string): Promise<Account | null> {
  const rows = await db.select(publicColumns).from(accounts).where(eq(accounts.name, name));
  return rows[0] ?? null;
}

/** Set a new password (and with it the Fever key); false when there is no such account. */
export async function setAccountPassword(db: Db, name: string, password: string, now: Date): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const rows = await db
    .update(accounts)
    .set({ passwordHash, feverKeyHash: hashSecret(feverApiKey(name, password)), updatedAt: now })
    .where(eq(accounts.name, name))
    .returning({ id: accounts.id });
  return rows.length > 0;
}

/** Delete an account with its tokens, folders, subscriptions and state; feeds stay. */
export async function removeAccount(db: Db, name: string): Promise<boolean> {
  const rows = await db.delete(accounts).where(eq(accounts.name, name)).returning({ id: accounts.id });
  return rows.length > 0;
}

/** The account whose name and password match, else null. An unknown name costs as long as a wrong password. */
export async function checkPassword(db: Db, name: string, password: string): Promise<Account | null> {
  const rows = await db.select({ ...publicColumns, passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.name, name));
  const row = rows[0];
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  return row && ok ? { id: row.id, name: row.name, createdAt: row.createdAt } : null;
}

// A valid hash of no account's password, so an unknown name runs scrypt too and answers in the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The account whose Fever API key (md5 of name:password) this is, else null. */
export async function findAccountByFeverKey(db: Db, apiKey: string): Promise<Account | null> {
  // Looked up by the key's sha256, so the index comparison leaks nothing about the key itself.
  const rows = await db.select(publicColumns).from(accounts).where(eq(accounts.feverKeyHash, hashSecret(apiKey.toLowerCase())));
  return rows[0] ?? null;
}

/** One account by id, or null. */
export async function findAccountById(db: Db, id: number): Promise<Account | null> {
  const rows = await db.select(publicColumns).from(accounts).where(eq(accounts.id, id));
  return rows[0] ?? null;
}
