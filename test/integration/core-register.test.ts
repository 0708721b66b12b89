import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, coreHarness, type Harness, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'sv-SE');
const ingrid = teamsUser('aad-ingrid', 'Ingrid Dahl', 'da-DK');
const outsider = teamsUser('aad-olav', 'Olav Vik', 'nb-NO');

const submission = {
  summary: 'Feil dose av et legemiddel ble gitt på nattevakt',
  occurredAt: '2026-11-27',
  occurredAtTime: '03:15',
  category: 'medication',
  involved: 'aad-bjorn',
  manager: 'aad-lars',
  peerSupporter: 'aad-ingrid',
};

describe('registering an incident through the core', () => {
  let h: Harness;
  let incidentId: string;

  beforeAll(async () => {
    h = await coreHarness();
    // Lars and Ingrid have talked to the bot before, so their languages are known.
    await h.core.handleTurn(turn(lars, { text: 'hjälp' }));
    await h.core.handleTurn(turn(ingrid, { text: 'hjælp' }));
  });
  afterAll(() => h.close());

  it('answers help in the user language', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'hjelp' }));
    expect(reply.cards[0]!.id).toBe('menu');
    expect(cardText(reply.cards[0]!)).toContain('Ny hendelse');
  });

  it('opens the registration form for "ny hendelse" with known colleagues offered', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'ny hendelse' }));
    const card = reply.cards[0]!;
    expect(card.id).toBe('incident.register');
    expect(cardText(card)).toContain('Lars Holm');
    expect(cardText(card)).not.toContain('aad-anna');
  });

  it('refuses an identity number: nothing stored, number not echoed, other answers kept', async () => {
    const reply = await h.core.handleTurn(
      turn(anna, {
        action: {
          id: 'incident.register',
          values: { ...submission, summary: 'Pasient med fnr 01010012356 fikk feil dose' },
        },
      }),
    );
    const text = cardText(reply.cards[0]!);
    expect(reply.cards[0]!.id).toBe('incident.register');
    expect(text).not.toContain('01010012356');
    expect(text).toContain('fødselsnummer');
    expect(reply.formErrors?.summary).toMatch(/fødselsnummer/);
    expect(text).toContain('aad-lars'); // the manager choice is still filled in
    expect(await h.store.listIncidentsForUser('teams', 'aad-anna')).toHaveLength(0);
    expect(await h.store.listOutbox({})).toHaveLength(0);
  });

  it('registers, answers with the case card and queues one notice each for manager and peer in their language', async () => {
    const reply = await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values: submission } }));
    const card = reply.cards[0]!;
    expect(card.id).toBe('incident.case');
    expect(cardText(card)).toMatch(/IVR-\d{4}-\d+/);
    const [incident] = await h.store.listIncidentsForUser('teams', 'aad-anna');
    expect(incident).toBeDefined();
    incidentId = incident!.id;
    const participants = await h.store.listParticipants(incidentId);
    expect(participants).toEqual(
      expect.arrayContaining([
        { userId: 'aad-anna', role: 'reporter' },
        { userId: 'aad-bjorn', role: 'involved' },
        { userId: 'aad-lars', role: 'manager' },
        { userId: 'aad-ingrid', role: 'peer' },
      ]),
    );
    // The notices; the follow-up plan's check-ins are tested in core-followup.test.ts.
    const outbox = (await h.store.listOutbox({ incidentId })).filter((m) => m.kind.startsWith('incident.notice'));
    expect(outbox.map((m) => [m.kind, m.recipient.userId]).sort()).toEqual([
      ['incident.notice.manager', 'aad-lars'],
      ['incident.notice.peer', 'aad-ingrid'],
    ]);
    expect(cardText(outbox.find((m) => m.kind === 'incident.notice.manager')!.card)).toContain('närmaste chef');
    expect(cardText(outbox.find((m) => m.kind === 'incident.notice.peer')!.card)).toContain('kollegastøtte');
    // Notices never carry what happened.
    for (const m of outbox) expect(cardText(m.card)).not.toContain('legemiddel ble gitt');
    expect(h.enqueued()).toBeGreaterThan(0);
  });

  it('registers a repeated submission (double click, platform retry) once', async () => {
    const values = { ...submission, submissionId: 'form-1234567890' };
    const first = await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values } }));
    const again = await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values } }));
    expect(cardText(again.cards[0]!)).toBe(cardText(first.cards[0]!));
    expect(await h.store.listIncidentsForUser('teams', 'aad-anna')).toHaveLength(2);
    const notices = (await h.store.listOutbox({})).filter((m) => m.kind.startsWith('incident.notice'));
    expect(notices).toHaveLength(4);
    // The key is scoped to the person: another user's form with the same id is their own submission.
    const other = await h.core.handleTurn(
      turn(lars, { action: { id: 'incident.register', values: { ...values, manager: 'aad-anna' } } }),
    );
    expect(cardText(other.cards[0]!)).not.toBe(cardText(first.cards[0]!));
    expect(await h.store.listIncidentsForUser('teams', 'aad-lars')).toHaveLength(3);
  });

  it('sends the submission id back with the form so a repeated submit is recognised', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'ny hendelse' }));
    const actions = reply.cards[0]!.body.flatMap((b) => (b.kind === 'actions' ? b.actions : []));
    expect(actions.find((a) => a.id === 'incident.register')?.data?.submissionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets the manager and the peer supporter open the case, and refuses anyone else', async () => {
    for (const who of [lars, ingrid, anna]) {
      const reply = await h.core.handleTurn(turn(who, { action: { id: 'incident.view', values: { incidentId } } }));
      expect(reply.cards[0]!.id).toBe('incident.case');
    }
    const refused = await h.core.handleTurn(
      turn(outsider, { action: { id: 'incident.view', values: { incidentId } } }),
    );
    expect(refused.cards[0]!.id).toBe('incident.denied');
    expect(cardText(refused.cards[0]!)).not.toContain('legemiddel');
  });

  it('audits reads, refusals and the creation without any text', async () => {
    const audit = await h.store.listAudit(incidentId);
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('incident.create');
    expect(actions.filter((a) => a === 'incident.read')).toHaveLength(3);
    expect(audit.find((a) => a.action === 'incident.denied')?.actorId).toBe('aad-olav');
    expect(JSON.stringify(audit)).not.toContain('legemiddel');
  });

  it('sets the language by command and keeps it over the platform locale', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'language: svenska' }));
    expect(cardText(reply.cards[0]!)).toContain('svenska');
    const menu = await h.core.handleTurn(turn(anna, { text: 'help' }));
    expect(cardText(menu.cards[0]!)).toContain('Ny händelse');
  });

  it('answers unknown text and unknown or malformed actions with the menu, never an error', async () => {
    for (const t of [
      turn(anna, { text: 'what is this' }),
      turn(anna, { action: { id: 'no.such.action', values: {} } }),
      turn(anna, { action: { id: 'incident.view', values: { incidentId: 42 } } }),
      turn(anna, { action: { id: 'language.set', values: { locale: 'fr' } } }),
      turn(anna, { action: { id: '__proto__', values: {} } }),
    ]) {
      const reply = await h.core.handleTurn(t);
      expect(reply.cards[0]!.id).toBe('menu');
    }
  });
});
