// The part of the Store port for manager deadlines (issue 8): a step's reminder and escalation
// schedule, acknowledging an escalation once, and what a manager has waiting.
import type { StepId, StepState } from '../domain/pathway.ts';
import type { ChannelId } from '../domain/turn.ts';
import type { IncidentRecord } from './store.ts';

/** A step's current reminder and escalation schedule (issue 8). */
export interface StepSchedule {
  incidentId: string;
  step: StepId;
  /** Names this schedule in its outbox keys; a new one replaces it. */
  gen: string;
  ownerId: string | null;
  dueAt: Date;
  /** Asked to take the step over, until they answer. */
  handoverTo: string | null;
  ackedBy: string | null;
  ackedLevel: number | null;
  ackedAt: Date | null;
}

export interface WaitingEscalation {
  incidentId: string;
  ref: string;
  step: StepId;
  gen: string;
  state: StepState;
  dueAt: Date;
  sentAt: Date;
}

export interface DeadlineStore {
  setStepSchedule(s: {
    incidentId: string;
    step: StepId;
    gen: string;
    ownerId: string | null;
    dueAt: Date;
  }): Promise<void>;
  getStepSchedule(incidentId: string, step: StepId): Promise<StepSchedule | null>;
  /** Asks someone to take a step over (null withdraws); false when the schedule changed meanwhile. */
  setHandover(incidentId: string, step: StepId, gen: string, to: string | null): Promise<boolean>;
  /** Records the first acknowledgement of an escalation chain; null for any later one. */
  ackEscalation(a: {
    incidentId: string;
    step: StepId;
    gen: string;
    by: string;
    level: number;
    at: Date;
  }): Promise<StepSchedule | null>;
  /** Cancels an incident's pending messages whose idempotency key starts with `prefix`. */
  cancelOutboxByPrefix(incidentId: string, prefix: string, at: Date): Promise<number>;
  /** Whether a message of this kind for the incident was sent to the person. */
  wasSentTo(incidentId: string, kind: string, channel: ChannelId, userId: string): Promise<boolean>;
  listOwnedOpenSteps(
    channel: ChannelId,
    userId: string,
  ): Promise<{ incident: IncidentRecord; step: StepId; state: StepState; dueAt: Date }[]>;
  listWaitingEscalations(channel: ChannelId, userId: string): Promise<WaitingEscalation[]>;
}
