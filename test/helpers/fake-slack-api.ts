// A tiny stand-in for Slack's Web API on 127.0.0.1 (random port): the methods the bot calls,
// answered the way Slack does (HTTP 200 with `{ ok, ... }`, form or JSON bodies), every call
// recorded, and failures (429 with Retry-After, 500, `{ ok: false, error }`) on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  contentType: string | undefined;
}

export type FakeFailure =
  | { status: 429; retryAfter?: number | string }
  | { status: 500 | 502 | 503 }
  | { error: string }
  | { delayMs: number };

export interface FakeSlackUser {
  locale?: string;
  tz?: string;
  displayName?: string;
  realName?: string;
}

export interface FakeSlackApi {
  /** The Web API base for `SLACK_API_URL` / `apiUrl`, ending in `/api/`. */
  url: string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** The next `times` calls to `method` ('*' for any) fail this way. */
  failNext(method: string, times: number, failure: FakeFailure): void;
  setUser(userId: string, user: FakeSlackUser): void;
  /** Resolves when `method` has been called at least `count` times in all (rejects after `timeoutMs`). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<FakeSlackCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'users']);

export async function startFakeSlackApi(opts: { defaultLocale?: string } = {}): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const failures: { method: string; left: number; failure: FakeFailure }[] = [];
  const users = new Map<string, FakeSlackUser>();
  const waiters = new Set<() => void>();
  let seq = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
    const raw = await readAll(req);
    const contentType = req.headers['content-type'];
    const args = parseArgs(raw, contentType);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    calls.push({ method, args, token, contentType });
    for (const wake of [...waiters]) wake();

    const failure = takeFailure(method);
    if (failure && 'delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
    else if (failure && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429 && failure.retryAfter !== undefined)
        headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers);
      res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    } else if (failure && 'error' in failure) {
      return send(res, { ok: false, error: failure.error });
    }
    send(res, answer(method, args));
  }

  function takeFailure(method: string): FakeFailure | undefined {
    const i = failures.findIndex((f) => f.left > 0 && (f.method === method || f.method === '*'));
    if (i < 0) return undefined;
    const f = failures[i]!;
    f.left--;
    if (f.left === 0) failures.splice(i, 1);
    return f.failure;
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    seq++;
    switch (method) {
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const ts = `${1_800_000_000 + seq}.${String(seq).padStart(6, '0')}`;
        // Posting to a user id lands in the app's DM with them.
        const id = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
        return { ok: true, channel: id, ts, message: { type: 'message', ts, text: args.text, bot_id: 'BFAKE' } };
      }
      case 'views.open': {
        if (!args.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
        const view = typeof args.view === 'object' && args.view ? args.view : {};
        return { ok: true, view: { id: `V${seq}`, ...view } };
      }
      case 'users.info': {
        const id = String(args.user ?? '');
        if (!id) return { ok: false, error: 'user_not_found' };
        const u = users.get(id) ?? {};
        const locale = u.locale ?? opts.defaultLocale ?? 'en-US';
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            real_name: u.realName ?? `Real ${id}`,
            tz: u.tz ?? 'Europe/Oslo',
            ...(args.include_locale === true || args.include_locale === 'true' ? { locale } : {}),
            profile: { display_name: u.displayName ?? `Name ${id}`, real_name: u.realName ?? `Real ${id}` },
          },
        };
      }
      case 'conversations.open': {
        const user = String(args.users ?? args.user ?? '').split(',')[0] ?? '';
        return { ok: true, channel: { id: `D${user.slice(1)}` } };
      }
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BFAKE', team_id: 'T1' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo,
    failNext(method, times, failure) {
      failures.push({ method, left: times, failure });
    },
    setUser(userId, user) {
      users.set(userId, user);
    },
    waitFor(method, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = callsTo(method);
          if (found.length < count) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake Slack: ${method} called ${callsTo(method).length} times, wanted ${count}`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    reset() {
      calls.length = 0;
      failures.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, body: Record<string, unknown>): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack accepts form fields (nested values as JSON strings) or a JSON body. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) {
    try {
      const v: unknown = JSON.parse(raw);
      return typeof v === 'object' && v && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // keep the string
      }
    }
    out[k] = v === 'true' ? true : v === 'false' ? false : v;
  }
  return out;
}
