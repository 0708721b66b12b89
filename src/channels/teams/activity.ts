// Translation only: a Teams activity (as parsed by inbound-schema.ts) becomes a channel-neutral
// Turn, and a neutral Card becomes an Adaptive Card attachment.
import { type Activity, CardFactory, TurnContext } from 'botbuilder';
import { toAdaptiveCard } from '../../../cards/adaptive.ts';
import type { Card } from '../../../cards/model.ts';
import type { Turn } from '../../domain/turn.ts';
import type { TeamsActivity } from './inbound-schema.ts';

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

/** The turn for a message activity: typed text (bot mention removed) or a card submit. */
export function messageTurn(activity: TeamsActivity): Turn {
  const turn = baseTurn(activity);
  if (activity.value) turn.action = { id: activity.value.actionId, values: activity.value.values };
  else turn.text = textWithoutMention(activity);
  return turn;
}

/** The turn for `adaptiveCard/action` (Action.Execute), should a card ever use it. */
export function invokeTurn(activity: TeamsActivity): Turn | null {
  const submit = activity.value;
  if (!submit) return null;
  return { ...baseTurn(activity), action: { id: submit.actionId, values: submit.values } };
}

/**
 * The bot was added to a personal chat (Teams sends this on install): the user gets the menu, as
 * if they had pressed its button. Other conversation updates are not turns.
 */
export function installTurn(activity: TeamsActivity): Turn | null {
  const botAdded = activity.membersAdded.some((m) => m.id === activity.recipient.id);
  const turn = baseTurn(activity);
  if (!botAdded || turn.conversation !== 'personal') return null;
  return { ...turn, action: { id: 'menu', values: {} } };
}

/** The tenant an activity comes from: Teams puts it in conversation.tenantId and channelData.tenant.id. */
export function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
}

function baseTurn(activity: TeamsActivity): Turn {
  const { from, conversation } = activity;
  const tenantId = tenantOf(activity);
  const kind = conversationKind(activity);
  const clientInfo = activity.entities.find((e) => e.type === 'clientInfo');
  const address: TeamsAddress = {
    serviceUrl: activity.serviceUrl,
    conversationId: kind === 'personal' ? conversation.id : undefined,
    botId: activity.recipient.id,
    teamsUserId: from.id,
    tenantId,
  };
  return {
    channel: 'teams',
    user: { channel: 'teams', userId: from.aadObjectId ?? from.id, tenantId, displayName: from.name },
    platformLocale: activity.locale ?? clientInfo?.locale,
    timeZone: clientInfo?.timezone,
    conversation: kind,
    // Teams' deep link to a 1:1 chat with the bot (its id, 28:<app id>).
    ...(kind === 'personal'
      ? {}
      : {
          privateChatUrl: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(activity.recipient.id)}`,
        }),
    address: { ...compact(address) },
  };
}

function conversationKind({ conversation }: TeamsActivity): Turn['conversation'] {
  switch (conversation.conversationType) {
    case 'personal':
      return 'personal';
    case 'groupChat':
      return 'group';
    case 'channel':
      return 'channel';
    default:
      return conversation.isGroup === true ? 'group' : 'personal';
  }
}

/**
 * Text with the bot's @mention removed, via botbuilder's helper. It dereferences `mentioned.id`
 * and replaces `text` blindly: the schema only lets well-formed mentions through.
 */
export function textWithoutMention(activity: TeamsActivity): string {
  const text = activity.text ?? '';
  const mentions = activity.entities.filter((e) => e.type === 'mention');
  const copy = { text, recipient: { id: activity.recipient.id }, entities: mentions } as unknown as Activity;
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

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function compact<T extends object>(obj: T): T {
  for (const [k, v] of Object.entries(obj)) if (v === undefined) delete (obj as Record<string, unknown>)[k];
  return obj;
}
