// The front door of POST /slack/events, before Bolt sees a request. Bolt's HTTPReceiver verifies
// signatures and answers url_verification well, but a body that parses to a non-object crashes it
// (unhandled rejection), a payload of an unknown type is never acked (404 after 3 s), and it
// buffers without a size limit. This reads the body once (Bolt reuses `rawBody`), parses it with
// inbound-schema.ts, and answers what Bolt would mishandle: after the same signature check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions } from '@slack/bolt';
import { type Read, readSlackPayload } from './inbound-schema.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

export class BodyTooLarge extends Error {}

/** Reads the body into `req.rawBody` (where Bolt looks for an already-buffered request). */
export async function bufferBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    // Keep reading (and dropping) so the client gets its 413 rather than a reset connection.
    if (size > limit) tooLarge = true;
    else chunks.push(buf);
  }
  if (tooLarge) throw new BodyTooLarge();
  const raw = Buffer.concat(chunks);
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
  return raw;
}

/**
 * Bolt compares the content type with `===`; Slack sends it bare, but a proxy may add a charset.
 * The signature covers the body only, so normalising the header is safe.
 */
export function normaliseContentType(req: IncomingMessage): void {
  const ct = req.headers['content-type'];
  if (typeof ct === 'string' && ct.toLowerCase().startsWith(FORM)) req.headers['content-type'] = FORM;
}

/** Reads the body once: the verdict, and for `bolt` the parsed payload the listeners will use. */
export function classify(raw: Buffer, contentType: string | undefined): Read {
  let body: unknown;
  try {
    if (contentType === FORM) {
      const qs = parseQuery(raw.toString('utf8'));
      if (qs.ssl_check === '1') return { verdict: 'bolt' }; // Bolt answers it
      if (typeof qs.payload !== 'string') return { verdict: 'ignore' }; // slash commands and the like: not used
      body = JSON.parse(qs.payload);
    } else {
      body = JSON.parse(raw.toString('utf8'));
    }
  } catch {
    return { verdict: 'bad' };
  }
  return readSlackPayload(body);
}

/** True when the request is signed with the secret and fresh (Bolt's own check), or when unsigned mode is on. */
export async function verified(req: IncomingMessage, signingSecret: string | undefined): Promise<boolean> {
  try {
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
      { enabled: Boolean(signingSecret), signingSecret: signingSecret ?? '' },
      req,
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Bolt rejects a timestamp more than 5 minutes in the past but not one in the future; Slack's rule
 * is "more than five minutes from local time" either way. True when the header is too far ahead.
 */
export function fromTheFuture(req: IncomingMessage, nowMs = Date.now()): boolean {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  return Number.isFinite(ts) && ts > Math.floor(nowMs / 1000) + 5 * 60;
}

export function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
