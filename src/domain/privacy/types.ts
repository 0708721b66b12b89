// Shared types of the privacy detector. A finding carries offsets only, never the matched text,
// so that it can be logged, stored or serialised without leaking what the user typed.

export type Country = 'NO' | 'SE' | 'DK';

export type IdType = 'fodselsnummer' | 'd-number' | 'personnummer' | 'samordningsnummer' | 'cpr';

export interface Finding {
  kind: 'national-id' | 'patient-name';
  /** Set for national ids. */
  country?: Country;
  /** Set for national ids when the kind of number is known (Norwegian H-/synthetic numbers have none). */
  idType?: IdType;
  /** Offset of the first character of the match in the input text. */
  start: number;
  /** Offset just past the match (`text.slice(start, end)` is the match). */
  end: number;
}
