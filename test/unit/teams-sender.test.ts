// Proactive sends: continue a known 1:1 conversation or create one, and classify failures for the
// dispatcher (which alone retries: the connector client must not retry by itself).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import { toSendError } from '../../src/channels/teams/sender.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import { SendError } from '../../src/ports/channel.ts';
import { BOT_ID, startTeamsRig, TENANT, type TeamsRig } from '../helpers/teams-harness.ts';

const card: Card = { id: 'notice', fallbackText: 'New incident', body: [{ kind: 'heading', text: 'New incident' }] };

let rig: TeamsRig;
beforeAll(async () => {
  rig = await startTeamsRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.connector.reset());

function recipient(address: Record<string, unknown> = {}): Recipient {
  return {
    channel: 'teams',
    userId: 'aad-lars',
    tenantId: TENANT,
    address: { serviceUrl: rig.connector.serviceUrl, botId: BOT_ID, ...address },
  };
}

async function failure(promise: Promise<unknown>): Promise<SendError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

describe('sender.send', () => {
  it('continues a known conversation and returns the activity id', async () => {
    const { platformMessageId } = await rig.channel.sender.send(recipient({ conversationId: 'a:dm-lars' }), card, 'k1');
    expect(platformMessageId).toMatch(/^act-/);
    expect(rig.connector.calls.map((c) => c.kind)).toEqual(['send']);
    const sent = rig.connector.calls[0]!;
    expect(sent.conversationId).toBe('a:dm-lars');
    expect(sent.headers.authorization).toBeUndefined(); // local mode: no token
    expect(sent.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(sent.body.attachments[0].content.body[0].text).toBe('New incident');
  });

  it('creates the 1:1 conversation when none is known, then sends to it', async () => {
    const { platformMessageId } = await rig.channel.sender.send(recipient(), card, 'k2');
    expect(platformMessageId).toMatch(/^act-/);
    expect(rig.connector.calls.map((c) => c.kind)).toEqual(['createConversation', 'send']);
    const [create, send] = rig.connector.calls;
    expect(create?.body).toMatchObject({
      isGroup: false,
      bot: { id: BOT_ID },
      members: [{ id: 'aad-lars' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    expect(send?.conversationId).toBe('a:dm-aad-lars');
  });

  it('maps 429 to throttled with Retry-After, after one call (no retries inside the client)', async () => {
    rig.connector.failNext(1, { status: 429, retryAfter: '7' });
    const err = await failure(rig.channel.sender.send(recipient({ conversationId: 'a:dm-lars' }), card, 'k3'));
    expect(err.failure).toBe('throttled');
    expect(err.retryAfterMs).toBe(7000);
    expect(rig.connector.calls).toHaveLength(1);
  });

  it('maps 429 on createConversation too', async () => {
    rig.connector.failNext(1, { status: 429, retryAfter: '2', kind: 'createConversation' });
    const err = await failure(rig.channel.sender.send(recipient(), card, 'k4'));
    expect(err).toMatchObject({ failure: 'throttled', retryAfterMs: 2000 });
  });

  it('maps 500 and 503 to transient, without retrying', async () => {
    for (const status of [500, 503]) {
      rig.connector.reset();
      rig.connector.failNext(1, { status });
      const started = Date.now();
      const err = await failure(rig.channel.sender.send(recipient({ conversationId: 'a:dm-lars' }), card, 'k5'));
      expect(err.failure).toBe('transient');
      expect(rig.connector.calls).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('maps 403 and 404 to permanent', async () => {
    for (const status of [403, 404]) {
      rig.connector.reset();
      rig.connector.failNext(1, { status });
      const err = await failure(rig.channel.sender.send(recipient({ conversationId: 'a:dm-lars' }), card, 'k6'));
      expect(err.failure).toBe('permanent');
    }
  });

  it('maps a refused connection to transient', async () => {
    const err = await failure(rig.channel.sender.send(recipient({ serviceUrl: 'http://127.0.0.1:9/' }), card, 'k7'));
    expect(err.failure).toBe('transient');
  });

  it('is permanent when the recipient has no address at all', async () => {
    const err = await failure(rig.channel.sender.send({ channel: 'teams', userId: 'aad-x' }, card, 'k8'));
    expect(err.failure).toBe('permanent');
  });
});

describe('toSendError', () => {
  const rest = (statusCode: number, retryAfter?: string) => ({
    name: 'RestError',
    statusCode,
    response: { status: statusCode, headers: new Headers(retryAfter ? { 'retry-after': retryAfter } : {}) },
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(toSendError(rest(429, '1.5')).retryAfterMs).toBe(1500);
    const now = Date.parse('2026-11-27T10:00:00Z');
    const err = toSendError(rest(429, 'Fri, 27 Nov 2026 10:00:30 GMT'), () => now);
    expect(err).toMatchObject({ failure: 'throttled', retryAfterMs: 30_000 });
    expect(toSendError(rest(429)).retryAfterMs).toBeUndefined();
  });

  it('keeps messages on our own auth trouble and timeouts, drops them on refusals', () => {
    expect(toSendError(rest(401)).failure).toBe('transient');
    expect(toSendError(rest(408)).failure).toBe('transient');
    expect(toSendError(rest(400)).failure).toBe('permanent');
    expect(toSendError(new Error('socket hang up')).failure).toBe('transient');
  });
});
