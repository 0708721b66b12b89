// Db over PGlite: PostgreSQL compiled to WebAssembly, on a directory of its own.
// One process per directory (see pglite-lock.ts). PGlite's defaults already parse timestamptz
// to Date, json/jsonb to objects and int8 to number (bigint only beyond 2^53).
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Db, withSavepoint } from './db.ts';
import { PGLITE_SETTINGS } from './pglite-settings.ts';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

class PgliteTxDb implements Db {
  readonly dialect = 'pglite' as const;
  constructor(
    private readonly tx: Queryable,
    private readonly depth: number,
  ) {}

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.tx.query<T>(sql, params ? [...params] : undefined);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.tx.exec(sql);
  }

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const inner = new PgliteTxDb(this.tx, this.depth + 1);
    return withSavepoint(this, this.depth + 1, () => fn(inner));
  }

  async close(): Promise<void> {}
}

export class PgliteDb implements Db {
  readonly dialect = 'pglite' as const;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pg: PGlite,
    private readonly onClose: () => void,
  ) {}

  /** Opens (creating when new) the PGlite database in `dir`; `onClose` runs once it is closed. */
  static async open(dir: string, onClose: () => void = () => {}): Promise<PgliteDb> {
    const pg = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
    return new PgliteDb(pg, onClose);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.pg.query<T>(sql, params ? [...params] : undefined);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(new PgliteTxDb(tx, 0)));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.pg.close();
      } finally {
        this.onClose();
      }
    })();
    return this.closing;
  }
}
