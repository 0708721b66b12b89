// A fresh PostgreSQL schema per test file (as test/contract/store-postgres.test.ts does), and an admin
// connection to cut the connections of one application_name.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** URL that uses the schema; `app` sets application_name so its backends can be found. */
  url(app?: string): string;
  /** Terminates every backend of `app`; returns how many. */
  cut(app: string): Promise<number>;
  drop(): Promise<void>;
}

export async function freshSchema(): Promise<TestSchema> {
  const schema = `ivr_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    url(app) {
      const url = new URL(PG_SERVER);
      url.searchParams.set('options', `-c search_path=${schema}`);
      if (app) url.searchParams.set('application_name', app);
      return url.toString();
    },
    async cut(app) {
      const r = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
        [app],
      );
      return r.rowCount ?? 0;
    },
    async drop() {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
