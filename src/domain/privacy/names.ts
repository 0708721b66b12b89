// Finds patient (and relative) names written next to a context word: "pasienten Kari Nordmann",
// "Patienten, Jens Hansen,", "pasient: Ola Nordmann", "the patient named John", "Kari Nordmann (pasient)",
// "Fru Olsen". A name is one to three capitalised tokens directly after the context word, its punctuation
// or a name introducer ("som heter", "named"); staff names without patient context are not flagged.
import {
  CONJUNCTION,
  FORWARD_CONTEXT,
  HONORIFIC,
  INTRODUCER,
  PARTICLES,
  PUNCTUATION,
  REVERSE_COMMA,
  REVERSE_PAREN,
  SPACE,
  STOP_WORDS,
} from './name-words.ts';
import type { Finding } from './types.ts';

const WORD =
  "(?:\\p{Lu}['’])?\\p{Lu}[\\p{Ll}\\p{M}]+(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?(?:-\\p{L}[\\p{Ll}\\p{M}]+)*(?![\\p{L}\\p{M}\\p{N}])";
/** A capitalised name token at a position: Kari, Anne-Lise, O'Brien, McLean, Åsa, Jönsson. */
const TOKEN = new RegExp(WORD, 'uy');
/** The same, anywhere, but not inside a longer word (for reading backwards). */
const TOKENS = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}'’-])${WORD}`, 'gu');
/** An initial, only in the middle of a name: "K. Nordmann". */
const INITIAL = /\p{Lu}\.(?=[ \t\u00a0]+\p{Lu})/uy;
const PARTICLE_LIST = [...PARTICLES].join('|');
/** What may separate two tokens of one name: spaces, and particles ("van der"). */
const GAP = new RegExp(`[ \\t\\u00a0]+(?:(?:${PARTICLE_LIST})[ \\t\\u00a0]+){0,2}`, 'uy');
const WHOLE_GAP = new RegExp(`^[ \\t\\u00a0]+(?:(?:${PARTICLE_LIST})[ \\t\\u00a0]+){0,2}$`, 'u');
/** A lone name after ", " or ": " must end its phrase ("pasient: Ola."), else it is a sentence start ("Patient: Fell out"). */
const PHRASE_END = /[ \t\u00a0]*(?:$|[,.;:!?)\]\r\n])/uy;
const MAX_TOKENS = 3;
const LOOK_BACK = 120;

interface NameSpan {
  start: number;
  end: number;
  tokens: number;
}

function stickyAt(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  return re.exec(text)?.[0] ?? null;
}

function isStopWord(token: string): boolean {
  const lower = token.toLowerCase();
  return STOP_WORDS.has(lower) || STOP_WORDS.has(lower.split('-')[0] ?? lower);
}

/** Reads up to three name tokens starting exactly at `pos`. */
function readForward(text: string, pos: number): NameSpan | null {
  let p = pos;
  let end = -1;
  let tokens = 0;
  for (let seen = 0; seen < MAX_TOKENS; seen++) {
    const word = stickyAt(TOKEN, text, p);
    const initial = word === null ? stickyAt(INITIAL, text, p) : null;
    const token = word ?? initial;
    if (token === null || (word !== null && isStopWord(word))) break;
    if (word !== null) {
      end = p + word.length;
      tokens++;
    }
    const gap = stickyAt(GAP, text, p + token.length);
    if (gap === null) break;
    p += token.length + gap.length;
  }
  return tokens > 0 ? { start: pos, end, tokens } : null;
}

/** Reads up to three name tokens ending exactly at `end`. */
function readBackward(text: string, end: number): NameSpan | null {
  const from = Math.max(0, end - LOOK_BACK);
  const found = [...text.slice(from, end).matchAll(TOKENS)]
    .map((m) => ({ start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[0].length, word: m[0] }))
    // a token cut at the start of the window may be the tail of a longer word
    .filter((t) => t.start > from || from === 0 || !/[\p{L}\p{M}\p{N}'’-]/u.test(text[from - 1] ?? ''));
  let start = -1;
  let tokens = 0;
  let expectedEnd = end;
  for (let i = found.length - 1; i >= 0 && tokens < MAX_TOKENS; i--) {
    const t = found[i]!;
    const adjacent = tokens === 0 ? t.end === expectedEnd : WHOLE_GAP.test(text.slice(t.end, expectedEnd));
    if (!adjacent || isStopWord(t.word)) break;
    start = t.start;
    tokens++;
    expectedEnd = t.start;
  }
  return tokens > 0 ? { start, end, tokens } : null;
}

/** Index just past the last non-blank character before `pos`. */
function skipBlanksBack(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && /[ \t\u00a0]/u.test(text[i - 1]!)) i--;
  return i;
}

function atSentenceStart(text: string, pos: number): boolean {
  let i = pos;
  while (i > 0 && /\s/u.test(text[i - 1]!)) i--;
  return i === 0 || /[.!?:;\n•*(–-]/u.test(text[i - 1]!);
}

function forwardNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  for (const m of text.matchAll(FORWARD_CONTEXT)) {
    const after = (m.index ?? 0) + m[0].length;
    const intro = stickyAt(INTRODUCER, text, after);
    const punct = intro === null ? stickyAt(PUNCTUATION, text, after) : null;
    const space = intro === null && punct === null ? stickyAt(SPACE, text, after) : null;
    const connector = intro ?? punct ?? space;
    if (connector === null) continue;
    const name = readForward(text, after + connector.length);
    if (!name) continue;
    if (punct !== null && name.tokens === 1 && stickyAt(PHRASE_END, text, name.end) === null) continue;
    out.push(name);
    for (let last = name; ; ) {
      const conjunction = stickyAt(CONJUNCTION, text, last.end);
      const next = conjunction === null ? null : readForward(text, last.end + conjunction.length);
      if (!next) break;
      out.push(next);
      last = next;
    }
  }
  return out;
}

function honorificNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  for (const m of text.matchAll(HONORIFIC)) {
    const after = (m.index ?? 0) + m[0].length;
    const space = stickyAt(SPACE, text, after);
    const name = space === null ? null : readForward(text, after + space.length);
    if (name) out.push(name);
  }
  return out;
}

function reverseNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  for (const m of text.matchAll(REVERSE_PAREN)) {
    const name = readBackward(text, skipBlanksBack(text, m.index ?? 0));
    if (name) out.push(name);
  }
  for (const m of text.matchAll(REVERSE_COMMA)) {
    const name = readBackward(text, m.index ?? 0);
    // "Dessverre, pasienten falt": a lone capitalised word opening a sentence is not a name.
    if (name && (name.tokens > 1 || !atSentenceStart(text, name.start))) out.push(name);
  }
  return out;
}

/** Patient names in `text`, in order of appearance, overlapping spans merged. */
export function findPatientNames(text: string): Finding[] {
  const spans = [...forwardNames(text), ...honorificNames(text), ...reverseNames(text)].sort(
    (a, b) => a.start - b.start,
  );
  const out: Finding[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ kind: 'patient-name', start: s.start, end: s.end });
  }
  return out;
}
