// The pseudo-apology checker (DESIGN §3 step 8): flags the wordings the national guide warns against in a
// draft apology to a patient, and says which of the five elements of a sincere apology the draft shows.
// Pure: no I/O, no logging, nothing kept. Findings carry offsets and kinds only, never the matched text.
import {
  alt,
  COND,
  FAIL_ERR,
  FIRST,
  FIRST_SUBJ,
  FOLLOW,
  fold,
  gap,
  L,
  NEG,
  NOT,
  OBJ1,
  opt,
  POSS1,
  PSEUDO_RULES,
  REGRET_CORE,
  ROUTINE,
  type Rule,
  rule,
  SEP,
  seq,
  WORD,
  w,
  YOU,
} from './patterns.ts';

export type PseudoKind = 'experience' | 'reaction' | 'justification' | 'conditional' | 'forced';
export type SincereElement = 'acknowledge' | 'describe' | 'responsibility' | 'regret' | 'change';

export interface ApologyFinding {
  kind: PseudoKind;
  /** UTF-16 offsets into the checked text (NFC, first MAX_APOLOGY_CHARS characters). */
  start: number;
  end: number;
}

export interface ApologyCheck {
  findings: ApologyFinding[];
  elements: SincereElement[];
  verdict: 'pseudo' | 'sincere' | 'unclear';
}

/** Only this much of a draft is read; an apology is a few sentences. */
export const MAX_APOLOGY_CHARS = 2000;

export const PSEUDO_KINDS: readonly PseudoKind[] = ['experience', 'reaction', 'justification', 'conditional', 'forced'];
export const SINCERE_ELEMENTS: readonly SincereElement[] = [
  'acknowledge',
  'describe',
  'responsibility',
  'regret',
  'change',
];

// The five elements of a sincere apology, as word-form rules (see patterns.ts for the notation).
const FAIL_ACK = L`${FAIL_ERR} failed let_(?:you|deg|dig|dere|jer)_down forgot overlooked missed misread mixed_up
  should(?:n't|_not)?_have ought_to_have miss(?:ade|at) lost svikt\p{L}* svigt\p{L}* brust\p{L}* brist\p{L}* glemte
  glemt glømde glømt overså oversåg overset misforsto burde borde skulle_ha skulle_ikke skulle_inte slurv\p{L}*
  sjusk\p{L}* forveksl\p{L}* førvæxl\p{L}* forbytt\p{L}*`;
const CHECK = L`check\p{L}* sjekk\p{L}* kontroll\p{L}* tjek\p{L}* dobbeltsjekk\p{L}* dobbelkontroll\p{L}* notice\p{L}*
  oppdag\p{L}* upptæck\p{L}* opdag\p{L}* listen\p{L}* lytt\p{L}* lyssna\p{L}* lytte\p{L}* tell\p{L}* fortal\p{L}* beræt\p{L}*
  informer\p{L}* varsl\p{L}*`;
const FAULT = L`mistake error fault failure feil fel fejl skyld misstag svikt svigt brist`;

const CHANGE = L`chang\p{L}* improv\p{L}* ensur\p{L}* make_sure prevent\p{L}* review\p{L}* introduc\p{L}* updat\p{L}*
  learn\p{L}* revis\p{L}* endr\p{L}* ændr\p{L}* forbedr\p{L}* førbættr\p{L}* sørge_for sørger_for sørget_for se_till
  ser_till sett_till lær\p{L}* innfør\p{L}* infør\p{L}* indfør\p{L}* forhindr\p{L}* førhindr\p{L}* hindr\p{L}*
  forebygg\p{L}* førebygg\p{L}* gå_gjennom gå_igenom går_gjennom går_igenom gennemgå\p{L}* gjennomgå\p{L}*
  juster\p{L}* oppdater\p{L}* uppdater\p{L}* opdater\p{L}* skjerp\p{L}* skærp\p{L}* stram\p{L}*`;
const AGAIN = L`igjen igen again noen_gang nogensinde någonsin`;
const TAKE = L`take takes taking took accept accepts bear tar tager påtager tek bærer`;
const RESPONSIBILITY = L`responsibility accountability ansvar\p{L}* skyld\p{L}* the_blame`;
const RESPONSIBLE = L`responsible accountable ansvarlig\p{L}* ansvarig\p{L}*`;
const SHOULD_NOT = L`(?:should|ought)_(?:not|never)_have_(?:happened|occurred|been) shouldn't_have_(?:happened|occurred|been)
  (?:skulle|burde|borde)_(?:ikke|aldri|ikkje|inte|aldrig)_(?:ha|hava|have|ha_fått|være|været|vært)_(?:skjedd|hænt|hændt|sket|intræffat|forekommet|fått|hent)`;
const WHAT_HAPPENED = L`what_(?:happened|went_wrong) hva_som_(?:skjedde|har_skjedd|hendte|gikk_galt|gikk_feil)
  vad_som_(?:hænde|hænt|har_hænt|gick_fel|blev_fel|intræffade) hvad_der_(?:skete|er_sket|gik_galt)`;
const WHEN = L`when while da når nær mens medan`;
const DAYS = L`monday tuesday wednesday thursday friday saturday sunday mandag tirsdag onsdag torsdag fredag lørdag
  søndag måndag tisdag`;
const TIME = L`yesterday last_(?:night|week) i_går igår i_forgårs i_natt inatt i_nat i_morges i_morse this_morning
  (?:on|på|i|om|last|den)_(?:${DAYS})s?\p{L}* kl(?:\.|okka|ockan)?\s*\d{1,2} \d{1,2}[.:]\d{2}`;
const WRONG_ADJ = L`too_(?:high|low|much|little|large) for_(?:høy|høj|lav|mye|meget|stor) før_(?:høg|låg|mycket|stor)
  dobbel\p{L}* double wrong incorrect feil fel forkert\p{L}* gale felaktig\p{L}* uriktig\p{L}* ukorrekt\p{L}*
  inkorrekt\p{L}*`;
const THING = L`dose\p{L}* dos dosis medic\p{L}* medisin\p{L}* legemid\p{L}* lækemed\p{L}* lægemid\p{L}* drug\p{L}*
  tablet\p{L}* blood blod\p{L}* diagnos\p{L}* side sida sidan siden patient\p{L}* pasient\p{L}* journal\p{L}*
  prøve\p{L}* prov\p{L}* sample\p{L}* infusjon\p{L}* infusion\p{L}* insulin antibiotic\p{L}* antibiotik\p{L}*
  operat\p{L}* leg ben bein arm eye øye øga øje kne knæ knee hofte høft hip resept\p{L}* recept\p{L}*
  prescription\p{L}* svar\p{L}* result\p{L}* behandl\p{L}* treatment surgery`;

const OWNED_FAILURE = seq(w(FIRST_SUBJ), gap(4, NEG, COND), w(FAIL_ACK));
/** `we did not follow the routine`, `vi sjekket ikke`, `we didn't check`. */
const OWNED_OMISSION = seq(w(FIRST_SUBJ), gap(2), w(NOT, "\\p{L}*n't"), gap(3), w(ROUTINE, FOLLOW, CHECK));
/** `feil av oss`, `fel av mig`, `mistakes were made by us`. */
const FAILURE_BY_US = alt(
  seq(w(FAIL_ERR), SEP, w('of|from|på'), SEP, w(OBJ1)),
  seq(w(FAIL_ERR), gap(3), w('av|af|by'), SEP, w(OBJ1)),
);
const POSSESSIVE = (nouns: string) => seq(w(POSS1), SEP, opt('own|egen|egne|eget'), w(nouns));

export const ELEMENT_RULES: Record<SincereElement, Rule[]> = {
  acknowledge: [
    rule(OWNED_FAILURE),
    rule(OWNED_OMISSION),
    rule(POSSESSIVE(FAULT)),
    rule(FAILURE_BY_US),
    rule(w(SHOULD_NOT)),
    rule(seq(w(REGRET_CORE), gap(5, NEG, COND), w(FAIL_ACK))),
  ],
  describe: [
    rule(w(WHAT_HAPPENED)),
    rule(seq(w(WHEN), SEP, w(YOU, FIRST, 'i|the|den|det|han|hon|hun|hen'))),
    rule(seq(w('during|under'), SEP, opt('the|your|din|ditt|dit|jeres|er'), WORD)),
    rule(w(TIME)),
    rule(seq(w(WRONG_ADJ), `${SEP}(?:${WORD}${SEP})?`, w(THING))),
  ],
  responsibility: [
    rule(seq(w(TAKE), gap(3, NEG), w(RESPONSIBILITY))),
    rule(POSSESSIVE(`${FAULT}|ansvar|responsibility`)),
    rule(seq(w('we|i|vi|jeg|jag'), SEP, w('are|am|er|ær'), SEP, opt('fully|fullt|helt|fuldt'), w(RESPONSIBLE))),
    rule(OWNED_FAILURE),
    rule(OWNED_OMISSION),
    rule(FAILURE_BY_US),
  ],
  regret: [rule(w(REGRET_CORE))],
  change: [
    rule(seq(w(FIRST_SUBJ), gap(3, NEG), w(CHANGE))),
    rule(seq(w(ROUTINE), gap(3, NEG), w(CHANGE))),
    rule(seq(w(NEG), gap(3), w(AGAIN))),
  ],
};

interface Span {
  start: number;
  end: number;
}

const LOOK = 40;

function spans(rule: Rule, text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(rule.re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (rule.notAfter?.test(text.slice(Math.max(0, start - LOOK), start))) continue;
    if (rule.notBefore?.test(text.slice(end, end + LOOK))) continue;
    out.push({ start, end });
  }
  return out;
}

/** The spans of all rules, overlapping ones merged. */
function merged(rules: Rule[], text: string): Span[] {
  const all = rules.flatMap((r) => spans(r, text)).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Checks a draft apology. Experience, reaction, conditional and forced wordings are findings wherever they
 * occur; an explanation of why the treatment was right is one only when the draft nowhere acknowledges the
 * failure or takes responsibility. A sincere element inside a flagged wording does not count.
 */
export function checkApology(text: string): ApologyCheck {
  const folded = fold(text.normalize('NFC').slice(0, MAX_APOLOGY_CHARS));
  const findings: ApologyFinding[] = [];
  for (const kind of PSEUDO_KINDS) {
    if (kind === 'justification') continue;
    for (const s of merged(PSEUDO_RULES[kind], folded)) findings.push({ kind, ...s });
  }
  const elements = SINCERE_ELEMENTS.filter((element) =>
    merged(ELEMENT_RULES[element], folded).some((s) => !findings.some((f) => overlaps(f, s))),
  );
  if (!elements.includes('acknowledge') && !elements.includes('responsibility')) {
    for (const s of merged(PSEUDO_RULES.justification, folded)) findings.push({ kind: 'justification', ...s });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  const has = (e: SincereElement) => elements.includes(e);
  const verdict =
    findings.length > 0
      ? 'pseudo'
      : has('regret') && (has('responsibility') || has('acknowledge'))
        ? 'sincere'
        : 'unclear';
  return { findings, elements, verdict };
}

/** The kinds found, each once, in the order of PSEUDO_KINDS. */
export function kindsOf(check: ApologyCheck): PseudoKind[] {
  return PSEUDO_KINDS.filter((k) => check.findings.some((f) => f.kind === k));
}
