// In a channel or group chat everybody reads the answers: there the core answers protocol
// questions and help, and turns everything about incidents and people to a private chat, without
// running it (nothing shown, nothing saved).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../../src/domain/turn.ts';
import { cardText, coreHarness, type Harness, registerIncident, teamsUser, turn } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Holm', 'sv-SE');

const inChannel = (who: typeof anna, extra: Partial<Turn>): Turn =>
  turn(who, { conversation: 'channel', address: { serviceUrl: 'http://127.0.0.1:9/teams/' }, ...extra });

describe('the core in a shared conversation', () => {
  let h: Harness;
  let incidentId: string;

  beforeAll(async () => {
    h = await coreHarness();
    await h.core.handleTurn(turn(lars, { text: 'hjälp' }));
    ({ incidentId } = await registerIncident(h, anna, { manager: 'aad-lars' }));
  });
  afterAll(() => h.close());

  it('shows a menu with only the question entry, and says why', async () => {
    const reply = await h.core.handleTurn(inChannel(anna, { text: 'hjelp' }));
    const card = reply.cards[0]!;
    expect(card.id).toBe('menu.shared');
    const ids = card.body.flatMap((b) => (b.kind === 'actions' ? b.actions.map((a) => a.id) : []));
    expect(ids).toEqual(['qa.ask']);
    expect(cardText(card)).toContain('privat chat');
  });

  it.each([
    ['typed "mine hendelser"', { text: 'mine hendelser' }],
    ['typed "ny hendelse"', { text: 'ny hendelse' }],
    ['typed "frister"', { text: 'frister' }],
    ['the case button', { action: { id: 'incident.view', values: { incidentId: '' } } }],
    ['the new-incident button', { action: { id: 'incident.new', values: {} } }],
  ] as [string, Partial<Turn>][])('refuses %s and points to a private chat', async (_, extra) => {
    const reply = await h.core.handleTurn(inChannel(anna, extra));
    expect(reply.cards.map((c) => c.id)).toEqual(['shared.privateOnly']);
    expect(cardText(reply.cards[0]!)).not.toContain('Feil dose');
  });

  it('never shows a case in a channel, even to someone allowed to see it', async () => {
    const view = { action: { id: 'incident.view', values: { incidentId } } };
    const inPrivate = await h.core.handleTurn(turn(anna, view));
    expect(cardText(inPrivate.cards[0]!)).toContain('Feil dose');
    const inShared = await h.core.handleTurn(inChannel(anna, view));
    expect(inShared.cards.map((c) => c.id)).toEqual(['shared.privateOnly']);
    expect(cardText(inShared.cards[0]!)).not.toContain('Feil dose');
  });

  it('registers nothing from a channel, whatever the submit carries', async () => {
    const before = await h.store.listIncidentsForUser('teams', 'aad-anna');
    const values = { summary: 'Fall i korridoren', occurredAt: '2026-11-27', category: 'fall', manager: 'aad-lars' };
    const reply = await h.core.handleTurn(inChannel(anna, { action: { id: 'incident.register', values } }));
    expect(reply.cards[0]!.id).toBe('shared.privateOnly');
    expect(await h.store.listIncidentsForUser('teams', 'aad-anna')).toHaveLength(before.length);
  });

  it('answers in the asker language, and unknown buttons get the shared menu', async () => {
    const reply = await h.core.handleTurn(inChannel(lars, { text: 'mina händelser' }));
    expect(cardText(reply.cards[0]!)).toContain('privat chatt');
    const unknown = await h.core.handleTurn(inChannel(lars, { action: { id: 'no.such', values: {} } }));
    expect(unknown.cards[0]!.id).toBe('menu.shared');
  });
});
