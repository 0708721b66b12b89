// What the simulated users and the channel drivers share: the users, the buttons they press (read
// from what the bot sent), the answers they give, and how a reply that went wrong is recognised.
import { DateTime } from 'luxon';
import { I18n } from '../../src/i18n/i18n.ts';
import type { Locale } from '../../src/i18n/locales.ts';

export type Channel = 'teams' | 'slack';
export const CHANNELS: Channel[] = ['teams', 'slack'];

/** Turn kinds, as reported. A two-turn action (open a form, then submit it) counts one of each. */
export const KINDS = [
  'menu',
  'register.form',
  'register',
  'step.open',
  'step.save',
  'checkin',
  'checkin.talk',
  'peer.accept',
  'question',
  'list',
] as const;
export type Kind = (typeof KINDS)[number];

/** A button in a card the bot sent: its verb and data, and what the driver sends back to press it. */
export interface Button {
  verb: string;
  data: Record<string, unknown>;
  /** Teams: the Action.Submit data; Slack: the Block Kit button (action_id, value). */
  raw: unknown;
}

/** One answer of the bot: its buttons and its text (for spotting error replies). */
export interface Reply {
  buttons: Button[];
  text: string;
}

/** A form to fill in: a Teams card's submit data, or the Slack modal the bot opened. */
export type Form = { channel: 'teams'; submit: Record<string, unknown> } | { channel: 'slack'; view: unknown };

/** Answer values: text, several choices, a person (user id) or a time. */
export type Answers = Record<string, string | string[] | Date>;

export interface SimUser {
  channel: Channel;
  n: number;
  /** As the bot knows them: the AAD object id (Teams) or the Slack user id. */
  userId: string;
  name: string;
  locale: Locale;
  platformLocale: string;
  /** Has taken a turn, so may be chosen as someone's manager or peer supporter. */
  known: boolean;
  /** Incidents this user registered. */
  incidents: string[];
  /** Incidents where this user is the manager. */
  managing: string[];
  /** Proactive cards still to act on: check-ins and peer support requests. */
  inbox: Button[][];
}

const PLATFORM_LOCALE: Record<Locale, string> = { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };
const LOCALES: Locale[] = ['nb', 'sv', 'da', 'en'];

export function makeUsers(channel: Channel, count: number, run: string): SimUser[] {
  return Array.from({ length: count }, (_, n) => {
    const locale = LOCALES[n % LOCALES.length]!;
    const userId = channel === 'teams' ? `aad-soak-${run}-${n}` : `USOAK${run.toUpperCase()}${n}`;
    return {
      channel,
      n,
      userId,
      name: `Soak ${channel === 'teams' ? 'T' : 'S'}${n}`,
      locale,
      platformLocale: PLATFORM_LOCALE[locale],
      known: false,
      incidents: [],
      managing: [],
      inbox: [],
    };
  });
}

/** The Slack form of a button: action_id (a `#n` suffix for repeats) and its JSON value. */
export function slackButton(b: { action_id: string; value?: string }): Button {
  let data: Record<string, unknown> = {};
  try {
    data = b.value ? (JSON.parse(b.value) as Record<string, unknown>) : {};
  } catch {
    // a link button or plain text value: no data
  }
  return { verb: b.action_id.split('#')[0]!, data, raw: b };
}

/** The Teams form: an Action.Submit whose data carries the verb. */
export function teamsButton(action: { data?: Record<string, unknown> }): Button | null {
  const verb = action.data?.verb;
  return typeof verb === 'string' ? { verb, data: action.data!, raw: action.data } : null;
}

export const find = (buttons: Button[], verb: string, where: Record<string, unknown> = {}) =>
  buttons.find((b) => b.verb === verb && Object.entries(where).every(([k, v]) => b.data[k] === v));

/** Texts that mean the turn went wrong for the user, in every language; matched on their first 40 characters. */
const ERROR_KEYS = [
  'error.tryAgain',
  'error.badRequest',
  'access.denied',
  'security.rateLimited.title',
  'menu.notUnderstood',
  'step.changedMeanwhile',
];
const i18n = new I18n();
const ERROR_TEXTS = ERROR_KEYS.flatMap((key) =>
  LOCALES.map((l) => ({ key, probe: JSON.stringify(i18n.t(l, key)).slice(1, 41) })),
);

/** The error key found in a reply's JSON, if any. */
export function errorIn(json: string): string | undefined {
  return ERROR_TEXTS.find((e) => json.includes(e.probe))?.key;
}

/** What people write in a step form, per step (the reporter's steps, and the manager's checklist). */
export const STEP_ANSWERS: Record<string, Answers> = {
  support: { done: ['listened', 'transportHome'], note: 'Kollega tok over resten av vakten' },
  report: { reportRef: 'AVV-2026-118', reportedAt: hoursAgo(1) },
  followUp: { meetingAt: hoursAgo(2), adjustments: ['reducedWorkload'] },
  watchfulWaiting: { contacts: ['patientContacted', 'staffFollowedUp'] },
  managerSupport: { elements: ['attending', 'understanding', 'empathising'] },
};
export const REPORTER_STEPS = ['support', 'report', 'followUp', 'watchfulWaiting'];

export function hoursAgo(h: number): Date {
  return new Date(Date.now() - h * 3_600_000);
}

/** Answers as Teams submits them: strings only, choices comma-joined, a time split into date and clock. */
export function teamsValues(answers: Answers, zone = 'Europe/Oslo'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (v instanceof Date) {
      const local = DateTime.fromJSDate(v, { zone });
      out[k] = local.toISODate()!;
      out[`${k}Time`] = local.toFormat('HH:mm');
    } else out[k] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

/** Answers as Slack's view state wants them (see stateFor): times as epoch seconds. */
export function slackValues(answers: Answers): Record<string, string | string[] | number> {
  const out: Record<string, string | string[] | number> = {};
  for (const [k, v] of Object.entries(answers)) out[k] = v instanceof Date ? Math.floor(v.getTime() / 1000) : v;
  return out;
}

/** A turn that went wrong, by category (how the report groups them). */
export class TurnError extends Error {
  constructor(
    readonly category: 'http' | 'no reply' | 'error reply' | 'unexpected',
    message: string,
  ) {
    super(message);
  }
}
