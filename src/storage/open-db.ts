// The database connection the deployment asks for: PostgreSQL when DATABASE_URL is set (several
// replicas may share it), else PGlite in DATA_DIR (one process only; guarded by a lock file). Kept
// apart from open-store.ts, with few imports, so main.ts can start it before loading the rest.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../log.ts';
import type { Db } from './db.ts';
import { acquireDataDirLock } from './pglite-lock.ts';

export interface OpenDbOptions {
  /** Directory for the embedded database, used when `databaseUrl` is not set. */
  dataDir: string;
  /** PostgreSQL connection string (DATABASE_URL). */
  databaseUrl?: string | undefined;
  log?: Logger;
  /**
   * PGlite on the main thread instead of a worker thread. The worker (the default) lets a start-up
   * open the database while the rest of the app loads; in-process suits short-lived tools.
   */
  inProcess?: boolean;
  /** PostgreSQL only: how long a query may wait for an answer (default QUERY_TIMEOUT_MS, postgres-db.ts). */
  queryTimeoutMs?: number;
}

// The drivers are imported when used: a start-up on PGlite need not load pg, nor the other way round.
export function openDb(opts: OpenDbOptions): Promise<Db> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.log, opts.queryTimeoutMs)
    : openPglite(opts.dataDir, opts.inProcess ?? false);
}

async function openPostgres(url: string, log?: Logger, queryTimeoutMs?: number): Promise<Db> {
  const { PostgresDb } = await import('./postgres-db.ts');
  return new PostgresDb({
    connectionString: url,
    queryTimeoutMs,
    onIdleError: (err) => log?.warn({ event: 'store.idle-error', err: err.message }, 'database connection lost'),
  });
}

async function openPglite(dataDir: string, inProcess: boolean): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir);
  try {
    const path = join(dir, 'pglite');
    if (inProcess) return await (await import('./pglite-db.ts')).PgliteDb.open(path, () => lock.release());
    return await (await import('./pglite-worker-db.ts')).PgliteWorkerDb.open(path, () => lock.release());
  } catch (e) {
    lock.release();
    throw e;
  }
}
