// The Slack app manifest asks for exactly the scopes the code needs: the Web API methods called in src/
// and the events subscribed to are derived from the source, mapped to their scopes through the tables
// below (from Slack's method and event reference), and compared with manifest/slack/manifest.yml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Web API method → the bot scope it needs (null: none). A method missing here fails the test: add it. */
const METHOD_SCOPES: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  // The bot only reads its own DMs (sender.ts findSent); in channels it would be channels:history.
  'conversations.history': 'im:history',
  'conversations.replies': 'im:history',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'views.open': null,
  'views.update': null,
  'views.push': null,
  'views.publish': null,
  'auth.test': null,
};

/** Bolt event listened to in src/ → the subscriptions it needs and their scopes. */
const EVENTS: Record<string, Record<string, string>> = {
  // events.ts drops every message that is not in the bot's DMs (channel_type im), so message.im only.
  message: { 'message.im': 'im:history' },
  app_mention: { app_mention: 'app_mentions:read' },
};

interface SlackManifest {
  features: { bot_user?: { display_name: string }; app_home?: { messages_tab_enabled?: boolean } };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity?: { is_enabled: boolean; request_url: string };
    socket_mode_enabled?: boolean;
  };
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

const code = sources(join(ROOT, 'src')).join('\n');
const manifest = parse(readFileSync(join(ROOT, 'manifest/slack/manifest.yml'), 'utf8')) as SlackManifest;

/** `client.chat.postMessage(`, `sendClient.views.open(`, `apiCall('users.info'`: the methods called. */
function calledMethods(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b\w*[cC]lient\??\.([a-z]+)\??\.([a-zA-Z]+)\s*\(/g)) found.add(`${m[1]}.${m[2]}`);
  for (const m of text.matchAll(/\.apiCall\(\s*['"`]([\w.]+)['"`]/g)) found.add(m[1]!);
  return found;
}

function listenedEvents(text: string): Set<string> {
  return new Set([...text.matchAll(/\bapp\.event\(\s*['"`](\w+)['"`]/g)].map((m) => m[1]!));
}

describe('Slack app manifest', () => {
  const methods = calledMethods(code);
  const events = listenedEvents(code);

  it('finds the Web API calls and event listeners in the code', () => {
    // A guard on the scanner itself: these are certainly called, so an empty scan is a broken regex.
    expect(methods).toContain('chat.postMessage');
    expect(calledMethods('await this.client.query(sql); x.apiCall("team.info", {})')).toEqual(new Set(['team.info']));
    expect(events).toContain('message');
  });

  it('knows the scope of every method and event the code uses', () => {
    expect([...methods].filter((m) => !(m in METHOD_SCOPES))).toEqual([]);
    expect([...events].filter((e) => !(e in EVENTS))).toEqual([]);
  });

  it('asks for exactly the bot scopes the code needs, and no user scopes', () => {
    const needed = new Set<string>();
    for (const m of methods) if (METHOD_SCOPES[m]) needed.add(METHOD_SCOPES[m]!);
    for (const e of events) for (const scope of Object.values(EVENTS[e] ?? {})) needed.add(scope);
    const asked = manifest.oauth_config.scopes.bot;
    expect({ missing: [...needed].filter((s) => !asked.includes(s)) }).toEqual({ missing: [] });
    expect({ unused: asked.filter((s) => !needed.has(s)) }).toEqual({ unused: [] });
    expect(new Set(asked).size).toBe(asked.length);
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('subscribes to exactly the events the code listens to, at /slack/events', () => {
    const wanted = [...events].flatMap((e) => Object.keys(EVENTS[e] ?? {})).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(wanted);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });

  it('sends interactivity (buttons, modals) to the same endpoint, over HTTP rather than Socket Mode', () => {
    expect(/\bapp\.(action|view)\(/.test(code)).toBe(true);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: manifest.settings.event_subscriptions.request_url,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('has a bot user people can write to in its Messages tab', () => {
    expect(manifest.features.bot_user?.display_name).toBe('Ivareta');
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
  });
});
