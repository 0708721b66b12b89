// The load generator's wire: POSTs over one keep-alive agent (node:http, not fetch, so the client
// adds as little as possible to each turn), and a tap on a fake's recorded calls that resolves a
// waiter when the reply for a conversation arrives there.
import { Agent, request } from 'node:http';

export interface PostResult {
  status: number;
  body: string;
}

export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function post(agent: Agent, url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Replies by key (a Teams conversation id, a Slack channel): `expect(key)` before sending a turn,
 * and the oldest waiter for that key is resolved when the fake records a reply for it. Several
 * turns of one user in flight are matched first in, first out.
 */
export class Mailbox {
  private readonly waiting = new Map<string, { resolve: () => void; timer: NodeJS.Timeout }[]>();
  /** Replies that matched no waiter (would mean a turn answered twice, or a stray send). */
  unexpected = 0;

  expect(key: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      const entry = {
        resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(entry), 1);
          reject(new Error(`no reply for ${key} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      queue.push(entry);
      this.waiting.set(key, queue);
    });
  }

  deliver(key: string): void {
    const entry = this.waiting.get(key)?.shift();
    if (!entry) {
      this.unexpected++;
      return;
    }
    clearTimeout(entry.timer);
    entry.resolve();
  }
}

/**
 * Calls `onCall` for every call a fake records, as it records it (the fakes push onto a public
 * `calls` array after reading the request body: that moment is "the reply reached the platform").
 */
export function tapCalls<T>(calls: T[], onCall: (call: T) => void): void {
  const push = Array.prototype.push;
  Object.defineProperty(calls, 'push', {
    configurable: true,
    writable: true,
    value(...items: T[]): number {
      const n = push.apply(calls, items);
      for (const item of items) onCall(item);
      return n;
    },
  });
}
