// An invalid card submission never drops the user's answers (product rule): the form comes back
// with the errors and with what was sent, not emptied or reset to what is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import { coreHarness, type Harness, registerIncident, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'nb-NO');

const inputValue = (card: Card, id: string) =>
  card.body.flatMap((b) => (b.kind === 'input' && b.input.id === id ? [b.input.value] : []))[0];

describe('invalid submits keep their answers', () => {
  let h: Harness;
  let incidentId: string;

  beforeAll(async () => {
    h = await coreHarness(new Date('2026-11-27T10:00:00Z'));
    await h.core.handleTurn(turn(lars, { text: 'hjelp' }));
    incidentId = (await registerIncident(h, anna, { manager: 'aad-lars' })).incidentId;
  });
  afterAll(() => h.close());

  it('moving a check-in to an unreadable time keeps the chosen check-in', async () => {
    const [checkin] = await h.store.listPlanCheckins(incidentId, 'aad-anna');
    const values = { checkinId: checkin!.id, when: 'tomorrow-ish' };
    const reply = await h.core.handleTurn(turn(anna, { action: { id: 'checkins.move', values } }));
    expect(reply.formErrors).toHaveProperty('when');
    expect(inputValue(reply.cards[0]!, 'checkinId')).toBe(checkin!.id);
  });

  it('working hours with an unknown option keep the pattern that was sent, not the saved one', async () => {
    const values = { pattern: 'night', extra: 'weekends,sundays-only' };
    const reply = await h.core.handleTurn(turn(anna, { action: { id: 'workhours.save', values } }));
    expect(inputValue(reply.cards[0]!, 'pattern')).toBe('night');
    expect(await h.store.getWorkProfile('teams', 'aad-anna')).toBeNull();
  });

  it('a hand-over to oneself keeps the person chosen', async () => {
    const values = { incidentId, step: 'managerSupport', to: 'aad-lars' };
    const reply = await h.core.handleTurn(turn(lars, { action: { id: 'deadline.handover', values } }));
    expect(reply.formErrors).toHaveProperty('to');
    expect(inputValue(reply.cards[0]!, 'to')).toEqual(['aad-lars']);
  });
});
