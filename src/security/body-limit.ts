// Body size limits at the HTTP edge, before a channel, botbuilder or Bolt reads a byte. A declared
// Content-Length over the route's limit is answered 413 at once; bodies without one (chunked) are
// counted by each route's own reader against the same limits, which drops what is over.
import type { IncomingMessage, ServerResponse } from 'node:http';

const KIB = 1024;

/**
 * Per-route limits. Teams activities are small (a card submit is a few kB). Slack sends the whole
 * modal view with its state on a submission, so it gets more room (Bolt itself has no limit).
 * The playground's connector receives the bot's own cards.
 */
export const BODY_LIMITS: readonly { prefix: string; bytes: number }[] = [
  { prefix: '/api/messages', bytes: 256 * KIB },
  { prefix: '/slack/events', bytes: 1024 * KIB },
  { prefix: '/playground/', bytes: 1024 * KIB },
];

/** How much a request to `path` may send; undefined for routes that take no body. */
export function bodyLimitFor(path: string): number | undefined {
  return BODY_LIMITS.find((l) => path === l.prefix || (l.prefix.endsWith('/') && path.startsWith(l.prefix)))?.bytes;
}

/** Bytes of a refused body drained before the socket is cut (so a client still reads its 413). */
const DRAIN_BYTES = 4 * 1024 * KIB;

/**
 * Answers 413 and returns true when the request declares a body over its route's limit. The body
 * is drained (up to DRAIN_BYTES, then the connection is cut), never buffered.
 */
export function refuseOversized(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const limit = bodyLimitFor(path);
  const declared = Number(req.headers['content-length']);
  if (limit === undefined || !Number.isFinite(declared) || declared <= limit) return false;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error: 'body too large' }));
  return true;
}
