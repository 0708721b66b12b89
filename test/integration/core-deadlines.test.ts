// Manager deadlines through the real core, embedded store and dispatcher, on a fixed clock: the
// owner's reminder, every level of a configured ladder (quiet hours, working days over a weekend),
// acknowledgement stopping the chain and telling the level below, a step settled while an
// escalation is in flight, hand-over refused and accepted, snooze, and the "deadlines" overview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChannelSender } from '../../src/ports/channel.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import {
  cardText,
  coreHarness,
  type Harness,
  registerIncident,
  teamsUser,
  turn,
  withoutRateLimit,
} from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'nb-NO');
const kari = teamsUser('aad-kari', 'Kari Leder', 'sv-SE');
const per = teamsUser('aad-per', 'Per Direktør', 'en-GB');

const config = orgConfigSchema.parse({
  escalation: {
    roster: {
      'department-head': [{ name: 'Kari Leder', teams: 'aad-kari' }],
      'clinic-director': [{ name: 'Per Direktør', teams: 'aad-per' }],
    },
    ladders: [
      {
        id: 'default',
        quietHours: { start: '20:00', end: '07:00' },
        repeatTop: 1,
        levels: [
          { to: { role: 'manager' }, respondWithin: { hours: 4 } },
          { to: { role: 'department-head' }, respondWithin: { workingDays: 1 } },
          { to: { role: 'clinic-director' }, respondWithin: { hours: 24 } },
        ],
      },
    ],
  },
  pathway: { steps: { defusing: { due: 'PT8H' } } },
});

class RecordingSender implements ChannelSender {
  readonly channel = 'teams' as const;
  sent: { key: string; to: string; card: Card }[] = [];
  async send(r: Recipient, card: Card, key: string) {
    this.sent.push({ key, to: r.userId, card });
    return { platformMessageId: `pm-${this.sent.length}` };
  }
  to(userId: string, cardId: string, step?: string) {
    return this.sent.filter((s) => s.to === userId && s.card.id === cardId && (!step || s.key.split(':')[2] === step));
  }
}

function action(card: Card, id: string): { id: string; values: Record<string, string> } {
  for (const b of card.body)
    if (b.kind === 'actions') for (const a of b.actions) if (a.id === id) return { id, values: a.data ?? {} };
  throw new Error(`no ${id} on ${card.id}`);
}

describe('manager deadlines and the escalation ladder', () => {
  let h: Harness;
  let sender: RecordingSender;
  let dispatcher: Dispatcher;
  let incidentId: string;
  const runAt = async (iso: string) => {
    h.clock.set(new Date(iso));
    await dispatcher.runDue();
  };
  const pending = async (step: string, kind: string) =>
    (await h.store.listOutbox({ incidentId, status: 'pending' })).filter(
      (m) => m.kind === kind && m.idempotencyKey.startsWith(`deadline:${incidentId}:${step}:`),
    );

  // Friday 27 November 2026, 11:00 in Oslo.
  beforeAll(async () => {
    h = await coreHarness(new Date('2026-11-27T10:00:00Z'), { config: withoutRateLimit(config) });
    for (const who of [lars, kari, per]) await h.core.handleTurn(turn(who, { text: 'hjelp' }));
    ({ incidentId } = await registerIncident(h, anna, { manager: 'aad-lars' }));
    sender = new RecordingSender();
    dispatcher = new Dispatcher({
      store: h.store,
      clock: h.clock,
      senders: { teams: sender },
      log: silentLogger,
      spacingMs: 0,
      auditKinds: new Set(['escalation.notice']),
    });
  });
  afterAll(() => h.close());

  it('plans the owner reminder at half time and each level out of quiet hours, over the weekend', async () => {
    const reminders = await pending('defusing', 'deadline.reminder');
    // Registered 11:00, due 19:00: half time 15:00 Oslo. The due morning (08:00) was before registration.
    expect(reminders.map((m) => [m.recipient.userId, m.dueAt.toISOString()])).toEqual([
      ['aad-lars', '2026-11-27T14:00:00.000Z'],
    ]);
    const notices = (await pending('defusing', 'escalation.notice')).map((m) => [
      m.recipient.userId,
      m.dueAt.toISOString(),
    ]);
    expect(notices).toEqual([
      // Level 1 at the deadline (19:00 Oslo).
      ['aad-lars', '2026-11-27T18:00:00.000Z'],
      // Level 2 four hours later is 23:00, in quiet hours: Saturday 07:00.
      ['aad-kari', '2026-11-28T06:00:00.000Z'],
      // Level 3 one working day later: Monday 07:00, then once more 24 hours after.
      ['aad-per', '2026-11-30T06:00:00.000Z'],
      ['aad-per', '2026-12-01T06:00:00.000Z'],
    ]);
  });

  it('reminds the owner with done, not relevant, hand-over and the snoozes that end before the deadline', async () => {
    await runAt('2026-11-27T14:00:00Z');
    const [reminder] = sender.to('aad-lars', 'deadline.reminder', 'defusing');
    expect(reminder).toBeDefined();
    const text = cardText(reminder!.card);
    expect(text).toContain('Avlastningssamtale');
    expect(text).not.toContain('Feil dose');
    // 15:00 + 1 h and + 3 h are before 19:00; the next working morning is not.
    const snoozes = reminder!.card.body.flatMap((b) => (b.kind === 'actions' ? b.actions : []));
    expect(snoozes.filter((a) => a.id === 'deadline.snooze').map((a) => a.data?.by)).toEqual(['PT1H', 'PT3H']);
    // A snooze past the deadline is refused, and nothing is enqueued.
    const before = (await pending('defusing', 'deadline.reminder')).length;
    const refused = await h.core.handleTurn(
      turn(lars, { action: { id: 'deadline.snooze', values: { incidentId, step: 'defusing', by: 'nextMorning' } } }),
    );
    expect(refused.cards[0]!.id).toBe('deadline.snoozeTooLate');
    expect((await pending('defusing', 'deadline.reminder')).length).toBe(before);
    const snoozed = await h.core.handleTurn(
      turn(lars, { action: { id: 'deadline.snooze', values: { incidentId, step: 'defusing', by: 'PT1H' } } }),
    );
    expect(snoozed.cards[0]!.id).toBe('deadline.snoozed');
    const again = await pending('defusing', 'deadline.reminder');
    expect(again.map((m) => m.dueAt.toISOString())).toEqual(['2026-11-27T15:00:00.000Z']);
  });

  it('tells each level in turn; a level above can read the case but not change it', async () => {
    // Level 1 acknowledges the support step (due 15:00): level 2 is never told of it.
    const [support] = sender.to('aad-lars', 'escalation.notice', 'support');
    expect(support).toBeDefined();
    await h.core.handleTurn(turn(lars, { action: action(support!.card, 'escalation.ack') }));
    await runAt('2026-11-27T18:00:00Z');
    expect(sender.to('aad-kari', 'escalation.notice', 'support')).toHaveLength(0);
    expect(sender.to('aad-lars', 'escalation.notice', 'defusing')).toHaveLength(1);
    expect(sender.to('aad-kari', 'escalation.notice', 'defusing')).toHaveLength(0);

    await runAt('2026-11-28T06:00:00Z');
    const [notice] = sender.to('aad-kari', 'escalation.notice', 'defusing');
    expect(notice).toBeDefined();
    // In Kari's language, with who owns the step and how late it is; never what happened.
    expect(cardText(notice!.card)).toContain('Lars Holm');
    expect(cardText(notice!.card)).toContain('timmar');
    expect(cardText(notice!.card)).not.toContain('Feil dose');
    const view = await h.core.handleTurn(turn(kari, { action: { id: 'incident.view', values: { incidentId } } }));
    expect(view.cards[0]!.id).toBe('incident.case');
    const step = (await h.store.listSteps(incidentId)).find((s) => s.step === 'defusing')!;
    await h.core.handleTurn(
      turn(kari, {
        action: { id: 'step.save', values: { incidentId, step: 'defusing', v: String(step.version), state: 'done' } },
      }),
    );
    expect((await h.store.listSteps(incidentId)).find((s) => s.step === 'defusing')!.state).not.toBe('done');

    // Her overview lists the escalation waiting for her.
    const overview = await h.core.handleTurn(turn(kari, { text: 'tidsfrister' }));
    expect(overview.cards[0]!.id).toBe('deadlines');
    expect(cardText(overview.cards[0]!)).toMatch(/Eskaleringar som väntar på dig: [1-9]/);
    expect(cardText(overview.cards[0]!)).toContain(h.core.t('sv', 'step.defusing.title'));
  });

  it('an acknowledgement stops the chain, tells the level below, and a second one is told who took it', async () => {
    const notice = sender.to('aad-kari', 'escalation.notice', 'defusing')[0]!;
    const ack = await h.core.handleTurn(turn(kari, { action: action(notice.card, 'escalation.ack') }));
    expect(cardText(ack.cards[0]!)).toContain(h.core.t('sv', 'escalation.acked'));
    expect(await pending('defusing', 'escalation.notice')).toHaveLength(0);

    await runAt('2026-11-28T06:01:00Z');
    const taken = sender.to('aad-lars', 'escalation.taken', 'defusing');
    expect(taken).toHaveLength(1);
    expect(cardText(taken[0]!.card)).toContain('Kari Leder');
    await runAt('2026-12-01T07:00:00Z');
    expect(sender.to('aad-per', 'escalation.notice', 'defusing')).toHaveLength(0);

    const lateAck = await h.core.handleTurn(
      turn(lars, { action: action(sender.to('aad-lars', 'escalation.notice', 'defusing')[0]!.card, 'escalation.ack') }),
    );
    expect(cardText(lateAck.cards[0]!)).toContain('Kari Leder');
    const audit = await h.store.listAudit(incidentId);
    expect(audit.filter((a) => a.action === 'escalation.ack' && a.detail?.step === 'defusing')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'escalation.notice.sent').length).toBeGreaterThanOrEqual(2);
  });

  it('the top level acknowledges: both levels below are told, and its repeat never comes', async () => {
    // managerSupport was due Saturday 11:00: Lars, then Kari at 15:00, then Per on Monday 15:00.
    const [top] = sender.to('aad-per', 'escalation.notice', 'managerSupport');
    expect(top).toBeDefined();
    expect(await pending('managerSupport', 'escalation.notice')).toHaveLength(1);
    await h.core.handleTurn(turn(per, { action: action(top!.card, 'escalation.ack') }));
    expect(await pending('managerSupport', 'escalation.notice')).toHaveLength(0);
    await runAt('2026-12-01T07:00:30Z');
    expect(sender.to('aad-lars', 'escalation.taken', 'managerSupport')).toHaveLength(1);
    expect(sender.to('aad-kari', 'escalation.taken', 'managerSupport')).toHaveLength(1);
    const ack = (await h.store.listAudit(incidentId)).find(
      (a) => a.action === 'escalation.ack' && a.detail?.step === 'managerSupport',
    );
    expect(ack?.detail).toMatchObject({ level: 2, told: 2 });
  });

  it('a step settled while its escalation is in flight stops the rest of the ladder', async () => {
    // The report is Anna's (reporter), due Saturday 11:00: Lars and Kari were told; the top level's
    // repeat (Tuesday 15:00) is still ahead when Anna marks it done.
    expect(sender.to('aad-lars', 'escalation.notice', 'report')).toHaveLength(1);
    expect(sender.to('aad-kari', 'escalation.notice', 'report')).toHaveLength(1);
    expect((await pending('report', 'escalation.notice')).length).toBeGreaterThan(0);
    const done = await h.core.handleTurn(
      turn(anna, { action: { id: 'deadline.done', values: { incidentId, step: 'report' } } }),
    );
    expect(done.cards[0]!.id).toBe('incident.case');
    expect((await h.store.listSteps(incidentId)).find((s) => s.step === 'report')!.state).toBe('done');
    expect(await pending('report', 'escalation.notice')).toHaveLength(0);
    // Someone who is not the step's editor cannot mark it done.
    const refused = await h.core.handleTurn(
      turn(kari, { action: { id: 'deadline.done', values: { incidentId, step: 'followUp' } } }),
    );
    expect(cardText(refused.cards[0]!)).toContain(h.core.t('sv', 'step.notEditor'));
    expect((await h.store.listSteps(incidentId)).find((s) => s.step === 'followUp')!.state).not.toBe('done');
    // Not relevant needs a reason from the list, and stops the step's reminders.
    const noReason = await h.core.handleTurn(
      turn(lars, { action: { id: 'deadline.notRelevant', values: { incidentId, step: 'followUp' } } }),
    );
    expect(noReason.cards[0]!.id).toBe('deadline.notRelevant');
    expect(await pending('followUp', 'deadline.reminder')).not.toHaveLength(0);
    await h.core.handleTurn(
      turn(lars, {
        action: { id: 'deadline.notRelevant', values: { incidentId, step: 'followUp', reason: 'handledElsewhere' } },
      }),
    );
    const followUp = (await h.store.listSteps(incidentId)).find((s) => s.step === 'followUp')!;
    expect(followUp.state).toBe('not_relevant');
    expect(followUp.data.notRelevantReason).toBe('handledElsewhere');
    expect(await pending('followUp', 'deadline.reminder')).toHaveLength(0);
    expect(await pending('followUp', 'escalation.notice')).toHaveLength(0);
  });

  it('hands a step over only when the other manager accepts; a refusal leaves it where it was', async () => {
    const debrief = () => h.store.listSteps(incidentId).then((s) => s.find((x) => x.step === 'debrief')!);
    await h.core.handleTurn(
      turn(lars, { action: { id: 'deadline.handover', values: { incidentId, step: 'debrief', to: 'aad-kari' } } }),
    );
    await runAt('2026-12-01T07:01:00Z');
    const [request] = sender.to('aad-kari', 'handover.request');
    expect(request).toBeDefined();
    // Someone else cannot answer Kari's request.
    const forged = await h.core.handleTurn(
      turn(per, { action: { ...action(request!.card, 'deadline.handoverAccept') } }),
    );
    expect(forged.cards[0]!.id).toBe('incident.denied');
    await h.core.handleTurn(turn(kari, { action: action(request!.card, 'deadline.handoverDecline') }));
    expect((await debrief()).ownerId).toBe('aad-lars');
    await runAt('2026-12-01T07:02:00Z');
    expect(sender.to('aad-lars', 'handover.declined')).toHaveLength(1);

    await h.core.handleTurn(
      turn(lars, { action: { id: 'deadline.handover', values: { incidentId, step: 'debrief', to: 'aad-per' } } }),
    );
    await runAt('2026-12-01T07:03:00Z');
    const [toPer] = sender.to('aad-per', 'handover.request');
    const accepted = await h.core.handleTurn(turn(per, { action: action(toPer!.card, 'deadline.handoverAccept') }));
    expect(accepted.cards[0]!.id).toBe('incident.case');
    expect((await debrief()).ownerId).toBe('aad-per');
    // Reminders now go to Per; Lars's are gone.
    const reminders = await pending('debrief', 'deadline.reminder');
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((m) => m.recipient.userId === 'aad-per')).toBe(true);
    // Per's overview lists the step; Lars's no longer does.
    const perView = await h.core.handleTurn(turn(per, { text: 'deadlines' }));
    expect(cardText(perView.cards[0]!)).toContain('Learning debrief');
    const larsView = await h.core.handleTurn(turn(lars, { text: 'frister' }));
    expect(cardText(larsView.cards[0]!)).not.toContain('Læringssamtale');
  });

  it('closing the case stops every reminder and escalation', async () => {
    await h.core.handleTurn(
      turn(lars, { action: { id: 'case.closeConfirm', values: { incidentId, reason: 'completed' } } }),
    );
    const left = (await h.store.listOutbox({ incidentId, status: 'pending' })).filter((m) =>
      m.idempotencyKey.startsWith('deadline:'),
    );
    expect(left).toHaveLength(0);
  });
});
