import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { CLIENT_CACHE_SIZE, ClientCache, ReusingAuthentication } from '../../../adapters/teams/clients.js';
import { silentLogger } from '../../../src/runtime/index.js';
import { sayInPersonalChat, startInsecureTeamsBot } from '../../support/teams-bot.js';
import { startFakeConnector } from '../../support/fake-connector.js';

// Connector and user-token clients are made once per (app id, service URL, audience) and reused:
// the same object for the same key, a new one for another key, and nothing kept from a failure.

describe('ClientCache', () => {
  it('one creation per key; the least recently used key goes first once the cache is full', async () => {
    const cache = new ClientCache<string>(2);
    let made = 0;
    const make = (v: string) => () => Promise.resolve(`${v}#${++made}`);
    expect(await cache.get('a', make('a'))).toBe('a#1');
    expect(await cache.get('a', make('a'))).toBe('a#1');
    expect(await cache.get('b', make('b'))).toBe('b#2');
    await cache.get('a', make('a')); // a is now the most recent: b goes when c comes
    expect(await cache.get('c', make('c'))).toBe('c#3');
    expect(cache.count).toBe(2);
    expect(await cache.get('a', make('a'))).toBe('a#1');
    expect(await cache.get('b', make('b'))).toBe('b#4');
  });

  it('a creation that failed is not kept: the next request tries again', async () => {
    const cache = new ClientCache<string>();
    await expect(cache.get('k', () => Promise.reject(new Error('token endpoint down')))).rejects.toThrow('token endpoint down');
    expect(cache.count).toBe(0);
    expect(await cache.get('k', () => Promise.resolve('ok'))).toBe('ok');
  });
});

describe('ReusingAuthentication (authentication off)', () => {
  const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'msteams', serviceUrl }) as Activity;

  it('the same service URL gets the same connector client, another URL its own; the user-token client is made once', async () => {
    const auth = new ReusingAuthentication({});
    const client = async (url: string) => {
      const r = await auth.authenticateRequest(activity(url), '');
      return r.connectorFactory!.create(url, r.audience);
    };
    const first = await client('https://smba.example/emea/');
    expect(await client('https://smba.example/emea/')).toBe(first);
    const other = await client('https://smba.example/amer/');
    expect(other).not.toBe(first);
    expect((other as unknown as { baseUri: string }).baseUri).toBe('https://smba.example/amer/');
    const identity = (await auth.authenticateRequest(activity('https://smba.example/emea/'), '')).claimsIdentity;
    expect(await auth.createUserTokenClient(identity)).toBe(await auth.createUserTokenClient(identity));
    // Proactive sends (createConnectorFactory) share the same clients.
    const { audience } = await auth.authenticateRequest(activity('https://smba.example/emea/'), '');
    expect(await auth.createConnectorFactory(identity).create('https://smba.example/emea/', audience)).toBe(first);
  });

  it(`keeps at most ${CLIENT_CACHE_SIZE} connector clients`, async () => {
    const auth = new ReusingAuthentication({});
    for (let i = 0; i < CLIENT_CACHE_SIZE + 10; i++) {
      const url = `https://smba.example/r${i}/`;
      const r = await auth.authenticateRequest(activity(url), '');
      await r.connectorFactory!.create(url, r.audience);
    }
    expect(auth.connectors.count).toBe(CLIENT_CACHE_SIZE);
  });
});

describe('Teams turns from two service URLs (real CloudAdapter over HTTP)', () => {
  it('each reply goes to the connector its activity came from, turn after turn, interleaved', async () => {
    const bot = await startInsecureTeamsBot({ log: silentLogger });
    const second = await startFakeConnector();
    try {
      const say = (user: string, serviceUrl: string, text: string) => sayInPersonalChat(bot, user, text, { serviceUrl });
      for (const text of ['review', 'purchase', 'hpc_servers']) {
        expect((await say('emea', bot.fake.url, text)).status).toBe(200);
        expect((await say('amer', second.url, text)).status).toBe(200);
      }
      const conversations = (calls: { path: string }[]) => new Set(calls.map((c) => decodeURIComponent(c.path).split('/')[3]));
      expect(conversations(bot.fake.calls)).toEqual(new Set(['conv-emea']));
      expect(conversations(second.calls)).toEqual(new Set(['conv-amer']));
      // Three questions each, and the two typed answers retired the cards before them.
      for (const calls of [bot.fake.calls, second.calls]) {
        expect(calls.filter((c) => c.method === 'POST')).toHaveLength(3);
        expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2);
      }
    } finally {
      await second.close();
      await bot.close();
    }
  });
});
