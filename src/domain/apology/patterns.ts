// Word-form rules for the pseudo-apology checker (DESIGN §3 step 8), for Norwegian bokmål, Swedish,
// Danish and English at once: each rule is written over a folded text (lower case, ä→æ, ö→ø, typographic
// apostrophes → '), so one stem such as `(?:opp|upp|op)lev` covers opplevde, upplevde and oplevede.
// Word lists are written as L`...` (whitespace-separated alternatives, `_` for a space inside a phrase);
// in a compiled rule a space stands for any run of whitespace, and ø/æ/å also accept the ASCII spellings
// (o/oe, a/ae, a/aa). Every rule is a sequence of word classes joined by bounded gaps whose separator and
// word classes are disjoint, so matching stays linear in the input (no nested unbounded quantifiers).
// This file holds the machinery and the pseudo-apology patterns; the sincere elements are in pseudo-apology.ts.

import type { PseudoKind } from './pseudo-apology.ts';

export interface Rule {
  re: RegExp;
  /** Skip a match when the text just before it (up to 40 characters) matches. */
  notAfter?: RegExp;
  /** Skip a match when the text just after it (up to 40 characters) matches. */
  notBefore?: RegExp;
}

const FOLD: Record<string, string> = { ä: 'æ', ö: 'ø', '’': "'", '‘': "'", '`': "'", '´': "'", é: 'e', è: 'e', ü: 'u' };

/** Lower case and one spelling of the Nordic letters, keeping every UTF-16 offset where it was. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const c = lower.length === ch.length ? lower : ch;
    out += FOLD[c] ?? c;
  }
  return out;
}

// Building blocks. B/E are Unicode word edges (JavaScript's \b only knows ASCII letters).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
export const SEP = '[\\s,;:–—]+';
export const WORD = "[\\p{L}\\p{N}'\\-]+";
export const alt = (...xs: string[]) => `(?:${xs.join('|')})`;
/** A word list: whitespace-separated alternatives, `_` for a space inside a phrase, backslashes as written. */
export const L = (s: TemplateStringsArray, ...v: string[]) =>
  String.raw(s, ...v)
    .trim()
    .split(/\s+/)
    .join('|')
    .replace(/_/g, ' ');
/** One of the alternatives as a whole word or phrase. */
export const w = (...xs: string[]) => `${B}${alt(...xs)}${E}`;
/** A separator, with up to `n` words in between, none of them one of `excluded`. */
export const gap = (n: number, ...excluded: string[]) =>
  `(?:${SEP}${excluded.length ? `(?!${alt(...excluded)}${E})` : ''}${WORD}){0,${n}}${SEP}`;
/** Optionally one of `xs` and a separator. */
export const opt = (...xs: string[]) => `(?:${alt(...xs)}${E}${SEP})?`;
export const seq = (...parts: string[]) => parts.join('');

function compile(source: string): RegExp {
  const tolerant = source
    .replace(/ /g, '\\s+')
    .replace(/ø/g, '(?:ø|oe?)')
    .replace(/æ/g, '(?:æ|ae?)')
    .replace(/å/g, '(?:å|aa?)');
  return new RegExp(tolerant, 'gu');
}
/** A rule whose pattern is compiled on first use: the lexicon's Unicode patterns cost ~0.1 s at start-up. */
export const rule = (source: string, extra: Omit<Rule, 're'> = {}): Rule => {
  let re: RegExp | undefined;
  return {
    get re() {
      re ??= compile(source);
      return re;
    },
    ...extra,
  };
};

// Lexicon (folded forms).
export const FIRST = L`we we're we've we'll we'd us our ours my me mine i'm i've i'd i'll
  vi oss vår vårt våre våra vores os jeg jag eg meg mig min mitt mine mina mit`;
/** A first-person subject; the bare English `i` only before an English verb (it is "in" elsewhere). */
export const FIRST_SUBJ = L`we we've we'd i've i'd i'm vi jeg jag eg
  i(?=${SEP}(?:have|had|made|did|gave|was|failed|forgot|missed|should|overlooked|misread|mixed|let|take|am|apologi[sz]e|regret|will|must|accept|lost)${E})`;
export const NEG = L`\p{L}*n't not no never nothing none nobody ikke ikkje inte ej aldri aldrig ingen inget inga ingenting intet`;
const CONJ = L`and but og och men derfor dærfør therefore fordi because eftersom`;
const REL = L`som which who hva vad hvad what om about regarding angående vedrørende questions? spørsmål frågor spørgsmål`;
export const COND = L`if hvis dersom om ifall`;
/** Words after which an `if` clause is about something else (questions, noticing), not a hedge on the event. */
const NOT_HEDGE = L`${REL} notice\p{L}* find finds discover\p{L}* merk\p{L}* oppdag\p{L}* mærk\p{L}* upptæck\p{L}* opdag\p{L}*
  bemærk\p{L}* want wish vil vill ønsk\p{L}* need trenger behøv\p{L}*`;
/** `I` is Danish "you" (plural) only before a Danish verb. */
export const YOU = L`you(?:'re|'ve|'d|'ll)? du dere ni dykk
  i(?=${SEP}(?:har|havde|var|blev|er|følte|føler|oplevede|oplever|reagerede|reagerer|tog|tager|fik|synes|syntes)${E})`;
const YOUR = L`your yours din ditt dine dit dina deres jeres era ert dykkar`;
export const POSS1 = L`our my vår vårt min mitt vores mit`;
export const OBJ1 = L`oss meg os mig us me`;

export const REGRET_CORE = L`sorry apologi[sz]\p{L}* apolog(?:y|ies) regret(?:s|ted|ting)? forgive forgiveness
  beklag\p{L}* unnskyld\p{L}* lei_(?:meg|oss) angr(?:er|et|a) tilgi\p{L}* ursækt\p{L}* førlåt\p{L}* ledsen ledsna
  ångr(?:ar|ade|at) undskyld\p{L}* kede?_af(?:_det)? fortryd\p{L}* tilgiv\p{L}*`;
const REGRET_WEAK = L`unfortunate(?:ly)? a_pity a_shame sad leit synd trist uheldig\p{L}* tråkig\p{L}* ærgerlig\p{L}*
  sørgelig\p{L}*`;
const REGRET_ANY = alt(REGRET_CORE, REGRET_WEAK);

const EXPERIENCE = L`experienc\p{L}* feel(?:s|ing|ings)? felt perceiv\p{L}* percept\p{L}* think(?:s|ing)? thought
  believe[sd]? see sees saw view(?:ed)? went_through been_through (?:opp|upp|op)lev\p{L}* (?:opp|upp|op)fatt?\p{L}*
  føl(?:e|er|es|te|t|ende|else|elsen|elser|elsene|elserne) kæn(?:na|ner|de|t|sla|slan|slor|slorna) tyck(?:er|te|t)
  syn(?:es|tes) men(?:er|te|ar|ade) tror trodde troede gikk_gjennom vært_gjennom gått_igenom været_igennem gennemgik
  gennemgået`;
const REACTION = L`upset offended disappointed angry distressed sad frustrated annoyed worried scared misunderst\p{L}*
  react(?:ed|ion|ions)? took_it take_it taking_it lei_(?:deg|dere) opprørt\p{L}* skuff\p{L}* sinte? sår(?:et|ede)
  fornærm\p{L}* krenk\p{L}* bekymr\p{L}* redde? urolig\p{L}* frustrer\p{L}* reager\p{L}* reaksjon\p{L}* reaktion\p{L}*
  tok_det tar_det misforst\p{L}* ledsen ledsna upprørd\p{L}* besvik\p{L}* arga? sårad\p{L}* krænk\p{L}* orolig\p{L}*
  rædda? missførst\p{L}* dissatisfied unhappy (?:mis)?forn[øo]y\p{L}* (?:miss)?nøjd\p{L}* (?:u)?tilfreds\p{L}*
  tog_illa_upp tar_illa_upp tog_det kede?_af_det oprevne? vrede? bange tager_det`;
const REACTION_NOUN = L`react(?:ion|ions) reaksjon\p{L}* reaktion\p{L}*`;

/** Words for something that went wrong, or that hurt someone. */
export const FAIL_ERR = L`wrong mistakes? errors? fault galt gale feil\p{L}* fel felet felen fela fejl\p{L}* forkert\p{L}*
  misstag\p{L}* snett`;
const FAIL_HARM = L`fail\p{L}* hurt harm\p{L}* injur\p{L}* offend\p{L}* upset let_(?:you|deg|dig|dere|jer)_down
  misunderst\p{L}* skad\p{L}* svikt\p{L}* svigt\p{L}* svek brist\p{L}* brust\p{L}* sår(?:et|ede|ad|ade|at|a|e)
  krenk\p{L}* krænk\p{L}* fornærm\p{L}* misforst\p{L}* missførst\p{L}* lei_deg ledsen ked_af_det uheldig\p{L}*`;
const FAIL_C = alt(FAIL_ERR, FAIL_HARM);
const INCONVENIENCE = L`inconvenienc\p{L}* ulempe\p{L}* olægenhet\p{L}* besvær\p{L}* gene gener generne bry bryet omak
  trouble hassle`;
export const ROUTINE = L`rutin\p{L}* prosedyr\p{L}* procedur\p{L}* retningslin[ij]\p{L}* riktlinj\p{L}* guideline\p{L}*
  protokoll\p{L}* protocol\p{L}* instruks\p{L}* instruktion\p{L}* praksis\p{L}* praxis practice standard\p{L}*
  veileder\p{L}* vejledning\p{L}* guidance pm regelverk\p{L}* regler\p{L}* reglene rules polic(?:y|ies) the_book
  lege_artis`;
export const FOLLOW = L`follow\p{L}* compl(?:y|ied)_with acted fulgt\p{L}* følg\p{L}* følj\p{L}* handl\p{L}* arbe[ij]d\p{L}*
  arbetade worked`;
const FOLLOWED = L`followed adhered_to fulgt\p{L}* følg[dt]\p{L}* følj[dt]\p{L}* overholdt`;
const CONFORM = L`according_to in_line_with in_accordance_with consistent_with in_keeping_with i_henhold_til i_tråd_med
  i_samsvar_med i_overensstemmelse_med i_enlighet_med enligt ifølge`;
const TREATMENT = L`treatment procedure decision care assessment examination medication dose dosage choice surgery
  operation behandl\p{L}* beslut\p{L}* vurdering\p{L}* bedøm\p{L}* undersøk\p{L}* undersøg\p{L}* medisin\p{L}*
  medicin\p{L}* doser\p{L}* dose[nr]? dosis dos valg\p{L}* valet operasjon\p{L}* inngrep\p{L}* ingrepp\p{L}*
  indgreb\p{L}* pleie\p{L}* vård\p{L}* pleje\p{L}* what_we_did det_vi_gjorde vad_vi_gjorde hvad_vi_gjorde`;
const COPULA = L`was were is are has_been have_been var er ær har_vært har_varit har_været ble blei blev vart`;
const CORRECT = L`correct(?:ly)? right appropriate justified sound defensible indicated necessary standard proper(?:ly)?
  riktig\p{L}* rett korrekt\p{L}* forsvarlig\p{L}* førsvarlig\p{L}* rigtig\p{L}* indisert indicera\p{L}* indiceret
  nødvendig\p{L}* nødvændig\p{L}* befogad\p{L}* beføjet berettig\p{L}* begrunn\p{L}* motiver\p{L}* adekvat\p{L}*
  passende lege_artis i_orden in_order rætt faglig\p{L}*`;
const DEFENSIBLE = L`forsvarlig\p{L}* førsvarlig\p{L}* defensible lege_artis medically_(?:justified|sound)`;
const DONE_RIGHT = L`correctly right properly riktig rett korrekt rætt rigtigt by_the_book som_det_skulle as_it_should`;
const DID = L`did made done gjorde gjort gjordes lavede lavet begik begået begicks begått ble blev was were happened
  skjedde hænde skete`;
const NONE = L`nothing no ingen inga inget ingenting intet`;
const ANY = L`anything any noe noen något några noget nogen`;
export const NOT = L`not ikke inte ej ikkje`;
const WRONG_J = L`wrong mistakes? errors? fault galt feil fel fejl forkert misstag svikt svigt brister`;
const KNOWN = L`known kjent kænd kendt common vanlig sjelden rare sjælden`;
const COMPLICATION = L`complication\p{L}* komplikasjon\p{L}* komplikation\p{L}* risk\p{L}* side_effects?
  bivirkning\p{L}* biverkning\p{L}*`;
const COULD_NOT = L`could(?:n't|_not) kunne_ikke kunde_inte kunne_ikkje kan_ikke kan_inte`;
const AVOID = L`avoid\p{L}* prevent\p{L}* unngå\p{L}* undvik\p{L}* undgå\p{L}* forhindr\p{L}* førhindr\p{L}*
  forebygg\p{L}* hindr\p{L}*`;

const COND_STRONG = L`if hvis dersom ifall såfremt i_tilfelle in_case should_(?:there|anything|something|we|you|it)
  skulle_(?:noe|noko|något|noget|det|der|vi|jeg|jag|du|dere|ni|man)`;
const OM_SUBJ = L`noe noko något noget nogen någon några det dette detta vi du dere ni man jeg jag eg der`;
const OM_VERB = L`ble blei blev har hadde havde hade var er ær skulle skal ska kan kunne kunde gikk gick gik gått gået
  oppstod uppstod opstod skjedde hænde hændte skete gjorde gjordes lavede begick begik begikk følte kænde upplevde
  opplevde oplevede fikk fick fik tog tok`;
const EXTENT = L`to_the_extent(?:_that|_to_which)? insofar_as in_so_far_as
  i_den_(?:grad|utstrekning|udstrækning|mån)_(?:at|att|det|der|som|noe|noget|något|vi|du) i_det_omfang_(?:at|det|der)`;
const HEDGE = L`(?:may|might|could)_have kan_(?:ha|have|hava|være|vært|været|varit) kanskje kanske måske muligens
  muligvis possibly perhaps maybe måtte_(?:ha|have|være)`;

const INST = L`sykehus\p{L}* sjukhus\p{L}* hospital\p{L}* sygehus\p{L}* avdeling\p{L}* avdelning\p{L}* afdeling\p{L}*
  klinikk\p{L}* klinik\p{L}* clinic\p{L}* ledelse\p{L}* ledning\p{L}* management department ward trust board unit
  helseforetak\p{L}* foretak\p{L}* region\p{L}* kommun\p{L}* virksomhe\p{L}* verksamhet\p{L}* institusjon\p{L}*
  institution\p{L}* organi[sz]ation\p{L}* organisasjon\p{L}* vårdcentral\p{L}* sykehjem\p{L}* plejehjem\p{L}*
  legekontor\p{L}* enhet\p{L}* enhed\p{L}* staff personal\p{L}* personell\p{L}*`;
const ON_BEHALF = L`on_behalf_of på_vegne_av på_vegne_af på_vægnar_av`;
const APOLOGISE_VP = L`apologi[sz]e say_sorry express_(?:our_|my_)?regrets? beklage beklaga be_om_unnskyldning
  si_unnskyld be_om_ursækt be_om_førlåtelse sæga_førlåt sige_undskyld undskylde give_(?:dig_|jer_)?en_undskyldning
  bede_om_undskyldning`;
const ASKED = L`asked told required instructed obliged obligated expected forced have has had need needs must bedt
  pålagt pålagd pålagda nødt tvunget tvungen tvungna forpliktet forpligtet pliktig skyldig\p{L}* ombedd\p{L}* ombetts
  ombads instruert instruerad\p{L}* instrueret anmodet anmodad\p{L}* oppfordret uppmanad\p{L}* opfordret må måtte
  måste behøver behøvde`;
const FORMAL = L`hereby herved hermed hærmed formally formelt formellt formelle? formell officially offisielt
  officiellt officielt official offisiell officiell officiel`;
const ASKED_FILLER = L`om til to att at å we i vi jeg jag us oss os me meg mig dessverre desværre tyværr
  unfortunately ${FORMAL}`;
const THE_EVENT = L`det_(?:inntrufne|inntrådte|intræffade|passerede|forefalne|hændte) the_aforementioned
  the_incident_in_question`;
const PAUX = L`ble blei blev blivit har_blitt er_blitt hadde_blitt har_blivit er_blevet har_været var were was
  have_been has_been had_been er har`;
const PPART = L`gjort begått begåtts begången begångna begånget begået lavet gjorts made committed done`;
const SPASSIVE = L`begicks gjordes begikks begås gøres`;
const FNOUN = L`feil\p{L}* fel felet felen fejl\p{L}* misstag\p{L}* mistakes? errors? failures? oversights?
  misjudge?ments? brister svikt svigt`;
const PADV = L`dessverre desværre tyværr unfortunately sadly nok da then clearly tydeligvis åpenbart uppenbarligen
  åbenbart også also ju jo`;
const PDET = L`an? some several en ei et ett noen nogle några vissa flere flera et_par ett_par a_few a_number_of`;
const PASSIVE = alt(seq(w(PAUX), `(?:${SEP}${alt(PADV)})?`, SEP, w(PPART)), w(SPASSIVE));

// Context checks on the text around a match (plain regular expressions over the folded text).
const AFTER_NEG = `${B}${alt(NEG)}${E}${SEP}(?:${WORD}${SEP})?$`;
const AFTER_FUTURE = `(?:will|shall|skal|ska|vil|kommer\\s+(?:att|til\\s+at))${SEP}(?:${WORD}${SEP})?$`;
const AFTER_NONE_OR_IF = `${B}(?:no|ingen|inga|inget|${COND})${SEP}$`;
const AFTER_FIRST = new RegExp(`${B}${alt(FIRST)}${E}${SEP}(?:${WORD}${SEP})?$`, 'u');
const BEFORE_FIRST = new RegExp(`^${SEP}${alt(FIRST)}${E}`, 'u');
const BEFORE_AGENT = new RegExp(`^${SEP}(?:by|av|af)${SEP}(?:${OBJ1}|${POSS1}|våre?|vårt)${E}`, 'u');
const after = (...sources: string[]) => new RegExp(sources.join('|'), 'u');

export const PSEUDO_RULES: Record<PseudoKind, Rule[]> = {
  experience: [
    rule(seq(w(REGRET_ANY), gap(5, FIRST, CONJ), w(YOU), gap(4, FIRST, CONJ), w(EXPERIENCE))),
    rule(seq(w(REGRET_ANY), gap(5, FIRST, CONJ), w(YOUR), gap(2, FIRST), w(EXPERIENCE))),
  ],
  reaction: [
    rule(seq(w(REGRET_ANY), gap(5, FIRST, CONJ), w(YOU), gap(3, FIRST, CONJ), w(REACTION))),
    rule(seq(w(REGRET_ANY), gap(5, FIRST, CONJ), w(YOUR), gap(1), w(REACTION_NOUN))),
  ],
  justification: [
    rule(seq(w(FOLLOW), gap(3, NEG), w(ROUTINE)), { notAfter: after(AFTER_NEG, AFTER_FUTURE) }),
    rule(seq(w(ROUTINE), gap(3, NEG), w(FOLLOWED)), { notAfter: after(AFTER_NEG) }),
    rule(seq(w(CONFORM), gap(2), w(ROUTINE)), { notAfter: after(AFTER_FUTURE) }),
    rule(seq(w(TREATMENT), gap(3, NEG), w(COPULA), gap(2, NEG), w(CORRECT))),
    rule(w(DEFENSIBLE), { notAfter: after(AFTER_NEG) }),
    rule(seq(w('everything|alt|allt|alting'), gap(3, NEG), w(DONE_RIGHT))),
    rule(seq(w(DID), SEP, w(NONE), gap(1), w(WRONG_J))),
    rule(
      seq(
        alt(seq(w(DID), SEP, w(NOT)), w("\\p{L}*n't")),
        SEP,
        opt('do|make|gjøre|gøra|gøre'),
        w(ANY),
        gap(1),
        w(WRONG_J),
      ),
    ),
    rule(seq(w('no|ingen|inga|inget'), SEP, w(FNOUN), SEP, w(PAUX, SPASSIVE))),
    rule(seq(w(KNOWN), gap(1), w(COMPLICATION))),
    rule(w('unavoidable|uunngåelig\\p{L}*|oundviklig\\p{L}*|uundgåelig\\p{L}*')),
    rule(seq(w(COULD_NOT), gap(3), w(AVOID))),
  ],
  conditional: [
    rule(seq(w(COND_STRONG), gap(4, NOT_HEDGE), w(FAIL_C))),
    rule(seq(w('om'), SEP, w(OM_SUBJ), SEP, w(OM_VERB), gap(3, NOT_HEDGE), w(FAIL_C))),
    rule(seq(w('eventuel\\p{L}*|evt'), `${SEP}(?:${WORD}${SEP})?`, w(FAIL_C, INCONVENIENCE))),
    rule(seq(w(REGRET_CORE), gap(3), w('any'), `${SEP}(?:${WORD}${SEP})?`, w(FAIL_C, INCONVENIENCE, 'distress'))),
    rule(w(EXTENT)),
    rule(seq(w(HEDGE), gap(3, REL), w(FAIL_ERR))),
  ],
  forced: [
    rule(
      seq(w('det|der|there|it'), SEP, PASSIVE, `(?:${SEP}${alt(PADV)}${E})?(?:${SEP}${alt(PDET)}${E})?`, SEP, w(FNOUN)),
      {
        notAfter: after(AFTER_NEG),
        notBefore: BEFORE_AGENT,
      },
    ),
    rule(seq(w(FNOUN), SEP, PASSIVE), { notAfter: after(AFTER_NEG, AFTER_NONE_OR_IF), notBefore: BEFORE_AGENT }),
    rule(seq(w('mistakes|errors|things'), SEP, opt('can|do|will|sometimes'), w('happen'))),
    rule(seq(w(ASKED), `(?:${SEP}${alt(ASKED_FILLER)}${E}){0,3}`, SEP, w(APOLOGISE_VP))),
    rule(seq(w(ON_BEHALF), SEP, opt('the|our|hele|hela|det|den|vår|vores'), w(INST))),
    rule(seq(w('på|å|on'), SEP, opt('the'), B, alt(INST), "(?:'s)?", SEP, w('vegne|vægnar|vægne|behalf'))),
    rule(seq(w(INST), gap(2, FIRST, YOU, CONJ, REL), w(REGRET_CORE)), {
      notAfter: AFTER_FIRST,
      notBefore: BEFORE_FIRST,
    }),
    rule(seq(w(FORMAL), gap(2), w(REGRET_CORE))),
    rule(seq(w(REGRET_CORE), gap(1), w(FORMAL))),
    rule(seq(w(REGRET_CORE), gap(2), w(THE_EVENT))),
    rule(seq(w(REGRET_ANY), gap(3), w(INCONVENIENCE))),
  ],
};
