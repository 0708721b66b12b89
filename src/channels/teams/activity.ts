// Translation only: a Bot Framework activity from Teams becomes a channel-neutral Turn, and a
// neutral Card becomes an Adaptive Card attachment. Activities are untrusted JSON: every field is
// read defensively, whatever botframework-schema's types promise.
import { type Activity, CardFactory, TurnContext } from 'botbuilder';
import { readAdaptiveSubmit, toAdaptiveCard } from '../../../cards/adaptive.ts';
import type { Card } from '../../../cards/model.ts';
import type { Turn } from '../../domain/turn.ts';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What the channel keeps so it can reach the user later (Turn.address; opaque to the core). */
export interface TeamsAddress {
  serviceUrl?: string;
  /** The 1:1 conversation; only stored for personal chats. */
  conversationId?: string;
  botId?: string;
  teamsUserId?: string;
  tenantId?: string;
}

/** Why an activity cannot be processed at all (answered 400), or null when it can. */
export function shapeProblem(activity: Activity): string | null {
  const a = activity as unknown as Record<string, unknown>;
  if (!str(a.serviceUrl)) return 'serviceUrl missing';
  if (!str(a.channelId)) return 'channelId missing';
  if (!str(record(a.conversation)?.id)) return 'conversation.id missing';
  if (!str(record(a.recipient)?.id)) return 'recipient.id missing';
  if (!str(record(a.from)?.id)) return 'from.id missing';
  return null;
}

/** The turn for a message activity: typed text (bot mention removed) or a card submit. */
export function messageTurn(activity: Activity): Turn {
  const submit = readAdaptiveSubmit((activity as { value?: unknown }).value);
  const turn = baseTurn(activity);
  if (submit) turn.action = { id: submit.actionId, values: submit.values };
  else turn.text = textWithoutMention(activity);
  return turn;
}

/** The turn for `adaptiveCard/action` (Action.Execute), should a card ever use it. */
export function invokeTurn(activity: Activity): Turn | null {
  const submit = readAdaptiveSubmit((activity as { value?: unknown }).value);
  if (!submit) return null;
  return { ...baseTurn(activity), action: { id: submit.actionId, values: submit.values } };
}

/**
 * The bot was added to a personal chat (Teams sends this on install): the user gets the menu, as
 * if they had pressed its button. Other conversation updates are not turns.
 */
export function installTurn(activity: Activity): Turn | null {
  const a = activity as unknown as Record<string, unknown>;
  const botId = str(record(a.recipient)?.id);
  const added = Array.isArray(a.membersAdded) ? a.membersAdded : [];
  const botAdded = added.some((m) => str(record(m)?.id) === botId);
  const turn = baseTurn(activity);
  if (!botAdded || turn.conversation !== 'personal') return null;
  return { ...turn, action: { id: 'menu', values: {} } };
}

function baseTurn(activity: Activity): Turn {
  const a = activity as unknown as Record<string, unknown>;
  const from = record(a.from) ?? {};
  const conversation = record(a.conversation) ?? {};
  const teamsUserId = str(from.id) ?? '';
  const tenantId = str(conversation.tenantId) ?? str(record(record(a.channelData)?.tenant)?.id);
  const kind = conversationKind(conversation);
  const clientInfo = entities(a).find((e) => e.type === 'clientInfo');
  const address: TeamsAddress = {
    serviceUrl: str(a.serviceUrl),
    conversationId: kind === 'personal' ? str(conversation.id) : undefined,
    botId: str(record(a.recipient)?.id),
    teamsUserId,
    tenantId,
  };
  return {
    channel: 'teams',
    user: {
      channel: 'teams',
      userId: str(from.aadObjectId) ?? teamsUserId,
      tenantId,
      displayName: str(from.name),
    },
    platformLocale: str(a.locale) ?? str(clientInfo?.locale),
    timeZone: str(clientInfo?.timezone),
    conversation: kind,
    address: { ...compact(address) },
  };
}

function conversationKind(conversation: Record<string, unknown>): Turn['conversation'] {
  switch (conversation.conversationType) {
    case 'personal':
      return 'personal';
    case 'groupChat':
      return 'group';
    case 'channel':
      return 'channel';
    default:
      // The Emulator and older clients send no type: a group flag is all there is.
      return conversation.isGroup === true ? 'group' : 'personal';
  }
}

/**
 * Text with the bot's @mention removed, via botbuilder's helper. Mention entities from the wire
 * may be malformed (the helper dereferences `mentioned.id` and replaces `text` blindly), so it
 * only ever sees well-formed ones.
 */
export function textWithoutMention(activity: Activity): string {
  const a = activity as unknown as Record<string, unknown>;
  const text = str(a.text) ?? '';
  const botId = str(record(a.recipient)?.id);
  if (!botId) return text.trim();
  const mentions = entities(a).filter(
    (e) => e.type === 'mention' && typeof e.text === 'string' && e.text !== '' && str(record(e.mentioned)?.id),
  );
  const copy = { text, recipient: { id: botId }, entities: mentions } as unknown as Activity;
  return (TurnContext.removeRecipientMention(copy) ?? text).trim();
}

/** One message activity per card, each with one Adaptive Card attachment. */
export function cardActivity(card: Card): Partial<Activity> {
  const attachment = CardFactory.adaptiveCard(toAdaptiveCard(card));
  return { type: 'message', attachments: [attachment], summary: card.fallbackText };
}

export function readAddress(address: Record<string, unknown> | undefined): TeamsAddress {
  const a = address ?? {};
  return compact({
    serviceUrl: str(a.serviceUrl),
    conversationId: str(a.conversationId),
    botId: str(a.botId),
    teamsUserId: str(a.teamsUserId),
    tenantId: str(a.tenantId),
  });
}

/** True for http(s) URLs on this machine: the only service URLs accepted without authentication. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return false;
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

function entities(a: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(a.entities) ? a.entities.map(record).filter((e) => e !== undefined) : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function compact<T extends object>(obj: T): T {
  for (const [k, v] of Object.entries(obj)) if (v === undefined) delete (obj as Record<string, unknown>)[k];
  return obj;
}
