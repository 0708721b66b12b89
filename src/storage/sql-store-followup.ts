// The follow-up plan's queries: plans, check-ins, and moving or cancelling a check-in's outbox rows
// (a check-in and its reminder to the peer supporter are outbox messages keyed by the check-in).
import type { ChannelId } from '../domain/turn.ts';
import type { CheckinRecord, CheckinStatus, FollowupPlanRecord, WorkProfileRecord } from '../ports/store.ts';
import type { Db } from './db.ts';
import { isUuid } from './sql-store-rows.ts';
import { setUserColumn } from './sql-store-users.ts';

interface PlanRow {
  incident_id: string;
  channel: ChannelId;
  user_id: string;
  tell_manager: boolean | null;
  stopped_at: Date | null;
  created_at: Date;
}

export interface CheckinRow {
  id: string;
  incident_id: string;
  channel: ChannelId;
  user_id: string;
  seq: number;
  due_at: Date;
  status: CheckinStatus;
  score: number | null;
  wants_talk: boolean | null;
  answered_at: Date | null;
}

const toPlan = (r: PlanRow): FollowupPlanRecord => ({
  incidentId: r.incident_id,
  channel: r.channel,
  userId: r.user_id,
  tellManager: r.tell_manager,
  stoppedAt: r.stopped_at,
  createdAt: r.created_at,
});

export const toCheckin = (r: CheckinRow): CheckinRecord => ({
  id: r.id,
  incidentId: r.incident_id,
  channel: r.channel,
  userId: r.user_id,
  seq: r.seq,
  dueAt: r.due_at,
  status: r.status,
  score: r.score,
  wantsTalk: r.wants_talk,
  answeredAt: r.answered_at,
});

/** Creates the plan with its check-ins; a plan that exists already is returned as it is. */
export async function createPlan(
  db: Db,
  plan: { incidentId: string; channel: ChannelId; userId: string; createdAt: Date },
  dueTimes: Date[],
): Promise<{ plan: FollowupPlanRecord; checkins: CheckinRecord[]; created: boolean }> {
  const [inserted] = await db.query<PlanRow>(
    `INSERT INTO followup_plans (incident_id, channel, user_id, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING *`,
    [plan.incidentId, plan.channel, plan.userId, plan.createdAt],
  );
  if (inserted && dueTimes.length > 0) {
    await db.query(
      `INSERT INTO checkins (incident_id, channel, user_id, seq, due_at)
       SELECT $1, $2, $3, s.seq, s.due FROM unnest($4::int[], $5::timestamptz[]) AS s(seq, due)`,
      [plan.incidentId, plan.channel, plan.userId, dueTimes.map((_, i) => i + 1), dueTimes],
    );
  }
  const current = inserted ?? (await getPlanRow(db, plan.incidentId, plan.userId));
  return {
    plan: toPlan(current!),
    checkins: await listPlanCheckins(db, plan.incidentId, plan.userId),
    created: !!inserted,
  };
}

async function getPlanRow(db: Db, incidentId: string, userId: string): Promise<PlanRow | undefined> {
  const [row] = await db.query<PlanRow>('SELECT * FROM followup_plans WHERE incident_id = $1 AND user_id = $2', [
    incidentId,
    userId,
  ]);
  return row;
}

export async function getPlan(db: Db, incidentId: string, userId: string): Promise<FollowupPlanRecord | null> {
  if (!isUuid(incidentId)) return null;
  const row = await getPlanRow(db, incidentId, userId);
  return row ? toPlan(row) : null;
}

export async function setTellManager(db: Db, incidentId: string, userId: string, tell: boolean): Promise<void> {
  if (!isUuid(incidentId)) return;
  await db.query('UPDATE followup_plans SET tell_manager = $3 WHERE incident_id = $1 AND user_id = $2', [
    incidentId,
    userId,
    tell,
  ]);
}

export async function listPlanCheckins(db: Db, incidentId: string, userId: string): Promise<CheckinRecord[]> {
  if (!isUuid(incidentId)) return [];
  const rows = await db.query<CheckinRow>(
    'SELECT * FROM checkins WHERE incident_id = $1 AND user_id = $2 ORDER BY seq',
    [incidentId, userId],
  );
  return rows.map(toCheckin);
}

/** A person's planned check-ins in open cases, soonest first. */
export async function listUpcomingCheckins(db: Db, channel: ChannelId, userId: string): Promise<CheckinRecord[]> {
  const rows = await db.query<CheckinRow>(
    `SELECT c.* FROM checkins c JOIN incidents i ON i.id = c.incident_id
     WHERE c.channel = $1 AND c.user_id = $2 AND c.status = 'planned' AND i.status = 'open'
     ORDER BY c.due_at, c.seq`,
    [channel, userId],
  );
  return rows.map(toCheckin);
}

export async function getCheckin(db: Db, id: string): Promise<CheckinRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<CheckinRow>('SELECT * FROM checkins WHERE id = $1', [id]);
  return row ? toCheckin(row) : null;
}

/** Records an answer to a planned (or just answered) check-in; null when it was skipped or cancelled. */
export async function answerCheckin(
  db: Db,
  id: string,
  answer: { score?: number; wantsTalk?: boolean },
  at: Date,
): Promise<CheckinRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<CheckinRow>(
    `UPDATE checkins SET status = 'answered', answered_at = $4,
       score = COALESCE($2, score), wants_talk = COALESCE($3, wants_talk)
     WHERE id = $1 AND status IN ('planned', 'answered') RETURNING *`,
    [id, answer.score ?? null, answer.wantsTalk ?? null, at],
  );
  return row ? toCheckin(row) : null;
}

/** Sets a planned check-in's status or due time; null when it is no longer planned. */
export async function updatePlannedCheckin(
  db: Db,
  id: string,
  change: { status?: CheckinStatus; dueAt?: Date },
): Promise<CheckinRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<CheckinRow>(
    `UPDATE checkins SET status = COALESCE($2, status), due_at = COALESCE($3, due_at)
     WHERE id = $1 AND status = 'planned' RETURNING *`,
    [id, change.status ?? null, change.dueAt ?? null],
  );
  return row ? toCheckin(row) : null;
}

/** Stops a plan: its planned check-ins are cancelled; returns them. */
export async function stopPlan(db: Db, incidentId: string, userId: string, at: Date): Promise<CheckinRecord[]> {
  if (!isUuid(incidentId)) return [];
  await db.query(
    'UPDATE followup_plans SET stopped_at = COALESCE(stopped_at, $3) WHERE incident_id = $1 AND user_id = $2',
    [incidentId, userId, at],
  );
  const rows = await db.query<CheckinRow>(
    `UPDATE checkins SET status = 'cancelled' WHERE incident_id = $1 AND user_id = $2 AND status = 'planned' RETURNING *`,
    [incidentId, userId],
  );
  return rows.map(toCheckin);
}

/** Earlier answered check-ins of the plan, newest first (for "two low answers in a row"). */
export async function recentAnswers(
  db: Db,
  incidentId: string,
  userId: string,
  limit: number,
): Promise<CheckinRecord[]> {
  if (!isUuid(incidentId)) return [];
  const rows = await db.query<CheckinRow>(
    `SELECT * FROM checkins WHERE incident_id = $1 AND user_id = $2 AND status = 'answered' AND score IS NOT NULL
     ORDER BY answered_at DESC, seq DESC LIMIT $3`,
    [incidentId, userId, limit],
  );
  return rows.map(toCheckin);
}

/** Moves pending outbox messages by idempotency key; returns how many moved. */
export async function moveOutbox(db: Db, keys: string[], dueAt: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.query(
    `UPDATE outbox SET due_at = $2 WHERE idempotency_key = ANY($1::text[]) AND status = 'pending' RETURNING id`,
    [keys, dueAt],
  );
  return rows.length;
}

/** Cancels pending outbox messages by idempotency key; returns how many. */
export async function cancelOutbox(db: Db, keys: string[], at: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.query(
    `UPDATE outbox SET status = 'cancelled', dead_at = $2 WHERE idempotency_key = ANY($1::text[]) AND status = 'pending'
     RETURNING id`,
    [keys, at],
  );
  return rows.length;
}

export async function getWorkProfile(db: Db, channel: ChannelId, userId: string): Promise<WorkProfileRecord | null> {
  const [row] = await db.query<{ work_profile: WorkProfileRecord | null }>(
    'SELECT work_profile FROM users WHERE channel = $1 AND user_id = $2',
    [channel, userId],
  );
  return row?.work_profile ?? null;
}

export function setWorkProfile(
  db: Db,
  channel: ChannelId,
  userId: string,
  profile: WorkProfileRecord | null,
  at: Date,
): Promise<void> {
  return setUserColumn(db, 'work_profile', channel, userId, profile === null ? null : JSON.stringify(profile), at);
}
