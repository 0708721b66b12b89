// GET /readyz: ready when the database answers and has every migration this code ships. Liveness
// (/healthz) stays separate: a replica waiting for migrations is alive, just not to be sent traffic.
import type { Store } from '../ports/store.ts';
import { isStoreUnavailable } from '../ports/store-errors.ts';
import { loadMigrations } from '../storage/migrate.ts';

export interface Readiness {
  ready: boolean;
  /** Why not, in words for an operator (never user data). */
  reason?: string;
  /** Migrations this code ships that the database lacks. */
  missing?: string[];
}

let shipped: string[] | null = null;

/** The versions migrate.ts applies, read once (they ship with the code). */
function shippedMigrations(): string[] {
  shipped ??= loadMigrations().map((m) => m.version);
  return shipped;
}

export async function checkReadiness(store: Store, closing: boolean): Promise<Readiness> {
  // A draining replica takes no new traffic (the load balancer should notice before the port closes).
  if (closing) return { ready: false, reason: 'shutting down' };
  let applied: Set<string>;
  try {
    await store.ping();
    applied = new Set(await store.appliedMigrations());
  } catch (e) {
    return { ready: false, reason: isStoreUnavailable(e) ? 'database unreachable' : 'database error' };
  }
  const missing = shippedMigrations().filter((v) => !applied.has(v));
  // Versions the database has and this code does not are a newer replica's (a rolling upgrade): still ready.
  return missing.length ? { ready: false, reason: 'migrations not applied', missing } : { ready: true };
}
