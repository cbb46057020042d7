import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/runtime/logger.js';
import type { PlatformAdapter } from '../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { fakeNlu } from '../support/fake-nlu.js';

// /readyz in-process: 'starting' until the adapters are mounted, 503 when the store stops
// answering, and platform routes refused (503) until the server is ready.

let app: App | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  await app?.close().catch(() => undefined);
  app = null;
  server = null;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function boot() {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: fakeNlu(), log: silentLogger });
  return app;
}

describe('/readyz', () => {
  it('is 503 "starting" while adapters mount, and platform requests are refused until then', async () => {
    const a = await boot();
    let mounted!: () => void;
    const slow: PlatformAdapter = {
      platform: 'slack',
      mount: (web) =>
        new Promise<void>((resolve) => {
          web.post('/slack/events', (_req, res) => {
            res.status(200).end();
          });
          mounted = resolve;
        }),
      deliver: async () => {},
    };
    const port = await freePort();
    const started = startServer(a, port, { adapters: [slow] });
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(() =>
        fetch(`${base}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      )
      .toBe(503);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: false, state: 'starting' });
    expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(503);
    mounted();
    server = await started;
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true, state: 'ready' });
    expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(200);
  });

  it('is 503 when the store does not answer', async () => {
    const a = await boot();
    server = await startServer(a, 0, { adapters: [] });
    await a.store.close();
    const r = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ ready: false, state: 'ready', store: expect.stringMatching(/^store read failed/) });
  });

  it('/metrics is 404 in a process that was not asked to keep metrics', async () => {
    const a = await boot();
    server = await startServer(a, 0, { adapters: [] });
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
  });
});
