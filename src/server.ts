import { createServer, type Server } from 'node:http';
import express from 'express';
import { createApp, type App } from './app.js';
import type { Config } from './config.js';
import { jsonErrors, notFound, routeConsole, type PlatformAdapter } from './runtime/index.js';
import { startScheduler, type Scheduler } from './scheduler/index.js';

export type Readiness = 'starting' | 'ready' | 'draining';

export type RunningServer = {
  app: App;
  http: Server;
  port: number;
  adapters: PlatformAdapter[];
  scheduler: Scheduler;
  readiness(): Readiness;
  /**
   * Graceful stop: /readyz and the platform routes answer 503 at once (a load balancer moves
   * traffic away), in-flight requests, the work adapters do after their acks and the reminder
   * deliveries under way finish, then the listener and the adapters close. The store stays open:
   * it belongs to the app.
   */
  close(): Promise<void>;
};

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
      log.warn('teams.insecure_local', {
        message: 'REVIEW_BOT_INSECURE_LOCAL=1: Teams requests are NOT authenticated. For local tests only; never expose this server.',
      });
      announce('\n*** WARNING: Teams authentication is OFF (REVIEW_BOT_INSECURE_LOCAL=1). Local testing only; listening on 127.0.0.1 only. ***\n\n');
    }
    const { createTeamsAdapter } = await import('../adapters/teams/index.js');
    adapters.push(createTeamsAdapter({ config: config.teams, bot, log }));
  }
  return adapters;
}

/** Which platform a request is for, by route (DESIGN.md routes); null for the operations routes. */
const platformOf = (path: string): string | null => (path.startsWith('/slack/') ? 'slack' : path.startsWith('/api/messages') ? 'teams' : null);

const READY_TIMEOUT_MS = 2000;

/**
 * A client gets this long for its request line and headers, and for the whole request; past it the
 * connection is answered 408 and closed (Node's defaults, 60 s and 300 s, let slow clients pile up).
 */
export const REQUEST_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000 };

export type ServerOptions = {
  adapters?: PlatformAdapter[];
  /** Where the start-up warnings go (stderr by default). */
  announce?: (line: string) => void;
  timeouts?: { headersMs: number; requestMs: number };
};

/** One HTTP server on PORT: /slack/events, /api/messages, /healthz, /readyz, /metrics (DESIGN.md routes). */
export async function startServer(app: App, port = app.config.port, opts: ServerOptions = {}): Promise<RunningServer> {
  const list = opts.adapters ?? (await platformAdapters(app, opts.announce));
  let state: Readiness = 'starting';
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const web = express();
  web.disable('x-powered-by');
  web.get('/healthz', (_req, res) => {
    res.json({ ok: true, platforms: list.map((a) => a.platform) });
  });
  web.get('/readyz', async (_req, res) => {
    if (state !== 'ready') return void res.status(503).json({ ready: false, state });
    try {
      await withTimeout(app.store.ping(), READY_TIMEOUT_MS);
      res.json({ ready: true, state });
    } catch (err) {
      res.status(503).json({ ready: false, state, store: (err as Error).message });
    }
  });
  web.get('/metrics', async (_req, res) => {
    if (!app.prometheus) return void res.status(404).type('text/plain').send('metrics are not enabled in this process\n');
    res.type(app.prometheus.contentType).send(await app.prometheus.render());
  });
  // Platform requests: refused while starting or draining (the platforms retry, elsewhere), counted while running.
  web.use((req, res, next) => {
    const platform = platformOf(req.path);
    if (!platform) return next();
    if (state !== 'ready') return void res.status(503).set('retry-after', '1').end();
    const started = performance.now();
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      app.metrics.ack(platform, res.statusCode, (performance.now() - started) / 1000);
      if (inFlight === 0) for (const wake of idle.splice(0)) wake();
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  });
  // Without authentication the server must not be reachable from other machines.
  const host = app.config.teams?.insecureLocal && !app.config.teams.appId ? '127.0.0.1' : '0.0.0.0';
  // Listening first: while the adapters mount, /readyz says 'starting' instead of refusing connections.
  const timeouts = opts.timeouts ?? REQUEST_TIMEOUTS;
  const http = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often Node looks for connections past those timeouts.
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs),
    },
    web,
  );
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  try {
    for (const a of list) await a.mount(web);
    // After every route: an unknown path, or anything a route threw, gets the JSON error shape, never Express's HTML page.
    web.use(notFound);
    web.use(jsonErrors((err, status) => app.log[status >= 500 ? 'error' : 'warn']('http.request_failed', { status, err })));
  } catch (err) {
    http.close();
    throw err;
  }
  const scheduler = startScheduler({
    store: app.store,
    adapters: list,
    clock: () => new Date(),
    log: app.log,
    deadlines: app.deadlines,
    present: (r) => app.bot.presentReminder(r),
    everyMs: app.config.reminders.scanMs,
    leaseMs: app.config.reminders.leaseMs,
    metrics: app.metrics,
  });
  state = 'ready';
  app.log.info('server.listening', { host, port: actualPort, platforms: list.map((a) => a.platform) });

  let closing: Promise<void> | null = null;
  return {
    app,
    http,
    port: actualPort,
    adapters: list,
    scheduler,
    readiness: () => state,
    close: () =>
      (closing ??= (async () => {
        state = 'draining';
        await scheduler.stop();
        if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
        // Slack's work after the ack (turns, posts) runs outside any request: the adapter drains it.
        for (const a of list) await a.close?.();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })()),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** `review-bot serve`: runs until SIGTERM/SIGINT, then drains within REVIEW_BOT_SHUTDOWN_MS. */
export async function serve(config: Config, io: { stderr: NodeJS.WritableStream }): Promise<number> {
  if (!config.slack && !config.teams) {
    io.stderr.write(
      'review-bot: no platform is configured (set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, and/or MICROSOFT_APP_ID + MICROSOFT_APP_PASSWORD)\n',
    );
    return 2;
  }
  const { createPrometheus } = await import('./prometheus.js');
  const app = await createApp(config, { prometheus: createPrometheus() });
  // What the SDKs print becomes structured lines too: stderr carries nothing else.
  routeConsole(app.log);
  let server: RunningServer;
  try {
    server = await startServer(app);
  } catch (err) {
    await app.close();
    throw err;
  }
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  app.log.info('server.draining', { signal, boundMs: config.shutdownMs });
  const drained = await Promise.race([
    server.close().then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), config.shutdownMs).unref()),
  ]);
  if (!drained) {
    app.log.error('server.shutdown_timeout', { boundMs: config.shutdownMs, message: 'in-flight work did not finish in time; exiting anyway' });
    await app.close().catch(() => undefined);
    // Whatever still holds the event loop (a hung platform call) must not keep the process alive.
    setTimeout(() => process.exit(1), 50).unref();
    return 1;
  }
  await app.close();
  app.log.info('server.stopped', {});
  return 0;
}
