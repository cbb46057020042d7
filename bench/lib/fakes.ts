import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// Loopback stand-ins for the platforms' outbound APIs: the Slack Web API (SLACK_API_URL) and the
// Bot Framework connector (an activity's serviceUrl). They answer ok at once and count what
// each conversation was sent, so a virtual user can wait for the bot's reply before typing on.

type Counter = {
  /** Messages sent so far to `key` (a Slack channel or a Teams conversation id). */
  count(key: string): number;
  /** Resolves when `key` has received at least `n` messages; false after `ms`. */
  until(key: string, n: number, ms: number): Promise<boolean>;
};

function counter(): Counter & { add(key: string): void } {
  const counts = new Map<string, number>();
  const waiters = new Map<string, { n: number; done: (ok: boolean) => void }[]>();
  return {
    count: (key) => counts.get(key) ?? 0,
    add(key) {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      const list = waiters.get(key);
      if (!list) return;
      const keep = list.filter((w) => {
        if (w.n > n) return true;
        w.done(true);
        return false;
      });
      if (keep.length) waiters.set(key, keep);
      else waiters.delete(key);
    },
    until(key, n, ms) {
      if ((counts.get(key) ?? 0) >= n) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const list = waiters.get(key) ?? [];
          waiters.set(
            key,
            list.filter((w) => w !== entry),
          );
          resolve(false);
        }, ms);
        const entry = {
          n,
          done: (ok: boolean) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
        waiters.set(key, [...(waiters.get(key) ?? []), entry]);
      });
    },
  };
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => resolve(body));
  });

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export type FakeSlack = Counter & { url: string; calls: () => Record<string, number>; close(): Promise<void> };

/** POST /api/<method>: auth.test answers the bot identity; chat.* and views.* answer ok. */
export async function startFakeSlackApi(): Promise<FakeSlack> {
  const c = counter();
  const methods: Record<string, number> = {};
  const { server, port } = await listen(async (req, res) => {
    const body = await readBody(req);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    methods[method] = (methods[method] ?? 0) + 1;
    let channel = '';
    if ((req.headers['content-type'] ?? '').includes('json')) channel = String((JSON.parse(body || '{}') as { channel?: string }).channel ?? '');
    else channel = new URLSearchParams(body).get('channel') ?? '';
    const reply =
      method === 'auth.test'
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', url: 'https://bench.invalid/' }
        : { ok: true, ts: `${Date.now() / 1000}`, channel, view: { id: 'V1' } };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') c.add(channel);
  });
  return { ...c, url: `http://127.0.0.1:${port}/api/`, calls: () => ({ ...methods }), close: () => close(server) };
}

export type FakeConnector = Counter & { url: string; close(): Promise<void> };

/** Any /v3/conversations/<id>/activities[/<replyTo>] answers {"id"}; counted per conversation. */
export async function startFakeConnector(): Promise<FakeConnector> {
  const c = counter();
  let n = 0;
  const { server, port } = await listen(async (req, res) => {
    await readBody(req);
    const m = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `bench-${++n}` }));
    if (m && req.method === 'POST') c.add(decodeURIComponent(m[1]!));
  });
  return { ...c, url: `http://127.0.0.1:${port}/`, close: () => close(server) };
}
