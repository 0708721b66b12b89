// The retention job's SQL (issue 9): closed incidents past the retention period deleted or anonymised
// once, under SKIP LOCKED so replicas sweeping together share the work; and what outlived the period
// outside incidents. Every statement is guarded by its WHERE, so running it twice changes nothing.
import { randomBytes } from 'node:crypto';
import type { PurgeCounts, RetentionCounts, RetentionMode } from '../ports/store-privacy.ts';
import type { Db } from './db.ts';

/** Audit detail keys whose string values are kinds (step ids, states, reasons), never ids. */
export const AUDIT_KIND_KEYS = ['step', 'state', 'reason', 'attempted', 'kind', 'role'];

/** An audit row's detail with ids stripped: numbers, booleans and the kind keys ($2) only. */
export const STRIPPED_DETAIL = `(SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(audit.detail) e
  WHERE jsonb_typeof(e.value) IN ('number', 'boolean') OR e.key = ANY($2::text[]))`;

/** Runs a data-changing statement with `RETURNING 1` and counts the rows it touched. */
export async function count(db: Db, sql: string, params: readonly unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `WITH x AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM x`,
    params,
  );
  return row?.n ?? 0;
}

export function expireIncidents(
  db: Db,
  cutoff: Date,
  mode: RetentionMode,
  now: Date,
  limit: number,
): Promise<RetentionCounts> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM incidents WHERE status = 'closed' AND closed_at < $1 AND anonymised_at IS NULL
       ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return { incidents: 0, auditRows: 0, outboxRows: 0 };
    // The audit stays (who did what, when), without the person: system actors keep their name.
    const auditRows = await count(
      tx,
      `UPDATE audit SET actor_id = CASE WHEN actor_channel = 'system' THEN actor_id ELSE 'erased' END,
         detail = ${STRIPPED_DETAIL}
       WHERE incident_id = ANY($1::uuid[])`,
      [ids, AUDIT_KIND_KEYS],
    );
    const outboxRows = await count(tx, 'DELETE FROM outbox WHERE incident_id = ANY($1::uuid[])', [ids]);
    if (mode === 'delete') await tx.query('DELETE FROM incidents WHERE id = ANY($1::uuid[])', [ids]);
    else await anonymise(tx, ids, now);
    return { incidents: ids.length, auditRows, outboxRows };
  });
}

/**
 * Keeps the incidents' shape for statistics (category, dates, step states, how many people and
 * check-ins) and removes what names or describes anyone. A person becomes `anon-<hash>`, the same
 * within one incident; the salt is random and forgotten, so the pseudonym cannot be traced back.
 */
async function anonymise(tx: Db, ids: string[], now: Date): Promise<void> {
  const salt = randomBytes(16).toString('hex');
  const p = (col: string) => `('anon-' || left(md5($2 || incident_id::text || ':' || ${col}), 10))`;
  const params = [ids, salt];
  await tx.query(
    `UPDATE incidents SET summary = '', submission_key = NULL, anonymised_at = $3,
       reporter_id = ('anon-' || left(md5($2 || id::text || ':' || reporter_id), 10))
     WHERE id = ANY($1::uuid[])`,
    [...params, now],
  );
  const where = 'WHERE incident_id = ANY($1::uuid[])';
  await tx.query(`UPDATE participants SET user_id = ${p('user_id')} ${where}`, params);
  await tx.query(
    `UPDATE incident_steps SET data = '{}'::jsonb, owner_id = ${p('owner_id')}, updated_by = ${p('updated_by')} ${where}`,
    params,
  );
  await tx.query(
    `UPDATE step_schedules SET owner_id = ${p('owner_id')}, handover_to = ${p('handover_to')},
       acked_by = ${p('acked_by')} ${where}`,
    params,
  );
  await tx.query(`UPDATE followup_plans SET user_id = ${p('user_id')} ${where}`, params);
  await tx.query(`UPDATE checkins SET user_id = ${p('user_id')}, score = NULL, wants_talk = NULL ${where}`, params);
}

export async function purgeExpired(db: Db, cutoff: Date): Promise<PurgeCounts> {
  // A user still named anywhere live keeps their row: the bot needs it to reach them.
  const users = await count(
    db,
    `DELETE FROM users u WHERE u.updated_at < $1
       AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.channel = u.channel AND p.user_id = u.user_id)
       AND NOT EXISTS (SELECT 1 FROM followup_plans f WHERE f.channel = u.channel AND f.user_id = u.user_id)
       AND NOT EXISTS (SELECT 1 FROM incidents i
         WHERE i.channel = u.channel AND i.reporter_id = u.user_id AND i.anonymised_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM step_schedules s JOIN incidents i ON i.id = s.incident_id
         WHERE i.channel = u.channel AND u.user_id IN (s.owner_id, s.handover_to))
       AND NOT EXISTS (SELECT 1 FROM outbox o
         WHERE o.recipient_key = u.channel || ':' || u.user_id AND o.status = 'pending')`,
    [cutoff],
  );
  const auditRows = await count(
    db,
    `UPDATE audit SET actor_id = 'erased', detail = ${STRIPPED_DETAIL}
     WHERE incident_id IS NULL AND at < $1 AND actor_channel <> 'system' AND actor_id <> 'erased'`,
    [cutoff, AUDIT_KIND_KEYS],
  );
  const outboxRows = await count(
    db,
    `DELETE FROM outbox WHERE incident_id IS NULL AND status IN ('sent', 'dead', 'cancelled') AND created_at < $1`,
    [cutoff],
  );
  // A conversation's pace row names the person; it goes with their last message.
  await db.query(
    `DELETE FROM outbox_pace p WHERE p.next_at < $1
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.recipient_key = p.recipient_key)`,
    [cutoff],
  );
  // An enqueue racing that delete may have lost its pace row (paced claims need one): put it back.
  await db.query(
    `INSERT INTO outbox_pace (recipient_key)
     SELECT DISTINCT recipient_key FROM outbox WHERE status = 'pending' ON CONFLICT DO NOTHING`,
  );
  const questions = await count(db, 'DELETE FROM qa_questions WHERE at < $1', [cutoff]);
  return { users, auditRows, outboxRows, questions };
}
