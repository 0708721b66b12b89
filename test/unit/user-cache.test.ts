// The user cache spares a database write per turn: the profile is written only when the platform
// reports something new, and the comparison must survive jsonb's reordering of the address keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameJson, UserCache } from '../../src/app/user-cache.ts';
import type { Turn } from '../../src/domain/turn.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { openStore } from '../../src/storage/open-store.ts';

let userId = 'aad-0';
const turn = (over: Partial<Turn> = {}): Turn => ({
  channel: 'teams',
  user: { channel: 'teams', userId, displayName: 'Kari', tenantId: 't1' },
  conversation: 'personal',
  platformLocale: 'nb-NO',
  timeZone: 'Europe/Oslo',
  // Keys in an order jsonb will not keep (it sorts by length, then bytes).
  address: { serviceUrl: 'http://127.0.0.1:1/', conversationId: 'a:1', botId: '28:b', tenantId: 't1' },
  ...over,
});

describe('UserCache', () => {
  let dir: string;
  let store: Store;
  let writes: number;
  const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));

  let n = 0;
  // One store for the file (opening PGlite costs seconds); each test has a user of its own.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-user-cache-'));
    store = await openStore({ dataDir: dir });
    const upsert = store.upsertUser.bind(store);
    store.upsertUser = (...args) => {
      writes++;
      return upsert(...args);
    };
  });
  beforeEach(() => {
    writes = 0;
    userId = `aad-${++n}`;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the profile once while the platform reports the same thing', async () => {
    const cache = new UserCache(store, clock);
    await cache.fromTurn(turn());
    await cache.fromTurn(turn());
    await cache.fromTurn(turn());
    expect(writes).toBe(1);
  });

  it('writes again when the platform reports a new locale or address', async () => {
    const cache = new UserCache(store, clock);
    await cache.fromTurn(turn());
    const user = await cache.fromTurn(turn({ platformLocale: 'sv-SE' }));
    expect(user.platformLocale).toBe('sv-SE');
    await cache.fromTurn(turn({ platformLocale: 'sv-SE', address: { ...turn().address, serviceUrl: 'http://x/' } }));
    expect(writes).toBe(3);
  });

  it('reads the store again after the time to live', async () => {
    const cache = new UserCache(store, clock, 1000);
    await cache.fromTurn(turn());
    clock.set(new Date(clock.now().getTime() + 1001));
    await cache.fromTurn(turn());
    expect(writes).toBe(2);
  });
});

describe('sameJson', () => {
  it('ignores key order and undefined members, not values', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
  });
});
