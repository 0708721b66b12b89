// The dispatcher against the real Teams and Slack senders, fake platforms behind a fault proxy, and a
// real PostgreSQL (a fresh schema per file): throttling and 5xx, connections cut, and three
// dispatcher processes with one killed mid-batch. Counted at the platform, per idempotency key.
// Escalation notices of an open case (issue 8) are in each mix, keyed as the ladder keys them.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { NewOutboxMessage, Store } from '../../src/ports/store.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { IN_DOUBT } from '../../src/scheduler/in-doubt.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { type DeliveryRig, startDeliveryRig } from '../helpers/delivery-rig.ts';
import { freshSchema, type TestSchema } from '../helpers/pg-schema.ts';

const T0 = new Date('2026-11-27T10:00:00Z');
const WORKER = fileURLToPath(new URL('../helpers/dispatcher-worker.ts', import.meta.url));

/** Seeded, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('dispatcher under faults (PostgreSQL)', () => {
  let schema: TestSchema;
  let rig: DeliveryRig;
  let store: Store;
  let incidentId: string;

  /** An escalation notice as the ladder plans it (src/app/deadlines.ts), on the rig's countable card. */
  const escalation = (tag: string, level: number, recipient: Recipient, dueAt: Date): NewOutboxMessage => ({
    ...rig.message(`deadline:${incidentId}:support:g${tag}:esc:${level}:0:${recipient.userId}`, recipient, dueAt),
    kind: 'escalation.notice',
    incidentId,
  });
  const isEscalation = (m: { kind: string }) => m.kind === 'escalation.notice';

  beforeAll(async () => {
    schema = await freshSchema();
    store = await openStore({ dataDir: '', databaseUrl: schema.url('ivr-faults-main') });
    // An open case, so the notices meet the claim's test on their incident as they would in service.
    const incident = await store.createIncident(
      {
        channel: 'teams',
        tenantId: null,
        reporterId: 'u-reporter',
        summary: 'fault test',
        category: 'other',
        occurredAt: T0,
        createdAt: T0,
      },
      [{ userId: 'u-reporter', role: 'reporter' }],
    );
    incidentId = incident.id;
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('delivers every message once through a 429 on every third send and random 503s, paced per person', async () => {
    rig = await startDeliveryRig();
    const clock = new FixedClock(T0);
    const random = rng(7);
    const sentAt = new Map<string, number[]>();
    rig.fault = (n, recipient) => {
      const at = clock.now().getTime();
      sentAt.set(recipient, [...(sentAt.get(recipient) ?? []), at]);
      if (n % 3 === 0) return { status: 429, headers: { 'retry-after': '3' } };
      return random() < 0.2 ? { status: 503 } : null;
    };
    // 8 people on each platform get one message; two of them get five more, all due at once.
    const messages = [];
    for (const channel of ['teams', 'slack'] as const) {
      for (let i = 0; i < 8; i++) messages.push(rig.message(`a-${channel}-${i}`, rig.recipient(channel, i), T0));
      for (let k = 0; k < 5; k++) messages.push(rig.message(`b-${channel}-${k}`, rig.recipient(channel, 0), T0));
      // Two levels of a ladder, to a person who also has check-ins waiting, and to another.
      for (const [level, i] of [
        [0, 0],
        [1, 3],
      ] as const)
        messages.push(escalation(`429${channel}`, level, rig.recipient(channel, i), T0));
    }
    await store.enqueue(messages);
    const d = new Dispatcher({
      store,
      clock,
      senders: rig.senders(),
      log: silentLogger,
      random: () => 0.5,
      auditKinds: new Set(['escalation.notice']),
    });
    for (let i = 0; i < 400 && (await store.listOutbox({ status: 'pending' })).length > 0; i++) {
      await d.runDue();
      const next = await store.nextDue();
      if (next && next > clock.now()) clock.set(next);
    }
    expect(await store.listOutbox({ status: 'pending' })).toEqual([]);
    expect((await store.listOutbox({ status: 'sent' })).length).toBe(messages.length);
    expect(rig.duplicates()).toEqual([]);
    expect([...rig.delivered.keys()].sort()).toEqual(messages.map((m) => m.idempotencyKey).sort());
    // Each escalation notice reached its person once and is in the audit log once.
    const notices = messages.filter(isEscalation).map((m) => m.idempotencyKey);
    expect(notices).toHaveLength(4);
    expect(notices.map((k) => rig.delivered.get(k))).toEqual([1, 1, 1, 1]);
    const audited = (await store.listAudit(incidentId))
      .filter((a) => a.action === 'escalation.notice.sent')
      .map((a) => a.detail?.key);
    expect(audited.sort()).toEqual([...notices].sort());
    expect(rig.attempts.filter((a) => a.fault === 429).length).toBeGreaterThan(5);
    expect(rig.attempts.filter((a) => a.fault === 503).length).toBeGreaterThan(2);

    // Never two attempts to one person within a second; none within Retry-After of a 429 to them.
    for (const [recipient, times] of sentAt) {
      const faults = rig.attempts.filter((a) => a.recipient === recipient).map((a) => a.fault);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!, recipient).toBeGreaterThanOrEqual(faults[i - 1] === 429 ? 3000 : 1000);
      }
    }
    await rig.close();
  });

  it('pauses while its database connections are cut, and resumes without losing or doubling', async () => {
    rig = await startDeliveryRig({ delayMs: 5 });
    const app = 'ivr-faults-cut';
    const cutStore = await openStore({ dataDir: '', databaseUrl: schema.url(app) });
    const clock = new FixedClock(T0);
    const warnings: string[] = [];
    const log = Object.assign(Object.create(silentLogger), {
      warn: (o: { event?: string }) => warnings.push(o.event ?? ''),
    }) as typeof silentLogger;
    const messages = Array.from({ length: 60 }, (_, i) =>
      i % 5 === 4
        ? escalation(`cut${i}`, i % 4, rig.recipient(i % 2 ? 'slack' : 'teams', 100 + (i % 20)), T0)
        : rig.message(`cut-${i}`, rig.recipient(i % 2 ? 'slack' : 'teams', 100 + (i % 20)), T0),
    );
    await store.enqueue(messages);
    const d = new Dispatcher({ store: cutStore, clock, senders: rig.senders(), log, spacingMs: 1000 });

    let cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      while (cutting) {
        cuts += await schema.cut(app);
        await sleep(40);
      }
    })();
    const deadline = Date.now() + 20_000;
    let stopAt = Date.now() + 3000;
    while (Date.now() < deadline) {
      await d.runDue();
      clock.advance(250);
      if (cutting && Date.now() > stopAt) {
        cutting = false;
        await cutter;
        stopAt = Number.POSITIVE_INFINITY;
      }
      if (!cutting && (await store.listOutbox({ status: 'pending' })).length === 0) break;
    }
    cutting = false;
    await cutter;
    await cutStore.close();

    expect(cuts).toBeGreaterThan(3);
    expect(warnings).toContain('dispatch.paused');
    expect(await store.listOutbox({ status: 'pending' })).toEqual([]);
    expect(await store.listOutbox({ status: 'dead' })).toEqual([]);
    expect(rig.duplicates()).toEqual([]);
    expect(messages.every((m) => rig.delivered.get(m.idempotencyKey) === 1)).toBe(true);
    expect(messages.filter(isEscalation)).toHaveLength(12);
    await rig.close();
  }, 30_000);

  it('three dispatcher processes, one killed mid-batch: none sent twice, every message accounted for', async () => {
    rig = await startDeliveryRig({ delayMs: 25 });
    const now = new Date();
    const messages = Array.from({ length: 120 }, (_, i) =>
      i % 8 === 7
        ? escalation(`proc${i}`, i % 3, rig.recipient(i % 3 === 0 ? 'slack' : 'teams', 200 + (i % 40)), now)
        : rig.message(`proc-${i}`, rig.recipient(i % 3 === 0 ? 'slack' : 'teams', 200 + (i % 40)), now),
    );
    await store.enqueue(messages);
    const children: ChildProcess[] = [0, 1, 2].map((n) =>
      spawn(process.execPath, ['--import', 'tsx', WORKER], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DATABASE_URL: schema.url(`ivr-proc-${n}`), SLACK_API_URL: rig.slackApiUrl },
      }),
    );
    try {
      const total = () => [...rig.delivered.values()].reduce((a, b) => a + b, 0);
      // Three processes each compile the worker through tsx first: slow on a loaded 2-core machine.
      for (let i = 0; i < 2400 && total() < 25; i++) await sleep(25);
      expect(total()).toBeGreaterThanOrEqual(25);
      children[0]!.kill('SIGKILL');
      const deadline = Date.now() + 25_000;
      while (Date.now() < deadline && (await store.listOutbox({ status: 'pending' })).length > 0) await sleep(100);
    } finally {
      for (const c of children) c.kill('SIGKILL');
    }
    expect(await store.listOutbox({ status: 'pending' })).toEqual([]);
    expect(rig.duplicates()).toEqual([]);
    const ours = (m: { idempotencyKey: string }) =>
      m.idempotencyKey.startsWith('proc-') || m.idempotencyKey.includes(':gproc');
    const sent = (await store.listOutbox({ status: 'sent' })).filter(ours);
    const dead = (await store.listOutbox({ status: 'dead' })).filter(ours);
    expect(sent.every((m) => rig.delivered.get(m.idempotencyKey) === 1)).toBe(true);
    // Slack can be asked, so nothing of it is left in doubt; a Teams send the killed worker had in
    // flight is not repeated but shown to an admin (at most its one batch).
    expect(dead.every((m) => m.recipient.channel === 'teams' && m.lastError?.startsWith(IN_DOUBT))).toBe(true);
    expect(dead.length).toBeLessThanOrEqual(10);
    expect(sent.length + dead.length).toBe(messages.length);
    expect(sent.filter(isEscalation).length + dead.filter(isEscalation).length).toBe(15);
    await rig.close();
  }, 120_000);
});
