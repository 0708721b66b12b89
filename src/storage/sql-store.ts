// The Store port over SQL, one dialect for PGlite and PostgreSQL. The SQL lives in
// sql-store-{users,incidents,outbox,pathway,followup,sweep,deadlines,ops,retention,person}.ts, one per part of
// the port; this class only delegates to them. Row shapes and mapping are in sql-store-rows.ts.
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
import * as incidents from './sql-store-incidents.ts';
import * as ops from './sql-store-ops.ts';
import * as outbox from './sql-store-outbox.ts';
import * as pathway from './sql-store-pathway.ts';
import * as person from './sql-store-person.ts';
import * as retention from './sql-store-retention.ts';
import * as sweep from './sql-store-sweep.ts';
import * as users from './sql-store-users.ts';

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

  upsertUser(user: UserUpsert, at: Date): Promise<UserRecord> {
    return users.upsertUser(this.db, user, at);
  }

  getUser(channel: ChannelId, userId: string): Promise<UserRecord | null> {
    return users.getUser(this.db, channel, userId);
  }

  listUsers(channel: ChannelId, tenantId: string | null, limit: number): Promise<UserRecord[]> {
    return users.listUsers(this.db, channel, tenantId, limit);
  }

  setLocalePref(channel: ChannelId, userId: string, locale: string | null, at: Date): Promise<void> {
    return users.setLocalePref(this.db, channel, userId, locale, at);
  }

  // Incidents

  createIncident(incident: NewIncident, participants: Participant[]): Promise<IncidentRecord> {
    return incidents.createIncident(this.db, incident, participants);
  }

  getIncident(id: string): Promise<IncidentRecord | null> {
    return incidents.getIncident(this.db, id);
  }

  getIncidentByRef(ref: string): Promise<IncidentRecord | null> {
    return incidents.getIncidentByRef(this.db, ref);
  }

  // Protocol questions

  recordFeedback(entryId: string, passageId: string, helpful: boolean): Promise<void> {
    return incidents.recordFeedback(this.db, entryId, passageId, helpful);
  }

  feedbackCounts(entryId: string): Promise<FeedbackCount[]> {
    return incidents.feedbackCounts(this.db, entryId);
  }

  logQuestion(e: { at: Date; question: string; answered: boolean; passageId: string | null }): Promise<void> {
    return incidents.logQuestion(this.db, e);
  }

  countQuestions(): Promise<number> {
    return incidents.countQuestions(this.db);
  }

  getIncidentBySubmission(submissionKey: string): Promise<IncidentRecord | null> {
    return incidents.getIncidentBySubmission(this.db, submissionKey);
  }

  listParticipants(incidentId: string): Promise<Participant[]> {
    return incidents.listParticipants(this.db, incidentId);
  }

  listIncidentsForUser(channel: ChannelId, userId: string): Promise<IncidentRecord[]> {
    return incidents.listIncidentsForUser(this.db, channel, userId);
  }

  // Audit

  appendAudit(entry: AuditEntry): Promise<void> {
    return incidents.appendAudit(this.db, entry);
  }

  listAudit(incidentId: string): Promise<AuditEntry[]> {
    return incidents.listAudit(this.db, incidentId);
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

  // Inbound events, for Slack's retries (sql-store-ops.ts)
  rememberEvent(key: string, at: Date): Promise<boolean> {
    return ops.rememberEvent(this.db, key, at);
  }
  rememberEvents(events: readonly { key: string; at: Date }[]): Promise<void> {
    return ops.rememberEvents(this.db, events);
  }
  recentEventKeys(since: Date): Promise<string[]> {
    return ops.recentEventKeys(this.db, since);
  }
}
