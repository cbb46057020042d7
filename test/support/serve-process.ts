import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { BIN } from './cli.js';

// `node bin/review-bot.js serve` as a real process: started on a free port (PORT=0, the port is
// read from its `server.listening` log line), its JSON log lines collected, its exit awaited.

export type LogLine = { event?: string; level?: string; [k: string]: unknown };

export type ServeProcess = {
  child: ChildProcessWithoutNullStreams;
  port: number;
  url: string;
  logs: LogLine[];
  /** Everything the process wrote to stderr, as written. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a log line matches. */
  logged(pred: (l: LogLine) => boolean, ms?: number): Promise<LogLine>;
};

export async function startServe(env: Record<string, string>, ms = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', REVIEW_BOT_LOG: 'info', ...env } });
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let all = '';
  child.stderr.on('data', (d: Buffer) => {
    all += d.toString('utf8');
    buffer += d.toString('utf8');
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        /* a partial line from a crash */
      }
    }
    for (const w of [...waiters]) w();
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const logged = (pred: (l: LogLine) => boolean, wait = ms) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const hit = logs.find(pred);
        if (!hit) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`serve: no such log line; got ${logs.map((l) => l.event).join(', ')}`));
      }, wait);
      waiters.add(check);
      void exited.then(() =>
        setTimeout(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`serve exited; logs: ${JSON.stringify(logs.slice(-5))}`));
          }
        }, 50),
      );
      check();
    });
  const listening = await logged((l) => l.event === 'server.listening');
  const port = Number(listening.port);
  return { child, port, url: `http://127.0.0.1:${port}`, logs, stderr: () => all, exited, logged };
}

/** Slack's request signature (v0, HMAC-SHA256 over `v0:ts:body`). */
export function slackHeaders(secret: string, body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

/** A signed Slack Events API DM from `user`, with the given event id. */
export function slackDm(base: string, secret: string, user: string, text: string, eventId: string): Promise<Response> {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: eventId,
    event_time: 1,
    event: { type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${Date.now() / 1000}` },
  });
  return fetch(`${base}/slack/events`, { method: 'POST', headers: slackHeaders(secret, body), body });
}
