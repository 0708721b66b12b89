// The HTTP edge of POST /api/messages: reads and parses the body ourselves (size limit, malformed
// JSON), and gives TeamsAdapter.process the Restify/Express-shaped request and response it expects.
// The response is buffered, so the channel decides the final status (401 for any failed auth, no
// error text leaking out) after the adapter is done.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

export const MAX_BODY_BYTES = 256 * 1024;

/** All the adapter needs to route: an object with a type. The rest is inbound-schema.ts's, after auth. */
const activityBody = z.object({ type: z.string() });
/** The body as sent (the adapter and its authentication need all of it), vouched for by `activityBody`. */
export type ActivityBody = z.output<typeof activityBody> & Record<string, unknown>;

export type BodyResult = { ok: true; body: ActivityBody } | { ok: false; status: 400 | 413; error: string };

/** Reads at most `limit` bytes and parses a JSON object; never throws for bad input. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard: answer 413 without buffering what we refuse
    return { ok: false, status: 413, error: 'body too large' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of req) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buf.length;
      if (size > limit) tooLarge = true; // keep reading (and dropping) so the client gets its answer
      if (!tooLarge) chunks.push(buf);
    }
  } catch {
    return { ok: false, status: 400, error: 'body could not be read' };
  }
  if (tooLarge) return { ok: false, status: 413, error: 'body too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'malformed JSON' };
  }
  // Checked, not copied: a copy of every field would cost more than the check.
  const body = activityBody.safeParse(parsed);
  if (body.success) return { ok: true, body: parsed as ActivityBody };
  const notAnObject = body.error.issues[0]?.path.length === 0;
  return { ok: false, status: 400, error: notAnObject ? 'body is not an activity' : 'activity has no type' };
}

/** What TeamsAdapter.process reads from a request (botbuilder's `Request`). */
export interface AdapterRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export function adapterRequest(req: IncomingMessage, body: Record<string, unknown>): AdapterRequest {
  return { method: req.method ?? 'POST', headers: { ...req.headers }, body };
}

/** A Restify-shaped response (botbuilder's `Response`) that only records what the adapter answers. */
export class BufferedResponse {
  statusCode = 200;
  body: unknown;
  ended = false;
  readonly headers: Record<string, string> = {};
  constructor(readonly socket: unknown) {}

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }
  send(body: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.ended = true;
    return this;
  }
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
