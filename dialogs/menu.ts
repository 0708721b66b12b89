// The help menu and the language chooser.
import type { Card } from '../cards/model.ts';
import { LOCALES } from '../src/i18n/locales.ts';
import type { Translate } from './form.ts';

export function menuCard(t: Translate, opts: { unknownText?: boolean } = {}): Card {
  const title = t('menu.title');
  const body: Card['body'] = [{ kind: 'heading', text: title }];
  if (opts.unknownText) body.push({ kind: 'text', tone: 'muted', text: t('menu.notUnderstood') });
  body.push(
    { kind: 'text', text: t('menu.intro') },
    {
      kind: 'actions',
      actions: [
        { id: 'incident.new', label: t('menu.newIncident'), style: 'primary' },
        { id: 'incident.mine', label: t('menu.myIncidents') },
        { id: 'incident.team', label: t('menu.teamIncidents') },
        { id: 'checkins.mine', label: t('menu.myCheckins') },
        { id: 'deadlines.mine', label: t('menu.deadlines') },
      ],
    },
    // A second row: Teams shows at most five actions in one set.
    {
      kind: 'actions',
      actions: [
        { id: 'qa.ask', label: t('menu.askQuestion') },
        { id: 'language.choose', label: t('menu.language') },
      ],
    },
    { kind: 'text', tone: 'muted', text: t('menu.privacyNote') },
  );
  return { id: 'menu', fallbackText: title, body };
}

export function languageCard(t: Translate): Card {
  const title = t('language.title');
  return {
    id: 'language.choose',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('language.intro') },
      {
        kind: 'actions',
        actions: LOCALES.map((l) => ({ id: 'language.set', label: t(`language.name.${l}`), data: { locale: l } })),
      },
    ],
  };
}

export function languageSetCard(t: Translate): Card {
  const text = t('language.set');
  return { id: 'language.set', fallbackText: text, body: [{ kind: 'text', tone: 'good', text }] };
}
