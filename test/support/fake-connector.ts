import { createServer, type Server } from 'node:http';

/** `id`: the activity id the connector gave the sent activity (what a later reply or update names). */
export type ConnectorCall = { method: string; path: string; body: Record<string, unknown>; auth: string | undefined; id: string };

/** A local Bot Connector: the activities' serviceUrl. Records replies, updates and proactive sends. */
export async function startFakeConnector() {
  const calls: ConnectorCall[] = [];
  const waiters: (() => void)[] = [];
  let next = 0;
  /** Set by a test: the connector answers a call only once the promise it returns settles (recorded at once). */
  let hold: ((call: ConnectorCall) => Promise<void>) | null = null;
  /** Files the fake hands out (a shared file's downloadUrl, an upload's contentUrl), by path. */
  const files = new Map<string, Uint8Array>();
  const server: Server = createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url ?? '') : undefined;
    if (file) {
      calls.push({ method: 'GET', path: req.url ?? '', body: {}, auth: req.headers.authorization, id: '' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(file));
      return;
    }
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const id = `act-${++next}`;
      const call = { method: req.method ?? '', path: req.url ?? '', body: body ? JSON.parse(body) : {}, auth: req.headers.authorization, id };
      calls.push(call);
      for (const w of waiters.splice(0)) w();
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      if (hold)
        void hold(call)
          .catch(() => undefined)
          .then(answer); // a failed hold still answers
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    /** Serve `bytes` at `path` (e.g. "/files/contract.pdf"); returns its full URL. Each download is a GET in `calls`. */
    serveFile: (path: string, bytes: Uint8Array) => {
      files.set(path, bytes);
      return `http://127.0.0.1:${port}${path}`;
    },
    /** Answers matching calls late (see `hold`); null answers every call at once again. */
    holdCalls: (h: ((call: ConnectorCall) => Promise<void>) | null) => {
      hold = h;
    },
    until: (pred: (calls: ConnectorCall[]) => boolean, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`fake connector: condition not met; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`)),
          ms,
        );
        const check = () => {
          if (pred(calls)) {
            clearTimeout(deadline);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
