// Incidents with their participants, the audit trail and the protocol-question tallies: the SQL
// behind SqlStore's methods of the same names (sql-store.ts).
import type { ChannelId } from '../domain/turn.ts';
import type { AuditEntry, FeedbackCount, IncidentRecord, NewIncident, Participant } from '../ports/store.ts';
import type { Db } from './db.ts';
import {
  type AuditRow,
  formatRef,
  type IncidentRow,
  isUuid,
  json,
  type ParticipantRow,
  toAudit,
  toIncident,
  toParticipant,
} from './sql-store-rows.ts';

export function createIncident(db: Db, incident: NewIncident, participants: Participant[]): Promise<IncidentRecord> {
  return db.transaction(async (tx) => {
    // The counter row stays locked until commit, so concurrent registrations get consecutive numbers.
    const year = incident.createdAt.getUTCFullYear();
    const [counter] = await tx.query<{ last_value: number }>(
      `INSERT INTO incident_ref_counters (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = incident_ref_counters.last_value + 1
       RETURNING last_value`,
      [year],
    );
    const [row] = await tx.query<IncidentRow>(
      `INSERT INTO incidents (ref, channel, tenant_id, reporter_id, summary, category, occurred_at, created_at, submission_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        formatRef(year, counter!.last_value),
        incident.channel,
        incident.tenantId,
        incident.reporterId,
        incident.summary,
        incident.category,
        incident.occurredAt,
        incident.createdAt,
        incident.submissionKey ?? null,
      ],
    );
    const created = toIncident(row!);
    if (participants.length > 0) {
      const params: unknown[] = [created.id, created.channel];
      const values = participants.map((p, i) => {
        params.push(p.userId, p.role, i);
        const n = params.length;
        return `($1, $2, $${n - 2}, $${n - 1}, $${n})`;
      });
      await tx.query(
        `INSERT INTO participants (incident_id, channel, user_id, role, position) VALUES ${values.join(', ')}
         ON CONFLICT DO NOTHING`,
        params,
      );
    }
    return created;
  });
}

export async function getIncident(db: Db, id: string): Promise<IncidentRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
  return row ? toIncident(row) : null;
}

export async function getIncidentByRef(db: Db, ref: string): Promise<IncidentRecord | null> {
  const [row] = await db.query<IncidentRow>('SELECT * FROM incidents WHERE ref = $1', [ref]);
  return row ? toIncident(row) : null;
}

export async function getIncidentBySubmission(db: Db, submissionKey: string): Promise<IncidentRecord | null> {
  const [row] = await db.query<IncidentRow>('SELECT * FROM incidents WHERE submission_key = $1', [submissionKey]);
  return row ? toIncident(row) : null;
}

export async function listParticipants(db: Db, incidentId: string): Promise<Participant[]> {
  if (!isUuid(incidentId)) return [];
  const rows = await db.query<ParticipantRow>(
    'SELECT user_id, role FROM participants WHERE incident_id = $1 ORDER BY position, user_id, role',
    [incidentId],
  );
  return rows.map(toParticipant);
}

export async function listIncidentsForUser(db: Db, channel: ChannelId, userId: string): Promise<IncidentRecord[]> {
  const rows = await db.query<IncidentRow>(
    `SELECT i.* FROM incidents i
     WHERE EXISTS (SELECT 1 FROM participants p WHERE p.incident_id = i.id AND p.channel = $1 AND p.user_id = $2)
     ORDER BY i.created_at DESC, i.ref DESC`,
    [channel, userId],
  );
  return rows.map(toIncident);
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit (at, actor_channel, actor_id, action, incident_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.at, entry.actorChannel, entry.actorId, entry.action, entry.incidentId, json(entry.detail)],
  );
}

export async function listAudit(db: Db, incidentId: string): Promise<AuditEntry[]> {
  if (!isUuid(incidentId)) return [];
  const rows = await db.query<AuditRow>(
    'SELECT at, actor_channel, actor_id, action, incident_id, detail FROM audit WHERE incident_id = $1 ORDER BY at, id',
    [incidentId],
  );
  return rows.map(toAudit);
}

export async function recordFeedback(db: Db, entryId: string, passageId: string, helpful: boolean): Promise<void> {
  const column = helpful ? 'helpful' : 'not_helpful';
  await db.query(
    `INSERT INTO qa_feedback (entry_id, passage_id, ${column}) VALUES ($1, $2, 1)
     ON CONFLICT (entry_id, passage_id) DO UPDATE SET ${column} = qa_feedback.${column} + 1`,
    [entryId, passageId],
  );
}

export async function feedbackCounts(db: Db, entryId: string): Promise<FeedbackCount[]> {
  const rows = await db.query<{ passage_id: string; helpful: number; not_helpful: number }>(
    'SELECT passage_id, helpful, not_helpful FROM qa_feedback WHERE entry_id = $1 ORDER BY passage_id',
    [entryId],
  );
  return rows.map((r) => ({ passageId: r.passage_id, helpful: r.helpful, notHelpful: r.not_helpful }));
}

export async function logQuestion(
  db: Db,
  e: { at: Date; question: string; answered: boolean; passageId: string | null },
): Promise<void> {
  await db.query('INSERT INTO qa_questions (at, question, answered, passage_id) VALUES ($1, $2, $3, $4)', [
    e.at,
    e.question,
    e.answered,
    e.passageId,
  ]);
}

export async function countQuestions(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM qa_questions');
  return row?.n ?? 0;
}
