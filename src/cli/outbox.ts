// `ivareta outbox dead [--json] [--limit N]`: the proactive messages given up on (a person left the
// tenant, the bot was blocked, a Teams send left in doubt by a crash), with the reason, for an admin
// to follow up. Never the card's content.
import { parseArgs } from 'node:util';
import { openCliStore } from './store.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

const HELP = `Usage: ivareta outbox dead [--json] [--limit N]
Lists the messages the dispatcher gave up on, newest first, with the reason. Uses DATABASE_URL, else DATA_DIR.
`;

export async function runOutbox(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  let opts: { json?: boolean; limit?: string };
  try {
    opts = parseArgs({ args: rest, options: { json: { type: 'boolean' }, limit: { type: 'string' } } }).values;
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const limit = Number(opts.limit ?? 50);
  if (sub !== 'dead' || !Number.isInteger(limit) || limit < 1) {
    io.err(HELP);
    return 2;
  }
  const store = await openCliStore(io);
  if (!store) return 1;
  try {
    const dead = (await store.listOutbox({ status: 'dead' }))
      .sort((a, b) => (b.deadAt?.getTime() ?? 0) - (a.deadAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        channel: m.recipient.channel,
        userId: m.recipient.userId,
        incidentId: m.incidentId,
        dueAt: m.dueAt.toISOString(),
        deadAt: m.deadAt?.toISOString() ?? null,
        attempts: m.attempts,
        reason: m.lastError,
      }));
    if (opts.json) {
      for (const d of dead) io.out(`${JSON.stringify(d)}\n`);
      return 0;
    }
    if (dead.length === 0) {
      io.out('No message has been given up on.\n');
      return 0;
    }
    for (const d of dead)
      io.out(`${d.deadAt}  ${d.kind}  ${d.channel}:${d.userId}  after ${d.attempts} attempt(s): ${d.reason}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
