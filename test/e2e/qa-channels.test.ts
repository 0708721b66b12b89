// The same protocol question asked in a Teams 1:1 chat, a Teams channel mention, a Slack DM and a Slack
// mention gets the same cited answer, through the real servers. In a channel, anything about incidents
// is refused with a link to a private chat with the bot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { dmEvent, mentionEvent, postSlack } from '../helpers/slack-harness.ts';
import { E2E_BOT, type Person, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const SECRET = 'qa-signing-secret';
const QUESTION = 'Hva skal en oppriktig unnskyldning inneholde?';
const nurse: Person = { teamsId: '29:nurse', aadObjectId: 'aad-nurse', name: 'Nora Lie', locale: 'nb-NO' };

let teams: TeamsE2E;
let api: FakeSlackApi;
let slack: RunningServer;
let dataDir: string;

beforeAll(async () => {
  teams = await startTeamsE2E();
  api = await startFakeSlackApi();
  dataDir = mkdtempSync(join(tmpdir(), 'ivr-qa-e2e-'));
  slack = await startServer({
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-qa', SLACK_API_URL: api.url, DATA_DIR: dataDir },
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    tick: false,
  });
});

afterAll(async () => {
  await teams?.close();
  await slack?.close();
  await api?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The answer's heading and text: the first two TextBlocks / the header and first section. */
async function askTeams(conversationType: 'personal' | 'channel', question = QUESTION): Promise<string[]> {
  return textsOf(await teamsCard(conversationType, question)).slice(0, 2);
}

// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON as Teams receives it
async function teamsCard(conversationType: 'personal' | 'channel', question: string): Promise<any> {
  const since = teams.connector.calls.length;
  const text = conversationType === 'channel' ? `<at>Ivareta</at> ${question}` : question;
  const extra =
    conversationType === 'channel'
      ? {
          conversation: { id: '19:team-channel', conversationType: 'channel', tenantId: 'tenant-e2e' },
          entities: [{ type: 'mention', text: '<at>Ivareta</at>', mentioned: E2E_BOT }],
        }
      : {};
  const res = await teams.send(nurse, { text, ...extra });
  expect(res.status).toBe(200);
  return teams.cardsSince(since)[0];
}

type SlackBlock = { type: string; text?: { text: string }; elements?: { url?: string }[] };

async function slackBlocks(kind: 'dm' | 'mention', question: string): Promise<SlackBlock[]> {
  const before = api.callsTo('chat.postMessage').length;
  const body = kind === 'dm' ? dmEvent({ text: question }) : mentionEvent({ text: `<@UBOT> ${question}` });
  expect((await postSlack(`${slack.url}/slack/events`, body, { secret: SECRET })).status).toBe(200);
  const posts = await api.waitFor('chat.postMessage', before + 1, 10_000);
  const blocks = (posts[before]!.args.blocks as string | unknown[]) ?? [];
  return (typeof blocks === 'string' ? JSON.parse(blocks) : blocks) as SlackBlock[];
}

async function askSlack(kind: 'dm' | 'mention'): Promise<string[]> {
  return (await slackBlocks(kind, QUESTION)).slice(0, 2).map((b) => b.text?.text ?? '');
}

describe('the same question on every surface', () => {
  it('answers identically in a Teams 1:1, a Teams channel mention, a Slack DM and a Slack mention', async () => {
    const answers = [
      await askTeams('personal'),
      await askTeams('channel'),
      await askSlack('dm'),
      await askSlack('mention'),
    ];
    expect(answers[0]![1]).toMatch(/erkjenn/i);
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });
});

describe('incidents in a shared conversation', () => {
  it('refuses "mine hendelser" in a Teams channel and links to a 1:1 chat with the bot', async () => {
    const card = await teamsCard('channel', 'mine hendelser');
    expect(textsOf(card).join(' ')).toMatch(/privat chat/);
    const links = JSON.stringify(card).match(/https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=[^"]+/g);
    expect(links).toEqual([`https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(E2E_BOT.id)}`]);
    // In the 1:1 chat the same words list the incidents (none yet), with no link.
    const personal = await teamsCard('personal', 'mine hendelser');
    expect(JSON.stringify(personal)).not.toContain('teams.microsoft.com/l/chat');
  });

  it('refuses "mine hendelser" in a Slack channel mention and links to the app DM', async () => {
    const blocks = await slackBlocks('mention', 'mine hendelser');
    const urls = blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.url ? [e.url] : []));
    expect(urls).toEqual([expect.stringMatching(/^https:\/\/slack\.com\/app_redirect\?app=A1&team=T/)]);
  });
});
