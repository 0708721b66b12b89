// What channels call. Channels translate platform payloads to Turns and Cards to platform
// payloads; everything else happens behind this port.
import type { Principal, Reply, Turn } from '../domain/turn.ts';
import type { Locale } from '../i18n/locales.ts';
import type { UserRecord } from './store.ts';

export interface Core {
  /** Runs one turn; never throws for bad input (it answers with a localised card instead). */
  handleTurn(turn: Turn): Promise<Reply>;
  /** The stored profile of a user, if the bot has seen them (for locale caching in channels). */
  knownUser(principal: Pick<Principal, 'channel' | 'userId'>): Promise<UserRecord | null>;
  /** The locale to speak to this user in. */
  localeFor(principal: Pick<Principal, 'channel' | 'userId'>, platformLocale?: string): Promise<Locale>;
  /** Localised text for channel-level messages (e.g. "something went wrong, try again"). */
  t(locale: Locale, key: string, values?: Record<string, string | number | Date>): string;
  /** True the first time an inbound event key is seen (kept in the store across restarts/replicas). */
  firstDelivery(eventKey: string): Promise<boolean>;
}
