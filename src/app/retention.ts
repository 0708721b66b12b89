// The retention job (issue 9, GDPR): closed incidents older than the organisation's retention period
// are deleted or anonymised, then what outlived it elsewhere (users in no case, old messages, the
// actor of old audit rows, stored questions). The dispatcher's sweep calls `maybeRun` before every
// claim round; it works at most once an hour per process. Replicas running it at the same time share
// the incidents (SKIP LOCKED) and every statement is guarded, so a second run changes nothing.
import type { AppDeps } from './context.ts';

export const RETENTION_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Incidents per transaction, and transactions per run: a long backlog is worked off over several runs. */
const BATCH = 100;
const MAX_BATCHES = 10;

export interface RetentionResult {
  incidents: number;
  auditRows: number;
  outboxRows: number;
  users: number;
  questions: number;
}

type Deps = Pick<AppDeps, 'store' | 'clock' | 'config' | 'log'>;

/** Runs one retention pass now. */
export async function runRetention(deps: Deps): Promise<RetentionResult> {
  const { store, clock, config, log } = deps;
  const now = clock.now();
  const { closedIncidentDays, mode } = config.retention;
  const cutoff = new Date(now.getTime() - closedIncidentDays * DAY_MS);
  const total: RetentionResult = { incidents: 0, auditRows: 0, outboxRows: 0, users: 0, questions: 0 };
  for (let i = 0; i < MAX_BATCHES; i++) {
    const r = await store.expireIncidents(cutoff, mode, now, BATCH);
    total.incidents += r.incidents;
    total.auditRows += r.auditRows;
    total.outboxRows += r.outboxRows;
    if (r.incidents < BATCH) break;
  }
  // After the incidents: their participants are gone, so their users may go too.
  const purged = await store.purgeExpired(cutoff);
  total.users = purged.users;
  total.auditRows += purged.auditRows;
  total.outboxRows += purged.outboxRows;
  total.questions = purged.questions;
  if (Object.values(total).some((n) => n > 0)) log.info({ event: 'retention.done', mode, ...total }, 'retention');
  return total;
}

/** Rate-limits the job for one process; in memory, so a restart may run it once more (harmless). */
export class RetentionJob {
  private lastRun: number | null = null;
  private running: Promise<RetentionResult | null> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly everyMs = RETENTION_EVERY_MS,
  ) {}

  /** Runs the job if it has not run in the last hour (by the injected clock); never throws. */
  maybeRun(): Promise<RetentionResult | null> {
    if (this.running) return this.running;
    const now = this.deps.clock.now().getTime();
    // A clock moved back (tests, playground) counts as due.
    if (this.lastRun !== null && now >= this.lastRun && now - this.lastRun < this.everyMs) return Promise.resolve(null);
    this.lastRun = now;
    this.running = runRetention(this.deps)
      .catch((e) => {
        this.deps.log.warn({ event: 'retention.failed', err: (e as Error).name }, 'retention failed; retried later');
        return null;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
