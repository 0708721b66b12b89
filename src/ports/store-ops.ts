// The part of the Store port that operations use: what /metrics and /readyz read on each scrape
// (cheap queries only), and what a replica gives back when it shuts down.

/** The outbox as a scrape sees it. */
export interface OutboxGauges {
  /** Pending messages (due or not). */
  pending: number;
  /** Due time of the oldest pending message due at `now`; null when none is due. */
  oldestDueAt: Date | null;
}

export interface OpsStore {
  outboxGauges(now: Date): Promise<OutboxGauges>;
  /** Versions recorded in schema_migrations (empty when the table does not exist yet). */
  appliedMigrations(): Promise<string[]>;
  /**
   * Gives back the pending rows `workerId` has claimed but not started to send (no send_started_at):
   * their lease is cleared and the claim's attempt undone, so another replica takes them at once
   * instead of waiting for the lease to run out. Returns how many.
   */
  releaseClaims(workerId: string): Promise<number>;
}
