// An HTTP proxy in front of a fake platform (fake connector, fake Slack API) that injects faults by
// rule (every third send throttled, random 5xx), records what got through, and may answer some
// calls itself. Faults are answered without reaching the fake: like a platform that refused the call.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedCall {
  method: string;
  /** Path and query, as the client sent them (without the proxy's base path). */
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON or form fields, inspected freely by tests
  body: any;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FaultProxyOptions {
  /** The fake's base URL (ending in `/`). */
  target: string;
  /** A fault to answer with instead of forwarding, or null to forward. */
  fault?(call: ProxiedCall): Fault | null;
  /** Answer a call here instead of forwarding it (e.g. a read the fake does not know). */
  answer?(call: ProxiedCall): unknown | undefined;
  /** Time the platform takes to answer a forwarded call (default 0). */
  delayMs?: number;
  /** Called with each forwarded call the fake answered with 2xx, and the fake's answer. */
  delivered?(call: ProxiedCall, answer: unknown): void;
}

export interface FaultProxy {
  url: string;
  close(): Promise<void>;
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readAll(req);
      const call: ProxiedCall = { method: req.method ?? 'GET', path: req.url ?? '/', body: parse(raw, req) };
      const fault = opts.fault?.(call);
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        return res.end(JSON.stringify(fault.body ?? { error: { code: 'Fault', message: 'injected' } }));
      }
      const own = opts.answer?.(call);
      if (own !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(own));
      }
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'authorization']) if (req.headers[h]) headers[h] = String(req.headers[h]);
      const upstream = await fetch(new URL(call.path.replace(/^\//, ''), opts.target), {
        method: call.method,
        headers,
        body: raw.length ? new Uint8Array(raw) : undefined,
      });
      const text = await upstream.text();
      let answer: unknown;
      try {
        answer = text ? JSON.parse(text) : undefined;
      } catch {
        answer = text;
      }
      const ok = upstream.status < 300 && (answer as { ok?: unknown } | undefined)?.ok !== false;
      if (ok) opts.delivered?.(call, answer);
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parse(raw: Buffer, req: IncomingMessage): unknown {
  const text = raw.toString('utf8');
  if (!text) return undefined;
  if (req.headers['content-type']?.startsWith('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    try {
      out[k] = k === 'metadata' || k === 'blocks' ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
