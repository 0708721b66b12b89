// Cards about one incident: the case card, the notices to manager and peer supporter, the lists.
import type { Block, Card } from '../cards/model.ts';
import type { IncidentRecord, Participant } from '../src/ports/store.ts';
import type { Translate } from './form.ts';

export interface CaseView {
  incident: IncidentRecord;
  participants: Participant[];
  /** Display name per user id, where known. */
  names: Record<string, string>;
  /** Formats a date in the viewer's language and time zone. */
  formatDate: (d: Date) => string;
}

/** The acute-phase steps of the national guide (DESIGN §3), shown as what happens next. */
const NEXT_STEPS = ['support', 'defusing', 'managerSupport', 'report', 'peerSupport'] as const;

function nameOf(view: CaseView, userId: string, t: Translate): string {
  return view.names[userId] ?? t('case.unknownPerson');
}

function namesWithRole(view: CaseView, role: Participant['role'], t: Translate): string {
  const ids = view.participants.filter((p) => p.role === role).map((p) => p.userId);
  return ids.length ? ids.map((id) => nameOf(view, id, t)).join(', ') : t('case.nobody');
}

export function caseCard(t: Translate, view: CaseView, opts: { justRegistered?: boolean } = {}): Card {
  const { incident } = view;
  const title = t('case.title', { ref: incident.ref });
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (opts.justRegistered) body.push({ kind: 'text', tone: 'good', text: t('case.registered') });
  body.push(
    {
      kind: 'facts',
      items: [
        { label: t('case.status'), value: t(`case.status.${incident.status}`) },
        { label: t('case.category'), value: t(`category.${incident.category}`) },
        { label: t('case.occurredAt'), value: view.formatDate(incident.occurredAt) },
        { label: t('case.reporter'), value: nameOf(view, incident.reporterId, t) },
        { label: t('case.involved'), value: namesWithRole(view, 'involved', t) },
        { label: t('case.manager'), value: namesWithRole(view, 'manager', t) },
        { label: t('case.peer'), value: namesWithRole(view, 'peer', t) },
      ],
    },
    { kind: 'text', text: t('case.summaryLabel') },
    { kind: 'text', tone: 'muted', text: incident.summary },
    { kind: 'heading', text: t('case.nextTitle') },
    { kind: 'list', items: NEXT_STEPS.map((s) => t(`case.next.${s}`)) },
  );
  if (opts.justRegistered) {
    const hasPeer = view.participants.some((p) => p.role === 'peer');
    body.push({ kind: 'text', tone: 'muted', text: t(hasPeer ? 'case.notifiedWithPeer' : 'case.notified') });
  }
  body.push({
    kind: 'actions',
    actions: [
      { id: 'incident.mine', label: t('menu.myIncidents') },
      { id: 'menu', label: t('common.menu') },
    ],
  });
  return { id: 'incident.case', fallbackText: title, body };
}

export function noticeCard(
  t: Translate,
  kind: 'manager' | 'peer',
  args: { incidentId: string; ref: string; reporter: string; category: string },
): Card {
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

export function incidentListCard(t: Translate, incidents: IncidentRecord[], formatDate: (d: Date) => string): Card {
  const title = t('list.title');
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (incidents.length === 0) {
    body.push({ kind: 'text', text: t('list.empty') });
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
  return { id: 'incident.list', fallbackText: title, body };
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
