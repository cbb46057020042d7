import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFreeText } from '../../src/domain/index.js';
import { postActivity, startInsecureTeamsBot, type InsecureTeamsBot } from '../support/teams-bot.js';
import { hostileText, recordingLogger, runs, snapshot, tally, TIME_LIMIT, unclear } from './support.js';

// Teams activities through the real CloudAdapter over HTTP (authentication off:
// REVIEW_BOT_INSECURE_LOCAL=1), replies to a local fake Bot Connector. Whatever arrives: never a
// 5xx from our side, nothing thrown in a turn, every text the bot sends is clear, and an activity
// that asks nothing of the bot (a stale click, junk task data, refused text) changes nothing. One
// of a shape the Bot Framework never sends is refused at the edge: a JSON 400, before any handler.

let bot: InsecureTeamsBot;
const log = recordingLogger();
beforeAll(async () => {
  bot = await startInsecureTeamsBot({ log, clock: () => new Date('2026-03-02T02:00:00Z') });
});
afterAll(() => bot?.close());

let n = 0;
const absentOr = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const post = (body: string) => postActivity(bot.server, body);

const odd = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.object({ maxDepth: 1 }), fc.constant(''), hostileText);
/** Values that are neither a string nor an object with an id: no account, no locale, no URL. */
const notText = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.constant({}));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One field of who asks and where broken as the Bot Framework never sends it (the sender, the bot,
 * the conversation, the channel, where replies go, the locale): such an activity is refused.
 */
const brokenEnvelope = fc.oneof(
  fc.record({
    from: fc.oneof(
      notText,
      fc.constant(undefined),
      fc.record({ id: fc.oneof(notText, fc.constant('')) }),
      fc.record({ id: fc.constant('29:x'), aadObjectId: fc.oneof(notText, fc.constant('')) }),
      fc.record({ id: fc.constant('29:x'), name: notText }),
    ),
  }),
  fc.record({ locale: notText }),
  fc.record({ recipient: fc.oneof(notText, fc.constant(undefined), fc.record({ id: notText })) }),
  fc.record({
    conversation: fc.oneof(
      notText,
      fc.constant(undefined),
      fc.record({ id: notText }),
      fc.record({ id: fc.constant('c-x'), isGroup: fc.oneof(fc.integer(), hostileText) }),
    ),
  }),
  fc.record({ channelId: fc.oneof(notText, fc.constant(''), fc.constant(undefined)) }),
  fc.record({ serviceUrl: fc.oneof(notText, fc.constant(undefined), fc.constantFrom('not a url', 'file:///etc/passwd', 'ftp://127.0.0.1/')) }),
);

/** A person of their own for one run, in a personal chat or a channel; `broken`: their activities are malformed (`brokenEnvelope`). */
const person = fc
  .record({
    channel: fc.boolean(),
    locale: absentOr(fc.oneof(fc.constantFrom('en-US', 'zh-CN', 'fr', 'zh', 'EN'), hostileText)),
    broken: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: brokenEnvelope }),
  })
  .map(({ channel, locale, broken }) => {
    const user = `p${++n}x${Date.now()}`;
    return {
      key: `teams:aad-${user}`,
      broken: broken !== null,
      base: {
        channelId: 'msteams',
        serviceUrl: bot.fake.url,
        ...(locale !== undefined ? { locale } : {}),
        from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
        conversation: channel
          ? { id: `19:chan-${user}`, conversationType: 'channel', tenantId: 't1' }
          : { id: `conv-${user}`, conversationType: 'personal', tenantId: 't1' },
        recipient: { id: '28:bot', name: 'review-bot' },
        ...broken,
      },
    };
  });

/** Post one activity; report the HTTP answer, what reached the connector, what the store says before and after. */
async function exchange(key: string, activity: Record<string, unknown>) {
  const calls = bot.fake.calls.length;
  const logs = log.lines.length;
  const before = await snapshot(bot.app.store, [key], [key]);
  const res = await post(JSON.stringify(activity));
  const body = await res.text();
  const after = await snapshot(bot.app.store, [key], [key]);
  const sent = bot.fake.calls.slice(calls).map((c) => c.body);
  // The texts a person would read: plain replies, card text blocks, and the invoke's own answer.
  const texts = sent.flatMap((b) => [
    ...(typeof b.text === 'string' ? [b.text] : []),
    ...((b.attachments as { content?: { body?: { type?: string; text?: unknown }[] } }[] | undefined) ?? [])
      .flatMap((a) => a.content?.body ?? [])
      .filter((x) => x.type === 'TextBlock' && typeof x.text === 'string')
      .map((x) => x.text as string),
  ]);
  return { status: res.status, body, before, after, sent: sent.length, texts, errors: log.lines.slice(logs).filter((l) => l.level === 'error') };
}

/** Refused at the edge: a JSON 400, before any handler, so nothing is sent, stored or logged as a failure. */
function refusedAtEdge(r: Awaited<ReturnType<typeof exchange>>) {
  expect({ status: r.status, body: JSON.parse(r.body) as unknown, sent: r.sent, errors: r.errors }).toEqual({
    status: 400,
    body: { ok: false, error: 'invalid_payload' },
    sent: 0,
    errors: [],
  });
  expect(r.after).toEqual(r.before);
}

const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** Card data that looks like an answer, for steps and choices nobody was asked. */
const answerData = fc
  .record({
    step: fc.oneof(fc.constantFrom('ciio', 'matter', 'category', '__proto__'), odd),
    choice: fc.oneof(fc.constantFrom('yes', 'no', 'hpc_servers', 'constructor'), odd),
    question: absentOr(odd),
    label: absentOr(odd),
    owner: absentOr(odd),
  })
  .map(clean);
const answerShaped = (v: unknown) =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { step?: unknown }).step === 'string' &&
  (v as { step: string }).step !== '' &&
  typeof (v as { choice?: unknown }).choice === 'string';

describe('Teams activities over HTTP (properties)', () => {
  const messageTally = tally('teams: message activities with odd fields');
  const invokeTally = tally('teams: invokes with odd data');
  const otherTally = tally('teams: other activity types');
  const bodyTally = tally('teams: malformed bodies');
  afterAll(() => {
    messageTally.write();
    invokeTally.write();
    otherTally.write();
    bodyTally.write();
  });

  it(
    'message activities with odd text, values, entities, locales and senders: answered or refused, nothing thrown, clear replies, and a refusal changes nothing',
    async () => {
      const fields = fc.record({
        text: absentOr(
          fc.oneof(
            { weight: 4, arbitrary: hostileText },
            { weight: 1, arbitrary: fc.string({ minLength: 2001, maxLength: 3000 }) },
            { weight: 1, arbitrary: odd },
          ),
        ),
        value: absentOr(fc.oneof(answerData, odd)),
        entities: absentOr(
          fc.oneof(
            odd,
            fc.array(fc.oneof(odd, fc.record({ type: fc.constant('mention'), text: odd, mentioned: fc.oneof(odd, fc.record({ id: fc.constant('28:bot') })) }))),
          ),
        ),
        replyToId: absentOr(odd),
      });
      await fc.assert(
        fc.asyncProperty(person, fields, async (p, f) => {
          const r = await exchange(p.key, { ...p.base, type: 'message', id: `m${++n}`, ...clean(f) });
          messageTally.input();
          if (p.broken) {
            messageTally.refused();
            return refusedAtEdge(r);
          }
          expect(r.status).toBe(200);
          expect(r.errors).toEqual([]);
          for (const t of r.texts) expect(unclear(t)).toBeNull();
          const typed = typeof f.text === 'string' ? f.text.replace(/\u00a0/g, ' ').trim() : '';
          // Nothing is in progress for this person: a card answer is stale, and text the check refuses is refused.
          // (Where the person was last seen is kept for every message: that is not the message's doing.)
          if (answerShaped(f.value) || (!f.value && !checkFreeText(typed).ok)) {
            messageTally.refused();
            expect({ ...r.after, people: [] }).toEqual({ ...r.before, people: [] });
            expect(r.texts.length).toBeGreaterThan(0);
          }
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );

  it(
    'task/fetch, task/submit and adaptiveCard/action with odd data: a well-formed answer, nothing thrown, and nothing changes',
    async () => {
      const data = fc.oneof(
        fc
          .record({
            caseId: fc.oneof(fc.constantFrom('RB-NOCASE', 'RB-', '__proto__'), odd),
            form: fc.oneof(fc.constantFrom('declaration', 'risk', '__proto__', 'constructor'), odd),
            applicant_org: absentOr(odd),
            msteams: absentOr(odd),
          })
          .map(clean),
        answerData,
        odd,
      );
      const invoke = fc.oneof(
        fc.record({ name: fc.constantFrom('task/fetch', 'task/submit'), value: fc.oneof(fc.record({ data, context: absentOr(odd) }).map(clean), odd) }),
        fc.record({
          name: fc.constant('adaptiveCard/action'),
          value: fc.oneof(
            {
              weight: 4,
              arbitrary: fc.record({
                action: fc.record({ type: fc.oneof(fc.constant('Action.Execute'), odd), verb: absentOr(odd), data: absentOr(data) }).map(clean),
              }),
            },
            // Teams always sends an action object: none, another kind of value, or no value at all.
            { weight: 1, arbitrary: fc.record({ action: odd }) },
            { weight: 1, arbitrary: fc.record({ verb: absentOr(odd) }).map(clean) },
            { weight: 1, arbitrary: absentOr(odd) },
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(person, invoke, async (p, inv) => {
          const r = await exchange(p.key, { ...p.base, type: 'invoke', id: `i${++n}`, ...clean(inv) });
          invokeTally.input();
          const value = inv.value as { action?: unknown } | undefined;
          if (p.broken || (inv.name === 'adaptiveCard/action' && !(isObject(value) && isObject(value.action)))) {
            invokeTally.refused();
            return refusedAtEdge(r);
          }
          expect(r.errors).toEqual([]);
          expect(r.status === 200 || (r.status >= 400 && r.status < 500)).toBe(true);
          invokeTally.refused();
          expect({ ...r.after, people: [] }).toEqual({ ...r.before, people: [] }); // where the person was last seen aside
          const answer = JSON.parse(r.body || 'null') as {
            task?: { type: string; value: unknown };
            statusCode?: number;
            type?: string;
            value?: unknown;
          } | null;
          if (inv.name.startsWith('task/')) {
            expect(answer?.task?.type).toBe('message'); // no such case or section: said in words, no dialog
            expect(unclear(answer!.task!.value)).toBeNull();
          } else if (r.status === 200) {
            expect(answer?.type).toBe('application/vnd.microsoft.activity.message');
            expect(unclear(answer!.value)).toBeNull();
          }
          for (const t of r.texts) expect(unclear(t)).toBeNull();
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );

  it(
    'other activity types (updates, typing, reactions, unknown ones): a 2xx or a 4xx, nothing thrown, nothing changes',
    async () => {
      const members = fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.array(fc.record({ id: fc.oneof(fc.constant('28:bot'), hostileText) }), { maxLength: 2 }) },
        // Not a list of accounts: members without a string id, or that are no objects, or no list.
        { weight: 1, arbitrary: fc.array(fc.oneof(fc.record({ id: notText }), notText, hostileText), { minLength: 1, maxLength: 2 }) },
        { weight: 1, arbitrary: odd },
      );
      const activity = fc.record({
        type: fc.oneof(
          fc.constantFrom(
            'conversationUpdate',
            'typing',
            'messageReaction',
            'installationUpdate',
            'event',
            'endOfConversation',
            'messageUpdate',
            'messageDelete',
          ),
          hostileText.filter((t) => t !== ''),
        ),
        channelData: absentOr(
          fc.oneof(fc.record({ eventType: fc.oneof(fc.constantFrom('editMessage', 'softDeleteMessage', 'teamRenamed'), hostileText) }), odd),
        ),
        membersAdded: members,
        membersRemoved: members,
        reactionsAdded: absentOr(odd),
        name: absentOr(odd),
        value: absentOr(odd),
      });
      /** What the Bot Framework sends as membersAdded and membersRemoved: a list of accounts, each with an id. */
      const accounts = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((m) => isObject(m) && typeof m.id === 'string' && m.id !== ''));
      await fc.assert(
        fc.asyncProperty(person, activity, async (p, a) => {
          const r = await exchange(p.key, { ...p.base, id: `o${++n}`, ...clean(a) });
          otherTally.input();
          if (p.broken || !accounts(a.membersAdded) || !accounts(a.membersRemoved)) {
            otherTally.refused();
            return refusedAtEdge(r);
          }
          expect(r.errors).toEqual([]);
          expect(r.status < 300 || (r.status >= 400 && r.status < 500)).toBe(true);
          if (r.status >= 400) otherTally.refused();
          if (a.type === 'messageUpdate' || a.type === 'messageDelete') {
            // An edit or a deletion asks nothing of the bot: answered 200, and nothing at all happens.
            expect({ status: r.status, sent: r.sent }).toEqual({ status: 200, sent: 0 });
            expect(r.after).toEqual(r.before);
          }
          expect(r.after.conversations).toEqual(r.before.conversations);
          expect(r.after.cases).toEqual(r.before.cases);
          for (const t of r.texts) expect(unclear(t)).toBeNull();
        }),
        runs(30),
      );
    },
    TIME_LIMIT,
  );

  it(
    'bodies that are not an activity (not JSON, not an object, no type) are refused with a 4xx',
    async () => {
      const body = fc.oneof(
        hostileText,
        fc
          .jsonValue()
          .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
          .map((v) => JSON.stringify(v)),
        fc
          .object()
          .filter((o) => typeof o.type !== 'string' || o.type === '')
          .map((o) => JSON.stringify(o)),
        fc.constantFrom('{oops', '{"type":', '[', '"\\u', '{"type":"message"'),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const calls = bot.fake.calls.length;
          const res = await post(b);
          await res.arrayBuffer();
          bodyTally.input();
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          bodyTally.refused();
          expect(bot.fake.calls.length).toBe(calls);
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );
});
