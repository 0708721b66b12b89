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
}

export async function coreHarness(now = new Date('2026-11-27T10:00:00Z'), opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-core-'));
  const store = await openStore({ dataDir: dir });
  const clock = new FixedClock(now);
  let wakes = 0;
  const core = new IvaretaCore({
    store,
    clock,
    i18n: new I18n(),
    log: silentLogger,
    config: opts.config ?? defaultOrgConfig,
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
