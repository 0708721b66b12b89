// What some steps do beyond saving their answers: the debrief keeps a list of agreed actions, the
// debrief and the apology show advice that depends on the answers, and choosing a peer supporter
// asks that person to accept.
import type { Translate } from '../../dialogs/form.ts';
import { isSettled } from '../domain/pathway.ts';
import type { StepRecord, Store } from '../ports/store.ts';
import type { LoadedCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { scheduleDeadline } from './deadlines.ts';
import { askPeerSupporter, dropPeerSupporter } from './peer-support.ts';

interface ActionItem {
  text: string;
  ownerId: string | null;
  due: string | null;
}

const MAX_ACTIONS = 20;

/** The answers to store: the debrief's action fields become an item of its list. */
export function prepareStepData(before: StepRecord, data: Record<string, unknown>): Record<string, unknown> {
  if (before.step === 'debrief') {
    const { actionText, actionOwner, actionDue, ...rest } = data;
    const items = actionsOf(before);
    if (typeof actionText === 'string' && actionText !== '')
      items.push({
        text: actionText,
        ownerId: typeof actionOwner === 'string' ? actionOwner : null,
        due: typeof actionDue === 'string' ? actionDue : null,
      });
    return { ...rest, actions: items.slice(-MAX_ACTIONS) };
  }
  if (before.step === 'peerSupport') {
    // Whether the supporter was asked or accepted is the engine's, not the form's: a new choice is asked again.
    const changed = data.supporter !== before.data.supporter;
    const status = changed ? (data.supporter ? 'asked' : undefined) : before.data.supporterStatus;
    return { ...data, ...(typeof status === 'string' ? { supporterStatus: status } : {}) };
  }
  return data;
}

function actionsOf(step: StepRecord): ActionItem[] {
  const list = step.data.actions;
  return Array.isArray(list) ? (list as ActionItem[]).filter((a) => typeof a?.text === 'string') : [];
}

export interface StepExtras {
  guide: { key: string; tone?: 'attention' | 'muted' }[];
  list?: (names: Record<string, string>) => { titleKey: string; items: string[]; emptyKey: string };
  /** People the extras name, so their display names are looked up. */
  userIds: string[];
}

export function stepExtras(ctx: TurnContext, step: StepRecord): StepExtras {
  const d = step.data;
  switch (step.step) {
    case 'debrief': {
      const items = actionsOf(step);
      return {
        guide:
          Array.isArray(d.highStress) && d.highStress.includes('yes') ? [{ key: 'step.debrief.highStressGuide' }] : [],
        list: (names) => ({
          titleKey: 'step.debrief.actionsTitle',
          emptyKey: 'step.debrief.noActions',
          items: items.map((a) => actionLine(ctx.t, ctx.formatDate, a, names)),
        }),
        userIds: items.flatMap((a) => (a.ownerId ? [a.ownerId] : [])),
      };
    }
    case 'apology':
      return {
        guide:
          typeof d.avoidable === 'string' && ['yes', 'no', 'unsure'].includes(d.avoidable)
            ? [{ key: `step.apology.advice.${d.avoidable}` }]
            : [],
        userIds: typeof d.speaker === 'string' ? [d.speaker] : [],
      };
    case 'peerSupport':
      return {
        guide:
          typeof d.supporterStatus === 'string' ? [{ key: `peer.status.${d.supporterStatus}`, tone: 'muted' }] : [],
        userIds: typeof d.supporter === 'string' ? [d.supporter] : [],
      };
    case 'defusing':
      return { guide: [], userIds: typeof d.leader === 'string' ? [d.leader] : [] };
    default:
      return { guide: [], userIds: [] };
  }
}

function actionLine(t: Translate, fmt: (d: Date) => string, a: ActionItem, names: Record<string, string>): string {
  return t('step.debrief.actionItem', {
    text: a.text,
    owner: a.ownerId ? (names[a.ownerId] ?? t('case.unknownPerson')) : t('case.nobody'),
    date: a.due ? fmt(new Date(a.due)) : '—',
  });
}

/** Side effects of a save, inside its transaction. */
export async function afterStepSaved(
  ctx: TurnContext,
  tx: Store,
  c: LoadedCase,
  before: StepRecord,
  after: StepRecord,
): Promise<void> {
  // Settled (or opened again): its reminders and escalations stop (or start again).
  if (isSettled(after.state) !== isSettled(before.state))
    await scheduleDeadline(ctx, tx, c.incident, c.participants, after);
  if (after.step !== 'peerSupport') return;
  const was = typeof before.data.supporter === 'string' ? before.data.supporter : null;
  const now = typeof after.data.supporter === 'string' ? after.data.supporter : null;
  if (was === now) return;
  if (was) await dropPeerSupporter(tx, c, was, ctx.deps.clock.now());
  if (now) await askPeerSupporter(ctx, tx, c, after, now);
}
