// Retries answered once: on the embedded store the delivery ids live in memory and are written
// behind; across a restart they are loaded again; on a shared store every check asks the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/app/delivery-log.ts';
import { silentLogger } from '../../src/log.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { openStore } from '../../src/storage/open-store.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';

describe('DeliveryLog', () => {
  let dir: string;
  let real: SqlStore;
  let store: Store;
  let checks: number;
  let failWrites: number;
  const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));
  // Every log made in a test is flushed after it, so no write-behind timer lands in the next test.
  let logs: DeliveryLog[] = [];
  const log = (opts = {}) => {
    const d = new DeliveryLog(store, clock, silentLogger, opts);
    logs.push(d);
    return d;
  };

  // One embedded store for the file (opening PGlite costs seconds); a counting view over it.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-deliveries-'));
    real = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await real.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await Promise.all(logs.map((d) => d.flush()));
    logs = [];
    await real.db.exec('TRUNCATE inbound_events');
    checks = 0;
    failWrites = 0;
    store = Object.assign(Object.create(real) as Store, {
      rememberEvent: (key: string, at: Date) => {
        checks++;
        return real.rememberEvent(key, at);
      },
      rememberEvents: (events: { key: string; at: Date }[]) => {
        if (failWrites-- > 0) return Promise.reject(new Error('database down'));
        return real.rememberEvents(events);
      },
    });
  });

  it('answers from memory once loaded, and writes the new ids behind', async () => {
    const d = log();
    await d.load();
    expect(await d.first('slack:Ev1')).toBe(true);
    expect(await d.first('slack:Ev1')).toBe(false);
    expect(checks).toBe(0);
    expect(await real.recentEventKeys(new Date(0))).toEqual([]);
    await d.flush();
    expect(await real.recentEventKeys(new Date(0))).toEqual(['slack:Ev1']);
  });

  it('remembers across a restart: the next process loads the recent ids', async () => {
    const before = log();
    await before.load();
    await before.first('teams:c1:a1');
    await before.flush();
    const after = log();
    await after.load();
    expect(await after.first('teams:c1:a1')).toBe(false);
    expect(await after.first('teams:c1:a2')).toBe(true);
  });

  it('asks the store until the recent ids are loaded', async () => {
    await real.rememberEvent('slack:old', clock.now());
    const d = log();
    expect(await d.first('slack:old')).toBe(false);
    expect(await d.first('slack:new')).toBe(true);
    expect(checks).toBe(2);
    await d.load();
    expect(await d.first('slack:new')).toBe(false);
    expect(checks).toBe(2);
  });

  it('keeps ids it could not write and writes them on the next flush', async () => {
    const d = log();
    await d.load();
    failWrites = 1;
    await d.first('slack:Ev9');
    await d.flush();
    expect(await real.recentEventKeys(new Date(0))).toEqual([]);
    await d.flush();
    expect(await real.recentEventKeys(new Date(0))).toEqual(['slack:Ev9']);
  });

  it('asks the store about ids evicted for space, so a retry of one is still caught', async () => {
    const d = log({ max: 2 });
    await d.load();
    for (const k of ['a', 'b', 'c']) expect(await d.first(`slack:${k}`)).toBe(true);
    await d.flush();
    expect(await d.first('slack:a')).toBe(false);
    expect(checks).toBe(1);
  });

  it('forgets ids older than its window', async () => {
    const d = log({ windowMs: 1000 });
    await d.load();
    await d.first('slack:x');
    clock.advance(5000);
    await d.first('slack:y');
    await d.flush();
    // Past the window a platform no longer retries; the id is no longer held in memory.
    expect(await d.first('slack:x')).toBe(true);
  });

  it('asks the store on every check when the database is shared by replicas', async () => {
    const shared = Object.create(store, { exclusive: { value: false } }) as Store;
    const d = new DeliveryLog(shared, clock, silentLogger);
    await d.load();
    expect(await d.first('slack:s1')).toBe(true);
    expect(await d.first('slack:s1')).toBe(false);
    expect(checks).toBe(2);
  });
});
