// One simulated person: after a first "help", a loop of think time and one action, until the run ends.
// What they answer first is what the bot sent them (a check-in, a peer support request); otherwise they
// register an incident (the first one soon, later ones now and then), work on a step of their own case
// or, as someone's manager, the manager's checklist, ask a protocol question, list their incidents or
// open the menu. Each turn is timed and checked by the driver; a failed turn is recorded and the loop goes on.
import type { Driver } from './driver.ts';
import {
  type Answers,
  type Button,
  find,
  hoursAgo,
  type Kind,
  REPORTER_STEPS,
  type Reply,
  type SimUser,
  STEP_ANSWERS,
  TurnError,
} from './sim.ts';
import type { Recorder } from './stats.ts';

export interface LoadPlan {
  /** performance.now() when no new action starts. */
  endAt: number;
  /** Think time between actions, ms (uniform). */
  thinkMs: [number, number];
  /** The users' first turns are spread over this long. */
  rampMs: number;
  /** Questions by language. */
  questions: Record<string, string[]>;
  rec: Recorder;
  /** Everyone on the user's channel (managers and peer supporters are picked among those known). */
  peers: SimUser[];
  random?: () => number;
}

const CATEGORIES = ['medication', 'treatment', 'fall', 'diagnostics', 'communication', 'equipment'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runUser(u: SimUser, d: Driver, plan: LoadPlan): Promise<void> {
  const rnd = plan.random ?? Math.random;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const think = () => sleep(plan.thinkMs[0] + rnd() * (plan.thinkMs[1] - plan.thinkMs[0]));
  /** Times one turn; a failure is recorded (with `about`, what it concerned) and answered with undefined. */
  const time = async <T>(kind: Kind, f: () => Promise<T>, about = ''): Promise<T | undefined> => {
    const t0 = performance.now();
    plan.rec.inFlight++;
    try {
      const out = await f();
      plan.rec.ok(kind, d.channel, performance.now() - t0);
      return out;
    } catch (e) {
      const err = e instanceof TurnError ? e : new TurnError('unexpected', (e as Error).message);
      plan.rec.error(kind, d.channel, about ? new TurnError(err.category, `${err.message} (${about})`) : err);
      return undefined;
    } finally {
      plan.rec.inFlight--;
    }
  };
  const going = () => performance.now() < plan.endAt;

  async function register(): Promise<void> {
    const others = plan.peers.filter((p) => p.known && p !== u);
    if (others.length < 2) return;
    const manager = pick(others);
    const peer = pick(others.filter((p) => p !== manager));
    const form = await time('register.form', () => d.openForm(u, d.button('incident.new'), 'incident.register'));
    if (!form) return;
    await think();
    const answers: Answers = {
      summary: `Feil dose gitt på vakt (${u.name}, ${u.incidents.length + 1})`,
      occurredAt: hoursAgo(1 + rnd() * 20),
      category: pick(CATEGORIES),
      manager: manager.userId,
      peerSupporter: peer.userId,
    };
    const incidentId = await time('register', async () => {
      const id = buttonIn(await d.submit(u, form, answers), 'case.close')?.data.incidentId;
      if (typeof id !== 'string') throw new TurnError('unexpected', 'no case card after registering');
      // A new incident each time: an earlier one back means the submission was taken for a repeat.
      if (u.incidents.includes(id)) throw new TurnError('unexpected', `answered with an earlier incident ${id}`);
      return id;
    });
    if (!incidentId) return;
    u.incidents.push(incidentId);
    manager.managing.push(incidentId);
  }

  async function step(incidentId: string, stepId: string): Promise<void> {
    const open = d.button('step.open', { incidentId, step: stepId });
    const about = `${u.userId}, ${stepId} of ${incidentId}`;
    const form = await time('step.open', () => d.openForm(u, open, 'step.save'), about);
    if (!form) return;
    await think();
    const answers = { ...STEP_ANSWERS[stepId], state: rnd() < 0.5 ? 'done' : 'in_progress' };
    await time('step.save', () => d.submit(u, form, answers), about);
  }

  /** A check-in: a score (now and then a low one), then whether they want to talk. */
  async function checkin(card: Button[]): Promise<void> {
    const score = rnd() < 0.15 ? pick(['1', '2']) : pick(['3', '4', '5']);
    const answer = find(card, 'checkin.answer', { score });
    if (!answer) return;
    const want = rnd() < 0.3 ? 'yes' : 'no';
    const talk = await time('checkin', async () => {
      const b = buttonIn(await d.press(u, answer), 'checkin.talk', { talk: want });
      if (!b) throw new TurnError('unexpected', 'no talk question after a score');
      return b;
    });
    if (!talk) return;
    await think();
    await time('checkin.talk', () => d.press(u, talk));
  }

  async function act(): Promise<void> {
    const card = u.inbox.shift();
    const accept = card && find(card, 'peer.accept');
    if (accept) return void (await time('peer.accept', () => d.press(u, accept)));
    if (card) return checkin(card);
    const r = rnd();
    if (u.incidents.length === 0 ? r < 0.5 : r < 0.06) return register();
    if (r < 0.36 && u.incidents.length > 0) return step(pick(u.incidents), pick(REPORTER_STEPS));
    if (r < 0.42 && u.managing.length > 0) return step(pick(u.managing), 'managerSupport');
    if (r < 0.7) {
      const q = pick(plan.questions[u.locale] ?? plan.questions.en ?? ['help']);
      return void (await time('question', () => d.say(u, q)));
    }
    if (r < 0.85) return void (await time('list', () => d.press(u, d.button('incident.mine'))));
    await time('menu', () => d.say(u, HELP[u.locale] ?? 'help'));
  }

  await sleep(rnd() * plan.rampMs);
  if (!going()) return;
  await time('menu', () => d.say(u, HELP[u.locale] ?? 'help'));
  u.known = true;
  while (going()) {
    await think();
    if (!going()) break;
    await act();
  }
}

const HELP: Record<string, string> = { nb: 'hjelp', sv: 'hjälp', da: 'hjælp', en: 'help' };

const buttonIn = (replies: Reply[], verb: string, where?: Record<string, unknown>) =>
  find(
    replies.flatMap((r) => r.buttons),
    verb,
    where,
  );

/** Check-ins and peer support requests go to the user's inbox, to be answered after their next think time. */
export function onProactive(u: SimUser, buttons: Button[]): void {
  const actionable = buttons.some((b) => b.verb === 'checkin.answer' || b.verb === 'peer.accept');
  if (actionable && u.inbox.length < 20) u.inbox.push(buttons);
}
