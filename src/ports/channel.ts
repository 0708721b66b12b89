// What the dispatcher needs from a channel to deliver a proactive message.
import type { Card } from '../../cards/model.ts';
import type { ChannelId, Recipient } from '../domain/turn.ts';

export interface ChannelSender {
  readonly channel: ChannelId;
  /**
   * Delivers one card to one person in a 1:1 conversation (Teams: createConversation when no
   * conversation is known; Slack: a DM). Returns the platform's message id. Throws SendError.
   */
  send(recipient: Recipient, card: Card, idempotencyKey: string): Promise<{ platformMessageId: string | null }>;
}

export type SendFailure = 'throttled' | 'transient' | 'permanent';

/** A failed send, classified so the dispatcher knows whether and when to retry. */
export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    message: string,
    /** From a 429's Retry-After, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
