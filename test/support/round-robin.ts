import { createServer, request, type Server } from 'node:http';

// A tiny load balancer on loopback: each request goes to the next backend in turn (no sticky
// sessions); a backend that refuses the connection (killed) is skipped for the next one.

export type RoundRobin = { url: string; picks: number[]; close(): Promise<void> };

export async function startRoundRobin(ports: number[]): Promise<RoundRobin> {
  let next = 0;
  const picks: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const i = next++ % ports.length;
        const upstream = request({ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers }, (up) => {
          picks.push(i);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        upstream.on('error', () => (tries + 1 < ports.length ? attempt(tries + 1) : res.writeHead(502).end()));
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    picks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
