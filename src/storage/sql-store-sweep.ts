// The sweep's SQL (the dispatcher runs it before claiming): check-in messages too late to send,
// follow-up messages that can no longer help, and who gets a weekly peer-supporter summary.
import type { ChannelId } from '../domain/turn.ts';
import type { CheckinRecord, WorkProfileRecord } from '../ports/store.ts';
import type { ActivePeerSupporter, StaleCheckin, SupportedPerson } from '../ports/store-sweep.ts';
import type { Db } from './db.ts';
import { type CheckinRow, toCheckin } from './sql-store-followup.ts';
import { isUuid } from './sql-store-rows.ts';

/**
 * The check-in an outbox row of `o` belongs to: its key is `checkin:<id>`, `checkin:<id>:<suffix>`
 * (a reminder, a re-sent check-in). NULL for any other key, so the cast never fails.
 */
const CHECKIN_OF = `substring(o.idempotency_key from
  '^checkin:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})')::uuid`;
/** A row no worker holds at the time in `param` (a claimed row may be mid-send). */
const unleased = (param: string) => `(o.lease_until IS NULL OR o.lease_until < ${param})`;

export async function listStaleCheckins(db: Db, cutoff: Date, now: Date, limit: number): Promise<StaleCheckin[]> {
  const rows = await db.query<CheckinRow & { outbox_id: string; outbox_due_at: Date }>(
    `SELECT c.*, o.id AS outbox_id, o.due_at AS outbox_due_at
     FROM outbox o
     JOIN checkins c ON c.id = ${CHECKIN_OF}
     JOIN incidents i ON i.id = c.incident_id
     WHERE o.status = 'pending' AND o.kind = 'checkin' AND o.due_at < $1 AND ${unleased('$2')}
       AND c.status = 'planned' AND i.status = 'open'
     ORDER BY o.due_at, o.seq
     LIMIT $3`,
    [cutoff, now, limit],
  );
  return rows.map((r) => ({ checkin: toCheckin(r), outboxId: r.outbox_id, outboxDueAt: r.outbox_due_at }));
}

export async function moveStaleCheckin(
  db: Db,
  checkinId: string,
  outboxId: string,
  to: Date,
  cutoff: Date,
  now: Date,
): Promise<CheckinRecord | null> {
  if (!isUuid(checkinId) || !isUuid(outboxId)) return null;
  // The message row is locked first (SKIP LOCKED: a replica moving it now wins, this one moves on);
  // both rows move together or neither. An in-doubt mark (send_started_at) stays: the claim at the
  // new time still asks the platform before sending again.
  const rows = await db.query<CheckinRow>(
    `WITH m AS (
       SELECT o.id FROM outbox o
       WHERE o.id = $2 AND o.status = 'pending' AND o.kind = 'checkin' AND o.due_at < $4 AND ${unleased('$5')}
       FOR UPDATE SKIP LOCKED),
     c AS (
       UPDATE checkins SET due_at = $3 WHERE id = $1 AND status = 'planned' AND EXISTS (SELECT 1 FROM m)
       RETURNING *),
     moved AS (
       UPDATE outbox SET due_at = $3 WHERE id IN (SELECT id FROM m) AND EXISTS (SELECT 1 FROM c))
     SELECT * FROM c`,
    [checkinId, outboxId, to, cutoff, now],
  );
  return rows[0] ? toCheckin(rows[0]) : null;
}

export async function cancelPastFollowupMessages(db: Db, cutoff: Date, now: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE outbox o SET status = 'cancelled', dead_at = $2
     WHERE o.status = 'pending' AND o.due_at <= $2 AND ${unleased('$2')} AND (
       (o.kind = 'checkin' AND o.due_at < $1 AND NOT EXISTS (
          SELECT 1 FROM checkins c JOIN incidents i ON i.id = c.incident_id
          WHERE c.id = ${CHECKIN_OF} AND c.status = 'planned' AND i.status = 'open'))
       OR (o.kind = 'checkin.peerReminder' AND o.send_started_at IS NULL AND NOT EXISTS (
          SELECT 1 FROM checkins c WHERE c.id = ${CHECKIN_OF} AND c.status = 'planned' AND c.due_at > $2)))
     RETURNING o.id`,
    [cutoff, now],
  );
  return rows.length;
}

/** The accepted peer supporter of each open case, as acceptedPeer() reads it (followup-plan.ts). */
const ACCEPTED = `s.step = 'peerSupport' AND s.data ->> 'supporterStatus' = 'accepted'
  AND s.data ->> 'supporter' IS NOT NULL AND i.status = 'open'`;

export async function listActivePeerSupporters(db: Db, now: Date): Promise<ActivePeerSupporter[]> {
  const rows = await db.query<{
    channel: ChannelId;
    user_id: string;
    time_zone: string | null;
    work_profile: WorkProfileRecord | null;
  }>(
    `SELECT p.channel, p.user_id, u.time_zone, u.work_profile
     FROM (SELECT DISTINCT i.channel, s.data ->> 'supporter' AS user_id
           FROM incident_steps s JOIN incidents i ON i.id = s.incident_id
           WHERE ${ACCEPTED} AND EXISTS (
             SELECT 1 FROM checkins c WHERE c.incident_id = i.id AND c.status = 'planned' AND c.due_at >= $1
               AND c.user_id <> s.data ->> 'supporter')) p
     LEFT JOIN users u ON u.channel = p.channel AND u.user_id = p.user_id
     ORDER BY p.channel, p.user_id`,
    [now],
  );
  return rows.map((r) => ({
    channel: r.channel,
    userId: r.user_id,
    timeZone: r.time_zone,
    workProfile: r.work_profile,
  }));
}

export async function listSupportedPeople(
  db: Db,
  channel: ChannelId,
  peerId: string,
  now: Date,
): Promise<SupportedPerson[]> {
  const rows = await db.query<{
    incident_id: string;
    ref: string;
    user_id: string;
    display_name: string | null;
    next_at: Date;
  }>(
    `SELECT i.id AS incident_id, i.ref, c.user_id, u.display_name, min(c.due_at) AS next_at
     FROM incident_steps s
     JOIN incidents i ON i.id = s.incident_id
     JOIN checkins c ON c.incident_id = i.id AND c.status = 'planned' AND c.due_at >= $3 AND c.user_id <> $2
     LEFT JOIN users u ON u.channel = c.channel AND u.user_id = c.user_id
     WHERE ${ACCEPTED} AND i.channel = $1 AND s.data ->> 'supporter' = $2
     GROUP BY i.id, i.ref, c.user_id, u.display_name
     ORDER BY next_at, i.ref, c.user_id`,
    [channel, peerId, now],
  );
  return rows.map((r) => ({
    incidentId: r.incident_id,
    ref: r.ref,
    userId: r.user_id,
    displayName: r.display_name,
    nextCheckinAt: r.next_at,
  }));
}

export async function existingOutboxKeys(db: Db, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<{ idempotency_key: string }>(
    'SELECT idempotency_key FROM outbox WHERE idempotency_key = ANY($1::text[])',
    [keys],
  );
  return rows.map((r) => r.idempotency_key);
}
