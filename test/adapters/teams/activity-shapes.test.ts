import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postActivity, startInsecureTeamsBot, type InsecureTeamsBot } from '../../support/teams-bot.js';
import { recordingLogger, snapshot } from '../../properties/support.js';

// Activities of shapes the Bot Framework never sends, through the real CloudAdapter over HTTP
// (authentication off), found by test/properties/teams.test.ts: each used to throw inside
// botbuilder's handlers or ours (a 501 or a failed turn). Now the edge refuses them with a short
// JSON 400, or answers an edit or deletion with a 200 that runs nothing; either way no reply is
// sent, nothing in the store changes and no error is logged.

let bot: InsecureTeamsBot;
const log = recordingLogger();
beforeAll(async () => {
  bot = await startInsecureTeamsBot({ log });
});
afterAll(() => bot?.close());

let n = 0;
const post = async (body: object) => {
  const r = await postActivity(bot.server, body);
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
};

/** Someone in a personal chat who has started a check: the bot waits for their first answer. */
async function started(user: string) {
  const key = `teams:aad-${user}`;
  const activity = (over: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${user}-${++n}`,
    channelId: 'msteams',
    serviceUrl: bot.fake.url,
    locale: 'en-US',
    from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
    conversation: { id: `conv-${user}`, conversationType: 'personal', tenantId: 't1' },
    recipient: { id: '28:bot', name: 'review-bot' },
    ...over,
  });
  expect((await post(activity({ text: 'review' }))).status).toBe(200);
  const question = bot.fake.calls.at(-1)!;
  expect(JSON.stringify(question.body)).toMatch(/What is this check about\?/);
  /** Post `a`; what came back, and whether anything was sent, stored or logged as an error meanwhile. */
  const exchange = async (a: object) => {
    const calls = bot.fake.calls.length;
    const logs = log.lines.length;
    const before = await snapshot(bot.app.store, [key], [key]);
    const answer = await post(a);
    return {
      answer,
      sent: bot.fake.calls.slice(calls),
      errors: log.lines.slice(logs).filter((l) => l.level === 'error'),
      changed: JSON.stringify(await snapshot(bot.app.store, [key], [key])) !== JSON.stringify(before),
    };
  };
  return { activity, exchange };
}

const refused = { status: 400, type: expect.stringMatching(/^application\/json/), body: JSON.stringify({ ok: false, error: 'invalid_payload' }) };
const nothing = { sent: [], errors: [], changed: false };

describe('Teams: activities the Bot Framework never sends are refused at the edge with a JSON 400', () => {
  // "purchase" answers the waiting question: each activity below would move the conversation on if it were taken.
  it.each<[string, Record<string, unknown>]>([
    ['from: null', { from: null }],
    ['no from', { from: undefined }],
    ['a from without an id', { from: { aadObjectId: 'aad-x', name: 'x' } }],
    ['a number as from.id', { from: { id: 29 } }],
    ['an object as from.id', { from: { id: { $ne: '' } } }],
    ['an empty from.id', { from: { id: '' } }],
    ['a number as from.aadObjectId', { from: { id: '29:x', aadObjectId: 7 } }],
    ['an empty from.aadObjectId', { from: { id: '29:x', aadObjectId: '' } }],
    ['a number as from.name', { from: { id: '29:x', name: 5 } }],
    ['a number as locale', { locale: 0 }],
    ['null as locale', { locale: null }],
    ['a list as locale', { locale: ['en'] }],
    // Who asks and where are copied into every reply: the connector's serialiser refused these, or the reply went nowhere.
    ['recipient: null', { recipient: null }],
    ['a number as recipient.id', { recipient: { id: 28 } }],
    ['conversation: null', { conversation: null }],
    ['no conversation', { conversation: undefined }],
    ['a number as conversation.id', { conversation: { id: 5, conversationType: 'personal' } }],
    ['a string as conversation.isGroup', { conversation: { id: 'c-x', isGroup: 'yes' } }],
    ['a number as conversation.tenantId', { conversation: { id: 'c-x', tenantId: 5 } }],
    ['a number as channelId', { channelId: 5 }],
    ['no channelId', { channelId: undefined }],
    ['a number as serviceUrl', { serviceUrl: 5 }],
    ['no serviceUrl', { serviceUrl: undefined }],
    ['a serviceUrl that is not a URL', { serviceUrl: 'not a url' }],
    ['a file: serviceUrl', { serviceUrl: 'file:///etc/passwd' }],
    ['a number as id', { id: 5 }],
  ])('a message with %s', async (_name, over) => {
    const p = await started(`from-${++n}`);
    const r = await p.exchange(p.activity({ text: 'purchase', ...over }));
    expect(r).toEqual({ answer: refused, ...nothing });
  });

  it.each<[string, unknown]>([
    ['value.action: null', { action: null }],
    ['a number as value.action', { action: 5 }],
    ['a string as value.action', { action: 'Action.Execute' }],
    ['a list as value.action', { action: [] }],
    ['no value.action', { verb: 'answer' }],
    ['a string as value', 'x'],
    ['no value', undefined],
  ])('an adaptiveCard/action invoke with %s', async (_name, value) => {
    const p = await started(`exec-${++n}`);
    const r = await p.exchange(p.activity({ type: 'invoke', name: 'adaptiveCard/action', value }));
    expect(r).toEqual({ answer: refused, ...nothing });
  });

  it.each<[string, Record<string, unknown>]>([
    ['membersAdded: "x"', { membersAdded: 'x' }],
    ['membersAdded: [null]', { membersAdded: [null] }],
    ['membersAdded: [5]', { membersAdded: [5] }],
    ['a member without a string id', { membersAdded: [{ id: 28 }] }],
    ['the bot and a null', { membersAdded: [{ id: '28:bot' }, null] }],
    ['membersRemoved: "x"', { membersRemoved: 'x' }],
    ['membersRemoved: [null]', { membersRemoved: [null] }],
  ])('a conversationUpdate with %s', async (_name, over) => {
    const p = await started(`members-${++n}`);
    const r = await p.exchange(p.activity({ type: 'conversationUpdate', ...over }));
    expect(r).toEqual({ answer: refused, ...nothing });
  });

  it('the same activities well-formed are taken: an answer, an Action.Execute click, a welcome', async () => {
    const p = await started(`control-${++n}`);
    const click = { type: 'Action.Execute', data: { step: 'matter', choice: 'purchase' } };
    const execute = await p.exchange(p.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: click } }));
    expect(execute).toMatchObject({ answer: { status: 200, body: expect.stringContaining('Your answer: purchase') }, errors: [], changed: true });
    const welcome = await p.exchange(p.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] }));
    expect(welcome).toMatchObject({ answer: { status: 200 }, errors: [] });
    expect(JSON.stringify(welcome.sent)).toContain('Cybersecurity review');
    const other = await started(`control-${++n}`);
    const answered = await other.exchange(other.activity({ text: 'purchase', from: { id: `29:${n}` }, locale: undefined }));
    expect(answered).toMatchObject({ answer: { status: 200 }, errors: [] });
    expect(answered.sent.length).toBeGreaterThan(0);
  });
});

describe('Teams: a message edit or deletion is answered 200 and runs nothing (the bot acts on neither)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['messageUpdate without channelData', { type: 'messageUpdate' }],
    ['messageUpdate with channelData: null', { type: 'messageUpdate', channelData: null }],
    ['messageUpdate of an edit', { type: 'messageUpdate', channelData: { eventType: 'editMessage' } }],
    ['messageDelete without channelData', { type: 'messageDelete' }],
    ['messageDelete with channelData: null', { type: 'messageDelete', channelData: null }],
    ['messageDelete of a soft delete', { type: 'messageDelete', channelData: { eventType: 'softDeleteMessage' } }],
  ])('%s', async (_name, over) => {
    const p = await started(`edit-${++n}`);
    const r = await p.exchange(p.activity({ text: 'purchase', ...over }));
    expect(r).toEqual({ answer: { status: 200, type: null, body: '' }, ...nothing });
  });

  it('an edit that is also malformed (from: null) is refused like any other', async () => {
    const p = await started(`edit-${++n}`);
    expect(await p.exchange(p.activity({ type: 'messageUpdate', from: null }))).toEqual({ answer: refused, ...nothing });
  });
});
