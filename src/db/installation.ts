// This installation's id: minted once (the first time anything asks) and kept in the database.
import { installation } from './schema.ts';
import type { Db } from './client.ts';

/** The installation's id (a UUID), creating it on first use; concurrent first calls agree on one id. */
export async function readInstallationId(db: Db): Promise<string> {
  await db.insert(installation).values({}).onConflictDoNothing();
  const rows = await db.select({ id: installation.id }).from(installation);
  const id = rows[0]?.id;
  if (!id) throw new Error('installation row missing after insert');
  return id;
}
