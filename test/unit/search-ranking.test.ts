// Ranking and declining on a small inline content base: retrieval across languages, synonyms, "see also",
// and declining questions that share words with the content but ask something else.
import { describe, expect, it } from 'vitest';
import type { ContentBase } from '../../src/content/load.ts';
import { type ContentEntry, entrySchema } from '../../src/content/schema.ts';
import { toJsonAnswer, toText } from '../../src/search/answer.ts';
import { buildContentIndex } from '../../src/search/content-index.ts';

const t4 = (nb: string, sv: string, da: string, en: string) => ({ nb, sv, da, en });

function entry(e: Record<string, unknown>): ContentEntry {
  return entrySchema.parse({
    version: '1.0',
    reviewed: '2026-01-01',
    reviewAfter: '2027-01-01',
    owner: 'test',
    ...e,
  });
}

const base: ContentBase = {
  entries: [
    entry({
      id: 'dnr',
      jurisdiction: 'DK',
      title: t4(
        'Fravalg av gjenoppliving',
        'Avstå från återupplivning',
        'Fravalg af genoplivningsforsøg',
        'Advance refusal of resuscitation',
      ),
      sources: [{ title: 'Genoplivning og fravalg af genoplivningsforsøg', publisher: 'Region Nordjylland' }],
      seeAlso: ['apology'],
      passages: [
        {
          id: 'dnr-who-decides',
          section: '2. Beslutningen',
          title: t4(
            'Hvem kan bestemme fravalg av gjenoppliving?',
            'Vem kan besluta att avstå från återupplivning?',
            'Hvem kan træffe beslutning om fravalg af genoplivningsforsøg?',
            'Who can decide not to attempt resuscitation?',
          ),
          text: t4(
            'Bare den behandlingsansvarlige legen eller en samtykkekompetent pasient kan på forhånd velge bort gjenoppliving.',
            'Endast den behandlingsansvariga läkaren eller en beslutsförmögen patient kan i förväg avstå från återupplivning.',
            'Kun den behandlingsansvarlige læge eller en habil patient kan på forhånd fravælge genoplivningsforsøg.',
            'Only the doctor responsible for treatment or a patient with capacity can decide in advance against resuscitation.',
          ),
        },
        {
          id: 'dnr-children',
          section: '2. Børn under 15 år',
          title: t4(
            'Barn under 15 år og gjenoppliving',
            'Barn under 15 år och återupplivning',
            'Børn under 15 år og genoplivning',
            'Children under 15 and resuscitation',
          ),
          text: t4(
            'Barn under 15 år kan ikke selv velge bort gjenoppliving; foreldrene skal informeres om legens beslutning.',
            'Barn under 15 år kan inte själva avstå från återupplivning; föräldrarna ska informeras om läkarens beslut.',
            'Børn under 15 år kan ikke selv fravælge genoplivning; forældrene skal informeres om lægens beslutning.',
            'Children under 15 cannot refuse resuscitation themselves; the parents must be told of the doctor’s decision.',
          ),
        },
      ],
    }),
    entry({
      id: 'apology',
      jurisdiction: 'NO',
      title: t4('Unnskyldning etter uønskede hendelser', 'Ursäkt efter vårdskador', 'Undskyldning', 'Apology'),
      sources: [{ title: 'Guide for ivaretakelse', publisher: 'Helsedirektoratet', url: 'https://example.org/guide' }],
      passages: [
        {
          id: 'apology-five-elements',
          section: 'Oppriktig unnskyldning',
          title: t4(
            'De fem elementene i en oppriktig unnskyldning',
            'De fem delarna i en uppriktig ursäkt',
            'De fem elementer i en oprigtig undskyldning',
            'The five elements of a sincere apology',
          ),
          text: t4(
            'En oppriktig unnskyldning erkjenner hendelsen, tar ansvar, uttrykker anger, forklarer og lover endring.',
            'En uppriktig ursäkt erkänner händelsen, tar ansvar, uttrycker ånger, förklarar och lovar förändring.',
            'En oprigtig undskyldning anerkender hændelsen, tager ansvar, udtrykker anger, forklarer og lover ændring.',
            'A sincere apology acknowledges the event, takes responsibility, expresses regret, explains and promises change.',
          ),
          keywords: { en: ['sorry', 'say sorry'] },
        },
      ],
    }),
    entry({
      id: 'deviation',
      jurisdiction: 'SE',
      title: t4(
        'Avvik i Region Värmland',
        'Avvikelser i Region Värmland',
        'Afvigelser i Region Värmland',
        'Deviations',
      ),
      sources: [{ title: 'Rapportera avvikelse', publisher: 'Region Värmland' }],
      contact: t4('Din nærmeste leder', 'Din närmaste chef', 'Din nærmeste leder', 'Your nearest manager'),
      passages: [
        {
          id: 'deviation-nearest-manager',
          section: 'Detta händer sen',
          title: t4(
            'Hvem mottar avviksmeldingen?',
            'Vem tar emot avvikelserapporten?',
            'Hvem modtager rapporten om afvigelsen?',
            'Who receives the deviation report?',
          ),
          text: t4(
            'Meldingen går til din nærmeste leder, som avgjør om avviket håndteres lokalt.',
            'Rapporten går till din närmaste chef, som beslutar om avvikelsen hanteras lokalt.',
            'Rapporten går til din nærmeste leder, som beslutter, om afvigelsen håndteres lokalt.',
            'The report goes to your nearest manager, who decides whether the deviation is handled locally.',
          ),
        },
      ],
    }),
  ],
  synonyms: [
    ['DNR', 'HLR-minus', 'gjenoppliving', 'genoplivning', 'återupplivning', 'resuscitation'],
    ['unnskyldning', 'ursäkt', 'undskyldning', 'apology', 'sorry'],
    ['avvik', 'avvikelse', 'afvigelse', 'deviation', 'utilsigtet hændelse'],
    ['barn', 'børn', 'child', 'children'],
  ],
  outOfScope: { nb: ['dose'], sv: ['dos'], da: ['dosis'], en: ['dose', 'dosage', 'parking'] },
};

const index = buildContentIndex(base);
const t = (_lang: string, key: string) => key;

describe('retrieval across languages', () => {
  it('finds Danish content from a Norwegian question, and answers in Norwegian', () => {
    const r = index.ask('Hvem kan bestemme at pasienten ikke skal gjenopplives?');
    expect(r.answered).toBe(true);
    expect(r.lang).toBe('nb');
    expect(r.best?.passage.id).toBe('dnr-who-decides');
  });

  it('finds Norwegian content from Danish and Swedish questions', () => {
    expect(index.ask('Hvad skal en oprigtig undskyldning indeholde?').best?.passage.id).toBe('apology-five-elements');
    expect(index.ask('Vad ska en uppriktig ursäkt innehålla?').best?.passage.id).toBe('apology-five-elements');
  });

  it('finds Swedish content from an English question', () => {
    const r = index.ask('Who gets my deviation report?');
    expect(r.best?.passage.id).toBe('deviation-nearest-manager');
    expect(r.lang).toBe('en');
  });

  it('uses synonyms and abbreviations', () => {
    expect(index.ask('Can a child under 15 refuse DNR?').best?.passage.id).toBe('dnr-children');
    expect(index.ask('How do I say sorry?').best?.passage.id).toBe('apology-five-elements');
  });

  it('offers see-also passages from other entries, then the entry’s seeAlso list', () => {
    const r = index.ask('Who can decide not to attempt resuscitation?');
    expect(r.seeAlso.length).toBeGreaterThan(0);
    expect(r.seeAlso.length).toBeLessThanOrEqual(2);
    expect(r.seeAlso.map((h) => h.passage.id)).not.toContain('dnr-who-decides');
    expect(r.seeAlso.map((h) => h.entry.id)).toContain('apology');
  });

  it('falls back to the caller’s language when the question’s is unclear', () => {
    expect(index.ask('DNR?', { locale: 'sv' }).lang).toBe('sv');
  });
});

describe('declining', () => {
  it('declines a question that shares words with the content but asks something else', () => {
    const r = index.ask('How many beds does the children’s ward have for patients under 15?');
    expect(r.answered).toBe(false);
    expect(r.best).toBeUndefined();
  });

  it('declines dosage questions even about the content’s topics', () => {
    expect(index.ask('What is the adrenaline dose for resuscitation of children under 15?').answered).toBe(false);
  });

  it('declines questions about other places the content never names', () => {
    expect(index.ask('Who receives the deviation report in Region Skåne?').answered).toBe(false);
  });

  it('declines questions asking for a phone number the passage lacks', () => {
    expect(index.ask('What is the phone number of the nearest manager for deviations?').answered).toBe(false);
  });

  it('declines off-topic questions and offers no contact for them', () => {
    const r = index.ask('What is the capital of Norway?');
    expect(r.answered).toBe(false);
    expect(r.contact).toBeUndefined();
  });

  it('offers the nearest entry’s contact when declining a question close to it', () => {
    const r = index.ask('Who receives the deviation report about parking fines?');
    expect(r.answered).toBe(false);
    expect(r.contact?.en).toBe('Your nearest manager');
  });
});

describe('the JSON answer of the command line', () => {
  it('cites the passage id and "<source title> – <section>", best first', () => {
    const json = toJsonAnswer(index.ask('What are the five elements of a sincere apology?'), t);
    expect(json.answered).toBe(true);
    expect(json.answer).toContain('acknowledges');
    expect(json.sources[0]).toEqual({
      id: 'apology-five-elements',
      title: 'Guide for ivaretakelse – Oppriktig unnskyldning',
      version: '1.0',
      url: 'https://example.org/guide',
    });
  });

  it('gives the localised decline and no sources when declining', () => {
    const json = toJsonAnswer(index.ask('Hva er vanlig dose morfin?'), t);
    expect(json).toEqual({ answered: false, answer: 'qa.unknown', sources: [] });
  });

  it('looks passages up by id', () => {
    expect(index.passage('dnr-children')?.entry.id).toBe('dnr');
    expect(index.passage('nope')).toBeNull();
  });
});

describe('the text answer of the command line', () => {
  const day = (_lang: string, iso: string) => iso;
  const tr = (_lang: string, key: string, values?: Record<string, unknown>) =>
    values ? `${key}(${Object.values(values).join('|')})` : key;

  it('shows source, section, version, reviewed date and see-also titles', () => {
    const text = toText(index.ask('Who can decide not to attempt resuscitation?'), tr, day, '2026-06-01');
    expect(text).toContain('Who can decide not to attempt resuscitation?');
    expect(text).toContain('qa.sourceValue(Genoplivning og fravalg af genoplivningsforsøg|2. Beslutningen)');
    expect(text).toContain('qa.versionValue(1.0|2026-01-01)');
    expect(text).toContain('qa.seeAlso');
    expect(text).not.toContain('qa.reviewOverdue');
  });

  it('marks an entry past its review date', () => {
    const text = toText(index.ask('Who can decide not to attempt resuscitation?'), tr, day, '2027-02-01');
    expect(text).toContain('qa.reviewOverdue(2027-01-01)');
  });

  it('prints the decline with the contact when there is one', () => {
    const text = toText(index.ask('Who receives the deviation report about parking fines?'), tr, day, '2026-06-01');
    expect(text).toBe('qa.unknown qa.askContact(Your nearest manager)\n');
  });
});
