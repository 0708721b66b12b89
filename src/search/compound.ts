// Scandinavian compound splitting: a long word is split into words known from the indexed corpus, allowing the
// linking letters -s- and -e- (læringsdebrief → lærings+debrief, genoplivningsforsøg → genoplivning+forsøg).
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { stem } from './stem.ts';
import { ANY_STOP_WORD } from './stopwords.ts';

const MIN_PART = 4;
const MIN_WORD = 2 * MIN_PART;
const LINKING = ['s', 'e'];
const MAX_ENDING = 3;

export class CompoundSplitter {
  private readonly surface = new Set<string>();
  private readonly stems = new Set<string>();
  private readonly memo = new Map<string, string[] | null>();

  /** `vocabulary`: normalised words of the corpus, by the language they are written in. */
  constructor(vocabulary: Partial<Record<Locale, Iterable<string>>> = {}) {
    for (const l of LOCALES) for (const w of vocabulary[l] ?? []) this.add(w, l);
  }

  /** The known words and stems, to rebuild the splitter without stemming again (see fromJSON). */
  toJSON(): { surface: string[]; stems: string[] } {
    return { surface: [...this.surface], stems: [...this.stems] };
  }

  static fromJSON(data: { surface: string[]; stems: string[] }): CompoundSplitter {
    const s = new CompoundSplitter();
    for (const w of data.surface) s.surface.add(w);
    for (const w of data.stems) s.stems.add(w);
    return s;
  }

  /** A known word, stemmed in its own language. */
  add(word: string, lang: Locale): void {
    if (word.length < MIN_PART || ANY_STOP_WORD.has(word) || /\d/.test(word)) return;
    this.memo.clear();
    this.surface.add(word);
    const s = stem(word, lang);
    if (s.length >= MIN_PART) this.stems.add(s);
  }

  /**
   * A known word: seen in the corpus, or an inflection of one (a known stem plus an ending of up to three
   * letters; Snowball stems are prefixes of their word, so no stemmer needs to run here).
   */
  known(part: string): boolean {
    if (part.length < MIN_PART || ANY_STOP_WORD.has(part)) return false;
    if (this.surface.has(part) || this.stems.has(part)) return true;
    for (let k = 1; k <= MAX_ENDING && part.length - k >= MIN_PART; k++) {
      if (this.stems.has(part.slice(0, -k))) return true;
    }
    return false;
  }

  /** The head as a known word, with a linking letter dropped where needed ("lærings" → "læring"). */
  private head(head: string): string | null {
    const last = head.at(-1)!;
    const bare = LINKING.includes(last) ? head.slice(0, -1) : null;
    if (this.surface.has(head)) return head;
    if (bare && this.surface.has(bare)) return bare;
    if (this.known(head)) return head;
    if (bare && this.known(bare)) return bare;
    return null;
  }

  /**
   * The parts of a compound (fewest parts, then the longest first part), or null when the word is short
   * or cannot be split into known words.
   */
  split(word: string): string[] | null {
    if (word.length < MIN_WORD || /\d/.test(word)) return null;
    const memo = this.memo.get(word);
    if (memo !== undefined) return memo;
    let found: string[] | null = null;
    for (let i = word.length - MIN_PART; i >= MIN_PART && !found; i--) {
      const tail = word.slice(i);
      if (!this.known(tail)) continue;
      const head = this.head(word.slice(0, i));
      if (head) found = [head, tail];
    }
    for (let i = word.length - MIN_WORD; i >= MIN_PART && !found; i--) {
      const head = this.head(word.slice(0, i));
      if (!head) continue;
      const rest = this.split(word.slice(i));
      if (rest) found = [head, ...rest];
    }
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(word, found);
    return found;
  }
}
