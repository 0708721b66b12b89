// The last options a form offered (known colleagues, the person's own check-ins), kept in memory per
// store, so a form handed back during a database outage can still name what the user had chosen.
// Only labels already shown to the same audience; lost on restart, which only makes the labels plainer.
import type { Option } from '../../cards/model.ts';
import type { ChannelId } from '../domain/turn.ts';

const MAX_KEYS = 5_000;
const memories = new WeakMap<object, Map<string, Option[]>>();

/** Colleagues are the same for a whole tenant; data choices (a form field's options) are one person's. */
export type OptionScope =
  | { kind: 'people'; channel: ChannelId; tenantId: string | null }
  | { kind: 'choices'; field: string; channel: ChannelId; userId: string };

const keyOf = (s: OptionScope) =>
  s.kind === 'people'
    ? `people\u0000${s.channel}\u0000${s.tenantId ?? ''}`
    : `choices\u0000${s.field}\u0000${s.channel}\u0000${s.userId}`;

export function rememberOptions(owner: object, scope: OptionScope, options: Option[]): void {
  const memory = memories.get(owner) ?? new Map<string, Option[]>();
  memories.set(owner, memory);
  const key = keyOf(scope);
  memory.delete(key); // re-inserted last: the Map's order is least recently written first
  memory.set(key, options);
  if (memory.size > MAX_KEYS) memory.delete(memory.keys().next().value!);
}

export function recallOptions(owner: object, scope: OptionScope): Option[] {
  return memories.get(owner)?.get(keyOf(scope)) ?? [];
}
