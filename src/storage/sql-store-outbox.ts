// The outbox's SQL: messages leased to one worker at a time (FOR UPDATE SKIP LOCKED), marked sent
// only by the lease holder, retried or given up.
import type { NewOutboxMessage, OutboxRecord, OutboxStatus } from '../ports/store.ts';
import type { Db } from './db.ts';
import { isUuid, json, type OutboxRow, toOutbox } from './sql-store-rows.ts';

/** Rows per INSERT, well under PostgreSQL's 65 535 parameters. */
const ENQUEUE_CHUNK = 500;
/** Errors are kept for an admin to read; a platform's whole response body is not needed. */
const MAX_ERROR_LENGTH = 1000;

const byDue = (a: OutboxRow, b: OutboxRow) => a.due_at.getTime() - b.due_at.getTime() || a.seq - b.seq;
const clip = (error: string) => (error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error);

export async function enqueue(db: Db, messages: NewOutboxMessage[]): Promise<void> {
  for (let start = 0; start < messages.length; start += ENQUEUE_CHUNK) {
    const params: unknown[] = [];
    const values = messages.slice(start, start + ENQUEUE_CHUNK).map((m) => {
      params.push(m.idempotencyKey, m.kind, json(m.recipient), json(m.card), m.dueAt, m.incidentId);
      const n = params.length;
      return `(${[5, 4, 3, 2, 1, 0].map((k) => `$${n - k}`).join(', ')})`;
    });
    await db.query(
      `INSERT INTO outbox (idempotency_key, kind, recipient, card, due_at, incident_id) VALUES ${values.join(', ')}
       ON CONFLICT (idempotency_key) DO NOTHING`,
      params,
    );
  }
}

export async function claimDue(
  db: Db,
  now: Date,
  workerId: string,
  leaseMs: number,
  limit: number,
): Promise<OutboxRecord[]> {
  const rows = await db.query<OutboxRow>(
    `UPDATE outbox SET claimed_by = $2, lease_until = $3, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox
       WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
         -- Closing a case cancels its messages; this also holds for one enqueued while it was closing.
         AND (incident_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM incidents i WHERE i.id = outbox.incident_id AND i.status = 'closed'))
       ORDER BY due_at, seq
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, workerId, new Date(now.getTime() + leaseMs), limit],
  );
  return rows.sort(byDue).map(toOutbox);
}

export async function markSent(
  db: Db,
  id: string,
  workerId: string,
  platformMessageId: string | null,
  at: Date,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(
    `UPDATE outbox SET status = 'sent', platform_message_id = $3, sent_at = $4, lease_until = NULL
     WHERE id = $1 AND claimed_by = $2 AND status = 'pending'
     RETURNING id`,
    [id, workerId, platformMessageId, at],
  );
  return rows.length === 1;
}

export async function markRetry(db: Db, id: string, workerId: string, error: string, nextAt: Date): Promise<void> {
  if (!isUuid(id)) return;
  await db.query(
    `UPDATE outbox SET claimed_by = NULL, lease_until = NULL, due_at = $4, last_error = $3
     WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
    [id, workerId, clip(error), nextAt],
  );
}

export async function markDead(db: Db, id: string, workerId: string, error: string, at: Date): Promise<void> {
  if (!isUuid(id)) return;
  await db.query(
    `UPDATE outbox SET status = 'dead', last_error = $3, dead_at = $4, lease_until = NULL
     WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
    [id, workerId, clip(error), at],
  );
}

export async function getOutbox(db: Db, id: string): Promise<OutboxRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id]);
  return row ? toOutbox(row) : null;
}

export async function listOutbox(
  db: Db,
  filter: { status?: OutboxStatus; incidentId?: string },
): Promise<OutboxRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status !== undefined) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  if (filter.incidentId !== undefined) {
    if (!isUuid(filter.incidentId)) return [];
    params.push(filter.incidentId);
    where.push(`incident_id = $${params.length}`);
  }
  const rows = await db.query<OutboxRow>(
    `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, seq`,
    params,
  );
  return rows.map(toOutbox);
}

/** When a pending message next needs a worker: its due time, or the end of its lease while one holds it. */
export async function nextDue(db: Db): Promise<Date | null> {
  const [row] = await db.query<{ next: Date | null }>(
    `SELECT min(GREATEST(due_at, lease_until)) AS next FROM outbox WHERE status = 'pending'`,
  );
  return row?.next ?? null;
}
