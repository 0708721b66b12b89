// The Store contract on PostgreSQL, plus what only a server with several replicas can show: two pools
// claiming at once never share a message, and migrations started together apply once.
// Runs in a fresh schema of its own (dropped afterwards), so runs can overlap. Fails when the server is down.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxMessage } from '../../src/ports/store.ts';
import { loadMigrations } from '../../src/storage/migrate.ts';
import { openStore } from '../../src/storage/open-store.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { describeStoreContract } from './store.contract.ts';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new empty schema, the URL that uses it, and a way to drop it. */
async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `ivr_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

// An unreachable server fails this run (the suites' setup fails too, so their tests show as skipped).
it(`reaches the PostgreSQL server at ${SERVER.replace(/:[^:@/]*@/, ':***@')} (TEST_DATABASE_URL)`, async () => {
  const c = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 5000 });
  await c.connect();
  await c.end();
});

describeStoreContract(
  'PostgreSQL',
  async () => {
    const schema = await freshSchema();
    const store = await openStore({ dataDir: '/nonexistent-not-used', databaseUrl: schema.url });
    return {
      store,
      async close() {
        await store.close();
        await schema.drop();
      },
    };
  },
  { exclusive: false },
);

describe('PostgreSQL with several replicas', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let stores: SqlStore[] = [];

  beforeAll(async () => {
    schema = await freshSchema();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await schema?.drop();
  });

  it('applies migrations once when two replicas start at the same time', async () => {
    stores = await Promise.all([1, 2].map(() => openStore({ dataDir: '', databaseUrl: schema.url })));
    const rows = await stores[0]!.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY 1');
    expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
  });

  it('never gives one message to two workers claiming at the same time', async () => {
    const [a, b] = stores as [SqlStore, SqlStore];
    const now = new Date('2026-11-27T10:00:00Z');
    const messages: NewOutboxMessage[] = Array.from({ length: 50 }, (_, i) => ({
      idempotencyKey: `race-${i}`,
      kind: 'test',
      recipient: { channel: 'slack', userId: `U${i}` },
      card: { id: 'c', fallbackText: 'x', body: [] },
      dueAt: new Date(now.getTime() - (50 - i) * 1000),
      incidentId: null,
    }));
    await a.enqueue(messages);

    const claimAll = async (store: SqlStore, worker: string) => {
      const got: string[] = [];
      for (;;) {
        const batch = await store.claimDue(now, worker, 600_000, 3);
        if (batch.length === 0) return got;
        got.push(...batch.map((m) => m.idempotencyKey));
      }
    };
    const results = await Promise.all([claimAll(a, 'wa'), claimAll(b, 'wb'), claimAll(a, 'wa2'), claimAll(b, 'wb2')]);
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(messages.map((m) => m.idempotencyKey).sort());
    const rows = await a.listOutbox({ status: 'pending' });
    expect(rows.every((r) => r.attempts === 1 && r.claimedBy !== null)).toBe(true);
  });
});
