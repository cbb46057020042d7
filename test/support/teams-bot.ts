import { createApp, createNlu, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
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
