// Time is injected: the core and the dispatcher read a Clock, tests and the playground move it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** System time plus an offset that only grows; the playground and tests advance it. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward');
    this.offsetMs += ms;
    return this.now();
  }
}

/** A clock that stands still until told; for unit tests. */
export class FixedClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date): void {
    this.t = t;
  }
  advance(ms: number): Date {
    this.t = new Date(this.t.getTime() + ms);
    return this.now();
  }
}
