// Short stop-word lists per language: function words, question words and auxiliaries that carry no topic.
import type { Locale } from '../i18n/locales.ts';

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

export const STOP_WORDS: Record<Locale, ReadonlySet<string>> = {
  nb: words(`
    og i jeg det at en et ei den til er som på de med han hun av ikke der så var meg seg men har om vi min mitt
    mine ha hadde nå over da ved fra du ut sin sitt sine dem oss opp man kan hans hennes hvor eller hva skal selv
    her alle vil bli ble blitt blir kunne inn når være vært noen noe ville dere deres kun ja etter ned skulle denne
    dette disse for deg si mot å hvorfor uten hvordan ingen din ditt samme hvilken hvilket hvilke mellom vår våre
    hver hvem hvis både bare enn fordi før mange også slik må bør får få gjør gjøre gjelder finnes fins gå går egentlig
    nei jo litt mye mer mest andre annen annet hos via per egen eget egne selve la`),
  sv: words(`
    och i jag det att en ett den till är som på de med han hon av inte där så var mig sig men har om vi min mitt
    mina ha hade nu över då vid från du ut sin sitt sina dem oss upp man kan hans hennes hur eller vad ska skall
    själv här alla vill bli blev blivit blir kunna kunde in när vara varit någon något några skulle dess er ert era
    ja efter ned denna detta dessa för dig mot att varför utan ingen din ditt samma vilken vilket vilka mellan vår
    våra varje vem vems om både bara än eftersom innan många också sådan sådant sådana måste bör får få gör göra
    gäller finns gå går egentligen nej jo lite mycket mer mest andra annan annat ni hos via per egen eget egna själva`),
  da: words(`
    og i jeg det at en et den til er som på de med han hun af ikke der så var mig sig men har om vi min mit mine
    have havde nu over da ved fra du ud sin sit sine dem os op man kan hans hendes hvor eller hvad skal selv her
    alle vil blive blev blevet bliver kunne ind når være været nogen noget nogle ville jer jeres kun ja efter ned
    skulle denne dette disse for dig mod å hvorfor uden hvordan ingen din dit samme hvilken hvilket hvilke mellem
    vores hver hvem hvis både bare end fordi før mange også sådan må bør får få gør gøre gælder findes gå går
    egentlig nej jo lidt meget mere mest andre anden andet hvornår hos via per egen eget egne selve`),
  en: words(`
    a an the and or but if of at by for with about against between into through during before after above below
    to from up down in out on off over under again further then once here there when where why how all any both
    each few more most other some such no nor not only own same so than too very can will just should now i me my
    myself we our ours you your yours he him his she her hers it its they them their theirs what which who whom
    this that these those am is are was were be been being have has had having do does did doing would could
    may might must shall need needs get gets got make one ones us let also there's what's it's i'm don't doesn't
    tell explain anything something someone via per own`),
};

/** Stop words of any language: removed before a question's content words are counted. */
/**
 * Verbs and adverbs that frame a question in any of the languages without naming its topic ("what happens
 * when…", "who do I find…", "is it always…"): removed like stop words.
 */
const FRAME_WORDS = words(`
    få får fikk fått fick fik fået gi gir gis ge ger ges give giver gives gives ta tar tas tok tog tages komme
    kommer kom gå går gikk gick gik finne finner finna finns hitta finde finder bruke bruker brukes använda
    används bruge bruges use used using mene menes menas betyr betyder mean means skje skjer hända händer ske sker
    happen happens happened egentlig egentligen actually likevel ändå alligevel anyway ifølge enligt according
    alltid altid always aldri aldrig never overfor gentemot towards toward ting saker thing things regnes
    räknas regnes tælle tæller tælles count counts counted si sier säga säger sige siger say says said hamne
    havner hamna hamnar ende ender end ends sende sendt sendes skicka skickat skickas send sent innebære
    innebærer innebär innebära indebære indebærer involve involves involving entail entails består bestå consist
    consists handle handler handlar klare klarer klara klarar manage manages
  `);

export const ANY_STOP_WORD: ReadonlySet<string> = new Set([
  ...Object.values(STOP_WORDS).flatMap((s) => [...s]),
  ...FRAME_WORDS,
]);

export function isStopWord(word: string, lang?: Locale): boolean {
  return lang ? STOP_WORDS[lang].has(word) : ANY_STOP_WORD.has(word);
}

/** A word that can carry a topic: not a stop word in any language, and not a lone letter. */
export function isContentWord(word: string): boolean {
  return !ANY_STOP_WORD.has(word) && (word.length > 1 || /\d/.test(word));
}
