// The channel-neutral core: routes a Turn to a use case and answers with cards.
// Routes are {match, handle} pairs, checked in order (as in teams-ai's router).
import { z } from 'zod';
import { languageCard, languageSetCard, menuCard } from '../../dialogs/menu.ts';
import { privateOnlyCard, sharedMenuCard } from '../../dialogs/shared-cards.ts';
import type { Principal, Reply, Turn } from '../domain/turn.ts';
import type { MessageValues } from '../i18n/i18n.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Core } from '../ports/core.ts';
import type { UserRecord } from '../ports/store.ts';
import { isStoreUnavailable, storeErrorCode } from '../ports/store-errors.ts';
import { checkApologyDraft, showApologyChecker } from './apology.ts';
import { askHowTo, askQuestion, recordFeedback, showPassage } from './ask.ts';
import { closeCase, listTeamIncidents, reopenCase, showCloseForm, viewCase } from './case.ts';
import { answerScore, answerTalk, skipCheckin, snoozeCheckin, stopCheckins } from './checkins.ts';
import { type AppDeps, type TurnContext, translator } from './context.ts';
import {
  answerHandover,
  markDone,
  showHandoverForm,
  showNotRelevantForm,
  snoozeReminder,
  submitHandover,
  submitNotRelevant,
} from './deadline-actions.ts';
import { DeliveryLog } from './delivery-log.ts';
import { acknowledge, listDeadlines } from './escalation.ts';
import { type SweepResult, sweepFollowups } from './followup-sweep.ts';
import { listMyIncidents } from './incidents.ts';
import { type Intent, recogniseIntent } from './intents.ts';
import { isFormSubmit, type KeptContext, keptFormReply, type UnsavedReason } from './kept-forms.ts';
import {
  listMyCheckins,
  saveWorkHours,
  setConsent,
  showCancelForm,
  showMoveForm,
  showWorkHours,
  stopAllCheckins,
  submitCancel,
  submitMove,
} from './my-checkins.ts';
import { answerPeerRequest } from './peer-support.ts';
import { localeOf } from './people.ts';
import { TurnRateLimiter } from './rate-limit.ts';
import { showRegistrationForm, submitRegistration } from './register-incident.ts';
import { RetentionJob } from './retention.ts';
import { actionAllowedInShared, intentAllowedInShared } from './shared-conversation.ts';
import { openStep, saveStep } from './steps.ts';
import { UserCache } from './user-cache.ts';

type Handler = (ctx: TurnContext, values: Record<string, unknown>) => Promise<Reply>;

const localeChoice = z.object({ locale: z.enum(['nb', 'sv', 'da', 'en']) });
const dialogRef = z.object({ card: z.string() });
const passageRef = z.object({ passageId: z.string().max(200) });
const feedback = passageRef.extend({ helpful: z.enum(['yes', 'no']) });

const shared = (ctx: TurnContext): boolean => ctx.turn.conversation !== 'personal';

const menu = async (ctx: TurnContext): Promise<Reply> => ({
  cards: [shared(ctx) ? sharedMenuCard(ctx.t, { privateChatUrl: ctx.turn.privateChatUrl }) : menuCard(ctx.t)],
});

/** Card actions by id. Values are untrusted: each handler validates what it reads. */
export const actions: Record<string, Handler> = {
  menu,
  'incident.new': (ctx) => showRegistrationForm(ctx),
  // Slack's modal launcher: render the form again so Slack can open it in a modal.
  'dialog.open': async (ctx, values) => {
    const ref = dialogRef.safeParse(values);
    const card = ref.success ? ref.data.card : '';
    if (card === 'incident.register') return showRegistrationForm(ctx);
    if (card.startsWith('step.')) return openStep(ctx, values);
    if (card === 'case.close') return showCloseForm(ctx, values);
    if (card === 'apology.check') return showApologyChecker(ctx, values);
    if (card === 'checkins.move') return showMoveForm(ctx);
    if (card === 'checkins.cancel') return showCancelForm(ctx);
    if (card === 'workhours') return showWorkHours(ctx);
    if (card === 'deadline.handover') return showHandoverForm(ctx, values);
    if (card === 'deadline.notRelevant') return showNotRelevantForm(ctx, values);
    return notUnderstood(ctx);
  },
  'incident.register': (ctx, values) => submitRegistration(ctx, values),
  'incident.mine': (ctx) => listMyIncidents(ctx),
  'incident.view': (ctx, values) => viewCase(ctx, values),
  'incident.team': (ctx) => listTeamIncidents(ctx),
  'step.open': (ctx, values) => openStep(ctx, values),
  'step.save': (ctx, values) => saveStep(ctx, values),
  'case.close': (ctx, values) => showCloseForm(ctx, values),
  'case.closeConfirm': (ctx, values) => closeCase(ctx, values),
  'case.reopen': (ctx, values) => reopenCase(ctx, values),
  'peer.accept': (ctx, values) => answerPeerRequest(ctx, values, 'accepted'),
  'peer.decline': (ctx, values) => answerPeerRequest(ctx, values, 'declined'),
  'apology.check': (ctx, values) => showApologyChecker(ctx, values),
  'apology.checkAgain': (ctx, values) => showApologyChecker(ctx, values),
  'apology.checkDraft': (ctx, values) => checkApologyDraft(ctx, values),
  'checkin.answer': (ctx, values) => answerScore(ctx, values),
  'checkin.talk': (ctx, values) => answerTalk(ctx, values),
  'checkin.snooze': (ctx, values) => snoozeCheckin(ctx, values),
  'checkin.skip': (ctx, values) => skipCheckin(ctx, values),
  'checkin.stop': (ctx, values) => stopCheckins(ctx, values),
  'checkins.mine': (ctx) => listMyCheckins(ctx),
  'checkins.moveForm': (ctx) => showMoveForm(ctx),
  'checkins.move': (ctx, values) => submitMove(ctx, values),
  'checkins.cancelForm': (ctx) => showCancelForm(ctx),
  'checkins.cancel': (ctx, values) => submitCancel(ctx, values),
  'checkins.stopAll': (ctx) => stopAllCheckins(ctx),
  'plan.consent': (ctx, values) => setConsent(ctx, values),
  'deadline.done': (ctx, values) => markDone(ctx, values),
  'deadline.notRelevantForm': (ctx, values) => showNotRelevantForm(ctx, values),
  'deadline.notRelevant': (ctx, values) => submitNotRelevant(ctx, values),
  'deadline.snooze': (ctx, values) => snoozeReminder(ctx, values),
  'deadline.handoverForm': (ctx, values) => showHandoverForm(ctx, values),
  'deadline.handover': (ctx, values) => submitHandover(ctx, values),
  'deadline.handoverAccept': (ctx, values) => answerHandover(ctx, values, 'accepted'),
  'deadline.handoverDecline': (ctx, values) => answerHandover(ctx, values, 'declined'),
  'escalation.ack': (ctx, values) => acknowledge(ctx, values),
  'deadlines.mine': (ctx) => listDeadlines(ctx),
  'workhours.form': (ctx) => showWorkHours(ctx),
  'workhours.save': (ctx, values) => saveWorkHours(ctx, values),
  'language.choose': async (ctx) => ({ cards: [languageCard(ctx.t)] }),
  'qa.ask': async (ctx) => askHowTo(ctx),
  'qa.show': async (ctx, values) => {
    const ref = passageRef.safeParse(values);
    return ref.success ? showPassage(ctx, ref.data.passageId) : notUnderstood(ctx);
  },
  'qa.feedback': async (ctx, values) => {
    const vote = feedback.safeParse(values);
    return vote.success ? recordFeedback(ctx, vote.data.passageId, vote.data.helpful === 'yes') : notUnderstood(ctx);
  },
  'language.set': async (ctx, values) => {
    const choice = localeChoice.safeParse(values);
    return choice.success ? setLanguage(ctx, choice.data.locale) : notUnderstood(ctx);
  },
};

const intents: { [K in Intent['kind']]: (ctx: TurnContext, intent: Extract<Intent, { kind: K }>) => Promise<Reply> } = {
  help: menu,
  newIncident: (ctx) => showRegistrationForm(ctx),
  myIncidents: (ctx) => listMyIncidents(ctx),
  teamIncidents: (ctx) => listTeamIncidents(ctx),
  myCheckins: (ctx) => listMyCheckins(ctx),
  workHours: (ctx) => showWorkHours(ctx),
  deadlines: (ctx) => listDeadlines(ctx),
  language: async (ctx, intent) => (intent.locale ? setLanguage(ctx, intent.locale) : { cards: [languageCard(ctx.t)] }),
};

async function notUnderstood(ctx: TurnContext): Promise<Reply> {
  const card = shared(ctx)
    ? sharedMenuCard(ctx.t, { unknownText: true, privateChatUrl: ctx.turn.privateChatUrl })
    : menuCard(ctx.t, { unknownText: true });
  return { cards: [card] };
}

/** Asked in a shared conversation for something only a 1:1 chat may show: nothing is run. */
async function privateOnly(ctx: TurnContext): Promise<Reply> {
  return { cards: [privateOnlyCard(ctx.t, ctx.turn.privateChatUrl)] };
}

async function setLanguage(ctx: TurnContext, locale: Locale): Promise<Reply> {
  await ctx.users.setLocalePref(ctx.user.channel, ctx.user.userId, locale);
  return { cards: [languageSetCard(translator(ctx.deps.i18n, locale))] };
}

export class IvaretaCore implements Core {
  private readonly users: UserCache;
  private readonly deliveries: DeliveryLog;
  private readonly retention: RetentionJob;
  private readonly limiter: TurnRateLimiter;

  constructor(private readonly deps: AppDeps) {
    this.users = new UserCache(deps.store, deps.clock);
    this.limiter = new TurnRateLimiter(deps);
    this.deliveries = new DeliveryLog(deps.store, deps.clock, deps.log);
    this.retention = new RetentionJob(deps);
  }

  /** Loads what the core keeps in memory; turns are served meanwhile, only more slowly. */
  start(): Promise<void> {
    return this.deliveries.load().catch((err) => {
      this.deps.log.warn({ event: 'deliveries.load_failed', err: String(err) }, 'deliveries');
    });
  }

  /** The dispatcher's sweep before it claims: late check-ins re-planned, weekly summaries enqueued, retention. */
  sweep(): Promise<SweepResult> {
    // Retention (at most hourly, never throws) after the follow-ups, whose result the caller reads.
    return sweepFollowups(this.deps).finally(() => this.retention.maybeRun());
  }

  /** Writes what is still held in memory; call before the store closes. */
  close(): Promise<void> {
    return this.deliveries.flush();
  }

  async handleTurn(turn: Turn): Promise<Reply> {
    if (!this.limiter.allow(turn)) {
      const locale = await this.localeFor(turn.user, turn.platformLocale);
      return this.keep(turn, 'rateLimited', locale) ?? this.limiter.refusal(locale);
    }
    try {
      return await this.route(turn);
    } catch (e) {
      if (!isStoreUnavailable(e)) throw e;
      // The form back with the answers; any other turn fails as before (the channel says "try again").
      const kept = this.keep(turn, 'outage', this.cachedLocale(turn));
      const form = turn.action && isFormSubmit(turn.action.id) ? turn.action.id : undefined;
      this.deps.log.warn(
        { event: 'turn.store_unavailable', channel: turn.channel, form, kept: kept !== null, err: storeErrorCode(e) },
        'database unreachable',
      );
      if (!kept) throw e;
      return kept;
    }
  }

  private async route(turn: Turn): Promise<Reply> {
    const started = performance.now();
    const { log } = this.deps;
    const user = await this.users.fromTurn(turn);
    const ctx = this.context(turn, user);
    let route = 'text';
    let reply: Reply;
    if (turn.action) {
      route = turn.action.id;
      const handler = Object.hasOwn(actions, route) ? actions[route] : undefined;
      if (!handler) reply = await notUnderstood(ctx);
      else if (shared(ctx) && !actionAllowedInShared(route)) reply = await privateOnly(ctx);
      else reply = await handler(ctx, turn.action.values);
    } else {
      const intent = recogniseIntent(turn.text ?? '');
      route = intent?.kind ?? 'unknown';
      const text = turn.text?.trim() ?? '';
      if (intent && shared(ctx) && !intentAllowedInShared(intent.kind)) reply = await privateOnly(ctx);
      else if (intent) reply = await intents[intent.kind](ctx, intent as never);
      else if (text && this.deps.content) {
        route = 'question';
        reply = await askQuestion(ctx, text);
      } else reply = await notUnderstood(ctx);
    }
    log.info({ event: 'turn', channel: turn.channel, route, ms: Math.round(performance.now() - started) }, 'turn');
    return reply;
  }

  private context(turn: Turn, user: UserRecord): TurnContext {
    const locale = localeOf(user, this.deps.config.defaultLocale);
    const timeZone = user.timeZone ?? this.deps.config.timeZone;
    return {
      turn,
      user,
      locale,
      timeZone,
      t: translator(this.deps.i18n, locale),
      formatDate: (d) => this.deps.i18n.dateTime(locale, d, timeZone),
      deps: this.deps,
      users: this.users,
    };
  }

  /** A submit's form with its answers, drawn without the store; null for a turn that is no submit. */
  private keep(turn: Turn, reason: UnsavedReason, locale: Locale): Reply | null {
    // No form is ever shown in a shared conversation, so none is handed back there either.
    if (!turn.action || turn.conversation !== 'personal') return null;
    const { config, clock, i18n, store } = this.deps;
    const cached = this.users.peek(turn.channel, turn.user.userId);
    const k: KeptContext = {
      t: translator(i18n, locale),
      timeZone: turn.timeZone ?? cached?.timeZone ?? config.timeZone,
      now: clock.now(),
      channel: turn.channel,
      userId: turn.user.userId,
      tenantId: turn.user.tenantId ?? cached?.tenantId ?? null,
      memory: store,
      nameOf: (id) => this.users.peek(turn.channel, id)?.displayName ?? undefined,
    };
    return keptFormReply(k, turn.action.id, turn.action.values, reason);
  }

  /** The user's language from memory only (as localeFor orders it): the store is not to be asked. */
  private cachedLocale(turn: Turn): Locale {
    const user = this.users.peek(turn.channel, turn.user.userId);
    return (
      matchLocale(user?.localePref) ??
      matchLocale(turn.platformLocale) ??
      localeOf(user, this.deps.config.defaultLocale)
    );
  }

  knownUser(p: Pick<Principal, 'channel' | 'userId'>): Promise<UserRecord | null> {
    return this.users.get(p.channel, p.userId);
  }

  async localeFor(p: Pick<Principal, 'channel' | 'userId'>, platformLocale?: string): Promise<Locale> {
    const user = await this.users.get(p.channel, p.userId).catch(() => null);
    return (
      matchLocale(user?.localePref) ?? matchLocale(platformLocale) ?? localeOf(user, this.deps.config.defaultLocale)
    );
  }

  t(locale: Locale, key: string, values?: MessageValues): string {
    return this.deps.i18n.t(locale, key, values);
  }

  firstDelivery(eventKey: string): Promise<boolean> {
    return this.deliveries.first(eventKey);
  }
}
