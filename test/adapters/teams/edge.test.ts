import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { Logger } from '../../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { createTeamsAdapter, TEAMS_LIMITS } from '../../../adapters/teams/index.js';
import { startFakeConnector } from '../../support/fake-connector.js';
import { answerWithin, openRequest } from '../../support/raw-http.js';

// POST /api/messages with authentication ON, as it runs on the internet: whatever is wrong with a
// request (its body, its size, its pace, its token) is answered with the server's short JSON error,
// never an HTML page or a stack trace, reaches no handler, and prints nothing to the console: the
// only trace is one structured log line.

const APP_ID = '00000000-0000-0000-0000-000000000001';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A JWT from an issuer the Bot Framework does not trust: refused by the SDK without any network. */
const UNTRUSTED = `Bearer ${b64({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${b64({ iss: 'https://issuer.example', aud: APP_ID, exp: 4102444800 })}.c2ln`;
const refusal = (error: string) => JSON.stringify({ ok: false, error });

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;
const logs: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
const log: Logger = {
  info: (event, fields) => logs.push({ level: 'info', event, ...(fields ? { fields } : {}) }),
  warn: (event, fields) => logs.push({ level: 'warn', event, ...(fields ? { fields } : {}) }),
  error: (event, fields) => logs.push({ level: 'error', event, ...(fields ? { fields } : {}) }),
};

beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: createNlu(), log });
  const adapter = createTeamsAdapter({ config: c.value.teams!, bot: app.bot, log, limits: { maxPending: 2, bodyTimeoutMs: 400 } });
  server = await startServer(app, 0, { adapters: [adapter] });
  logs.length = 0; // server.listening
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});

// Anything the SDK prints to the console would be a line on stderr that is not structured.
let printed: unknown[][] = [];
beforeAll(() => {
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      printed.push(args);
    });
});
afterEach(() => {
  printed = [];
  logs.length = 0;
});

const activity = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  text: 'review',
  from: { id: '29:m', aadObjectId: 'aad-m' },
  conversation: { id: 'c-m', conversationType: 'personal' },
  recipient: { id: '28:bot' },
};
const post = async (body: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: UNTRUSTED, ...headers },
    body,
  });
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
};
async function nothingHandled() {
  expect(fake.calls).toHaveLength(0);
  expect(await app.store.getPerson('teams:aad-m')).toBeNull();
  expect(printed).toEqual([]);
}

describe('Teams: bodies that are not activities', () => {
  it.each<[string, string, number, string]>([
    ['malformed JSON', '{oops', 400, 'malformed_json'],
    ['a JSON null', 'null', 400, 'invalid_payload'],
    ['a JSON array', '[]', 400, 'invalid_payload'],
    ['an object without a type', '{"text":"hi"}', 400, 'invalid_payload'],
    // Refused for its shape before its token is looked at, as a body that is not JSON is.
    ['an activity with from: null', JSON.stringify({ ...activity, from: null }), 400, 'invalid_payload'],
    ['an Action.Execute without an action', JSON.stringify({ ...activity, type: 'invoke', name: 'adaptiveCard/action', value: {} }), 400, 'invalid_payload'],
  ])('%s: a short JSON 400, no stack, nothing printed', async (_name, body, status, error) => {
    const r = await post(body);
    expect(r).toEqual({ status, type: expect.stringMatching(/^application\/json/), body: refusal(error) });
    await nothingHandled();
    expect(logs).toEqual([{ level: 'warn', event: 'teams.request_refused', fields: { reason: error, status } }]);
  });

  it('a body over the limit: 413 JSON (declared: before it is sent; chunked: once it crosses the limit)', async () => {
    const declared = openRequest(server.port, '/api/messages', {
      'content-type': 'application/json',
      authorization: UNTRUSTED,
      'content-length': String(TEAMS_LIMITS.maxBytes + 1),
    });
    expect(await answerWithin(declared, 3000)).toMatchObject({ status: 413, body: refusal('payload_too_large') });
    declared.destroy();
    const chunked = openRequest(server.port, '/api/messages', { 'content-type': 'application/json', authorization: UNTRUSTED });
    for (let i = 0; i < 5; i++) chunked.write(Buffer.alloc(64 * 1024, 0x20));
    expect(await answerWithin(chunked, 3000)).toMatchObject({ status: 413, body: refusal('payload_too_large') });
    chunked.destroy();
    await nothingHandled();
  });

  it('a body too slow (408), and more slow bodies than the cap (503 busy): the slots come back afterwards', async () => {
    const slow = [0, 1].map(() =>
      openRequest(server.port, '/api/messages', { 'content-type': 'application/json', authorization: UNTRUSTED, 'content-length': '1000' }),
    );
    for (const s of slow) s.write('{"type":');
    const third = openRequest(server.port, '/api/messages', { 'content-type': 'application/json', authorization: UNTRUSTED, 'content-length': '1000' });
    expect(await answerWithin(third, 3000)).toMatchObject({ status: 503, body: refusal('busy'), headers: { 'retry-after': '1' } });
    for (const s of slow) expect(await answerWithin(s, 3000)).toMatchObject({ status: 408, body: refusal('request_timeout') });
    expect((await post(JSON.stringify(activity))).status).toBe(401); // read again, and refused for its token
    await nothingHandled();
  });
});

describe('Teams: authentication refusals', () => {
  it.each<[string, Record<string, string>]>([
    ['no Authorization header', { authorization: '' }],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-jwt' }],
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('%s: 401 JSON before the body is read', async (_name, headers) => {
    const r = openRequest(server.port, '/api/messages', {
      'content-type': 'application/json',
      'content-length': '5000',
      ...(headers.authorization ? headers : {}),
    });
    expect(await answerWithin(r, 3000)).toMatchObject({ status: 401, body: refusal('unauthorized') });
    r.destroy();
    await nothingHandled();
  });

  it("a JWT the SDK refuses: 401 JSON, the attacker's body nowhere (not in the answer, the console or the log)", async () => {
    const marker = 'attacker-marker-4242';
    const r = await post(JSON.stringify({ ...activity, text: marker }));
    expect(r).toEqual({ status: 401, type: expect.stringMatching(/^application\/json/), body: refusal('unauthorized') });
    await nothingHandled();
    expect(JSON.stringify(logs)).not.toContain(marker);
    expect(logs).toEqual([{ level: 'warn', event: 'teams.request_refused', fields: { reason: 'unauthorized', status: 401 } }]);
  });

  it('a message edit, answered 200 without running a handler, is still refused for its token', async () => {
    const r = await post(JSON.stringify({ ...activity, type: 'messageUpdate' }));
    expect(r).toEqual({ status: 401, type: expect.stringMatching(/^application\/json/), body: refusal('unauthorized') });
    await nothingHandled();
  });

  it('a content type that is not JSON: 415 JSON', async () => {
    expect(await post('type=message', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      status: 415,
      type: expect.stringMatching(/^application\/json/),
      body: refusal('unsupported_media_type'),
    });
  });
});

describe('the rest of the server', () => {
  it.each([
    ['GET', '/api/messages'],
    ['GET', '/nothing-here'],
    ['POST', '/slack/events'],
  ])("%s %s: 404 JSON, not Express's HTML page", async (method, path) => {
    const r = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
    expect({ status: r.status, type: r.headers.get('content-type'), body: await r.text() }).toEqual({
      status: 404,
      type: expect.stringMatching(/^application\/json/),
      body: refusal('not_found'),
    });
  });
});
