// The pathway's queries (steps, closing, reopening), kept apart from sql-store.ts to keep it small.
import type { CloseReason, StepId, StepState } from '../domain/pathway.ts';
import type { ChannelId } from '../domain/turn.ts';
import type { IncidentRecord, NewStep, Participant, StepChange, StepRecord } from '../ports/store.ts';
import type { Db } from './db.ts';
import { type IncidentRow, isUuid, json, toIncident } from './sql-store-rows.ts';

interface StepRow {
  incident_id: string;
  step: StepId;
  state: StepState;
  owner_id: string | null;
  due_at: Date | null;
  data: Record<string, unknown>;
  version: number;
  updated_at: Date | null;
  updated_by: string | null;
}

const toStep = (r: StepRow): StepRecord => ({
  incidentId: r.incident_id,
  step: r.step,
  state: r.state,
  ownerId: r.owner_id,
  dueAt: r.due_at,
  data: r.data ?? {},
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export async function initSteps(db: Db, incidentId: string, steps: NewStep[]): Promise<void> {
  if (steps.length === 0 || !isUuid(incidentId)) return;
  await db.query(
    `INSERT INTO incident_steps (incident_id, step, owner_id, due_at)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
    [incidentId, steps.map((s) => s.step), steps.map((s) => s.ownerId), steps.map((s) => s.dueAt)],
  );
}

export async function listSteps(db: Db, incidentId: string): Promise<StepRecord[]> {
  if (!isUuid(incidentId)) return [];
  const rows = await db.query<StepRow>('SELECT * FROM incident_steps WHERE incident_id = $1', [incidentId]);
  return rows.map(toStep);
}

export async function updateStep(
  db: Db,
  incidentId: string,
  step: StepId,
  change: StepChange,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<StepRecord | null> {
  if (!isUuid(incidentId)) return null;
  const [row] = await db.query<StepRow>(
    `UPDATE incident_steps SET state = $3, data = $4,
       owner_id = CASE WHEN $5::boolean THEN $6 ELSE owner_id END,
       due_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE due_at END,
       version = version + 1, updated_at = $9, updated_by = $10
     WHERE incident_id = $1 AND step = $2 AND version = $11
     RETURNING *`,
    [
      incidentId,
      step,
      change.state,
      json(change.data),
      change.ownerId !== undefined,
      change.ownerId ?? null,
      change.dueAt !== undefined,
      change.dueAt ?? null,
      at,
      by,
      expectedVersion,
    ],
  );
  return row ? toStep(row) : null;
}

export async function closeIncident(db: Db, id: string, reason: CloseReason, at: Date): Promise<IncidentRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<IncidentRow>(
    `UPDATE incidents SET status = 'closed', closed_at = $2, close_reason = $3
     WHERE id = $1 AND status = 'open' RETURNING *`,
    [id, at, reason],
  );
  return row ? toIncident(row) : null;
}

export async function reopenIncident(db: Db, id: string): Promise<IncidentRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<IncidentRow>(
    `UPDATE incidents SET status = 'open', closed_at = NULL, close_reason = NULL
     WHERE id = $1 AND status = 'closed' RETURNING *`,
    [id],
  );
  return row ? toIncident(row) : null;
}

export async function cancelPendingForIncident(db: Db, incidentId: string, at: Date): Promise<number> {
  if (!isUuid(incidentId)) return 0;
  // The follow-up plans end with the case: their planned check-ins are cancelled with their messages.
  await db.query(`UPDATE checkins SET status = 'cancelled' WHERE incident_id = $1 AND status = 'planned'`, [
    incidentId,
  ]);
  const rows = await db.query(
    `UPDATE outbox SET status = 'cancelled', claimed_by = NULL, lease_until = NULL, dead_at = $2
     WHERE incident_id = $1 AND status = 'pending' RETURNING id`,
    [incidentId, at],
  );
  return rows.length;
}

export async function listIncidentsManagedBy(db: Db, channel: ChannelId, userId: string): Promise<IncidentRecord[]> {
  const rows = await db.query<IncidentRow>(
    `SELECT i.* FROM incidents i
     WHERE EXISTS (SELECT 1 FROM participants p
                   WHERE p.incident_id = i.id AND p.channel = $1 AND p.user_id = $2 AND p.role = 'manager')
     ORDER BY i.created_at DESC, i.ref DESC`,
    [channel, userId],
  );
  return rows.map(toIncident);
}

export async function addParticipant(db: Db, incidentId: string, p: Participant): Promise<void> {
  if (!isUuid(incidentId)) return;
  await db.query(
    `INSERT INTO participants (incident_id, channel, user_id, role, position)
     SELECT id, channel, $2, $3,
            (SELECT COALESCE(max(position), 0) + 1 FROM participants WHERE incident_id = $1)
     FROM incidents WHERE id = $1
     ON CONFLICT DO NOTHING`,
    [incidentId, p.userId, p.role],
  );
}

export async function removeParticipant(db: Db, incidentId: string, p: Participant): Promise<void> {
  if (!isUuid(incidentId)) return;
  await db.query('DELETE FROM participants WHERE incident_id = $1 AND user_id = $2 AND role = $3', [
    incidentId,
    p.userId,
    p.role,
  ]);
}
