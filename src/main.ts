// `npm start`: the bot on PORT with the embedded database (or DATABASE_URL), and the playground
// when no credentials are set.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from './log.ts';
import { openDb } from './storage/open-db.ts';

const log = createLogger();
const started = performance.now();
// Opening the embedded database runs in a worker thread: start it first, so it goes on while the
// channels and the content load here.
const db = openDb({ dataDir: process.env.DATA_DIR ?? './data', databaseUrl: process.env.DATABASE_URL, log });
db.catch(() => undefined); // awaited (and reported) by startServer

// The build bundles the server into one precompiled file (scripts/bundle.mjs, load-bundle.ts): far less
// to find, read and compile at start-up. From the sources (npm run dev, tests) modules load one by one.
const BUNDLE = fileURLToPath(new URL('../server.bundle.cjs', import.meta.url));
type ServerModule = typeof import('./server.ts');

try {
  const { startServer }: ServerModule = existsSync(BUNDLE)
    ? (await import('./load-bundle.ts')).loadBundle<ServerModule>(BUNDLE)
    : await import('./server.ts');
  const server = await startServer({ log, db });
  const ms = Math.round(performance.now() - started);
  log.info({ event: 'startup', ms }, 'started');
  if (server.playground) {
    process.stdout.write(`\nIvareta is running. Open the playground: http://localhost:${server.port}/\n\n`);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ event: 'shutdown', signal }, 'shutting down');
    // close() bounds the turns under way to 10 s; this bounds the rest (dispatcher, store) too.
    setTimeout(() => {
      log.error({ event: 'shutdown.timeout' }, 'shutdown took too long');
      process.exit(1);
    }, 25_000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (e) {
  const err = e as Error & { code?: string };
  log.fatal({ event: 'startup.failed', code: err.code }, err.message);
  process.exitCode = 1;
  // The database worker would keep the process alive.
  await db.then((d) => d.close()).catch(() => undefined);
}
