// What a Store throws when its database cannot be reached, told apart from every other failure.
// One classification for all who must react to an outage rather than to a bug: the core (a form
// submit is handed back with its answers), the dispatcher (pause sending) and /readyz.
// Both drivers are covered: PostgreSQL through pg (socket errors, SQLSTATE codes, pg's own
// messages, which carry no code) and PGlite (closed, or its worker thread gone).

/** Set by the PGlite worker driver on every call after its worker thread stopped. */
export const DB_GONE = 'IVR_DB_GONE';

/** Socket-level failures: the server is down, restarting, or the network between is. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  DB_GONE,
]);

/**
 * SQLSTATEs that say the server, not the statement, is the problem: connection exceptions (class 08),
 * shutdown / crash / not yet accepting connections (57P01–57P03), a statement cancelled by a timeout
 * (57014), and no connection slot left (53300).
 */
function isOutageSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '57014', '53300'].includes(code);
}

/** pg and PGlite messages for a lost or unobtainable connection; they come without a code. */
const OUTAGE_MESSAGES = [
  /^Connection terminated/, // pg: server closed the socket, or a connection timeout
  /^timeout exceeded when trying to connect/, // pg.Pool: no connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
  /^Query read timeout/, // pg: query_timeout
  /^PGlite is closed/,
  /^the database worker stopped/,
];

/** True when `err` (or what it wraps) means the database is unreachable for now; a retry later may succeed. */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 3 || typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || isOutageSqlState(e.code))) return true;
  if (typeof e.message === 'string' && OUTAGE_MESSAGES.some((m) => m.test(e.message as string))) return true;
  // Node's connect to several addresses rejects with an AggregateError of each attempt's error.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isStoreUnavailable(x, depth + 1)))
    return true;
  return e.cause !== undefined && isStoreUnavailable(e.cause, depth + 1);
}

/** A short code for logs: the SQLSTATE or socket code, else the error's name. Never its message (it may quote data). */
export function storeErrorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return typeof err;
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(code)) return code;
  return typeof name === 'string' ? name : 'Error';
}
