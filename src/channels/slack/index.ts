// The Slack channel: a Bolt App on an HTTPReceiver whose requestListener our own Node server calls
// for POST /slack/events (events and interactivity), and a sender for proactive DMs.
// Transport and translation only: every decision is the core's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import type { ChannelSender } from '../../ports/channel.ts';
import type { Core } from '../../ports/core.ts';
import { registerEvents } from './events.ts';
import { BodyTooLarge, bufferBody, classify, fromTheFuture, normaliseContentType, reply, verified } from './http.ts';
import { botUserIdOf, type SlackPayload } from './inbound-schema.ts';
import { registerInteractivity } from './interactivity.ts';
import { createSlackSender } from './sender.ts';
import { boltLogger, createTracker, PAYLOAD, profileLookup } from './shared.ts';
import { workspaceGuard } from './workspaces.ts';

export interface SlackChannelOptions {
  core: Core;
  /** SLACK_SIGNING_SECRET. Unset: local mode, unsigned requests are accepted (with a warning). */
  signingSecret?: string;
  /** SLACK_BOT_TOKEN (xoxb-…), used for every Web API call; no auth.test at start. */
  botToken?: string;
  /** SLACK_API_URL: the Web API base, pointed at a fake in tests. */
  apiUrl?: string;
  log: Logger;
  /** How long a modal submission waits for the core before answering "try again" (default 2.5 s). */
  submitTimeoutMs?: number;
  /** How long a users.info lookup may take before the turn goes on without it (default 1.5 s). */
  profileTimeoutMs?: number;
  /** Slack team (or enterprise) ids served (org config `security.allowedWorkspaces`); empty or unset: all. */
  allowedWorkspaces?: readonly string[];
}

export interface SlackChannel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  sender: ChannelSender;
  /** Resolves when the work started by acknowledged requests has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export function createSlackChannel(opts: SlackChannelOptions): SlackChannel {
  const log = opts.log.child({ component: 'slack' });
  const signingSecret = opts.signingSecret || undefined;
  if (!signingSecret) {
    log.warn(
      { event: 'slack.unsigned' },
      'SLACK_SIGNING_SECRET is not set: Slack requests are NOT verified (local mode)',
    );
  }
  const logger = boltLogger(log);
  const slackApiUrl = opts.apiUrl ? (opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`) : undefined;
  const clientOptions: webApi.WebClientOptions = {
    logger,
    timeout: 10_000,
    // Answers to a person can wait a little for a short hiccup, not for half an hour (the default).
    retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2_000 },
    ...(slackApiUrl ? { slackApiUrl } : {}),
  };

  // The payload parsed at the front door, handed to the listeners through Bolt's context.
  const payloads = new WeakMap<IncomingMessage, SlackPayload>();
  const receiver = new HTTPReceiver({
    signingSecret: signingSecret ?? '',
    signatureVerification: Boolean(signingSecret),
    endpoints: '/slack/events',
    // Ack first: Bolt writes the HTTP response when ack() is called, listeners go on afterwards.
    processBeforeResponse: false,
    logger,
    customPropertiesExtractor: (req) => ({ [PAYLOAD]: payloads.get(req) }),
    processEventErrorHandler: async ({ error, response }) => {
      const code = (error as { code?: string }).code;
      if (response.headersSent) {
        log.error({ event: 'slack.listener.error', code }, 'slack listener failed after ack');
        return false;
      }
      // Our listeners catch their own failures, so what is left is a payload Bolt could not take.
      log.warn({ event: 'slack.payload.rejected', code }, 'slack payload rejected');
      response.writeHead(code === 'slack_bolt_authorization_error' ? 401 : 400);
      response.end();
      return true;
    },
    unhandledRequestHandler: ({ response }) => {
      log.error({ event: 'slack.unacked' }, 'a slack request was not acknowledged in time');
      if (!response.headersSent) {
        response.writeHead(200);
        response.end();
      }
    },
  });

  const app = new App({
    receiver,
    logger,
    clientOptions,
    convoStore: false, // state lives in the store, not in memory
    // One workspace, one configured token; the bot's own user id comes with each event, so no auth.test.
    authorize: async (source, body) => ({
      botToken: opts.botToken,
      botUserId: botUserIdOf(body),
      teamId: source.teamId,
    }),
  });

  const tracker = createTracker(log);
  const deps = {
    core: opts.core,
    log,
    track: tracker.track,
    profiles: profileLookup(opts.core, log, { timeoutMs: opts.profileTimeoutMs }),
    submitTimeoutMs: opts.submitTimeoutMs ?? 2_500,
  };
  app.use(workspaceGuard(opts.allowedWorkspaces, log));
  registerEvents(app, deps);
  registerInteractivity(app, deps);

  // Proactive sends never retry inside the client: a 429 or an outage goes back to the dispatcher.
  const sendClient = new webApi.WebClient(opts.botToken, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: Buffer;
    try {
      raw = await bufferBody(req);
    } catch (e) {
      return reply(res, e instanceof BodyTooLarge ? 413 : 400);
    }
    if (signingSecret && fromTheFuture(req)) return reply(res, 401);
    normaliseContentType(req);
    const read = classify(raw, req.headers['content-type']);
    if (read.verdict !== 'bolt') {
      if (!(await verified(req, signingSecret))) return reply(res, 401);
      log.info(
        { event: read.verdict === 'bad' ? 'slack.payload.malformed' : 'slack.payload.ignored' },
        'slack payload not handled',
      );
      // Malformed: 400. Well-formed but not ours (view_closed, app_rate_limited…): 200 so Slack does not retry.
      return reply(res, read.verdict === 'bad' ? 400 : 200);
    }
    if (read.payload) payloads.set(req, read.payload);
    try {
      receiver.requestListener(req, res);
    } catch (e) {
      log.warn({ event: 'slack.request.unrouted', err: (e as Error).name }, 'slack request not routed');
      reply(res, 404);
    }
  }

  return { handle, sender: createSlackSender(sendClient, log), idle: tracker.idle };
}
