// A fake Bot Framework connector for the playground: the Teams channel sends replies and proactive
// messages to `<base>/playground/connector/`, and they land in the demo user's inbox, which the
// page polls. In memory on purpose: this is a local demo surface, not product state.
import { connectorActivitySchema, createConversationSchema } from './inbound-schema.ts';
import { conversationIdOf, findUser, userOfConversation } from './users.ts';

export type InboxKind = 'message' | 'update' | 'delete';

export interface InboxItem {
  seq: number;
  kind: InboxKind;
  activityId: string;
  activity: Record<string, unknown> | null;
}

const MAX_ITEMS_PER_USER = 500;

export class Inboxes {
  private seq = 0;
  private nextActivity = 1;
  private readonly items = new Map<string, InboxItem[]>();

  add(userKey: string, kind: InboxKind, activity: Record<string, unknown> | null, activityId?: string): InboxItem {
    const item: InboxItem = {
      seq: ++this.seq,
      kind,
      activityId: activityId ?? `pg-act-${this.nextActivity++}`,
      activity,
    };
    const list = this.items.get(userKey) ?? [];
    list.push(item);
    if (list.length > MAX_ITEMS_PER_USER) list.splice(0, list.length - MAX_ITEMS_PER_USER);
    this.items.set(userKey, list);
    return item;
  }

  after(userKey: string, seq: number): InboxItem[] {
    return (this.items.get(userKey) ?? []).filter((i) => i.seq > seq);
  }
}

export interface ConnectorAnswer {
  status: number;
  body?: unknown;
}

/**
 * Answers one connector call. `path` is what follows `/playground/connector/` (e.g.
 * `v3/conversations/pg-dm-anna/activities`); `body` is the parsed JSON (or undefined).
 */
export function connectorCall(inboxes: Inboxes, method: string, path: string, body: unknown): ConnectorAnswer {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return notFound('unknown connector route');

  if (parts.length === 2 && method === 'POST') {
    // createConversation: the first member is the person to talk to (Entra object id or Teams id).
    const request = createConversationSchema.safeParse(body);
    const user = request.success ? findUser(request.data.members[0].id) : undefined;
    if (!user) return notFound('no such user in the playground tenant');
    return { status: 201, body: { id: conversationIdOf(user), activityId: '' } };
  }

  const conversationId = parts[2] ?? '';
  const user = userOfConversation(conversationId);
  if (!user || parts[3] !== 'activities' || parts.length > 5) return notFound('unknown conversation');
  const activityId = parts[4];
  const parsed = connectorActivitySchema.safeParse(body);
  const activity = parsed.success ? parsed.data : undefined;

  if (method === 'POST') {
    if (!activity) return badRequest('activity expected');
    const item = inboxes.add(user.key, 'message', activity);
    return { status: 201, body: { id: item.activityId } };
  }
  if (method === 'PUT' && activityId) {
    if (!activity) return badRequest('activity expected');
    inboxes.add(user.key, 'update', activity, activityId);
    return { status: 200, body: { id: activityId } };
  }
  if (method === 'DELETE' && activityId) {
    inboxes.add(user.key, 'delete', null, activityId);
    return { status: 200 };
  }
  return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'not supported by the playground' } } };
}

function notFound(message: string): ConnectorAnswer {
  return { status: 404, body: { error: { code: 'NotFound', message } } };
}

function badRequest(message: string): ConnectorAnswer {
  return { status: 400, body: { error: { code: 'BadArgument', message } } };
}
