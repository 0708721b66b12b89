// The post-incident pathway through the real core and embedded store: the case card's steps, every
// step saved by the involved person or the manager, access refused at every step, a double click
// applied once, the peer supporter's accept / hand back, closing and reopening.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import { STEP_IDS, type StepId } from '../../src/domain/pathway.ts';
import { cardText, coreHarness, type Harness, registerIncident, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'sv-SE');
const ingrid = teamsUser('aad-ingrid', 'Ingrid Dahl', 'da-DK');
const outsider = teamsUser('aad-olav', 'Olav Vik', 'nb-NO');

/** The data of the first action with this id on a card. */
function actionData(card: Card, id: string): Record<string, string> | undefined {
  for (const b of card.body) if (b.kind === 'actions') for (const a of b.actions) if (a.id === id) return a.data ?? {};
  return undefined;
}

/** Answers per step, as a Teams card submit would send them (state `done`). */
const ANSWERS: Record<StepId, Record<string, unknown>> = {
  support: { done: 'listened,transportHome', note: 'Kollega tok over resten av vakten' },
  defusing: { bookedAt: '2026-11-27', bookedAtTime: '14:00', leader: 'aad-lars' },
  managerSupport: { elements: 'attending,understanding,empathising,helping' },
  report: { reportRef: 'AVV-2026-118', reportedAt: '2026-11-27', reportedAtTime: '09:30' },
  peerSupport: { kind: 'buddy', supporter: 'aad-ingrid' },
  followUp: { meetingAt: '2026-12-03', meetingAtTime: '10:00', adjustments: 'reducedWorkload' },
  debrief: { heldAt: '2026-12-05', heldAtTime: '13:00', actionText: 'Innfør dobbeltkontroll', actionOwner: 'aad-lars' },
  apology: { avoidable: 'yes', elements: 'acknowledgeFailure,expressRegret', speaker: 'aad-lars' },
  watchfulWaiting: { contacts: 'patientContacted,staffFollowedUp' },
};

describe('the pathway through the core', () => {
  let h: Harness;
  let incidentId: string;

  beforeAll(async () => {
    h = await coreHarness();
    await h.core.handleTurn(turn(lars, { text: 'hjälp' }));
    await h.core.handleTurn(turn(ingrid, { text: 'hjælp' }));
    ({ incidentId } = await registerIncident(h, anna, { manager: 'aad-lars', peerSupporter: 'aad-ingrid' }));
  });
  afterAll(() => h.close());

  const open = (who: typeof anna, step: StepId) =>
    h.core.handleTurn(turn(who, { action: { id: 'step.open', values: { incidentId, step } } }));
  const save = (who: typeof anna, step: StepId, v: string, answers: Record<string, unknown>) =>
    h.core.handleTurn(
      turn(who, { action: { id: 'step.save', values: { incidentId, step, v, state: 'done', ...answers } } }),
    );

  it('gives every incident the nine steps with owners and deadlines from the configuration', async () => {
    const steps = await h.store.listSteps(incidentId);
    expect(steps.map((s) => s.step).sort()).toEqual([...STEP_IDS].sort());
    const report = steps.find((s) => s.step === 'report')!;
    expect(report.ownerId).toBe('aad-anna'); // the reporter owns the report by default
    expect(report.dueAt?.toISOString()).toBe('2026-11-28T10:00:00.000Z'); // P1D after registration
    expect(steps.find((s) => s.step === 'support')!.ownerId).toBe('aad-lars');
    // The peer supporter named at registration is asked in the peer-support step.
    expect(steps.find((s) => s.step === 'peerSupport')!.data).toMatchObject({
      supporter: 'aad-ingrid',
      supporterStatus: 'asked',
    });
  });

  it('refuses a person without access at every step, the same way as for an unknown incident', async () => {
    for (const step of STEP_IDS) {
      const opened = await open(outsider, step);
      expect(opened.cards[0]!.id).toBe('incident.denied');
      const saved = await save(outsider, step, '0', ANSWERS[step]);
      expect(saved.cards[0]!.id).toBe('incident.denied');
    }
    const unknown = await h.core.handleTurn(
      turn(outsider, {
        action: { id: 'step.open', values: { incidentId: '00000000-0000-4000-8000-000000000000', step: 'support' } },
      }),
    );
    expect(cardText(unknown.cards[0]!)).toBe(cardText((await open(outsider, 'support')).cards[0]!));
    expect((await h.store.listSteps(incidentId)).every((s) => s.updatedBy !== 'aad-olav')).toBe(true);
    const audit = await h.store.listAudit(incidentId);
    expect(audit.filter((a) => a.action === 'incident.denied').length).toBeGreaterThanOrEqual(18);
  });

  it('walks all nine steps: each saved once with its answers, and the case card shows them done', async () => {
    for (const step of STEP_IDS) {
      // The manager support checklist is the manager's; the rest the involved person fills in.
      const who = step === 'managerSupport' || step === 'debrief' ? lars : anna;
      const card = (await open(who, step)).cards[0]!;
      expect(card.id).toBe(`step.${step}`);
      const v = actionData(card, 'step.save')?.v;
      expect(v, `${step} is editable`).toBeDefined();
      const reply = await save(who, step, v!, ANSWERS[step]);
      expect(reply.cards[0]!.id, `${step} saved`).toBe('incident.case');
    }
    const steps = await h.store.listSteps(incidentId);
    expect(steps.every((s) => s.state === 'done')).toBe(true);
    const byId = Object.fromEntries(steps.map((s) => [s.step, s]));
    expect(byId.support!.data.done).toEqual(['listened', 'transportHome']);
    expect(byId.report!.data.reportRef).toBe('AVV-2026-118');
    expect(byId.defusing!.data.bookedAt).toBe('2026-11-27T13:00:00.000Z');
    expect(byId.debrief!.data.actions).toEqual([{ text: 'Innfør dobbeltkontroll', ownerId: 'aad-lars', due: null }]);
    expect(byId.debrief!.data.actionText).toBeUndefined();
    const caseCard = (await h.core.handleTurn(turn(anna, { action: { id: 'incident.view', values: { incidentId } } })))
      .cards[0]!;
    expect(cardText(caseCard)).toContain('Alle stegene er ferdige');
  });

  it('keeps the manager support checklist for the manager: the involved person can read it, not change it', async () => {
    const card = (await open(anna, 'managerSupport')).cards[0]!;
    expect(actionData(card, 'step.save')).toBeUndefined();
    const before = (await h.store.listSteps(incidentId)).find((s) => s.step === 'managerSupport')!;
    await save(anna, 'managerSupport', String(before.version), { elements: 'attending' });
    const after = (await h.store.listSteps(incidentId)).find((s) => s.step === 'managerSupport')!;
    expect(after.version).toBe(before.version);
  });

  it('applies a double-clicked save once and shows what is saved', async () => {
    const card = (await open(anna, 'followUp')).cards[0]!;
    const v = actionData(card, 'step.save')!.v!;
    const first = await save(anna, 'followUp', v, { adjustments: 'timeOff' });
    const second = await save(anna, 'followUp', v, { adjustments: 'changedShifts' });
    expect(first.cards[0]!.id).toBe('incident.case');
    expect(second.cards[0]!.id).toBe('step.followUp');
    expect(cardText(second.cards[0]!)).toContain('allerede lagret');
    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'followUp')!;
    expect(step.version).toBe(Number(v) + 1);
    expect(step.data.adjustments).toEqual(['timeOff']);
  });

  it('refuses a patient name or identity number in a step note and keeps the other answers', async () => {
    const card = (await open(anna, 'support')).cards[0]!;
    const v = actionData(card, 'step.save')!.v!;
    const reply = await save(anna, 'support', v, { done: 'listened', note: 'Pasient 01010012356 fikk feil dose' });
    expect(reply.cards[0]!.id).toBe('step.support');
    expect(reply.formErrors?.note).toBeDefined();
    expect(cardText(reply.cards[0]!)).not.toContain('01010012356');
    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'support')!;
    expect(JSON.stringify(step.data)).not.toContain('01010012356');
  });

  it('lets the asked peer supporter hand it back: access removed and the owner told', async () => {
    const peerMessages = async () => (await h.store.listOutbox({})).filter((m) => m.kind.startsWith('peer.'));
    const before = (await peerMessages()).length;
    const reply = await h.core.handleTurn(turn(ingrid, { action: { id: 'peer.decline', values: { incidentId } } }));
    expect(reply.cards[0]!.id).toBe('peer.handedBack');
    expect((await h.store.listParticipants(incidentId)).some((p) => p.role === 'peer')).toBe(false);
    expect((await open(ingrid, 'support')).cards[0]!.id).toBe('incident.denied');
    const outbox = await peerMessages();
    expect(outbox.length).toBe(before + 1);
    expect(outbox.at(-1)!.kind).toBe('peer.declined');
    expect(outbox.at(-1)!.recipient.userId).toBe('aad-lars');
  });

  it('asks a newly chosen supporter, who can accept', async () => {
    const card = (await open(anna, 'peerSupport')).cards[0]!;
    await save(anna, 'peerSupport', actionData(card, 'step.save')!.v!, { kind: 'localTeam', supporter: 'aad-ingrid' });
    const request = (await h.store.listOutbox({})).filter((m) => m.kind.startsWith('peer.')).at(-1)!;
    expect(request.kind).toBe('peer.request');
    expect(request.recipient.userId).toBe('aad-ingrid');
    // Names and the reference only: never what happened.
    expect(JSON.stringify(request.card)).not.toContain('Feil dose');
    const reply = await h.core.handleTurn(turn(ingrid, { action: { id: 'peer.accept', values: { incidentId } } }));
    expect(reply.cards[0]!.id).toBe('incident.case');
    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'peerSupport')!;
    expect(step.data.supporterStatus).toBe('accepted');
  });

  it('closes with a reason, cancelling what was scheduled; a later submit is answered politely; reopens', async () => {
    const now = h.clock.now();
    await h.store.enqueue([
      {
        idempotencyKey: `test:${incidentId}:later`,
        kind: 'checkin',
        recipient: { channel: 'teams', userId: 'aad-anna' },
        card: { id: 'x', fallbackText: 'x', body: [] },
        dueAt: new Date(now.getTime() + 86_400_000),
        incidentId,
      },
    ]);
    const form = await h.core.handleTurn(turn(anna, { action: { id: 'case.close', values: { incidentId } } }));
    expect(form.cards[0]!.id).toBe('case.close');
    const bad = await h.core.handleTurn(
      turn(anna, { action: { id: 'case.closeConfirm', values: { incidentId, reason: 'because' } } }),
    );
    expect(bad.cards[0]!.id).toBe('case.close');
    const closed = await h.core.handleTurn(
      turn(anna, { action: { id: 'case.closeConfirm', values: { incidentId, reason: 'completed' } } }),
    );
    expect(cardText(closed.cards[0]!)).toContain('avsluttet');
    expect((await h.store.getIncident(incidentId))!.closeReason).toBe('completed');
    expect(await h.store.listOutbox({ status: 'pending', incidentId })).toHaveLength(0);
    expect((await h.store.listOutbox({ status: 'cancelled', incidentId })).length).toBeGreaterThan(0);

    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'followUp')!;
    const late = await save(anna, 'followUp', String(step.version), { adjustments: 'timeOff' });
    expect(cardText(late.cards[0]!)).toContain('Saken er avsluttet');
    expect((await h.store.listSteps(incidentId)).find((s) => s.step === 'followUp')!.version).toBe(step.version);

    const outsiderClose = await h.core.handleTurn(
      turn(outsider, { action: { id: 'case.reopen', values: { incidentId } } }),
    );
    expect(outsiderClose.cards[0]!.id).toBe('incident.denied');
    const reopened = await h.core.handleTurn(turn(lars, { action: { id: 'case.reopen', values: { incidentId } } }));
    expect(cardText(reopened.cards[0]!)).toContain('öppet igen');
    expect((await h.store.getIncident(incidentId))!.status).toBe('open');
  });

  it("lists the manager's team incidents, and none for someone who manages nothing", async () => {
    const mine = await h.core.handleTurn(turn(lars, { text: 'teamets händelser' }));
    expect(mine.cards[0]!.id).toBe('incident.teamList');
    expect(cardText(mine.cards[0]!)).toMatch(/IVR-\d{4}-\d+/);
    const none = await h.core.handleTurn(turn(anna, { action: { id: 'incident.team', values: {} } }));
    expect(cardText(none.cards[0]!)).not.toMatch(/IVR-\d{4}-\d+/);
  });

  it('checks a draft apology without storing it', async () => {
    const draft = 'Jeg beklager at du opplevde det slik.';
    const reply = await h.core.handleTurn(
      turn(anna, { action: { id: 'apology.checkDraft', values: { incidentId, draft } } }),
    );
    expect(reply.cards[0]!.id).toMatch(/^apology/);
    expect(cardText(reply.cards[0]!)).not.toContain(draft);
    const steps = await h.store.listSteps(incidentId);
    expect(JSON.stringify(steps)).not.toContain('opplevde det slik');
  });
});
