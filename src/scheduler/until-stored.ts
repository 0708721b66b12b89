// After a successful platform send, the worker is the only one that knows it happened. If the
// database is briefly gone, keep trying to record it rather than let the lease expire with the row
// "in doubt" (which, on a channel that cannot be asked, would mean it is never retried).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.ts';

/** Runs `write` until it succeeds, for at most about `forMs`; rethrows the last error after that. */
export async function untilStored<T>(write: () => Promise<T>, forMs: number, log: Logger): Promise<T> {
  const deadline = performance.now() + forMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 2000)) {
    try {
      return await write();
    } catch (e) {
      if (performance.now() + wait > deadline) throw e;
      log.warn({ event: 'dispatch.record-retry', err: (e as Error).message, waitMs: wait }, 'could not record a send');
      await sleep(wait);
    }
  }
}
