import { createApp, createNlu, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import type { Logger } from '../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { startFakeConnector } from './fake-connector.js';

export type InsecureTeamsBot = { fake: Awaited<ReturnType<typeof startFakeConnector>>; app: App; server: RunningServer; close: () => Promise<void> };

/**
 * The real app and HTTP server on an in-memory store, Teams authentication off
 * (REVIEW_BOT_INSECURE_LOCAL=1), replies going to a local fake Bot Connector.
 */
export async function startInsecureTeamsBot(opts: { log: Logger; clock?: () => Date }): Promise<InsecureTeamsBot> {
  const fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  const app = await createApp(c.value, { nlu: createNlu(), log: opts.log, ...(opts.clock ? { clock: opts.clock } : {}) });
  const server = await startServer(app, 0, { announce: () => {} });
  return {
    fake,
    app,
    server,
    close: async () => {
      await server.close();
      await app.close();
      await fake.close();
    },
  };
}

/** The Teams adapter `server` mounted. */
export const teamsAdapterOf = (server: RunningServer): TeamsAdapter => server.adapters.find((a) => a.platform === 'teams') as TeamsAdapter;

/**
 * POSTs `body` (an activity, or raw text) to /api/messages and resolves once the bot is done with
 * it: a message is answered when its turn is committed and its replies go out after, so this
 * also waits for those. The response body is left unread.
 */
export async function postActivity(server: RunningServer, body: object | string, headers: Record<string, string> = {}): Promise<Response> {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await teamsAdapterOf(server).settled();
  return r;
}

let sent = 0;
/** A personal-chat message activity from `user` (conversation `conv-<user>`); `over` replaces or adds fields (serviceUrl defaults to the bot's fake). */
export const personalMessage = (bot: InsecureTeamsBot, user: string, text: string | undefined, over: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `${user}-${++sent}`,
  channelId: 'msteams',
  serviceUrl: bot.fake.url,
  locale: 'en-US',
  text,
  from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
  conversation: { id: `conv-${user}`, conversationType: 'personal', tenantId: 't1' },
  recipient: { id: '28:bot', name: 'review-bot' },
  ...over,
});

/** POSTs `personalMessage(...)` to the bot's /api/messages and waits until the bot is done with it. */
export function sayInPersonalChat(bot: InsecureTeamsBot, user: string, text: string | undefined, over: Record<string, unknown> = {}): Promise<Response> {
  return postActivity(bot.server, personalMessage(bot, user, text, over));
}
