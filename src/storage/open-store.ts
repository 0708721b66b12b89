// Opens the store the deployment asks for: PostgreSQL when DATABASE_URL is set (several replicas may
// share it), else PGlite in DATA_DIR (one process only; guarded by a lock file). Migrates before returning.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../log.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { PgliteDb } from './pglite-db.ts';
import { acquireDataDirLock } from './pglite-lock.ts';
import { PostgresDb } from './postgres-db.ts';
import { SqlStore } from './sql-store.ts';

export interface OpenStoreOptions {
  /** Directory for the embedded database, used when `databaseUrl` is not set. */
  dataDir: string;
  /** PostgreSQL connection string (DATABASE_URL). */
  databaseUrl?: string | undefined;
  log?: Logger;
}

export async function openStore(opts: OpenStoreOptions): Promise<SqlStore> {
  const started = performance.now();
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.log) : await openPglite(opts.dataDir);
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

function openPostgres(url: string, log?: Logger): Db {
  return new PostgresDb({
    connectionString: url,
    onIdleError: (err) => log?.warn({ event: 'store.idle-error', err: err.message }, 'database connection lost'),
  });
}

async function openPglite(dataDir: string): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir);
  try {
    return await PgliteDb.open(join(dir, 'pglite'), () => lock.release());
  } catch (e) {
    lock.release();
    throw e;
  }
}
