// What a user sees when a turn was refused for safety reasons (too many turns in a short time).
import type { Card } from '../cards/model.ts';
import type { Translate } from './form.ts';

export function rateLimitedCard(t: Translate): Card {
  const title = t('security.rateLimited.title');
  return {
    id: 'security.rateLimited',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', tone: 'attention', text: t('security.rateLimited.text') },
      { kind: 'actions', actions: [{ id: 'menu', label: t('security.rateLimited.menu') }] },
    ],
  };
}
