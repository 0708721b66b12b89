// Per-user rate limiting of turns: a token bucket per channel and user, checked before the core
// reads or writes anything for the turn. Over the limit nothing is carried out: a form submit gets
// its form back with the answers (kept-forms.ts), anything else a short card in the user's language.
//
// Time is the process's monotonic clock, not the core's Clock: this measures how fast requests
// arrive, and the playground's clock jumps (which would refill every bucket) or a fixed test clock
// (which would never refill) say nothing about that.
//
// In memory, per replica: behind N replicas a user may get up to N times the rate. That is enough
// for what it is for (a runaway client or a flood of clicks), and it costs no database round trip;
// it is not a quota. Redeliveries (Teams activity ids, Slack event ids) are dropped by the channels
// before they reach the core, so they are not counted twice.
import { rateLimitedCard } from '../../dialogs/security.ts';
import type { Reply, Turn } from '../domain/turn.ts';
import type { Locale } from '../i18n/locales.ts';
import { type AppDeps, translator } from './context.ts';

export interface RateLimit {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by string; the caller gives the time (ms, monotonic). */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    /** Keys kept at most; beyond it full (idle) buckets go first, then the least recently used. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token for `key` at `now` (ms); false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.refilled(bucket, now) : this.limit.burst;
    // Re-insert so the Map's order is least recently used first.
    this.buckets.delete(key);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: Math.max(now, bucket?.at ?? now) });
    if (this.buckets.size > this.maxKeys) this.prune(now);
    return allowed;
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.at); // a clock that steps back refills nothing
    return Math.min(this.limit.burst, bucket.tokens + (elapsed * this.limit.perMinute) / 60_000);
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now) >= this.limit.burst) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/** The core's guard: a token per turn, and the refusal for a turn over the limit. */
export class TurnRateLimiter {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly deps: AppDeps,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.buckets = new TokenBuckets(deps.config.security.rateLimit);
  }

  /** Takes a token for the turn's user; false (and logged) when they are over the limit. */
  allow(turn: Turn): boolean {
    const key = `${turn.channel}\u0000${turn.user.userId}`;
    if (this.buckets.take(key, this.now())) return true;
    this.deps.log.warn({ event: 'turn.rate_limited', channel: turn.channel }, 'turn refused: rate limit');
    return false;
  }

  /** The short card for a refused turn; `unsaved` so a Slack modal stays open rather than lose its answers. */
  refusal(locale: Locale): Reply {
    const t = translator(this.deps.i18n, locale);
    return { cards: [rateLimitedCard(t)], unsaved: t('security.rateLimited.text') };
  }
}
