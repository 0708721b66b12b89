// Proactive messages: what the outbox says it sent against what reached the fakes. Run after the replicas
// have stopped, so nothing is in flight: every row marked sent should have arrived once, and nothing
// should have arrived that is not marked sent (a send whose outcome was lost, then sent again).
import pg from 'pg';
import type { Arrivals } from './driver.ts';
import type { Channel } from './sim.ts';

export interface ChannelAudit {
  channel: Channel;
  /** Rows by status (pending, sent, dead, cancelled). */
  byStatus: Record<string, number>;
  /** Rows sent, by kind (check-in, notices, reminders…). */
  sentByKind: Record<string, number>;
  arrived: number;
  /** Marked sent, never arrived. */
  lost: number;
  /** Arrived more than once, or arrived without being marked sent (its outcome lost, then sent again). */
  doubled: number;
  /** A few of the doubled, with what the outbox says of them. */
  examples: string[];
  /** Arrived for recipients the bench cannot map. */
  unmatched: number;
  /** Pending and due more than a minute before the outbox settled, and their kinds. */
  overdue: number;
  overdueKinds: string[];
}

interface Row {
  channel: Channel;
  key: string;
  platform_id: string | null;
  status: string;
  kind: string;
  overdue: boolean;
}

export async function auditOutbox(
  url: string,
  stoppedAt: Date,
  arrivals: Record<Channel, Arrivals>,
): Promise<ChannelAudit[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let rows: Row[];
  try {
    ({ rows } = await db.query<Row>(
      `SELECT recipient->>'channel' AS channel, idempotency_key AS key, platform_message_id AS platform_id, status,
              kind, (status = 'pending' AND due_at <= $1::timestamptz - interval '1 minute') AS overdue
         FROM outbox`,
      [stoppedAt],
    ));
  } finally {
    await db.end();
  }
  return (['teams', 'slack'] as const).map((channel) => {
    const mine = rows.filter((r) => r.channel === channel);
    const a = arrivals[channel];
    const byStatus: Record<string, number> = {};
    const sentByKind: Record<string, number> = {};
    for (const r of mine) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.status === 'sent') sentByKind[r.kind] = (sentByKind[r.kind] ?? 0) + 1;
    }
    // What identifies a delivery at the fake: Slack's metadata carries the idempotency key; on Teams the row
    // keeps the activity id the connector answered with.
    const expected = new Set(
      mine.filter((r) => r.status === 'sent').map((r) => (channel === 'slack' ? r.key : (r.platform_id ?? ''))),
    );
    let lost = 0;
    for (const k of expected) if (!a.counts.has(k)) lost++;
    let doubled = 0;
    const examples: string[] = [];
    for (const [k, n] of a.counts) {
      const extra = n - 1 + (expected.has(k) ? 0 : 1);
      if (extra === 0) continue;
      doubled += extra;
      const row = mine.find((r) => (channel === 'slack' ? r.key : r.platform_id) === k);
      if (examples.length < 5)
        examples.push(`${k} arrived ${n}x, outbox: ${row ? `${row.kind} ${row.status}` : 'no row'}`);
    }
    const overdue = mine.filter((r) => r.overdue);
    return {
      channel,
      byStatus,
      sentByKind,
      arrived: [...a.counts.values()].reduce((s, n) => s + n, 0),
      lost,
      doubled,
      examples,
      unmatched: a.unmatched,
      overdue: overdue.length,
      overdueKinds: [...new Set(overdue.map((r) => r.kind))],
    };
  });
}

/** Pending rows already due at `at` (what the dispatchers still have to send). */
export async function dueCount(url: string, at: Date): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND due_at <= $1::timestamptz`,
      [at],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await db.end();
  }
}
