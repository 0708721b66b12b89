// Drives the Slack channel through real HTTP: a small Node server that calls `handle`, a fake
// Core that records turns, the fake Web API, and Slack-shaped payloads signed like Slack signs them.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackChannel, type SlackChannel } from '../../src/channels/slack/index.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeCore } from './fake-core.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { signedHeaders } from './slack-sign.ts';

export const SECRET = 'test-signing-secret';
export const BOT_USER = 'UBOT';
export const TEAM = 'T1';

export { FakeCore, textCard } from './fake-core.ts';

export interface PostOptions {
  /** Sign with this secret (default SECRET); `false` sends no signature headers. */
  secret?: string | false;
  timestampSec?: number;
  headers?: Record<string, string>;
  /** Send as Slack sends interactivity: `payload=<json>` form-encoded. */
  form?: boolean;
  /** The exact body to send (overrides the JSON of `body`). */
  raw?: string;
}

export interface SlackRig {
  url: string;
  core: FakeCore;
  api: FakeSlackApi;
  channel: SlackChannel;
  post(body: unknown, opts?: PostOptions): Promise<{ status: number; text: string; json: unknown }>;
  close(): Promise<void>;
}

export async function startSlackRig(
  opts: {
    signingSecret?: string | null;
    submitTimeoutMs?: number;
    core?: FakeCore;
    botToken?: string;
    allowedWorkspaces?: string[];
  } = {},
): Promise<SlackRig> {
  const api = await startFakeSlackApi();
  const core = opts.core ?? new FakeCore();
  const signingSecret = opts.signingSecret === null ? undefined : (opts.signingSecret ?? SECRET);
  const channel = createSlackChannel({
    core,
    signingSecret,
    botToken: opts.botToken ?? 'xoxb-test',
    apiUrl: api.url,
    log: silentLogger,
    submitTimeoutMs: opts.submitTimeoutMs,
    allowedWorkspaces: opts.allowedWorkspaces,
  });
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === '/slack/events') {
      Promise.resolve(channel.handle(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  return {
    url,
    core,
    api,
    channel,
    post: (body, o = {}) => postSlack(url, body, { ...o, secret: o.secret ?? signingSecret ?? false }),
    async close() {
      await channel.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}

/** Posts a Slack-shaped request (JSON event, or form `payload=` for interactivity), signed. */
export async function postSlack(
  url: string,
  body: unknown,
  o: PostOptions = {},
): Promise<{ status: number; text: string; json: unknown }> {
  const raw = o.raw ?? (o.form ? `payload=${encodeURIComponent(JSON.stringify(body))}` : JSON.stringify(body));
  const headers: Record<string, string> = {
    'content-type': o.form ? 'application/x-www-form-urlencoded' : 'application/json',
    ...(o.secret ? signedHeaders(o.secret, raw, o.timestampSec) : {}),
    ...o.headers,
  };
  const res = await fetch(url, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`.toUpperCase();

const authorizations = [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true }];

/** An Events API envelope around `event`, with a fresh event id unless one is given. */
function eventCallback(event: Record<string, unknown>, eventId?: string, extraEnvelope: Record<string, unknown> = {}) {
  const ts = `${Math.floor(Date.now() / 1000)}.000${++seq}`;
  return {
    ...extraEnvelope,
    team_id: TEAM,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId ?? nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations,
    event: { ...event, ts, event_ts: ts },
  };
}

export function dmEvent(o: {
  user?: string;
  text: string;
  eventId?: string;
  channel?: string;
  extra?: Record<string, unknown>;
}) {
  const event = {
    type: 'message',
    channel_type: 'im',
    channel: o.channel ?? 'D100',
    user: o.user ?? 'U100',
    text: o.text,
  };
  // `extra` may override the event's own fields (ts included), as before.
  const envelope = eventCallback(event, o.eventId, { token: 'legacy' });
  return { ...envelope, event: { ...envelope.event, ...o.extra } };
}

export function mentionEvent(o: { user?: string; text: string; eventId?: string; channel?: string }) {
  return eventCallback(
    { type: 'app_mention', channel: o.channel ?? 'C200', user: o.user ?? 'U100', text: o.text },
    o.eventId,
  );
}

export function buttonPayload(o: {
  actionId: string;
  value?: string;
  user?: string;
  channel?: string;
  triggerId?: string;
  url?: string;
}) {
  const channel = o.channel ?? 'D100';
  return {
    type: 'block_actions',
    user: { id: o.user ?? 'U100', username: 'someone', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy',
    container: { type: 'message', message_ts: '1800000000.000100', channel_id: channel, is_ephemeral: false },
    trigger_id: o.triggerId ?? '1234.5678.abcd',
    team: { id: TEAM, domain: 'hospital' },
    channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' },
    message: { type: 'message', ts: '1800000000.000100', text: 'card' },
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Press' },
        ...(o.value !== undefined ? { value: o.value } : {}),
        ...(o.url !== undefined ? { url: o.url } : {}),
        action_ts: '1800000001.000200',
      },
    ],
  };
}

export function viewSubmission(o: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  user?: string;
  privateMetadata?: string;
  blocks?: unknown[];
  /** Slack gives every opened modal its own id (the bot keys a submission by it); default V1. */
  viewId?: string;
}) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'hospital' },
    user: { id: o.user ?? 'U100', username: 'someone', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: '9999.8888.ffff',
    view: {
      id: o.viewId ?? 'V1',
      team_id: TEAM,
      type: 'modal',
      callback_id: o.callbackId,
      private_metadata: o.privateMetadata ?? '',
      blocks:
        o.blocks ??
        Object.keys(o.values).map((id) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id } })),
      state: { values: o.values },
      hash: '1.abc',
    },
    response_urls: [],
  };
}

/** A block_id → action_id → plain_text_input state entry, as Slack sends it. */
export function textState(values: Record<string, string>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]),
  );
}

type ViewBlock = { type: string; block_id?: string; element?: { type: string; action_id: string } };
/** The parts of a modal the bot opened (views.open) that a submission sends back. */
export type SlackView = { callback_id: string; private_metadata: string; blocks: ViewBlock[] };

/** Block Kit state for the view's inputs, by element type, as Slack sends it in a view_submission. */
export function stateFor(view: SlackView, answers: Record<string, string | string[] | number>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.element || !b.block_id) continue;
    const { type, action_id } = b.element;
    const a = answers[action_id];
    const state =
      type === 'checkboxes' || type === 'multi_static_select'
        ? { selected_options: ((a as string[]) ?? []).map((value) => ({ value })) }
        : type === 'radio_buttons' || type === 'static_select'
          ? { selected_option: a === undefined ? null : { value: a } }
          : type === 'datetimepicker'
            ? { selected_date_time: a ?? null }
            : type === 'users_select'
              ? { selected_user: a ?? null }
              : type === 'multi_users_select'
                ? { selected_users: a ?? [] }
                : { value: a ?? '' };
    values[b.block_id] = { [action_id]: { type, ...state } };
  }
  return values;
}
