// `ivareta data export|erase --user ID [--channel teams|slack] [--yes]` (issue 9, GDPR): a person's
// data as JSON, and its erasure after confirmation. Connects like the server: DATABASE_URL, else the
// embedded database in DATA_DIR, which only one process may open (stop the bot first).
import { parseArgs } from 'node:util';
import { erasePersonalData, erasurePreview, exportPersonalData } from '../app/personal-data.ts';
import type { ChannelId } from '../domain/turn.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { openCliStore } from './store.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };

const HELP = `Usage: ivareta data export --user ID [--channel teams|slack]
       ivareta data erase --user ID [--channel teams|slack] --yes
Without --channel both channels are searched. Uses DATABASE_URL, else the embedded database in DATA_DIR.
`;

export async function runData(argv: string[], io: Io, clock: Clock = systemClock): Promise<number> {
  const [sub, ...rest] = argv;
  let opts: { user?: string; channel?: string; yes?: boolean };
  try {
    opts = parseArgs({
      args: rest,
      options: { user: { type: 'string' }, channel: { type: 'string' }, yes: { type: 'boolean' } },
    }).values;
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if ((sub !== 'export' && sub !== 'erase') || !opts.user?.trim()) {
    io.err(HELP);
    return 2;
  }
  if (opts.channel !== undefined && opts.channel !== 'teams' && opts.channel !== 'slack') {
    io.err(`--channel must be teams or slack\n\n${HELP}`);
    return 2;
  }
  const userId = opts.user.trim();
  const channels: ChannelId[] = opts.channel ? [opts.channel as ChannelId] : ['teams', 'slack'];

  const store = await openCliStore(io);
  if (!store) return 1;
  try {
    const data = await exportPersonalData(store, userId, channels, clock.now());
    if (sub === 'export') {
      io.out(`${JSON.stringify(data, null, 2)}\n`);
      return 0;
    }
    if (data.channels.length === 0) {
      io.out('Nothing is held about this user; nothing to erase.\n');
      return 0;
    }
    const preview = erasurePreview(data);
    if (!opts.yes) {
      io.out(
        `Would erase the data of user ${userId} on ${data.channels.map((d) => d.channel).join(', ')}:\n` +
          `${lines(preview)}` +
          'Incidents stay for the other people in them, with this person replaced by a pseudonym.\n' +
          'Run again with --yes to erase.\n',
      );
      return 2;
    }
    const done = await erasePersonalData(
      store,
      userId,
      data.channels.map((d) => d.channel),
      clock.now(),
    );
    for (const { channel, counts } of done) io.out(`Erased on ${channel}:\n${lines({ ...counts })}`);
    io.out('The erasure is recorded in the audit log (action data.erase, counts only).\n');
    return 0;
  } finally {
    await store.close();
  }
}

const lines = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `  ${k}: ${n}\n`)
    .join('');
