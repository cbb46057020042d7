import { createServer, type Server } from 'node:http';

export type SlackCall = { method: string; params: Record<string, unknown>; auth: string | undefined };

/** A local stand-in for the Slack Web API: records every call; can answer 429 once. */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  let rateLimitNext = 0;
  let rateLimited = 0;
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const params: Record<string, unknown> = {};
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) Object.assign(params, JSON.parse(body || '{}'));
      else for (const [k, v] of new URLSearchParams(body)) params[k] = /^[[{]/.test(v) ? safeJson(v) : v;
      if (rateLimitNext > 0 && method.startsWith('chat.')) {
        rateLimitNext--;
        rateLimited++;
        res.writeHead(429, { 'Retry-After': '0', 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      calls.push({ method, params, auth: req.headers.authorization });
      waiters.splice(0).forEach((w) => w());
      const reply = method === 'auth.test'
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', url: 'https://x.slack.com/' }
        : { ok: true, ts: `${Date.now() / 1000}`, channel: params.channel ?? 'D1', view: { id: 'V1' } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    rateLimitOnce: () => { rateLimitNext = 1; },
    rateLimitedCount: () => rateLimited,
    of: (method: string) => calls.filter((c) => c.method === method),
    /** Wait until `pred` holds over the recorded calls (handlers run after the HTTP ack). */
    until: (pred: (calls: SlackCall[]) => boolean, ms = 5000) => new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`fake Slack: condition not met; calls: ${calls.map((c) => c.method).join(', ')}`)), ms);
      const check = () => { if (pred(calls)) { clearTimeout(deadline); resolve(); } else waiters.push(check); };
      check();
    }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function safeJson(v: string): unknown {
  try { return JSON.parse(v); } catch { return v; }
}
