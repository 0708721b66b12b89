// Renders a neutral Card as an Adaptive Card 1.5 for Teams, and reads what Teams sends back.
// Pure functions: no I/O, no platform SDK.
import type { Action, Block, Card, Input } from './model.ts';
import { adaptiveSubmitSchema, type Submit } from './submit-schema.ts';

export const ADAPTIVE_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams' people picker: `choices.data` queries the organisation's directory. */
export const TEAMS_USERS_DATASET = 'graph.microsoft.com/users';

export interface AdaptiveElement {
  type: string;
  [key: string]: unknown;
}

export interface AdaptiveAction {
  type: 'Action.Submit' | 'Action.OpenUrl';
  title: string;
  [key: string]: unknown;
}

export interface AdaptiveCardJson {
  $schema: typeof ADAPTIVE_SCHEMA_URL;
  type: 'AdaptiveCard';
  version: '1.5';
  fallbackText?: string;
  body: AdaptiveElement[];
  actions?: AdaptiveAction[];
  msteams: { width: 'Full' };
}

/**
 * A block of actions that ends the body becomes the card's own action bar; other action blocks
 * stay where they are, as ActionSets. A divider puts a separator on the element that follows it.
 */
export function toAdaptiveCard(card: Card): AdaptiveCardJson {
  const last = card.body.at(-1);
  const bar = last?.kind === 'actions' ? last.actions : undefined;
  const blocks = bar ? card.body.slice(0, -1) : card.body;

  const body: AdaptiveElement[] = [];
  let separator = false;
  let headings = 0;
  for (const block of blocks) {
    if (block.kind === 'divider') {
      separator = true;
      continue;
    }
    const elements = renderBlock(block, headings);
    if (block.kind === 'heading') headings++;
    const first = elements[0];
    if (first && separator) {
      first.separator = true;
      separator = false;
    }
    body.push(...elements);
  }
  // Nothing follows the divider in the body: an empty Container still draws the line.
  if (separator) body.push({ type: 'Container', items: [], separator: true });

  return {
    $schema: ADAPTIVE_SCHEMA_URL,
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: card.fallbackText,
    body,
    ...(bar && bar.length > 0 ? { actions: bar.map(toAction) } : {}),
    msteams: { width: 'Full' },
  };
}

function renderBlock(block: Exclude<Block, { kind: 'divider' }>, headingsBefore: number): AdaptiveElement[] {
  switch (block.kind) {
    case 'heading':
      return [
        {
          type: 'TextBlock',
          text: block.text,
          size: headingsBefore === 0 ? 'Large' : 'Medium',
          weight: 'Bolder',
          wrap: true,
          style: 'heading',
        },
      ];
    case 'text':
      return [{ type: 'TextBlock', text: block.text, wrap: true, ...tone(block.tone) }];
    case 'facts':
      if (block.items.length === 0) return [];
      return [{ type: 'FactSet', facts: block.items.map((f) => ({ title: f.label, value: f.value })) }];
    case 'list':
      if (block.items.length === 0) return [];
      // One markdown list: Teams renders `- ` lines as bullets. Line breaks inside an item would end the list.
      return [
        { type: 'TextBlock', text: block.items.map((i) => `- ${i.replace(/\s*\n\s*/g, ' ')}`).join('\n'), wrap: true },
      ];
    case 'input':
      return renderInput(block.input);
    case 'actions':
      return block.actions.length > 0 ? [{ type: 'ActionSet', actions: block.actions.map(toAction) }] : [];
  }
}

function tone(t: 'normal' | 'muted' | 'attention' | 'good' | undefined): Record<string, unknown> {
  if (t === 'attention') return { color: 'Attention' };
  if (t === 'good') return { color: 'Good' };
  if (t === 'muted') return { isSubtle: true };
  return {};
}

function renderInput(input: Input): AdaptiveElement[] {
  const validation = { isRequired: input.required || undefined, errorMessage: input.error || undefined };
  const elements: AdaptiveElement[] = [];
  switch (input.type) {
    case 'text':
      elements.push({
        type: 'Input.Text',
        id: input.id,
        label: input.label,
        placeholder: input.placeholder || undefined,
        isMultiline: input.multiline || undefined,
        maxLength: input.maxLength,
        value: input.value || undefined,
        ...validation,
      });
      break;
    case 'datetime': {
      const value = splitLocal(input.value);
      elements.push(
        {
          type: 'Input.Date',
          id: input.id,
          label: input.label,
          value: value?.date,
          max: splitLocal(input.max)?.date,
          ...validation,
        },
        // No label of its own: the model has one label for the point in time (see the report on `timeLabel`).
        { type: 'Input.Time', id: `${input.id}Time`, value: value?.time, ...validation },
      );
      break;
    }
    case 'choice':
      elements.push({
        type: 'Input.ChoiceSet',
        id: input.id,
        label: input.label,
        style: input.expanded ? 'expanded' : 'compact',
        isMultiSelect: input.multi || undefined,
        choices: input.options.map((o) => ({ title: o.label, value: o.value })),
        // A multi-select's value is its chosen values joined by commas (as Teams submits it).
        value: (Array.isArray(input.value) ? input.value.join(',') : input.value) || undefined,
        ...validation,
      });
      break;
    case 'users':
      elements.push({
        type: 'Input.ChoiceSet',
        id: input.id,
        label: input.label,
        choices: input.options.map((o) => ({ title: o.label, value: o.value })),
        'choices.data': { type: 'Data.Query', dataset: TEAMS_USERS_DATASET },
        isMultiSelect: input.multi,
        value: input.value?.length ? input.value.join(',') : undefined,
        ...validation,
      });
      break;
  }
  // errorMessage only shows after Teams' own client-side check; a server-side error must be visible now.
  if (input.error)
    elements.push({ type: 'TextBlock', text: input.error, color: 'Attention', wrap: true, spacing: 'Small' });
  return elements.map(compact);
}

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

function splitLocal(value: string | undefined): { date: string; time: string } | undefined {
  const m = value ? LOCAL_DATETIME.exec(value) : null;
  return m ? { date: m[1]!, time: m[2]! } : undefined;
}

function toAction(action: Action): AdaptiveAction {
  const style = action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined;
  if (action.url) return compact({ type: 'Action.OpenUrl', title: action.label, url: action.url, style });
  // `verb` is reserved for the action id; a data key of that name would hijack routing.
  const data = Object.fromEntries(Object.entries(action.data ?? {}).filter(([k]) => k !== 'verb'));
  return compact({
    type: 'Action.Submit',
    title: action.label,
    style,
    data: { verb: action.id, ...data },
    associatedInputs: action.submit ? undefined : 'none',
  });
}

function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

export type AdaptiveSubmit = Submit;

/**
 * Reads the `value` of the activity Teams sends when such a card's button is pressed (the three
 * envelopes: cards/submit-schema.ts). Values come back as Teams sends them (strings; `<id>Time` for
 * the time half of a datetime). Null when the value is not a submit.
 */
export function readAdaptiveSubmit(value: unknown): AdaptiveSubmit | null {
  return adaptiveSubmitSchema.parse(value) ?? null;
}
