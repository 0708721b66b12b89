// The Store port over SQL, one dialect for PGlite and PostgreSQL. All the store's SQL lives here and in
// sql-store-{outbox,pathway,followup,sweep,deadlines,retention,person}.ts; row shapes and mapping in sql-store-rows.ts.
import type { CloseReason, StepId } from '../domain/pathway.ts';
import type { ChannelId, Recipient } from '../domain/turn.ts';
import type {
  AuditEntry,
  CheckinRecord,
  CheckinStatus,
  FeedbackCount,
  FollowupPlanRecord,
  IncidentRecord,
  NewIncident,
  NewOutboxMessage,
  NewStep,
  OutboxRecord,
  OutboxStatus,
  Participant,
  StepChange,
  StepRecord,
  Store,
  UserRecord,
  UserUpsert,
  WorkProfileRecord,
} from '../ports/store.ts';
import type { OutboxGauges } from '../ports/store-ops.ts';
import type { RetentionMode } from '../ports/store-privacy.ts';
import type { ActivePeerSupporter, StaleCheckin, SupportedPerson } from '../ports/store-sweep.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import * as deadlines from './sql-store-deadlines.ts';
import * as followup from './sql-store-followup.ts';
import * as ops from './sql-store-ops.ts';
import * as outbox from './sql-store-outbox.ts';
import * as pathway from './sql-store-pathway.ts';
import * as person from './sql-store-person.ts';
import * as retention from './sql-store-retention.ts';
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
  toUser,
  type UserRow,
} from './sql-store-rows.ts';
import * as sweep from './sql-store-sweep.ts';

/** Optional user fields and their columns; only those present in an upsert are written. */
const USER_FIELDS = [
  ['tenantId', 'tenant_id'],
  ['displayName', 'display_name'],
  ['platformLocale', 'platform_locale'],
  ['timeZone', 'time_zone'],
  ['address', 'address'],
] as const;

export class SqlStore implements Store {
  /** The database this store writes to: the pool, or the transaction it is bound to. */
  constructor(readonly db: Db) {}

  get exclusive(): boolean {
    return this.db.dialect === 'pglite';
  }

  async migrate(): Promise<void> {
    await migrate(this.db);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.db.transaction((db) => fn(new SqlStore(db)));
  }

  // Users

  async upsertUser(user: UserUpsert, at: Date): Promise<UserRecord> {
    const cols: string[] = ['channel', 'user_id'];
    const params: unknown[] = [user.channel, user.userId];
    for (const [key, col] of USER_FIELDS) {
      const value = user[key];
      if (value === undefined) continue; // absent: keep what is stored
      cols.push(col);
      params.push(key === 'address' ? json(value) : value);
    }
    cols.push('updated_at');
    params.push(at);
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users (${cols.join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (channel, user_id) DO UPDATE SET ${cols
         .slice(2)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}
       RETURNING *`,
      params,
    );
    return toUser(row!);
  }

  async getUser(channel: ChannelId, userId: string): Promise<UserRecord | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE channel = $1 AND user_id = $2', [
      channel,
      userId,
    ]);
    return row ? toUser(row) : null;
  }

  async listUsers(channel: ChannelId, tenantId: string | null, limit: number): Promise<UserRecord[]> {
    const order = 'ORDER BY display_name NULLS LAST, user_id LIMIT';
    const rows =
      tenantId === null
        ? await this.db.query<UserRow>(`SELECT * FROM users WHERE channel = $1 AND tenant_id IS NULL ${order} $2`, [
            channel,
            limit,
          ])
        : await this.db.query<UserRow>(`SELECT * FROM users WHERE channel = $1 AND tenant_id = $2 ${order} $3`, [
            channel,
            tenantId,
            limit,
          ]);
    return rows.map(toUser);
  }

  async setLocalePref(channel: ChannelId, userId: string, locale: string | null, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO users (channel, user_id, locale_pref, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, user_id) DO UPDATE SET locale_pref = EXCLUDED.locale_pref, updated_at = EXCLUDED.updated_at`,
      [channel, userId, locale, at],
    );
  }

  // Incidents

  createIncident(incident: NewIncident, participants: Participant[]): Promise<IncidentRecord> {
    return this.db.transaction(async (db) => {
      // The counter row stays locked until commit, so concurrent registrations get consecutive numbers.
      const year = incident.createdAt.getUTCFullYear();
      const [counter] = await db.query<{ last_value: number }>(
        `INSERT INTO incident_ref_counters (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = incident_ref_counters.last_value + 1
         RETURNING last_value`,
        [year],
      );
      const [row] = await db.query<IncidentRow>(
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
        await db.query(
          `INSERT INTO participants (incident_id, channel, user_id, role, position) VALUES ${values.join(', ')}
           ON CONFLICT DO NOTHING`,
          params,
        );
      }
      return created;
    });
  }

  async getIncident(id: string): Promise<IncidentRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
    return row ? toIncident(row) : null;
  }

  async getIncidentByRef(ref: string): Promise<IncidentRecord | null> {
    const [row] = await this.db.query<IncidentRow>('SELECT * FROM incidents WHERE ref = $1', [ref]);
    return row ? toIncident(row) : null;
  }

  // Protocol questions

  async recordFeedback(entryId: string, passageId: string, helpful: boolean): Promise<void> {
    const column = helpful ? 'helpful' : 'not_helpful';
    await this.db.query(
      `INSERT INTO qa_feedback (entry_id, passage_id, ${column}) VALUES ($1, $2, 1)
       ON CONFLICT (entry_id, passage_id) DO UPDATE SET ${column} = qa_feedback.${column} + 1`,
      [entryId, passageId],
    );
  }

  async feedbackCounts(entryId: string): Promise<FeedbackCount[]> {
    const rows = await this.db.query<{ passage_id: string; helpful: number; not_helpful: number }>(
      'SELECT passage_id, helpful, not_helpful FROM qa_feedback WHERE entry_id = $1 ORDER BY passage_id',
      [entryId],
    );
    return rows.map((r) => ({ passageId: r.passage_id, helpful: r.helpful, notHelpful: r.not_helpful }));
  }

  async logQuestion(e: { at: Date; question: string; answered: boolean; passageId: string | null }): Promise<void> {
    await this.db.query('INSERT INTO qa_questions (at, question, answered, passage_id) VALUES ($1, $2, $3, $4)', [
      e.at,
      e.question,
      e.answered,
      e.passageId,
    ]);
  }

  async countQuestions(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM qa_questions');
    return row?.n ?? 0;
  }

  async getIncidentBySubmission(submissionKey: string): Promise<IncidentRecord | null> {
    const [row] = await this.db.query<IncidentRow>('SELECT * FROM incidents WHERE submission_key = $1', [
      submissionKey,
    ]);
    return row ? toIncident(row) : null;
  }

  async listParticipants(incidentId: string): Promise<Participant[]> {
    if (!isUuid(incidentId)) return [];
    const rows = await this.db.query<ParticipantRow>(
      'SELECT user_id, role FROM participants WHERE incident_id = $1 ORDER BY position, user_id, role',
      [incidentId],
    );
    return rows.map(toParticipant);
  }

  async listIncidentsForUser(channel: ChannelId, userId: string): Promise<IncidentRecord[]> {
    const rows = await this.db.query<IncidentRow>(
      `SELECT i.* FROM incidents i
       WHERE EXISTS (SELECT 1 FROM participants p WHERE p.incident_id = i.id AND p.channel = $1 AND p.user_id = $2)
       ORDER BY i.created_at DESC, i.ref DESC`,
      [channel, userId],
    );
    return rows.map(toIncident);
  }

  // Audit

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit (at, actor_channel, actor_id, action, incident_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.at, entry.actorChannel, entry.actorId, entry.action, entry.incidentId, json(entry.detail)],
    );
  }

  async listAudit(incidentId: string): Promise<AuditEntry[]> {
    if (!isUuid(incidentId)) return [];
    const rows = await this.db.query<AuditRow>(
      'SELECT at, actor_channel, actor_id, action, incident_id, detail FROM audit WHERE incident_id = $1 ORDER BY at, id',
      [incidentId],
    );
    return rows.map(toAudit);
  }

  // Outbox

  enqueue(messages: NewOutboxMessage[]): Promise<void> {
    return outbox.enqueue(this.db, messages);
  }
  reschedule(messages: NewOutboxMessage[]): Promise<void> {
    return outbox.enqueue(this.db, messages, 'reschedule');
  }

  claimDue(now: Date, workerId: string, leaseMs: number, limit: number, spacingMs?: number): Promise<OutboxRecord[]> {
    return outbox.claimDue(this.db, now, workerId, leaseMs, limit, spacingMs);
  }

  beginSend(id: string, workerId: string, at: Date): Promise<boolean> {
    return outbox.beginSend(this.db, id, workerId, at);
  }

  pauseRecipient(recipient: Recipient, until: Date): Promise<void> {
    return outbox.pauseRecipient(this.db, recipient, until);
  }

  markSent(id: string, workerId: string, platformMessageId: string | null, at: Date): Promise<boolean> {
    return outbox.markSent(this.db, id, workerId, platformMessageId, at);
  }

  markRetry(id: string, workerId: string, error: string, nextAt: Date, inDoubt?: Date | null): Promise<void> {
    return outbox.markRetry(this.db, id, workerId, error, nextAt, inDoubt);
  }

  markDead(id: string, workerId: string, error: string, at: Date): Promise<void> {
    return outbox.markDead(this.db, id, workerId, error, at);
  }

  getOutbox(id: string): Promise<OutboxRecord | null> {
    return outbox.getOutbox(this.db, id);
  }

  listOutbox(filter: { status?: OutboxStatus; incidentId?: string }): Promise<OutboxRecord[]> {
    return outbox.listOutbox(this.db, filter);
  }

  nextDue(): Promise<Date | null> {
    return outbox.nextDue(this.db);
  }

  // Pathway

  initSteps(incidentId: string, steps: NewStep[]): Promise<void> {
    return pathway.initSteps(this.db, incidentId, steps);
  }

  listSteps(incidentId: string): Promise<StepRecord[]> {
    return pathway.listSteps(this.db, incidentId);
  }

  updateStep(
    incidentId: string,
    step: StepId,
    change: StepChange,
    expectedVersion: number,
    by: string,
    at: Date,
  ): Promise<StepRecord | null> {
    return pathway.updateStep(this.db, incidentId, step, change, expectedVersion, by, at);
  }

  closeIncident(id: string, reason: CloseReason, at: Date): Promise<IncidentRecord | null> {
    return pathway.closeIncident(this.db, id, reason, at);
  }

  reopenIncident(id: string): Promise<IncidentRecord | null> {
    return pathway.reopenIncident(this.db, id);
  }

  cancelPendingForIncident(incidentId: string, at: Date): Promise<number> {
    return pathway.cancelPendingForIncident(this.db, incidentId, at);
  }

  listIncidentsManagedBy(channel: ChannelId, userId: string): Promise<IncidentRecord[]> {
    return pathway.listIncidentsManagedBy(this.db, channel, userId);
  }

  addParticipant(incidentId: string, participant: Participant): Promise<void> {
    return pathway.addParticipant(this.db, incidentId, participant);
  }

  removeParticipant(incidentId: string, participant: Participant): Promise<void> {
    return pathway.removeParticipant(this.db, incidentId, participant);
  }

  // Manager deadlines (sql-store-deadlines.ts)
  setStepSchedule(s: { incidentId: string; step: StepId; gen: string; ownerId: string | null; dueAt: Date }) {
    return deadlines.setStepSchedule(this.db, s);
  }
  getStepSchedule(incidentId: string, step: StepId) {
    return deadlines.getStepSchedule(this.db, incidentId, step);
  }
  setHandover(incidentId: string, step: StepId, gen: string, to: string | null) {
    return deadlines.setHandover(this.db, incidentId, step, gen, to);
  }
  ackEscalation(a: { incidentId: string; step: StepId; gen: string; by: string; level: number; at: Date }) {
    return deadlines.ackEscalation(this.db, a);
  }
  cancelOutboxByPrefix(incidentId: string, prefix: string, at: Date) {
    return deadlines.cancelOutboxByPrefix(this.db, incidentId, prefix, at);
  }
  wasSentTo(incidentId: string, kind: string, channel: ChannelId, userId: string) {
    return deadlines.wasSentTo(this.db, incidentId, kind, channel, userId);
  }
  listOwnedOpenSteps(channel: ChannelId, userId: string) {
    return deadlines.listOwnedOpenSteps(this.db, channel, userId);
  }
  listWaitingEscalations(channel: ChannelId, userId: string) {
    return deadlines.listWaitingEscalations(this.db, channel, userId);
  }

  // Follow-up plans (sql-store-followup.ts)

  createFollowupPlan(
    plan: { incidentId: string; channel: ChannelId; userId: string; createdAt: Date },
    dueTimes: Date[],
  ): Promise<{ plan: FollowupPlanRecord; checkins: CheckinRecord[]; created: boolean }> {
    return followup.createPlan(this.db, plan, dueTimes);
  }
  getFollowupPlan(incidentId: string, userId: string): Promise<FollowupPlanRecord | null> {
    return followup.getPlan(this.db, incidentId, userId);
  }
  setTellManager(incidentId: string, userId: string, tell: boolean): Promise<void> {
    return followup.setTellManager(this.db, incidentId, userId, tell);
  }
  listPlanCheckins(incidentId: string, userId: string): Promise<CheckinRecord[]> {
    return followup.listPlanCheckins(this.db, incidentId, userId);
  }
  listUpcomingCheckins(channel: ChannelId, userId: string): Promise<CheckinRecord[]> {
    return followup.listUpcomingCheckins(this.db, channel, userId);
  }
  getCheckin(id: string): Promise<CheckinRecord | null> {
    return followup.getCheckin(this.db, id);
  }
  answerCheckin(id: string, answer: { score?: number; wantsTalk?: boolean }, at: Date): Promise<CheckinRecord | null> {
    return followup.answerCheckin(this.db, id, answer, at);
  }
  updatePlannedCheckin(id: string, change: { status?: CheckinStatus; dueAt?: Date }): Promise<CheckinRecord | null> {
    return followup.updatePlannedCheckin(this.db, id, change);
  }
  stopFollowupPlan(incidentId: string, userId: string, at: Date): Promise<CheckinRecord[]> {
    return followup.stopPlan(this.db, incidentId, userId, at);
  }
  recentCheckinAnswers(incidentId: string, userId: string, limit: number): Promise<CheckinRecord[]> {
    return followup.recentAnswers(this.db, incidentId, userId, limit);
  }
  getWorkProfile(channel: ChannelId, userId: string): Promise<WorkProfileRecord | null> {
    return followup.getWorkProfile(this.db, channel, userId);
  }
  setWorkProfile(channel: ChannelId, userId: string, profile: WorkProfileRecord | null, at: Date): Promise<void> {
    return followup.setWorkProfile(this.db, channel, userId, profile, at);
  }
  moveOutbox(keys: string[], dueAt: Date): Promise<number> {
    return followup.moveOutbox(this.db, keys, dueAt);
  }
  cancelOutbox(keys: string[], at: Date): Promise<number> {
    return followup.cancelOutbox(this.db, keys, at);
  }

  // The dispatcher's sweep (sql-store-sweep.ts)

  listStaleCheckins(cutoff: Date, now: Date, limit: number): Promise<StaleCheckin[]> {
    return sweep.listStaleCheckins(this.db, cutoff, now, limit);
  }
  moveStaleCheckin(id: string, outboxId: string, to: Date, cutoff: Date, now: Date): Promise<CheckinRecord | null> {
    return sweep.moveStaleCheckin(this.db, id, outboxId, to, cutoff, now);
  }
  cancelPastFollowupMessages(cutoff: Date, now: Date): Promise<number> {
    return sweep.cancelPastFollowupMessages(this.db, cutoff, now);
  }
  listActivePeerSupporters(now: Date): Promise<ActivePeerSupporter[]> {
    return sweep.listActivePeerSupporters(this.db, now);
  }
  listSupportedPeople(channel: ChannelId, peerId: string, now: Date): Promise<SupportedPerson[]> {
    return sweep.listSupportedPeople(this.db, channel, peerId, now);
  }
  existingOutboxKeys(keys: string[]): Promise<string[]> {
    return sweep.existingOutboxKeys(this.db, keys);
  }

  // Operations: metrics, readiness, shutdown (sql-store-ops.ts)

  outboxGauges(now: Date): Promise<OutboxGauges> {
    return ops.outboxGauges(this.db, now);
  }
  appliedMigrations(): Promise<string[]> {
    return ops.appliedMigrations(this.db);
  }
  releaseClaims(workerId: string): Promise<number> {
    return ops.releaseClaims(this.db, workerId);
  }

  // Data protection (sql-store-retention.ts, sql-store-person.ts)
  expireIncidents(cutoff: Date, mode: RetentionMode, now: Date, limit: number) {
    return retention.expireIncidents(this.db, cutoff, mode, now, limit);
  }
  purgeExpired(cutoff: Date) {
    return retention.purgeExpired(this.db, cutoff);
  }
  exportPerson(channel: ChannelId, userId: string) {
    return person.exportPerson(this.db, channel, userId);
  }
  erasePerson(channel: ChannelId, userId: string, at: Date) {
    return person.erasePerson(this.db, channel, userId, at);
  }

  // Inbound events

  async rememberEvent(key: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      'INSERT INTO inbound_events (key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key',
      [key, at],
    );
    return rows.length === 1;
  }

  async rememberEvents(events: readonly { key: string; at: Date }[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.query(
      `INSERT INTO inbound_events (key, seen_at)
       SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING`,
      [events.map((e) => e.key), events.map((e) => e.at)],
    );
  }

  async recentEventKeys(since: Date): Promise<string[]> {
    const rows = await this.db.query<{ key: string }>('SELECT key FROM inbound_events WHERE seen_at >= $1', [since]);
    return rows.map((r) => r.key);
  }
}
