// "See also": up to two related passages, from other entries first, then the entry's own seeAlso list.
import type { ContentEntry } from '../content/schema.ts';
import type { AskHit } from '../ports/content-index.ts';

/** Runner-ups scoring at least this share of the best one are related enough to offer. */
export const SEE_ALSO_SHARE = 0.35;
const MAX = 2;

export function seeAlsoFor(
  best: { passage: number; score: number },
  ranked: readonly { passage: number; score: number }[],
  hits: readonly AskHit[],
  entries: ReadonlyMap<string, ContentEntry>,
): AskHit[] {
  const bestHit = hits[best.passage]!;
  const out: AskHit[] = [];
  const taken = new Set<string>([bestHit.passage.id]);
  const take = (h: AskHit | undefined, score?: number): void => {
    if (!h || out.length >= MAX || taken.has(h.passage.id)) return;
    taken.add(h.passage.id);
    out.push(
      score === undefined ? { entry: h.entry, passage: h.passage } : { entry: h.entry, passage: h.passage, score },
    );
  };
  const near = ranked.filter((r) => r.passage !== best.passage && r.score >= best.score * SEE_ALSO_SHARE);
  const entriesTaken = new Set([bestHit.entry.id]);
  for (const r of near) {
    const h = hits[r.passage]!;
    if (entriesTaken.has(h.entry.id)) continue;
    entriesTaken.add(h.entry.id);
    take(h, r.score);
  }
  for (const id of bestHit.entry.seeAlso ?? []) {
    const e = entries.get(id);
    if (e && !entriesTaken.has(e.id)) {
      entriesTaken.add(e.id);
      take({ entry: e, passage: e.passages[0]! });
    }
  }
  for (const r of near) take(hits[r.passage], r.score);
  return out;
}
