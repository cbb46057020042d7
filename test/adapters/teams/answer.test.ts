import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/index.js';
import { personalMessage, startInsecureTeamsBot, teamsAdapterOf, type InsecureTeamsBot } from '../../support/teams-bot.js';

// When Teams gets its HTTP answer: a message once its turn is committed, while the replies (calls
// to the connector of their own) are still going out; an `expectReplies` message only with its
// replies in the answer. Shutting down waits for replies under way. Real HTTP into the real
// CloudAdapter; the fake connector holds its answers until the test lets them go.

let bot: InsecureTeamsBot;
let release: () => void;
beforeEach(async () => {
  bot = await startInsecureTeamsBot({ log: silentLogger });
  const held = new Promise<void>((r) => {
    release = r;
  });
  bot.fake.holdCalls(() => held);
});
afterEach(async () => {
  release();
  await bot.close();
});

const activity = (user: string, text: string, over: Record<string, unknown> = {}) => personalMessage(bot, user, text, over);
/** The bare POST: resolves with the HTTP answer, whatever the bot is still doing. */
const post = (body: object) =>
  fetch(`http://127.0.0.1:${bot.server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const isSettled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 50));
  return done;
};

describe('Teams: when the HTTP request is answered', () => {
  it('a message is answered once its turn is committed, before its reply has reached the connector', async () => {
    const r = await post(activity('early', 'review'));
    expect(r.status).toBe(200);
    // Committed: the conversation has moved on in the store.
    expect((await bot.app.store.loadConversation('teams:aad-early')).rev).toBe(1);
    // The reply is at the connector, which has not answered it yet.
    await bot.fake.until((calls) => calls.some((c) => c.method === 'POST' && c.path.startsWith('/v3/conversations/conv-early/')));
    const settled = teamsAdapterOf(bot.server).settled();
    expect(await isSettled(settled)).toBe(false);
    release();
    await settled;
  });

  it('closing the server waits for the replies still going out', async () => {
    expect((await post(activity('closing', 'review'))).status).toBe(200);
    const closed = bot.server.close();
    expect(await isSettled(closed)).toBe(false);
    release();
    await closed;
    expect(bot.fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/v3/conversations/conv-closing/'))).toHaveLength(1);
  });

  it('an expectReplies message carries its replies in the answer, and nothing goes to the connector', async () => {
    const r = await post(activity('expect', 'review', { deliveryMode: 'expectReplies' }));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { activities?: { text?: string; attachments?: unknown[] }[] };
    // The first question of a review, as its card.
    expect(body.activities?.some((a) => (a.attachments?.length ?? 0) > 0)).toBe(true);
    expect(bot.fake.calls.filter((c) => c.path.includes('conv-expect'))).toEqual([]);
  });
});
