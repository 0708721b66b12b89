// Interactivity: buttons (block_actions) and modal submissions (view_submission).
// A button is acked at once and its turn runs after the response. When the answer is a form (a
// card with modal texts) and the click carries a trigger_id (it lives 3 s), the form opens as a
// modal at once; without one, a launcher message with a `dialog.open` button stands in. A submission is the one
// place the core runs before the ack: the answer decides whether the modal closes or stays open
// with errors (or with why nothing was saved: database down, rate limit), so it is guarded by a
// timeout that leaves the modal open with a "try again".
import type { App } from '@slack/bolt';
import { readSlackAction, readSlackViewState, toBlockKitModal, toSlackErrors } from '../../../cards/blockkit.ts';
import type { Principal, Reply, Turn } from '../../domain/turn.ts';
import type { Locale } from '../../i18n/locales.ts';
import { apologise } from './events.ts';
import {
  type Client,
  errorCode,
  isRecord,
  parseJsonObject,
  postCards,
  postText,
  type SlackDeps,
  str,
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
    await deps.track(onButton(deps, client, body as unknown as Record<string, unknown>, context.teamId));
  });

  app.view(/.*/, async ({ ack, body, client, context }) => {
    await onSubmit(deps, client, body as unknown as Record<string, unknown>, ack as Ack, context.teamId);
  });
}

function principalOf(body: Record<string, unknown>, contextTeam: string | undefined): Principal {
  const user = isRecord(body.user) ? body.user : {};
  const team = isRecord(body.team) ? body.team : {};
  return {
    channel: 'slack',
    userId: String(user.id),
    tenantId: str(user.team_id) ?? str(team.id) ?? contextTeam,
  };
}

async function onButton(deps: SlackDeps, client: Client, body: Record<string, unknown>, team?: string): Promise<void> {
  const { core, log } = deps;
  const action = (body.actions as Record<string, unknown>[])[0] as Record<string, unknown>;
  // Link buttons call back too; selects in messages are not used. Neither is a turn.
  if (action.type !== 'button' || isLinkButton(body, action)) return;
  // The neutral action id (a `#n` suffix for repeats removed) and the button's data; bad JSON is `{}`.
  const { actionId: id, values } = readSlackAction({
    action_id: String(action.action_id),
    value: typeof action.value === 'string' ? action.value : undefined,
  });
  const user = principalOf(body, team);
  const place = placeOf(body, user.userId);
  const started = performance.now();
  try {
    const triggerId = str(body.trigger_id);
    // With a trigger to honour, the profile lookup may not eat into its 3 s.
    const profile = await deps.profiles(client, user, triggerId ? 500 : undefined);
    const turn: Turn = {
      channel: 'slack',
      user: { ...user, displayName: profile.displayName },
      platformLocale: profile.platformLocale,
      timeZone: profile.timeZone,
      conversation: conversationOf(place, user.userId),
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
function isLinkButton(body: Record<string, unknown>, action: Record<string, unknown>): boolean {
  if (action.url !== undefined) return true;
  const surface = isRecord(body.message) ? body.message : isRecord(body.view) ? body.view : {};
  const blocks = Array.isArray(surface.blocks) ? surface.blocks : [];
  for (const block of blocks) {
    if (!isRecord(block) || block.block_id !== action.block_id) continue;
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    const el = elements.find((e) => isRecord(e) && e.action_id === action.action_id);
    if (isRecord(el) && typeof el.url === 'string') return true;
  }
  return false;
}

function placeOf(body: Record<string, unknown>, userId: string): Place {
  const channel = isRecord(body.channel) ? str(body.channel.id) : undefined;
  const container = isRecord(body.container) ? body.container : {};
  const message = isRecord(body.message) ? body.message : {};
  const view = isRecord(body.view) ? body.view : {};
  const meta = parseJsonObject(view.private_metadata);
  return {
    channel: channel ?? str(container.channel_id) ?? str(meta.channel) ?? userId,
    threadTs: str(container.thread_ts) ?? str(message.thread_ts) ?? str(meta.thread),
  };
}

async function onSubmit(
  deps: SlackDeps,
  client: Client,
  body: Record<string, unknown>,
  ack: Ack,
  team?: string,
): Promise<void> {
  const { core, log } = deps;
  const view = body.view as Record<string, unknown>;
  const formId = String(view.callback_id);
  const user = principalOf(body, team);
  const meta = parseJsonObject(view.private_metadata);
  const place: Place = { channel: str(meta.channel) ?? user.userId, threadTs: str(meta.thread) };
  const started = performance.now();
  // Started now so the fallback message is ready if the core is slow.
  const locale = core.localeFor(user).catch(() => null);

  // The submitting action's data first; what the user entered wins over it.
  let values: Record<string, unknown> = isRecord(meta.data)
    ? Object.fromEntries(Object.entries(meta.data).filter(([, v]) => typeof v === 'string'))
    : {};
  try {
    const state = isRecord(view.state) && isRecord(view.state.values) ? view.state.values : {};
    values = { ...values, ...readSlackViewState(state as Parameters<typeof readSlackViewState>[0]) };
  } catch (e) {
    log.warn({ event: 'slack.view.unreadable', form: formId, err: errorCode(e) }, 'view state unreadable');
  }
  const turn: Turn = {
    channel: 'slack',
    user,
    conversation: conversationOf(place, user.userId),
    action: { id: formId, values },
    submissionKey: typeof view.id === 'string' ? `slack:view:${view.id}` : undefined,
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
function modalErrors(reply: Reply, view: Record<string, unknown>): Record<string, string> {
  const errors = toSlackErrors(reply.formErrors ?? {});
  const block = reply.unsaved ? firstInputBlockId(view) : undefined;
  if (reply.unsaved && block) errors[block] = errors[block] ? `${reply.unsaved} ${errors[block]}` : reply.unsaved;
  return errors;
}

function tryAgainText(deps: SlackDeps, locale: Locale): string {
  try {
    return deps.core.t(locale, 'error.tryAgain');
  } catch {
    return 'Sorry, this could not be saved just now. Your answers are kept: please try again in a moment.';
  }
}

function firstInputBlockId(view: Record<string, unknown>): string | undefined {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const input = blocks.find(
    (b): b is Record<string, unknown> => isRecord(b) && b.type === 'input' && typeof b.block_id === 'string',
  );
  if (input) return input.block_id as string;
  const state = isRecord(view.state) && isRecord(view.state.values) ? Object.keys(view.state.values) : [];
  return state[0];
}
