// Small pieces shared by the Slack listeners: Bolt's logger bridged to ours, background-work
// tracking, timeouts, the parsed payload, the users.info locale lookup and posting cards.
import { type Logger as BoltLogger, LogLevel, type types, type webApi } from '@slack/bolt';
import { toBlockKitMessage } from '../../../cards/blockkit.ts';
import type { Card } from '../../../cards/model.ts';
import type { Principal } from '../../domain/turn.ts';
import type { Logger } from '../../log.ts';
import type { Core } from '../../ports/core.ts';
import { readSlackPayload, type SlackPayload } from './inbound-schema.ts';

export type Client = webApi.WebClient;

/** What the listeners need besides Bolt's own arguments. */
export interface SlackDeps {
  core: Core;
  log: Logger;
  /** Keeps a background job visible to `idle()`; resolves when it settles, never rejects. */
  track<T>(work: Promise<T>): Promise<T | undefined>;
  profiles: ProfileLookup;
  /** How long a view_submission may wait for the core before acking with a "try again" error. */
  submitTimeoutMs: number;
}

/**
 * Bolt and the Web API client log through this. Debug lines are dropped: they carry request and
 * response bodies (user text). Other lines are Bolt's own sentences (ids, error codes), kept as `msg`.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]): string =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : typeof p)).join(' ');
  return {
    debug: () => undefined,
    info: (...m: unknown[]) => log.info({ event: 'slack.bolt' }, line(m)),
    warn: (...m: unknown[]) => log.warn({ event: 'slack.bolt' }, line(m)),
    error: (...m: unknown[]) => log.error({ event: 'slack.bolt' }, line(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function createTracker(log: Logger): { track: SlackDeps['track']; idle(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  return {
    track<T>(work: Promise<T>): Promise<T | undefined> {
      const settled = work.catch((e: unknown) => {
        log.error({ event: 'slack.work.failed', err: errorCode(e) }, 'slack background work failed');
        return undefined;
      });
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
      return settled;
    },
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export const TIMEOUT = Symbol('timeout');

/** Slack's link to the app's own DM (its Messages tab), in the workspace the turn came from. */
export function appDmUrl(appId: string | undefined, teamId: string | undefined): string | undefined {
  if (!appId) return undefined;
  const team = teamId ? `&team=${encodeURIComponent(teamId)}` : '';
  return `https://slack.com/app_redirect?app=${encodeURIComponent(appId)}${team}`;
}

/** Resolves with the value, or TIMEOUT after `ms` (the work itself keeps running). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Bolt context key under which the listeners find the payload parsed at the front door. */
export const PAYLOAD = 'ivaretaPayload';

/** The parsed payload: from the front door, or (should a request bypass it) parsed here. */
export function payloadOf(context: Record<string, unknown>, body: unknown): SlackPayload | undefined {
  const parsed = context[PAYLOAD] as SlackPayload | undefined;
  if (parsed) return parsed;
  const read = readSlackPayload(body);
  return read.verdict === 'bolt' ? read.payload : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** An error's code for logs (Slack error code, HTTP status, or the error's name): never its payload. */
export function errorCode(e: unknown): string {
  if (!isRecord(e) && !(e instanceof Error)) return typeof e;
  const r = e as Record<string, unknown>;
  const data = isRecord(r.data) ? r.data : undefined;
  return String(data?.error ?? r.statusCode ?? r.code ?? (e as Error).name ?? 'error');
}

/** Removes `<@BOTID>` (and `<@BOTID|name>`) mentions; without a known bot id, a leading mention. */
export function stripMentions(text: string, botUserId: string | undefined): string {
  const pattern = botUserId
    ? new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g')
    : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Posts each card as one message; `threadTs` answers in a thread. */
export async function postCards(client: Client, channel: string, cards: Card[], threadTs?: string): Promise<void> {
  for (const card of cards) {
    await client.chat.postMessage({ channel, ...messageArgs(card), ...(threadTs ? { thread_ts: threadTs } : {}) });
  }
}

/** A card as chat.postMessage's `text` (notifications, screen readers) and `blocks`. */
export function messageArgs(card: Card): { text: string; blocks: (types.KnownBlock | types.Block)[] } {
  const msg = toBlockKitMessage(card);
  return { text: msg.text, blocks: msg.blocks as (types.KnownBlock | types.Block)[] };
}

export async function postText(client: Client, channel: string, text: string, threadTs?: string): Promise<void> {
  await client.chat.postMessage({ channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
}

export interface Profile {
  /** Fresh from users.info (only when looked up): passed on in the Turn. */
  platformLocale?: string;
  timeZone?: string;
  displayName?: string;
  /** The user's time zone, fresh or as stored: for rendering datetimes in a modal. */
  zone?: string;
}

export type ProfileLookup = (
  client: Client,
  user: Pick<Principal, 'channel' | 'userId'>,
  /** Overrides the default wait, e.g. before views.open, whose trigger_id lives 3 s. */
  timeoutMs?: number,
) => Promise<Profile>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * users.info (with the locale) only when the store has no platform locale for the user or the
 * record is older than 24 h. A failure or a slow answer never fails the turn: it just adds nothing.
 */
export function profileLookup(
  core: Core,
  log: Logger,
  opts: { timeoutMs?: number; now?: () => number } = {},
): ProfileLookup {
  const timeoutMs = opts.timeoutMs ?? 1500;
  const now = opts.now ?? Date.now;
  return async (client, user, wait = timeoutMs) => {
    const known = await core.knownUser(user).catch(() => null);
    const stored = { zone: known?.timeZone ?? undefined };
    if (known?.platformLocale && now() - known.updatedAt.getTime() < DAY_MS) return stored;
    try {
      const res = await withTimeout(client.users.info({ user: user.userId, include_locale: true }), wait);
      if (res === TIMEOUT) {
        log.warn({ event: 'slack.usersInfo.timeout', userId: user.userId }, 'users.info timed out');
        return stored;
      }
      const u = res.user;
      return {
        platformLocale: str(u?.locale),
        timeZone: str(u?.tz),
        zone: str(u?.tz) ?? stored.zone,
        displayName: str(u?.profile?.display_name) ?? str(u?.real_name) ?? str(u?.profile?.real_name),
      };
    } catch (e) {
      log.warn({ event: 'slack.usersInfo.failed', userId: user.userId, err: errorCode(e) }, 'users.info failed');
      return stored;
    }
  };
}
