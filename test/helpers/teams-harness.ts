// Drives the Teams channel through real HTTP: a small Node server that calls `handle`, a fake Core
// that records turns, the fake Bot Framework connector, and Teams-shaped activities.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from '../../src/channels/teams/index.ts';
import { silentLogger } from '../../src/log.ts';
import { type FakeConnector, startFakeConnector } from './fake-connector.ts';
import { FakeCore as FakeTeamsCore } from './fake-core.ts';

export const BOT_ID = '28:bot-app-id';
export const TENANT = 'tenant-1';

export { FakeCore as FakeTeamsCore, textCard } from './fake-core.ts';

export interface TeamsRig {
  url: string;
  core: FakeTeamsCore;
  connector: FakeConnector;
  channel: TeamsChannel;
  /** An activity as Teams sends it in a personal chat, with `overrides` merged on top. */
  // biome-ignore lint/suspicious/noExplicitAny: activity JSON
  activity(overrides?: Record<string, any>): Record<string, any>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  postRaw(raw: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTeamsRig(options: Partial<Omit<TeamsChannelOptions, 'core'>> = {}): Promise<TeamsRig> {
  const core = new FakeTeamsCore();
  const connector = await startFakeConnector();
  const channel = createTeamsChannel({ core, log: silentLogger, ...options });
  const server: Server = createServer((req, res) => {
    channel.handle(req, res).catch((e: unknown) => {
      // The channel must never throw; make it loud if it does.
      res.writeHead(599);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;

  const rig: TeamsRig = {
    url,
    core,
    connector,
    channel,
    activity(overrides = {}) {
      counter++;
      return {
        type: 'message',
        id: `msg-${counter}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:teams-anna', name: 'Anna Berg', aadObjectId: 'aad-anna' },
        conversation: { id: 'a:dm-anna', conversationType: 'personal', tenantId: TENANT },
        recipient: { id: BOT_ID, name: 'Ivareta' },
        channelData: { tenant: { id: TENANT } },
        locale: 'nb-NO',
        entities: [{ type: 'clientInfo', locale: 'nb-NO', country: 'NO', platform: 'Web', timezone: 'Europe/Oslo' }],
        text: 'hjelp',
        ...overrides,
      };
    },
    post(body, headers = {}) {
      return rig.postRaw(JSON.stringify(body), headers);
    },
    postRaw(raw, headers = {}) {
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
  return rig;
}
