// The pseudo-apology checker (DESIGN §3 step 8) and its card: a table of good and pseudo apologies in
// each language, the tolerance of the word-form rules, and the card in all four languages and both renderings.
import { describe, expect, it } from 'vitest';
import { toAdaptiveCard } from '../../cards/adaptive.ts';
import { toBlockKitMessage } from '../../cards/blockkit.ts';
import { checkBlockKit } from '../../cards/limits.ts';
import type { Card } from '../../cards/model.ts';
import { apologyCheckCard } from '../../dialogs/apology-check.ts';
import type { Translate } from '../../dialogs/form.ts';
import { translator } from '../../src/app/context.ts';
import {
  type ApologyCheck,
  checkApology,
  kindsOf,
  MAX_APOLOGY_CHARS,
  PSEUDO_KINDS,
  type PseudoKind,
  SINCERE_ELEMENTS,
} from '../../src/domain/apology/pseudo-apology.ts';
import { I18n, loadCatalogues } from '../../src/i18n/i18n.ts';
import { LOCALES, type Locale } from '../../src/i18n/locales.ts';
import { checkWithAdaptiveCardsLibrary, validateAdaptiveCard } from '../helpers/adaptive-schema.ts';

const PSEUDO: [Locale, string, PseudoKind[]][] = [
  ['nb', 'Jeg beklager at du opplevde oppholdet som utrygt.', ['experience']],
  ['nb', 'Det er leit at du føler at du ikke ble tatt på alvor.', ['experience']],
  ['nb', 'Vi beklager at du ble så opprørt etter samtalen med legen.', ['reaction']],
  ['nb', 'Beklager at du tok det så tungt.', ['reaction']],
  ['nb', 'Vi fulgte prosedyren, og behandlingen du fikk var faglig forsvarlig.', ['justification']],
  ['nb', 'Dosen var i tråd med gjeldende retningslinjer.', ['justification']],
  ['nb', 'Vi gjorde ikke noe galt.', ['justification']],
  ['nb', 'Dersom det har skjedd en feil, beklager vi det.', ['conditional']],
  ['nb', 'Unnskyld hvis du ble skadet.', ['conditional']],
  ['nb', 'Det ble dessverre gjort en feil med medisinene dine.', ['forced']],
  ['nb', 'Vi har blitt bedt om å beklage overfor deg.', ['forced']],
  ['nb', 'På vegne av sykehuset må vi beklage det inntrufne.', ['forced']],
  ['nb', 'Sykehuset beklager hendelsen.', ['forced']],
  ['nb', 'Vi beklager eventuelle ulemper.', ['conditional', 'forced']],
  ['sv', 'Jag beklagar att du upplevde bemötandet som otrevligt.', ['experience']],
  ['sv', 'Det är tråkigt att ni känner er besvikna på vården.', ['experience', 'reaction']],
  ['sv', 'Vi är ledsna att du blev upprörd.', ['reaction']],
  ['sv', 'Förlåt att du reagerade så starkt.', ['reaction']],
  ['sv', 'Vi följde gällande rutin och beslutet var medicinskt motiverat.', ['justification']],
  ['sv', 'Behandlingen du fick var helt korrekt enligt riktlinjerna.', ['justification']],
  ['sv', 'Om något har blivit fel ber vi om ursäkt.', ['conditional']],
  ['sv', 'Vi beklagar eventuella brister i vården.', ['conditional']],
  ['sv', 'Det gjordes tyvärr ett misstag i samband med operationen.', ['forced']],
  ['sv', 'Vi har blivit ombedda att be om ursäkt.', ['forced']],
  ['sv', 'Regionen beklagar det inträffade.', ['forced']],
  ['sv', 'Vi måste tyvärr be om ursäkt för händelsen.', ['forced']],
  ['da', 'Vi beklager, at du har oplevet forløbet som utrygt.', ['experience']],
  ['da', 'Jeg er ked af, at du føler dig overset.', ['experience']],
  ['da', 'Vi undskylder, at du blev vred.', ['reaction']],
  ['da', 'Det er ærgerligt, at I reagerede sådan.', ['reaction']],
  ['da', 'Vi fulgte de gældende retningslinjer, og behandlingen var korrekt.', ['justification']],
  ['da', 'Operationen blev udført efter proceduren og var fagligt forsvarlig.', ['justification']],
  ['da', 'Hvis der er sket fejl, beklager vi.', ['conditional']],
  ['da', 'Vi beklager, hvis noget gik galt.', ['conditional']],
  ['da', 'Der blev desværre begået en fejl under indlæggelsen.', ['forced']],
  ['da', 'Vi er blevet pålagt at give dig en undskyldning.', ['forced']],
  ['da', 'På hospitalets vegne må jeg beklage.', ['forced']],
  ['da', 'Afdelingen beklager hændelsen.', ['forced']],
  ['en', "I'm sorry you had such a negative experience during your stay.", ['experience']],
  ['en', 'We regret that you feel let down by our service.', ['experience']],
  ['en', "I'm sorry you were so upset by what the doctor said.", ['reaction']],
  ['en', "It's unfortunate that you took it that way.", ['reaction']],
  ['en', 'We followed the guidelines and the treatment was clinically appropriate.', ['justification']],
  ['en', 'It was a known complication and could not have been avoided.', ['justification']],
  ['en', 'If mistakes were made, we apologise.', ['conditional']],
  ['en', 'We apologise for any distress this may have caused.', ['conditional']],
  ['en', 'Errors were made in your care.', ['forced']],
  ['en', 'The hospital apologises for the incident.', ['forced']],
  ['en', 'We have to apologise on behalf of the ward.', ['forced']],
  ['en', 'I have been told to say sorry to you.', ['forced']],
];

const SINCERE: [Locale, string][] = [
  ['nb', 'Jeg er lei meg for at vi ga deg feil medisin i går. Det var vår feil, og vi har endret rutinen.'],
  ['nb', 'Unnskyld. Vi glemte å sjekke allergien din før operasjonen, og det tar jeg ansvaret for.'],
  ['nb', 'Beklager at du måtte vente i seks timer fordi vi glemte henvisningen din. Dette skulle ikke ha skjedd.'],
  ['nb', 'Vi ga deg for høy dose insulin, og det var feil av oss. Jeg beklager så mye.'],
  ['nb', 'Vi fulgte ikke rutinen, og det beklager jeg.'],
  ['nb', 'Vi fulgte rutinen, men rutinen var mangelfull, og det var vår feil. Unnskyld.'],
  ['sv', 'Förlåt att vi gav dig fel dos. Vi tar fullt ansvar och ändrar rutinen så att det inte händer igen.'],
  ['sv', 'Jag vill be om ursäkt. Vi missade att ditt provsvar var avvikande, och det var vårt fel.'],
  ['sv', 'Vi är ledsna för att vi förväxlade dina journalanteckningar. Det skulle inte ha hänt.'],
  ['sv', 'Förlåt, jag glömde att ge dig smärtstillande i tid i natt. Det var mitt misstag.'],
  ['sv', 'Jag vill be om ursäkt för att jag inte lyssnade på dig. Det var fel av mig, och jag ska ändra hur jag gör.'],
  ['da', 'Undskyld, at vi gav dig forkert medicin. Det var vores fejl, og vi påtager os ansvaret.'],
  ['da', 'Jeg er virkelig ked af det. Vi overså dit blodprøvesvar, og det burde ikke være sket.'],
  ['da', 'Vi beklager, at vi ikke fulgte op på dine smerter. Det var vores ansvar, og vi vil ændre vores rutiner.'],
  ['da', 'Vi lavede en fejl, da vi gav dig dobbelt dosis. Det er jeg meget ked af, og vi har indført dobbeltkontrol.'],
  ['da', 'Undskyld. Det var min skyld, at du fik den forkerte diagnose.'],
  ['en', 'I apologise: I forgot to check your allergy list before the operation, and I take full responsibility.'],
  ['en', 'We let you down when we discharged you too early, and I am truly sorry. We are reviewing how we decide.'],
  ['en', "This should never have happened. We mixed up your samples with another patient's, and we are sorry."],
  ['en', "I'm sorry you were given the wrong dose; that was our error."],
  ['en', 'Mistakes were made by us, and we are sorry.'],
];

const UNCLEAR: [Locale, string][] = [
  ['nb', 'Unnskyld.'],
  ['nb', 'Vi vil gjerne snakke med deg om det som gikk galt.'],
  ['sv', 'Vi vill gärna träffa dig och prata om vården.'],
  ['da', 'Vi beklager det, der skete, og vi kommer til at ændre vores rutiner.'],
  ['en', 'Please tell us if you notice any errors in your records.'],
  ['en', 'We would like to meet you to talk about your stay.'],
];

describe('checkApology: the table', () => {
  it.each(PSEUDO)('%s pseudo: %s', (_lang, draft, kinds) => {
    const check = checkApology(draft);
    expect(check.verdict).toBe('pseudo');
    expect(kindsOf(check)).toEqual(kinds);
  });

  it.each(SINCERE)('%s sincere: %s', (_lang, draft) => {
    const check = checkApology(draft);
    expect(check.findings).toEqual([]);
    expect(check.verdict).toBe('sincere');
    expect(check.elements).toContain('regret');
  });

  it.each(UNCLEAR)('%s unclear: %s', (_lang, draft) => {
    expect(checkApology(draft)).toMatchObject({ findings: [], verdict: 'unclear' });
  });

  it.each(LOCALES)('covers every kind with enough varied drafts in %s', (lang) => {
    const pseudo = PSEUDO.filter(([l]) => l === lang);
    expect(pseudo.length).toBeGreaterThanOrEqual(6);
    expect(SINCERE.filter(([l]) => l === lang).length).toBeGreaterThanOrEqual(4);
    expect(new Set(pseudo.flatMap(([, , kinds]) => kinds))).toEqual(new Set(PSEUDO_KINDS));
  });
});

describe('checkApology: the rules', () => {
  it('finds the five elements of a sincere apology', () => {
    const check = checkApology(
      'We are sorry that our mistake hurt you. We gave you the wrong dose on Monday, we take full responsibility, ' +
        'and we will change how doses are checked.',
    );
    expect(check.elements).toEqual(SINCERE_ELEMENTS);
    expect(checkApology('Unnskyld.').elements).toEqual(['regret']);
  });

  it('does not count the regret inside a pseudo-apology as an element', () => {
    expect(checkApology('Jeg beklager at du opplevde det slik.').elements).toEqual([]);
  });

  it('flags a justification only when nothing acknowledges the failure', () => {
    expect(kindsOf(checkApology('Vi fulgte rutinen.'))).toEqual(['justification']);
    expect(kindsOf(checkApology('Vi fulgte rutinen, men det var vår feil.'))).toEqual([]);
    expect(kindsOf(checkApology('Vi fulgte ikke rutinen.'))).toEqual([]);
    expect(kindsOf(checkApology('Behandlingen var ikke riktig, og det beklager vi.'))).toEqual([]);
  });

  it('keeps a first-person apology from an institution apart from the institution apologising', () => {
    expect(checkApology('Vi på avdelingen beklager at vi ga deg feil dose.').verdict).toBe('sincere');
    expect(kindsOf(checkApology('Avdelingen beklager.'))).toEqual(['forced']);
  });

  it.each([
    'JEG BEKLAGER AT DU OPPLEVDE DET SLIK!!!',
    'Jeg  beklager\nat du\u00a0opplevde det slik',
    'Jeg beklager, at du – ja du – opplevde det slik',
    'Jag beklagar att du upplevde det sa.',
    'Vi beklager at du foelte deg oversett.',
    'Jag beklagar att du upplevde det så.'.normalize('NFD'),
    'Jeg beklager, at I oplevede det sådan.',
    'sorry you feel…',
  ])('tolerates case, spacing, punctuation and spelling: %j', (draft) => {
    expect(kindsOf(checkApology(draft))).toEqual(['experience']);
  });

  it('reads typographic apostrophes', () => {
    expect(kindsOf(checkApology('I’m sorry you’re upset.'))).toEqual(['reaction']);
  });

  it('matches whole words only', () => {
    expect(checkApology('Vi beklager at dusjen opplevdes kald.').findings).toEqual([]);
    expect(checkApology('Hvisking om feilen hjelper ingen.').findings).toEqual([]);
  });

  it('reports offsets into the text, never the text', () => {
    const text = 'Takk for at du kom. Jeg beklager at du opplevde det slik.';
    const [finding] = checkApology(text).findings;
    expect(Object.keys(finding!).sort()).toEqual(['end', 'kind', 'start']);
    expect(text.slice(finding!.start, finding!.end)).toBe('beklager at du opplevde');
  });

  it(`reads only the first ${MAX_APOLOGY_CHARS} characters`, () => {
    const text = `${'Vi ønsker å møte deg. '.repeat(100)}Jeg beklager at du opplevde det slik.`;
    expect(text.length).toBeGreaterThan(MAX_APOLOGY_CHARS);
    expect(checkApology(text).findings).toEqual([]);
  });

  it.each([
    'beklager at du '.repeat(200),
    'Jeg beklager, at du, at du, at du, '.repeat(70),
    'sorry if we sorry if we '.repeat(100),
    'a '.repeat(5000),
    'ø'.repeat(10_000),
    'om det har om det har '.repeat(500),
  ])('stays fast on adversarial input (%#)', (text) => {
    const t0 = performance.now();
    checkApology(text);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

/** Every string in a value, deeply. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const i18n = new I18n();
const catalogues = loadCatalogues();
const incidentId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

const ALL_KINDS: ApologyCheck = {
  findings: PSEUDO_KINDS.flatMap((kind, i) => [
    { kind, start: i * 10, end: i * 10 + 5 },
    { kind, start: i * 10 + 6, end: i * 10 + 9 },
  ]),
  elements: ['regret'],
  verdict: 'pseudo',
};
const SAMPLES: [string, ApologyCheck][] = [
  ['all kinds', ALL_KINDS],
  ['sincere', { findings: [], elements: [...SINCERE_ELEMENTS], verdict: 'sincere' }],
  ['unclear', { findings: [], elements: [], verdict: 'unclear' }],
];

/** A translator that records the keys it was asked for. */
function recording(locale: Locale = 'en'): { t: Translate; keys: string[] } {
  const keys: string[] = [];
  const t = translator(i18n, locale);
  const record: Translate = (key, values) => {
    keys.push(key);
    return t(key, values);
  };
  return { keys, t: record };
}

describe('apologyCheckCard', () => {
  it('shows each kind found once, with what is wrong and a suggestion', () => {
    const { t, keys } = recording();
    apologyCheckCard(
      t,
      checkApology('Vi beklager at du opplevde det slik. Sykehuset beklager. Beklager at du følte det slik.'),
      {
        incidentId,
      },
    );
    const kindKeys = keys.filter((k) => /^apology\.check\.(kind|suggest)\./.test(k));
    expect(kindKeys).toEqual([
      'apology.check.kind.experience',
      'apology.check.suggest.experience',
      'apology.check.kind.forced',
      'apology.check.suggest.forced',
    ]);
    expect(keys).toContain('apology.check.verdict.pseudo');
  });

  it('has no kind texts for a sincere draft, and marks the elements present and missing', () => {
    const { t, keys } = recording();
    const check = checkApology('Unnskyld. Det var vår feil.');
    const card = apologyCheckCard(t, check, { incidentId });
    expect(keys.filter((k) => k.startsWith('apology.check.kind.'))).toEqual([]);
    expect(card.body[1]).toEqual({ kind: 'text', tone: 'good', text: t('apology.check.verdict.sincere') });
    expect(check.elements).toEqual(['acknowledge', 'responsibility', 'regret']);
    const name = (e: string) => t(`apology.check.element.${e}`);
    const at = card.body.findIndex((b) => b.kind === 'text' && b.text === t('apology.check.elementsFound'));
    expect(card.body.slice(at, at + 4)).toEqual([
      { kind: 'text', text: t('apology.check.elementsFound') },
      { kind: 'list', items: ['acknowledge', 'responsibility', 'regret'].map(name) },
      { kind: 'text', text: t('apology.check.elementsMissing') },
      { kind: 'list', items: ['describe', 'change'].map(name) },
    ]);
    expect(check.elements).toEqual(['acknowledge', 'responsibility', 'regret']);
  });

  it('offers to check again, to go back to the step and the menu', () => {
    const card = apologyCheckCard(translator(i18n, 'nb'), ALL_KINDS, { incidentId });
    const actions = card.body.at(-1);
    expect(actions?.kind).toBe('actions');
    expect(actions?.kind === 'actions' && actions.actions.map(({ id, data }) => ({ id, data }))).toEqual([
      { id: 'apology.checkAgain', data: { incidentId } },
      { id: 'step.open', data: { incidentId, step: 'apology' } },
      { id: 'menu', data: undefined },
    ]);
  });

  it.each([...PSEUDO, ...SINCERE.map(([l, d]) => [l, d, []] as const)])(
    'never shows the draft (%s: %s)',
    (lang, draft) => {
      const marker = 'Qzx-7731';
      const check = checkApology(`${draft} ${marker}.`);
      expect(check.verdict).toBe(checkApology(draft).verdict);
      expect(JSON.stringify(check)).not.toContain(marker);
      const card = apologyCheckCard(translator(i18n, lang), check, { incidentId });
      const rendered = [card, toAdaptiveCard(card), toBlockKitMessage(card)].flatMap(strings);
      for (const s of rendered) {
        expect(s).not.toContain(marker);
        expect(s).not.toContain(draft);
      }
    },
  );

  it.each(LOCALES)('%s has every text of the card', (locale) => {
    const keys = [
      'apology.check.title',
      'apology.check.elementsTitle',
      'apology.check.elementsFound',
      'apology.check.elementsMissing',
      'apology.check.notStored',
      'apology.check.checkAgain',
      'apology.check.backToStep',
      ...['pseudo', 'sincere', 'unclear'].map((v) => `apology.check.verdict.${v}`),
      ...PSEUDO_KINDS.flatMap((k) => [`apology.check.kind.${k}`, `apology.check.suggest.${k}`]),
      ...SINCERE_ELEMENTS.map((e) => `apology.check.element.${e}`),
    ];
    for (const key of keys) expect(catalogues[locale][key], `${locale} ${key}`).toBeTruthy();
  });

  describe.each(LOCALES.flatMap((l) => SAMPLES.map(([name, check]) => [l, name, check] as const)))(
    '%s, %s',
    (locale, _name, check) => {
      const card: Card = apologyCheckCard(translator(i18n, locale), check, { incidentId });

      it('renders every text from the catalogue', () => {
        const texts = strings(card).filter((s) => s !== incidentId && !/^[a-z]+(\.[a-zA-Z]+)*$/.test(s));
        expect(texts.length).toBeGreaterThan(5);
        for (const s of texts) {
          expect(s.trim()).not.toBe('');
          expect(s).not.toMatch(/apology\.check\.|\{\w+\}/);
        }
        if (locale !== 'en') expect(card.fallbackText).not.toBe(i18n.t('en', 'apology.check.title'));
      });

      it('is a valid Adaptive Card 1.5 for Teams', () => {
        const json = toAdaptiveCard(card);
        expect(validateAdaptiveCard(json)).toEqual([]);
        expect(checkWithAdaptiveCardsLibrary(json).errors).toEqual([]);
      });

      it('stays within the Block Kit limits', () => {
        expect(checkBlockKit(toBlockKitMessage(card), 'message')).toEqual([]);
      });
    },
  );
});
