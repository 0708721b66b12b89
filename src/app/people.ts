// Who is who: display names and the locale to write to someone in.
import type { Card, Option } from '../../cards/model.ts';
import type { Translate } from '../../dialogs/form.ts';
import type { ChannelId, Recipient } from '../domain/turn.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { NewOutboxMessage, Store, UserRecord } from '../ports/store.ts';
import { type TurnContext, translator } from './context.ts';
import { rememberOptions } from './option-memory.ts';

export function localeOf(user: UserRecord | null, fallback: Locale): Locale {
  return matchLocale(user?.localePref) ?? matchLocale(user?.platformLocale) ?? fallback;
}

export async function namesOf(store: Store, channel: ChannelId, ids: string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    const u = await store.getUser(channel, id);
    if (u?.displayName) names[id] = u.displayName;
  }
  return names;
}

/** Known colleagues in the same tenant, offered where the platform has no people picker of its own. */
export async function peopleOptions(store: Store, user: UserRecord): Promise<Option[]> {
  const users = await store.listUsers(user.channel, user.tenantId, 50);
  const known = users.filter((u) => u.displayName).map((u) => ({ value: u.userId, label: u.displayName as string }));
  rememberOptions(store, { kind: 'people', channel: user.channel, tenantId: user.tenantId }, known);
  // The person filling in the form is already involved; they are not offered to themselves.
  return known.filter((o) => o.value !== user.userId);
}

/**
 * The address to reach someone proactively: their own stored one, or (for someone who has never
 * written to the bot) the sender's service address without its conversation.
 */
export function recipientFor(target: UserRecord | null, userId: string, from: UserRecord): Recipient {
  const fromAddress = { ...(from.address ?? {}) };
  delete fromAddress.conversationId;
  return {
    channel: from.channel,
    userId,
    tenantId: target?.tenantId ?? from.tenantId ?? undefined,
    address: target?.address ?? fromAddress,
  };
}

/**
 * An outbox message to someone, its card written in their language (their choice, else their
 * platform's, else the organisation's), due now unless `dueAt` says otherwise.
 */
export async function messageTo(
  ctx: TurnContext,
  tx: Store,
  userId: string,
  m: { key: string; kind: string; incidentId: string | null; dueAt?: Date; card: (t: Translate) => Card },
): Promise<NewOutboxMessage> {
  const target = await tx.getUser(ctx.user.channel, userId);
  const t = translator(ctx.deps.i18n, localeOf(target, ctx.deps.config.defaultLocale));
  return {
    idempotencyKey: m.key,
    kind: m.kind,
    recipient: recipientFor(target, userId, ctx.user),
    card: m.card(t),
    dueAt: m.dueAt ?? ctx.deps.clock.now(),
    incidentId: m.incidentId,
  };
}
