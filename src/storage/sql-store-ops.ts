// The operations' SQL (store-ops.ts): outbox gauges for /metrics, applied migrations for /readyz,
// releasing a stopping worker's unsent claims, and the inbound event ids that catch Slack's retries.
import type { OutboxGauges } from '../ports/store-ops.ts';
import type { Db } from './db.ts';

export async function outboxGauges(db: Db, now: Date): Promise<OutboxGauges> {
  // Both read the partial index outbox_pending_due (pending rows only), not the sent history.
  const [row] = await db.query<{ pending: number; oldest: Date | null }>(
    `SELECT count(*)::int AS pending, min(due_at) FILTER (WHERE due_at <= $1) AS oldest
     FROM outbox WHERE status = 'pending'`,
    [now],
  );
  return { pending: row?.pending ?? 0, oldestDueAt: row?.oldest ?? null };
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  // to_regclass: a database never migrated has no table, which is "nothing applied", not an error.
  const [exists] = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists?.t) return [];
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

export async function releaseClaims(db: Db, workerId: string): Promise<number> {
  // A row whose send started stays leased: it may have reached the platform (in-doubt, in-doubt.ts).
  const rows = await db.query(
    `UPDATE outbox SET claimed_by = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0)
     WHERE claimed_by = $1 AND status = 'pending' AND send_started_at IS NULL
     RETURNING id`,
    [workerId],
  );
  return rows.length;
}

/** Remembers an inbound event id (Slack's retries of one event carry it): true the first time. */
export async function rememberEvent(db: Db, key: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO inbound_events (key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key',
    [key, at],
  );
  return rows.length === 1;
}

export async function rememberEvents(db: Db, events: readonly { key: string; at: Date }[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO inbound_events (key, seen_at)
     SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING`,
    [events.map((e) => e.key), events.map((e) => e.at)],
  );
}

export async function recentEventKeys(db: Db, since: Date): Promise<string[]> {
  const rows = await db.query<{ key: string }>('SELECT key FROM inbound_events WHERE seen_at >= $1', [since]);
  return rows.map((r) => r.key);
}
