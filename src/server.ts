import type { Server } from 'node:http';
import express from 'express';
import { createApp, type App } from './app.js';
import type { Config } from './config.js';
import type { PlatformAdapter } from './runtime/index.js';
import { startScheduler, type Scheduler } from './scheduler/index.js';

export type RunningServer = { app: App; http: Server; port: number; adapters: PlatformAdapter[]; scheduler: Scheduler; close(): Promise<void> };

/** Adapters for the platforms that have credentials; loaded lazily so an unused SDK costs nothing at start. */
export async function platformAdapters(app: App, announce: (line: string) => void = (l) => process.stderr.write(l)): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  const { config, bot, log } = app;
  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    adapters.push(createSlackAdapter({ config: config.slack, bot, log }));
  }
  if (config.teams) {
    if (config.teams.insecureLocal && !config.teams.appId) {
      log.warn('teams.insecure_local', { message: 'REVIEW_BOT_INSECURE_LOCAL=1: Teams requests are NOT authenticated. For local tests only; never expose this server.' });
      announce('\n*** WARNING: Teams authentication is OFF (REVIEW_BOT_INSECURE_LOCAL=1). Local testing only; listening on 127.0.0.1 only. ***\n\n');
    }
    const { createTeamsAdapter } = await import('../adapters/teams/index.js');
    adapters.push(createTeamsAdapter({ config: config.teams, bot, log }));
  }
  return adapters;
}

/** One HTTP server on PORT: /slack/events, /api/messages, /healthz (DESIGN.md routes). */
export type ServerOptions = { adapters?: PlatformAdapter[]; /** Where the start-up warnings go (stderr by default). */ announce?: (line: string) => void };

export async function startServer(app: App, port = app.config.port, opts: ServerOptions = {}): Promise<RunningServer> {
  const list = opts.adapters ?? (await platformAdapters(app, opts.announce));
  // Without authentication the server must not be reachable from other machines.
  const host = app.config.teams?.insecureLocal && !app.config.teams.appId ? '127.0.0.1' : '0.0.0.0';
  const web = express();
  web.disable('x-powered-by');
  web.get('/healthz', (_req, res) => { res.json({ ok: true, platforms: list.map((a) => a.platform) }); });
  for (const a of list) await a.mount(web);
  const http = await new Promise<Server>((resolve, reject) => {
    const s = web.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  app.log.info('server.listening', { host, port: actualPort, platforms: list.map((a) => a.platform) });
  const scheduler = startScheduler({ store: app.store, adapters: list, clock: () => new Date(), log: app.log, deadlines: app.deadlines });
  return {
    app, http, port: actualPort, adapters: list, scheduler,
    close: async () => {
      scheduler.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
      for (const a of list) await a.close?.();
    },
  };
}

/** `review-bot serve`: runs until SIGINT/SIGTERM. */
export async function serve(config: Config, io: { stderr: NodeJS.WritableStream }): Promise<number> {
  if (!config.slack && !config.teams) {
    io.stderr.write('review-bot: no platform is configured (set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET and/or MICROSOFT_APP_ID + MICROSOFT_APP_PASSWORD)\n');
    return 2;
  }
  const app = await createApp(config);
  const server = await startServer(app);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await app.close();
  return 0;
}
