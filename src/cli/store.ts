// Opening the store for a command: like the server (DATABASE_URL, else the embedded database in
// DATA_DIR), in process; the embedded one refuses while the bot holds the directory, said plainly.

import { DataDirLockedError } from '../storage/pglite-lock.ts';
import type { SqlStore } from '../storage/sql-store.ts';

type Io = { err: (s: string) => void };

/** The store, or null after telling the user why not (the caller exits 1). */
export async function openCliStore(io: Io): Promise<SqlStore | null> {
  const { openStore } = await import('../storage/open-store.ts');
  try {
    return await openStore({
      dataDir: process.env.DATA_DIR ?? './data',
      databaseUrl: process.env.DATABASE_URL,
      inProcess: true,
    });
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    io.err(
      `Cannot open the embedded database: the bot (or another ivareta command) is using DATA_DIR ${e.dataDir}.\n` +
        'Stop the bot first and run this command again, or run it where DATABASE_URL points at the PostgreSQL ' +
        `server the bot uses.\n(${e.message})\n`,
    );
    return null;
  }
}
