// The workspace allow-list (org config `security.allowedWorkspaces`) as a Bolt global middleware:
// it runs after Bolt verified the signature and before any listener. A request from another
// workspace is acknowledged (so Slack does not retry it) and nothing else happens.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { isAllowed, loggableId } from '../../security/allow-list.ts';

export function workspaceGuard(allowed: readonly string[] | undefined, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    // An Enterprise Grid org-wide install may be listed by its enterprise id.
    if (isAllowed(allowed, context.teamId, context.enterpriseId)) return next();
    log.warn(
      { event: 'slack.workspace.refused', teamId: loggableId(context.teamId ?? context.enterpriseId) },
      'workspace not allowed',
    );
    // Events were acked by Bolt already; buttons and modal submissions carry their own ack.
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  };
}
