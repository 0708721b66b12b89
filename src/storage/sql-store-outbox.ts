// The outbox's SQL: messages leased to one worker at a time (FOR UPDATE SKIP LOCKED), marked sent
// only by the lease holder, retried or given up; optionally paced per conversation (outbox_pace).
import type { Recipient } from '../domain/turn.ts';
import type { NewOutboxMessage, OutboxRecord, OutboxStatus } from '../ports/store.ts';
import type { Db } from './db.ts';
import { isUuid, json, type OutboxRow, toOutbox as toBase } from './sql-store-rows.ts';

type Row = OutboxRow & { send_started_at?: Date | null };
// Only while set: a record without it reads as "nothing in doubt".
const toOutbox = (r: Row): OutboxRecord =>
  r.send_started_at ? { ...toBase(r), sendStartedAt: r.send_started_at } : toBase(r);

/** Must equal the generated column outbox.recipient_key (migration 005). */
export const recipientKey = (r: Recipient): string => `${r.channel}:${r.userId}`;

/** What makes a row sendable at $1 (a parameter of every query that uses it). */
const SENDABLE = `o.status = 'pending' AND o.due_at <= $1 AND (o.lease_until IS NULL OR o.lease_until < $1)
  -- Closing a case cancels its messages; this also holds for one enqueued while it was closing.
  AND (o.incident_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM incidents i WHERE i.id = o.incident_id AND i.status = 'closed'))`;

/** Rows per INSERT, well under PostgreSQL's 65 535 parameters. */
const ENQUEUE_CHUNK = 500;
/** Errors are kept for an admin to read; a platform's whole response body is not needed. */
const MAX_ERROR_LENGTH = 1000;

const byDue = (a: Row, b: Row) => a.due_at.getTime() - b.due_at.getTime() || a.seq - b.seq;
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
    const keys = [...new Set(messages.slice(start, start + ENQUEUE_CHUNK).map((m) => recipientKey(m.recipient)))];
    await db.query(
      'INSERT INTO outbox_pace (recipient_key) SELECT unnest($1::text[]) ON CONFLICT (recipient_key) DO NOTHING',
      [keys],
    );
  }
}

/**
 * Leases due rows to `workerId`. With `spacingMs` > 0 at most one row per conversation, and only for
 * a conversation whose pace allows it now; its next slot moves `spacingMs` on. The pace row is
 * locked with SKIP LOCKED, so two replicas never take the same conversation in one moment, and a
 * replica that gets it after the other committed re-checks next_at and skips it.
 */
export async function claimDue(
  db: Db,
  now: Date,
  workerId: string,
  leaseMs: number,
  limit: number,
  spacingMs = 0,
): Promise<OutboxRecord[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows =
    spacingMs > 0
      ? await db.query<Row>(
          `WITH ready AS (
             SELECT p.recipient_key FROM outbox_pace p
             WHERE p.next_at <= $1 AND p.recipient_key IN (SELECT o.recipient_key FROM outbox o WHERE ${SENDABLE})
             ORDER BY p.next_at
             LIMIT $4
             FOR UPDATE OF p SKIP LOCKED),
           picked AS (
             SELECT DISTINCT ON (o.recipient_key) o.id FROM outbox o JOIN ready r USING (recipient_key)
             WHERE ${SENDABLE}
             ORDER BY o.recipient_key, o.due_at, o.seq),
           paced AS (
             UPDATE outbox_pace p SET next_at = $5 FROM ready r WHERE p.recipient_key = r.recipient_key)
           UPDATE outbox SET claimed_by = $2, lease_until = $3, attempts = attempts + 1
           WHERE id IN (SELECT id FROM picked) AND status = 'pending' AND (lease_until IS NULL OR lease_until < $1)
           RETURNING *`,
          [now, workerId, leaseUntil, limit, new Date(now.getTime() + spacingMs)],
        )
      : await db.query<Row>(
          `UPDATE outbox SET claimed_by = $2, lease_until = $3, attempts = attempts + 1
           WHERE id IN (
             SELECT id FROM outbox o WHERE ${SENDABLE}
             ORDER BY due_at, seq
             LIMIT $4
             FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [now, workerId, leaseUntil, limit],
        );
  return rows.sort(byDue).map(toOutbox);
}

/**
 * Records, before the platform call, that a send is starting; false when the lease was lost.
 * Committed on its own, so a worker that dies during the call leaves the row marked "in doubt".
 */
export async function beginSend(db: Db, id: string, workerId: string, at: Date): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query(
    `UPDATE outbox SET send_started_at = $3 WHERE id = $1 AND claimed_by = $2 AND status = 'pending' RETURNING id`,
    [id, workerId, at],
  );
  return rows.length === 1;
}

/** No message to this conversation before `until` (a 429's Retry-After); others are not held up. */
export async function pauseRecipient(db: Db, recipient: Recipient, until: Date): Promise<void> {
  await db.query(
    `INSERT INTO outbox_pace (recipient_key, next_at) VALUES ($1, $2)
     ON CONFLICT (recipient_key) DO UPDATE SET next_at = GREATEST(outbox_pace.next_at, EXCLUDED.next_at)`,
    [recipientKey(recipient), until],
  );
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

/** `inDoubt`: keep the row marked as possibly delivered (the platform's answer was not a clear "no"). */
export async function markRetry(
  db: Db,
  id: string,
  workerId: string,
  error: string,
  nextAt: Date,
  inDoubt: Date | null = null,
): Promise<void> {
  if (!isUuid(id)) return;
  await db.query(
    `UPDATE outbox SET claimed_by = NULL, lease_until = NULL, due_at = $4, last_error = $3, send_started_at = $5
     WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
    [id, workerId, clip(error), nextAt, inDoubt],
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
  const [row] = await db.query<Row>('SELECT * FROM outbox WHERE id = $1', [id]);
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
  const rows = await db.query<Row>(
    `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, seq`,
    params,
  );
  return rows.map(toOutbox);
}

/**
 * When a pending message next needs a worker: its due time, the end of its lease while one holds
 * it, or its conversation's next slot, whichever is last.
 */
export async function nextDue(db: Db): Promise<Date | null> {
  const [row] = await db.query<{ next: Date | null }>(
    `SELECT min(GREATEST(o.due_at, o.lease_until, p.next_at)) AS next
     FROM outbox o LEFT JOIN outbox_pace p USING (recipient_key) WHERE o.status = 'pending'`,
  );
  return row?.next ?? null;
}
