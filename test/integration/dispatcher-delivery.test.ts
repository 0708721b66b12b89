// What happens to a message whose sender died mid-send (Slack is asked, Teams is not resent), and
// to one the platform refuses for good (dead, with the reason, listed for an admin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { IN_DOUBT } from '../../src/scheduler/in-doubt.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { type DeliveryRig, startDeliveryRig } from '../helpers/delivery-rig.ts';
import { freshSchema, type TestSchema } from '../helpers/pg-schema.ts';

const T0 = new Date('2026-11-27T10:00:00Z');
const LEASE = 60_000;

describe('dispatcher delivery outcomes (PostgreSQL)', () => {
  let schema: TestSchema;
  let store: Store;
  let rig: DeliveryRig;
  const clock = new FixedClock(T0);

  beforeAll(async () => {
    schema = await freshSchema();
    store = await openStore({ dataDir: '', databaseUrl: schema.url() });
    rig = await startDeliveryRig();
  });
  afterAll(async () => {
    await rig?.close();
    await store?.close();
    await schema?.drop();
  });

  const dispatcher = () =>
    new Dispatcher({ store, clock, senders: rig.senders(), log: silentLogger, leaseMs: LEASE, workerId: 'w2' });

  /** A worker that records the attempt, maybe reaches the platform, and dies before recording the answer. */
  async function crashMidSend(key: string, reached: boolean): Promise<void> {
    const [row] = await store.claimDue(clock.now(), 'dead-worker', LEASE, 1);
    expect(row?.idempotencyKey).toBe(key);
    expect(await store.beginSend(row!.id, 'dead-worker', clock.now())).toBe(true);
    if (reached) await rig.senders()[row!.recipient.channel as 'teams' | 'slack'].send(row!.recipient, row!.card, key);
    clock.advance(LEASE + 1);
  }

  it('Slack: looks the key up after a crash; records a delivered message as sent, resends one that never left', async () => {
    await store.enqueue([rig.message('s-arrived', rig.recipient('slack', 1), clock.now())]);
    await crashMidSend('s-arrived', true);
    expect(await dispatcher().runDue()).toBe(1);
    const [row] = (await store.listOutbox({ status: 'sent' })).filter((m) => m.idempotencyKey === 's-arrived');
    expect(row?.platformMessageId).toMatch(/^\d+\.\d+$/);
    expect(rig.delivered.get('s-arrived')).toBe(1);

    await store.enqueue([rig.message('s-lost', rig.recipient('slack', 2), clock.now())]);
    await crashMidSend('s-lost', false);
    expect(await dispatcher().runDue()).toBe(1);
    expect(rig.delivered.get('s-lost')).toBe(1);
  });

  it('Teams: cannot be asked, so a message in doubt is not resent but shown to an admin', async () => {
    await store.enqueue([rig.message('t-doubt', rig.recipient('teams', 1), clock.now())]);
    await crashMidSend('t-doubt', true);
    expect(await dispatcher().runDue()).toBe(0);
    expect(rig.delivered.get('t-doubt')).toBe(1);
    const dead = (await store.listOutbox({ status: 'dead' })).find((m) => m.idempotencyKey === 't-doubt');
    expect(dead?.lastError).toMatch(new RegExp(`^${IN_DOUBT}: `));
  });

  it('marks a message dead with the reason when the person is gone or the bot is blocked', async () => {
    const refusals = [
      { key: 'gone-403', channel: 'teams' as const, status: 403 },
      { key: 'gone-404', channel: 'teams' as const, status: 404 },
      ...['user_not_found', 'account_inactive', 'is_archived', 'cannot_dm_bot'].map((error) => ({
        key: `gone-${error}`,
        channel: 'slack' as const,
        error,
      })),
    ];
    const plan = new Map(refusals.map((r, i) => [`${r.channel}:${r.channel === 'teams' ? 'u' : 'U'}${50 + i}`, r]));
    rig.fault = (_n, recipient) => {
      const r = plan.get(recipient.replace(/^slack:D/, 'slack:U'));
      if (!r) return null;
      return 'status' in r ? { status: r.status } : { status: 200, body: { ok: false, error: r.error } };
    };
    await store.enqueue(refusals.map((r, i) => rig.message(r.key, rig.recipient(r.channel, 50 + i), clock.now())));
    expect(await dispatcher().runDue()).toBe(0);
    clock.advance(24 * 3_600_000);
    expect(await dispatcher().runDue()).toBe(0);
    const dead = new Map((await store.listOutbox({ status: 'dead' })).map((m) => [m.idempotencyKey, m]));
    expect(dead.get('gone-403')?.lastError).toBe('permanent: teams: http 403');
    expect(dead.get('gone-404')?.lastError).toBe('permanent: teams: http 404');
    for (const code of ['user_not_found', 'account_inactive', 'is_archived', 'cannot_dm_bot']) {
      expect(dead.get(`gone-${code}`)?.lastError).toBe(`permanent: slack: ${code}`);
      expect(dead.get(`gone-${code}`)?.attempts).toBe(1);
    }
    rig.fault = () => null;
  });
});
