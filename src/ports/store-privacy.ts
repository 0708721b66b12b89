// The part of the Store port for data protection (issue 9, GDPR): the retention job's deletes and
// anonymisation, and a person's export and erasure (`ivareta data export|erase`).
import type { ChannelId } from '../domain/turn.ts';
import type { ParticipantRole, UserRecord, WorkProfileRecord } from './store.ts';

export type RetentionMode = 'delete' | 'anonymise';

/** What one retention pass removed or anonymised (counts only). */
export interface RetentionCounts {
  incidents: number;
  auditRows: number;
  outboxRows: number;
}

export interface PurgeCounts {
  users: number;
  auditRows: number;
  outboxRows: number;
  questions: number;
}

/** Everything held about one person on one channel. */
export interface PersonData {
  channel: ChannelId;
  profile: UserRecord | null;
  workProfile: WorkProfileRecord | null;
  /** Incidents they take part in (or reported), with their roles; they may see these. */
  incidents: {
    id: string;
    ref: string;
    roles: ParticipantRole[];
    summary: string;
    category: string;
    status: string;
    occurredAt: Date;
    createdAt: Date;
    closedAt: Date | null;
  }[];
  /** Steps they own or last changed: names and states, not the answers (those are the case's). */
  steps: { incidentId: string; step: string; state: string; dueAt: Date | null; owner: boolean }[];
  followupPlans: { incidentId: string; tellManager: boolean | null; stoppedAt: Date | null; createdAt: Date }[];
  checkins: {
    incidentId: string;
    seq: number;
    dueAt: Date;
    status: string;
    score: number | null;
    wantsTalk: boolean | null;
    answeredAt: Date | null;
  }[];
  /** Audit entries where they are the actor. */
  audit: { at: Date; action: string; incidentId: string | null; detail: Record<string, unknown> | null }[];
  /** Messages waiting to be sent to them: kind and due time only. */
  pendingMessages: { kind: string; dueAt: Date }[];
}

export interface ErasureCounts {
  users: number;
  participants: number;
  reportedIncidents: number;
  steps: number;
  schedules: number;
  followupPlans: number;
  checkins: number;
  outboxCancelled: number;
  outboxCleared: number;
  /** Messages to other people that named the person, now with the incident's pseudonym. */
  outboxRenamed: number;
  auditRows: number;
}

export interface PrivacyStore {
  /**
   * Anonymises or deletes up to `limit` incidents closed before `cutoff` and not anonymised yet, with
   * their outbox rows; their audit rows stay with the actor and ids removed. Rows another replica is
   * handling are skipped (SKIP LOCKED); an incident is handled once. Returns counts.
   */
  expireIncidents(cutoff: Date, mode: RetentionMode, now: Date, limit: number): Promise<RetentionCounts>;
  /**
   * Removes what outlived `cutoff` outside incidents: users in no incident and not seen since, the
   * actor of audit rows without an incident, sent or dead messages without an incident, stored questions.
   */
  purgeExpired(cutoff: Date): Promise<PurgeCounts>;
  exportPerson(channel: ChannelId, userId: string): Promise<PersonData>;
  /** Removes or pseudonymises the person's data (see sql-store-person.ts); run it in a transaction. */
  erasePerson(channel: ChannelId, userId: string, at: Date): Promise<ErasureCounts>;
}
