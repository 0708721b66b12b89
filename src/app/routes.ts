// The core's routes: card actions by id and typed intents, each to its use case (checked in order,
// as in teams-ai's router), and what a shared conversation (a channel) may reach.
import { z } from 'zod';
import { languageCard, languageSetCard, menuCard } from '../../dialogs/menu.ts';
import { privateOnlyCard, sharedMenuCard } from '../../dialogs/shared-cards.ts';
import type { Reply } from '../domain/turn.ts';
import type { Locale } from '../i18n/locales.ts';
import { checkApologyDraft, showApologyChecker } from './apology.ts';
import { askHowTo, recordFeedback, showPassage } from './ask.ts';
import { closeCase, listTeamIncidents, reopenCase, showCloseForm, viewCase } from './case.ts';
import { answerScore, answerTalk, skipCheckin, snoozeCheckin, stopCheckins } from './checkins.ts';
import { type TurnContext, translator } from './context.ts';
import {
  answerHandover,
  markDone,
  showHandoverForm,
  showNotRelevantForm,
  snoozeReminder,
  submitHandover,
  submitNotRelevant,
} from './deadline-actions.ts';
import { acknowledge, listDeadlines } from './escalation.ts';
import { listMyIncidents } from './incidents.ts';
import type { Intent } from './intents.ts';
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
import { showRegistrationForm, submitRegistration } from './register-incident.ts';
import { openStep, saveStep } from './steps.ts';

type Handler = (ctx: TurnContext, values: Record<string, unknown>) => Promise<Reply>;

const localeChoice = z.object({ locale: z.enum(['nb', 'sv', 'da', 'en']) });
const dialogRef = z.object({ card: z.string() });
const passageRef = z.object({ passageId: z.string().max(200) });
const feedback = passageRef.extend({ helpful: z.enum(['yes', 'no']) });

export const shared = (ctx: TurnContext): boolean => ctx.turn.conversation !== 'personal';

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

export const intents: {
  [K in Intent['kind']]: (ctx: TurnContext, intent: Extract<Intent, { kind: K }>) => Promise<Reply>;
} = {
  help: menu,
  newIncident: (ctx) => showRegistrationForm(ctx),
  myIncidents: (ctx) => listMyIncidents(ctx),
  teamIncidents: (ctx) => listTeamIncidents(ctx),
  myCheckins: (ctx) => listMyCheckins(ctx),
  workHours: (ctx) => showWorkHours(ctx),
  deadlines: (ctx) => listDeadlines(ctx),
  language: async (ctx, intent) => (intent.locale ? setLanguage(ctx, intent.locale) : { cards: [languageCard(ctx.t)] }),
};

export async function notUnderstood(ctx: TurnContext): Promise<Reply> {
  const card = shared(ctx)
    ? sharedMenuCard(ctx.t, { unknownText: true, privateChatUrl: ctx.turn.privateChatUrl })
    : menuCard(ctx.t, { unknownText: true });
  return { cards: [card] };
}

/** Asked in a shared conversation for something only a 1:1 chat may show: nothing is run. */
export async function privateOnly(ctx: TurnContext): Promise<Reply> {
  return { cards: [privateOnlyCard(ctx.t, ctx.turn.privateChatUrl)] };
}

async function setLanguage(ctx: TurnContext, locale: Locale): Promise<Reply> {
  await ctx.users.setLocalePref(ctx.user.channel, ctx.user.userId, locale);
  return { cards: [languageSetCard(translator(ctx.deps.i18n, locale))] };
}
