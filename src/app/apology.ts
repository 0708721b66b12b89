// The pseudo-apology checker (step 8): the user pastes a draft sentence and is told which patterns
// the national guide warns against it shows. The draft is neither stored nor logged nor echoed.
import { z } from 'zod';
import { apologyCheckCard } from '../../dialogs/apology-check.ts';
import { type FormSpec, type FormValues, parseForm, renderForm } from '../../dialogs/form.ts';
import { checkApology } from '../domain/apology/pseudo-apology.ts';
import type { Reply } from '../domain/turn.ts';
import { deniedReply, loadCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { badRequest, translatedErrors } from './steps.ts';

const incidentRef = z.object({ incidentId: z.string().uuid() });

export const apologyDraftForm: FormSpec = {
  id: 'apology.check',
  titleKey: 'step.apology.checkTitle',
  introKey: 'step.apology.checkIntro',
  fields: [
    {
      id: 'draft',
      type: 'text',
      labelKey: 'step.apology.draftLabel',
      placeholderKey: 'step.apology.draftPlaceholder',
      multiline: true,
      maxLength: 2000,
      required: true,
      // Never stored, so not refused for a name: a draft apology naturally addresses the patient.
      freeText: false,
    },
  ],
  submit: { action: 'apology.checkDraft', labelKey: 'step.apology.checkSubmit' },
  cancel: { action: 'menu', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'step.apology.short',
    launcherTextKey: 'step.apology.checkIntro',
    launcherLabelKey: 'step.apology.checkDraft',
    closeLabelKey: 'common.cancel',
  },
};

export async function showApologyChecker(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'apology.checker');
  if (!c) return deniedReply(ctx);
  return { cards: [draftFormCard(ctx, c.incident.id)] };
}

function draftFormCard(
  ctx: TurnContext,
  incidentId: string,
  errors: Record<string, string> = {},
  values: FormValues = {},
) {
  const formCtx = {
    t: ctx.t,
    people: [],
    timeZone: ctx.timeZone,
    now: ctx.deps.clock.now(),
    submitData: { incidentId },
  };
  return renderForm(apologyDraftForm, formCtx, values, errors);
}

export async function checkApologyDraft(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(raw);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'apology.checked');
  if (!c) return deniedReply(ctx);
  const parsed = parseForm(apologyDraftForm, raw, { timeZone: ctx.timeZone, now: ctx.deps.clock.now() });
  if (!parsed.ok) {
    return {
      // The draft goes back into the user's own form (never onto another card, never stored).
      cards: [draftFormCard(ctx, c.incident.id, parsed.errors, parsed.values)],
      formErrors: translatedErrors(ctx, parsed.errors),
    };
  }
  const result = checkApology(parsed.values.draft as string);
  ctx.deps.log.info({ event: 'apology.checked', verdict: result.verdict, findings: result.findings.length }, 'checked');
  return { cards: [apologyCheckCard(ctx.t, result, { incidentId: c.incident.id })] };
}
