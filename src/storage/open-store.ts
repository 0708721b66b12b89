// Opens the store: the database (open-db.ts), migrated before it is handed out.
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { type OpenDbOptions, openDb } from './open-db.ts';
import { SqlStore } from './sql-store.ts';

export interface OpenStoreOptions extends OpenDbOptions {
  /** A connection already being opened (main.ts starts it first); else one is opened here. */
  db?: Promise<Db>;
}

export async function openStore(opts: OpenStoreOptions): Promise<SqlStore> {
  const started = performance.now();
  const db = await (opts.db ?? openDb(opts));
  try {
    const applied = await migrate(db);
    opts.log?.info(
      { event: 'store.open', driver: db.dialect, migrations: applied, ms: Math.round(performance.now() - started) },
      'store ready',
    );
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return new SqlStore(db);
}
