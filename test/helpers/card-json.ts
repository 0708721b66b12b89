// Reading what the bot sent, for tests and benches: Adaptive Card texts and actions (Teams) and Block Kit
// buttons (Slack). No server imports, so a load generator can use them without loading the app.

/** Calls `visit` on every object in a card's JSON, depth first. */
function walk(node: unknown, visit: (rec: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  visit(rec);
  for (const value of Object.values(rec)) if (typeof value === 'object') walk(value, visit);
}

const isAction = (rec: Record<string, unknown>) => typeof rec.type === 'string' && rec.type.startsWith('Action.');

/** Every TextBlock text and action title in a card, for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: card JSON
export function textsOf(card: any): string[] {
  const out: string[] = [];
  walk(card, (rec) => {
    if (rec.type === 'TextBlock' && typeof rec.text === 'string') out.push(rec.text);
    if (isAction(rec) && typeof rec.title === 'string') out.push(rec.title);
  });
  return out;
}

/** Every action in a card (the card's action bar and any ActionSet), for finding buttons by title or verb. */
// biome-ignore lint/suspicious/noExplicitAny: card JSON
export function actionsOf(card: any): any[] {
  // biome-ignore lint/suspicious/noExplicitAny: card JSON
  const out: any[] = [];
  walk(card, (rec) => {
    if (isAction(rec)) out.push(rec);
  });
  return out;
}

/** The data of the card's action whose verb is `verb` (what pressing it sends back). */
// biome-ignore lint/suspicious/noExplicitAny: card JSON
export function verbData(card: any, verb: string): Record<string, any> | undefined {
  return actionsOf(card).find((a) => a.data?.verb === verb)?.data;
}

export type Button = { action_id: string; value?: string };

/** The buttons of a Slack message's action blocks. */
export const buttons = (blocks: unknown): Button[] =>
  ((blocks ?? []) as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
