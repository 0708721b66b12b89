// The local web playground, mounted by the server only when no platform credentials are set:
// a static page that plays Teams for three demo users, the fake connector the Teams channel
// answers to, per-user inboxes the page polls, and a clock the demo can move forward.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Logger } from '../../log.ts';
import type { AdjustableClock } from '../../ports/clock.ts';
import { connectorCall, Inboxes } from './connector.ts';
import { readClockRequest } from './inbound-schema.ts';
import { DEMO_USERS, findUser, LOCALES, PLAYGROUND_BOT, PLAYGROUND_TENANT } from './users.ts';

export interface PlaygroundOptions {
  /** The server's own base URL (loopback), used as the Teams serviceUrl the page puts in activities. */
  baseUrl: () => string;
  clock: AdjustableClock;
  /** Sends what is due now (the dispatcher); resolves with the number sent. */
  runDue: () => Promise<number>;
  log: Logger;
}

export interface Playground {
  /** Serves a playground path and resolves true; resolves false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CONNECTOR_PREFIX = '/playground/connector/';

const STATIC: Record<string, { file: URL | (() => string); type: string }> = {
  '/': { file: new URL('./page.html', import.meta.url), type: 'text/html; charset=utf-8' },
  '/playground/page.js': { file: new URL('./page.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/playground/page.css': { file: new URL('./page.css', import.meta.url), type: 'text/css; charset=utf-8' },
  '/playground/adaptivecards.js': {
    file: () => createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'",
};

export function createPlayground(opts: PlaygroundOptions): Playground {
  const log = opts.log.child({ component: 'playground' });
  const inboxes = new Inboxes();
  const cache = new Map<string, Buffer>();

  async function serveStatic(path: string, res: ServerResponse): Promise<void> {
    const entry = STATIC[path]!;
    let body = cache.get(path);
    if (!body) {
      body = await readFile(typeof entry.file === 'function' ? entry.file() : entry.file);
      cache.set(path, body);
    }
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://playground.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path in STATIC && (method === 'GET' || method === 'HEAD')) {
      await serveStatic(path, res);
      return true;
    }
    if (path.startsWith(CONNECTOR_PREFIX)) {
      const body =
        method === 'POST' || method === 'PUT' ? await readJson(req) : { ok: true as const, value: undefined };
      if (!body.ok) return send(res, body.status, { error: { code: 'BadArgument', message: body.error } });
      const answer = connectorCall(inboxes, method, path.slice(CONNECTOR_PREFIX.length), body.value);
      log.debug({ event: 'playground.connector', method, status: answer.status }, 'connector call');
      return send(res, answer.status, answer.body);
    }
    if (path === '/playground/config' && method === 'GET') {
      return send(res, 200, {
        serviceUrl: `${opts.baseUrl()}${CONNECTOR_PREFIX}`,
        tenantId: PLAYGROUND_TENANT,
        bot: PLAYGROUND_BOT,
        users: DEMO_USERS,
        locales: LOCALES,
      });
    }
    if (path === '/playground/inbox' && method === 'GET') {
      const user = findUser(url.searchParams.get('user') ?? '');
      if (!user) return send(res, 400, { error: 'user must be one of the demo users (e.g. pg-anna)' });
      const after = Number(url.searchParams.get('after') ?? '0');
      const items = inboxes.after(user.key, Number.isFinite(after) ? after : 0);
      return send(res, 200, { user: user.id, items, last: items.at(-1)?.seq ?? after });
    }
    if (path === '/playground/clock' && method === 'GET') {
      return send(res, 200, { now: opts.clock.now().toISOString() });
    }
    if (path === '/playground/clock' && method === 'POST') {
      const body = await readJson(req, 4096);
      if (!body.ok) return send(res, body.status, { error: body.error });
      const parsed = readClockRequest(body.value);
      if (!parsed.ok) return send(res, 400, { error: parsed.error });
      opts.clock.advance(parsed.ms);
      let ran = 0;
      try {
        ran = await opts.runDue();
      } catch (e) {
        log.error({ event: 'playground.clock.run_failed', err: (e as Error).name }, 'running due jobs failed');
        return send(res, 500, { now: opts.clock.now().toISOString(), error: 'due jobs could not run' });
      }
      log.info({ event: 'playground.clock', advancedMs: parsed.ms, ran }, 'clock advanced');
      return send(res, 200, { now: opts.clock.now().toISOString(), ran });
    }
    return false;
  }

  return { handle };
}

function send(res: ServerResponse, status: number, body?: unknown): true {
  if (body === undefined) {
    res.writeHead(status, SECURITY_HEADERS);
    res.end();
  } else {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
    res.end(JSON.stringify(body));
  }
  return true;
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) tooLarge = true;
    else chunks.push(buf);
  }
  if (tooLarge) return { ok: false, status: 413, error: 'body too large' };
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: 'malformed JSON' };
  }
}
