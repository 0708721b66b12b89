// The dispatcher's sweep through the real core, embedded store and dispatcher, on a fixed clock:
// the peer supporter's weekly summary (Monday's working start in their zone, once a week, names and
// dates only), and check-ins that fell due while the bot was down (2 h late: sent; 2 days: re-planned).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChannelSender } from '../../src/ports/channel.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { cardText, coreHarness, type Harness, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const bjorn = teamsUser('aad-bjorn', 'Bjørn Lie', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'sv-SE');

/** Records what it delivered, as the person would see it. */
class RecordingSender implements ChannelSender {
  readonly channel = 'teams' as const;
  sent: { key: string; to: string; card: Card }[] = [];
  async send(r: Recipient, card: Card, key: string) {
    this.sent.push({ key, to: r.userId, card });
    return { platformMessageId: `pm-${this.sent.length}` };
  }
  keys(prefix: string) {
    return this.sent.filter((s) => s.key.startsWith(prefix)).map((s) => s.key);
  }
  /** How often exactly this message went out. */
  times(key: string) {
    return this.sent.filter((s) => s.key === key).length;
  }
}

interface Rig {
  h: Harness;
  sender: RecordingSender;
  incidentId: string;
  /** Moves the clock to `iso` and runs the dispatcher there (sweep first), as after a restart. */
  runAt(iso: string, worker?: string): Promise<void>;
}

async function rig(
  registeredAt: string,
  peer: { user: ReturnType<typeof teamsUser>; timeZone?: string },
): Promise<Rig> {
  const h = await coreHarness(new Date(registeredAt));
  const ingrid = { ...peer.user, user: { ...peer.user.user } };
  for (const who of [lars, bjorn]) await h.core.handleTurn(turn(who, { text: 'hjelp' }));
  await h.core.handleTurn(turn(ingrid, { text: 'hjelp', timeZone: peer.timeZone }));
  const reply = await h.core.handleTurn(
    turn(anna, {
      action: {
        id: 'incident.register',
        values: {
          summary: 'Feil dose gitt på nattevakt',
          occurredAt: registeredAt.slice(0, 10),
          occurredAtTime: '03:15',
          category: 'medication',
          involved: 'aad-bjorn',
          manager: 'aad-lars',
          peerSupporter: ingrid.user.userId,
        },
      },
    }),
  );
  const view = reply.cards[0]!.body.flatMap((b) => (b.kind === 'actions' ? b.actions : []));
  const incidentId = view.find((a) => a.id === 'case.close')!.data!.incidentId!;
  await h.core.handleTurn(
    turn(ingrid, { action: { id: 'peer.accept', values: { incidentId } }, timeZone: peer.timeZone }),
  );
  const sender = new RecordingSender();
  const dispatchers = new Map<string, Dispatcher>();
  const dispatcher = (worker: string) => {
    let d = dispatchers.get(worker);
    if (!d) {
      d = new Dispatcher({
        store: h.store,
        clock: h.clock,
        senders: { teams: sender },
        log: silentLogger,
        workerId: worker,
        spacingMs: 0,
        sweep: () => h.core.sweep(),
        sweepEveryMs: 0,
      });
      dispatchers.set(worker, d);
    }
    return d;
  };
  return {
    h,
    sender,
    incidentId,
    async runAt(iso, worker = 'w1') {
      h.clock.set(new Date(iso));
      await dispatcher(worker).runDue();
    },
  };
}

const ingridLondon = teamsUser('aad-ingrid', 'Ingrid Dahl', 'da-DK');

describe('weekly summary for the peer supporter', () => {
  let r: Rig;
  // Wednesday 25 November 2026; Ingrid works from London (08:00 there is 09:00 in Oslo).
  beforeAll(async () => {
    r = await rig('2026-11-25T10:00:00Z', { user: ingridLondon, timeZone: 'Europe/London' });
  });
  afterAll(() => r.h.close());

  const summaries = async () =>
    (await r.h.store.listOutbox({ status: undefined })).filter((m) => m.kind === 'peer.summary');

  it("arrives on Monday at the start of the peer's working time in their zone, with names and dates only", async () => {
    // A low answer first, so there is something the summary must not tell.
    const [first] = await r.h.store.listPlanCheckins(r.incidentId, 'aad-anna');
    await r.h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.answer', values: { checkinId: first!.id, score: '1' } } }),
    );
    await r.runAt('2026-11-29T20:00:00Z'); // Sunday evening
    await r.runAt('2026-11-30T07:59:00Z'); // Monday: 08:59 in Oslo, 07:59 in London
    expect(r.sender.keys('peer-summary:')).toEqual([]);
    await r.runAt('2026-11-30T08:00:00Z');
    expect(r.sender.keys('peer-summary:')).toEqual(['peer-summary:teams:aad-ingrid:2026-W49']);
    const got = r.sender.sent.find((s) => s.key.startsWith('peer-summary:'))!;
    expect(got.to).toBe('aad-ingrid');
    expect(got.card.id).toBe('peer.summary');

    const facts = got.card.body.flatMap((b) => (b.kind === 'facts' ? b.items : []));
    expect(facts.map((f) => f.label)).toEqual(['Anna Berg', 'Bjørn Lie']);
    const { ref } = (await r.h.store.getIncident(r.incidentId))!;
    const i18n = new (await import('../../src/i18n/i18n.ts')).I18n();
    for (const [i, who] of ['aad-anna', 'aad-bjorn'].entries()) {
      const next = (await r.h.store.listPlanCheckins(r.incidentId, who)).find(
        (c) => c.status === 'planned' && c.dueAt >= new Date('2026-11-30T08:00:00Z'),
      )!;
      // In Ingrid's language (Danish) and her time zone.
      expect(facts[i]!.value).toBe(`${i18n.dateTime('da', next.dueAt, 'Europe/London')} (${ref})`);
    }
    const text = cardText(got.card);
    expect(text).not.toMatch(/Feil dose|medication|medisin|Meget dårlig|Meget dårligt/i);
    expect(text).not.toContain('Lars Holm');
    expect(text).toContain('2 kolleger');
  });

  it('is made once a week, even when the sweep runs again and on a second replica', async () => {
    await r.runAt('2026-11-30T08:01:00Z');
    await r.runAt('2026-11-30T08:02:00Z', 'w2');
    await r.runAt('2026-12-01T08:00:00Z', 'w2');
    expect((await summaries()).map((m) => m.idempotencyKey)).toEqual(['peer-summary:teams:aad-ingrid:2026-W49']);
    expect(r.sender.keys('peer-summary:')).toHaveLength(1);
    await r.runAt('2026-12-07T08:00:00Z', 'w2');
    expect(r.sender.keys('peer-summary:')).toEqual([
      'peer-summary:teams:aad-ingrid:2026-W49',
      'peer-summary:teams:aad-ingrid:2026-W50',
    ]);
  });

  it('is not sent when nobody the peer supports has a check-in planned', async () => {
    for (const who of [anna, bjorn])
      await r.h.core.handleTurn(turn(who, { action: { id: 'checkins.stopAll', values: {} } }));
    await r.runAt('2026-12-14T08:00:00Z');
    await r.runAt('2026-12-14T12:00:00Z');
    expect(r.sender.keys('peer-summary:')).toHaveLength(2);
    expect((await summaries()).map((m) => m.idempotencyKey)).not.toContain('peer-summary:teams:aad-ingrid:2026-W51');
  });
});

describe('weekly summary when Monday is a holiday', () => {
  let r: Rig;
  // Wednesday 24 March 2027; Easter Monday is 29 March, and summer time begins on the 28th.
  beforeAll(async () => {
    r = await rig('2027-03-24T10:00:00Z', { user: teamsUser('aad-ingrid', 'Ingrid Dahl', 'nb-NO') });
  });
  afterAll(() => r.h.close());

  it("comes at Tuesday's working start in Oslo instead", async () => {
    await r.runAt('2027-03-29T06:00:00Z'); // Easter Monday 08:00 in Oslo
    await r.runAt('2027-03-30T05:59:00Z');
    expect(r.sender.keys('peer-summary:')).toEqual([]);
    await r.runAt('2027-03-30T06:00:00Z'); // Tuesday 08:00 summer time
    expect(r.sender.keys('peer-summary:')).toEqual(['peer-summary:teams:aad-ingrid:2027-W13']);
  });
});

describe('check-ins that fell due while the bot was down', () => {
  let r: Rig;
  // Monday 14 December 2026, 11:00 in Oslo: check-ins on Tue 15, Thu 17, Mon 21, Mon 28 December, 11:00.
  beforeAll(async () => {
    r = await rig('2026-12-14T10:00:00Z', { user: teamsUser('aad-ingrid', 'Ingrid Dahl', 'da-DK') });
  });
  afterAll(() => r.h.close());

  const plan = (who: string) => r.h.store.listPlanCheckins(r.incidentId, who);
  const outboxOf = async (key: string) =>
    (await r.h.store.listOutbox({ incidentId: r.incidentId })).find((m) => m.idempotencyKey === key)!;

  it('sends one 2 hours late', async () => {
    const [first] = await plan('aad-anna');
    expect(first!.dueAt.toISOString()).toBe('2026-12-15T10:00:00.000Z');
    await r.runAt('2026-12-15T12:00:00Z');
    expect(r.sender.times(`checkin:${first!.id}`)).toBe(1);
  });

  it("cancels the peer's reminder of a check-in that has already come", async () => {
    const [, second] = await plan('aad-anna');
    // Down from Tuesday 13:00 to Thursday 13:00: the reminder (Wednesday morning) was never sent.
    await r.runAt('2026-12-17T12:00:00Z');
    expect(r.sender.times(`checkin:${second!.id}`)).toBe(1);
    expect((await outboxOf(`checkin:${second!.id}:peer-reminder`)).status).toBe('cancelled');
  });

  it('re-plans one 2 days late for the next working start, past holidays and the weekend, and does not send it', async () => {
    const [, , third] = await plan('aad-anna');
    expect(third!.dueAt.toISOString()).toBe('2026-12-21T10:00:00.000Z');
    // Down from Thursday to Wednesday 23 December, 12:00 in Oslo. 24–27 December are off in Norway.
    await r.runAt('2026-12-23T11:00:00Z');
    for (const who of ['aad-anna', 'aad-bjorn']) {
      const c = (await plan(who))[2]!;
      expect(c.dueAt.toISOString()).toBe('2026-12-28T07:00:00.000Z');
      expect(r.sender.times(`checkin:${c.id}`)).toBe(0);
      const m = await outboxOf(`checkin:${c.id}`);
      expect(m).toMatchObject({ status: 'pending', dueAt: new Date('2026-12-28T07:00:00.000Z') });
    }
    // The peer's reminder moved with it: sent now (its working morning has passed), naming the new time.
    const reminder = r.sender.sent.find((s) => s.key === `checkin:${third!.id}:peer-reminder`)!;
    expect(cardText(reminder.card)).toContain('28. dec.');

    await r.runAt('2026-12-28T07:00:00Z');
    expect(r.sender.times(`checkin:${third!.id}`)).toBe(1);
  });
});
