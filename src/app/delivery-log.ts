// Which inbound deliveries (a Slack event_id, a Teams activity id) were handled already, so a
// platform's retry is answered once, across restarts and replicas.
//
// On a shared database (PostgreSQL, several replicas) every check is an atomic insert in the store.
// On the embedded database this process is the only user (the data-dir lock), so the ids of the
// last `windowMs` live in memory, loaded from the store at start, and new ids are written behind
// in batches: a turn does not wait for a database write. The table is UNLOGGED either way, so a
// crash could always forget recent ids; writing behind widens that by at most `flushMs`.
import type { Logger } from 'pino';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store.ts';

export interface DeliveryLogOptions {
  /** How long an id is remembered in memory; platforms retry within minutes. */
  windowMs?: number;
  /** Most ids kept in memory; past it, misses are checked in the store again for a window. */
  max?: number;
  /** How long new ids wait before they are written together. */
  flushMs?: number;
}

export class DeliveryLog {
  private readonly seen = new Map<string, number>();
  private pending: { key: string; at: Date }[] = [];
  private loaded = false;
  /** Until then a miss in memory may be an id evicted for space: ask the store. */
  private checkStoreUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly windowMs: number;
  private readonly max: number;
  private readonly flushMs: number;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: DeliveryLogOptions = {},
  ) {
    this.windowMs = opts.windowMs ?? 60 * 60_000;
    this.max = opts.max ?? 100_000;
    this.flushMs = opts.flushMs ?? 50;
  }

  /** Loads the recent ids (embedded store only). Until it is done, every check asks the store. */
  async load(): Promise<void> {
    if (!this.store.exclusive || this.loaded) return;
    const now = this.clock.now().getTime();
    const keys = await this.store.recentEventKeys(new Date(now - this.windowMs));
    // Ids checked while loading are already in memory with their own time; the rest are as old as the window allows.
    for (const key of keys) if (!this.seen.has(key)) this.note(key, now);
    this.loaded = true;
  }

  /** True the first time `key` is seen, false for a retry. */
  async first(key: string): Promise<boolean> {
    const now = this.clock.now();
    const ms = now.getTime();
    if (!this.store.exclusive || !this.loaded || ms < this.checkStoreUntil) {
      if (this.store.exclusive && this.seen.has(key)) return false;
      const first = await this.store.rememberEvent(key, now);
      if (this.store.exclusive) this.note(key, ms);
      return first;
    }
    if (this.seen.has(key)) return false;
    this.note(key, ms);
    this.pending.push({ key, at: now });
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return true;
  }

  /** Writes the ids not yet in the store; on failure they stay queued for the next try. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      if (batch.length === 0) return;
      this.pending = [];
      try {
        await this.store.rememberEvents(batch);
      } catch (err) {
        this.pending = batch.concat(this.pending);
        this.log.warn({ event: 'deliveries.flush_failed', count: batch.length, err: String(err) }, 'deliveries');
        this.timer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.flushing;
  }

  private note(key: string, at: number): void {
    this.seen.delete(key);
    this.seen.set(key, at);
    // Map order is insertion order, so the oldest ids are at the front.
    for (const [oldest, seenAt] of this.seen) {
      if (seenAt >= at - this.windowMs && this.seen.size <= this.max) break;
      this.seen.delete(oldest);
      if (seenAt >= at - this.windowMs) this.checkStoreUntil = Math.max(this.checkStoreUntil, seenAt + this.windowMs);
    }
  }
}
