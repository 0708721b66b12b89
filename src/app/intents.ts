// Recognises typed commands in nb, sv, da and en. Anything else is not a command.
import { type Locale, matchLocale } from '../i18n/locales.ts';

export type Intent =
  | { kind: 'help' }
  | { kind: 'newIncident' }
  | { kind: 'myIncidents' }
  | { kind: 'teamIncidents' }
  | { kind: 'myCheckins' }
  | { kind: 'workHours' }
  | { kind: 'deadlines' }
  | { kind: 'language'; locale: Locale | null };

const HELP = /^(help|hjelp|hjälp|hjælp|meny|menu|start|hei|hej|hi|hello|\?)$/;
const NEW =
  /^(new incident|new event|ny (uønsket )?hendelse|ny händelse|ny avvikelse|ny (utilsigtet )?hændelse|registrer( hendelse)?|registrera( händelse)?|registrér( hændelse)?|register( incident)?)$/;
const MINE = /^(my incidents|mine hendelser|mina händelser|mine hændelser|mine saker|mina ärenden|mine sager)$/;
const TEAM =
  /^(team incidents|my team'?s incidents|teamets hendelser|avdelingens hendelser|teamets händelser|teamets avvikelser|enhetens händelser|teamets hændelser|afdelingens hændelser)$/;
const CHECKINS =
  /^(my check-?ins|check-?ins|mine oppfølginger|min oppfølging|mina uppföljningar|min uppföljning|mine opfølgninger|min opfølgning)$/;
// "I work nights", "jeg jobber natt", "jag jobbar natt", "jeg arbejder om natten", "shift work", "turnus"…
const WORK_HOURS =
  /^(i work (nights|evenings|shifts)|shift work|working hours|arbeidstid|jeg jobber (natt|kveld|turnus|skift)|turnus|arbetstid|jag jobbar (natt|kväll|skift)|skiftarbete|arbejdstid|jeg arbejder (om natten|om aftenen|i skift)|skifteholdsarbejde)$/;
const DEADLINES =
  /^(deadlines|my deadlines|frister|mine frister|tidsfrister|mina tidsfrister|deadlines|mine tidsfrister)$/;
const LANGUAGE = /^(language|språk|sprog|lang)(\s*[:=]?\s*(.+))?$/;

const LANGUAGE_NAMES: Record<string, Locale> = {
  norsk: 'nb',
  bokmål: 'nb',
  bokmal: 'nb',
  norwegian: 'nb',
  svenska: 'sv',
  svensk: 'sv',
  swedish: 'sv',
  dansk: 'da',
  danish: 'da',
  danska: 'da',
  english: 'en',
  engelsk: 'en',
  engelska: 'en',
};

export function recogniseIntent(text: string): Intent | null {
  const s = text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (HELP.test(s)) return { kind: 'help' };
  if (NEW.test(s)) return { kind: 'newIncident' };
  if (MINE.test(s)) return { kind: 'myIncidents' };
  if (TEAM.test(s)) return { kind: 'teamIncidents' };
  if (CHECKINS.test(s)) return { kind: 'myCheckins' };
  if (WORK_HOURS.test(s)) return { kind: 'workHours' };
  if (DEADLINES.test(s)) return { kind: 'deadlines' };
  const lang = LANGUAGE.exec(s);
  if (lang) {
    const name = lang[3]?.trim();
    if (!name) return { kind: 'language', locale: null };
    return { kind: 'language', locale: LANGUAGE_NAMES[name] ?? matchLocale(name) };
  }
  return null;
}
