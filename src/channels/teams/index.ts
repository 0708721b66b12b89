// The Teams channel: a teams-ai Application (routes only: no AI, no planner, no state storage) on a
// TeamsAdapter that serves POST /api/messages, and a sender for proactive messages.
// Transport and translation only: every decision is the core's. This folder is the only place
// that imports botbuilder or teams-ai.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Card } from '../../../cards/model.ts';
import type { Turn } from '../../domain/turn.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Logger } from '../../log.ts';
import type { ChannelSender } from '../../ports/channel.ts';
import type { Core } from '../../ports/core.ts';
import { isAllowed, loggableId } from '../../security/allow-list.ts';
import { cardActivity, installTurn, invokeTurn, isLoopbackUrl, messageTurn, tenantOf } from './activity.ts';
import { type AuthFailure, type AuthOptions, IvaretaTeamsAdapter, onAuthFailure } from './adapter.ts';
import { type ActivityBody, adapterRequest, BufferedResponse, readJsonBody, writeJson } from './http.ts';
import { parseTeamsActivity, type TeamsActivity } from './inbound-schema.ts';
import { createTeamsSender, statusOf } from './sender.ts';

export interface TeamsChannelOptions {
  core: Core;
  /** MicrosoftAppId. Unset: local mode, requests are not authenticated and no tokens are fetched. */
  appId?: string;
  appPassword?: string;
  /** Set for a single-tenant bot registration. */
  appTenantId?: string;
  log: Logger;
  /**
   * Whether the auth-less local mode may run when no appId is set (default true). The server should
   * pass false when any other platform credential is set: then, without an appId, every request
   * is refused (401) instead of being accepted unauthenticated.
   */
  allowAuthless?: boolean;
  /** Extra botbuilder authentication settings (e.g. OpenID metadata URL and issuer in tests). */
  authOverrides?: Partial<AuthOptions>;
  /** Tenant ids served (org config `security.allowedTenants`); empty or unset: every tenant. */
  allowedTenants?: readonly string[];
}

export interface TeamsChannel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  sender: ChannelSender;
  /** True when requests are accepted without authentication (no appId: local mode). */
  authless: boolean;
}

/** Per-request facts reported back to `handle` before it writes the response. */
interface RequestState {
  /** The activity as parsed once, after authentication; the routes translate this, not the raw one. */
  activity?: TeamsActivity;
  authFailure?: AuthFailure;
  badActivity?: string;
  turnFailed?: boolean;
  /** The tenant is not on the allow-list: answered 403, nothing processed. */
  tenantRefused?: boolean;
}
const REQUEST_STATE = Symbol('ivareta.teams.request');

export function createTeamsChannel(opts: TeamsChannelOptions): TeamsChannel {
  const log = opts.log.child({ component: 'teams' });
  const appId = opts.appId || undefined;
  const authless = !appId;
  const refuseAll = authless && opts.allowAuthless === false;
  if (refuseAll) {
    log.warn({ event: 'teams.disabled' }, 'Teams endpoint refuses all requests: MicrosoftAppId is not set');
  } else if (authless) {
    log.warn({ event: 'teams.authless' }, 'Teams endpoint runs without authentication (local mode)');
  }

  const adapter = new IvaretaTeamsAdapter(
    {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: opts.appPassword || undefined,
      MicrosoftAppTenantId: opts.appTenantId || undefined,
      MicrosoftAppType: opts.appTenantId ? 'SingleTenant' : 'MultiTenant',
      ...opts.authOverrides,
    },
    appId,
  );
  const app = new Application({
    adapter,
    botAppId: appId,
    // Mentions are removed when the turn is built; typing timers are per-app in teams-ai 1.x (not
    // safe with concurrent turns) and replies come within the request anyway.
    removeRecipientMention: false,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.activity(ActivityTypes.Message, async (context) => runTurn(context, messageTurn(parsed(context))));
  app.conversationUpdate('membersAdded', async (context) => {
    const turn = installTurn(parsed(context));
    if (turn) await runTurn(context, turn);
  });
  app.addRoute(
    async (context) =>
      context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      const turn = invokeTurn(parsed(context));
      if (turn) await runTurn(context, turn);
      // Action.Execute wants an invoke response; the answer itself was sent as messages.
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' },
        },
      });
    },
    true,
  );
  app.error(async (context, err) => {
    log.error(
      { event: 'teams.turn.error', type: context.activity.type, err: err.name, status: statusOf(err) },
      'teams turn failed',
    );
    const state = context.turnState.get(REQUEST_STATE) as RequestState | undefined;
    if (!state) throw err;
    state.turnFailed = true; // answered 500 by `handle`, without the error text
  });

  async function runTurn(context: TurnContext, turn: Turn): Promise<void> {
    const activity = parsed(context);
    const started = performance.now();
    if (activity.id && !(await firstDelivery(`teams:${activity.conversation.id}:${activity.id}`))) {
      log.info({ event: 'teams.duplicate', activityId: activity.id }, 'duplicate activity ignored');
      return;
    }
    let cards: Card[];
    try {
      cards = (await opts.core.handleTurn(turn)).cards;
    } catch (e) {
      log.error({ event: 'teams.core.error', err: (e as Error).name }, 'core failed on a teams turn');
      const locale = await opts.core.localeFor(turn.user, turn.platformLocale).catch((): Locale => 'en');
      await context.sendActivity({ type: 'message', text: opts.core.t(locale, 'error.tryAgain') });
      return;
    }
    if (cards.length > 0) await context.sendActivities(cards.map(cardActivity));
    log.debug({ event: 'teams.turn', cards: cards.length, ms: Math.round(performance.now() - started) }, 'turn');
  }

  async function firstDelivery(key: string): Promise<boolean> {
    // A store that cannot answer should not drop the message: the core will report its own failure.
    return opts.core.firstDelivery(key).catch(() => true);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    if (refuseAll) {
      req.resume();
      return writeJson(res, 401, { error: 'unauthorized' });
    }
    const read = await readJsonBody(req);
    if (!read.ok) {
      log.info({ event: 'teams.request.rejected', status: read.status, reason: read.error }, 'teams request rejected');
      return writeJson(res, read.status, { error: read.error }, read.status === 413 ? { connection: 'close' } : {});
    }
    const body = read.body;
    const state: RequestState = {};
    const logic = async (context: TurnContext): Promise<void> => {
      const read = parseTeamsActivity(context.activity);
      if (!read.ok) {
        state.badActivity = read.problem;
        return;
      }
      const activity = read.activity;
      if (authless && !isLoopbackUrl(activity.serviceUrl)) {
        // Unauthenticated requests must not make this server call arbitrary hosts.
        state.badActivity = 'serviceUrl must be a loopback address in local mode';
        return;
      }
      const tenantId = tenantOf(activity);
      if (!isAllowed(opts.allowedTenants, tenantId)) {
        state.tenantRefused = true;
        log.warn({ event: 'teams.tenant.refused', tenantId: loggableId(tenantId) }, 'tenant not allowed');
        return;
      }
      state.activity = activity;
      context.turnState.set(REQUEST_STATE, state);
      await app.run(context);
    };
    onAuthFailure(logic, (failure) => {
      state.authFailure = failure;
    });

    const out = new BufferedResponse(req.socket);
    try {
      await adapter.process(adapterRequest(req, body), out, logic);
    } catch (e) {
      log.warn({ event: 'teams.request.unprocessable', err: (e as Error).name }, 'teams request not processed');
      return writeJson(res, 400, { error: 'unprocessable activity' });
    }
    const status = finalStatus(out.statusCode, state);
    log.info(
      {
        event: 'teams.request',
        type: activityType(body),
        status,
        auth: state.authFailure?.kind,
        failed: state.turnFailed,
        reason: state.badActivity,
        ms: Math.round(performance.now() - started),
      },
      'teams request',
    );
    if (status === 401) return writeJson(res, 401, { error: 'unauthorized' });
    if (status === 403) return writeJson(res, 403, { error: 'forbidden' });
    if (status === 400 && state.badActivity) return writeJson(res, 400, { error: state.badActivity });
    if (status >= 500) return writeJson(res, status, { error: 'internal error' });
    // 2xx: an invoke response body (object) or nothing.
    const payload = typeof out.body === 'object' && out.body !== null ? out.body : undefined;
    return writeJson(res, status, payload);
  }

  return {
    handle,
    sender: createTeamsSender({
      connector: (serviceUrl) => adapter.connector(serviceUrl),
      appId,
      appTenantId: opts.appTenantId || undefined,
      log,
    }),
    authless: authless && !refuseAll,
  };
}

/** The activity type for logs: a short word, never free text from the request. */
function activityType(body: ActivityBody): string {
  return /^[A-Za-z]{1,32}$/.test(body.type) ? body.type : 'other';
}

/** The activity parsed for this request: set before any route runs. */
function parsed(context: TurnContext): TeamsActivity {
  const activity = (context.turnState.get(REQUEST_STATE) as RequestState | undefined)?.activity;
  if (!activity) throw new Error('teams route ran without a parsed activity');
  return activity;
}

function finalStatus(adapterStatus: number, state: RequestState): number {
  if (state.authFailure && state.authFailure.kind !== 'unavailable') return 401;
  if (state.authFailure) return 503; // could not fetch signing keys: not the caller's fault, try again
  if (state.badActivity) return 400;
  if (state.tenantRefused) return 403;
  if (state.turnFailed) return 500;
  return adapterStatus;
}
