// The answer to a draft apology (DESIGN §3 step 8): the verdict, what each pseudo-apology pattern found is
// and how to say it instead, and which of the five elements of a sincere apology the draft shows.
// The draft itself is never on the card (it is neither stored nor echoed back).
import type { Block, Card } from '../cards/model.ts';
import {
  type ApologyCheck,
  kindsOf,
  SINCERE_ELEMENTS,
  type SincereElement,
} from '../src/domain/apology/pseudo-apology.ts';
import type { Translate } from './form.ts';

const VERDICT_TONE = { pseudo: 'attention', sincere: 'good', unclear: 'normal' } as const;

export function apologyCheckCard(t: Translate, check: ApologyCheck, opts: { incidentId: string }): Card {
  const title = t('apology.check.title');
  const body: Block[] = [
    { kind: 'heading', text: title },
    { kind: 'text', tone: VERDICT_TONE[check.verdict], text: t(`apology.check.verdict.${check.verdict}`) },
  ];
  for (const kind of kindsOf(check)) {
    body.push(
      { kind: 'text', tone: 'attention', text: t(`apology.check.kind.${kind}`) },
      { kind: 'text', text: t(`apology.check.suggest.${kind}`) },
    );
  }
  const found = SINCERE_ELEMENTS.filter((e) => check.elements.includes(e));
  const missing = SINCERE_ELEMENTS.filter((e) => !check.elements.includes(e));
  const name = (e: SincereElement) => t(`apology.check.element.${e}`);
  body.push({ kind: 'heading', text: t('apology.check.elementsTitle') });
  if (found.length > 0) {
    body.push({ kind: 'text', text: t('apology.check.elementsFound') }, { kind: 'list', items: found.map(name) });
  }
  if (missing.length > 0) {
    body.push({ kind: 'text', text: t('apology.check.elementsMissing') }, { kind: 'list', items: missing.map(name) });
  }
  body.push(
    { kind: 'text', tone: 'muted', text: t('apology.check.notStored') },
    {
      kind: 'actions',
      actions: [
        {
          id: 'apology.checkAgain',
          label: t('apology.check.checkAgain'),
          style: 'primary',
          data: { incidentId: opts.incidentId },
        },
        {
          id: 'step.open',
          label: t('apology.check.backToStep'),
          data: { incidentId: opts.incidentId, step: 'apology' },
        },
        { id: 'menu', label: t('common.menu') },
      ],
    },
  );
  return { id: 'apology.check', fallbackText: title, body };
}
