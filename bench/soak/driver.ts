// What a channel driver offers the simulated users, and what the two drivers share: the round-robin
// over the replicas, a time limit per turn, and the tally of proactive messages that reached a fake.
import { post as httpPost, keepAliveAgent } from '../turn/wire.ts';
import type { Answers, Button, Channel, Form, Reply, SimUser } from './sim.ts';
import { TurnError } from './sim.ts';

export interface Driver {
  channel: Channel;
  /** A text message: the menu's "help", a question. */
  say(u: SimUser, text: string): Promise<Reply[]>;
  /** Presses a button of a card the bot sent (or a menu button, see `button`). */
  press(u: SimUser, b: Button): Promise<Reply[]>;
  /** Presses a button that answers with a form (a card on Teams, a modal on Slack) submitted as `submitVerb`. */
  openForm(u: SimUser, b: Button, submitVerb: string): Promise<Form>;
  submit(u: SimUser, form: Form, answers: Answers): Promise<Reply[]>;
  /** A button as the menu or a card would carry it. */
  button(verb: string, data?: Record<string, unknown>): Button;
  /** The proactive messages that reached the fake. */
  arrivals(): Arrivals;
  /** Replies that came outside any turn of their user (none expected). */
  stray: number;
  close(): Promise<void>;
}

export interface Arrivals {
  /** Deliveries by what identifies them: the idempotency key (Slack's metadata) or the activity id (Teams). */
  counts: Map<string, number>;
  /** Arrived for someone the bench does not know (none expected). */
  unmatched: number;
}

export interface DriverOptions {
  users: SimUser[];
  /** The next replica's base URL (round robin, one per request). */
  next: () => string;
  /** A proactive message with buttons reached `u`. */
  onProactive: (u: SimUser, buttons: Button[]) => void;
}

export const TURN_TIMEOUT_MS = 30_000;

/** Round robin over the replicas' base URLs, one request each, as a load balancer would. */
export function roundRobin(urls: string[]): () => string {
  let i = 0;
  return () => urls[i++ % urls.length]!;
}

const agent = keepAliveAgent(256);

/** A POST to a replica; a network failure or no answer within the turn limit is an HTTP error. */
export async function post(url: string, body: string, headers: Record<string, string>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TurnError('no reply', `no HTTP answer in ${TURN_TIMEOUT_MS} ms`)),
      TURN_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([httpPost(agent, url, body, headers), timeout]);
  } catch (e) {
    if (e instanceof TurnError) throw e;
    throw new TurnError('http', (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `p`, or fails the turn as unanswered after the turn limit. */
export async function withinTurnLimit<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new TurnError('no reply', `${what} within ${TURN_TIMEOUT_MS} ms`)),
          TURN_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fakes record every call in an array; the drivers read each call as it comes, so it is emptied now and then. */
export function drainEvery(calls: unknown[], ms = 5_000): NodeJS.Timeout {
  return setInterval(() => {
    calls.length = 0;
  }, ms).unref();
}
