// Cards about incidents: the notice to the manager, the lists, short messages (the case card: case-card.ts).
import type { Block, Card } from '../cards/model.ts';
import type { IncidentRecord } from '../src/ports/store.ts';
import type { Translate } from './form.ts';

/** To the manager named at registration (the peer supporter gets a request: peer-cards.ts). */
export function noticeCard(
  t: Translate,
  args: { incidentId: string; ref: string; reporter: string; category: string },
): Card {
  const kind = 'manager';
  const title = t(`notice.${kind}.title`, { ref: args.ref });
  return {
    id: `incident.notice.${kind}`,
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      {
        kind: 'text',
        text: t(`notice.${kind}.body`, { reporter: args.reporter, category: t(`category.${args.category}`) }),
      },
      { kind: 'text', tone: 'muted', text: t(`notice.${kind}.advice`) },
      {
        kind: 'actions',
        actions: [
          { id: 'incident.view', label: t('notice.open'), style: 'primary', data: { incidentId: args.incidentId } },
        ],
      },
    ],
  };
}

/** `mine`: the cases a person is part of; `team`: the cases a manager is responsible for. */
export function incidentListCard(
  t: Translate,
  incidents: IncidentRecord[],
  formatDate: (d: Date) => string,
  which: 'mine' | 'team' = 'mine',
): Card {
  const title = t(which === 'mine' ? 'list.title' : 'list.teamTitle');
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (incidents.length === 0) {
    body.push({ kind: 'text', text: t(which === 'mine' ? 'list.empty' : 'list.teamEmpty') });
  } else {
    body.push({ kind: 'text', tone: 'muted', text: t('list.count', { count: incidents.length }) });
    // A card holds a bounded number of buttons: the newest ten, the rest by reference number.
    const shown = incidents.slice(0, 10);
    body.push({
      kind: 'facts',
      items: shown.map((i) => ({
        label: i.ref,
        value: t('list.item', {
          category: t(`category.${i.category}`),
          date: formatDate(i.occurredAt),
          status: t(`case.status.${i.status}`),
        }),
      })),
    });
    body.push({
      kind: 'actions',
      actions: shown.slice(0, 5).map((i) => ({ id: 'incident.view', label: i.ref, data: { incidentId: i.id } })),
    });
  }
  body.push({
    kind: 'actions',
    actions: [
      { id: 'incident.new', label: t('menu.newIncident') },
      { id: 'menu', label: t('common.menu') },
    ],
  });
  return { id: which === 'mine' ? 'incident.list' : 'incident.teamList', fallbackText: title, body };
}

export function messageCard(
  t: Translate,
  id: string,
  key: string,
  tone: 'normal' | 'attention' | 'good' = 'normal',
): Card {
  const text = t(key);
  return {
    id,
    fallbackText: text,
    body: [
      { kind: 'text', tone, text },
      { kind: 'actions', actions: [{ id: 'menu', label: t('common.menu') }] },
    ],
  };
}
