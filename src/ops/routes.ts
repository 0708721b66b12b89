// The operations side of the HTTP server: GET /metrics, GET /readyz, and the request gate that
// counts turns and refuses work while shutting down. server.ts wires it in a few lines.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store.ts';
import { HttpDrain } from './drain.ts';
import { Metrics } from './metrics.ts';
import { checkReadiness } from './readiness.ts';

export interface OpsOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** When set, GET /metrics wants `Authorization: Bearer <token>` (env METRICS_TOKEN). */
  metricsToken?: string;
}

export interface Ops {
  metrics: Metrics;
  drain: HttpDrain;
  /** Call first for every request; false when it has been answered (shutting down). */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /** Answers /metrics and /readyz; false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createOps(o: OpsOptions): Ops {
  const metrics = new Metrics(o);
  const drain = new HttpDrain();
  return {
    metrics,
    drain,
    admit(req, res) {
      if (!drain.admit(req, res)) return false;
      metrics.observeRequest(pathOf(req), res);
      return true;
    },
    async handle(req, res) {
      if (req.method !== 'GET') return false;
      const path = pathOf(req);
      if (path === '/metrics') {
        if (o.metricsToken && !bearerMatches(req, o.metricsToken)) {
          res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' });
          res.end();
          return true;
        }
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(body);
        return true;
      }
      if (path === '/readyz') {
        const r = await checkReadiness(o.store, drain.isClosing);
        res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(r));
        return true;
      }
      return false;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** Compares hashes, so the time taken says nothing about the token, whatever the lengths. */
function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}
