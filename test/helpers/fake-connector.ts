// A tiny Bot Framework connector (the service a bot calls at the activity's serviceUrl) on
// 127.0.0.1: records createConversation, send, reply and update calls, and can be told to fail
// the next N calls with 429 (+ Retry-After), 5xx or 403.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'createConversation' | 'send' | 'reply' | 'update' | 'delete' | 'other';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, inspected freely by tests
  body: any;
  headers: IncomingHttpHeaders;
  /** The status the fake answered with. */
  status: number;
  /** The activity id the fake answered a send or reply with (what the bot stores as the platform's message id). */
  answeredId?: string;
}

export interface Failure {
  status: number;
  /** Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string;
  /** Only fail calls of this kind (default: any). */
  kind?: ConnectorCallKind;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities (with a trailing slash, as Teams sends it). */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Answer the next `times` matching calls with `failure`. */
  failNext(times: number, failure: Failure): void;
  /** Conversation id answered by createConversation for a member id (default `a:dm-<member>`). */
  conversationFor: (memberId: string) => string;
  /** The Adaptive Card payloads of every recorded send/reply, in order. */
  // biome-ignore lint/suspicious/noExplicitAny: card JSON
  cards(kind?: ConnectorCallKind): any[];
  /** Resolves when at least `n` calls have been recorded. */
  waitForCalls(n: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failures: { left: number; failure: Failure }[] = [];
  let nextId = 1;
  const waiters: { n: number; resolve: () => void }[] = [];

  const fake: FakeConnector = {
    serviceUrl: '',
    calls,
    failNext(times, failure) {
      failures.push({ left: times, failure });
    },
    conversationFor: (memberId) => `a:dm-${memberId}`,
    cards(kind) {
      return calls
        .filter((c) => (kind ? c.kind === kind : c.kind === 'send' || c.kind === 'reply') && c.status < 300)
        .flatMap((c) => (Array.isArray(c.body?.attachments) ? c.body.attachments : []))
        .filter((a: { contentType?: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a: { content: unknown }) => a.content);
    },
    waitForCalls(n, timeoutMs = 5_000) {
      if (calls.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${n} connector calls, got ${calls.length}`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    reset() {
      calls.length = 0;
      failures.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const path = (req.url ?? '/').split('?')[0]!.replace(/\/{2,}/g, '/');
      const call = classify(req.method ?? 'GET', path);
      const recorded: ConnectorCall = {
        ...call,
        method: req.method ?? 'GET',
        path,
        body,
        headers: req.headers,
        status: 200,
      };

      const failing = failures.find((f) => f.left > 0 && (!f.failure.kind || f.failure.kind === call.kind));
      let status = 200;
      let answer: unknown;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failing) {
        failing.left--;
        status = failing.failure.status;
        if (failing.failure.retryAfter !== undefined) headers['retry-after'] = failing.failure.retryAfter;
        answer = {
          error: {
            code: status === 429 ? 'Throttled' : status === 403 ? 'Forbidden' : 'ServiceError',
            message: 'fake',
          },
        };
      } else if (call.kind === 'createConversation') {
        const member = (body as { members?: { id?: string }[] } | undefined)?.members?.[0]?.id ?? 'unknown';
        status = 201;
        answer = { id: fake.conversationFor(member), activityId: '' };
      } else if (call.kind === 'send' || call.kind === 'reply') {
        recorded.answeredId = `act-${nextId++}`;
        answer = { id: recorded.answeredId };
      } else if (call.kind === 'update') {
        answer = { id: call.activityId };
      } else if (call.kind === 'delete') {
        answer = undefined;
      } else {
        status = 404;
        answer = { error: { code: 'NotFound', message: 'fake connector: unknown route' } };
      }
      recorded.status = status;
      calls.push(recorded);
      for (const w of [...waiters]) {
        if (calls.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      res.writeHead(status, headers);
      res.end(answer === undefined ? '' : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return fake;
}

function classify(method: string, path: string): Pick<ConnectorCall, 'kind' | 'conversationId' | 'activityId'> {
  if (method === 'POST' && path === '/v3/conversations') return { kind: 'createConversation' };
  const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
  if (!m) return { kind: 'other' };
  const conversationId = decodeURIComponent(m[1]!);
  const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
  if (method === 'POST') return { kind: activityId ? 'reply' : 'send', conversationId, activityId };
  if (method === 'PUT' && activityId) return { kind: 'update', conversationId, activityId };
  if (method === 'DELETE' && activityId) return { kind: 'delete', conversationId, activityId };
  return { kind: 'other', conversationId, activityId };
}
