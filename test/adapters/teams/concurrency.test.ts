import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/index.js';
import { sayInPersonalChat, startInsecureTeamsBot, type InsecureTeamsBot } from '../../support/teams-bot.js';
import type { ConnectorCall } from '../../support/fake-connector.js';

// A turn that retires an earlier card (PUT) and sends new messages (POST) does not wait for one
// before starting the other: the connector holds every update until a new message of the same
// turn has arrived. Sent one after the other, the POST would only come after the hold gave up.

let bot: InsecureTeamsBot;
beforeAll(async () => {
  bot = await startInsecureTeamsBot({ log: silentLogger });
});
afterAll(async () => {
  await bot?.close();
});

const say = (user: string, text: string | undefined, over: Record<string, unknown> = {}) => sayInPersonalChat(bot, user, text, over);

/** Holds each update until a POST arrives after it (or `capMs` passes); records which updates saw one. */
function holdUpdatesUntilAPost(capMs = 2_000) {
  const overlapped: boolean[] = [];
  bot.fake.holdCalls(async (call: ConnectorCall) => {
    if (call.method !== 'PUT') return;
    const at = bot.fake.calls.indexOf(call);
    const posted = bot.fake
      .until((calls) => calls.slice(at + 1).some((c) => c.method === 'POST'), capMs)
      .then(
        () => true,
        () => false,
      );
    overlapped.push(await posted);
  });
  return overlapped;
}

describe('Teams: a turn sends its card updates and its messages together', () => {
  it('a typed answer: the PUT that retires the earlier card is still open when the next question is posted', async () => {
    await say('typed', 'review');
    const overlapped = holdUpdatesUntilAPost();
    try {
      expect((await say('typed', 'purchase')).status).toBe(200);
    } finally {
      bot.fake.holdCalls(null);
    }
    expect(overlapped).toEqual([true]);
  });

  it('a card click: the clicked card is updated while the next question goes out', async () => {
    for (const text of ['review', 'purchase', 'hpc_servers']) await say('click', text);
    const asked = bot.fake.calls.filter((c) => c.method === 'POST' && c.path.includes('conv-click')).at(-1)!;
    const button = (asked.body.attachments as { content: { actions: { data: Record<string, unknown> }[] } }[])[0]!.content.actions[0]!;
    const overlapped = holdUpdatesUntilAPost();
    try {
      expect((await say('click', undefined, { value: button.data, replyToId: asked.id })).status).toBe(200);
    } finally {
      bot.fake.holdCalls(null);
    }
    expect(overlapped).toEqual([true]);
  });
});
