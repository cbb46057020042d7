import { createServer, type Server } from 'node:http';

// A local stand-in for the Slack Web API (SLACK_API_URL points here): records every call,
// answers like Slack for the methods the adapter uses, and can be told to fail a method once.

export type SlackCall = { method: string; params: Record<string, unknown>; auth: string | undefined; reply: Record<string, unknown> };
export type Failure =
  | { type: 'rate_limited'; retryAfter: number } // HTTP 429 with Retry-After (seconds)
  | { type: 'server_error' } // HTTP 503
  | { type: 'platform_error'; error: string }; // HTTP 200 { ok: false, error }

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const failures: { method: string; failure: Failure }[] = [];
  const failed: { method: string; failure: Failure }[] = [];
  /** Held methods: matching calls wait here (unanswered, unrecorded) until released. */
  const held = new Map<
    string,
    { match: (params: Record<string, unknown>, auth: string | undefined) => boolean; queue: { auth: string | undefined; answer: () => void }[] }
  >();
  const waiters = new Set<() => void>();
  let seq = 0;
  /** Files behind url_private: served only with the bot token, as Slack does. */
  const files = new Map<string, { bytes: Uint8Array; token: string }>();
  const downloads: { path: string; auth: string | undefined; served: boolean }[] = [];
  /** Where apps.connections.open sends the app (a local Socket Mode server). */
  let socketUrl = 'ws://127.0.0.1:9/';

  const reply = (method: string, params: Record<string, unknown>): Record<string, unknown> => {
    const ts = `1700000000.${String(++seq).padStart(6, '0')}`;
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: socketUrl };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', url: 'https://example.slack.com/' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users ?? 'X').replace(/^U/, '')}` } };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts, message: { ts, text: params.text } };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      // Users whose id contains ZH have a Chinese Slack client.
      case 'users.info':
        return { ok: true, user: { id: params.user, ...(params.include_locale ? { locale: String(params.user).includes('ZH') ? 'zh-CN' : 'en-US' } : {}) } };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${seq}`, hash: `h${seq}`, ...(params.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').startsWith('/files-pri/')) {
      const f = files.get(req.url!);
      const served = !!f && req.headers.authorization === `Bearer ${f.token}`;
      downloads.push({ path: req.url!, auth: req.headers.authorization, served });
      notify();
      if (served) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(f!.bytes));
      else res.writeHead(f ? 403 : 404).end();
      return;
    }
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const hold = held.get((req.url ?? '').replace(/^\/api\//, '').split('?')[0]!);
      if (hold?.match(parseParams(req.headers['content-type'], body), req.headers.authorization)) {
        hold.queue.push({ auth: req.headers.authorization, answer: () => answer() });
        notify();
        return;
      }
      answer();
    });
    const answer = () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const params = parseParams(req.headers['content-type'], body);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      const i = failures.findIndex((f) => f.method === method);
      if (i >= 0) {
        const [f] = failures.splice(i, 1);
        failed.push(f!);
        const failure = f!.failure;
        if (failure.type === 'rate_limited') return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        if (failure.type === 'server_error') return send(503, { ok: false, error: 'service_unavailable' });
        const answer = { ok: false, error: failure.error };
        calls.push({ method, params, auth: req.headers.authorization, reply: answer });
        notify();
        return send(200, answer);
      }
      const ok = reply(method, params);
      calls.push({ method, params, auth: req.headers.authorization, reply: ok });
      notify();
      send(200, ok);
    };
  });
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    /** Serve `bytes` as a shared file readable with `token` (Bearer); returns its url_private. */
    serveFile: (name: string, bytes: Uint8Array, token: string) => {
      const path = `/files-pri/T1-F${++seq}/${encodeURIComponent(name)}`;
      files.set(path, { bytes, token });
      return `http://127.0.0.1:${port}${path}`;
    },
    /** Every file request, with the token it came with and whether it was served. */
    downloads,
    /** The WebSocket URL apps.connections.open answers with. */
    setSocketUrl: (url: string) => {
      socketUrl = url;
    },
    /** Failures answered so far (429s and 503s are not in `calls`). */
    failed,
    /** The next call of `method` gets `failure`. */
    failOnce: (method: string, failure: Failure) => {
      failures.push({ method, failure });
    },
    /**
     * Calls of `method` (those `match` picks) get no answer until `release()`: they are not in
     * `calls` until then (the platform has not accepted them). `waiting(auth?)` counts the calls
     * held (from that token). `release(accept?)` answers the held calls `accept` picks (by token)
     * and drops the others unanswered (their sender is gone).
     */
    hold: (method: string, match: (params: Record<string, unknown>, auth: string | undefined) => boolean = () => true) => {
      const entry = { match, queue: [] as { auth: string | undefined; answer: () => void }[] };
      held.set(method, entry);
      return {
        waiting: (auth?: string) => entry.queue.filter((q) => auth === undefined || q.auth === auth).length,
        release: (accept: (auth: string | undefined) => boolean = () => true) => {
          held.delete(method);
          for (const q of entry.queue.splice(0)) if (accept(q.auth)) q.answer();
        },
      };
    },
    of: (method: string) => calls.filter((c) => c.method === method),
    /** Wait until `pred` holds over the recorded calls (handlers run after the HTTP ack). */
    until: (pred: () => boolean, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pred()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Slack: condition not met; calls so far: ${calls.map((c) => c.method).join(', ')}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function parseParams(contentType: string | undefined, body: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if ((contentType ?? '').includes('json')) Object.assign(params, JSON.parse(body || '{}'));
  else for (const [k, v] of new URLSearchParams(body)) params[k] = /^[[{]/.test(v) ? json(v) : v;
  return params;
}

function json(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
