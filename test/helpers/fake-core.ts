// A Core that answers with `respond` and records what it was asked: for channel tests without the real core.
import type { Card } from '../../cards/model.ts';
import type { Principal, Reply, Turn } from '../../src/domain/turn.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { Core } from '../../src/ports/core.ts';
import type { UserRecord } from '../../src/ports/store.ts';

export function textCard(id: string, text: string): Card {
  return { id, fallbackText: text, body: [{ kind: 'text', text }] };
}

/** A Core that answers with `respond` and records what it was asked. */
export class FakeCore implements Core {
  turns: Turn[] = [];
  users = new Map<string, UserRecord>();
  seen = new Set<string>();
  respond: (turn: Turn) => Reply | Promise<Reply> = (turn) => ({
    cards: [textCard('echo', `echo:${turn.text ?? turn.action?.id ?? ''}`)],
  });

  async handleTurn(turn: Turn): Promise<Reply> {
    this.turns.push(turn);
    return this.respond(turn);
  }
  async knownUser(p: Pick<Principal, 'channel' | 'userId'>): Promise<UserRecord | null> {
    return this.users.get(p.userId) ?? null;
  }
  async localeFor(p: Pick<Principal, 'channel' | 'userId'>, platformLocale?: string): Promise<Locale> {
    const l = this.users.get(p.userId)?.localePref ?? platformLocale?.slice(0, 2);
    return l === 'nb' || l === 'sv' || l === 'da' ? l : 'en';
  }
  t(locale: Locale, key: string): string {
    return `${locale}:${key}`;
  }
  async firstDelivery(eventKey: string): Promise<boolean> {
    if (this.seen.has(eventKey)) return false;
    this.seen.add(eventKey);
    return true;
  }
  knowUser(userId: string, rec: Partial<UserRecord>): void {
    this.users.set(userId, {
      channel: 'slack',
      userId,
      tenantId: 'T1',
      displayName: null,
      platformLocale: null,
      localePref: null,
      timeZone: null,
      address: null,
      updatedAt: new Date(),
      ...rec,
    });
  }
}
