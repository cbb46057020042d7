import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/runtime/index.js';
import { deliverDue, planDueReminders } from '../../../src/scheduler/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { startFakeConnector, type ConnectorCall } from '../../support/fake-connector.js';
import { fakeNlu } from '../../support/fake-nlu.js';
import { postActivity } from '../../support/teams-bot.js';

// Reminders end to end through Teams, set up as teams.test.ts: real HTTP into the real CloudAdapter
// (authentication off), a fake Bot Connector as the serviceUrl. The daily sweep plans a reminder,
// the scheduler delivers it as a card with actions, and the card's buttons come back as
// Action.Submit messages, Action.Execute invokes and a task/fetch for the intake form.

type Action = { type: string; title: string; data: Record<string, unknown> };
type Card = { body?: { type?: string; text?: string; actions?: Action[] }[]; actions?: Action[] };
/** A card's buttons in the order shown: the rows in its body (ActionSets), then its own actions. */
const buttonsOf = (c: Card): Action[] => [...(c.body ?? []).flatMap((b) => (b.type === 'ActionSet' ? (b.actions ?? []) : [])), ...(c.actions ?? [])];

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;
let now: Date;

beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: fakeNlu(), log: silentLogger, clock: () => now });
  server = await startServer(app, 0, { announce: () => {} });
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});
beforeEach(() => {
  now = new Date('2026-03-02T02:00:00.000Z');
}); // Mon 2 Mar 2026, 10:00 in Shanghai

let n = 0;
function person(user: string) {
  const conv = { id: `conv-${user}`, tenantId: 't1', conversationType: 'personal' };
  const activity = (over: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${user}-a${++n}`,
    channelId: 'msteams',
    serviceUrl: fake.url,
    locale: 'en-US',
    from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
    conversation: conv,
    recipient: { id: '28:bot', name: 'review-bot' },
    ...over,
  });
  const mine = () => fake.calls.filter((c) => decodeURIComponent(c.path).startsWith(`/v3/conversations/${conv.id}/`));
  return { activity, sends: () => mine().filter((c) => c.method === 'POST'), puts: () => mine().filter((c) => c.method === 'PUT') };
}
const post = (body: object) => postActivity(server, body);
const cardOf = (c: ConnectorCall): Card | undefined => (c.body.attachments as { content: Card }[] | undefined)?.[0]?.content;
const textOf = (c: ConnectorCall) => String(c.body.text ?? '');

/** `user` opens a case on Monday; on Wednesday (T-3 of the intake target, Mon 9 Mar) it is planned and delivered. */
async function reminded(user: string) {
  const p = person(user);
  for (const text of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await post(p.activity({ text }));
  const caseId = /RB-[0-9A-Z]{6}/.exec(JSON.stringify(p.sends().map((c) => c.body)))![0];
  now = new Date('2026-03-04T01:30:00.000Z');
  await planDueReminders({ store: app.store, deadlines: app.deadlines, log: silentLogger }, now);
  const before = p.sends().length;
  await deliverDue({
    store: app.store,
    adapters: server.adapters,
    clock: () => now,
    log: silentLogger,
    owner: 'test',
    present: (r) => app.bot.presentReminder(r),
  });
  expect(p.sends()).toHaveLength(before + 1);
  const card = cardOf(p.sends().at(-1)!)!;
  const action = (id: string) => buttonsOf(card).find((a) => a.data.act === id)!.data;
  return { p, caseId, card, action };
}

describe('reminders in Teams carry actions', () => {
  it('a card with the reminder and its buttons, every word from the catalogue; Fill in opens a dialog', async () => {
    const { caseId, card } = await reminded('rem-card');
    expect(card.body!.filter((b) => b.type === 'TextBlock').map((b) => b.text)).toEqual([
      `Reminder: case ${caseId}, Intake complete (internal target) is due on 2026-03-09, in 3 working days.`,
    ]);
    expect(buttonsOf(card).map((a) => [a.type, a.title, a.data.act])).toEqual([
      ['Action.Submit', 'Open case', 'open_case'],
      ['Action.Submit', 'Fill in: Applicant', 'open_form'],
      ['Action.Submit', 'Acknowledge', 'acknowledge'],
      ['Action.Submit', 'Remind me next working day', 'snooze'],
    ]);
    expect(buttonsOf(card)[1]!.data).toMatchObject({ msteams: { type: 'task/fetch' }, caseId, reminderId: expect.any(Number) });
  });

  it('Action.Submit acknowledge: stored; the card loses its buttons; a repeated activity does nothing', async () => {
    const { p, caseId, action } = await reminded('rem-ack');
    const click = p.activity({ text: undefined, value: action('acknowledge'), replyToId: 'reminder-card' });
    expect((await post(click)).status).toBe(200);
    expect(textOf(p.sends().at(-1)!)).toBe(
      `Acknowledged: no more reminders to you about Intake complete (internal target) of case ${caseId} due on 2026-03-09.`,
    );
    const put = p.puts().at(-1)!;
    expect(put.path).toBe('/v3/conversations/conv-rem-ack/activities/reminder-card');
    expect(buttonsOf(cardOf(put)!)).toEqual([]);
    expect(JSON.stringify(cardOf(put))).toContain('✅ Acknowledged');
    expect((await app.store.getCase(caseId))!.acknowledgements).toEqual([
      { kind: 'intake_target', due: '2026-03-09', by: 'teams:aad-rem-ack', at: now.toISOString() },
    ]);
    const [sends, puts] = [p.sends().length, p.puts().length];
    await post(click); // the same activity again
    expect([p.sends().length, p.puts().length]).toEqual([sends, puts]);
  });

  it('Action.Execute snooze: the invoke response is the card without buttons; the reminder comes back Thursday 09:30', async () => {
    const { p, caseId, action } = await reminded('rem-snooze');
    const res = await post(
      p.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'reminder', data: action('snooze') } } }),
    );
    const body = (await res.json()) as { type: string; value: Card };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(buttonsOf(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toContain('Snoozed until 2026-03-05 09:30');
    expect(textOf(p.sends().at(-1)!)).toBe('I will remind you again on 2026-03-05 at 09:30.');
    const pending = (await app.store.pendingReminders('teams:aad-rem-snooze', '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'deadline');
    expect(pending.map((r) => [r.caseId, r.dueAt])).toEqual([[caseId, '2026-03-05T01:30:00.000Z']]);
  });

  it('open the case: the case view in the 1:1 chat', async () => {
    const { p, caseId, action } = await reminded('rem-open');
    const putsBefore = p.puts().length; // typing the triage retired each answered question's card
    await post(p.activity({ text: undefined, value: action('open_case'), replyToId: 'reminder-card' }));
    expect(textOf(p.sends().at(-1)!)).toMatch(new RegExp(`^${caseId} · Review required · opened\\n`));
    expect(p.puts()).toHaveLength(putsBefore); // nothing settled: the card keeps its buttons
  });

  it('Fill in: task/fetch answers with the first unfinished intake section as a dialog', async () => {
    const { p, action } = await reminded('rem-form');
    const res = await post(p.activity({ type: 'invoke', name: 'task/fetch', value: { data: action('open_form'), context: { theme: 'default' } } }));
    const body = (await res.json()) as { task: { type: string; value: { title: string } } };
    expect(body.task).toMatchObject({ type: 'continue', value: { title: 'Applicant' } });
  });

  it('someone else clicking the card: refused, and nothing changes', async () => {
    const { caseId, action } = await reminded('rem-owner');
    const other = person('rem-other');
    await post(other.activity({ text: 'hello' }));
    await post(other.activity({ text: undefined, value: action('acknowledge'), replyToId: 'someone-elses-card' }));
    expect(textOf(other.sends().at(-1)!)).toBe('⚠️ This reminder was sent to someone else; only they can acknowledge or snooze it.');
    expect(other.puts()).toHaveLength(0);
    expect((await app.store.getCase(caseId))!.acknowledgements).toEqual([]);
  });
});
