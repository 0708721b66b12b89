// The Slack channel's Events API side, through real HTTP with real v0 signatures and the fake Web API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Turn } from '../../src/domain/turn.ts';
import {
  BOT_USER,
  dmEvent,
  mentionEvent,
  SECRET,
  type SlackRig,
  startSlackRig,
  TEAM,
  textCard,
} from '../helpers/slack-harness.ts';

let rig: SlackRig;

beforeEach(async () => {
  rig = await startSlackRig();
});
afterEach(async () => {
  await rig.close();
});

describe('Slack events', () => {
  it('answers the url_verification challenge', async () => {
    const res = await rig.post({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c-123' });
    expect(rig.core.turns).toHaveLength(0);
  });

  it('turns a DM into a personal Turn and posts the reply with blocks in the same DM', async () => {
    rig.api.setUser('U100', { locale: 'nb-NO', tz: 'Europe/Oslo', displayName: 'Kari' });
    const res = await rig.post(dmEvent({ user: 'U100', text: 'hjelp', channel: 'D100' }));
    expect(res.status).toBe(200);
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('D100');
    expect(post?.args.thread_ts).toBeUndefined();
    expect(post?.args.text).toBe('echo:hjelp');
    expect(post?.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'echo:hjelp' } }]);
    expect(post?.token).toBe('xoxb-test');

    const turn = rig.core.turns[0] as Turn;
    expect(turn).toMatchObject({
      channel: 'slack',
      conversation: 'personal',
      text: 'hjelp',
      platformLocale: 'nb-NO',
      timeZone: 'Europe/Oslo',
      user: { channel: 'slack', userId: 'U100', tenantId: TEAM, displayName: 'Kari' },
    });
    const info = rig.api.callsTo('users.info')[0];
    expect(info?.args).toMatchObject({ user: 'U100', include_locale: true });
  });

  it('answers an app mention in a channel in the thread of the mention, without the mention', async () => {
    const event = mentionEvent({ user: 'U200', text: `<@${BOT_USER}> help please`, channel: 'C200' });
    expect((await rig.post(event)).status).toBe(200);
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('C200');
    expect(post?.args.thread_ts).toBe(event.event.ts);
    expect(rig.core.turns[0]).toMatchObject({ conversation: 'channel', text: 'help please', user: { userId: 'U200' } });
  });

  it('ignores bot messages, edits, other subtypes and messages outside DMs', async () => {
    const ignored = [
      dmEvent({ text: 'from a bot', extra: { bot_id: 'B9' } }),
      dmEvent({ text: 'edited', extra: { subtype: 'message_changed' } }),
      dmEvent({ text: 'joined', extra: { subtype: 'channel_join' } }),
      dmEvent({ text: 'in a channel', extra: { channel_type: 'channel', channel: 'C1' } }),
    ];
    for (const e of ignored) expect((await rig.post(e)).status).toBe(200);
    await rig.post(dmEvent({ text: 'real' }));
    await rig.api.waitFor('chat.postMessage');
    await rig.channel.idle();
    expect(rig.core.turns.map((t) => t.text)).toEqual(['real']);
  });

  it('acks before the turn runs, and still finishes the work after the response', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    rig.core.respond = async () => {
      await gate;
      return { cards: [textCard('late', 'late answer')] };
    };
    const started = Date.now();
    const res = await rig.post(dmEvent({ text: 'slow' }));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(rig.api.callsTo('chat.postMessage')).toHaveLength(0);
    release();
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.text).toBe('late answer');
  });

  it('answers a retried event (same event_id, x-slack-retry-num) once', async () => {
    const event = dmEvent({ text: 'once', eventId: 'Ev-RETRY-1' });
    expect((await rig.post(event)).status).toBe(200);
    const retry = await rig.post(event, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await rig.channel.idle();
    expect(rig.core.turns).toHaveLength(1);
    expect(rig.api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(rig.core.seen.has('slack:event:Ev-RETRY-1')).toBe(true);
  });

  it('uses the stored platform locale when it is fresh, and asks users.info again after 24 h', async () => {
    rig.core.knowUser('U300', { platformLocale: 'sv-SE', updatedAt: new Date() });
    await rig.post(dmEvent({ user: 'U300', text: 'hej' }));
    await rig.api.waitFor('chat.postMessage');
    expect(rig.api.callsTo('users.info')).toHaveLength(0);
    expect(rig.core.turns[0]?.platformLocale).toBeUndefined();

    rig.core.knowUser('U300', { platformLocale: 'sv-SE', updatedAt: new Date(Date.now() - 25 * 3600_000) });
    rig.api.setUser('U300', { locale: 'da-DK' });
    await rig.post(dmEvent({ user: 'U300', text: 'hej igen' }));
    await rig.api.waitFor('chat.postMessage', 2);
    expect(rig.api.callsTo('users.info')).toHaveLength(1);
    expect(rig.core.turns[1]?.platformLocale).toBe('da-DK');
  });

  it('runs the turn without a locale when users.info fails', async () => {
    rig.api.failNext('users.info', 5, { error: 'missing_scope' });
    await rig.post(dmEvent({ user: 'U400', text: 'help' }));
    await rig.api.waitFor('chat.postMessage');
    expect(rig.core.turns[0]).toMatchObject({ text: 'help' });
    expect(rig.core.turns[0]?.platformLocale).toBeUndefined();
  });

  it('tells the user to try again when the core fails', async () => {
    rig.core.respond = () => {
      throw new Error('database down');
    };
    await rig.post(dmEvent({ text: 'help' }));
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.text).toBe('en:error.tryAgain');
  });
});

describe('Slack request authentication', () => {
  it('refuses a forged signature with 401 and runs nothing', async () => {
    const res = await rig.post(dmEvent({ text: 'forged' }), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    const unsigned = await rig.post(dmEvent({ text: 'unsigned' }), { secret: false });
    expect(unsigned.status).toBe(401);
    await rig.channel.idle();
    expect(rig.core.turns).toHaveLength(0);
  });

  it('refuses a correctly signed request whose timestamp is 6 minutes old', async () => {
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await rig.post(dmEvent({ text: 'stale' }), { timestampSec: old });
    expect(res.status).toBe(401);
    const fresh = await rig.post(dmEvent({ text: 'fresh' }), { timestampSec: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(fresh.status).toBe(200);
    await rig.channel.idle();
    expect(rig.core.turns.map((t) => t.text)).toEqual(['fresh']);
  });

  it('refuses a timestamp more than 5 minutes in the future too', async () => {
    const res = await rig.post(dmEvent({ text: 'future' }), { timestampSec: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing', async () => {
    const body = JSON.stringify(dmEvent({ text: 'original' }));
    const { signedHeaders } = await import('../helpers/slack-sign.ts');
    const headers = signedHeaders(SECRET, body);
    const res = await fetch(rig.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body.replace('original', 'tampered'),
    });
    expect(res.status).toBe(401);
  });
});

describe('Slack bad input', () => {
  const cases: [string, string, string][] = [
    ['malformed JSON', 'application/json', '{"type":'],
    ['a JSON array', 'application/json', '[1,2,3]'],
    ['JSON null', 'application/json', 'null'],
    ['an event without an event', 'application/json', JSON.stringify({ type: 'event_callback', event: 'x' })],
    [
      'an event whose item is a string',
      'application/json',
      JSON.stringify({ type: 'event_callback', event: { type: 'reaction_added', item: 'x' } }),
    ],
    ['a form payload that is not JSON', 'application/x-www-form-urlencoded', 'payload=%7Bnot-json'],
    [
      'block_actions without actions',
      'application/x-www-form-urlencoded',
      `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"U1"}}')}`,
    ],
    [
      'a view_submission without a view',
      'application/x-www-form-urlencoded',
      `payload=${encodeURIComponent('{"type":"view_submission","user":{"id":"U1"}}')}`,
    ],
  ];

  it.each(cases)('answers %s with a 4xx, never a 5xx', async (_name, contentType, raw) => {
    const res = await rig.post(undefined, { raw, headers: { 'content-type': contentType } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('still checks the signature before saying a body is malformed', async () => {
    const res = await rig.post(undefined, { raw: '{"type":', secret: 'wrong' });
    expect(res.status).toBe(401);
  });

  it('acks a well-formed payload of a type it does not handle with 200, at once', async () => {
    const started = Date.now();
    const res = await rig.post({ type: 'app_rate_limited', team_id: TEAM, minute_rate_limited: 1 });
    expect(res.status).toBe(200);
    const closed = await rig.post({ type: 'view_closed', user: { id: 'U1' }, view: { id: 'V1' } }, { form: true });
    expect(closed.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a body over 1 MiB', async () => {
    const res = await rig.post(undefined, { raw: JSON.stringify({ type: 'x', pad: 'a'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
  });
});

describe('Slack local mode (no signing secret)', () => {
  it('accepts unsigned requests', async () => {
    const local = await startSlackRig({ signingSecret: null });
    try {
      const res = await local.post(dmEvent({ text: 'local' }));
      expect(res.status).toBe(200);
      await local.api.waitFor('chat.postMessage');
      expect(local.core.turns[0]?.text).toBe('local');
    } finally {
      await local.close();
    }
  });
});
