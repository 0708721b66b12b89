// The operations' part of the Store contract (store-ops.ts), run inside describeStoreContract on both
// stores after its tables were emptied: outbox gauges for /metrics, the applied migrations for /readyz,
// and a stopping worker giving back the rows it claimed but did not start to send.
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { NewOutboxMessage, Store } from '../../src/ports/store.ts';
import { loadMigrations } from '../../src/storage/migrate.ts';

const T0 = new Date('2026-11-27T10:00:00.000Z');
const MIN = 60_000;
const at = (m: number) => new Date(T0.getTime() + m * MIN);
const card: Card = { id: 'test', fallbackText: 'x', body: [] };

const msg = (key: string, dueAt: Date, userId = key): NewOutboxMessage => ({
  idempotencyKey: key,
  kind: 'test',
  recipient: { channel: 'teams', userId },
  card,
  dueAt,
  incidentId: null,
});

export function describeOpsContract(get: () => Store): void {
  describe('operations', () => {
    it('counts pending messages and gives the due time of the oldest one due', async () => {
      const store = get();
      expect(await store.outboxGauges(T0)).toEqual({ pending: 0, oldestDueAt: null });
      await store.enqueue([msg('a', at(-30)), msg('b', at(-5)), msg('c', at(60)), msg('d', at(-60))]);
      // One is sent: it no longer counts.
      const [sent] = await store.claimDue(at(-60), 'w1', MIN, 1);
      expect(sent?.idempotencyKey).toBe('d');
      expect(await store.beginSend(sent!.id, 'w1', T0)).toBe(true);
      expect(await store.markSent(sent!.id, 'w1', 'pm-1', T0)).toBe(true);
      expect(await store.outboxGauges(T0)).toEqual({ pending: 3, oldestDueAt: at(-30) });
      // Not yet due at an earlier time: pending, but no lag.
      expect(await store.outboxGauges(at(-40))).toEqual({ pending: 3, oldestDueAt: null });
    });

    it('lists the migrations applied, which are those the code ships', async () => {
      expect(await get().appliedMigrations()).toEqual(loadMigrations().map((m) => m.version));
    });

    it("gives back a stopping worker's claimed rows whose send has not started, and only those", async () => {
      const store = get();
      await store.enqueue([msg('k1', at(-3)), msg('k2', at(-2)), msg('k3', at(-1)), msg('k4', at(-1), 'other')]);
      const mine = await store.claimDue(T0, 'w-stop', 10 * MIN, 3);
      expect(mine.map((r) => r.idempotencyKey)).toEqual(['k1', 'k2', 'k3']);
      const theirs = await store.claimDue(T0, 'w-other', 10 * MIN, 5);
      expect(theirs.map((r) => r.idempotencyKey)).toEqual(['k4']);
      // k1 is being sent (it may reach the platform): it keeps its lease.
      expect(await store.beginSend(mine[0]!.id, 'w-stop', T0)).toBe(true);

      expect(await store.releaseClaims('w-stop')).toBe(2);
      const byKey = new Map((await store.listOutbox({ status: 'pending' })).map((r) => [r.idempotencyKey, r]));
      expect(byKey.get('k1')).toMatchObject({ claimedBy: 'w-stop', attempts: 1 });
      for (const k of ['k2', 'k3']) {
        // The claim's attempt is undone: it was never tried.
        expect(byKey.get(k)).toMatchObject({ claimedBy: null, leaseUntil: null, attempts: 0 });
      }
      expect(byKey.get('k4')).toMatchObject({ claimedBy: 'w-other', attempts: 1 });
      // Another worker takes them at once, without waiting for the lease to run out.
      const next = await store.claimDue(at(1), 'w-next', 10 * MIN, 5);
      expect(next.map((r) => r.idempotencyKey).sort()).toEqual(['k2', 'k3']);
      expect(await store.releaseClaims('w-stop')).toBe(0);
    });

    it('releases nothing that is sent, dead or cancelled', async () => {
      const store = get();
      await store.enqueue([msg('s1', at(-2)), msg('s2', at(-1))]);
      const [a, b] = await store.claimDue(T0, 'w1', MIN, 2);
      await store.markDead(a!.id, 'w1', 'permanent: gone', T0);
      await store.beginSend(b!.id, 'w1', T0);
      await store.markSent(b!.id, 'w1', 'pm', T0);
      expect(await store.releaseClaims('w1')).toBe(0);
    });
  });
}
