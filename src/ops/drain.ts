// Graceful shutdown of the HTTP server: refuse new work, let the requests under way (turns) finish
// within a bound, then cut what is left. Used by RunningServer.close() on SIGTERM.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface DrainOptions {
  /** Longest wait for requests under way (default 10 s); then the remaining connections are cut. */
  graceMs?: number;
  /** Other work that must finish first (Slack turns run after their ack). */
  idle?: () => Promise<void>;
}

export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private closing = false;
  private server: Server | null = null;
  private emptied: (() => void) | null = null;

  get isClosing(): boolean {
    return this.closing;
  }

  get active(): number {
    return this.inFlight.size;
  }

  /**
   * Call first for every request. False when closing: the request (on a kept-alive connection) got a
   * 503 with `connection: close`, so the client retries on another replica.
   */
  admit(_req: IncomingMessage, res: ServerResponse): boolean {
    if (this.closing) {
      res.writeHead(503, {
        'content-type': 'application/json; charset=utf-8',
        connection: 'close',
        'retry-after': '1',
      });
      res.end(JSON.stringify({ error: 'shutting down' }));
      return false;
    }
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!this.closing) return;
      // Its keep-alive connection is idle now: close it, or server.close() would wait for the client.
      this.server?.closeIdleConnections();
      if (this.inFlight.size === 0) this.emptied?.();
    });
    return true;
  }

  /** Resolves when the server is closed: every request finished, or cut after the grace period. */
  async close(server: Server, opts: DrainOptions = {}): Promise<void> {
    this.closing = true;
    this.server = server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Answers not written yet end their connection, so a client does not send more on it.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const empty =
      this.inFlight.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            this.emptied = resolve;
          });
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, opts.graceMs ?? 10_000);
    });
    await Promise.race([Promise.all([empty, opts.idle?.()]), bound]);
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
  }
}
