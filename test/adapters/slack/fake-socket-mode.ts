import { WebSocketServer, type WebSocket } from 'ws';

// Slack's side of Socket Mode on loopback: the URL apps.connections.open hands out. Each connection
// is greeted with `hello`; the test delivers envelopes (events_api, slash_commands, interactive)
// and gets back the app's ack for that envelope id: `{ envelope_id, payload }`.

export type Ack = { envelope_id: string; payload?: Record<string, unknown> };
export type Envelope = {
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: Record<string, unknown>;
  retry_attempt?: number;
  retry_reason?: string;
};

export async function startFakeSocketMode() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as { port: number }).port;
  const connections: WebSocket[] = [];
  const acks: Ack[] = [];
  const waiting = new Map<string, (ack: Ack) => void>();
  const connectedWaiters: (() => void)[] = [];
  let n = 0;

  wss.on('connection', (ws) => {
    connections.push(ws);
    ws.on('message', (data) => {
      const ack = JSON.parse(data.toString()) as Ack;
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: connections.length, debug_info: { host: 'fake' }, connection_info: { app_id: 'A1' } }));
    for (const w of connectedWaiters.splice(0)) w();
  });

  const open = () => connections.filter((c) => c.readyState === c.OPEN);

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    connections: () => open().length,
    acks,
    /** Send one envelope down the app's socket; resolves with the ack the app sends for it (rejects after `ms`). */
    deliver: (e: Envelope, ms = 5000) => {
      const socket = open().at(-1);
      if (!socket) return Promise.reject(new Error('fake Socket Mode: the app is not connected'));
      const envelope_id = `env-${++n}`;
      const acked = new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(envelope_id);
          reject(new Error(`fake Socket Mode: no ack for ${envelope_id} (${e.type})`));
        }, ms);
        waiting.set(envelope_id, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      socket.send(JSON.stringify({ envelope_id, accepts_response_payload: e.type !== 'events_api', ...e }));
      return acked;
    },
    /** Slack asks the app to reconnect (it recycles the connection's host). */
    recycle: () => {
      for (const c of open()) c.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
    },
    connected: () => new Promise<void>((resolve) => (open().length > 0 ? resolve() : connectedWaiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

export type FakeSocketMode = Awaited<ReturnType<typeof startFakeSocketMode>>;
