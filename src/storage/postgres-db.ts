// Db over a PostgreSQL server (DATABASE_URL) through a pg.Pool. Several replicas may share the server.
import pg from 'pg';
import { isStoreUnavailable } from '../ports/store-errors.ts';
import { type Db, withSavepoint } from './db.ts';

/**
 * How long a query may wait for the server's answer. A server that stops answering without closing the
 * connection (a network partition, a frozen VM) would otherwise hold a turn until the platform gives up
 * (Teams: 15 s) and the user learns nothing; with it, the turn fails as an outage and a form comes back
 * filled in. Well above any query this app makes, and above a replica's wait for another's migrations.
 */
export const QUERY_TIMEOUT_MS = 10_000;

const INT8_OID = 20;

/** Like PGlite: int8 (bigserial ids, count(*)) as number, or bigint beyond 2^53; the rest as pg's defaults. */
function parseInt8(value: string): number | bigint {
  const n = BigInt(value);
  return n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER) ? n : Number(n);
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

class ClientDb implements Db {
  readonly dialect = 'postgres' as const;
  constructor(
    private readonly client: pg.PoolClient,
    private readonly depth: number,
  ) {}

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.client.query(sql, params ? [...params] : undefined);
    return result.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const inner = new ClientDb(this.client, this.depth + 1);
    return withSavepoint(this, this.depth + 1, () => fn(inner));
  }

  async close(): Promise<void> {}
}

export interface PostgresDbOptions {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  /** Reports errors of idle pooled connections (which would otherwise crash the process). */
  onIdleError?: (err: Error) => void;
  /** Default QUERY_TIMEOUT_MS; also bounds waiting for a new connection. */
  queryTimeoutMs?: number;
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private closing: Promise<void> | null = null;

  constructor(opts: PostgresDbOptions) {
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max ?? 10,
      connectionTimeoutMillis: opts.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
      query_timeout: opts.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
      types: typeParsers,
    });
    this.pool.on('error', (err) => opts.onIdleError?.(err));
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.pool.query(sql, params ? [...params] : undefined);
    return result.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        await client.query('BEGIN');
        const result = await fn(new ClientDb(client, 0));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A connection that is gone or not answering cannot roll back: drop it (the server rolls back a
        // transaction whose connection closes) rather than wait for a ROLLBACK that will time out too.
        if (isStoreUnavailable(e)) broken = e as Error;
        else
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            // The connection is unusable: drop it from the pool rather than hand it out again.
            broken = rollbackError;
          });
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}
