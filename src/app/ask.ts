// Protocol questions: a cited answer from the curated content, or a plain "I don't know".
import { answerCard, askHowToCard, unknownAnswerCard } from '../../dialogs/answer-cards.ts';
import { messageCard } from '../../dialogs/incident-cards.ts';
import { containsSensitive } from '../domain/privacy/index.ts';
import type { Reply } from '../domain/turn.ts';
import type { Locale } from '../i18n/locales.ts';
import type { AskHit } from '../ports/content-index.ts';
import { type TurnContext, translator } from './context.ts';

export function askHowTo(ctx: TurnContext): Reply {
  return { cards: [askHowToCard(ctx.t)] };
}

export async function askQuestion(ctx: TurnContext, question: string): Promise<Reply> {
  const { content, store, clock, config, log } = ctx.deps;
  // A question is free text too: identifiers are refused, and the question is neither kept nor searched.
  if (containsSensitive(question)) {
    return { cards: [messageCard(ctx.t, 'qa.refused', 'qa.sensitive', 'attention')] };
  }
  const result = content!.ask(question, { locale: ctx.locale });
  const t = translator(ctx.deps.i18n, result.lang);
  log.info(
    { event: 'qa.ask', answered: result.answered, passage: result.best?.passage.id, confidence: result.confidence },
    'question',
  );
  if (config.qa.storeQuestions) {
    await store.logQuestion({
      at: clock.now(),
      question,
      answered: result.answered,
      passageId: result.answered ? (result.best?.passage.id ?? null) : null,
    });
  }
  if (!result.answered || !result.best) {
    return { cards: [unknownAnswerCard(t, result.contact?.[result.lang])] };
  }
  return { cards: [answerFor(ctx, result.best, result.lang, result.seeAlso)] };
}

export function showPassage(ctx: TurnContext, passageId: string): Reply {
  const hit = ctx.deps.content?.passage(passageId);
  if (!hit) return { cards: [unknownAnswerCard(ctx.t)] };
  return { cards: [answerFor(ctx, hit, ctx.locale, [])] };
}

export async function recordFeedback(ctx: TurnContext, passageId: string, helpful: boolean): Promise<Reply> {
  const hit = ctx.deps.content?.passage(passageId);
  if (!hit) return { cards: [unknownAnswerCard(ctx.t)] };
  const { store, clock } = ctx.deps;
  // One vote per person and passage, however often the button is pressed.
  const first = await store.rememberEvent(
    `qa-feedback:${ctx.user.channel}:${ctx.user.userId}:${passageId}`,
    clock.now(),
  );
  if (first) await store.recordFeedback(hit.entry.id, hit.passage.id, helpful);
  return { cards: [messageCard(ctx.t, 'qa.thanks', 'qa.thanks', 'good')] };
}

function answerFor(ctx: TurnContext, hit: AskHit, lang: Locale, seeAlso: AskHit[]): ReturnType<typeof answerCard> {
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  return answerCard(translator(ctx.deps.i18n, lang), {
    hit,
    lang,
    seeAlso,
    overdue: hit.entry.reviewAfter < today,
    formatDay: (iso) => ctx.deps.i18n.date(lang, new Date(`${iso}T12:00:00Z`)),
  });
}
