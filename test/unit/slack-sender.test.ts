// Proactive Slack DMs for the dispatcher, and how Web API failures are classified.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { silentLogger } from '../../src/log.ts';
import { type ChannelSender, SendError } from '../../src/ports/channel.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeCore, textCard } from '../helpers/slack-harness.ts';

const recipient = { channel: 'slack' as const, userId: 'U700', tenantId: 'T1' };
const card = textCard('incident.notice.manager', 'A colleague needs you');

let api: FakeSlackApi;
let sender: ChannelSender;

beforeEach(async () => {
  api = await startFakeSlackApi();
  sender = createSlackChannel({
    core: new FakeCore(),
    signingSecret: 's',
    botToken: 'xoxb-send',
    apiUrl: api.url,
    log: silentLogger,
  }).sender;
});
afterEach(async () => {
  await api.close();
});

async function failure(): Promise<SendError> {
  const e = await sender.send(recipient, card, 'key-1').then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

describe('Slack sender', () => {
  it('posts a DM from the app to the user id and returns the ts', async () => {
    const res = await sender.send(recipient, card, 'key-1');
    const [call] = api.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'U700', text: 'A colleague needs you' });
    expect(call?.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'A colleague needs you' } }]);
    expect(call?.token).toBe('xoxb-send');
    expect(res.platformMessageId).toMatch(/^\d+\.\d+$/);
    expect(sender.channel).toBe('slack');
  });

  it('maps a 429 to throttled with Retry-After, without retrying inside the client', async () => {
    api.failNext('chat.postMessage', 1, { status: 429, retryAfter: 7 });
    const e = await failure();
    expect(e.failure).toBe('throttled');
    expect(e.retryAfterMs).toBe(7_000);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps a 429 without a usable Retry-After to throttled', async () => {
    api.failNext('chat.postMessage', 1, { status: 429 });
    const e = await failure();
    expect(e.failure).toBe('throttled');
    expect(e.retryAfterMs).toBeUndefined();
  });

  it('maps ok:false ratelimited to throttled', async () => {
    api.failNext('chat.postMessage', 1, { error: 'ratelimited' });
    expect((await failure()).failure).toBe('throttled');
  });

  it('maps a 500 to transient, once', async () => {
    api.failNext('chat.postMessage', 1, { status: 500 });
    expect((await failure()).failure).toBe('transient');
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps ok:false internal_error to transient', async () => {
    api.failNext('chat.postMessage', 1, { error: 'internal_error' });
    expect((await failure()).failure).toBe('transient');
  });

  it('maps a network failure to transient', async () => {
    const port = new URL(api.url).port;
    await api.close();
    sender = createSlackChannel({
      core: new FakeCore(),
      botToken: 'xoxb',
      apiUrl: `http://127.0.0.1:${port}/api/`,
      log: silentLogger,
    }).sender;
    expect((await failure()).failure).toBe('transient');
    api = await startFakeSlackApi();
  });

  it.each([
    'user_not_found',
    'account_inactive',
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'cannot_dm_bot',
    'invalid_auth',
    'invalid_blocks',
  ])('maps ok:false %s to permanent', async (code) => {
    api.failNext('chat.postMessage', 1, { error: code });
    const e = await failure();
    expect(e.failure).toBe('permanent');
    expect(e.message).toContain(code);
  });
});
