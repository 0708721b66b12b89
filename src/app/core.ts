// The channel-neutral core: takes a Turn through the rate limit to its route (routes.ts) and answers
// with cards; a form submit the store cannot take, or the limit refuses, is handed back filled in.
import type { Principal, Reply, Turn } from '../domain/turn.ts';
import type { MessageValues } from '../i18n/i18n.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { Core } from '../ports/core.ts';
import type { UserRecord } from '../ports/store.ts';
import { isStoreUnavailable, storeErrorCode } from '../ports/store-errors.ts';
import { askQuestion } from './ask.ts';
import { type AppDeps, type TurnContext, translator } from './context.ts';
import { DeliveryLog } from './delivery-log.ts';
import { type SweepResult, sweepFollowups } from './followup-sweep.ts';
import { recogniseIntent } from './intents.ts';
import { isFormSubmit, type KeptContext, keptFormReply, type UnsavedReason } from './kept-forms.ts';
import { localeOf } from './people.ts';
import { TurnRateLimiter } from './rate-limit.ts';
import { RetentionJob } from './retention.ts';
import { actions, intents, notUnderstood, privateOnly, shared } from './routes.ts';
import { actionAllowedInShared, intentAllowedInShared } from './shared-conversation.ts';
import { UserCache } from './user-cache.ts';

export class IvaretaCore implements Core {
  private readonly users: UserCache;
  private readonly deliveries: DeliveryLog;
  private readonly retention: RetentionJob;
  private readonly limiter: TurnRateLimiter;

  constructor(private readonly deps: AppDeps) {
    this.users = new UserCache(deps.store, deps.clock);
    this.limiter = new TurnRateLimiter(deps);
    this.deliveries = new DeliveryLog(deps.store, deps.clock, deps.log);
    this.retention = new RetentionJob(deps);
  }

  /** Loads what the core keeps in memory; turns are served meanwhile, only more slowly. */
  start(): Promise<void> {
    return this.deliveries.load().catch((err) => {
      this.deps.log.warn({ event: 'deliveries.load_failed', err: String(err) }, 'deliveries');
    });
  }

  /** The dispatcher's sweep before it claims: late check-ins re-planned, weekly summaries enqueued, retention. */
  sweep(): Promise<SweepResult> {
    // Retention (at most hourly, never throws) after the follow-ups, whose result the caller reads.
    return sweepFollowups(this.deps).finally(() => this.retention.maybeRun());
  }

  /** Writes what is still held in memory; call before the store closes. */
  close(): Promise<void> {
    return this.deliveries.flush();
  }

  async handleTurn(turn: Turn): Promise<Reply> {
    if (!this.limiter.allow(turn)) {
      const locale = await this.localeFor(turn.user, turn.platformLocale);
      return this.keep(turn, 'rateLimited', locale) ?? this.limiter.refusal(locale);
    }
    try {
      return await this.route(turn);
    } catch (e) {
      if (!isStoreUnavailable(e)) throw e;
      // The form back with the answers; any other turn fails as before (the channel says "try again").
      const kept = this.keep(turn, 'outage', this.cachedLocale(turn));
      const form = turn.action && isFormSubmit(turn.action.id) ? turn.action.id : undefined;
      this.deps.log.warn(
        { event: 'turn.store_unavailable', channel: turn.channel, form, kept: kept !== null, err: storeErrorCode(e) },
        'database unreachable',
      );
      if (!kept) throw e;
      return kept;
    }
  }

  private async route(turn: Turn): Promise<Reply> {
    const started = performance.now();
    const { log } = this.deps;
    const user = await this.users.fromTurn(turn);
    const ctx = this.context(turn, user);
    let route = 'text';
    let reply: Reply;
    if (turn.action) {
      route = turn.action.id;
      const handler = Object.hasOwn(actions, route) ? actions[route] : undefined;
      if (!handler) reply = await notUnderstood(ctx);
      else if (shared(ctx) && !actionAllowedInShared(route)) reply = await privateOnly(ctx);
      else reply = await handler(ctx, turn.action.values);
    } else {
      const intent = recogniseIntent(turn.text ?? '');
      route = intent?.kind ?? 'unknown';
      const text = turn.text?.trim() ?? '';
      if (intent && shared(ctx) && !intentAllowedInShared(intent.kind)) reply = await privateOnly(ctx);
      else if (intent) reply = await intents[intent.kind](ctx, intent as never);
      else if (text && this.deps.content) {
        route = 'question';
        reply = await askQuestion(ctx, text);
      } else reply = await notUnderstood(ctx);
    }
    log.info({ event: 'turn', channel: turn.channel, route, ms: Math.round(performance.now() - started) }, 'turn');
    return reply;
  }

  private context(turn: Turn, user: UserRecord): TurnContext {
    const locale = localeOf(user, this.deps.config.defaultLocale);
    const timeZone = user.timeZone ?? this.deps.config.timeZone;
    return {
      turn,
      user,
      locale,
      timeZone,
      t: translator(this.deps.i18n, locale),
      formatDate: (d) => this.deps.i18n.dateTime(locale, d, timeZone),
      deps: this.deps,
      users: this.users,
    };
  }

  /** A submit's form with its answers, drawn without the store; null for a turn that is no submit. */
  private keep(turn: Turn, reason: UnsavedReason, locale: Locale): Reply | null {
    // No form is ever shown in a shared conversation, so none is handed back there either.
    if (!turn.action || turn.conversation !== 'personal') return null;
    const { config, clock, i18n, store } = this.deps;
    const cached = this.users.peek(turn.channel, turn.user.userId);
    const k: KeptContext = {
      t: translator(i18n, locale),
      timeZone: turn.timeZone ?? cached?.timeZone ?? config.timeZone,
      now: clock.now(),
      channel: turn.channel,
      userId: turn.user.userId,
      tenantId: turn.user.tenantId ?? cached?.tenantId ?? null,
      memory: store,
      nameOf: (id) => this.users.peek(turn.channel, id)?.displayName ?? undefined,
    };
    return keptFormReply(k, turn.action.id, turn.action.values, reason);
  }

  /** The user's language from memory only: the store is not to be asked. */
  private cachedLocale(turn: Turn): Locale {
    return this.languageOf(this.users.peek(turn.channel, turn.user.userId), turn.platformLocale);
  }

  /** The user's own choice, else what the platform reports, else their profile or the organisation's default. */
  private languageOf(user: UserRecord | null, platformLocale: string | undefined): Locale {
    return (
      matchLocale(user?.localePref) ?? matchLocale(platformLocale) ?? localeOf(user, this.deps.config.defaultLocale)
    );
  }

  knownUser(p: Pick<Principal, 'channel' | 'userId'>): Promise<UserRecord | null> {
    return this.users.get(p.channel, p.userId);
  }

  async localeFor(p: Pick<Principal, 'channel' | 'userId'>, platformLocale?: string): Promise<Locale> {
    return this.languageOf(await this.users.get(p.channel, p.userId).catch(() => null), platformLocale);
  }

  t(locale: Locale, key: string, values?: MessageValues): string {
    return this.deps.i18n.t(locale, key, values);
  }

  firstDelivery(eventKey: string): Promise<boolean> {
    return this.deliveries.first(eventKey);
  }
}
