import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import { type ChannelSender, SendError } from '../../src/ports/channel.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { openStore } from '../../src/storage/open-store.ts';

const card: Card = { id: 'test', fallbackText: 'x', body: [] };

/** A sender that fails as told, then succeeds; it records what it delivered. */
class ScriptedSender implements ChannelSender {
  readonly channel = 'teams' as const;
  delivered: string[] = [];
  failures: SendError[] = [];
  async send(_r: Recipient, _c: Card, key: string) {
    const f = this.failures.shift();
    if (f) throw f;
    this.delivered.push(key);
    return { platformMessageId: `pm-${this.delivered.length}` };
  }
}

describe('outbox dispatcher', () => {
  let dir: string;
  let store: Store;
  const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));
  let sender: ScriptedSender;
  let n = 0;

  const enqueue = (dueInMs = 0) => {
    const key = `k-${++n}`;
    return store
      .enqueue([
        {
          idempotencyKey: key,
          kind: 'test',
          recipient: { channel: 'teams', userId: 'u1' },
          card,
          dueAt: new Date(clock.now().getTime() + dueInMs),
          incidentId: null,
        },
      ])
      .then(() => key);
  };
  const dispatcher = (id = 'w1') =>
    new Dispatcher({
      store,
      clock,
      senders: { teams: sender },
      log: silentLogger,
      workerId: id,
      random: () => 0.5,
      spacingMs: 0,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-disp-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sender = new ScriptedSender();
  });

  it('sends what is due once and records the platform id; not what is due later', async () => {
    const now = await enqueue();
    const later = await enqueue(3_600_000);
    const d = dispatcher();
    expect(await d.runDue()).toBe(1);
    expect(await d.runDue()).toBe(0);
    expect(sender.delivered).toEqual([now]);
    const sent = await store.listOutbox({ status: 'sent' });
    expect(sent.find((m) => m.idempotencyKey === now)?.platformMessageId).toBe('pm-1');
    clock.advance(3_600_000);
    expect(await d.runDue()).toBe(1);
    expect(sender.delivered).toEqual([now, later]);
  });

  it('honours Retry-After on 429 and then sends', async () => {
    const key = await enqueue();
    sender.failures.push(new SendError('throttled', '429', 30_000));
    const d = dispatcher();
    expect(await d.runDue()).toBe(0);
    const pending = (await store.listOutbox({ status: 'pending' })).find((m) => m.idempotencyKey === key)!;
    expect(pending.dueAt.getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(29_000);
    expect(await d.runDue()).toBe(0);
    clock.advance(1_000);
    expect(await d.runDue()).toBe(1);
    expect(sender.delivered).toEqual([key]);
  });

  it('backs off on transient errors and marks permanent ones dead with the reason', async () => {
    const flaky = await enqueue();
    sender.failures.push(new SendError('transient', '502'));
    const d = dispatcher();
    await d.runDue();
    const retry = (await store.listOutbox({ status: 'pending' })).find((m) => m.idempotencyKey === flaky)!;
    expect(retry.dueAt.getTime()).toBe(clock.now().getTime() + 5000);
    expect(retry.lastError).toContain('502');
    clock.advance(5000);
    await d.runDue();
    expect(sender.delivered).toEqual([flaky]);

    const gone = await enqueue();
    sender.failures.push(new SendError('permanent', 'user left the tenant'));
    await d.runDue();
    const dead = (await store.listOutbox({ status: 'dead' })).find((m) => m.idempotencyKey === gone)!;
    expect(dead.lastError).toContain('user left the tenant');
    clock.advance(24 * 3_600_000);
    await d.runDue();
    expect(sender.delivered).toEqual([flaky]);
  });

  it('two dispatchers never send the same message twice', async () => {
    const keys = await Promise.all(Array.from({ length: 10 }, () => enqueue()));
    const [a, b] = [dispatcher('wa'), dispatcher('wb')];
    const [x, y] = await Promise.all([a.runDue(), b.runDue()]);
    expect(x + y).toBe(10);
    expect(sender.delivered.sort()).toEqual(keys.sort());
  });

  it('never claims a second time what it is still sending, when the clock jumps past the lease (playground)', async () => {
    const key = await enqueue();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started: () => void = () => undefined;
    const sending = new Promise<void>((r) => {
      started = r;
    });
    const slow = new ScriptedSender();
    const first = slow.send.bind(slow);
    slow.send = async (r, c, k) => {
      started();
      await held;
      return first(r, c, k);
    };
    const d = new Dispatcher({ store, clock, senders: { teams: slow }, log: silentLogger, spacingMs: 0 });
    const run = d.runDue();
    await sending;
    clock.advance(12 * 3_600_000); // "advance PT12H" while the send is out: its lease looks long expired
    const again = d.runDue(); // the same run goes round again and claims what is due
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([run, again]);
    expect(slow.delivered).toEqual([key]);
    const [row] = (await store.listOutbox({ status: 'sent' })).filter((m) => m.idempotencyKey === key);
    expect(row).toMatchObject({ status: 'sent', platformMessageId: 'pm-1' });
    expect((await store.listOutbox({ status: 'dead' })).filter((m) => m.idempotencyKey === key)).toEqual([]);
  });

  it('pauses without losing messages while the store is down', async () => {
    const key = await enqueue();
    const broken = Object.create(store) as Store;
    broken.claimDue = async () => {
      throw new Error('connection refused');
    };
    const down = new Dispatcher({ store: broken, clock, senders: { teams: sender }, log: silentLogger, spacingMs: 0 });
    expect(await down.runDue()).toBe(0);
    expect(sender.delivered).toEqual([]);
    expect(await dispatcher().runDue()).toBe(1);
    expect(sender.delivered).toEqual([key]);
  });
  it('sweeps before it claims, at most once per sweepEveryMs, and sends even when the sweep fails', async () => {
    const calls: Date[] = [];
    let fail = true;
    const d = new Dispatcher({
      store,
      clock,
      senders: { teams: sender },
      log: silentLogger,
      spacingMs: 0,
      sweepEveryMs: 5000,
      sweep: async () => {
        calls.push(clock.now());
        if (fail) throw new Error('database gone');
      },
    });
    const key = await enqueue();
    expect(await d.runDue()).toBe(1);
    expect(sender.delivered).toEqual([key]);
    fail = false;
    await d.runDue();
    expect(calls).toHaveLength(1);
    clock.advance(5000);
    // What the sweep enqueues is claimed in the same run.
    const swept = `k-${++n}`;
    const sweeping = new Dispatcher({
      store,
      clock,
      senders: { teams: sender },
      log: silentLogger,
      spacingMs: 0,
      sweep: () =>
        store.enqueue([
          {
            idempotencyKey: swept,
            kind: 'test',
            recipient: { channel: 'teams', userId: 'u1' },
            card,
            dueAt: clock.now(),
            incidentId: null,
          },
        ]),
    });
    await d.runDue();
    expect(calls).toHaveLength(2);
    expect(await sweeping.runDue()).toBe(1);
    expect(sender.delivered).toEqual([key, swept]);
  });
});
