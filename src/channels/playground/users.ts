// The playground's demo people and its pretend Teams tenant. Shared by the page (via
// /playground/config) and the fake connector (which maps member and conversation ids to them).

export interface DemoUser {
  /** Short key: the conversation is `pg-dm-<key>`. */
  key: string;
  /** Bot Framework user id (`from.id`). */
  id: string;
  aadObjectId: string;
  name: string;
  role: string;
  locale: string;
  /** IANA zone the page reports in Teams' clientInfo entity. */
  timeZone: string;
}

export const PLAYGROUND_TENANT = 'playground';
export const PLAYGROUND_BOT = { id: '28:ivareta-playground', name: 'Ivareta' } as const;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'anna',
    id: 'pg-anna',
    aadObjectId: 'aad-anna',
    name: 'Anna Berg',
    role: 'Nurse (involved)',
    locale: 'nb-NO',
    timeZone: 'Europe/Oslo',
  },
  {
    key: 'lars',
    id: 'pg-lars',
    aadObjectId: 'aad-lars',
    name: 'Lars Holm',
    role: 'Manager',
    locale: 'sv-SE',
    timeZone: 'Europe/Stockholm',
  },
  {
    key: 'ingrid',
    id: 'pg-ingrid',
    aadObjectId: 'aad-ingrid',
    name: 'Ingrid Dahl',
    role: 'Peer supporter',
    locale: 'da-DK',
    timeZone: 'Europe/Copenhagen',
  },
];

export const LOCALES = ['nb-NO', 'sv-SE', 'da-DK', 'en-GB'] as const;

export function conversationIdOf(user: DemoUser): string {
  return `pg-dm-${user.key}`;
}

/** By Bot Framework id, Entra object id or user key. */
export function findUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id || u.aadObjectId === id || u.key === id);
}

export function userOfConversation(conversationId: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => conversationIdOf(u) === conversationId);
}
