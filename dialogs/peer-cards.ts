// Asking a colleague to be someone's peer supporter, telling the case owner the answer, and the
// supporter's weekly summary. Names, dates and the reference only: never what happened or how the
// person is doing.
import type { Action, Card } from '../cards/model.ts';
import type { Translate } from './form.ts';

export function peerRequestCard(t: Translate, args: { incidentId: string; ref: string; asker: string }): Card {
  const title = t('peer.request.title', { ref: args.ref });
  const data = { incidentId: args.incidentId };
  return {
    id: 'peer.request',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('peer.request.body', { asker: args.asker }) },
      { kind: 'list', items: [t('peer.request.expect1'), t('peer.request.expect2'), t('peer.request.expect3')] },
      { kind: 'text', tone: 'muted', text: t('peer.request.handBackNote') },
      {
        kind: 'actions',
        actions: [
          { id: 'peer.accept', label: t('peer.accept'), style: 'primary', data },
          { id: 'peer.decline', label: t('peer.decline'), data },
          { id: 'incident.view', label: t('notice.open'), data },
        ],
      },
    ],
  };
}

export function peerAnswerCard(
  t: Translate,
  answer: 'accepted' | 'declined',
  args: { incidentId: string; ref: string; supporter: string },
): Card {
  const title = t(`peer.answer.${answer}.title`, { ref: args.ref });
  const open: Action =
    answer === 'declined'
      ? { id: 'step.open', label: t('peer.chooseAnother'), data: { incidentId: args.incidentId, step: 'peerSupport' } }
      : { id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } };
  return {
    id: `peer.${answer}`,
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t(`peer.answer.${answer}.body`, { supporter: args.supporter, ref: args.ref }) },
      { kind: 'actions', actions: [{ ...open, style: 'primary' }] },
    ],
  };
}

/** Monday's summary for a peer supporter: whom they support and each one's next check-in, nothing more. */
export function peerSummaryCard(
  t: Translate,
  args: { people: number; items: { person: string; when: string; ref: string }[] },
): Card {
  const title = t('peer.summary.title');
  return {
    id: 'peer.summary',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('peer.summary.intro', { count: args.people }) },
      {
        kind: 'facts',
        items: args.items.map((i) => ({
          label: i.person,
          value: t('peer.summary.when', { date: i.when, ref: i.ref }),
        })),
      },
      { kind: 'text', tone: 'muted', text: t('peer.summary.privacy') },
      { kind: 'actions', actions: [{ id: 'incident.mine', label: t('menu.myIncidents') }] },
    ],
  };
}
