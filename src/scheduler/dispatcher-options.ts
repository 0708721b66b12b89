// What a Dispatcher (dispatcher.ts) is given: its store, clock and senders, and the knobs that set its
// pace, with the reasons for their defaults.
import type { ChannelId } from '../domain/turn.ts';
import type { Logger } from '../log.ts';
import type { ChannelSender } from '../ports/channel.ts';
import type { Clock } from '../ports/clock.ts';
import type { OutboxRecord, Store } from '../ports/store.ts';

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  senders: Partial<Record<ChannelId, ChannelSender>>;
  log: Logger;
  workerId?: string;
  leaseMs?: number;
  /**
   * Rows per claim (default 40). With 20–60 ms sends, 40 in flight per process carry the 1 200/s of
   * bench/schedule on three processes with p99 lag 0.26 s (20 carried 1 050/s, p99 7 s).
   */
  batchSize?: number;
  /**
   * Sends in flight at once (default batchSize): the next rows are claimed as soon as a quarter of
   * that is free, instead of waiting for the slowest send of each batch. It is also what a crash can
   * leave "in doubt" (a Teams message then goes to an admin, not out again), so keep it modest.
   */
  maxInFlight?: number;
  /** Give up on transient failures after this many attempts. */
  maxAttempts?: number;
  /**
   * Least time between two messages to one conversation. Teams allows about 7/s and Slack about
   * 1/s per conversation (DESIGN §9), so 1 s (the default) suits both; 0 turns pacing off.
   */
  spacingMs?: number;
  random?: () => number;
  /**
   * Runs before each round of claims (the core's sweep: late check-ins re-planned, weekly summaries
   * enqueued). A failure is logged and sending goes on: the claim itself never hands out what the
   * sweep should have moved.
   */
  sweep?: () => Promise<unknown>;
  /** Least clock time between two sweeps (default 5 s, the tick): a burst of wake-ups sweeps once. */
  sweepEveryMs?: number;
  /** Kinds whose delivery goes into the audit log (an escalation notice must be traceable). */
  auditKinds?: ReadonlySet<string>;
  /** Told the result of every send (src/ops/metrics.ts counts them); must not throw. */
  metrics?: DispatchMetrics;
}

/** `in-doubt`: a row whose earlier send was interrupted, whatever its resolution. */
export type SendResult = 'sent' | 'retry' | 'dead' | 'in-doubt';

export interface DispatchMetrics {
  send(result: SendResult, row: OutboxRecord): void;
}
