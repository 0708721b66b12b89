// Who the user is, without a database write on every turn: the stored profile is kept for a short
// while and written again only when the platform reports something new. The store stays the truth
// (any replica can serve any turn); a profile changed on another replica is seen within `ttlMs`.
import type { Turn } from '../domain/turn.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store, UserRecord } from '../ports/store.ts';

export class UserCache {
  private readonly entries = new Map<string, { user: UserRecord; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
    private readonly max = 10_000,
  ) {}

  /** The user's profile, updated with what this turn reports. */
  async fromTurn(turn: Turn): Promise<UserRecord> {
    const key = keyOf(turn.channel, turn.user.userId);
    const now = this.clock.now();
    const cached = this.fresh(key, now.getTime());
    if (cached && !changes(cached, turn)) return cached;
    const user = await this.store.upsertUser(
      {
        channel: turn.channel,
        userId: turn.user.userId,
        tenantId: turn.user.tenantId ?? null,
        displayName: turn.user.displayName,
        platformLocale: turn.platformLocale,
        timeZone: turn.timeZone,
        address: turn.address,
      },
      now,
    );
    this.remember(key, user, now.getTime());
    return user;
  }

  async get(channel: UserRecord['channel'], userId: string): Promise<UserRecord | null> {
    const key = keyOf(channel, userId);
    const now = this.clock.now().getTime();
    const cached = this.fresh(key, now);
    if (cached) return cached;
    const user = await this.store.getUser(channel, userId);
    if (user) this.remember(key, user, now);
    return user;
  }

  /**
   * The profile held in memory, however old, without asking the store: for answering in the right
   * language and time zone while the database cannot be reached.
   */
  peek(channel: UserRecord['channel'], userId: string): UserRecord | null {
    return this.entries.get(keyOf(channel, userId))?.user ?? null;
  }

  /** A language choice: written to the store, and this replica stops answering from the old profile. */
  async setLocalePref(channel: UserRecord['channel'], userId: string, locale: string | null): Promise<void> {
    await this.store.setLocalePref(channel, userId, locale, this.clock.now());
    this.entries.delete(keyOf(channel, userId));
  }

  private fresh(key: string, now: number): UserRecord | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    // Clock moved back (tests) or expired: read again. Kept meanwhile for peek(); `max` still bounds it.
    if (now - hit.at > this.ttlMs || now < hit.at) return null;
    return hit.user;
  }

  private remember(key: string, user: UserRecord, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { user, at: now });
    // Map keeps insertion order: the first key is the least recently written.
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const keyOf = (channel: string, userId: string) => `${channel}\u0000${userId}`;

/** True when the turn reports a profile field that differs from the stored one. */
function changes(user: UserRecord, turn: Turn): boolean {
  const differs = <T>(reported: T | undefined, stored: T | null) => reported !== undefined && reported !== stored;
  return (
    differs(turn.user.tenantId, user.tenantId) ||
    differs(turn.user.displayName, user.displayName) ||
    differs(turn.platformLocale, user.platformLocale) ||
    differs(turn.timeZone, user.timeZone) ||
    (turn.address !== undefined && !sameJson(turn.address, user.address))
  );
}

/** Deep equality for JSON values, ignoring key order (jsonb hands keys back in its own order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
