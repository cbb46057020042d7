import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../adapters/slack/harness.js';
import { hostileText, runs, snapshot, tally, unclear, TIME_LIMIT } from './support.js';

// Slack payloads through the real HTTP stack: signed (and unsigned) requests into Bolt on the
// shared server, Slack's Web API a local fake. Whatever arrives: never a 5xx, nothing thrown in
// our listeners, every message the bot posts is clear, and a payload that names no person changes
// nothing.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
const uid = (prefix: string) => `${prefix}${++n}-${Date.now()}`;

/** Every string in a payload: the people a payload could name, as the store keys them. */
function keysIn(v: unknown, out = new Set<string>()): string[] {
  if (typeof v === 'string') {
    if (out.size < 64) out.add(`slack:${v}`);
  } else if (Array.isArray(v)) for (const x of v) keysIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) keysIn(x, out);
  return [...out];
}

/** Send, let every piece of work it started finish, and report what changed and what was posted. */
async function exchange(payload: unknown, send: () => Promise<Response>) {
  const keys = keysIn(payload);
  const calls = h.fake.calls.length;
  const logs = h.logs.length;
  const before = await snapshot(h.app.store, keys, keys);
  const res = await send();
  await res.arrayBuffer();
  await h.adapter.settled();
  const after = await snapshot(h.app.store, keys, keys);
  const made = h.fake.calls.slice(calls);
  return {
    status: res.status,
    before,
    after,
    posted: made.filter((c) => c.method.startsWith('chat.post')).map((c) => String(c.params.text ?? '')),
    calls: made.map((c) => c.method),
    errors: h.logs.slice(logs).filter((l) => l.level === 'error'),
  };
}

const json = (payload: unknown) => h.send(JSON.stringify(payload), 'json');
const form = (payload: unknown) => h.send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'form');

// Values of the wrong kind where Slack sends a string or an object.
const odd = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.object({ maxDepth: 1 }), fc.constant(''));
const absentOr = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const text = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.string({ minLength: 2001, maxLength: 3000 }) },
  { weight: 1, arbitrary: odd },
);
const userId = fc.oneof({ weight: 3, arbitrary: fc.constant('UPROP') }, { weight: 1, arbitrary: hostileText }, { weight: 2, arbitrary: odd });
const named = (user: unknown) => typeof user === 'string' && user !== '';

/**
 * Shapes Bolt cannot route (it reads these fields without checking their kind, before any listener),
 * written out from what made it answer 500 before the edge refused them (issue 11, item 9): an
 * interaction (block_actions, view_submission, a shortcut, anything with `actions`) without a user,
 * or whose channel, user, team, container, message or view is present but not an object; an event
 * whose user is null or not a string, or whose channel is present but not a string. The edge must
 * answer these with a 400 and change nothing; everything else must get through.
 */
const notKind = (v: unknown, kind: 'string' | 'object') =>
  v !== undefined && (kind === 'string' ? typeof v !== 'string' : typeof v !== 'object' || v === null || Array.isArray(v));
const mistyped = (payload: unknown): boolean => {
  if (payload === null) return true;
  if (typeof payload !== 'object' || Array.isArray(payload)) return false;
  const p = payload as Record<string, unknown> & { event?: Record<string, unknown> };
  // What Bolt routes as an interaction: it has `actions`, or one of these types.
  const interaction =
    p.actions !== undefined || ['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'dialog_submission'].includes(String(p.type));
  if (interaction) {
    if (p.user === undefined || ['user', 'channel', 'team', 'container', 'message', 'view'].some((k) => notKind(p[k], 'object'))) return true;
  }
  if (p.event && typeof p.event === 'object') return p.event.user === null || notKind(p.event.user, 'string') || notKind(p.event.channel, 'string');
  return false;
};
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('Slack payloads over HTTP (properties)', () => {
  const eventTally = tally('slack: event callbacks with odd events');
  const actionTally = tally('slack: block_actions and view_submission with odd fields');
  const unsignedTally = tally('slack: unsigned, badly signed or stale requests');
  const anyTally = tally('slack: arbitrary signed bodies');
  afterAll(() => {
    eventTally.write();
    actionTally.write();
    unsignedTally.write();
    anyTally.write();
  });

  it(
    'event callbacks with odd events: acknowledged, nothing thrown, clear posts, and no change without a person',
    async () => {
      const event = fc.record({
        type: fc.oneof(fc.constantFrom('message', 'app_mention', 'app_home_opened'), hostileText),
        channel_type: absentOr(fc.oneof(fc.constantFrom('im', 'channel', 'group'), odd)),
        channel: absentOr(fc.oneof(fc.constantFrom('DPROP', 'CPROP'), odd)),
        user: absentOr(userId),
        text: absentOr(text),
        subtype: absentOr(fc.constantFrom('bot_message', 'message_changed')),
        ts: absentOr(fc.oneof(fc.constant('1.1'), odd)),
        tab: absentOr(fc.oneof(fc.constantFrom('home', 'messages'), odd)),
      });
      await fc.assert(
        fc.asyncProperty(event, async (e) => {
          const body = { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: uid('Ev'), event_time: 1, event: clean(e) };
          const r = await exchange(body, () => json(body));
          eventTally.input();
          if (mistyped(body)) {
            eventTally.refused();
            expect(r.status).toBe(400);
            expect(r.errors).toEqual([]);
            expect(r.after).toEqual(r.before);
            expect(r.posted).toEqual([]);
            return;
          }
          expect(r.status).toBe(200);
          expect(r.errors).toEqual([]);
          for (const t of r.posted) expect(unclear(t)).toBeNull();
          if (!named(e.user)) {
            eventTally.refused();
            expect(r.after).toEqual(r.before);
            expect(r.posted).toEqual([]);
          }
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );

  it(
    'block_actions and view_submission with odd fields but a person: acknowledged, nothing thrown, clear posts, a stale or junk answer changes nothing',
    async () => {
      const answerValue = fc.oneof(
        fc.constantFrom(
          '{"s":"ciio","c":"yes"}',
          '{"s":"matter","c":"purchase"}',
          '{"step":"category","choice":"__proto__"}',
          '{"s":"","c":"yes"}',
          '{}',
          'null',
          '[]',
          '{oops',
        ),
        hostileText,
        odd,
      );
      // Ids a listener takes (an id none takes waits out Bolt's 3 s for a 404: the batched property below).
      const actionId = fc.constantFrom('answer:0', 'answer:9', 'answer:', 'open_form', 'open_form:x', 'start_review');
      const action = fc.record({
        action_id: actionId,
        value: absentOr(answerValue),
        selected_option: absentOr(fc.oneof(fc.record({ value: answerValue }), odd)),
        action_ts: fc.oneof(fc.constant('ACTS'), odd),
        text: absentOr(fc.oneof(fc.record({ text: text }), odd)),
      });
      const blockActions = fc.record({
        type: fc.constant('block_actions'),
        user: fc.record({ id: fc.constant('UPROP') }),
        team: absentOr(fc.oneof(fc.record({ id: fc.constant('T1') }), odd)),
        trigger_id: absentOr(fc.oneof(fc.constant('TRIG'), odd)),
        channel: absentOr(fc.oneof(fc.record({ id: fc.constantFrom('DPROP', 'CPROP') }), odd)),
        container: absentOr(fc.oneof(fc.record({ channel_id: fc.constantFrom('DPROP', 'CPROP'), message_ts: fc.constant('1.1') }), odd)),
        message: absentOr(fc.oneof(fc.record({ ts: fc.constant('1.1'), text: text, blocks: fc.oneof(fc.constant([]), odd) }), odd)),
        actions: fc.array(action, { minLength: 1, maxLength: 2 }),
      });
      const viewSubmission = fc.record({
        type: fc.constant('view_submission'),
        user: fc.record({ id: fc.constant('UPROP') }),
        trigger_id: absentOr(fc.oneof(fc.constant('TRIG'), odd)),
        view: fc.record({
          id: fc.oneof(fc.constant('VPROP'), odd),
          callback_id: fc.constant('intake_form'),
          private_metadata: absentOr(
            fc.oneof(
              fc.constantFrom('{"caseId":"RB-NOCASE","form":"declaration"}', '{"caseId":"RB-NOCASE","form":"__proto__"}', '{}', 'null', '{oops'),
              hostileText,
              odd,
            ),
          ),
          blocks: fc.oneof(fc.constant([]), fc.constant([{ block_id: 'applicant_org' }]), odd),
          state: absentOr(
            fc.oneof(fc.record({ values: fc.oneof(fc.dictionary(hostileText, fc.record({ value: fc.record({ value: text }) }), { maxKeys: 3 }), odd) }), odd),
          ),
        }),
      });
      await fc.assert(
        fc.asyncProperty(fc.oneof(blockActions, viewSubmission), fc.nat(), async (payload, k) => {
          // A person of their own each run: nothing is in progress for them, so no answer can be taken.
          const p = {
            ...clean(payload),
            user: { id: uid('UACT') },
            ...(payload.type === 'block_actions'
              ? { actions: payload.actions.map((a) => clean({ ...a, action_ts: a.action_ts === 'ACTS' ? `${++k}.${uid('')}` : a.action_ts })) }
              : {}),
          };
          const r = await exchange(p, () => form(p));
          actionTally.input();
          if (mistyped(p)) {
            actionTally.refused();
            expect(r.status).toBe(400);
            expect(r.errors).toEqual([]);
            expect(r.after).toEqual(r.before);
            expect(r.posted).toEqual([]);
            return;
          }
          expect(r.status).toBeLessThan(500);
          expect(r.errors).toEqual([]);
          for (const t of r.posted) expect(unclear(t)).toBeNull();
          // An answer click that names a step and a choice is refused (nothing is in progress for this person), and said so.
          const first = payload.type === 'block_actions' ? payload.actions[0] : undefined;
          const raw = (first?.selected_option as { value?: unknown } | undefined)?.value ?? first?.value;
          const named = (() => {
            try {
              const v = JSON.parse(String(raw)) as Record<string, unknown>;
              const st = v?.s ?? v?.step;
              return typeof st === 'string' && st !== '' && typeof (v?.c ?? v?.choice) === 'string';
            } catch {
              return false;
            }
          })();
          if (first?.action_id.startsWith('answer:') && named) expect(r.posted.length).toBeGreaterThan(0);
          // Only the start button may start something; no answer here is to a question this person was shown.
          const starts = payload.type === 'block_actions' && payload.actions.some((a) => a.action_id === 'start_review');
          if (!starts) {
            actionTally.refused();
            expect(r.after.cases).toEqual(r.before.cases);
            expect(r.after.conversations.map((c) => c.answers)).toEqual(r.before.conversations.map((c) => c.answers));
          }
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );

  it(
    'unsigned, badly signed or stale requests are refused with a 401 and reach nothing',
    async () => {
      const body = fc.oneof(
        fc.constant(
          JSON.stringify({
            type: 'event_callback',
            event_id: 'EvUNSIGNED',
            event: { type: 'message', channel_type: 'im', channel: 'DPROP', user: 'UPROP', text: 'review' },
          }),
        ),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        hostileText,
      );
      const how = fc.oneof(
        fc.constant({ unsigned: true }),
        fc.record({ secret: fc.constantFrom('wrong-secret', '', 'test-signing-secret ') }),
        fc.record({ ts: fc.integer({ min: 0, max: Math.floor(Date.now() / 1000) - 301 }) }),
      );
      await fc.assert(
        fc.asyncProperty(body, how, fc.constantFrom('json', 'form') as fc.Arbitrary<'json' | 'form'>, async (b, o, type) => {
          const r = await exchange({ u: 'UPROP' }, () => h.send(b, type, o));
          unsignedTally.input();
          expect(r.status).toBe(401);
          unsignedTally.refused();
          expect(r.calls).toEqual([]);
          expect(r.after).toEqual(r.before);
        }),
        runs(30),
      );
    },
    TIME_LIMIT,
  );

  /** Arbitrary signed bodies, sent at once so Bolt's 3 s wait for an unroutable one is paid once a run. */
  it(
    'arbitrary signed bodies, JSON or form: a 2xx or a 4xx, never a 5xx, nothing thrown in our listeners',
    async () => {
      const raw = (type: 'json' | 'form', v: unknown) => ({
        type,
        raw: type === 'json' ? JSON.stringify(v) : `payload=${encodeURIComponent(JSON.stringify(v))}`,
        v,
      });
      const body = fc.oneof(
        fc.jsonValue().map((v) => raw('json', v)),
        fc.jsonValue().map((v) => raw('form', v)),
        fc
          .record({
            type: fc.constantFrom('block_actions', 'view_submission', 'shortcut', 'message_action', 'event_callback'),
            user: fc.option(fc.object(), { nil: undefined }),
            actions: fc.constant([]),
            view: fc.object(),
          })
          .map((v) => raw('form', clean(v))),
        fc
          .record({ type: fc.constant('event_callback'), event_id: fc.uuid(), event: fc.option(fc.object(), { nil: undefined }) })
          .map((v) => raw('json', clean(v))),
        hostileText.map((t) => ({ type: 'form' as const, raw: t, v: t })),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 16 }), async (bodies) => {
          const rs = await Promise.all(bodies.map((b) => exchange(b.v, () => h.send(b.raw, b.type))));
          for (const r of rs) {
            anyTally.input();
            expect(r.status).toBeLessThan(500);
            if (r.status >= 400) anyTally.refused();
            expect(r.errors.filter((l) => l.event !== 'slack.bolt')).toEqual([]); // Bolt's own "not acknowledged in 3 s" is not ours
          }
        }),
        runs(1, 50),
      );
    },
    TIME_LIMIT,
  );
});
