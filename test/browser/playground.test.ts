// The playground in a real browser (Debian's Chromium via playwright-core): Anna asks for help,
// registers an incident through the rendered Adaptive Cards, sees her case card; her manager Lars
// then sees the proactive notice in his own chat, in Swedish.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('playground in Chromium', () => {
  let e2e: TeamsE2E;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // A missing browser fails the run rather than skipping it: .ci/run installs Debian's chromium.
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

  const lastCard = (user: string): Locator => page.locator(`#pane-${user} .msg.bot [data-card]`).last();

  it('registers an incident as Anna and shows the notice to Lars', async () => {
    await page.goto(e2e.server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    // Each person "installed" the bot: their chat starts with the menu, in their Teams language.
    await expect.poll(() => page.locator('#pane-anna [data-card]').count()).toBe(1);
    await expect.poll(() => page.locator('#pane-lars [data-card]').count()).toBe(1);

    await page.fill('#composer-text', 'hjelp');
    await page.press('#composer-text', 'Enter');
    await expect.poll(() => page.locator('#pane-anna [data-card]').count()).toBe(2);
    await expect(lastCard('anna').textContent()).resolves.toContain(i18n.t('nb', 'menu.title'));

    await lastCard('anna')
      .getByRole('button', { name: i18n.t('nb', 'menu.newIncident') })
      .click();
    await expect.poll(() => page.locator('#pane-anna [data-card]').count()).toBe(3);
    const form = lastCard('anna');
    await expect(form.textContent()).resolves.toContain(i18n.t('nb', 'register.title'));

    await form.locator('#summary textarea').fill('Feil dose av et legemiddel ble gitt på nattevakt');
    const date = form.locator('#occurredAt input[type="date"]');
    await date.fill((await date.getAttribute('max')) ?? '');
    await form.locator('#occurredAtTime input[type="time"]').fill('00:00');
    await form.locator('#category select').selectOption('medication');
    await form.locator('#manager select').selectOption({ label: 'Lars Holm' });
    await form.getByRole('button', { name: i18n.t('nb', 'register.submit') }).click();

    // The case card, then the follow-up plan with its consent question.
    await expect.poll(() => page.locator('#pane-anna [data-card]').count()).toBe(5);
    const caseText = (await page.locator('#pane-anna [data-card]').nth(3).textContent()) ?? '';
    await expect(lastCard('anna').textContent()).resolves.toContain(i18n.t('nb', 'plan.consentQuestion'));
    expect(caseText).toContain(i18n.t('nb', 'case.registered'));
    const ref = /IVR-\d{4}-\d+/.exec(caseText)?.[0];
    expect(ref).toBeDefined();

    // Lars's chat shows an unread badge, then the notice once opened.
    await page.locator('button.user-switch[data-user="lars"]').click();
    await expect.poll(() => page.locator('#pane-lars [data-card]').count(), { timeout: 10_000 }).toBe(2);
    await expect(lastCard('lars').textContent()).resolves.toContain(
      i18n.t('sv', 'notice.manager.title', { ref: ref! }),
    );
    expect(await page.locator('#pane-lars').isVisible()).toBe(true);
    expect(await page.locator('#pane-anna').isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('moves the playground clock from the page', async () => {
    const before = Date.parse((await page.locator('#clock-now').getAttribute('data-now')) ?? '');
    await page.getByRole('button', { name: '+1 day' }).click();
    await expect
      .poll(async () => Date.parse((await page.locator('#clock-now').getAttribute('data-now')) ?? '') - before)
      .toBeGreaterThanOrEqual(86_400_000);
    await expect(page.locator('#clock-status').textContent()).resolves.toContain('P1D');
  }, 30_000);
});
