// Cards for protocol questions: a cited answer, "I don't know", and how to ask.
import type { Action, Block, Card } from '../cards/model.ts';
import type { AskHit } from '../src/ports/content-index.ts';
import type { Translate } from './form.ts';

type Lang = 'nb' | 'sv' | 'da' | 'en';

export interface AnswerView {
  hit: AskHit;
  lang: Lang;
  seeAlso: AskHit[];
  /** The entry is past its review date. */
  overdue: boolean;
  formatDay: (isoDate: string) => string;
}

export function answerCard(t: Translate, view: AnswerView): Card {
  const { entry, passage } = view.hit;
  const source = entry.sources[passage.source] ?? entry.sources[0]!;
  const title = passage.title[view.lang];
  const body: Block[] = [
    { kind: 'heading', text: title },
    { kind: 'text', text: passage.text[view.lang] },
  ];
  if (view.overdue) {
    body.push({
      kind: 'text',
      tone: 'attention',
      text: t('qa.reviewOverdue', { date: view.formatDay(entry.reviewAfter) }),
    });
  }
  body.push({
    kind: 'facts',
    items: [
      { label: t('qa.source'), value: t('qa.sourceValue', { title: source.title, section: passage.section }) },
      { label: t('qa.publisher'), value: source.publisher },
      {
        label: t('qa.version'),
        value: t('qa.versionValue', { version: entry.version, reviewed: view.formatDay(entry.reviewed) }),
      },
    ],
  });
  if (view.seeAlso.length > 0) {
    body.push({ kind: 'text', tone: 'muted', text: t('qa.seeAlso') });
    body.push({
      kind: 'actions',
      actions: view.seeAlso.map((h) => ({
        id: 'qa.show',
        label: h.passage.title[view.lang],
        data: { passageId: h.passage.id },
      })),
    });
  }
  const actions: Action[] = [
    { id: 'qa.feedback', label: t('qa.helpful'), data: { passageId: passage.id, helpful: 'yes' } },
    { id: 'qa.feedback', label: t('qa.notHelpful'), data: { passageId: passage.id, helpful: 'no' } },
  ];
  if (source.url) actions.push({ id: 'qa.openSource', label: t('qa.openSource'), url: source.url });
  body.push({ kind: 'actions', actions });
  return { id: 'qa.answer', fallbackText: title, body };
}

export function unknownAnswerCard(t: Translate, contact?: string): Card {
  const text = t('qa.unknown');
  const body: Block[] = [{ kind: 'text', text }];
  if (contact) body.push({ kind: 'text', tone: 'muted', text: t('qa.askContact', { contact }) });
  body.push({ kind: 'actions', actions: [{ id: 'menu', label: t('common.menu') }] });
  return { id: 'qa.unknown', fallbackText: text, body };
}

export function askHowToCard(t: Translate): Card {
  const title = t('qa.howToTitle');
  return {
    id: 'qa.howto',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('qa.howTo') },
      { kind: 'list', items: [t('qa.example1'), t('qa.example2'), t('qa.example3')] },
      { kind: 'text', tone: 'muted', text: t('menu.privacyNote') },
    ],
  };
}
