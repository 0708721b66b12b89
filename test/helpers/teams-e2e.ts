// The whole server (real core, embedded store, dispatcher) behind real HTTP, with the fake Bot
// Framework connector standing in for Teams. For end-to-end tests of the Teams channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.ts';
import { textsOf, verbData } from './card-json.ts';
import { type FakeConnector, startFakeConnector } from './fake-connector.ts';

export const E2E_BOT = { id: '28:ivareta-e2e', name: 'Ivareta' };
export const E2E_TENANT = 'tenant-e2e';

export interface Person {
  teamsId: string;
  aadObjectId: string;
  name: string;
  locale: string;
  timeZone?: string;
}

/** A Teams user `29:<id>` with Entra object id `aad-<id>`. */
export const person = (id: string, name: string, locale: string): Person => ({
  teamsId: `29:${id}`,
  aadObjectId: `aad-${id}`,
  name,
  locale,
});

export interface TeamsE2E {
  server: RunningServer;
  connector: FakeConnector;
  /** Sends a message activity from `who` (text or an Action.Submit value) and returns the response. */
  send(who: Person, message: { text?: string; value?: Record<string, unknown> }): Promise<Response>;
  /** The cards the bot sent since the call count `since` (replies and proactive sends), optionally to one person only. */
  // biome-ignore lint/suspicious/noExplicitAny: card JSON
  cardsSince(since: number, to?: Person): any[];
  /** Moves the server's clock through the playground and runs what fell due; the clock's new time. */
  advance(by: string): Promise<Date>;
  /**
   * Registers an incident as `who` from the menu's form (yesterday 03:15 Oslo time, category medication)
   * and returns the case card with the incident's id and reference.
   */
  register(who: Person, o: { summary: string; manager: string; peerSupporter?: string }): Promise<RegisteredCase>;
  close(): Promise<void>;
}

export interface RegisteredCase {
  // biome-ignore lint/suspicious/noExplicitAny: card JSON
  caseCard: any;
  incidentId: string;
  /** The reference number, IVR-YYYY-N. */
  ref: string;
}

let n = 0;

/** `options`: e.g. an org config (a low rate limit). */
export async function startTeamsE2E(
  env: Record<string, string> = {},
  options: Pick<ServerOptions, 'config'> = {},
): Promise<TeamsE2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-teams-e2e-'));
  const connector = await startFakeConnector();
  const server = await startServer({
    env: { DATA_DIR: dataDir, ...env },
    port: 0,
    host: '127.0.0.1',
    tick: false,
    log: silentLogger,
    ...options,
  });
  const e2e: TeamsE2E = {
    server,
    connector,
    send(who, message) {
      n++;
      const activity = {
        type: 'message',
        id: `e2e-${n}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: who.teamsId, name: who.name, aadObjectId: who.aadObjectId },
        recipient: E2E_BOT,
        conversation: { id: `a:dm-${who.aadObjectId}`, conversationType: 'personal', tenantId: E2E_TENANT },
        channelData: { tenant: { id: E2E_TENANT } },
        locale: who.locale,
        entities: [{ type: 'clientInfo', locale: who.locale, timezone: who.timeZone ?? 'Europe/Oslo' }],
        ...message,
      };
      return fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    },
    cardsSince(since, to) {
      return connector.calls
        .slice(since)
        .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.status < 300)
        .filter((c) => !to || c.conversationId === `a:dm-${to.aadObjectId}`)
        .flatMap((c) => c.body?.attachments ?? [])
        .map((a: { content: unknown }) => a.content);
    },
    async advance(by) {
      const res = await fetch(`${server.url}/playground/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: by }),
      });
      expect(res.status).toBe(200);
      return new Date(((await res.json()) as { now: string }).now);
    },
    async register(who, o) {
      let since = connector.calls.length;
      await e2e.send(who, { value: { verb: 'incident.new' } });
      const form = e2e.cardsSince(since, who)[0];
      since = connector.calls.length;
      await e2e.send(who, {
        value: {
          ...verbData(form, 'incident.register'),
          summary: o.summary,
          occurredAt: DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toISODate(),
          occurredAtTime: '03:15',
          category: 'medication',
          involved: '',
          manager: o.manager,
          peerSupporter: o.peerSupporter ?? '',
        },
      });
      const caseCard = e2e.cardsSince(since, who)[0];
      const incidentId: string = verbData(caseCard, 'case.close')?.incidentId;
      expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
      const ref = /IVR-\d{4}-\d+/.exec(textsOf(caseCard).join('\n'))![0];
      return { caseCard, incidentId, ref };
    },
    async close() {
      await server.close();
      await connector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return e2e;
}

// The card readers live in card-json.ts (no server import), re-exported for the tests that import them here.
export { actionsOf, textsOf, verbData } from './card-json.ts';
