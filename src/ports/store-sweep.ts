// The part of the Store port the dispatcher's sweep uses (src/app/followup-sweep.ts): stale check-ins
// re-planned, messages that can no longer help cancelled, and the peer supporters' weekly summaries.
import type { ChannelId } from '../domain/turn.ts';
import type { CheckinRecord, WorkProfileRecord } from './store.ts';

/** A planned check-in whose outbox message is more than a day overdue. */
export interface StaleCheckin {
  checkin: CheckinRecord;
  outboxId: string;
  /** The message's due time (the check-in's, unless a retry moved it). */
  outboxDueAt: Date;
}

/** A peer supporter with at least one accepted open case that has a check-in ahead. */
export interface ActivePeerSupporter {
  channel: ChannelId;
  userId: string;
  timeZone: string | null;
  workProfile: WorkProfileRecord | null;
}

/** One person a peer supporter supports, in one case: name and next date only. */
export interface SupportedPerson {
  incidentId: string;
  ref: string;
  userId: string;
  displayName: string | null;
  nextCheckinAt: Date;
}

export interface SweepStore {
  /**
   * Planned check-ins in open cases whose pending, unleased check-in message fell due before `cutoff`
   * (the claim never hands those out), earliest first.
   */
  listStaleCheckins(cutoff: Date, now: Date, limit: number): Promise<StaleCheckin[]>;
  /**
   * Moves a stale check-in and its message to `to`, only while the message is still pending, due
   * before `cutoff` and unleased at `now`, and the check-in planned; null otherwise. A message another
   * replica is moving at that moment is skipped (null), not waited for.
   */
  moveStaleCheckin(
    checkinId: string,
    outboxId: string,
    to: Date,
    cutoff: Date,
    now: Date,
  ): Promise<CheckinRecord | null>;
  /**
   * Cancels messages that can no longer help: a check-in message due before `cutoff` whose check-in is
   * no longer planned in an open case, and a due peer reminder whose check-in is no longer ahead of
   * `now`. Leased rows, and reminders whose send may have started, are left alone. Returns how many.
   */
  cancelPastFollowupMessages(cutoff: Date, now: Date): Promise<number>;
  /** Peer supporters (accepted, open case) of someone with a planned check-in at or after `now`. */
  listActivePeerSupporters(now: Date): Promise<ActivePeerSupporter[]>;
  /** Whom a peer supporter supports: each person's next planned check-in per open case, soonest first. */
  listSupportedPeople(channel: ChannelId, peerId: string, now: Date): Promise<SupportedPerson[]>;
  /** Which of these idempotency keys an outbox message has already (any status). */
  existingOutboxKeys(keys: string[]): Promise<string[]>;
}
