// Prometheus metrics (GET /metrics). A registry of our own, not prom-client's global one, so several
// servers in one process (tests) do not clash. Labels are channels, outcomes and results: never a
// user id, a conversation or message text.
import client from 'prom-client';
import type { Logger } from '../log.ts';
import type { Clock } from '../ports/clock.ts';
import type { Core } from '../ports/core.ts';
import type { Store } from '../ports/store.ts';
import type { DispatchMetrics } from '../scheduler/dispatcher.ts';

/** ok: answered; rejected: refused before the core (bad auth, bad payload: 4xx); error: 5xx. */
export type TurnOutcome = 'ok' | 'rejected' | 'error';

/** Endpoints whose requests are turns, by channel label. */
const TURN_PATHS: Record<string, string> = { '/api/messages': 'teams', '/slack/events': 'slack' };

export const outcomeOf = (status: number): TurnOutcome => (status >= 500 ? 'error' : status >= 400 ? 'rejected' : 'ok');

export interface MetricsOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Node's process metrics (heap, event loop lag, GC); default on. */
  defaults?: boolean;
}

export class Metrics {
  readonly registry = new client.Registry();
  readonly contentType = this.registry.contentType;
  private readonly turns: client.Counter<'channel' | 'outcome'>;
  private readonly turnSeconds: client.Histogram<'channel' | 'outcome'>;
  private readonly sends: client.Counter<'channel' | 'result'>;
  private readonly escalations: client.Counter;

  constructor(private readonly o: MetricsOptions) {
    const registers = [this.registry];
    if (o.defaults ?? true) client.collectDefaultMetrics({ register: this.registry, prefix: 'ivareta_' });
    this.turns = new client.Counter({
      name: 'ivareta_turns_total',
      help: 'Inbound Teams and Slack requests, by channel and outcome (ok, rejected: 4xx, error: 5xx)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.turnSeconds = new client.Histogram({
      name: 'ivareta_turn_duration_seconds',
      help: 'Time the core took for one turn (Slack turns run after the ack), by channel and outcome',
      labelNames: ['channel', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.sends = new client.Counter({
      name: 'ivareta_outbox_sends_total',
      help: 'Outbox sends by channel and result (sent, retry, dead, in-doubt)',
      labelNames: ['channel', 'result'],
      registers,
    });
    this.escalations = new client.Counter({
      name: 'ivareta_escalations_notified_total',
      help: 'Escalation notices delivered (escalation.notice sent)',
      registers,
    });
    // Read from the store on each scrape: the outbox is shared by every replica, so each reports the same.
    const gauges = { pending: 0, lag: Number.NaN };
    const refresh = this.outboxRefresher(gauges);
    new client.Gauge({
      name: 'ivareta_outbox_pending',
      help: 'Pending outbox messages, due or not (all replicas)',
      registers,
      async collect() {
        await refresh();
        this.set(gauges.pending);
      },
    });
    new client.Gauge({
      name: 'ivareta_outbox_lag_seconds',
      help: 'Age of the oldest due pending outbox message (0 when none is due)',
      registers,
      async collect() {
        await refresh();
        this.set(gauges.lag);
      },
    });
  }

  /** One store query per scrape for both gauges; a database outage shows as NaN, not a failed scrape. */
  private outboxRefresher(gauges: { pending: number; lag: number }): () => Promise<void> {
    let current: Promise<void> | null = null;
    return () => {
      current ??= (async () => {
        try {
          const now = this.o.clock.now();
          const g = await this.o.store.outboxGauges(now);
          gauges.pending = g.pending;
          gauges.lag = g.oldestDueAt ? Math.max(0, (now.getTime() - g.oldestDueAt.getTime()) / 1000) : 0;
        } catch (e) {
          gauges.pending = Number.NaN;
          gauges.lag = Number.NaN;
          this.o.log.warn({ event: 'metrics.outbox_failed', err: (e as Error).name }, 'outbox gauges unavailable');
        }
      })();
      const running = current;
      void running.finally(() => {
        if (current === running) current = null;
      });
      return running;
    };
  }

  /** The text exposition for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Counts a request to a channel endpoint when its response is finished (no-op for other paths). */
  observeRequest(path: string, res: { statusCode: number; once(e: 'finish', f: () => void): unknown }): void {
    const channel = TURN_PATHS[path];
    if (!channel) return;
    res.once('finish', () => this.turns.inc({ channel, outcome: outcomeOf(res.statusCode) }));
  }

  /** The core as the channels should see it: each turn timed. */
  meterCore(core: Core): Core {
    const seconds = this.turnSeconds;
    return {
      async handleTurn(turn) {
        const end = seconds.startTimer({ channel: turn.channel });
        try {
          const reply = await core.handleTurn(turn);
          end({ outcome: 'ok' });
          return reply;
        } catch (e) {
          end({ outcome: 'error' });
          throw e;
        }
      },
      knownUser: (p) => core.knownUser(p),
      localeFor: (p, platformLocale) => core.localeFor(p, platformLocale),
      t: (locale, key, values) => core.t(locale, key, values),
      firstDelivery: (key) => core.firstDelivery(key),
    };
  }

  /** The dispatcher's hook (DispatcherOptions.metrics). */
  readonly dispatch: DispatchMetrics = {
    send: (result, row) => {
      this.sends.inc({ channel: row.recipient.channel, result });
      if (result === 'sent' && row.kind === 'escalation.notice') this.escalations.inc();
    },
  };
}
