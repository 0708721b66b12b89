// The bare baselines the product is compared with: the least code each SDK needs to answer a
// message over the same HTTP path.
// - Teams: a botbuilder CloudAdapter (auth-less: no app id) on a plain Node http server, replying
//   "echo: <text>" to the activity's serviceUrl (the fake connector) during the turn.
// - Slack: a Bolt App on an HTTPReceiver with the same signing secret, an `authorize` that returns
//   the bot token, and the Web API pointed at the fake; it echoes DMs with chat.postMessage.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

export interface Listening {
  /** Base URL, e.g. http://127.0.0.1:1234 */
  url: string;
  close(): Promise<void>;
}

export async function startBareBotbuilder(): Promise<Listening> {
  // No MicrosoftAppId: authentication is disabled, as in the product's local mode.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_context, error) => {
    process.stderr.write(`bare botbuilder: turn failed: ${error.message}\n`);
  };
  const logic = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === ActivityTypes.Message) await context.sendActivity(`echo: ${context.activity.text}`);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/messages') {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const body: unknown = JSON.parse(await readAll(req));
      await adapter.process(
        { body: body as Record<string, unknown>, headers: req.headers, method: req.method },
        restifyShaped(res),
        logic,
      );
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return listen(server);
}

export async function startBareBolt(opts: {
  signingSecret: string;
  botToken: string;
  slackApiUrl: string;
}): Promise<Listening & { idle(): Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    receiver,
    logLevel: LogLevel.ERROR,
    authorize: async () => ({ botToken: opts.botToken, botUserId: 'UBOT', teamId: 'T1' }),
    clientOptions: { slackApiUrl: opts.slackApiUrl },
  });
  const pending = new Set<Promise<unknown>>();
  app.message(async ({ message, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined) return;
    const work = client.chat.postMessage({ channel: message.channel, text: `echo: ${message.text ?? ''}` });
    pending.add(work);
    await work.finally(() => pending.delete(work));
  });
  const server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      server.closeAllConnections();
      await receiver.stop();
    },
  };
}

/** The Express/Restify-shaped response CloudAdapter.process writes to (status, header, send, end). */
function restifyShaped(res: ServerResponse) {
  let status = 200;
  let payload: unknown;
  const shaped = {
    socket: res.socket,
    status(code: number) {
      status = code;
      return shaped;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return shaped;
    },
    send(body: unknown) {
      payload = body;
      return shaped;
    },
    end() {
      if (res.writableEnded) return shaped;
      if (payload === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      }
      return shaped;
    },
  };
  return shaped;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
