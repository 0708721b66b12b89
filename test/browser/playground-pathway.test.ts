// The post-incident pathway in a real browser (Debian's Chromium via playwright-core): Anna, the
// demo nurse (nb-NO), registers an incident, then completes three steps by clicking through the
// rendered Adaptive Cards: a checklist plus free text (support), a text and a date/time (report)
// and a radio choice (peer support). Each save must bring back the case card with the step "done",
// and the store must agree.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepId } from '../../src/domain/pathway.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { startTeamsE2E, type TeamsE2E } from '../helpers/teams-e2e.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const i18n = new I18n();
// Anna's Teams locale is nb-NO (src/channels/playground/users.ts): every label is Norwegian.
const t = (key: string, values?: Record<string, string | number>): string => i18n.t('nb', key, values);

describe('post-incident pathway in the playground (Chromium)', () => {
  let e2e: TeamsE2E;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // A missing browser fails the run rather than skipping it, as in playground.test.ts.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
    e2e = await startTeamsE2E();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  const cards = (): Locator => page.locator('#pane-anna .msg.bot [data-card]');
  const lastCard = (): Locator => cards().last();

  /** Clicks a card button and waits for the bot's answer (`n` new cards); returns the first of them. */
  async function clickAndWait(card: Locator, name: string, n = 1): Promise<Locator> {
    const before = await cards().count();
    await card.getByRole('button', { name, exact: true }).click();
    await expect.poll(() => cards().count(), { timeout: 10_000 }).toBe(before + n);
    return cards().nth(before);
  }

  /** The case card's fact row for a step: "<step title> | <state> · <owner> · <due>" (the last row
   *  with that exact title: the pathway comes after the people). */
  const stepRow = (card: Locator, step: StepId): Locator =>
    card
      .locator('tr')
      .filter({ has: page.getByText(t(`step.${step}.title`), { exact: true }) })
      .last();

  /** Opens a step from the case card, lets `fill` answer its inputs, picks "done" and saves. */
  async function completeStep(caseCard: Locator, step: StepId, fill: (form: Locator) => Promise<void>) {
    const form = await clickAndWait(caseCard, t(`step.${step}.short`));
    await expect(form.textContent()).resolves.toContain(t(`step.${step}.title`));
    await fill(form);
    // The state group is an expanded single-choice ChoiceSet: radio buttons labelled in Norwegian.
    await form.getByRole('radio', { name: t('step.stateChoice.done'), exact: true }).check();
    const after = await clickAndWait(form, t('step.save'));
    // Back on the case card, with the "saved" notice and the step now shown as done ("Ferdig").
    const text = (await after.textContent()) ?? '';
    expect(text).toContain(t('step.saved', { step: t(`step.${step}.title`) }));
    await expect(stepRow(after, step).textContent()).resolves.toContain(t('step.state.done'));
    return after;
  }

  it('registers an incident as Anna and completes three steps by clicking', async () => {
    await page.goto(e2e.server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await expect.poll(() => cards().count()).toBe(1); // the install greeting (menu)

    // Registration, the same path as playground.test.ts: the menu's "new incident" button.
    const form = await clickAndWait(lastCard(), t('menu.newIncident'));
    await expect(form.textContent()).resolves.toContain(t('register.title'));
    await form.locator('#summary textarea').fill('Feil dose av et legemiddel ble gitt på nattevakt');
    const date = form.locator('#occurredAt input[type="date"]');
    await date.fill((await date.getAttribute('max')) ?? '');
    await form.locator('#occurredAtTime input[type="time"]').fill('00:00');
    await form.locator('#category select').selectOption('medication');
    await form.locator('#manager select').selectOption({ label: 'Lars Holm' });
    // The case card, then the follow-up plan.
    let caseCard = await clickAndWait(form, t('register.submit'), 2);

    const caseText = (await caseCard.textContent()) ?? '';
    expect(caseText).toContain(t('case.registered'));
    const ref = /IVR-\d{4}-\d+/.exec(caseText)?.[0];
    expect(ref).toBeDefined();
    const incident = await e2e.server.store.getIncidentByRef(ref ?? '');
    expect(incident).not.toBeNull();
    // Freshly registered: none of the three steps is done yet.
    for (const step of ['support', 'report', 'peerSupport'] as const)
      await expect(stepRow(caseCard, step).textContent()).resolves.not.toContain(t('step.state.done'));

    // Step 1, support: a checklist (expanded multi-select ChoiceSet) and a multiline note.
    caseCard = await completeStep(caseCard, 'support', async (f) => {
      await f.getByRole('checkbox', { name: t('step.support.done.listened') }).check();
      await f.getByRole('checkbox', { name: t('step.support.done.notAlone') }).check();
      await f.locator('#note textarea').fill('Kollega tok over resten av vakten');
    });

    // Step 4, report: the reporting system's reference (text) and when it was reported (date/time).
    caseCard = await completeStep(caseCard, 'report', async (f) => {
      await f.locator('#reportRef input').fill('AVVIK-2024-17');
      const reported = f.locator('#reportedAt input[type="date"]');
      await reported.fill((await reported.getAttribute('max')) ?? '');
      await f.locator('#reportedAtTime input[type="time"]').fill('00:00');
    });

    // Step 5, peer support: the kind of scheme (expanded single-choice ChoiceSet: radios).
    caseCard = await completeStep(caseCard, 'peerSupport', async (f) => {
      await f.getByRole('radio', { name: t('step.peerSupport.kind.buddy') }).check();
    });

    // All three still show as done on the last case card (each save re-renders every step).
    for (const step of ['support', 'report', 'peerSupport'] as const)
      await expect(stepRow(caseCard, step).textContent()).resolves.toContain(t('step.state.done'));

    // The store agrees, with the answers the clicks gave.
    const steps = await e2e.server.store.listSteps(incident?.id ?? '');
    const byId = new Map(steps.map((s) => [s.step, s]));
    expect(byId.get('support')?.state).toBe('done');
    expect(byId.get('support')?.data).toMatchObject({
      done: expect.arrayContaining(['listened', 'notAlone']),
      note: 'Kollega tok over resten av vakten',
    });
    expect(byId.get('report')?.state).toBe('done');
    expect(byId.get('report')?.data).toMatchObject({ reportRef: 'AVVIK-2024-17' });
    expect(typeof byId.get('report')?.data.reportedAt).toBe('string');
    expect(byId.get('peerSupport')?.state).toBe('done');
    expect(byId.get('peerSupport')?.data).toMatchObject({ kind: 'buddy' });
    // Nothing else was touched: the other steps are still open.
    for (const s of steps) if (!['support', 'report', 'peerSupport'].includes(s.step)) expect(s.state).not.toBe('done');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
