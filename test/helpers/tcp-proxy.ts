// A TCP proxy between the bot and its PostgreSQL server, to take the database away mid-session and
// bring it back: `cut()` resets every open connection and every new one (the bot sees a server that
// went away), `freeze()` stops forwarding without closing anything (a server that no longer answers:
// a network partition), `restore()` forwards again. Unlike pg_terminate_backend, a cut stays cut until
// restored.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1 port the bot should connect to. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  cut(): void;
  /** Holds every byte, open or new connections alike, and closes nothing. */
  freeze(): void;
  restore(): void;
  /** Connections made through the proxy so far (accepted while up). */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  let frozen = false;
  let connections = 0;
  const server: Server = createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    if (frozen) {
      // Accepted, never answered: the client's connect succeeds and then hears nothing.
      open.add(client);
      client.on('close', () => open.delete(client));
      client.on('error', () => undefined);
      client.pause();
      return;
    }
    connections++;
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = () => {
    down = true;
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut,
    freeze() {
      frozen = true;
      for (const s of open) {
        s.unpipe();
        s.pause();
      }
    },
    restore() {
      // What was frozen is dropped, as a partition that heals leaves dead connections behind.
      if (frozen) for (const s of open) s.resetAndDestroy();
      frozen = false;
      down = false;
    },
    get connections() {
      return connections;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
