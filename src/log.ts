// Structured JSON logs: ids, kinds and timings only. Never message text or card values.
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { svc: 'ivareta' },
    // Belt and braces: drop fields that could carry user text if a caller ever passes them.
    redact: { paths: ['text', 'values', 'card', '*.text', '*.values', '*.card'], remove: true },
  });
}

export const silentLogger: Logger = pino({ level: 'silent' });
