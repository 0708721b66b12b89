// A submit that was not carried out (the database could not be reached, or the user was over the
// rate limit): the same form or buttons again, with the user's answers and a line saying nothing
// was saved yet. The notice is plain text already in the user's language.
import type { Block, Card } from '../cards/model.ts';
import { SCORES } from './checkin-cards.ts';
import type { Translate } from './form.ts';

/** The card with the notice under its heading (or on top when it has none). */
export function withNotice(card: Card, notice: string): Card {
  const line: Block = { kind: 'text', tone: 'attention', text: notice };
  const at = card.body[0]?.kind === 'heading' ? 1 : 0;
  return { ...card, body: [...card.body.slice(0, at), line, ...card.body.slice(at)] };
}

/** The check-in's scale again, the answer that was pressed marked, for pressing once more. */
export function scoreAgainCard(t: Translate, args: { checkinId: string; score: string; notice: string }): Card {
  const title = t('checkin.title');
  const data = { checkinId: args.checkinId };
  return {
    id: 'checkin.unsaved',
    fallbackText: args.notice,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', tone: 'attention', text: args.notice },
      { kind: 'text', text: t('unsaved.yourAnswer', { answer: t(`checkin.score.${args.score}`) }) },
      {
        kind: 'actions',
        actions: SCORES.map((score) => ({
          id: 'checkin.answer',
          label: t(`checkin.score.${score}`),
          ...(String(score) === args.score ? { style: 'primary' as const } : {}),
          data: { ...data, score: String(score) },
        })),
      },
      { kind: 'text', tone: 'muted', text: t('checkin.privacy') },
    ],
  };
}

/** The "someone to talk to?" question again, the answer that was pressed marked. */
export function talkAgainCard(t: Translate, args: { checkinId: string; talk: 'yes' | 'no'; notice: string }): Card {
  const data = { checkinId: args.checkinId };
  const answer = t(args.talk === 'yes' ? 'checkin.talkYes' : 'checkin.talkNo');
  return {
    id: 'checkin.talk.unsaved',
    fallbackText: args.notice,
    body: [
      { kind: 'text', tone: 'attention', text: args.notice },
      { kind: 'text', text: t('checkin.talkQuestion') },
      { kind: 'text', text: t('unsaved.yourAnswer', { answer }) },
      {
        kind: 'actions',
        actions: (['yes', 'no'] as const).map((talk) => ({
          id: 'checkin.talk',
          label: t(talk === 'yes' ? 'checkin.talkYes' : 'checkin.talkNo'),
          ...(talk === args.talk ? { style: 'primary' as const } : {}),
          data: { ...data, talk },
        })),
      },
    ],
  };
}
