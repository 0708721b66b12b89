// The little SQL surface the store needs, with one driver per database: PGlite (pglite-db.ts) and
// PostgreSQL (postgres-db.ts). Both return timestamptz as Date, jsonb as objects and bigint as number.

export interface Db {
  readonly dialect: 'pglite' | 'postgres';
  /** One statement with `$1…` parameters; returns the rows (RETURNING rows for writes). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations, truncation). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction on one connection; commits when it resolves, rolls back when it throws.
   * Nested calls reuse the connection under a savepoint, so an inner failure the caller catches
   * undoes only the inner work.
   */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Closes the database; a no-op on a transaction's Db. */
  close(): Promise<void>;
}

/** Savepoint names for nested transactions on one connection. */
export function savepointName(depth: number): string {
  return `ivr_sp_${depth}`;
}

/** Runs `fn` under a savepoint of an open transaction (shared by both drivers). */
export async function withSavepoint<T>(db: Db, depth: number, fn: () => Promise<T>): Promise<T> {
  const name = savepointName(depth);
  await db.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await db.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (e) {
    await db.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    await db.exec(`RELEASE SAVEPOINT ${name}`);
    throw e;
  }
}
