import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOrgConfig } from '../../src/config/org-config.ts';
import type { Principal } from '../../src/domain/turn.ts';
import { openContentIndex } from '../../src/search/open.ts';
import { cardText, coreHarness, type Harness, teamsUser, turn, withoutRateLimit } from '../helpers/core-harness.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const sofie = teamsUser('aad-sofie', 'Sofie Lund', 'da-DK');
const slackUser = { user: { channel: 'slack', userId: 'U1', tenantId: 'T1' } as Principal, locale: 'en-GB' };

describe('protocol questions in chat', () => {
  let h: Harness;

  beforeAll(async () => {
    const { index } = await openContentIndex({ cacheDir: null });
    h = await coreHarness(new Date('2026-11-27T10:00:00Z'), {
      content: index,
      config: withoutRateLimit({ ...defaultOrgConfig, qa: { storeQuestions: true } }),
    });
  });
  afterAll(() => h.close());

  it('answers a Danish question from Norwegian content in Danish, with the source cited', async () => {
    const reply = await h.core.handleTurn(turn(sofie, { text: 'Hvad er formålet med en aflastende samtale?' }));
    const card = reply.cards[0]!;
    expect(card.id).toBe('qa.answer');
    const text = cardText(card);
    expect(text).toMatch(/Kilde/);
    expect(text).toMatch(/Version/);
    expect(text).toContain('ivaretakelse');
    expect(card.body.some((b) => b.kind === 'actions' && b.actions.some((a) => a.id === 'qa.feedback'))).toBe(true);
  });

  it('gives the same answer on Teams and Slack', async () => {
    const q = 'What are the five elements of a sincere apology?';
    const teams = await h.core.handleTurn(turn(anna, { text: q }));
    const slack = await h.core.handleTurn(turn(slackUser, { text: q }));
    expect(teams.cards[0]!.id).toBe('qa.answer');
    expect(cardText(slack.cards[0]!)).toBe(cardText(teams.cards[0]!));
  });

  it('declines a question outside the content, in the asker language', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'Hva er vanlig dose morfin til en smertepasient?' }));
    expect(reply.cards[0]!.id).toBe('qa.unknown');
    expect(cardText(reply.cards[0]!)).toContain('kvalitetssikret svar');
  });

  it('refuses a question with an identity number without searching or keeping it', async () => {
    const before = await h.store.countQuestions();
    const reply = await h.core.handleTurn(turn(anna, { text: 'Kan pasient 01010012356 nekte gjenoppliving?' }));
    expect(reply.cards[0]!.id).toBe('qa.refused');
    expect(cardText(reply.cards[0]!)).not.toContain('01010012356');
    expect(await h.store.countQuestions()).toBe(before);
  });

  it('keeps questions only when the organisation turned it on', async () => {
    const before = await h.store.countQuestions();
    await h.core.handleTurn(turn(anna, { text: 'Hva er en læringsdebrief?' }));
    expect(await h.store.countQuestions()).toBe(before + 1);
  });

  it('counts one helpful vote per person and passage, and shows a see-also passage', async () => {
    const reply = await h.core.handleTurn(turn(anna, { text: 'Hvem kan henvise pasienter til et smertesenter?' }));
    const feedback = reply.cards[0]!.body.flatMap((b) => (b.kind === 'actions' ? b.actions : [])).find(
      (a) => a.id === 'qa.feedback',
    )!;
    const passageId = feedback.data!.passageId!;
    const entryId = (await openContentIndex({ cacheDir: null })).index.passage(passageId)!.entry.id;
    for (let i = 0; i < 3; i++) {
      const thanks = await h.core.handleTurn(turn(anna, { action: { id: 'qa.feedback', values: feedback.data! } }));
      expect(thanks.cards[0]!.id).toBe('qa.thanks');
    }
    await h.core.handleTurn(turn(sofie, { action: { id: 'qa.feedback', values: { passageId, helpful: 'no' } } }));
    expect(await h.store.feedbackCounts(entryId)).toEqual([{ passageId, helpful: 1, notHelpful: 1 }]);

    const shown = await h.core.handleTurn(turn(anna, { action: { id: 'qa.show', values: { passageId } } }));
    expect(shown.cards[0]!.id).toBe('qa.answer');
    const bogus = await h.core.handleTurn(
      turn(anna, { action: { id: 'qa.feedback', values: { passageId: 'nope', helpful: 'yes' } } }),
    );
    expect(bogus.cards[0]!.id).toBe('qa.unknown');
  });

  it('marks an answer whose content is past its review date', async () => {
    h.clock.set(new Date('2028-06-01T10:00:00Z'));
    const reply = await h.core.handleTurn(turn(anna, { text: 'Hva er en avlastningssamtale?' }));
    expect(cardText(reply.cards[0]!)).toContain('Revisjon forfalt');
    h.clock.set(new Date('2026-11-27T10:00:00Z'));
  });

  it('the menu offers to ask a question, and explains how', async () => {
    const menu = await h.core.handleTurn(turn(anna, { text: 'hjelp' }));
    expect(cardText(menu.cards[0]!)).toContain('Still et spørsmål');
    const howto = await h.core.handleTurn(turn(anna, { action: { id: 'qa.ask', values: {} } }));
    expect(howto.cards[0]!.id).toBe('qa.howto');
  });
});
