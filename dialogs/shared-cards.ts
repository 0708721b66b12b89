// Cards for a shared conversation (a Teams channel or group chat, a Slack channel): only the
// protocol questions are served there; everything about incidents and people stays in 1:1 chats.
import type { Card } from '../cards/model.ts';
import type { Translate } from './form.ts';

export function sharedMenuCard(t: Translate, opts: { unknownText?: boolean } = {}): Card {
  const title = t('menu.title');
  const body: Card['body'] = [{ kind: 'heading', text: title }];
  if (opts.unknownText) body.push({ kind: 'text', tone: 'muted', text: t('menu.notUnderstood') });
  body.push(
    { kind: 'text', text: t('shared.menuIntro') },
    { kind: 'actions', actions: [{ id: 'qa.ask', label: t('menu.askQuestion'), style: 'primary' }] },
    { kind: 'text', tone: 'muted', text: t('shared.privateNote') },
    { kind: 'text', tone: 'muted', text: t('menu.privacyNote') },
  );
  return { id: 'menu.shared', fallbackText: title, body };
}

export function privateOnlyCard(t: Translate): Card {
  const title = t('shared.privateOnly.title');
  return {
    id: 'shared.privateOnly',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('shared.privateOnly.text') },
    ],
  };
}
