// The tenant an activity comes from, for the org config's allow-list. Teams puts it in
// conversation.tenantId and channelData.tenant.id; both are read, either may be missing.
import type { Activity } from 'botbuilder';

export function tenantOf(activity: Activity): string | undefined {
  const a = activity as unknown as {
    conversation?: { tenantId?: unknown };
    channelData?: { tenant?: { id?: unknown } };
  };
  const fromConversation = a.conversation?.tenantId;
  const fromChannelData = a.channelData?.tenant?.id;
  if (typeof fromConversation === 'string' && fromConversation !== '') return fromConversation;
  return typeof fromChannelData === 'string' && fromChannelData !== '' ? fromChannelData : undefined;
}
