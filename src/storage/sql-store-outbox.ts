// The outbox's SQL: messages leased to one worker at a time (FOR UPDATE SKIP LOCKED), marked sent
// only by the lease holder, retried or given up; optionally paced per conversation (outbox_pace).
import { CHECKIN_LATENESS_MS } from '../domain/followup/plan.ts';
import type { Recipient } from '../domain/turn.ts';
import type { NewOutboxMessage, OutboxRecord, OutboxStatus } from '../ports/store.ts';
import { Coalescer } from './coalescer.ts';
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
    SELECT 1 FROM incidents i WHERE i.id = o.incident_id AND i.status = 'closed'))
  -- A check-in more than a day late is re-planned by the sweep, never sent (issue 7).
  AND NOT (o.kind = 'checkin' AND o.due_at < $1::timestamptz - interval '${CHECKIN_LATENESS_MS} milliseconds')`;
/**
 * SENDABLE for a walk of outbox_pending_due from the earliest row. `due_at > '-infinity'` changes no
 * answer: with it the planner reads a range and, before outbox has statistics (right after a bulk
 * load), walks the index in order instead of sorting every due row.
 */
const SENDABLE_EARLIEST = `o.due_at > '-infinity' AND ${SENDABLE}`;

/** Rows per INSERT, well under PostgreSQL's 65 535 parameters. */
const ENQUEUE_CHUNK = 500;
/** Errors are kept for an admin to read; a platform's whole response body is not needed. */
const MAX_ERROR_LENGTH = 1000;

const byDue = (a: Row, b: Row) => a.due_at.getTime() - b.due_at.getTime() || a.seq - b.seq;
const clip = (error: string) => (error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error);

/**
 * On a key already used: `keep` ignores the new message; `reschedule` gives a pending or cancelled
 * row the new time and content (never a sent or dead one, nor one whose send has started).
 */
const ON_CONFLICT = {
  keep: 'DO NOTHING',
  reschedule: `DO UPDATE SET recipient = EXCLUDED.recipient, card = EXCLUDED.card, due_at = EXCLUDED.due_at,
    incident_id = EXCLUDED.incident_id, status = 'pending', dead_at = NULL,
    attempts = CASE WHEN outbox.status = 'cancelled' THEN 0 ELSE outbox.attempts END
    WHERE outbox.status = 'cancelled' OR (outbox.status = 'pending' AND outbox.send_started_at IS NULL)`,
} as const;

export async function enqueue(
  db: Db,
  messages: NewOutboxMessage[],
  onConflict: keyof typeof ON_CONFLICT = 'keep',
): Promise<void> {
  for (let start = 0; start < messages.length; start += ENQUEUE_CHUNK) {
    const params: unknown[] = [];
    const values = messages.slice(start, start + ENQUEUE_CHUNK).map((m) => {
      params.push(m.idempotencyKey, m.kind, json(m.recipient), json(m.card), m.dueAt, m.incidentId);
      const n = params.length;
      return `(${[5, 4, 3, 2, 1, 0].map((k) => `$${n - k}`).join(', ')})`;
    });
    await db.query(
      `INSERT INTO outbox (idempotency_key, kind, recipient, card, due_at, incident_id) VALUES ${values.join(', ')}
       ON CONFLICT (idempotency_key) ${ON_CONFLICT[onConflict]}`,
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
 * How many of the earliest sendable rows a paced claim looks at, per row it may claim. Concurrent
 * claimers see the same window and take different conversations from it (SKIP LOCKED), so it holds a
 * few batches' worth; when it is too narrow (crowded by a few conversations' rows or by paced ones),
 * the claim falls back to the whole backlog (claimDueScan).
 */
const WINDOW_PER_ROW = 8;

type ClaimRow = Row & { window_rows: number; window_ready: number };

/**
 * Leases due rows to `workerId`. With `spacingMs` > 0 at most one row per conversation, and only for
 * a conversation whose pace allows it now; its next slot moves `spacingMs` on. The pace row is
 * locked with SKIP LOCKED, so two replicas never take the same conversation in one moment, and a
 * replica that gets it after the other committed re-checks next_at and skips it.
 *
 * The paced claim starts from the earliest due rows (outbox_pending_due, a window of a few batches),
 * so its cost follows the batch, not the backlog; only when that window holds fewer than `limit`
 * conversations free to send (many rows for a few people, or paused ones) does it scan them all.
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
  if (spacingMs <= 0) {
    const rows = await db.query<Row>(
      `WITH picked AS (
         SELECT o.id FROM outbox o WHERE ${SENDABLE_EARLIEST}
         ORDER BY o.due_at, o.seq
         LIMIT $4
         FOR UPDATE OF o SKIP LOCKED)
       UPDATE outbox SET claimed_by = $2, lease_until = $3, attempts = attempts + 1
       FROM picked WHERE outbox.id = picked.id
       RETURNING outbox.*`,
      [now, workerId, leaseUntil, limit],
    );
    return rows.sort(byDue).map(toOutbox);
  }
  const window = limit * WINDOW_PER_ROW;
  const params = [now, workerId, leaseUntil, limit, new Date(now.getTime() + spacingMs), window];
  // One row is always returned (the window's counts); id is null when nothing was claimed.
  const rows = await db.query<ClaimRow>(
    `WITH cand AS MATERIALIZED (
       SELECT o.recipient_key, o.due_at, o.seq FROM outbox o WHERE ${SENDABLE_EARLIEST}
       ORDER BY o.due_at, o.seq
       LIMIT $6),
     -- The window's conversations, earliest first, as one array: unnested, it joins outbox_pace by
     -- its key (an index lookup each) whatever the planner guesses of the window's size.
     firsts AS MATERIALIZED (
       SELECT array_agg(g.recipient_key ORDER BY g.due_at, g.seq) AS keys FROM (
         SELECT c.recipient_key, min(c.due_at) AS due_at, min(c.seq) AS seq FROM cand c GROUP BY c.recipient_key) g),
     ready AS MATERIALIZED (
       SELECT p.recipient_key FROM unnest((SELECT keys FROM firsts)) WITH ORDINALITY AS f(recipient_key, n)
       JOIN outbox_pace p ON p.recipient_key = f.recipient_key
       WHERE p.next_at <= $1
       ORDER BY f.n
       LIMIT $4
       FOR UPDATE OF p SKIP LOCKED),
     picked AS MATERIALIZED (
       SELECT x.id FROM ready r CROSS JOIN LATERAL (
         SELECT o.id FROM outbox o WHERE o.recipient_key = r.recipient_key AND ${SENDABLE}
         ORDER BY o.due_at, o.seq
         LIMIT 1) x),
     paced AS (
       UPDATE outbox_pace p SET next_at = $5 FROM ready r WHERE p.recipient_key = r.recipient_key),
     claimed AS (
       UPDATE outbox SET claimed_by = $2, lease_until = $3, attempts = attempts + 1
       FROM picked WHERE outbox.id = picked.id
         AND outbox.status = 'pending' AND (outbox.lease_until IS NULL OR outbox.lease_until < $1)
       RETURNING outbox.*)
     SELECT c.*,
       (SELECT count(*) FROM cand)::int AS window_rows,
       (SELECT count(*) FROM unnest((SELECT keys FROM firsts)) AS f(recipient_key)
        JOIN outbox_pace p ON p.recipient_key = f.recipient_key WHERE p.next_at <= $1)::int AS window_ready
     FROM (SELECT 1) one LEFT JOIN claimed c ON true`,
    params,
  );
  const head = rows[0];
  const claimed = rows.filter((r) => r.id !== null);
  if (head && claimed.length < limit && head.window_rows >= window && head.window_ready < limit) {
    // The window was crowded out: look further, or those behind it would wait their turn at 1/s.
    const more = await claimDueScan(db, now, workerId, leaseUntil, limit - claimed.length, spacingMs);
    return [...claimed, ...more].sort(byDue).map(toOutbox);
  }
  return claimed.sort(byDue).map(toOutbox);
}

/** The paced claim over every sendable row: its cost follows the backlog (the fallback of claimDue). */
async function claimDueScan(
  db: Db,
  now: Date,
  workerId: string,
  leaseUntil: Date,
  limit: number,
  spacingMs: number,
): Promise<Row[]> {
  return db.query<Row>(
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
  );
}

const coalescers = new WeakMap<
  Db,
  { begin: Coalescer<[string, Date]>; sent: Coalescer<[string, string | null, Date]> }
>();

function coalesced(db: Db) {
  let c = coalescers.get(db);
  if (!c) {
    c = {
      begin: new Coalescer(db, async (d, rows) => {
        const done = await d.query<{ id: string }>(
          `UPDATE outbox o SET send_started_at = v.at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, worker, at)
           WHERE o.id = v.id AND o.claimed_by = v.worker AND o.status = 'pending'
           RETURNING o.id`,
          [rows.map((r) => r.id), rows.map((r) => r.args[0]), rows.map((r) => r.args[1])],
        );
        return new Set(done.map((r) => r.id));
      }),
      sent: new Coalescer(db, async (d, rows) => {
        const done = await d.query<{ id: string }>(
          `UPDATE outbox o SET status = 'sent', platform_message_id = v.pid, sent_at = v.at, lease_until = NULL
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS v(id, worker, pid, at)
           WHERE o.id = v.id AND o.claimed_by = v.worker AND o.status = 'pending'
           RETURNING o.id`,
          [rows.map((r) => r.id), rows.map((r) => r.args[0]), rows.map((r) => r.args[1]), rows.map((r) => r.args[2])],
        );
        return new Set(done.map((r) => r.id));
      }),
    };
    coalescers.set(db, c);
  }
  return c;
}

/**
 * Records, before the platform call, that a send is starting; false when the lease was lost.
 * Committed before it resolves (with the other rows whose sends start in the same round), so a
 * worker that dies during the call leaves the row marked "in doubt".
 */
export async function beginSend(db: Db, id: string, workerId: string, at: Date): Promise<boolean> {
  if (!isUuid(id)) return false;
  return coalesced(db).begin.run(id.toLowerCase(), [workerId, at]);
}

/** No message to this conversation before `until` (a 429's Retry-After); others are not held up. */
export async function pauseRecipient(db: Db, recipient: Recipient, until: Date): Promise<void> {
  await db.query(
    `INSERT INTO outbox_pace (recipient_key, next_at) VALUES ($1, $2)
     ON CONFLICT (recipient_key) DO UPDATE SET next_at = GREATEST(outbox_pace.next_at, EXCLUDED.next_at)`,
    [recipientKey(recipient), until],
  );
}

/** Marks sent (in one statement with the other rows answered in the same round). */
export async function markSent(
  db: Db,
  id: string,
  workerId: string,
  platformMessageId: string | null,
  at: Date,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  return coalesced(db).sent.run(id.toLowerCase(), [workerId, platformMessageId, at]);
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

/** Pending rows nextDue looks at, earliest due first. */
const NEXT_DUE_WINDOW = 1000;

/**
 * When a pending message next needs a worker: its due time, the end of its lease while one holds
 * it, or its conversation's next slot, whichever is last. Looks at the earliest due rows only
 * (outbox_pending_due): every row after them is due no sooner than the last of them, so the answer is
 * never later than the true one (at worst a wake-up finds nothing yet).
 */
export async function nextDue(db: Db): Promise<Date | null> {
  const [row] = await db.query<{ next: Date | null }>(
    `SELECT CASE WHEN count(*) < $1 THEN min(GREATEST(o.due_at, o.lease_until, p.next_at))
                 ELSE LEAST(min(GREATEST(o.due_at, o.lease_until, p.next_at)), max(o.due_at)) END AS next
     FROM (SELECT recipient_key, due_at, lease_until FROM outbox
           WHERE status = 'pending' AND due_at > '-infinity' AND due_at < 'infinity'
           ORDER BY due_at, seq LIMIT $1) o
     LEFT JOIN outbox_pace p USING (recipient_key)`,
    [NEXT_DUE_WINDOW],
  );
  return row?.next ?? null;
}
