// The load (which item falls due when, for whom), the fake platform sender, and the figures computed from
// what the fake received. Shared by the parent (run.ts) and the dispatcher processes (worker.ts).
import type { Card } from '../../cards/model.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import type { ChannelSender } from '../../src/ports/channel.ts';

export interface Load {
  users: number;
  perUser: number;
  /** Items falling due per second (paced) or, with backlog, the span of due times in the past. */
  rate: number;
  /** All items already due when dispatching starts (spread over the window before t0). */
  backlog: boolean;
}

export interface Config extends Load {
  /** Fake platform latency per send, uniform in [min, max] ms. */
  latency: [number, number];
  /** How often a dispatcher process polls (our wake(), pg-boss's pollingIntervalSeconds). */
  pollMs: number;
  /** Our claim batch (undefined: the dispatcher's default). */
  batch: number | undefined;
  /** Dispatcher instances per process (1 = as the server runs it). */
  instances: number;
  bossBatch: number;
  bossWorkers: number;
  /** Stop a target this long after the last item fell due, whatever is left. */
  graceS: number;
}

export const total = (l: Load) => l.users * l.perUser;
/** Seconds between the first and the last due time. */
export const windowS = (l: Load) => total(l) / l.rate;

/**
 * Due time of item i (ms from t0). Item i is user ⌊i / perUser⌋'s k-th check-in; a user's items are
 * window/perUser apart (≥ 1 s, the platform's per-conversation limit) and all users together fall due
 * evenly over the window.
 */
export function dueOffsetMs(l: Load, i: number): number {
  const u = Math.floor(i / l.perUser);
  const k = i % l.perUser;
  const gap = (windowS(l) * 1000) / l.perUser;
  const at = (u / l.users) * gap + k * gap;
  return l.backlog ? at - windowS(l) * 1000 : at;
}

/** pg-boss's queue. */
export const QUEUE = 'bench-checkin';
export const itemKey = (i: number) => `bench-${i}`;
export const userOf = (l: Load, i: number) => Math.floor(i / l.perUser);
export const recipientOf = (l: Load, i: number): Recipient => ({
  channel: 'teams',
  userId: `u${userOf(l, i)}`,
  tenantId: 'bench',
});
export const benchCard: Card = { id: 'followup.checkin', fallbackText: 'How are you doing?', body: [] };

/** What one process's fake platform received: item index, start and completion of the send (epoch ms). */
export interface Received {
  items: number[];
  started: number[];
  at: number[];
}

/**
 * A ChannelSender answering after 20–60 ms (configurable) with a message id. After `freeze()` sends
 * never complete, so nothing more is marked sent while the parent counts what is left in the store.
 */
export class FakePlatform implements ChannelSender {
  readonly channel = 'teams' as const;
  readonly received: Received = { items: [], started: [], at: [] };
  private frozen = false;
  constructor(private readonly latency: [number, number]) {}

  send(_r: Recipient, _c: Card, idempotencyKey: string): Promise<{ platformMessageId: string | null }> {
    return this.deliver(Number(idempotencyKey.slice('bench-'.length))).then((id) => ({ platformMessageId: id }));
  }

  async deliver(item: number): Promise<string> {
    const [min, max] = this.latency;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, min + Math.random() * (max - min)));
    if (this.frozen) await new Promise(() => undefined);
    this.received.items.push(item);
    this.received.started.push(started);
    this.received.at.push(Date.now());
    return `m-${item}-${this.received.items.length}`;
  }

  freeze(): void {
    this.frozen = true;
  }
}

export interface Figures {
  received: number;
  duplicates: number;
  /** Neither received nor still waiting in the queue (sent-but-not-delivered, dead or missing rows). */
  lost: number;
  pending: number;
  /** Lag from due time to the platform's answer, ms; items still unsent count with their lag at the stop. */
  p50: number;
  p99: number;
  max: number;
  censored: boolean;
  sendsPerS: number;
  /** Two sends to the same conversation started less than 1 s apart. */
  violations: number;
}

export function figures(
  l: Load,
  t0: number,
  goAt: number,
  stopAt: number,
  parts: Received[],
  pending: number,
): Figures {
  const n = total(l);
  const first = new Float64Array(n).fill(Number.NaN);
  const perUser = new Map<number, number[]>();
  let duplicates = 0;
  let last = goAt;
  for (const p of parts) {
    p.items.forEach((item, j) => {
      const at = p.at[j] as number;
      if (Number.isNaN(first[item] as number)) first[item] = at;
      else duplicates++;
      last = Math.max(last, at);
      const u = userOf(l, item);
      const list = perUser.get(u);
      if (list) list.push(p.started[j] as number);
      else perUser.set(u, [p.started[j] as number]);
    });
  }
  let violations = 0;
  for (const times of perUser.values()) {
    times.sort((a, b) => a - b);
    for (let j = 1; j < times.length; j++) if ((times[j] as number) - (times[j - 1] as number) < 1000) violations++;
  }
  const lags: number[] = [];
  let received = 0;
  let censored = false;
  for (let i = 0; i < n; i++) {
    const due = t0 + dueOffsetMs(l, i);
    const at = first[i] as number;
    if (!Number.isNaN(at)) {
      received++;
      lags.push(at - due);
    } else if (due <= stopAt) {
      censored = true;
      lags.push(stopAt - due);
    }
  }
  lags.sort((a, b) => a - b);
  const rank = (q: number) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)] ?? 0;
  return {
    received,
    duplicates,
    lost: n - received - pending,
    pending,
    p50: rank(0.5),
    p99: rank(0.99),
    max: lags[lags.length - 1] ?? 0,
    censored,
    sendsPerS: received / Math.max(0.001, (last - goAt) / 1000),
    violations,
  };
}
