// Text analysis of the protocol search: stemming per language, compound splitting, synonyms, language detection.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyze.ts';
import { CompoundSplitter } from '../../src/search/compound.ts';
import { intentTerms } from '../../src/search/intent.ts';
import { LanguageDetector } from '../../src/search/language.ts';
import { stem } from '../../src/search/stem.ts';
import { isContentWord } from '../../src/search/stopwords.ts';
import { conceptTerm, Synonyms } from '../../src/search/synonyms.ts';
import { normalise, tokenise, tokeniseWithCase } from '../../src/search/text.ts';

describe('normalise and tokenise', () => {
  it('lower-cases, applies NFC, strips punctuation and keeps Scandinavian letters', () => {
    expect(normalise('Hva er «HLR-minus»? Undskyldning, å/ä/ö/é!')).toBe('hva er hlr minus undskyldning å ä ö é');
    // A decomposed "å" (a + ring) becomes the composed letter.
    expect(tokenise('Pa\u030Arørende')).toEqual(['pårørende']);
    expect(tokeniseWithCase('Region Skåne')).toEqual([
      { word: 'region', raw: 'Region' },
      { word: 'skåne', raw: 'Skåne' },
    ]);
  });

  it('drops stop words and lone letters of every language', () => {
    expect(['hva', 'hvad', 'vad', 'what', 'och', 'the', 's'].filter(isContentWord)).toEqual([]);
    expect(['unnskyldning', 'avvikelse', '15'].every(isContentWord)).toBe(true);
  });
});

describe('stemming per language (Snowball)', () => {
  it('reduces inflections to one stem in each language', () => {
    expect(stem('avvikelsen', 'sv')).toBe(stem('avvikelser', 'sv'));
    expect(stem('smerteklinikker', 'nb')).toBe(stem('smerteklinikk', 'nb'));
    expect(stem('smerteklinikkerne', 'da')).toBe(stem('smerteklinik', 'da'));
    expect(stem('apologies', 'en')).toBe(stem('apology', 'en'));
    expect(stem('henvisningen', 'nb')).toBe(stem('henvisning', 'nb'));
  });

  it('keeps numbers and short words as they are', () => {
    expect(stem('15', 'en')).toBe('15');
    expect(stem('mg', 'nb')).toBe('mg');
  });
});

describe('compound splitting', () => {
  const splitter = new CompoundSplitter({
    nb: ['læring', 'debrief', 'kollega', 'støtte'],
    sv: ['avvikelse', 'hantering'],
    da: ['genoplivning', 'forsøg'],
  });

  it('splits into known words with a linking -s- or -e-', () => {
    expect(splitter.split('læringsdebrief')).toEqual(['læring', 'debrief']);
    expect(splitter.split('avvikelsehantering')).toEqual(['avvikelse', 'hantering']);
    expect(splitter.split('genoplivningsforsøg')).toEqual(['genoplivning', 'forsøg']);
    expect(splitter.split('kollegastøtten')).toEqual(['kollega', 'støtten']);
  });

  it('leaves short and unknown words alone', () => {
    expect(splitter.split('debrief')).toBeNull();
    expect(splitter.split('fibromyalgi')).toBeNull();
  });

  it('keeps the whole word beside its parts in the analysis', () => {
    const analyzer = new Analyzer(splitter, new Synonyms([]));
    const terms = analyzer.terms('læringsdebriefen', 'nb');
    expect(terms).toEqual(expect.arrayContaining([stem('læringsdebriefen', 'nb'), 'læring', 'debrief']));
  });
});

describe('synonyms', () => {
  const synonyms = new Synonyms([
    ['DNR', 'HLR-minus', 'gjenoppliving', 'genoplivning', 'återupplivning', 'resuscitation'],
    ['avvik', 'avvikelse', 'utilsigtet hændelse', 'deviation'],
  ]);
  const analyzer = new Analyzer(new CompoundSplitter({ da: ['genoplivning', 'forsøg'] }), synonyms);

  it('gives words of one group, in any language, the same concept term', () => {
    const dnr = conceptTerm(0);
    expect(analyzer.terms('DNR', 'en')).toContain(dnr);
    expect(analyzer.terms('gjenopplivingen', 'nb')).toContain(dnr);
    expect(analyzer.terms('återupplivning', 'sv')).toContain(dnr);
    expect(analyzer.terms('resuscitation', 'en')).toContain(dnr);
    // Through a compound part: genoplivnings+forsøg.
    expect(analyzer.terms('genoplivningsforsøg', 'da')).toContain(dnr);
  });

  it('matches phrases and inflected members', () => {
    expect(analyzer.terms('en utilsigtet hændelse', 'da')).toContain(conceptTerm(1));
    expect(analyzer.terms('avvikelsen', 'sv')).toContain(conceptTerm(1));
    expect(analyzer.terms('deviations', 'en')).toContain(conceptTerm(1));
    expect(analyzer.terms('hændelse', 'da')).not.toContain(conceptTerm(1));
  });

  it('analyses a question in all four languages', () => {
    const words = analyzer.question('Hvem bestemmer HLR-minus?');
    expect(words.map((w) => w.word)).toEqual(['bestemmer', 'hlr', 'minus']);
    expect(words[1]!.terms).toContain(conceptTerm(0));
  });
});

describe('language detection', () => {
  const detector = new LanguageDetector();

  it('tells the four languages apart from stop words and letters', () => {
    expect(detector.detect('Hva skal en unnskyldning inneholde?')).toBe('nb');
    expect(detector.detect('Vem ska kontaktas om en avvikelse inte löses?')).toBe('sv');
    expect(detector.detect('Hvad skal en undskyldning indeholde?')).toBe('da');
    expect(detector.detect('What should an apology contain?')).toBe('en');
    expect(detector.detect('Hvornår må man fravælge genoplivning af et barn?')).toBe('da');
  });

  it('falls back to the caller’s language when nothing points anywhere', () => {
    expect(detector.detect('DNR?', 'sv')).toBe('sv');
    expect(detector.detect('12345')).toBe('en');
  });

  it('uses words the corpus writes in one language only', () => {
    const withCorpus = new LanguageDetector({
      nb: new Set(['gjenoppliving']),
      sv: new Set(),
      da: new Set(['genoplivning']),
      en: new Set(),
    });
    expect(withCorpus.detect('genoplivning DNR', 'nb')).toBe('da');
    expect(withCorpus.detect('gjenoppliving DNR', 'da')).toBe('nb');
  });
});

describe('question kind', () => {
  it('marks when / who / why / how, but not "how many"', () => {
    expect(intentTerms(tokenise('Når skal avviket meldes?'))).toEqual(['_qwhen']);
    expect(intentTerms(tokenise('Vem tar emot rapporten?'))).toEqual(['_qwho']);
    expect(intentTerms(tokenise('How many professions are in the team?'))).toEqual([]);
  });
});
