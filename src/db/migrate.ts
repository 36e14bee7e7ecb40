// Migrations forward, safely from several processes at once (an advisory lock serialises them).
import { sql } from 'drizzle-orm';
import { migrationsFolder, openDatabase, type Database } from './client.ts';

const MIGRATION_LOCK = 0x6665_6564; // "feed"

/** Apply every pending migration in drizzle/ to an open database. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite' || !database.url) {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
    return;
  }
  // The lock must be taken and released on the connection that migrates: use a private one.
  const single = await openDatabase({ url: database.url, dataDir: '', maxConnections: 1 });
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  try {
    await single.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await migrate(single.db as never, { migrationsFolder });
  } finally {
    await single.close();
  }
}
