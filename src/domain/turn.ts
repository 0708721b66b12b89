// A channel-neutral turn: what a person said or submitted, and who they are.
import type { Card } from '../../cards/model.ts';

export type ChannelId = 'teams' | 'slack';

export interface Principal {
  channel: ChannelId;
  /** Teams: the Entra (AAD) object id when known, else the Bot Framework user id. Slack: the user id (U…). */
  userId: string;
  /** Teams tenant id or Slack team (workspace) id. */
  tenantId?: string;
  displayName?: string;
}

export interface Turn {
  channel: ChannelId;
  user: Principal;
  /** Locale the platform reports for the user (e.g. `nb-NO`), if any. */
  platformLocale?: string;
  /** IANA time zone the platform reports, if any. */
  timeZone?: string;
  conversation: 'personal' | 'group' | 'channel';
  /** In a shared conversation: a link that opens a 1:1 chat with the bot, where the channel has one. */
  privateChatUrl?: string;
  /** Text with bot mentions stripped. */
  text?: string;
  /** A card action: its id and the values of the card's inputs plus the action's data. */
  action?: { id: string; values: Record<string, unknown> };
  /**
   * Identifies one form submission across retries and double clicks (e.g. Slack's view id), so a
   * submit that arrives twice registers once. Teams carries it in the card's submit data instead.
   */
  submissionKey?: string;
  /**
   * Channel address the core stores so it can reach this user proactively later
   * (Teams: serviceUrl, conversation id, bot id; Slack: nothing needed). Opaque to the core.
   */
  address?: Record<string, unknown>;
}

/** What the core answers: cards to show. `replace` asks the channel to update the submitted card where it can. */
export interface Reply {
  cards: Card[];
  /** For a form answered with errors: Slack keeps the modal open and shows these per input id. */
  formErrors?: Record<string, string>;
  /**
   * Set when a submit was not carried out and nothing was saved (database unreachable, rate limit):
   * why, in the user's language. The cards hold the form again with the answers; Slack keeps the
   * modal open with this text on its first input.
   */
  unsaved?: string;
}

/** Where a proactive message goes. */
export interface Recipient {
  channel: ChannelId;
  userId: string;
  tenantId?: string;
  /** Channel address copied from a turn (e.g. Teams serviceUrl), used when the user has none stored. */
  address?: Record<string, unknown>;
}
