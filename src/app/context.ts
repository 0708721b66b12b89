// Everything a use case needs for one turn: who, in which language and time zone, and the ports.
import type { Translate } from '../../dialogs/form.ts';
import type { OrgConfig } from '../config/org-config.ts';
import type { Turn } from '../domain/turn.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../ports/clock.ts';
import type { ContentIndex } from '../ports/content-index.ts';
import type { Store, UserRecord } from '../ports/store.ts';
import type { UserCache } from './user-cache.ts';

export interface AppDeps {
  store: Store;
  clock: Clock;
  i18n: I18n;
  log: Logger;
  config: OrgConfig;
  /** The protocol content index; without it, plain text gets the menu. */
  content?: ContentIndex;
  /** Called after outbox rows were committed, so the dispatcher can send them without waiting for its tick. */
  onEnqueued?: () => void;
}

export interface TurnContext {
  turn: Turn;
  user: UserRecord;
  locale: Locale;
  timeZone: string;
  t: Translate;
  formatDate: (d: Date) => string;
  deps: AppDeps;
  users: UserCache;
}

export function translator(i18n: I18n, locale: Locale): Translate {
  return (key, values) => i18n.t(locale, key, values);
}
