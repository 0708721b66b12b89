// Property-based fuzzing of the inbound parsers on their own (the HTTP edges around them:
// fuzz-handlers.test.ts): any input gives a valid turn, an envelope or a rejection, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readAdaptiveSubmit } from '../../cards/adaptive.ts';
import { readSlackAction, readSlackViewState } from '../../cards/blockkit.ts';
import { connectorCall, Inboxes } from '../../src/channels/playground/connector.ts';
import { MAX_ADVANCE_MS } from '../../src/channels/playground/duration.ts';
import { readClockRequest } from '../../src/channels/playground/inbound-schema.ts';
import { botUserIdOf, privateMetadataSchema, readSlackPayload } from '../../src/channels/slack/inbound-schema.ts';
import { installTurn, invokeTurn, messageTurn } from '../../src/channels/teams/activity.ts';
import { parseTeamsActivity } from '../../src/channels/teams/inbound-schema.ts';

// What a channel may hand the core: ids present, exactly one of text and action.
const validTurn = z
  .object({
    channel: z.literal('teams'),
    user: z
      .object({
        channel: z.literal('teams'),
        userId: z.string().min(1),
        tenantId: z.string().min(1).optional(),
        displayName: z.string().min(1).optional(),
      })
      .strict(),
    platformLocale: z.string().min(1).optional(),
    timeZone: z.string().min(1).optional(),
    conversation: z.enum(['personal', 'group', 'channel']),
    privateChatUrl: z.string().url().optional(),
    text: z.string().optional(),
    action: z.object({ id: z.string(), values: z.record(z.unknown()) }).optional(),
    address: z.record(z.string().min(1)),
  })
  .strict()
  .refine((t) => (t.text === undefined) !== (t.action === undefined));

const PROBLEMS = ['type', 'serviceUrl', 'channelId', 'conversation.id', 'recipient.id', 'from.id'].map(
  (f) => `${f} missing`,
);
/** Mostly the well-formed value, sometimes anything at all. */
const orAnything = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: fc.anything(), weight: 1 });
const BOT = '28:bot';
const submitValue = fc.oneof(
  fc.record({ verb: orAnything(fc.string()) }),
  fc.record({ action: orAnything(fc.record({ verb: orAnything(fc.string()), data: fc.anything() })) }),
  fc.record({ data: orAnything(fc.record({ verb: orAnything(fc.string()), x: fc.anything() })) }),
);
// Near-valid activities (each field valid or anything at all), so both outcomes are explored.
const teamsLike = fc.record(
  {
    type: fc.constantFrom('message', 'invoke', 'conversationUpdate'),
    id: fc.anything(),
    serviceUrl: orAnything(fc.constant('http://127.0.0.1/')),
    channelId: orAnything(fc.constant('msteams')),
    conversation: orAnything(
      fc.record({ id: orAnything(fc.string()), conversationType: fc.anything(), tenantId: fc.anything() }),
    ),
    recipient: orAnything(fc.record({ id: fc.constant(BOT) })),
    from: orAnything(fc.record({ id: orAnything(fc.string()), aadObjectId: fc.anything(), name: fc.anything() })),
    text: orAnything(fc.string()),
    locale: fc.anything(),
    entities: orAnything(
      fc.array(
        orAnything(
          fc.record({
            type: fc.constantFrom('mention', 'clientInfo'),
            text: orAnything(fc.string()),
            mentioned: orAnything(fc.record({ id: fc.constantFrom(BOT, '29:x') })),
            locale: fc.anything(),
          }),
        ),
      ),
    ),
    channelData: fc.anything(),
    membersAdded: orAnything(fc.array(orAnything(fc.record({ id: fc.constant(BOT) })))),
    value: orAnything(submitValue),
  },
  { requiredKeys: ['type', 'serviceUrl', 'channelId', 'conversation', 'recipient', 'from'] },
);

describe('inbound parsers with arbitrary input', () => {
  const runs = { numRuns: 500 };

  it('a Teams activity becomes valid turns (or no turn), or a known 400', () => {
    fc.assert(
      fc.property(fc.oneof(teamsLike, fc.anything()), (raw) => {
        const read = parseTeamsActivity(raw);
        if (!read.ok) {
          expect([...PROBLEMS, 'not an activity']).toContain(read.problem);
          return;
        }
        for (const turn of [messageTurn(read.activity), invokeTurn(read.activity), installTurn(read.activity)]) {
          if (turn !== null) expect(validTurn.safeParse(turn).success, JSON.stringify(turn)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('card submit envelopes give an action id and a values object, or nothing', () => {
    fc.assert(
      fc.property(fc.oneof(submitValue, fc.anything()), fc.anything(), fc.anything(), (value, button, state) => {
        const submit = readAdaptiveSubmit(value);
        if (submit) {
          expect(typeof submit.actionId).toBe('string');
          expect(Object.hasOwn(submit.values, 'verb')).toBe(false);
        }
        expect(readSlackAction({ action_id: 'a#1', value: button }).values).toBeTypeOf('object');
        expect(readSlackViewState(state)).toBeTypeOf('object');
        const meta = privateMetadataSchema.parse(typeof button === 'string' ? button : JSON.stringify(button ?? null));
        for (const v of Object.values(meta.data)) expect(typeof v).toBe('string');
      }),
      runs,
    );
  });

  it('a Slack payload is for Bolt with the ids its listener needs, ignored, or refused', () => {
    const slackLike = fc.record({
      type: fc.constantFrom('event_callback', 'block_actions', 'view_submission', 'url_verification', 'x'),
      event: orAnything(fc.record({ type: orAnything(fc.string()), user: fc.anything(), channel: fc.anything() })),
      actions: orAnything(fc.array(orAnything(fc.record({ action_id: orAnything(fc.string()) })))),
      view: orAnything(fc.record({ callback_id: orAnything(fc.string()), private_metadata: fc.anything() })),
      user: orAnything(fc.record({ id: orAnything(fc.string()) })),
      authorizations: fc.anything(),
    });
    fc.assert(
      fc.property(fc.oneof(slackLike, fc.anything()), (body) => {
        const read = readSlackPayload(body);
        expect(['bolt', 'ignore', 'bad']).toContain(read.verdict);
        expect(botUserIdOf(body)).toSatisfy((id) => id === undefined || typeof id === 'string');
        if (read.verdict !== 'bolt' || !read.payload) return;
        const p = read.payload;
        if (p.type === 'block_actions') expect(readSlackAction(p.actions[0]).actionId).toBeTypeOf('string');
        if (p.type === 'block_actions' || p.type === 'view_submission') expect(p.user.id).not.toBe('');
        if (p.type === 'view_submission') expect(p.view.callback_id).toBeTypeOf('string');
      }),
      runs,
    );
  });

  it('playground bodies: a clock move within bounds or a message; the connector never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.record({ advance: orAnything(fc.string()) }), fc.anything()), (body) => {
        const clock = readClockRequest(body);
        if (clock.ok) expect(clock.ms > 0 && clock.ms <= MAX_ADVANCE_MS).toBe(true);
        else expect(clock.error).toBeTypeOf('string');
        const inboxes = new Inboxes();
        expect([201, 404]).toContain(connectorCall(inboxes, 'POST', 'v3/conversations', body).status);
        expect([201, 400]).toContain(
          connectorCall(inboxes, 'POST', 'v3/conversations/pg-dm-anna/activities', body).status,
        );
      }),
      runs,
    );
  });
});
