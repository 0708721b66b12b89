// One person's data (issue 9, GDPR): what `ivareta data export` prints and what `data erase` removes.
// Erasure keeps other people's cases whole: where the person appears in one, they become
// `erased-<hash>`, the same throughout that incident (so its history still reads), different in
// each incident and not traceable back (the salt is random and forgotten).
import { randomBytes } from 'node:crypto';
import type { ChannelId } from '../domain/turn.ts';
import type { ParticipantRole, WorkProfileRecord } from '../ports/store.ts';
import type { ErasureCounts, PersonData } from '../ports/store-privacy.ts';
import type { Db } from './db.ts';
import { count } from './sql-store-retention.ts';
import { toUser, type UserRow } from './sql-store-rows.ts';

/** The card left in a message whose content was erased: valid for every reader, says nothing. */
const ERASED_CARD = JSON.stringify({ id: 'erased', fallbackText: '', body: [] });

export async function exportPerson(db: Db, channel: ChannelId, userId: string): Promise<PersonData> {
  const who = [channel, userId];
  const [user] = await db.query<UserRow & { work_profile: WorkProfileRecord | null }>(
    'SELECT * FROM users WHERE channel = $1 AND user_id = $2',
    who,
  );
  const incidents = await db.query<{
    id: string;
    ref: string;
    roles: ParticipantRole[] | null;
    summary: string;
    category: string;
    status: string;
    occurred_at: Date;
    created_at: Date;
    closed_at: Date | null;
  }>(
    `SELECT i.id, i.ref, i.summary, i.category, i.status, i.occurred_at, i.created_at, i.closed_at,
       (SELECT array_agg(p.role ORDER BY p.role) FROM participants p
        WHERE p.incident_id = i.id AND p.channel = $1 AND p.user_id = $2) AS roles
     FROM incidents i
     WHERE i.channel = $1 AND (i.reporter_id = $2 OR EXISTS (
       SELECT 1 FROM participants p WHERE p.incident_id = i.id AND p.channel = $1 AND p.user_id = $2))
     ORDER BY i.created_at, i.ref`,
    who,
  );
  const steps = await db.query<{
    incident_id: string;
    step: string;
    state: string;
    due_at: Date | null;
    owner: boolean;
  }>(
    `SELECT s.incident_id, s.step, s.state, s.due_at, s.owner_id IS NOT DISTINCT FROM $2 AS owner
     FROM incident_steps s JOIN incidents i ON i.id = s.incident_id
     WHERE i.channel = $1 AND (s.owner_id = $2 OR s.updated_by = $2)
     ORDER BY s.incident_id, s.step`,
    who,
  );
  const plans = await db.query<{
    incident_id: string;
    tell_manager: boolean | null;
    stopped_at: Date | null;
    created_at: Date;
  }>(
    `SELECT incident_id, tell_manager, stopped_at, created_at FROM followup_plans
     WHERE channel = $1 AND user_id = $2 ORDER BY created_at`,
    who,
  );
  const checkins = await db.query<{
    incident_id: string;
    seq: number;
    due_at: Date;
    status: string;
    score: number | null;
    wants_talk: boolean | null;
    answered_at: Date | null;
  }>(
    `SELECT incident_id, seq, due_at, status, score, wants_talk, answered_at FROM checkins
     WHERE channel = $1 AND user_id = $2 ORDER BY incident_id, seq`,
    who,
  );
  const audit = await db.query<{
    at: Date;
    action: string;
    incident_id: string | null;
    detail: Record<string, unknown> | null;
  }>(
    `SELECT at, action, incident_id, detail FROM audit WHERE actor_channel = $1 AND actor_id = $2 ORDER BY at, id`,
    who,
  );
  const pending = await db.query<{ kind: string; due_at: Date }>(
    `SELECT kind, due_at FROM outbox WHERE recipient_key = $1 || ':' || $2 AND status = 'pending' ORDER BY due_at, seq`,
    who,
  );
  return {
    channel,
    profile: user ? toUser(user) : null,
    workProfile: user?.work_profile ?? null,
    incidents: incidents.map((r) => ({
      id: r.id,
      ref: r.ref,
      roles: r.roles ?? ['reporter'],
      summary: r.summary,
      category: r.category,
      status: r.status,
      occurredAt: r.occurred_at,
      createdAt: r.created_at,
      closedAt: r.closed_at,
    })),
    steps: steps.map((r) => ({
      incidentId: r.incident_id,
      step: r.step,
      state: r.state,
      dueAt: r.due_at,
      owner: r.owner,
    })),
    followupPlans: plans.map((r) => ({
      incidentId: r.incident_id,
      tellManager: r.tell_manager,
      stoppedAt: r.stopped_at,
      createdAt: r.created_at,
    })),
    checkins: checkins.map((r) => ({
      incidentId: r.incident_id,
      seq: r.seq,
      dueAt: r.due_at,
      status: r.status,
      score: r.score,
      wantsTalk: r.wants_talk,
      answeredAt: r.answered_at,
    })),
    audit: audit.map((r) => ({ at: r.at, action: r.action, incidentId: r.incident_id, detail: r.detail })),
    pendingMessages: pending.map((r) => ({ kind: r.kind, dueAt: r.due_at })),
  };
}

/** Erases one person on one channel; the caller runs it in a transaction with the erasure's audit entry. */
export async function erasePerson(db: Db, channel: ChannelId, userId: string, at: Date): Promise<ErasureCounts> {
  const salt = randomBytes(16).toString('hex');
  // $1 channel, $2 user id, $3 salt. `pseud(col)`: the pseudonym in the incident named by `col`.
  const pseud = (incidentCol: string) => `('erased-' || left(md5($3 || ${incidentCol}::text), 8))`;
  const swap = (col: string, inc: string) => `CASE WHEN ${col} = $2 THEN ${pseud(inc)} ELSE ${col} END`;
  // Their id as a JSON string inside a jsonb value (a step's answers, an audit detail).
  const quoted = 'to_json($2::text)::text';
  const params = [channel, userId, salt];

  const participants = await count(
    db,
    `UPDATE participants SET user_id = ${pseud('incident_id')} WHERE channel = $1 AND user_id = $2`,
    params,
  );
  const reportedIncidents = await count(
    db,
    `UPDATE incidents SET reporter_id = ${pseud('id')} WHERE channel = $1 AND reporter_id = $2`,
    params,
  );
  const steps = await count(
    db,
    `UPDATE incident_steps s SET owner_id = ${swap('s.owner_id', 's.incident_id')},
       updated_by = ${swap('s.updated_by', 's.incident_id')},
       data = replace(s.data::text, ${quoted}, to_json(${pseud('s.incident_id')})::text)::jsonb
     FROM incidents i
     WHERE i.id = s.incident_id AND i.channel = $1
       AND (s.owner_id = $2 OR s.updated_by = $2 OR strpos(s.data::text, ${quoted}) > 0)`,
    params,
  );
  const schedules = await count(
    db,
    `UPDATE step_schedules s SET owner_id = ${swap('s.owner_id', 's.incident_id')},
       handover_to = ${swap('s.handover_to', 's.incident_id')}, acked_by = ${swap('s.acked_by', 's.incident_id')}
     FROM incidents i
     WHERE i.id = s.incident_id AND i.channel = $1 AND $2 IN (s.owner_id, s.handover_to, s.acked_by)`,
    params,
  );
  const followupPlans = await count(db, 'DELETE FROM followup_plans WHERE channel = $1 AND user_id = $2', [
    channel,
    userId,
  ]);
  const checkins = await count(db, 'DELETE FROM checkins WHERE channel = $1 AND user_id = $2', [channel, userId]);
  const key = `${channel}:${userId}`;
  const outboxCancelled = await count(
    db,
    `UPDATE outbox SET status = 'cancelled', dead_at = $2 WHERE recipient_key = $1 AND status = 'pending'`,
    [key, at],
  );
  // Kept as rows (an admin sees that something was sent), without the content or the address.
  const outboxCleared = await count(
    db,
    `UPDATE outbox SET card = $2::jsonb, last_error = NULL,
       recipient = jsonb_build_object('channel', $3::text, 'userId', 'erased')
     WHERE recipient_key = $1`,
    [key, ERASED_CARD, channel],
  );
  await db.query('DELETE FROM outbox_pace WHERE recipient_key = $1', [key]);
  const outboxRenamed = await renameInOthersMessages(db, channel, userId, key, salt);
  const auditRows = await count(
    db,
    `UPDATE audit SET
       actor_id = CASE WHEN actor_channel = $1 AND actor_id = $2
         THEN coalesce(${pseud('incident_id')}, 'erased') ELSE actor_id END,
       detail = CASE WHEN strpos(detail::text, ${quoted}) > 0
         THEN replace(detail::text, ${quoted}, '"erased"')::jsonb ELSE detail END
     WHERE (actor_channel = $1 AND actor_id = $2) OR strpos(detail::text, ${quoted}) > 0`,
    params,
  );
  const users = await count(db, 'DELETE FROM users WHERE channel = $1 AND user_id = $2', [channel, userId]);
  return {
    users,
    participants,
    reportedIncidents,
    steps,
    schedules,
    followupPlans,
    checkins,
    outboxCancelled,
    outboxRenamed,
    outboxCleared,
    auditRows,
  };
}

/**
 * Messages to other people (a manager's notice, a peer request, a reminder) name the person in their
 * text and carry their id in button data: both become the incident's pseudonym, as in the case itself,
 * so a queued message still goes out and still makes sense, and a sent one kept for the record tells
 * nobody who it was. The name is matched as whole words, so a short name never eats into other words.
 */
async function renameInOthersMessages(
  db: Db,
  channel: ChannelId,
  userId: string,
  key: string,
  salt: string,
): Promise<number> {
  const [user] = await db.query<{ display_name: string | null }>(
    'SELECT display_name FROM users WHERE channel = $1 AND user_id = $2',
    [channel, userId],
  );
  const name = user?.display_name?.trim();
  // As it is written inside the card's JSON text, then as a regular expression (\m, \M: word bounds).
  const namePattern = name ? `\\m${escapeRegExp(JSON.stringify(name).slice(1, -1))}\\M` : null;
  const pseud = `('erased-' || left(md5($3 || o.incident_id::text), 8))`;
  const card = `replace(o.card::text, to_json($2::text)::text, to_json(coalesce(${pseud}, 'erased'))::text)`;
  return count(
    db,
    `UPDATE outbox o SET card = (CASE WHEN $4::text IS NULL THEN ${card}
         ELSE regexp_replace(${card}, $4::text, coalesce(${pseud}, 'erased'), 'g') END)::jsonb
     WHERE o.recipient_key <> $5 AND o.recipient_key LIKE $1 || ':%'
       AND (strpos(o.card::text, to_json($2::text)::text) > 0 OR ($4::text IS NOT NULL AND o.card::text ~ $4::text))`,
    [channel, userId, salt, namePattern, key],
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
