import http from 'node:http';
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { startFakeConnector } from '../../support/fake-connector.js';

// Authentication ON (MICROSOFT_APP_ID + MICROSOFT_APP_PASSWORD): requests without a valid Bot Connector
// token must get 401 and reach no handler, and deciding that must not need the network.
//
// How botframework-connector decides (JwtTokenExtractor): no header / not "Bearer <token>" -> refused;
// a token that does not decode as a JWT, or whose `iss` is not an issuer it trusts -> refused, both
// before any key lookup. Only a JWT that claims a trusted issuer (e.g. https://api.botframework.com)
// makes it fetch the OpenID metadata and signing keys (login.botframework.com) to check the signature.

const APP_ID = '00000000-0000-0000-0000-000000000001';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => `${b64({ alg: 'RS256', typ: 'JWT', kid: 'made-up' })}.${b64(payload)}.${Buffer.from('not a signature').toString('base64url')}`;
const future = Math.floor(new Date('2100-01-01').getTime() / 1000);

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;

beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: createNlu(), log: silentLogger });
  server = await startServer(app, 0);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Any outgoing HTTP(S) request the SDK would make (node-fetch goes through http/https.request). */
function watchNetwork(fail = false) {
  const attempts: string[] = [];
  const watch = (mod: typeof http | typeof https, scheme: string) =>
    vi.spyOn(mod, 'request').mockImplementation(((url: unknown, opts: unknown) => {
      const o = (typeof url === 'object' && url && !(url instanceof URL) ? url : opts) as { hostname?: string; host?: string } | undefined;
      attempts.push(`${scheme}://${url instanceof URL ? url.host : typeof url === 'string' ? url : (o?.hostname ?? o?.host)}`);
      if (fail) throw Object.assign(new Error('network disabled in this test'), { code: 'ENETUNREACH' });
      throw new Error(`unexpected network request in an offline test: ${attempts.at(-1)}`);
    }) as never);
  watch(http, 'http');
  watch(https, 'https');
  return attempts;
}

const activity = (id: string) => ({
  type: 'message',
  id,
  channelId: 'msteams',
  serviceUrl: fake.url,
  text: 'review',
  from: { id: '29:mallory', aadObjectId: 'aad-mallory' },
  conversation: { id: 'conv-mallory', conversationType: 'personal' },
  recipient: { id: '28:bot' },
});
const post = (id: string, headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity(id)),
  });

describe('Teams with authentication on', () => {
  it.each([
    ['no Authorization header', {}],
    ['a garbage bearer token', { authorization: 'Bearer not-a-jwt' }],
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    [
      'a well-formed JWT from an issuer Bot Framework does not trust',
      { authorization: `Bearer ${jwt({ iss: 'https://issuer.example', aud: APP_ID, exp: future })}` },
    ],
  ])('%s: 401, no handler reached, no network used', async (name, headers) => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // the SDK prints each refusal
    const attempts = watchNetwork();
    const r = await post(`auth-${name}`, headers);
    expect(r.status).toBe(401);
    expect(attempts).toEqual([]);
    expect(fake.calls).toHaveLength(0);
    expect(await app.store.getPerson('teams:aad-mallory')).toBeNull(); // bot.handle never ran
  });

  it('a JWT claiming the Bot Framework issuer needs the signing keys: offline that is a refusal too (500), still no handler', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const attempts = watchNetwork(true);
    const r = await post('auth-forged', { authorization: `Bearer ${jwt({ iss: 'https://api.botframework.com', aud: APP_ID, exp: future })}` });
    expect(r.status).toBe(500); // the key fetch failed (not an AuthenticationError); online an unknown key gives 401
    expect(attempts.some((a) => a.includes('login.botframework.com'))).toBe(true); // the OpenID metadata lookup it would make
    expect(fake.calls).toHaveLength(0);
    expect(await app.store.getPerson('teams:aad-mallory')).toBeNull();
  });
});
