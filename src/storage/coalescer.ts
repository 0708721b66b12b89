// Batching of the dispatcher's per-row writes (sql-store-outbox.ts): with 40 sends in flight, one
// UPDATE per round instead of one per row keeps the database out of the send path's latency.
import type { Db } from './db.ts';

/**
 * Coalesces per-row writes into one statement per round: calls made while a statement of the same
 * kind is running on the same Db (or in the same tick) go out together as the next one. Each caller
 * still learns its own row's answer, and only once the statement holding its row has committed.
 */
export class Coalescer<A> {
  private queue: { id: string; args: A; resolve: (ok: boolean) => void; reject: (e: unknown) => void }[] = [];
  private busy = false;

  constructor(
    private readonly db: Db,
    private readonly write: (db: Db, rows: { id: string; args: A }[]) => Promise<Set<string>>,
  ) {}

  run(id: string, args: A): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, args, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    // One entry per row in a statement; a second call for the same row waits for the next round.
    const seen = new Set<string>();
    const take: typeof this.queue = [];
    const rest: typeof this.queue = [];
    for (const q of this.queue) {
      if (seen.has(q.id)) rest.push(q);
      else {
        seen.add(q.id);
        take.push(q);
      }
    }
    this.queue = rest;
    try {
      const done = await this.write(this.db, take);
      for (const q of take) q.resolve(done.has(q.id));
    } catch (e) {
      for (const q of take) q.reject(e);
    }
    if (this.queue.length > 0) setImmediate(() => void this.flush());
    else this.busy = false;
  }
}
