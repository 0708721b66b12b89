// Follow-up check-ins through the real core and embedded store, on a fixed clock: the plan made at
// registration (working hours, holidays), answering, the peer supporter and the manager told only
// what they may know, snooze / skip / stop, "my check-ins", shift work, and a closed case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import { cardText, coreHarness, type Harness, registerIncident, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const bjorn = teamsUser('aad-bjorn', 'Bjørn Lie', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'sv-SE');
const ingrid = teamsUser('aad-ingrid', 'Ingrid Dahl', 'da-DK');

function actionData(card: Card, id: string, match: Record<string, string> = {}): Record<string, string> | undefined {
  for (const b of card.body)
    if (b.kind === 'actions')
      for (const a of b.actions)
        if (a.id === id && Object.entries(match).every(([k, v]) => a.data?.[k] === v)) return a.data ?? {};
  return undefined;
}

describe('follow-up check-ins through the core', () => {
  let h: Harness;
  let incidentId: string;
  let planCard: Card;

  // Friday 27 November 2026, 11:00 in Oslo.
  beforeAll(async () => {
    h = await coreHarness(new Date('2026-11-27T10:00:00Z'));
    for (const who of [lars, ingrid, bjorn]) await h.core.handleTurn(turn(who, { text: 'hjelp' }));
    const registered = await registerIncident(h, anna, {
      involved: 'aad-bjorn',
      manager: 'aad-lars',
      peerSupporter: 'aad-ingrid',
    });
    incidentId = registered.incidentId;
    planCard = registered.reply.cards[1]!;
  });
  afterAll(() => h.close());

  const checkins = (userId: string) => h.store.listPlanCheckins(incidentId, userId);

  it('plans six check-ins for each involved person, in working hours, never on a weekend', async () => {
    expect(planCard.id).toBe('plan.created');
    const mine = await checkins('aad-anna');
    expect(mine).toHaveLength(6);
    // Day 1 falls on a Saturday: Monday 08:00 in Oslo instead.
    expect(mine[0]!.dueAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    for (const c of mine) {
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Oslo',
        weekday: 'short',
        hour: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(c.dueAt);
      expect(['Sat', 'Sun']).not.toContain(local.find((p) => p.type === 'weekday')!.value);
      const hour = Number(local.find((p) => p.type === 'hour')!.value);
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(16);
    }
    expect(await checkins('aad-bjorn')).toHaveLength(6);
    const outbox = await h.store.listOutbox({ incidentId });
    expect(outbox.filter((m) => m.kind === 'checkin')).toHaveLength(12);
    // Ingrid is only asked so far: no reminders for her yet.
    expect(outbox.filter((m) => m.kind === 'checkin.peerReminder')).toHaveLength(0);
    // Bjørn gets his plan as a message; Anna saw hers in the reply.
    expect(outbox.filter((m) => m.kind === 'plan.created').map((m) => m.recipient.userId)).toEqual(['aad-bjorn']);
  });

  it('reminds the peer supporter from acceptance, the working morning before each check-in; handing back stops it', async () => {
    const reminders = async () =>
      (await h.store.listOutbox({ incidentId })).filter((m) => m.kind === 'checkin.peerReminder');
    const accept = { id: 'peer.accept', values: { incidentId } };
    await h.core.handleTurn(turn(ingrid, { action: accept }));
    let pending = (await reminders()).filter((m) => m.status === 'pending');
    expect(pending).toHaveLength(12);
    expect(pending.every((m) => m.recipient.userId === 'aad-ingrid')).toBe(true);
    // Anna's first check-in is Monday 08:00: the reminder goes the working morning before, Friday 08:00,
    // which has passed at 11:00, so it goes at once.
    const [first] = await checkins('aad-anna');
    const firstReminder = pending.find((m) => m.idempotencyKey === `checkin:${first!.id}:peer-reminder`)!;
    expect(firstReminder.dueAt.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    const [, second] = await checkins('aad-anna');
    const secondReminder = pending.find((m) => m.idempotencyKey === `checkin:${second!.id}:peer-reminder`)!;
    expect(secondReminder.dueAt < second!.dueAt).toBe(true);
    expect(secondReminder.dueAt > new Date('2026-11-27T10:00:00Z')).toBe(true);

    await h.core.handleTurn(turn(ingrid, { action: { id: 'peer.decline', values: { incidentId } } }));
    expect((await reminders()).filter((m) => m.status === 'pending')).toHaveLength(0);
    // Accepting again re-arms them (Ingrid was taken off the case, so Anna asks her again first).
    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'peerSupport')!;
    const values = { incidentId, step: 'peerSupport', v: String(step.version), state: 'in_progress' };
    await h.core.handleTurn(
      turn(anna, { action: { id: 'step.save', values: { ...values, supporter: 'aad-ingrid' } } }),
    );
    expect((await h.store.listParticipants(incidentId)).some((p) => p.userId === 'aad-ingrid')).toBe(true);
    expect((await reminders()).filter((m) => m.status === 'pending')).toHaveLength(0);
    await h.core.handleTurn(turn(ingrid, { action: accept }));
    pending = (await reminders()).filter((m) => m.status === 'pending');
    expect(pending).toHaveLength(12);
  });

  it('answers a low score: the supporter is told contact is welcome, never the answer', async () => {
    const [first] = await checkins('aad-anna');
    const reply = await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.answer', values: { checkinId: first!.id, score: '2' } } }),
    );
    expect(reply.cards[0]!.id).toBe('checkin.talk');
    const prompt = (await h.store.listOutbox({ incidentId })).find((m) => m.kind === 'checkin.peerContact')!;
    expect(prompt.recipient.userId).toBe('aad-ingrid');
    expect(cardText(prompt.card)).toContain('Anna Berg');
    expect(cardText(prompt.card)).not.toMatch(/\b2\b|dårlig/i);
    expect((await h.store.getCheckin(first!.id))!.score).toBe(2);
  });

  it("refuses someone else answering a person's check-in", async () => {
    const [, second] = await checkins('aad-anna');
    const reply = await h.core.handleTurn(
      turn(bjorn, { action: { id: 'checkin.answer', values: { checkinId: second!.id, score: '5' } } }),
    );
    expect(reply.cards[0]!.id).toBe('incident.denied');
    expect((await h.store.getCheckin(second!.id))!.status).toBe('planned');
  });

  it('after two low answers in a row, offers professional help and tells the manager only with consent', async () => {
    const [first, second] = await checkins('aad-anna');
    await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.talk', values: { checkinId: first!.id, talk: 'no' } } }),
    );
    await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.answer', values: { checkinId: second!.id, score: '1' } } }),
    );
    let done = await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.talk', values: { checkinId: second!.id, talk: 'yes' } } }),
    );
    expect(cardText(done.cards[0]!)).toContain('fagperson');
    // No consent given: the manager hears nothing.
    expect((await h.store.listOutbox({ incidentId })).some((m) => m.kind === 'checkin.manager')).toBe(false);

    const consent = actionData(planCard, 'plan.consent', { tell: 'yes' })!;
    await h.core.handleTurn(turn(anna, { action: { id: 'plan.consent', values: consent } }));
    const [, , third] = await checkins('aad-anna');
    await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.answer', values: { checkinId: third!.id, score: '2' } } }),
    );
    done = await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.talk', values: { checkinId: third!.id, talk: 'no' } } }),
    );
    const notice = (await h.store.listOutbox({ incidentId })).find((m) => m.kind === 'checkin.manager')!;
    expect(notice.recipient.userId).toBe('aad-lars');
    expect(cardText(notice.card)).not.toMatch(/\b[12]\b/);
  });

  it('snoozes to the next working slot, skips one, and moves a check-in from "my check-ins"', async () => {
    const [, , , fourth, fifth] = await checkins('aad-anna');
    await h.core.handleTurn(
      turn(anna, { action: { id: 'checkin.snooze', values: { checkinId: fourth!.id, by: 'P1D' } } }),
    );
    // Friday 11:00 + 1 day is a Saturday: Monday 08:00.
    expect((await h.store.getCheckin(fourth!.id))!.dueAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    const message = (await h.store.listOutbox({ incidentId })).find(
      (m) => m.idempotencyKey === `checkin:${fourth!.id}`,
    );
    expect(message!.dueAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');

    await h.core.handleTurn(turn(anna, { action: { id: 'checkin.skip', values: { checkinId: fifth!.id } } }));
    expect((await h.store.getCheckin(fifth!.id))!.status).toBe('skipped');

    const mine = await h.core.handleTurn(turn(anna, { text: 'min oppfølging' }));
    expect(mine.cards[0]!.id).toBe('checkins.mine');
    const moved = await h.core.handleTurn(
      turn(anna, {
        action: { id: 'checkins.move', values: { checkinId: fourth!.id, when: '2026-12-05', whenTime: '10:00' } },
      }),
    );
    // 5 December 2026 is a Saturday: moved on to Monday 7 December 08:00.
    expect(moved.cards[0]!.id).toBe('plan.moved');
    expect((await h.store.getCheckin(fourth!.id))!.dueAt.toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it("moves a night worker's check-ins into their nights", async () => {
    await h.core.handleTurn(
      turn(bjorn, { action: { id: 'workhours.save', values: { pattern: 'night', extra: 'weekends,holidays' } } }),
    );
    for (const c of (await checkins('aad-bjorn')).filter((x) => x.status === 'planned')) {
      const hour = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(
          c.dueAt,
        ),
      );
      expect(hour >= 22 || hour < 7).toBe(true);
    }
  });

  it("stops all of a person's check-ins at once and confirms", async () => {
    const reply = await h.core.handleTurn(turn(bjorn, { action: { id: 'checkins.stopAll', values: {} } }));
    expect(reply.cards[0]!.id).toBe('checkin.stopped');
    expect((await checkins('aad-bjorn')).every((c) => c.status === 'cancelled')).toBe(true);
    const pending = await h.store.listOutbox({ status: 'pending', incidentId });
    expect(pending.some((m) => m.recipient.userId === 'aad-bjorn' && m.kind === 'checkin')).toBe(false);
  });

  it('ends the plans when the case closes', async () => {
    await h.core.handleTurn(
      turn(lars, { action: { id: 'case.closeConfirm', values: { incidentId, reason: 'completed' } } }),
    );
    expect((await checkins('aad-anna')).some((c) => c.status === 'planned')).toBe(false);
    expect((await h.store.listOutbox({ status: 'pending', incidentId })).length).toBe(0);
    const mine = await h.core.handleTurn(turn(anna, { action: { id: 'checkins.mine', values: {} } }));
    expect(cardText(mine.cards[0]!)).toContain('Ingen oppfølginger');
  });
});
