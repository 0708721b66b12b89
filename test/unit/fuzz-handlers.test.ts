// Property-based fuzzing of every card action the core routes, and of the two HTTP edges: invalid
// input never throws, always gets a card, changes no state, and never yields a 5xx. The inbound
// parsers on their own: fuzz-inbound.test.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions } from '../../src/app/routes.ts';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { coreHarness, type Harness, teamsUser, turn } from '../helpers/core-harness.ts';
import { type SlackRig, startSlackRig } from '../helpers/slack-harness.ts';
import { startTeamsRig, type TeamsRig } from '../helpers/teams-harness.ts';

const TABLES = [
  'incidents',
  'incident_steps',
  'participants',
  'outbox',
  'checkins',
  'followup_plans',
  'step_schedules',
];
// Actions that ignore their values and may change the user's own state whatever is sent.
const VALUE_FREE_WRITES = new Set(['checkins.stopAll']);
const ids = Object.keys(actions).filter((id) => !VALUE_FREE_WRITES.has(id));

const nasty: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.object(),
  fc.dictionary(
    fc.constantFrom('incidentId', 'stepId', 'checkinId', 'key', 'id', 'card', 'score', 'locale'),
    fc.anything(),
  ),
  fc.record({ incidentId: fc.string(), stepId: fc.string(), card: fc.constantFrom('step.x', 'case.close', '') }),
  fc.record({ incidentId: fc.integer(), summary: fc.string({ minLength: 5000, maxLength: 20000 }) }),
  fc.record({ id: fc.constant('not-a-uuid'), checkinId: fc.uuid(), score: fc.oneof(fc.double(), fc.string()) }),
);

describe('card actions with invalid values', () => {
  let h: Harness;
  const anna = teamsUser('aad-fuzz-anna', 'Anna Fuzz', 'nb-NO');
  const snapshot = async () => {
    const db = (h.store as SqlStore).db;
    const out: Record<string, unknown> = {};
    for (const t of TABLES) {
      const [row] = await db.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h FROM ${t} x`,
      );
      out[t] = row;
    }
    return out;
  };

  beforeAll(async () => {
    const config = orgConfigSchema.parse({ security: { rateLimit: { perMinute: 6000, burst: 1000 } } });
    h = await coreHarness(undefined, { config });
    const values = {
      summary: 'Feil dose av et legemiddel ble gitt på nattevakt',
      occurredAt: '2026-11-27',
      occurredAtTime: '03:15',
      category: 'medication',
      involved: 'aad-bjorn',
      manager: 'aad-lars',
    };
    await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values } }));
  }, 60_000);
  afterAll(() => h.close());

  async function check(id: string, values: Record<string, unknown>, before: unknown): Promise<void> {
    const reply = await h.core.handleTurn(turn(anna, { action: { id, values } }));
    expect(reply.cards.length, id).toBeGreaterThan(0);
    expect(await snapshot(), `${id} ${JSON.stringify(values).slice(0, 200)}`).toEqual(before);
  }

  it('seeded an incident to aim at', async () => {
    expect(await h.store.listIncidentsForUser('teams', 'aad-fuzz-anna')).toHaveLength(1);
  });

  it('every action survives wrong types, huge strings and ids that are not uuids', async () => {
    const before = await snapshot();
    const fixed: Record<string, unknown>[] = [
      {},
      { incidentId: 42, stepId: null, card: ['x'] },
      { incidentId: 'x'.repeat(100_000), checkinId: '../../etc/passwd' },
    ];
    for (const id of ids) for (const values of fixed) await check(id, values, before);
  }, 60_000);

  it('random values through random actions', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ids), nasty, async (id, values) => check(id, values, before)),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('HTTP edges with random JSON', () => {
  let teams: TeamsRig;
  let slack: SlackRig;
  beforeAll(async () => {
    teams = await startTeamsRig();
    slack = await startSlackRig();
  });
  afterAll(async () => {
    await teams.close();
    await slack.close();
  });

  const json = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()));
  const activity = fc.record(
    {
      type: fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event', 'x'),
      value: fc.anything(),
      from: fc.oneof(fc.anything(), fc.record({ id: fc.string() })),
      conversation: fc.anything(),
      entities: fc.anything(),
      channelData: fc.anything(),
      text: fc.anything(),
      name: fc.anything(),
    },
    { requiredKeys: ['type'] },
  );

  it('/api/messages never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          json,
          activity,
          activity.map((a) => ({ ...teams.activity(), ...a })),
        ),
        async (body) => {
          const before = { turns: teams.core.turns.length, seen: teams.core.seen.size };
          const res = await teams.post(body);
          // 501 is the Bot Framework's answer to an invoke the bot does not implement: not a failure.
          const status =
            res.status === 501 && (body as { type?: unknown } | null)?.type === 'invoke' ? 200 : res.status;
          expect(status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
          // A refused activity reaches nothing: no turn, not even the redelivery record.
          if (status >= 400) expect({ turns: teams.core.turns.length, seen: teams.core.seen.size }).toEqual(before);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('/slack/events never answers 5xx to signed random payloads', async () => {
    const payload = fc.record({
      type: fc.constantFrom('event_callback', 'block_actions', 'view_submission', 'url_verification', 'x'),
      event: fc.anything(),
      actions: fc.anything(),
      view: fc.anything(),
      user: fc.oneof(fc.anything(), fc.record({ id: fc.string() })),
      team: fc.anything(),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, payload), fc.boolean(), async (body, form) => {
        await slack.channel.idle();
        const before = { turns: slack.core.turns.length, seen: slack.core.seen.size };
        const res = await slack.post(body, { form });
        expect(res.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
        await slack.channel.idle();
        if (res.status >= 400) expect({ turns: slack.core.turns.length, seen: slack.core.seen.size }).toEqual(before);
      }),
      { numRuns: 100 },
    );
    await slack.channel.idle();
  }, 60_000);
});
