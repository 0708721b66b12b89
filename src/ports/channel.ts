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
  /**
   * Whether a message sent with `idempotencyKey` since `since` reached the recipient, where the
   * platform can tell (null: it did not). Asked before sending again after a worker died during a
   * send. A channel without it cannot be asked: the dispatcher then does not resend.
   */
  findSent?(
    recipient: Recipient,
    idempotencyKey: string,
    since: Date,
  ): Promise<{ platformMessageId: string | null } | null>;
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
