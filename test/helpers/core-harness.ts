// A real core on a real embedded store, with a fixed clock: for use-case tests without HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IvaretaCore } from '../../src/app/core.ts';
import { defaultOrgConfig, type OrgConfig } from '../../src/config/org-config.ts';
import type { Principal, Turn } from '../../src/domain/turn.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { silentLogger } from '../../src/log.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { ContentIndex } from '../../src/ports/content-index.ts';
import type { Store } from '../../src/ports/store.ts';
import { openStore } from '../../src/storage/open-store.ts';

/**
 * `config` with the per-user rate limit out of the way: a use-case test sends one person's turns far
 * faster than a person does, and would be refused (in real time, so only now and then) by the 30-turn
 * burst. The limiter has its own tests (security.test.ts, *-outage.test.ts), which pass their config as is.
 */
export function withoutRateLimit(config: OrgConfig): OrgConfig {
  return { ...config, security: { ...config.security, rateLimit: { perMinute: 6000, burst: 1000 } } };
}

export interface Harness {
  core: IvaretaCore;
  store: Store;
  clock: FixedClock;
  enqueued: () => number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  content?: ContentIndex;
  config?: OrgConfig;
  /** PostgreSQL instead of the embedded store (e.g. a private schema, through a fault proxy). */
  databaseUrl?: string;
  /** With `databaseUrl`: the PostgreSQL query timeout (a frozen server fails the turn after it). */
  queryTimeoutMs?: number;
}

export async function coreHarness(now = new Date('2026-11-27T10:00:00Z'), opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-core-'));
  const store = await openStore({ dataDir: dir, databaseUrl: opts.databaseUrl, queryTimeoutMs: opts.queryTimeoutMs });
  const clock = new FixedClock(now);
  let wakes = 0;
  const core = new IvaretaCore({
    store,
    clock,
    i18n: new I18n(),
    log: silentLogger,
    config: opts.config ?? withoutRateLimit(defaultOrgConfig),
    content: opts.content,
    onEnqueued: () => {
      wakes++;
    },
  });
  return {
    core,
    store,
    clock,
    enqueued: () => wakes,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function teamsUser(id: string, name: string, locale = 'nb-NO'): { user: Principal; locale: string } {
  return { user: { channel: 'teams', userId: id, tenantId: 'tenant-1', displayName: name }, locale };
}

export function turn(who: { user: Principal; locale: string }, extra: Partial<Turn>): Turn {
  return {
    channel: who.user.channel,
    user: who.user,
    platformLocale: who.locale,
    conversation: 'personal',
    address: { serviceUrl: 'http://127.0.0.1:9/teams/', conversationId: `dm-${who.user.userId}` },
    ...extra,
  };
}

/** All visible text of a card, for assertions on what a person reads. */
export function cardText(card: { body: unknown[] }): string {
  return JSON.stringify(card.body);
}

/**
 * Registers the usual test incident (a wrong dose on a night shift, 27 November 2026) as `reporter`,
 * with the people in `people` (manager, involved, peerSupporter). Returns the reply and the incident id.
 */
export async function registerIncident(
  h: Harness,
  reporter: { user: Principal; locale: string },
  people: { manager: string; involved?: string; peerSupporter?: string },
): Promise<{ reply: Awaited<ReturnType<IvaretaCore['handleTurn']>>; incidentId: string }> {
  const values = {
    summary: 'Feil dose gitt på nattevakt',
    occurredAt: '2026-11-27',
    occurredAtTime: '03:15',
    category: 'medication',
    ...people,
  };
  const reply = await h.core.handleTurn(turn(reporter, { action: { id: 'incident.register', values } }));
  const close = reply.cards[0]?.body
    .flatMap((b) => (b.kind === 'actions' ? b.actions : []))
    .find((a) => a.id === 'case.close');
  const incidentId = close?.data?.incidentId;
  if (!incidentId) throw new Error(`registration did not give a case card: ${reply.cards[0]?.id}`);
  return { reply, incidentId };
}
