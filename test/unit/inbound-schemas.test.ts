// The inbound zod schemas on real payloads as the platforms send them (extra fields and all), and
// on malformed ones: what a turn needs is read, the rest ignored, a bad optional field dropped.
import { describe, expect, it } from 'vitest';
import { readAdaptiveSubmit } from '../../cards/adaptive.ts';
import { readSlackAction, readSlackViewState } from '../../cards/blockkit.ts';
import { readClockRequest } from '../../src/channels/playground/inbound-schema.ts';
import { classify } from '../../src/channels/slack/http.ts';
import { botUserIdOf, privateMetadataSchema, readSlackPayload } from '../../src/channels/slack/inbound-schema.ts';
import { installTurn, messageTurn } from '../../src/channels/teams/activity.ts';
import { parseTeamsActivity } from '../../src/channels/teams/inbound-schema.ts';
import { buttonPayload, dmEvent, mentionEvent, textState, viewSubmission } from '../helpers/slack-harness.ts';

// A personal-chat message as Teams posts it (trimmed from a real one; ids made up).
const teamsMessage = () => ({
  text: 'hjelp',
  textFormat: 'plain',
  attachments: [{ contentType: 'text/html', content: '<p>hjelp</p>' }],
  type: 'message',
  timestamp: '2026-11-27T08:15:02.0941225Z',
  localTimestamp: '2026-11-27T09:15:02.0941225+01:00',
  id: '1795335302094',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:1abc', name: 'Anna Berg', aadObjectId: '6f1c0a7e-aad' },
  conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: 'a:1xyz' },
  recipient: { id: '28:bot-app-id', name: 'Ivareta' },
  entities: [{ locale: 'nb-NO', country: 'NO', platform: 'Web', timezone: 'Europe/Oslo', type: 'clientInfo' }],
  channelData: { tenant: { id: 'tenant-1' } },
  locale: 'nb-NO',
  localTimezone: 'Europe/Oslo',
});

function parsed(raw: unknown) {
  const result = parseTeamsActivity(raw);
  if (!result.ok) throw new Error(result.problem);
  return result.activity;
}

describe('Teams activities', () => {
  it('reads a message activity into a turn', () => {
    expect(messageTurn(parsed(teamsMessage()))).toEqual({
      channel: 'teams',
      user: { channel: 'teams', userId: '6f1c0a7e-aad', tenantId: 'tenant-1', displayName: 'Anna Berg' },
      platformLocale: 'nb-NO',
      timeZone: 'Europe/Oslo',
      conversation: 'personal',
      text: 'hjelp',
      address: {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversationId: 'a:1xyz',
        botId: '28:bot-app-id',
        teamsUserId: '29:1abc',
        tenantId: 'tenant-1',
      },
    });
  });

  it('reads a card submit (Action.Submit in a chat) as an action with its values', () => {
    const { text: _text, ...rest } = teamsMessage();
    const activity = { ...rest, value: { verb: 'checkin.answer', checkinId: 'c1', score: '4' }, replyToId: '17953' };
    expect(messageTurn(parsed(activity)).action).toEqual({
      id: 'checkin.answer',
      values: { checkinId: 'c1', score: '4' },
    });
  });

  it('reads the install conversationUpdate as the menu', () => {
    const { text: _text, entities: _e, ...rest } = teamsMessage();
    const update = { ...rest, type: 'conversationUpdate', membersAdded: [{ id: '28:bot-app-id' }, { id: '29:1abc' }] };
    expect(installTurn(parsed(update))?.action).toEqual({ id: 'menu', values: {} });
    expect(installTurn(parsed({ ...update, membersAdded: [{ id: '29:someone-else' }] }))).toBeNull();
  });

  it('drops a malformed optional field instead of refusing the activity', () => {
    const odd = {
      ...teamsMessage(),
      entities: [42, null, { type: 'mention' }, { type: 'clientInfo', timezone: 7, locale: 'sv-SE' }],
      channelData: 'not an object',
      conversation: { id: 'a:1xyz', conversationType: 'meeting', tenantId: 5, isGroup: 'yes' },
      from: { id: '29:1abc', name: ['x'], aadObjectId: '' },
      locale: null,
    };
    const turn = messageTurn(parsed(odd));
    expect(turn.user).toEqual({ channel: 'teams', userId: '29:1abc', tenantId: undefined, displayName: undefined });
    expect(turn).toMatchObject({ platformLocale: 'sv-SE', timeZone: undefined, conversation: 'personal' });
    expect(turn.text).toBe('hjelp');
  });

  it.each([
    ['serviceUrl', { serviceUrl: undefined }, 'serviceUrl missing'],
    ['channelId', { channelId: 3 }, 'channelId missing'],
    ['conversation.id', { conversation: { id: '' } }, 'conversation.id missing'],
    ['recipient', { recipient: 'bot' }, 'recipient.id missing'],
    ['from.id', { from: { name: 'Anna' } }, 'from.id missing'],
    ['the first missing id', { from: null, serviceUrl: null }, 'serviceUrl missing'],
  ])('refuses an activity without %s', (_name, change, problem) => {
    expect(parseTeamsActivity({ ...teamsMessage(), ...change })).toEqual({ ok: false, problem });
  });

  it('refuses what is not an activity', () => {
    for (const raw of [null, [], 'message', 42]) expect(parseTeamsActivity(raw).ok).toBe(false);
  });
});

describe('card submit envelopes', () => {
  it('reads the three Teams envelopes and nothing else', () => {
    expect(readAdaptiveSubmit({ verb: 'menu', locale: 'nb' })).toEqual({ actionId: 'menu', values: { locale: 'nb' } });
    expect(readAdaptiveSubmit({ action: { verb: 'x', data: { verb: 'y', a: '1' } } })).toEqual({
      actionId: 'x',
      values: { a: '1' },
    });
    expect(readAdaptiveSubmit({ action: { verb: 'x', data: [1] } })).toEqual({ actionId: 'x', values: {} });
    expect(readAdaptiveSubmit({ data: { verb: 'z' }, context: {} })).toEqual({ actionId: 'z', values: {} });
    for (const value of [{ verb: 1 }, { action: { verb: null } }, { data: 'verb' }, [{ verb: 'x' }]]) {
      expect(readAdaptiveSubmit(value)).toBeNull();
    }
  });

  it('reads a Slack button value as its data, and anything else as no data', () => {
    expect(readSlackAction({ action_id: 'a#2', value: '{"incidentId":"i1"}' })).toEqual({
      actionId: 'a',
      values: { incidentId: 'i1' },
    });
    for (const value of [undefined, '', '[1]', '"x"', 'null', '{bad', 42]) {
      expect(readSlackAction({ action_id: 'a', value }).values).toEqual({});
    }
    // The fallback is a fresh object each time: a handler that adds to it leaks into no other request.
    expect(readSlackAction({ action_id: 'a' }).values).not.toBe(readSlackAction({ action_id: 'a' }).values);
  });

  it('reads a modal state, an unreadable one as no values, and ignores a type named like a prototype key', () => {
    expect(readSlackViewState({ b: { a: { type: 'toString', value: 'x' }, c: { type: 'checkboxes' } } })).toEqual({
      a: 'x',
      c: [],
    });
    expect(readSlackViewState({ b: { a: 'not an input' } })).toEqual({});
    expect(readSlackViewState(null)).toEqual({});
  });

  it('reads private_metadata, keeping only string data', () => {
    const meta = JSON.stringify({ channel: 'D1', thread: '1.2', data: { incidentId: 'i1', n: 3 }, x: true });
    expect(privateMetadataSchema.parse(meta)).toEqual({ channel: 'D1', thread: '1.2', data: { incidentId: 'i1' } });
    for (const raw of [undefined, '', 'not json', '[]', JSON.stringify({ channel: 5, data: 'x' })]) {
      expect(privateMetadataSchema.parse(raw)).toEqual({ data: {} });
    }
  });
});

describe('Slack payloads', () => {
  const bolt = (body: unknown) => {
    const read = readSlackPayload(JSON.parse(JSON.stringify(body)));
    if (read.verdict !== 'bolt' || !read.payload) throw new Error(`not for Bolt: ${read.verdict}`);
    return read.payload;
  };

  it('reads a DM message and an app_mention event', () => {
    const dm = bolt(dmEvent({ user: 'U100', text: 'hjelp', channel: 'D100', eventId: 'Ev1' }));
    expect(dm).toMatchObject({
      type: 'event_callback',
      event_id: 'Ev1',
      team_id: 'T1',
      event: { type: 'message', channel_type: 'im', user: 'U100', channel: 'D100', text: 'hjelp' },
    });
    const mention = bolt(mentionEvent({ user: 'U200', text: '<@UBOT> help', channel: 'C200' }));
    expect(mention).toMatchObject({ event: { type: 'app_mention', channel: 'C200', user: 'U200' } });
    expect(botUserIdOf(mentionEvent({ text: 'x' }))).toBe('UBOT');
  });

  it('reads a block_actions payload', () => {
    const payload = bolt(buttonPayload({ actionId: 'incident.view#2', value: '{"incidentId":"abc"}', channel: 'C5' }));
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U100', team_id: 'T1' },
      trigger_id: '1234.5678.abcd',
      channel: { id: 'C5' },
      actions: [{ action_id: 'incident.view#2', type: 'button', value: '{"incidentId":"abc"}' }],
    });
  });

  it('reads a view_submission payload', () => {
    const meta = JSON.stringify({ channel: 'D100', data: { incidentId: 'i1' } });
    const body = viewSubmission({ callbackId: 'step.save', values: textState({ note: 'ok' }), privateMetadata: meta });
    expect(bolt(body)).toMatchObject({
      type: 'view_submission',
      user: { id: 'U100' },
      view: {
        id: 'V1',
        callback_id: 'step.save',
        private_metadata: { channel: 'D100', data: { incidentId: 'i1' } },
        state: { values: { note: { note: 'ok' } } },
        blocks: [{ type: 'input', block_id: 'note' }],
      },
    });
  });

  it.each([
    ['an event that is a string', { type: 'event_callback', event: 'x' }],
    ['an event whose item is a string', { type: 'event_callback', event: { type: 'reaction_added', item: 'x' } }],
    ['an event whose channel is a number', { type: 'event_callback', event: { type: 'message', channel: 1 } }],
    ['block_actions without actions', { type: 'block_actions', user: { id: 'U1' }, actions: [] }],
    ['block_actions from nobody', { type: 'block_actions', user: { id: '' }, actions: [{ action_id: 'a' }] }],
    ['a view_submission without a view', { type: 'view_submission', user: { id: 'U1' } }],
    ['a url_verification without a challenge', { type: 'url_verification' }],
    ['an unknown type with an event', { type: 'x', event: {} }],
    ['an array', [1, 2]],
  ])('refuses %s', (_name, body) => {
    expect(readSlackPayload(body).verdict).toBe('bad');
  });

  it('ignores well-formed payloads of types it does not handle, and Slack forms without a payload', () => {
    expect(readSlackPayload({ type: 'view_closed', view: {} }).verdict).toBe('ignore');
    expect(readSlackPayload({}).verdict).toBe('ignore');
    const form = 'application/x-www-form-urlencoded';
    expect(classify(Buffer.from('command=%2Fivareta'), form).verdict).toBe('ignore');
    expect(classify(Buffer.from('ssl_check=1'), form)).toEqual({ verdict: 'bolt' });
  });
});

describe('playground clock request', () => {
  it('reads a duration and explains what is wrong', () => {
    expect(readClockRequest({ advance: 'PT12H', extra: 1 })).toEqual({ ok: true, ms: 12 * 3_600_000 });
    expect(readClockRequest({ advance: 'P1M' })).toMatchObject({ ok: false, error: expect.stringContaining('P1M') });
    for (const body of [undefined, null, [], {}, { advance: 5 }]) {
      expect(readClockRequest(body)).toEqual({ ok: false, error: expect.stringContaining('ISO-8601') });
    }
  });
});
