// The one storage port. Two implementations share one schema and one set of migrations:
// PGlite in DATA_DIR (default) and PostgreSQL via DATABASE_URL (src/storage).
import type { Card } from '../../cards/model.ts';
import type { CloseReason, StepId, StepState } from '../domain/pathway.ts';
import type { ChannelId, Recipient } from '../domain/turn.ts';
import type { DeadlineStore } from './store-deadlines.ts';
import type { OpsStore } from './store-ops.ts';
import type { PrivacyStore } from './store-privacy.ts';
import type { SweepStore } from './store-sweep.ts';

export interface UserRecord {
  channel: ChannelId;
  userId: string;
  tenantId: string | null;
  displayName: string | null;
  /** Locale reported by the platform, e.g. `sv-SE`. */
  platformLocale: string | null;
  /** Locale the user chose in the bot (`nb`, `sv`, `da`, `en`); wins over the platform's. */
  localePref: string | null;
  timeZone: string | null;
  /** Opaque channel address for proactive messages (e.g. Teams serviceUrl and 1:1 conversation id). */
  address: Record<string, unknown> | null;
  updatedAt: Date;
}

export type UserUpsert = Pick<UserRecord, 'channel' | 'userId'> &
  Partial<Pick<UserRecord, 'tenantId' | 'displayName' | 'platformLocale' | 'timeZone' | 'address'>>;

export type IncidentStatus = 'open' | 'closed';

export interface IncidentRecord {
  id: string;
  /** Human reference, e.g. `IVR-2026-0042`. */
  ref: string;
  channel: ChannelId;
  tenantId: string | null;
  reporterId: string;
  summary: string;
  category: string;
  occurredAt: Date;
  status: IncidentStatus;
  createdAt: Date;
  closedAt: Date | null;
  closeReason: CloseReason | null;
}

/** One step of an incident's pathway. */
export interface StepRecord {
  incidentId: string;
  step: StepId;
  state: StepState;
  /** Who answers for it (a user id of the incident's channel), if anyone. */
  ownerId: string | null;
  dueAt: Date | null;
  /** The step's answers: choices, dates (ISO strings), user ids, privacy-checked short texts. */
  data: Record<string, unknown>;
  /** Bumped on every change (0 = never changed). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface NewStep {
  step: StepId;
  ownerId: string | null;
  dueAt: Date | null;
}

export interface StepChange {
  state: StepState;
  data: Record<string, unknown>;
  /** Left as they are when undefined. */
  ownerId?: string | null;
  dueAt?: Date | null;
}

export type CheckinStatus = 'planned' | 'answered' | 'skipped' | 'cancelled';

/** One check-in of a person's follow-up plan. Answers are a score and a yes/no: never free text. */
export interface CheckinRecord {
  id: string;
  incidentId: string;
  channel: ChannelId;
  userId: string;
  /** 1 for the first check-in of the plan, … */
  seq: number;
  dueAt: Date;
  status: CheckinStatus;
  /** 1 (very bad) … 5 (very good). */
  score: number | null;
  wantsTalk: boolean | null;
  answeredAt: Date | null;
}

export interface FollowupPlanRecord {
  incidentId: string;
  channel: ChannelId;
  userId: string;
  /** Whether the manager may be told that support is needed (never the answers); null until asked. */
  tellManager: boolean | null;
  stoppedAt: Date | null;
  createdAt: Date;
}

/** A person's own working time (shift work), overriding the organisation's usual hours. */
export interface WorkProfileRecord {
  hours: { start: string; end: string };
  days: number[];
  worksHolidays: boolean;
}

export interface NewIncident {
  channel: ChannelId;
  tenantId: string | null;
  reporterId: string;
  summary: string;
  category: string;
  occurredAt: Date;
  createdAt: Date;
  /** Unique per form submission: a second create with the same key is refused (see getIncidentBySubmission). */
  submissionKey?: string | null;
}

export type ParticipantRole = 'reporter' | 'involved' | 'manager' | 'peer';

export interface Participant {
  userId: string;
  role: ParticipantRole;
}

export interface AuditEntry {
  at: Date;
  actorChannel: ChannelId | 'system';
  actorId: string;
  /** e.g. `incident.create`, `incident.read`, `incident.denied`. */
  action: string;
  incidentId: string | null;
  /** Ids, counts and kinds only: never message text or card values. */
  detail?: Record<string, string | number | boolean>;
}

/** `cancelled`: no longer wanted (its case was closed); never sent. */
export type OutboxStatus = 'pending' | 'sent' | 'dead' | 'cancelled';

export interface NewOutboxMessage {
  /** Unique per logical message: a second enqueue with the same key is ignored. */
  idempotencyKey: string;
  /** e.g. `incident.manager-notice`. */
  kind: string;
  recipient: Recipient;
  card: Card;
  dueAt: Date;
  incidentId: string | null;
}

export interface OutboxRecord extends NewOutboxMessage {
  id: string;
  status: OutboxStatus;
  attempts: number;
  /** Worker holding the lease while sending, and until when. */
  claimedBy: string | null;
  leaseUntil: Date | null;
  platformMessageId: string | null;
  lastError: string | null;
  sentAt: Date | null;
  /** When it was given up on (dead) or cancelled. */
  deadAt: Date | null;
  createdAt: Date;
  /**
   * When the last platform call started, while nobody knows whether it arrived (a worker died
   * during it): set before every send, cleared when the platform answered. See beginSend.
   */
  sendStartedAt?: Date | null;
}

export interface FeedbackCount {
  passageId: string;
  helpful: number;
  notHelpful: number;
}

/** The sweep's methods are described in store-sweep.ts, the operations' in store-ops.ts, data protection's in store-privacy.ts. */
export interface Store extends SweepStore, DeadlineStore, OpsStore, PrivacyStore {
  /**
   * True when this process is the database's only user (the embedded database, held under the
   * data-dir lock): what it wrote it may then remember in memory instead of asking again.
   */
  readonly exclusive: boolean;
  migrate(): Promise<void>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Runs `fn` in one transaction; the store passed to it sees and writes inside that transaction. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  upsertUser(user: UserUpsert, at: Date): Promise<UserRecord>;
  getUser(channel: ChannelId, userId: string): Promise<UserRecord | null>;
  /** Users known in a tenant/workspace, by display name; used to offer people in forms. */
  listUsers(channel: ChannelId, tenantId: string | null, limit: number): Promise<UserRecord[]>;
  setLocalePref(channel: ChannelId, userId: string, locale: string | null, at: Date): Promise<void>;

  /** Creates the incident with its participants; the reference number is allocated here. */
  createIncident(incident: NewIncident, participants: Participant[]): Promise<IncidentRecord>;
  getIncident(id: string): Promise<IncidentRecord | null>;
  getIncidentByRef(ref: string): Promise<IncidentRecord | null>;
  /** The incident a form submission created, if it was already saved. */
  getIncidentBySubmission(submissionKey: string): Promise<IncidentRecord | null>;
  listParticipants(incidentId: string): Promise<Participant[]>;
  /** Incidents where the user is a participant in any role, newest first. */
  listIncidentsForUser(channel: ChannelId, userId: string): Promise<IncidentRecord[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(incidentId: string): Promise<AuditEntry[]>;

  /** Inserts messages; a message whose idempotency key exists already is skipped. */
  enqueue(messages: NewOutboxMessage[]): Promise<void>;
  /**
   * Enqueues, or gives a message with the same key that is pending or cancelled the new time and
   * content (a reminder moved or re-armed). A sent or dead one, or one being sent, is left alone.
   */
  reschedule(messages: NewOutboxMessage[]): Promise<void>;
  /**
   * Claims up to `limit` pending messages due at `now` whose lease is free or expired
   * (FOR UPDATE SKIP LOCKED), leasing them to `workerId` until `now + leaseMs`. With `spacingMs` > 0,
   * at most one per conversation, and only when that conversation's last claim is `spacingMs` old
   * (the platforms throttle per conversation).
   */
  claimDue(now: Date, workerId: string, leaseMs: number, limit: number, spacingMs?: number): Promise<OutboxRecord[]>;
  /**
   * Records that a send starts now, before calling the platform; false when `workerId` lost the lease.
   */
  beginSend(id: string, workerId: string, at: Date): Promise<boolean>;
  /** Holds every message to this recipient until `until` (a 429's Retry-After); needs spacingMs > 0. */
  pauseRecipient(recipient: Recipient, until: Date): Promise<void>;
  /** Marks sent, only while `workerId` holds the lease; returns false if it lost it. */
  markSent(id: string, workerId: string, platformMessageId: string | null, at: Date): Promise<boolean>;
  /**
   * Releases the lease and moves the due time for another try. `inDoubt` keeps the row marked as
   * possibly delivered since then (default: cleared, the platform said it was not sent).
   */
  markRetry(id: string, workerId: string, error: string, nextAt: Date, inDoubt?: Date | null): Promise<void>;
  /** Gives up for good (e.g. user left the tenant); kept for an admin to see. */
  markDead(id: string, workerId: string, error: string, at: Date): Promise<void>;
  getOutbox(id: string): Promise<OutboxRecord | null>;
  listOutbox(filter: { status?: OutboxStatus; incidentId?: string }): Promise<OutboxRecord[]>;
  /** Earliest due time of a pending message, for the dispatcher's wake-up. */
  nextDue(): Promise<Date | null>;

  /** Counts a "helpful" or "not helpful" answer for a passage of a content entry. */
  recordFeedback(entryId: string, passageId: string, helpful: boolean): Promise<void>;
  feedbackCounts(entryId: string): Promise<FeedbackCount[]>;
  /** Keeps a question (only when the organisation turned it on; the caller checks for identifiers). */
  logQuestion(entry: { at: Date; question: string; answered: boolean; passageId: string | null }): Promise<void>;
  countQuestions(): Promise<number>;

  /** Adds the steps an incident does not have yet (at registration, or for a case made before a step existed). */
  initSteps(incidentId: string, steps: NewStep[]): Promise<void>;
  listSteps(incidentId: string): Promise<StepRecord[]>;
  /**
   * Changes a step if it is still at `expectedVersion`; returns the new record, or null when someone
   * (or a second click) changed it first or it does not exist.
   */
  updateStep(
    incidentId: string,
    step: StepId,
    change: StepChange,
    expectedVersion: number,
    by: string,
    at: Date,
  ): Promise<StepRecord | null>;
  /** Closes an open incident; null when it was not open. */
  closeIncident(id: string, reason: CloseReason, at: Date): Promise<IncidentRecord | null>;
  /** Reopens a closed incident; null when it was not closed. */
  reopenIncident(id: string): Promise<IncidentRecord | null>;
  /** Cancels every pending outbox message of an incident; returns how many. */
  cancelPendingForIncident(incidentId: string, at: Date): Promise<number>;
  /** Incidents where the user is the manager, newest first. */
  listIncidentsManagedBy(channel: ChannelId, userId: string): Promise<IncidentRecord[]>;
  addParticipant(incidentId: string, participant: Participant): Promise<void>;
  removeParticipant(incidentId: string, participant: Participant): Promise<void>;

  /** Creates a person's follow-up plan with its check-ins; an existing plan is returned unchanged. */
  createFollowupPlan(
    plan: { incidentId: string; channel: ChannelId; userId: string; createdAt: Date },
    dueTimes: Date[],
  ): Promise<{ plan: FollowupPlanRecord; checkins: CheckinRecord[]; created: boolean }>;
  getFollowupPlan(incidentId: string, userId: string): Promise<FollowupPlanRecord | null>;
  setTellManager(incidentId: string, userId: string, tell: boolean): Promise<void>;
  listPlanCheckins(incidentId: string, userId: string): Promise<CheckinRecord[]>;
  /** A person's planned check-ins in open cases, soonest first. */
  listUpcomingCheckins(channel: ChannelId, userId: string): Promise<CheckinRecord[]>;
  getCheckin(id: string): Promise<CheckinRecord | null>;
  answerCheckin(id: string, answer: { score?: number; wantsTalk?: boolean }, at: Date): Promise<CheckinRecord | null>;
  /** Changes a planned check-in (skip, cancel, move); null when it is no longer planned. */
  updatePlannedCheckin(id: string, change: { status?: CheckinStatus; dueAt?: Date }): Promise<CheckinRecord | null>;
  /** Stops a plan; returns the check-ins it cancelled. */
  stopFollowupPlan(incidentId: string, userId: string, at: Date): Promise<CheckinRecord[]>;
  /** Answered check-ins of a plan, newest first. */
  recentCheckinAnswers(incidentId: string, userId: string, limit: number): Promise<CheckinRecord[]>;
  getWorkProfile(channel: ChannelId, userId: string): Promise<WorkProfileRecord | null>;
  setWorkProfile(channel: ChannelId, userId: string, profile: WorkProfileRecord | null, at: Date): Promise<void>;
  /** Moves pending outbox messages (by idempotency key) to a new due time; returns how many. */
  moveOutbox(keys: string[], dueAt: Date): Promise<number>;
  /** Cancels pending outbox messages by idempotency key; returns how many. */
  cancelOutbox(keys: string[], at: Date): Promise<number>;

  /** Records an inbound event id (e.g. a Slack event_id); true the first time, false for a retry. */
  rememberEvent(key: string, at: Date): Promise<boolean>;
  /** Records several inbound event ids at once; ids already recorded are left as they are. */
  rememberEvents(events: readonly { key: string; at: Date }[]): Promise<void>;
  /** Ids of inbound events recorded at or after `since`. */
  recentEventKeys(since: Date): Promise<string[]>;
}
