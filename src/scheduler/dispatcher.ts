// Sends due outbox rows through their channel, exactly once from the user's point of view:
// rows are leased to one worker (FOR UPDATE SKIP LOCKED), marked sent with the platform's id, and
// retried with backoff (honouring Retry-After) or marked dead when the platform refuses for good.
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { ChannelId } from '../domain/turn.ts';
import type { Logger } from '../log.ts';
import { type ChannelSender, SendError } from '../ports/channel.ts';
import type { Clock } from '../ports/clock.ts';
import type { OutboxRecord, Store } from '../ports/store.ts';

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  senders: Partial<Record<ChannelId, ChannelSender>>;
  log: Logger;
  workerId?: string;
  leaseMs?: number;
  batchSize?: number;
  /** Give up on transient failures after this many attempts. */
  maxAttempts?: number;
  random?: () => number;
}

const MINUTE = 60_000;

export class Dispatcher {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly random: () => number;
  private running: Promise<number> | null = null;
  private again = false;
  private task: ScheduledTask | null = null;

  constructor(private readonly o: DispatcherOptions) {
    this.workerId = o.workerId ?? `w-${randomUUID().slice(0, 8)}`;
    this.leaseMs = o.leaseMs ?? 2 * MINUTE;
    this.batchSize = o.batchSize ?? 20;
    this.maxAttempts = o.maxAttempts ?? 12;
    this.random = o.random ?? Math.random;
  }

  /** node-cron only wakes the dispatcher; the store decides what is due. */
  start(schedule = '*/5 * * * * *'): void {
    this.task = cron.schedule(schedule, () => this.wake(), { noOverlap: true });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
    await this.running;
  }

  /** Runs soon; calls while a run is under way coalesce into one more run. */
  wake(): void {
    void this.runDue().catch(() => undefined);
  }

  /** Sends everything due now; resolves with the number sent. A database outage pauses until the next wake. */
  runDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<number> {
    let sent = 0;
    do {
      this.again = false;
      try {
        for (;;) {
          const batch = await this.o.store.claimDue(this.o.clock.now(), this.workerId, this.leaseMs, this.batchSize);
          if (batch.length === 0) break;
          for (const row of batch) if (await this.deliver(row)) sent++;
        }
      } catch (e) {
        this.o.log.warn({ event: 'dispatch.paused', err: (e as Error).message }, 'outbox unavailable; will retry');
        return sent;
      }
    } while (this.again);
    return sent;
  }

  private async deliver(row: OutboxRecord): Promise<boolean> {
    const { store, clock, log } = this.o;
    const sender = this.o.senders[row.recipient.channel];
    const meta = {
      event: 'dispatch',
      id: row.id,
      kind: row.kind,
      channel: row.recipient.channel,
      attempt: row.attempts,
    };
    if (!sender) {
      await store.markDead(row.id, this.workerId, 'no sender for channel', clock.now());
      log.error({ ...meta, result: 'dead' }, 'no sender for channel');
      return false;
    }
    const started = performance.now();
    try {
      const { platformMessageId } = await sender.send(row.recipient, row.card, row.idempotencyKey);
      const kept = await store.markSent(row.id, this.workerId, platformMessageId, clock.now());
      log.info({ ...meta, result: kept ? 'sent' : 'lease-lost', ms: Math.round(performance.now() - started) }, 'sent');
      return kept;
    } catch (e) {
      const err = e instanceof SendError ? e : new SendError('transient', (e as Error).message);
      if (err.failure === 'permanent' || row.attempts >= this.maxAttempts) {
        await store.markDead(row.id, this.workerId, `${err.failure}: ${err.message}`, clock.now());
        log.warn({ ...meta, result: 'dead', failure: err.failure }, 'message given up');
      } else {
        const next = new Date(clock.now().getTime() + this.backoffMs(row.attempts, err));
        await store.markRetry(row.id, this.workerId, `${err.failure}: ${err.message}`, next);
        log.warn(
          { ...meta, result: 'retry', failure: err.failure, retryAt: next.toISOString() },
          'send failed; retrying',
        );
      }
      return false;
    }
  }

  /** Retry-After when the platform gives one; else exponential from 5 s, capped at 1 h, with ±25 % jitter. */
  backoffMs(attempts: number, err: SendError): number {
    if (err.failure === 'throttled' && err.retryAfterMs !== undefined) return Math.max(err.retryAfterMs, 1000);
    const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);
    return Math.round(base * (0.75 + this.random() * 0.5));
  }
}
