// Sends due outbox rows through their channel, exactly once from the user's point of view:
// rows are leased to one worker (FOR UPDATE SKIP LOCKED), at most one per conversation per
// `spacingMs`, marked sent with the platform's id, and retried with backoff (honouring Retry-After)
// or marked dead when the platform refuses for good.
//
// Exactly once across crashes (see in-doubt.ts): each send is recorded (send_started_at, committed)
// before the platform call and cleared when the platform answers. A row claimed again with that mark
// was being sent by a worker that died; it is resent only if its channel can say it did not arrive.
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import { SendError } from '../ports/channel.ts';
import type { OutboxRecord } from '../ports/store.ts';
import { isStoreUnavailable, storeErrorCode } from '../ports/store-errors.ts';
import type { DispatcherOptions } from './dispatcher-options.ts';
import { resolveInDoubt } from './in-doubt.ts';
import { untilStored } from './until-stored.ts';

export type { DispatcherOptions, DispatchMetrics, SendResult } from './dispatcher-options.ts';

const MINUTE = 60_000;
/** How soon a caught-up pump with sends out claims again. */
const CAUGHT_UP_POLL_MS = 20;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class Dispatcher {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly maxAttempts: number;
  private readonly spacingMs: number;
  private readonly random: () => number;
  private running: Promise<number> | null = null;
  private again = false;
  private task: ScheduledTask | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSweep: number | null = null;
  /** Set by stop(): no more claims, and claimed rows not yet started are left for releaseClaims. */
  private stopping = false;

  constructor(private readonly o: DispatcherOptions) {
    this.workerId = o.workerId ?? `w-${randomUUID().slice(0, 8)}`;
    this.leaseMs = o.leaseMs ?? 2 * MINUTE;
    this.batchSize = o.batchSize ?? 40;
    this.maxInFlight = Math.max(o.maxInFlight ?? this.batchSize, 1);
    this.maxAttempts = o.maxAttempts ?? 12;
    this.spacingMs = o.spacingMs ?? 1000;
    this.random = o.random ?? Math.random;
  }

  /** node-cron only wakes the dispatcher; the store decides what is due. */
  start(schedule = '*/5 * * * * *'): void {
    this.task = cron.schedule(schedule, () => this.wake(), { noOverlap: true });
  }

  /**
   * Stops for good: no new claims, sends under way finish and are recorded, and rows this worker
   * claimed but did not start are given back, so another replica sends them now, not after the lease.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
    this.task = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    try {
      const released = await this.o.store.releaseClaims(this.workerId);
      if (released > 0) this.o.log.info({ event: 'dispatch.released', released }, 'claims released');
    } catch (e) {
      // Their lease runs out instead: sent later, never lost.
      this.o.log.warn({ event: 'dispatch.release_failed', err: (e as Error).name }, 'claims not released');
    }
  }

  /**
   * Runs soon; calls while a run is under way coalesce into one more run. While started, it also
   * wakes itself for the next due row or conversation slot sooner than the next tick.
   */
  wake(): void {
    void this.runDue()
      .then(() => (this.task ? this.armTimer() : undefined))
      .catch(() => undefined);
  }

  /** Sends everything due now; resolves with the number sent. A database outage pauses until the next wake. */
  runDue(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async armTimer(): Promise<void> {
    const next = await this.o.store.nextDue();
    if (!next || !this.task) return;
    const delay = Math.max(10, next.getTime() - this.o.clock.now().getTime());
    if (delay > 5000) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, delay);
    this.timer.unref();
  }

  private async loop(): Promise<number> {
    const { log } = this.o;
    let sent = 0;
    do {
      this.again = false;
      await this.sweep();
      try {
        sent += await this.pump();
      } catch (e) {
        // Either way the next wake tries again; an outage is expected, anything else is a bug to look at.
        if (isStoreUnavailable(e))
          log.warn({ event: 'dispatch.paused', err: storeErrorCode(e) }, 'database unreachable; will retry');
        else log.error({ event: 'dispatch.failed', err: storeErrorCode(e) }, 'sending failed; will retry');
        return sent;
      }
    } while (this.again && !this.stopping);
    return sent;
  }

  private async sweep(): Promise<void> {
    if (!this.o.sweep) return;
    const now = this.o.clock.now().getTime();
    const since = now - (this.lastSweep ?? Number.NEGATIVE_INFINITY);
    if (since >= 0 && since < (this.o.sweepEveryMs ?? 5000)) return;
    this.lastSweep = now;
    try {
      await this.o.sweep();
    } catch (e) {
      this.o.log.warn({ event: 'dispatch.sweep_failed', err: (e as Error).name }, 'sweep failed; sending goes on');
    }
  }

  /**
   * Claims and sends until a claim comes back short with no send out (nothing more is due), keeping up to
   * maxInFlight sends out: more rows are claimed as soon as a quarter of that room is free. Resolves
   * when every send it started has been recorded; rejects (after that) if recording one failed.
   */
  private async pump(): Promise<number> {
    const { store, clock } = this.o;
    const inFlight = new Set<Promise<void>>();
    /** Rows being sent: a claim may hand one back when the clock jumped past its lease (the playground's). */
    const sending = new Set<string>();
    let sent = 0;
    // Set by a send's callback (a holder, so the checks below are not narrowed away).
    const failed: { reason?: unknown; at?: true } = {};
    const room = () => this.maxInFlight - inFlight.size;
    const wanted = () => Math.min(this.batchSize, room());
    try {
      for (;;) {
        // Wait for room for at least a quarter of what may be out.
        while (
          inFlight.size > 0 &&
          !failed.at &&
          wanted() < Math.min(this.batchSize, Math.ceil(this.maxInFlight / 4))
        ) {
          await Promise.race(inFlight);
        }
        if (failed.at || this.stopping) break;
        const limit = wanted();
        const batch = await store.claimDue(clock.now(), this.workerId, this.leaseMs, limit, this.spacingMs);
        // Paced batches hold one row per conversation, so they can go out side by side.
        for (const row of batch) {
          if (sending.has(row.id)) continue;
          sending.add(row.id);
          const p: Promise<void> = this.deliver(row).then(
            (ok) => {
              if (ok) sent++;
            },
            (e: unknown) => {
              if (!failed.at) Object.assign(failed, { reason: e, at: true });
            },
          );
          const tracked = p.finally(() => {
            inFlight.delete(tracked);
            sending.delete(row.id);
          });
          inFlight.add(tracked);
        }
        if (batch.length < limit) {
          if (inFlight.size === 0) break;
          // Caught up while sends are still out: look again shortly rather than after the slowest of
          // them, so what falls due meanwhile waits one poll, not a whole round of sends.
          await Promise.race([...inFlight, sleep(CAUGHT_UP_POLL_MS)]);
        }
      }
    } finally {
      await Promise.all(inFlight);
    }
    if (failed.at) throw failed.reason;
    return sent;
  }

  private async deliver(row: OutboxRecord): Promise<boolean> {
    const { store, clock, log } = this.o;
    // Claimed while stop() was called: left unstarted for releaseClaims.
    if (this.stopping) return false;
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
      this.o.metrics?.send('dead', row);
      return false;
    }
    if (row.sendStartedAt) {
      const verdict = await resolveInDoubt(row, sender, {
        store,
        workerId: this.workerId,
        now: clock.now(),
        retryAt: (err) => new Date(clock.now().getTime() + this.backoffMs(row.attempts, err)),
      });
      log.warn({ ...meta, result: `in-doubt:${verdict}` }, 'previous send of this message was interrupted');
      this.o.metrics?.send('in-doubt', row);
      if (verdict !== 'not-sent') return verdict === 'sent';
      if (this.stopping) return false;
    }
    // Retried on a lost connection: its commit may have happened, and only we hold the lease.
    const mine = await untilStored(() => store.beginSend(row.id, this.workerId, clock.now()), this.leaseMs / 4, log);
    if (!mine) return false;
    const started = performance.now();
    let result: { platformMessageId: string | null };
    try {
      result = await sender.send(row.recipient, row.card, row.idempotencyKey);
    } catch (e) {
      const err = e instanceof SendError ? e : new SendError('transient', (e as Error).message);
      // Recording the refusal also clears the in-doubt mark: keep at it through a database blip.
      await untilStored(() => this.failed(row, err, meta), this.leaseMs / 2, log);
      return false;
    }
    // Sent: only our own death may now keep this from the store, never a database outage.
    const kept = await untilStored(
      () => store.markSent(row.id, this.workerId, result.platformMessageId, clock.now()),
      this.leaseMs / 2,
      log,
    );
    log.info({ ...meta, result: kept ? 'sent' : 'lease-lost', ms: Math.round(performance.now() - started) }, 'sent');
    if (kept) this.o.metrics?.send('sent', row);
    if (kept && this.o.auditKinds?.has(row.kind)) await this.audit(row);
    return kept;
  }

  private async audit(row: OutboxRecord): Promise<void> {
    const { store, clock, log } = this.o;
    const entry = {
      at: clock.now(),
      actorChannel: 'system' as const,
      actorId: this.workerId,
      action: `${row.kind}.sent`,
      incidentId: row.incidentId,
      detail: { recipientChannel: row.recipient.channel, recipient: row.recipient.userId, key: row.idempotencyKey },
    };
    // The message is out and marked sent; a lost audit line is logged, never a reason to send again.
    await untilStored(() => store.appendAudit(entry), this.leaseMs / 2, log).catch((e: Error) =>
      log.error({ event: 'dispatch.audit_failed', err: e.name, key: row.idempotencyKey }, 'audit not written'),
    );
  }

  private async failed(row: OutboxRecord, err: SendError, meta: Record<string, unknown>): Promise<void> {
    const { store, clock, log } = this.o;
    if (err.failure === 'permanent' || row.attempts >= this.maxAttempts) {
      await store.markDead(row.id, this.workerId, `${err.failure}: ${err.message}`, clock.now());
      log.warn({ ...meta, result: 'dead', failure: err.failure }, 'message given up');
      this.o.metrics?.send('dead', row);
      return;
    }
    const next = new Date(clock.now().getTime() + this.backoffMs(row.attempts, err));
    // A 429 is about the conversation: hold its other messages too, not anyone else's.
    if (err.failure === 'throttled') await store.pauseRecipient(row.recipient, next);
    await store.markRetry(row.id, this.workerId, `${err.failure}: ${err.message}`, next);
    log.warn({ ...meta, result: 'retry', failure: err.failure, retryAt: next.toISOString() }, 'send failed; retrying');
    this.o.metrics?.send('retry', row);
  }

  /** Retry-After when the platform gives one; else exponential from 5 s, capped at 1 h, with ±25 % jitter. */
  backoffMs(attempts: number, err: SendError): number {
    if (err.failure === 'throttled' && err.retryAfterMs !== undefined) return Math.max(err.retryAfterMs, 1000);
    const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);
    return Math.round(base * (0.75 + this.random() * 0.5));
  }
}
