import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-web-api.js';
import { slackDm, startServe, type LogLine, type ServeProcess } from '../support/serve-process.js';

// Operations on the real process (`node bin/review-bot.js serve`): readiness, Prometheus metrics,
// and SIGTERM: stop taking requests, finish what is in flight, close the store, within a bound.

const SECRET = 'ops-signing-secret';
let fake: FakeSlack | null = null;
let serve: ServeProcess | null = null;
afterEach(async () => {
  if (serve && serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
  await serve?.exited;
  await fake?.close();
  serve = null;
  fake = null;
});

async function start(extra: Record<string, string> = {}) {
  fake = await startFakeSlack();
  const db = join(mkdtempSync(join(tmpdir(), 'rb-ops-')), 'db.sqlite');
  serve = await startServe({ REVIEW_BOT_DB: db, SLACK_BOT_TOKEN: 'xoxb-ops', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, ...extra });
  return { fake, serve, db };
}

const get = (base: string, path: string) =>
  fetch(`${base}${path}`).then(async (r) => ({ status: r.status, text: await r.text(), type: r.headers.get('content-type') }));
/** The value of one sample line in Prometheus text format, or null when absent. */
const sample = (text: string, line: string) => {
  const hit = text.split('\n').find((l) => l.startsWith(`${line} `));
  return hit ? Number(hit.slice(line.length + 1)) : null;
};

describe('review-bot serve: operations', () => {
  it('/readyz is 200 when the store answers; /metrics counts turns, acks and duplicates in Prometheus text', async () => {
    const { fake, serve } = await start();
    expect(await get(serve.url, '/readyz')).toMatchObject({ status: 200, text: JSON.stringify({ ready: true, state: 'ready' }) });
    expect((await slackDm(serve.url, SECRET, 'U1', 'review', 'EvOps1')).status).toBe(200);
    await fake.until(() => fake.of('chat.postMessage').length === 1);
    // The same event again (Slack retried): one turn only.
    expect((await slackDm(serve.url, SECRET, 'U1', 'review', 'EvOps1')).status).toBe(200);
    const m = await get(serve.url, '/metrics');
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    await expect.poll(async () => sample((await get(serve.url, '/metrics')).text, 'review_bot_turns_total{platform="slack",outcome="duplicate"}')).toBe(1);
    const text = (await get(serve.url, '/metrics')).text;
    expect(sample(text, 'review_bot_store_rejected_writes_total{result="duplicate"}')).toBe(1);
    expect(sample(text, 'review_bot_turns_total{platform="slack",outcome="ok"}')).toBe(1);
    expect(sample(text, 'review_bot_turn_duration_seconds_count{platform="slack"}')).toBe(2);
    expect(sample(text, 'review_bot_acks_total{platform="slack",status="200"}')).toBe(2);
    expect(sample(text, 'review_bot_ack_duration_seconds_bucket{le="+Inf",platform="slack"}')).toBe(2);
    expect(sample(text, 'review_bot_reminders_total{outcome="sent"}')).toBe(0);
    expect(sample(text, 'review_bot_open_cases{status="open"}')).toBe(0);
    expect(sample(text, 'review_bot_store_errors_total{code="io"}')).toBeNull(); // nothing failed
    expect(fake.of('chat.postMessage')).toHaveLength(1);
  });

  it('SIGTERM: readiness drops at once, new requests are refused, the turn in flight finishes, exit 0', async () => {
    const { fake, serve, db } = await start();
    const held = fake.hold('chat.postMessage'); // the bot's reply waits at "Slack" until released
    expect((await slackDm(serve.url, SECRET, 'U1', 'review', 'EvTerm1')).status).toBe(200);
    await fake.until(() => held.waiting() === 1);
    serve.child.kill('SIGTERM');
    await serve.logged((l) => l.event === 'server.draining');
    expect(await get(serve.url, '/readyz')).toMatchObject({ status: 503, text: JSON.stringify({ ready: false, state: 'draining' }) });
    expect((await slackDm(serve.url, SECRET, 'U2', 'review', 'EvTerm2')).status).toBe(503);
    expect(serve.child.exitCode).toBeNull(); // still waiting for the reply to go out
    held.release();
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(fake.of('chat.postMessage').map((c) => c.params.channel)).toEqual(['DU1']);
    expect(serve.logs.some((l) => l.event === 'server.stopped')).toBe(true);
    // The store was closed cleanly and holds the turn; the refused request left nothing.
    const store = await openSqliteStore(db);
    expect((await store.loadConversation('slack:U1')).rev).toBe(1);
    expect((await store.loadConversation('slack:U2')).rev).toBe(0);
    await store.close();
  });

  it('stderr is structured lines only, with nothing secret or typed in them: turns, refusals and what the SDKs print', async () => {
    const appPassword = 'teams-app-password-77';
    const { fake, serve } = await start({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: appPassword });
    const typed = 'our plan is confidential-plan-31';
    expect((await slackDm(serve.url, SECRET, 'U1', typed, 'EvLog1')).status).toBe(200);
    await fake.until(() => fake.of('chat.postMessage').length === 1);
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${serve.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post('/slack/events', '{"type":"event_callback"}', { 'x-slack-signature': 'v0=bad' })).status).toBe(401);
    expect((await post('/api/messages', '{oops', { authorization: 'Bearer a.b.c' })).status).toBe(400);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const untrusted = `Bearer ${b64({ alg: 'RS256' })}.${b64({ iss: 'https://issuer.example', exp: 4102444800 })}.c2ln`;
    const activity = {
      type: 'message',
      id: 'a1',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      text: 'attacker-marker-55',
      from: { id: '29:m' },
      conversation: { id: 'c' },
      recipient: { id: '28:b' },
    };
    expect((await post('/api/messages', JSON.stringify(activity), { authorization: untrusted })).status).toBe(401);
    expect((await fetch(`${serve.url}/nowhere`)).status).toBe(404);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    const lines = serve
      .stderr()
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((l) => (JSON.parse(l) as LogLine).event)).toEqual(
      expect.arrayContaining(['server.listening', 'slack.request_refused', 'teams.request_refused', 'server.stopped']),
    );
    for (const secret of ['confidential-plan-31', 'attacker-marker-55', SECRET, appPassword, 'xoxb-ops']) expect(serve.stderr()).not.toContain(secret);
  });

  it('SIGTERM with work that never finishes: gives up after REVIEW_BOT_SHUTDOWN_MS and exits 1', async () => {
    const { fake, serve } = await start({ REVIEW_BOT_SHUTDOWN_MS: '500' });
    const held = fake.hold('chat.postMessage');
    expect((await slackDm(serve.url, SECRET, 'U1', 'review', 'EvHang1')).status).toBe(200);
    await fake.until(() => held.waiting() === 1);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 1, signal: null });
    expect(serve.logs.find((l) => l.event === 'server.shutdown_timeout')).toMatchObject({ level: 'error', boundMs: 500 });
  });
});
