// The content base: one YAML file per topic under content/, validated with zod (`ivareta content check`).
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);
/** The same text in all four languages; a missing language is an error. */
export const text4 = z.object({ nb: nonEmpty, sv: nonEmpty, da: nonEmpty, en: nonEmpty }).strict();
export type Text4 = z.infer<typeof text4>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a real date');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const terms = z.array(nonEmpty);

export const sourceSchema = z
  .object({
    /** The source document's own title, in its own language. */
    title: nonEmpty,
    publisher: nonEmpty,
    /** Year or date of the version used, if known. */
    year: z.union([z.number().int(), nonEmpty]).optional(),
    url: z.string().url().optional(),
  })
  .strict();

export const passageSchema = z
  .object({
    /** Globally unique: cited in answers and feedback counts. */
    id: slug,
    /** Index into the entry's sources (default the first). */
    source: z.number().int().min(0).default(0),
    /** Section, slide or heading of the source this passage rests on. */
    section: nonEmpty,
    title: text4,
    /** The answer: a few sentences, in our own words. */
    text: text4,
    /** Words people use when asking about this passage (per language), beyond those in the text. */
    keywords: z.object({ nb: terms, sv: terms, da: terms, en: terms }).partial().strict().optional(),
  })
  .strict();

export const entrySchema = z
  .object({
    id: slug,
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'a version such as 1.0'),
    reviewed: isoDate,
    reviewAfter: isoDate,
    owner: nonEmpty,
    jurisdiction: z.enum(['NO', 'SE', 'DK', 'Nordic']),
    title: text4,
    sources: z.array(sourceSchema).min(1, 'at least one source'),
    /** Who to ask when the content does not answer (a role or service named by the source). */
    contact: text4.optional(),
    /** Ids of related entries, offered as "see also". */
    seeAlso: z.array(slug).optional(),
    passages: z.array(passageSchema).min(1, 'at least one passage'),
  })
  .strict()
  .refine((e) => e.reviewAfter > e.reviewed, { message: 'reviewAfter must be after reviewed', path: ['reviewAfter'] })
  .superRefine((e, ctx) => {
    e.passages.forEach((p, i) => {
      if (p.source >= e.sources.length) {
        ctx.addIssue({ code: 'custom', path: ['passages', i, 'source'], message: `no source #${p.source}` });
      }
    });
  });

export type ContentEntry = z.infer<typeof entrySchema>;
export type Passage = z.infer<typeof passageSchema>;
export type Source = z.infer<typeof sourceSchema>;

/** Synonym groups: each group lists words (any language) that mean the same for search. */
export const synonymsSchema = z.object({ groups: z.array(z.array(nonEmpty).min(2)) }).strict();
/**
 * Questions outside the content's remit even when they share its words (dosage, diagnosis, other
 * organisations' routines): stems that mark such a question, per language.
 */
export const scopeSchema = z
  .object({ outOfScope: z.object({ nb: terms, sv: terms, da: terms, en: terms }).strict() })
  .strict();
