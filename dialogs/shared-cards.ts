// Cards for a shared conversation (a Teams channel or group chat, a Slack channel): only the
// protocol questions are served there; everything about incidents and people stays in 1:1 chats.
import type { Action, Card } from '../cards/model.ts';
import type { Translate } from './form.ts';

/** `privateChatUrl`: the channel's link to a 1:1 chat with the bot, shown as a button where there is one. */
export function sharedMenuCard(t: Translate, opts: { unknownText?: boolean; privateChatUrl?: string } = {}): Card {
  const title = t('menu.title');
  const body: Card['body'] = [{ kind: 'heading', text: title }];
  if (opts.unknownText) body.push({ kind: 'text', tone: 'muted', text: t('menu.notUnderstood') });
  body.push(
    { kind: 'text', text: t('shared.menuIntro') },
    {
      kind: 'actions',
      actions: [
        { id: 'qa.ask', label: t('menu.askQuestion'), style: 'primary' },
        ...privateChat(t, opts.privateChatUrl),
      ],
    },
    { kind: 'text', tone: 'muted', text: t('shared.privateNote') },
    { kind: 'text', tone: 'muted', text: t('menu.privacyNote') },
  );
  return { id: 'menu.shared', fallbackText: title, body };
}

export function privateOnlyCard(t: Translate, privateChatUrl?: string): Card {
  const title = t('shared.privateOnly.title');
  const body: Card['body'] = [
    { kind: 'heading', text: title },
    { kind: 'text', text: t('shared.privateOnly.text') },
  ];
  const link = privateChat(t, privateChatUrl);
  if (link.length > 0) body.push({ kind: 'actions', actions: link });
  return { id: 'shared.privateOnly', fallbackText: title, body };
}

function privateChat(t: Translate, url: string | undefined): Action[] {
  return url ? [{ id: 'shared.openPrivateChat', label: t('shared.openPrivateChat'), url }] : [];
}
