// Stopping the dispatcher on PostgreSQL (SIGTERM): a claim round under way when stop() is called
// sends nothing more, and the rows it claimed go back at once, for another replica to send now
// rather than after the lease runs out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChannelSender } from '../../src/ports/channel.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { Dispatcher, type SendResult } from '../../src/scheduler/dispatcher.ts';
import { openStore } from '../../src/storage/open-store.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { freshSchema, type TestSchema } from '../helpers/pg-schema.ts';

let schema: TestSchema;
let store: SqlStore;
const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));

beforeAll(async () => {
  schema = await freshSchema();
  store = await openStore({ dataDir: '', databaseUrl: schema.url() });
});
afterAll(async () => {
  await store?.close();
  await schema?.drop();
});

class Recorder implements ChannelSender {
  readonly channel = 'teams' as const;
  delivered: string[] = [];
  async send(_r: Recipient, _c: unknown, key: string) {
    this.delivered.push(key);
    return { platformMessageId: `pm-${key}` };
  }
}

it('gives back the rows of a claim under way at stop(), and another worker sends them at once', async () => {
  await store.enqueue(
    ['s1', 's2', 's3'].map((key) => ({
      idempotencyKey: key,
      kind: 'test',
      recipient: { channel: 'teams' as const, userId: `u-${key}` },
      card: { id: 'c', fallbackText: 'x', body: [] },
      dueAt: new Date(clock.now().getTime() - 1000),
      incidentId: null,
    })),
  );
  // The real store, with its claim answered only once stop() has been called.
  let stopCalled: () => void = () => undefined;
  const stopping = new Promise<void>((r) => {
    stopCalled = r;
  });
  const claimed: string[] = [];
  const slowClaim = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'claimDue') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<Store['claimDue']>) => {
        const rows = await target.claimDue(...args);
        claimed.push(...rows.map((r) => r.idempotencyKey));
        await stopping;
        return rows;
      };
    },
  }) as Store;
  const sender = new Recorder();
  const results: SendResult[] = [];
  const first = new Dispatcher({
    store: slowClaim,
    clock,
    senders: { teams: sender },
    log: silentLogger,
    workerId: 'w-first',
    leaseMs: 10 * 60_000,
    metrics: { send: (result) => results.push(result) },
  });
  const run = first.runDue();
  while (claimed.length === 0) await new Promise((r) => setTimeout(r, 10));
  const stopped = first.stop();
  stopCalled();
  await stopped;
  expect(await run).toBe(0);
  expect(sender.delivered).toEqual([]);
  expect(claimed.sort()).toEqual(['s1', 's2', 's3']);
  const rows = await store.listOutbox({ status: 'pending' });
  expect(rows.map((r) => [r.idempotencyKey, r.claimedBy, r.attempts])).toEqual([
    ['s1', null, 0],
    ['s2', null, 0],
    ['s3', null, 0],
  ]);
  // Stopped for good: a wake-up after stop (a turn finishing) claims nothing.
  expect(await first.runDue()).toBe(0);

  // The lease (10 min) has not run out, yet another worker sends them as soon as each conversation's
  // pace allows (the claim took its 1 s slot).
  const second = new Dispatcher({
    store,
    clock: new FixedClock(new Date(clock.now().getTime() + 1000)),
    senders: { teams: sender },
    log: silentLogger,
    workerId: 'w-second',
  });
  expect(await second.runDue()).toBe(3);
  expect(sender.delivered.sort()).toEqual(['s1', 's2', 's3']);
  expect(results).toEqual([]);
});
