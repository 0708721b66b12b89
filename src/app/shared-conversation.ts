// What the bot does in a shared conversation (a Teams channel or group chat, a Slack channel):
// there everybody reads the answers, so only what concerns no incident and no person is served.
import type { Intent } from './intents.ts';

/** Card actions that may come from a shared conversation. */
const SHARED_ACTIONS = new Set([
  'menu',
  'qa.ask',
  'qa.show',
  'qa.feedback',
  'language.choose',
  'language.set',
  // An escalation ladder may notify a group channel; taking the escalation there tells nothing new.
  'escalation.ack',
]);

const SHARED_INTENTS = new Set<Intent['kind']>(['help', 'language']);

export function actionAllowedInShared(actionId: string): boolean {
  return SHARED_ACTIONS.has(actionId);
}

export function intentAllowedInShared(kind: Intent['kind']): boolean {
  return SHARED_INTENTS.has(kind);
}
