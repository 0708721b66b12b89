// Interactivity: buttons (block_actions) and modal submissions (view_submission).
// A button is acked at once and its turn runs after the response. When the answer is a form (a
// card with modal texts) and the click carries a trigger_id (it lives 3 s), the form opens as a
// modal at once; without one, a launcher message with a `dialog.open` button stands in. A submission is the one
// place the core runs before the ack: the answer decides whether the modal closes or stays open
// with errors (or with why nothing was saved: database down, rate limit), so it is guarded by a
// timeout that leaves the modal open with a "try again".
import type { App } from '@slack/bolt';
import { readSlackAction, toBlockKitModal, toSlackErrors } from '../../../cards/blockkit.ts';
import { flattenState } from '../../../cards/submit-schema.ts';
import type { Principal, Reply, Turn } from '../../domain/turn.ts';
import type { Locale } from '../../i18n/locales.ts';
import { apologise } from './events.ts';
import type { BlockActions, ViewSubmission } from './inbound-schema.ts';
import {
  appDmUrl,
  type Client,
  errorCode,
  payloadOf,
  postCards,
  postText,
  type SlackDeps,
  TIMEOUT,
  withTimeout,
} from './shared.ts';

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** Where answers to an interaction go: its channel, the modal's origin, or the user's DM. */
interface Place {
  channel: string;
  threadTs?: string;
}

function conversationOf(place: Place, userId: string): Turn['conversation'] {
  return place.channel.startsWith('D') || place.channel === userId ? 'personal' : 'channel';
}

export function registerInteractivity(app: App, deps: SlackDeps): void {
  app.action(/.*/, async ({ ack, body, client, context }) => {
    await ack();
    const payload = payloadOf(context, body);
    if (payload?.type === 'block_actions') await deps.track(onButton(deps, client, payload, context.teamId));
  });

  app.view(/.*/, async ({ ack, body, client, context }) => {
    const payload = payloadOf(context, body);
    if (payload?.type === 'view_submission') await onSubmit(deps, client, payload, ack as Ack, context.teamId);
    else await ack();
  });
}

function principalOf(body: BlockActions | ViewSubmission, contextTeam: string | undefined): Principal {
  return { channel: 'slack', userId: body.user.id, tenantId: body.user.team_id ?? body.team?.id ?? contextTeam };
}

async function onButton(deps: SlackDeps, client: Client, body: BlockActions, team?: string): Promise<void> {
  const { core, log } = deps;
  const [action] = body.actions;
  // Link buttons call back too; selects in messages are not used. Neither is a turn.
  if (action.type !== 'button' || isLinkButton(body, action)) return;
  // The neutral action id (a `#n` suffix for repeats removed) and the button's data; bad JSON is `{}`.
  const { actionId: id, values } = readSlackAction(action);
  const user = principalOf(body, team);
  const place = placeOf(body, user.userId);
  const started = performance.now();
  try {
    const triggerId = body.trigger_id;
    // With a trigger to honour, the profile lookup may not eat into its 3 s.
    const profile = await deps.profiles(client, user, triggerId ? 500 : undefined);
    const turn: Turn = {
      channel: 'slack',
      user: { ...user, displayName: profile.displayName },
      platformLocale: profile.platformLocale,
      timeZone: profile.timeZone,
      conversation: conversationOf(place, user.userId),
      privateChatUrl: appDmUrl(body.api_app_id, user.tenantId),
      action: { id, values },
    };
    const reply = await core.handleTurn(turn);
    const modal = triggerId ? reply.cards.find((c) => c.modal) : undefined;
    if (modal && triggerId) {
      // The modal's submit comes back as the card's submitting action, with that action's data
      // (e.g. which incident and step) carried in the view's private metadata.
      const submit = modal.body.flatMap((b) => (b.kind === 'actions' ? b.actions : [])).find((a) => a.submit);
      const meta = JSON.stringify({
        channel: place.channel,
        ...(place.threadTs ? { thread: place.threadTs } : {}),
        ...(submit?.data ? { data: submit.data } : {}),
      });
      const view = toBlockKitModal(modal, {
        callbackId: submit?.id ?? modal.id,
        privateMetadata: meta,
        timeZone: profile.zone,
      });
      await client.views.open({ trigger_id: triggerId, view: view as Parameters<Client['views']['open']>[0]['view'] });
      const rest = reply.cards.filter((c) => c !== modal);
      if (rest.length > 0) await postCards(client, place.channel, rest, place.threadTs);
    } else {
      await postCards(client, place.channel, reply.cards, place.threadTs);
    }
    log.info(
      { event: 'slack.action', action: id, ms: Math.round(performance.now() - started) },
      'slack action answered',
    );
  } catch (e) {
    log.error({ event: 'slack.action.failed', action: id, err: errorCode(e) }, 'slack action failed');
    await apologise(deps, client, { channel: 'slack', userId: user.userId }, place.channel, place.threadTs);
  }
}

/** A url button: Slack's payload may omit the url, so the pressed element is also looked up in the message. */
function isLinkButton(body: BlockActions, action: BlockActions['actions'][0]): boolean {
  if (action.url !== undefined) return true;
  for (const block of (body.message ?? body.view)?.blocks ?? []) {
    if (!block || block.block_id !== action.block_id) continue;
    const el = [...block.elements, block.accessory].find((e) => e?.action_id === action.action_id);
    if (el?.url !== undefined) return true;
  }
  return false;
}

function placeOf(body: BlockActions, userId: string): Place {
  const meta = body.view?.private_metadata;
  return {
    channel: body.channel?.id ?? body.container?.channel_id ?? meta?.channel ?? userId,
    threadTs: body.container?.thread_ts ?? body.message?.thread_ts ?? meta?.thread,
  };
}

async function onSubmit(deps: SlackDeps, client: Client, body: ViewSubmission, ack: Ack, team?: string): Promise<void> {
  const { core, log } = deps;
  const { view } = body;
  const formId = view.callback_id;
  const user = principalOf(body, team);
  const meta = view.private_metadata;
  const place: Place = { channel: meta.channel ?? user.userId, threadTs: meta.thread };
  const started = performance.now();
  // Started now so the fallback message is ready if the core is slow.
  const locale = core.localeFor(user).catch(() => null);

  // The submitting action's data first; what the user entered wins over it.
  const state = view.state?.values;
  if (state === null) log.warn({ event: 'slack.view.unreadable', form: formId }, 'view state unreadable');
  const values = { ...meta.data, ...(state ? flattenState(state) : {}) };
  const turn: Turn = {
    channel: 'slack',
    user,
    conversation: conversationOf(place, user.userId),
    action: { id: formId, values },
    submissionKey: view.id ? `slack:view:${view.id}` : undefined,
  };
  const work = core.handleTurn(turn);
  const outcome = await withTimeout(
    work.then(
      (reply) => ({ reply }),
      (e: unknown) => ({ error: e }),
    ),
    deps.submitTimeoutMs,
  );
  const ms = Math.round(performance.now() - started);

  if (outcome !== TIMEOUT && 'reply' in outcome) {
    const { reply } = outcome;
    const errors = modalErrors(reply, view);
    if (Object.keys(errors).length > 0) {
      // The modal stays open with what the user typed; only the errors (or why nothing was saved) are shown.
      await ack({ response_action: 'errors', errors });
      const fields = Object.keys(reply.formErrors ?? {});
      log.info({ event: 'slack.view.errors', form: formId, fields, unsaved: !!reply.unsaved, ms }, 'form refused');
      return;
    }
    await ack();
    log.info({ event: 'slack.view.saved', form: formId, ms }, 'form accepted');
    await deps.track(postCards(client, place.channel, reply.cards, place.threadTs));
    return;
  }

  // The core failed or is too slow: keep the modal open and ask the user to try again.
  const timedOut = outcome === TIMEOUT;
  log.error(
    { event: 'slack.view.failed', form: formId, timedOut, err: timedOut ? 'timeout' : errorCode(outcome.error), ms },
    'form could not be handled',
  );
  const lang = (await withTimeout(locale, 150)) ?? null;
  const text = tryAgainText(deps, lang === TIMEOUT || lang === null ? 'en' : lang);
  const block = firstInputBlockId(view);
  if (block) {
    await ack({ response_action: 'errors', errors: { [block]: text } });
  } else {
    await ack();
    await deps.track(postText(client, place.channel, text, place.threadTs));
  }
  if (timedOut) {
    // If the slow save did land, say so rather than leave the user guessing.
    void deps.track(
      work.then(async (reply) => {
        if (reply.unsaved || (reply.formErrors && Object.keys(reply.formErrors).length > 0)) return;
        log.warn({ event: 'slack.view.lateSave', form: formId }, 'form saved after the modal was answered');
        await postCards(client, place.channel, reply.cards, place.threadTs);
      }),
    );
  }
}

/** Per block: the form's own errors, and on the first input why nothing was saved, if it was not. */
function modalErrors(reply: Reply, view: ViewSubmission['view']): Record<string, string> {
  const errors = toSlackErrors(reply.formErrors ?? {});
  const block = reply.unsaved ? firstInputBlockId(view) : undefined;
  if (reply.unsaved && block) errors[block] = errors[block] ? `${reply.unsaved} ${errors[block]}` : reply.unsaved;
  return errors;
}

function tryAgainText(deps: SlackDeps, locale: Locale): string {
  // t() throws only for a key no catalogue has; the i18n test holds this one to all four.
  return deps.core.t(locale, 'error.tryAgain');
}

function firstInputBlockId(view: ViewSubmission['view']): string | undefined {
  const input = view.blocks.find((b) => b?.type === 'input' && b.block_id);
  return input?.block_id ?? Object.keys(view.state?.values ?? {})[0];
}
