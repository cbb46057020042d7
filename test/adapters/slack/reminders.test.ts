import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/index.js';
import { deliverDue, planDueReminders } from '../../../src/scheduler/index.js';
import type { SlackCall } from './fake-web-api.js';
import { startHarness, type Harness } from './harness.js';

// Reminders end to end through Slack: the daily sweep plans them, the scheduler delivers them as
// DMs with buttons (fake Web API), and signed block_actions clicks go through the bot. Without a
// people file, everyone holds every role and a case has no team lead or analyst until one is
// assigned, so its requester is reminded.

let h: Harness;
let now: Date; // the bot's clock: Mon 2 Mar 2026, 10:00 in Shanghai when the case opens
afterEach(async () => {
  await h?.close();
});

type Button = { action_id: string; value: string; text: { text: string } };
const buttonsOf = (c: SlackCall) => (c.params.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === 'actions')?.elements ?? [];
const say = async (text: string, user: string) => {
  await h.dm(text, user);
  await h.adapter.settled();
};

/** U1 opens a case on Monday; on Wednesday (T-3 of the intake target, Mon 9 Mar) the sweep reminds them and the scheduler delivers. */
async function reminded(): Promise<{ caseId: string; post: SlackCall }> {
  now = new Date('2026-03-02T02:00:00.000Z');
  h = await startHarness({ clock: () => now });
  for (const a of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await say(a, 'U1');
  const caseId = /RB-[0-9A-Z]{6}/.exec(h.posts('D1').map(h.textOf).join(' '))![0];
  now = new Date('2026-03-04T01:30:00.000Z'); // Wed 4 Mar, 09:30
  expect(await planDueReminders({ store: h.app.store, deadlines: h.app.deadlines, log: silentLogger }, now)).toBe(1);
  const before = h.posts('D1').length;
  const r = await deliverDue({
    store: h.app.store,
    adapters: [h.adapter],
    clock: () => now,
    log: silentLogger,
    owner: 'test',
    present: (x) => h.app.bot.presentReminder(x),
  });
  expect(r).toMatchObject({ claimed: 1, sent: 1 });
  expect(h.posts('D1')).toHaveLength(before + 1);
  updatesBefore = h.fake.of('chat.update').length;
  return { caseId, post: h.posts('D1').at(-1)! };
}

// Typing the triage retires each answered question's buttons (chat.update): count only the updates after the reminder.
let updatesBefore = 0;
const updates = () => h.fake.of('chat.update').slice(updatesBefore);

/** Click a reminder button as `user`, with the message it is on (as Slack sends block_actions). */
function click(post: SlackCall, action: string, user: string, actionTs: string) {
  const button = buttonsOf(post).find((b) => b.action_id.startsWith(`reminder:${action}:`));
  if (!button) throw new Error(`no ${action} button`);
  const channel = String(post.params.channel);
  return h.interact({
    type: 'block_actions',
    user: { id: user },
    team: { id: 'T1' },
    trigger_id: `trig-${actionTs}`,
    channel: { id: channel },
    container: { type: 'message', message_ts: post.reply.ts, channel_id: channel },
    message: { type: 'message', ts: post.reply.ts, text: post.params.text, blocks: post.params.blocks },
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'reminder', value: button.value, text: button.text, action_ts: actionTs }],
  });
}

describe('reminders in Slack carry actions', () => {
  it('the reminder DM: its text and its buttons, every word from the catalogue', async () => {
    const { caseId, post } = await reminded();
    expect(post.params).toMatchObject({
      channel: 'D1',
      text: `Reminder: case ${caseId}, Intake complete (internal target) is due on 2026-03-09, in 3 working days.`,
    });
    expect(buttonsOf(post).map((b) => [b.action_id, b.text.text])).toEqual([
      ['reminder:open_case:0', 'Open case'],
      ['reminder:open_form:1', 'Fill in: Applicant'],
      ['reminder:acknowledge:2', 'Acknowledge'],
      ['reminder:snooze:3', 'Remind me next working day'],
    ]);
  });

  it('open the case: the case view, in the DM', async () => {
    const { caseId, post } = await reminded();
    const before = h.posts('D1').length;
    await click(post, 'open_case', 'U1', '900.1');
    await h.fake.until(() => h.posts('D1').length === before + 1);
    expect(h.textOf(h.posts('D1').at(-1)!)).toMatch(new RegExp(`^${caseId} · Review required · opened\\n`));
    expect(updates()).toHaveLength(0); // nothing settled: the buttons stay
  });

  it('open the next intake form: the modal of its first unfinished section', async () => {
    const { caseId, post } = await reminded();
    await click(post, 'open_form', 'U1', '900.2');
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    const open = h.fake.of('views.open')[0]!.params;
    expect(open.trigger_id).toBe('trig-900.2');
    expect(JSON.parse((open.view as { private_metadata: string }).private_metadata)).toEqual({ caseId, form: 'applicant' });
  });

  it('snooze: re-dated to Thursday 09:30; the message loses its buttons and says until when', async () => {
    const { caseId, post } = await reminded();
    await click(post, 'snooze', 'U1', '900.3');
    await h.fake.until(() => updates().length === 1);
    expect(h.textOf(h.posts('D1').at(-1)!)).toBe('I will remind you again on 2026-03-05 at 09:30.');
    const update = updates()[0]!;
    expect(update.params).toMatchObject({ channel: 'D1', ts: post.reply.ts });
    expect(buttonsOf(update)).toEqual([]);
    expect(JSON.stringify(update.params.blocks)).toContain(':white_check_mark: Snoozed until 2026-03-05 09:30');
    const pending = (await h.app.store.pendingReminders('slack:U1', '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'deadline');
    expect(pending.map((r) => [r.dedupeKey, r.dueAt])).toEqual([
      [`deadline:${caseId}:intake_target:2026-03-09:2026-03-05:slack:U1`, '2026-03-05T01:30:00.000Z'],
    ]);
    // Thursday 09:30: delivered again, with Thursday's wording.
    now = new Date('2026-03-05T01:30:00.000Z');
    await deliverDue({
      store: h.app.store,
      adapters: [h.adapter],
      clock: () => now,
      log: silentLogger,
      owner: 'test',
      present: (x) => h.app.bot.presentReminder(x),
    });
    expect(h.textOf(h.posts('D1').at(-1)!)).toBe(`Reminder: case ${caseId}, Intake complete (internal target) is due on 2026-03-09, in 2 working days.`);
  });

  it('acknowledge: stored on the case; a repeated click is nothing; no more reminders about that date', async () => {
    const { caseId, post } = await reminded();
    await click(post, 'acknowledge', 'U1', '900.4');
    await h.fake.until(() => updates().length === 1);
    expect(h.textOf(h.posts('D1').at(-1)!)).toBe(
      `Acknowledged: no more reminders to you about Intake complete (internal target) of case ${caseId} due on 2026-03-09.`,
    );
    expect(JSON.stringify(updates()[0]!.params.blocks)).toContain(':white_check_mark: Acknowledged');
    expect((await h.app.store.getCase(caseId))!.acknowledgements).toEqual([
      { kind: 'intake_target', due: '2026-03-09', by: 'slack:U1', at: now.toISOString() },
    ]);

    const posts = h.posts('D1').length;
    await click(post, 'acknowledge', 'U1', '900.4'); // Slack delivering the same click twice
    await say('help', 'U1'); // one person's actions run in order: the repeat was handled before this
    expect(h.posts('D1')).toHaveLength(posts + 1); // only the help
    expect(updates()).toHaveLength(1);
    expect((await h.app.store.auditOf(caseId)).filter((a) => a.action === 'reminder.acknowledged')).toHaveLength(1);

    now = new Date('2026-03-06T01:30:00.000Z'); // Fri 6 Mar: T-1
    expect(await planDueReminders({ store: h.app.store, deadlines: h.app.deadlines, log: silentLogger }, now)).toBe(0);
  });

  it('someone else clicking: refused, to them only; nothing changes', async () => {
    const { caseId, post } = await reminded();
    await say('hello', 'U2');
    await click(post, 'acknowledge', 'U2', '900.5');
    await h.fake.until(() => h.fake.of('chat.postEphemeral').length === 1);
    expect(h.fake.of('chat.postEphemeral')[0]!.params).toMatchObject({ user: 'U2' });
    expect(h.textOf(h.fake.of('chat.postEphemeral')[0]!)).toBe('This reminder was sent to someone else; only they can acknowledge or snooze it.');
    expect((await h.app.store.getCase(caseId))!.acknowledgements).toEqual([]);
    expect(updates()).toHaveLength(0);
  });

  it('a button value that is not one of ours is ignored; the server carries on', async () => {
    const { post } = await reminded();
    const bad = {
      ...post,
      params: { ...post.params, blocks: [{ type: 'actions', elements: [{ action_id: 'reminder:x:0', value: 'garbage', text: { text: 'x' } }] }] },
    };
    expect((await click(bad as SlackCall, 'x', 'U1', '900.6')).status).toBe(200);
    await click(post, 'open_case', 'U1', '900.7');
    await h.fake.until(() => h.textOf(h.posts('D1').at(-1)!).includes('Review required'));
  });
});
