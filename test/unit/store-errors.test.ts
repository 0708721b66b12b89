// The one outage classification (src/ports/store-errors.ts), on errors the drivers really throw:
// a refused connection, a backend terminated by an administrator and a statement timeout on the
// test PostgreSQL are outages; a syntax error or a unique violation are not (a retry would fail the same).
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DB_GONE, isStoreUnavailable, storeErrorCode } from '../../src/ports/store-errors.ts';
import { PG_SERVER } from '../helpers/pg-schema.ts';

const caught = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('isStoreUnavailable', () => {
  it('is true for a refused connection', async () => {
    const url = new URL(PG_SERVER);
    url.port = String(await closedPort());
    const client = new pg.Client({ connectionString: url.toString() });
    const err = await caught(client.connect());
    expect(isStoreUnavailable(err)).toBe(true);
    expect(storeErrorCode(err)).toBe('ECONNREFUSED');
  });

  it('is true for a terminated backend and a statement timeout, false for a bad statement', async () => {
    const admin = new pg.Client({ connectionString: PG_SERVER });
    const victim = new pg.Client({ connectionString: PG_SERVER });
    await admin.connect();
    await victim.connect();
    victim.on('error', () => undefined);
    try {
      const syntax = await caught(victim.query('SELEC 1'));
      expect(storeErrorCode(syntax)).toBe('42601');
      expect(isStoreUnavailable(syntax)).toBe(false);
      const division = await caught(victim.query('SELECT 1/0'));
      expect(isStoreUnavailable(division)).toBe(false); // the statement's fault, not the server's
      await victim.query("SET statement_timeout = '50ms'");
      const slow = await caught(victim.query('SELECT pg_sleep(1)'));
      expect(storeErrorCode(slow)).toBe('57014');
      expect(isStoreUnavailable(slow)).toBe(true);
      const [{ pid }] = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [
        { pid: number },
      ];
      const terminated = caught(victim.query('SELECT pg_sleep(5)'));
      await new Promise((r) => setTimeout(r, 100));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const err = await terminated;
      expect(isStoreUnavailable(err)).toBe(true);
      // The connection is gone for good: the next query fails too, and is an outage as well.
      expect(isStoreUnavailable(await caught(victim.query('SELECT 1')))).toBe(true);
    } finally {
      await admin.end();
      await victim.end().catch(() => undefined);
    }
  });

  it('knows the embedded drivers and what wraps a cause; anything else is not an outage', () => {
    expect(isStoreUnavailable(Object.assign(new Error('the database worker stopped'), { code: DB_GONE }))).toBe(true);
    expect(isStoreUnavailable(new Error('PGlite is closed'))).toBe(true);
    expect(
      isStoreUnavailable(new Error('save failed', { cause: new Error('Connection terminated unexpectedly') })),
    ).toBe(true);
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isStoreUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
    expect(storeErrorCode(Object.assign(new Error('x'), { code: 'a code with spaces' }))).toBe('Error');
  });
});
