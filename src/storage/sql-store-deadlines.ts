// Manager deadlines (issue 8): a step's reminder/escalation schedule, acknowledging an escalation
// once, and what a manager has waiting. Kept apart from sql-store.ts to keep it small.
import type { StepId } from '../domain/pathway.ts';
import type { ChannelId } from '../domain/turn.ts';
import type { IncidentRecord, StepRecord } from '../ports/store.ts';
import type { StepSchedule, WaitingEscalation } from '../ports/store-deadlines.ts';
import type { Db } from './db.ts';
import { type IncidentRow, isUuid, toIncident } from './sql-store-rows.ts';

interface ScheduleRow {
  incident_id: string;
  step: StepId;
  gen: string;
  owner_id: string | null;
  due_at: Date;
  handover_to: string | null;
  acked_by: string | null;
  acked_level: number | null;
  acked_at: Date | null;
}

const toSchedule = (r: ScheduleRow): StepSchedule => ({
  incidentId: r.incident_id,
  step: r.step,
  gen: r.gen,
  ownerId: r.owner_id,
  dueAt: r.due_at,
  handoverTo: r.handover_to,
  ackedBy: r.acked_by,
  ackedLevel: r.acked_level,
  ackedAt: r.acked_at,
});

/** The step's schedule from now on: a new generation, nobody asked to take over, nothing acknowledged. */
export async function setStepSchedule(
  db: Db,
  s: { incidentId: string; step: StepId; gen: string; ownerId: string | null; dueAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO step_schedules (incident_id, step, gen, owner_id, due_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (incident_id, step) DO UPDATE SET gen = EXCLUDED.gen, owner_id = EXCLUDED.owner_id,
       due_at = EXCLUDED.due_at, handover_to = NULL, acked_by = NULL, acked_level = NULL, acked_at = NULL`,
    [s.incidentId, s.step, s.gen, s.ownerId, s.dueAt],
  );
}

export async function getStepSchedule(db: Db, incidentId: string, step: StepId): Promise<StepSchedule | null> {
  if (!isUuid(incidentId)) return null;
  const [row] = await db.query<ScheduleRow>('SELECT * FROM step_schedules WHERE incident_id = $1 AND step = $2', [
    incidentId,
    step,
  ]);
  return row ? toSchedule(row) : null;
}

/** Asks someone to take the step over (null: withdraw); false when the generation moved on. */
export async function setHandover(
  db: Db,
  incidentId: string,
  step: StepId,
  gen: string,
  to: string | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE step_schedules SET handover_to = $4 WHERE incident_id = $1 AND step = $2 AND gen = $3 RETURNING gen`,
    [incidentId, step, gen, to],
  );
  return rows.length > 0;
}

/** The first acknowledgement of a chain wins; null for a later one or an old generation. */
export async function ackEscalation(
  db: Db,
  a: { incidentId: string; step: StepId; gen: string; by: string; level: number; at: Date },
): Promise<StepSchedule | null> {
  if (!isUuid(a.incidentId)) return null;
  const [row] = await db.query<ScheduleRow>(
    `UPDATE step_schedules SET acked_by = $4, acked_level = $5, acked_at = $6
     WHERE incident_id = $1 AND step = $2 AND gen = $3 AND acked_at IS NULL RETURNING *`,
    [a.incidentId, a.step, a.gen, a.by, a.level, a.at],
  );
  return row ? toSchedule(row) : null;
}

/** Cancels an incident's pending messages whose key starts with `prefix`; returns how many. */
export async function cancelOutboxByPrefix(db: Db, incidentId: string, prefix: string, at: Date): Promise<number> {
  if (!isUuid(incidentId)) return 0;
  const rows = await db.query(
    `UPDATE outbox SET status = 'cancelled', dead_at = $3
     WHERE incident_id = $1 AND status = 'pending' AND starts_with(idempotency_key, $2) RETURNING id`,
    [incidentId, prefix, at],
  );
  return rows.length;
}

/** Whether a message of `kind` for the incident reached (was sent to) this person. */
export async function wasSentTo(
  db: Db,
  incidentId: string,
  kind: string,
  channel: ChannelId,
  userId: string,
): Promise<boolean> {
  if (!isUuid(incidentId)) return false;
  const rows = await db.query(
    `SELECT 1 FROM outbox WHERE incident_id = $1 AND kind = $2 AND status = 'sent' AND recipient_key = $3 LIMIT 1`,
    [incidentId, kind, `${channel}:${userId}`],
  );
  return rows.length > 0;
}

type OwnedRow = IncidentRow & { s_step: StepId; s_state: StepRecord['state']; s_due_at: Date };

/** Open steps a person owns in open incidents, soonest deadline first. */
export async function listOwnedOpenSteps(
  db: Db,
  channel: ChannelId,
  userId: string,
): Promise<{ incident: IncidentRecord; step: StepId; state: StepRecord['state']; dueAt: Date }[]> {
  const rows = await db.query<OwnedRow>(
    `SELECT i.*, s.step AS s_step, s.state AS s_state, s.due_at AS s_due_at
     FROM incident_steps s JOIN incidents i ON i.id = s.incident_id
     WHERE s.owner_id = $2 AND i.channel = $1 AND i.status = 'open' AND s.due_at IS NOT NULL
       AND s.state NOT IN ('done', 'not_relevant')
     ORDER BY s.due_at, i.ref, s.step LIMIT 50`,
    [channel, userId],
  );
  return rows.map((r) => ({ incident: toIncident(r), step: r.s_step, state: r.s_state, dueAt: r.s_due_at }));
}

/** Escalations that reached this person and nobody has acknowledged, for steps still open. */
export async function listWaitingEscalations(db: Db, channel: ChannelId, userId: string): Promise<WaitingEscalation[]> {
  const rows = await db.query<{
    incident_id: string;
    ref: string;
    step: StepId;
    gen: string;
    state: StepRecord['state'];
    due_at: Date;
    sent_at: Date;
  }>(
    `SELECT DISTINCT ON (sc.incident_id, sc.step) sc.incident_id, i.ref, sc.step, sc.gen, s.state, sc.due_at, o.sent_at
     FROM outbox o
     JOIN step_schedules sc ON o.incident_id = sc.incident_id
       AND starts_with(o.idempotency_key, 'deadline:' || sc.incident_id || ':' || sc.step || ':' || sc.gen || ':esc:')
     JOIN incidents i ON i.id = sc.incident_id AND i.status = 'open'
     JOIN incident_steps s ON s.incident_id = sc.incident_id AND s.step = sc.step
     WHERE o.recipient_key = $1 AND o.kind = 'escalation.notice' AND o.status = 'sent' AND sc.acked_at IS NULL
       AND s.state NOT IN ('done', 'not_relevant')
     ORDER BY sc.incident_id, sc.step, o.sent_at DESC LIMIT 50`,
    [`${channel}:${userId}`],
  );
  return rows
    .map((r) => ({
      incidentId: r.incident_id,
      ref: r.ref,
      step: r.step,
      gen: r.gen,
      state: r.state,
      dueAt: r.due_at,
      sentAt: r.sent_at,
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
