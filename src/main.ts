// `npm start`: the bot on PORT with the embedded database (or DATABASE_URL), and the playground
// when no credentials are set.
import { createLogger } from './log.ts';
import { startServer } from './server.ts';

const log = createLogger();
const started = performance.now();

try {
  const server = await startServer({ log });
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
}
