// Word lists for finding patient names in context (nb/nn, sv, da, en). Context words are matched
// case-insensitively; name tokens are matched case-sensitively in names.ts.

const NOT_IN_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_IN_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

/** Words after which a capitalised token is the patient's (or relative's) name. Longest first. */
const FORWARD_WORDS = [
  'the patients',
  'the patient',
  'pasientene',
  'patienterna',
  'patienterne',
  'patients',
  'den boende',
  'pasienten',
  'patienten',
  'pasient',
  'patient',
  'pas\\.',
  'pt\\.?',
  'beboeren',
  'beboer',
  'brukeren',
  'brukaren',
  'borgeren',
  'borger',
  'vårdtagaren',
  'vårdtagare',
  'pårørende',
  'anhöriga',
  'anhörig',
  'resident',
  'relative',
];

export const FORWARD_CONTEXT = new RegExp(
  `${NOT_IN_WORD_BEFORE}(?:${FORWARD_WORDS.join('|')})${NOT_IN_WORD_AFTER}`,
  'giu',
);

/** "pasienten som heter", "named", "ved navn": after these even a lone capitalised token is a name. */
export const INTRODUCER =
  /(?:[ \t\u00a0]*[,:])?\s+(?:(?:som|who\s+(?:is|was))\s+)?(?:heter|het|hette|hedder|hed|named|called|(?:ved|med)\s+navn(?:et)?|(?:vid|med)\s+namn(?:et)?|by\s+the\s+name\s+of)\s+/iuy;
/** ", " ": " " (" " – " between the context word and the name. */
export const PUNCTUATION = /[ \t\u00a0]*(?:[,:(]|[–—-](?=\s))\s*/uy;
export const SPACE = /\s+/uy;
/** "pasientene Kari Hansen og Ola Nordmann": a second name joined by a conjunction. */
export const CONJUNCTION = /[ \t\u00a0]+(?:og|och|and|&)[ \t\u00a0]+/uy;

/** "Kari Nordmann (pasient)". The name ends before the whitespace preceding the match. */
export const REVERSE_PAREN = new RegExp(
  `\\(\\s*(?:${[
    'pasient(?:en)?',
    'patient(?:en)?',
    'pas\\.?',
    'pt\\.?',
    'beboer(?:en)?',
    'bruker(?:en)?',
    'brukaren',
    'borger(?:en)?',
    'vårdtagare(?:n)?',
    'pårørende',
    'anhörig',
    'resident',
    'relative',
  ].join('|')})\\s*\\)`,
  'giu',
);

/** "Kari Nordmann, pasienten på rom 3,". The match starts where the name must end. */
export const REVERSE_COMMA = new RegExp(
  `,\\s*(?:the patient|a patient|pasienten|patienten|pasient|patient|beboeren|brukeren|brukaren|borgeren|vårdtagaren)${NOT_IN_WORD_AFTER}`,
  'giu',
);

/** Titles followed by a (sur)name. Case-sensitive on purpose: "MS" (the disease) and "miss" (the verb) are not titles. */
export const HONORIFIC =
  /(?<![\p{L}\p{M}\p{N}])(?:[Ff]ru|[Ff]rue|[Hh]err|[Hh]r\.|[Ff]rk\.|[Ff]røken|[Ff]röken|[Mm]rs\.?|[Mm]r\.?|[Mm]s\.?|Miss)(?=[ \t\u00a0])/gu;

/** Lower-case particles allowed between name tokens: "Ludwig van Beethoven", "Eva af Klint". */
export const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'du',
  'da',
  'di',
  'del',
  'af',
  'la',
  'le',
  'ten',
  'ter',
  'zu',
]);

/**
 * Capitalised words that follow a context word but are not names: sentence starts, drugs, units,
 * times, days, months, places in the hospital, roles. Compared in lower case.
 */
export const STOP_WORDS = new Set(
  `
  han hun hen hon den det der de dette denne vi jeg jag du dere ni som og och men eller i på etter efter før innan innen
  under over ved vid med uten utan uden til till fra från om når när hvor var hvis ikke inte ikkje ingen inga intet
  nei nej ja ok okay ble blev vart er är har hadde havde hade fikk fick fik falt föll faldt skal ska skulle kan kunne
  må måtte sa sier sov lå låg gikk gick gik kom
  the a an he she they it this that was is has had got who in on at with after before and but not no yes
  unknown ukjent okänd ukendt anonym anonymous
  paracet paracetamol pinex panodil alvedon pamol ibux ibuprofen ipren voltaren morfin morphine oxynorm oxycontin
  oxycodone oksykodon oxikodon ketorax fentanyl petidin tramadol nobligan insulin novorapid humalog lantus
  heparin fragmin klexane innohep albyl marevan warfarin eliquis xarelto pradaxa furix furosemid lasix stesolid
  diazepam sobril oxazepam imovane zopiklon haldol haloperidol nozinan penicillin antibiotika cefotaxim kalium
  natrium nacl glukose glucose ringer oksygen oxygen syrgas ilt adrenalin naloxon nalokson
  mg ml gram mmol iv im sc
  natt natten natta kveld kvelden aften aftenen morgen morgenen morgon morgonen formiddag ettermiddag
  eftermiddag middag night morning evening today tonight yesterday tomorrow
  mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag lördag söndag
  monday tuesday wednesday thursday friday saturday sunday
  januar januari january februar februari february mars marts march april mai maj may juni june juli july
  august augusti september oktober october november desember december
  avdeling avdelingen avd afdeling afdelingen avdelning avdelningen post posten sengepost rom rommet rum rummet
  stue stuen stua sal salen seng sengen säng sängen bed room ward unit akutten akuttmottak akuttmottaket
  akutmodtagelsen akutmottagningen akuten intensiv intensiven intensivavdelingen postop operasjon
  operasjonsstua operation operationen poliklinikk poliklinikken mottak mottaket sykehjem sykehjemmet
  sykehus sykehuset sjukhus sjukhuset sygehus sygehuset hospital hospitalet legevakt legevakten
  ambulanse ambulansen ambulans ambulance hjemme hjemmet hemma hemmet korridor korridoren toalett toalettet
  bad badet dusj dusjen
  dr doktor doctor lege legen läkare läkaren læge lægen sykepleier sykepleieren sjuksköterska sjuksköterskan
  sygeplejerske sygeplejersken nurse overlege overlegen
  safety security risk risiko care record records journal journalen portal id number transport information advocate experience
  data covid korona corona influensa
  `
    .split(/\s+/)
    .filter(Boolean),
);
