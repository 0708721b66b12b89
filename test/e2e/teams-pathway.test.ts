// The post-incident pathway on Teams end to end: real server, core and embedded store over HTTP,
// the fake Bot Framework connector as Teams. Every step is submitted from the card the bot sent
// (its `step.save` data, `v` included), as a user clicking in Teams would; access, a double click
// and a closed case are checked through the same path.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_IDS, type StepId } from '../../src/domain/pathway.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { actionsOf, type Person, person, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();
const anna = person('anna', 'Anna Berg', 'nb-NO'); // the involved nurse
const lars = person('lars', 'Lars Holm', 'sv-SE'); // her manager
const ingrid = person('ingrid', 'Ingrid Dahl', 'da-DK'); // the peer supporter
const olav = person('olav', 'Olav Vik', 'nb-NO'); // no part in the incident

// Dates in the past on the real clock: the report's time may not lie in the future.
const yesterday = DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toISODate()!;

/** Answers per step as Teams submits them: strings only, multi-choices comma-joined, date + time split. */
const ANSWERS: Record<StepId, Record<string, string>> = {
  support: { done: 'listened,transportHome', note: 'Kollega tok over resten av vakten' },
  defusing: { bookedAt: yesterday, bookedAtTime: '14:00', leader: 'aad-lars' },
  managerSupport: { elements: 'attending,understanding,empathising,helping' },
  report: { reportRef: 'AVV-2026-118', reportedAt: yesterday, reportedAtTime: '09:30' },
  peerSupport: { kind: 'buddy', supporter: 'aad-ingrid' },
  followUp: { meetingAt: yesterday, meetingAtTime: '10:00', adjustments: 'reducedWorkload' },
  debrief: { heldAt: yesterday, heldAtTime: '13:00', actionText: 'Innfør dobbeltkontroll', actionOwner: 'aad-lars' },
  apology: { avoidable: 'yes', elements: 'acknowledgeFailure,expressRegret', speaker: 'aad-lars' },
  watchfulWaiting: { contacts: 'patientContacted,staffFollowedUp' },
};

let e2e: TeamsE2E;
let incidentId: string;

// biome-ignore lint/suspicious/noExplicitAny: card JSON
type CardJson = any;

/** Sends a message or card submit from `who` and returns the one card the bot answered with. */
async function answer(who: Person, message: { text?: string; value?: Record<string, unknown> }): Promise<CardJson> {
  const since = e2e.connector.calls.length;
  expect((await e2e.send(who, message)).status).toBe(200);
  // Replies only: proactive messages (e.g. a notice to the manager) may arrive meanwhile. Registering
  // also shows the follow-up plan (tested in followup-flow.test.ts); the answer is the other card.
  const cards = e2e.connector.calls
    .slice(since)
    .filter((c) => c.kind === 'reply' && c.status < 300 && c.conversationId === `a:dm-${who.aadObjectId}`)
    .flatMap((c) => (c.body?.attachments ?? []) as { content: CardJson }[])
    .map((a) => a.content)
    .filter((c: CardJson) => !actionsOf(c).some((a) => a.data?.verb === 'plan.consent'));
  expect(cards).toHaveLength(1);
  return cards[0];
}

const dataOf = (card: CardJson, verb: string) => actionsOf(card).find((a) => a.data?.verb === verb)?.data;
const textOf = (card: CardJson) => textsOf(card).join('\n');
const stepOf = async (step: StepId) => (await e2e.server.store.listSteps(incidentId)).find((s) => s.step === step)!;

beforeAll(async () => {
  e2e = await startTeamsE2E();
  // Manager and peer supporter have talked to the bot, so they can be chosen in the forms.
  await answer(lars, { text: 'hjälp' });
  await answer(ingrid, { text: 'hjælp' });
  const form = await answer(anna, { value: { verb: 'incident.new' } });
  const caseCard = await answer(anna, {
    value: {
      ...dataOf(form, 'incident.register'), // carries the form's submission id
      summary: 'Feil dose gitt på nattevakt',
      occurredAt: yesterday,
      occurredAtTime: '03:15',
      category: 'medication',
      involved: '',
      manager: 'aad-lars',
      peerSupporter: 'aad-ingrid',
    },
  });
  incidentId = dataOf(caseCard, 'case.close')?.incidentId;
  expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
});
afterAll(() => e2e?.close());

describe('the pathway on Teams', () => {
  it('refuses an outsider at every step, opening and saving, and stores nothing of theirs', async () => {
    const denied = i18n.t('nb', 'access.denied');
    for (const step of STEP_IDS) {
      const opened = await answer(olav, { value: { verb: 'step.open', incidentId, step } });
      expect(textsOf(opened), `${step} open`).toContain(denied);
      const saved = await answer(olav, {
        value: { verb: 'step.save', incidentId, step, v: '0', state: 'done', ...ANSWERS[step] },
      });
      expect(textsOf(saved), `${step} save`).toContain(denied);
    }
    const steps = await e2e.server.store.listSteps(incidentId);
    expect(steps.every((s) => s.updatedBy !== 'aad-olav' && s.state !== 'done')).toBe(true);
  });

  it('lets the peer supporter accept the request from the case', async () => {
    const reply = await answer(ingrid, { value: { verb: 'peer.accept', incidentId } });
    expect(JSON.stringify(reply)).toContain(incidentId); // the case card, with its step buttons
    expect((await stepOf('peerSupport')).data.supporterStatus).toBe('accepted');
  });

  it('walks all nine steps from the cards the bot sent, and the case card says all are done', async () => {
    for (const step of STEP_IDS) {
      // The manager fills in the manager support checklist and the debrief; the nurse the rest.
      const who = step === 'managerSupport' || step === 'debrief' ? lars : anna;
      const card = await answer(who, { value: { verb: 'step.open', incidentId, step } });
      const save = dataOf(card, 'step.save');
      expect(save, `${step} is editable for ${who.name}`).toMatchObject({ incidentId, step, v: expect.any(String) });
      const reply = await answer(who, { value: { ...save, state: 'done', ...ANSWERS[step] } });
      // A saved step answers with the case card (its close button), not the step form again.
      expect(dataOf(reply, 'case.close')?.incidentId, `${step} saved`).toBe(incidentId);
    }
    const steps = await e2e.server.store.listSteps(incidentId);
    expect(steps.map((s) => s.step).sort()).toEqual([...STEP_IDS].sort());
    expect(steps.every((s) => s.state === 'done')).toBe(true);
    const byId = Object.fromEntries(steps.map((s) => [s.step, s]));
    expect(byId.support!.data.done).toEqual(['listened', 'transportHome']);
    expect(byId.report!.data.reportRef).toBe('AVV-2026-118');
    expect(byId.managerSupport!.updatedBy).toBe('aad-lars');

    const caseCard = await answer(anna, { value: { verb: 'incident.view', incidentId } });
    expect(textOf(caseCard)).toContain('Alle stegene er ferdige');
    expect(textsOf(caseCard)).toContain(i18n.t('nb', 'case.allDone'));
  });

  it('applies a double-clicked save once: the store version goes up by one', async () => {
    const card = await answer(anna, { value: { verb: 'step.open', incidentId, step: 'followUp' } });
    const save = dataOf(card, 'step.save');
    const before = await stepOf('followUp');
    expect(save.v).toBe(String(before.version));
    const first = await answer(anna, { value: { ...save, state: 'done', adjustments: 'timeOff' } });
    const second = await answer(anna, { value: { ...save, state: 'done', adjustments: 'changedShifts' } });
    expect(dataOf(first, 'case.close')?.incidentId).toBe(incidentId);
    expect(textsOf(second)).toContain(i18n.t('nb', 'step.changedMeanwhile'));
    const after = await stepOf('followUp');
    expect(after.version).toBe(before.version + 1);
    expect(after.data.adjustments).toEqual(['timeOff']);
  });

  it('after the manager closes the case, a step submit is answered politely and changes nothing', async () => {
    const form = await answer(lars, { value: { verb: 'case.close', incidentId } });
    const confirm = dataOf(form, 'case.closeConfirm');
    expect(confirm?.incidentId).toBe(incidentId);
    await answer(lars, { value: { ...confirm, reason: 'completed' } });
    const incident = await e2e.server.store.getIncident(incidentId);
    expect(incident).toMatchObject({ status: 'closed', closeReason: 'completed' });

    const before = await stepOf('support');
    const late = await answer(anna, {
      value: { verb: 'step.save', incidentId, step: 'support', v: String(before.version), state: 'in_progress' },
    });
    expect(textsOf(late)).toContain(i18n.t('nb', 'step.closedCase'));
    expect(dataOf(late, 'step.save')).toBeUndefined(); // read-only now
    const after = await stepOf('support');
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('done');
  });
});
