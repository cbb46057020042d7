import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/runtime/index.js';
import type { SlackCall } from './fake-web-api.js';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

// Real signed HTTP requests into the real Bolt app on the shared server (in-memory SQLite, real
// NLU); Slack's Web API is a local fake that records calls. Handlers run after the ack, so tests
// wait for the fake to receive calls, never for time.

let h: Harness;
const start = async (opts?: HarnessOptions) => (h = await startHarness(opts));
afterEach(async () => {
  await h?.close();
});

const CASE_ID = /RB-[0-9A-Z]{6}/;
const json = (c: SlackCall | undefined) => JSON.stringify(c?.params ?? {});
const hasControls = (c: SlackCall) => (c.params.blocks as { type: string }[] | undefined)?.some((b) => b.type === 'actions') ?? false;
const lastPost = (channel?: string) => h.posts(channel).at(-1)!;
/** Write to the bot by DM and wait until the turn and all its Web API calls are done. */
async function say(text: string, user: string) {
  expect((await h.dm(text, user)).status).toBe(200);
  await h.adapter.settled();
}
/** A triage by DM that opens a case (hpc servers, CIIO, affects national security). */
async function openCase(user: string): Promise<string> {
  for (const a of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await say(a, user);
  return CASE_ID.exec(h.posts(h.dmChannel(user)).map(h.textOf).join(' '))![0];
}

describe('decision cards carry the next actions', () => {
  type Button = { action_id: string; text: { text: string }; value: string };
  const nextButtons = (c: SlackCall) =>
    (c.params.blocks as { type: string; block_id?: string; elements?: Button[] }[]).find((b) => b.block_id?.startsWith('next:'))?.elements ?? [];

  it('view, fill in the intake (the modal), assign to me and export, each done by the bot', async () => {
    await start();
    const id = await openCase('U81');
    const decision = h.posts('D81').find((p) => nextButtons(p).length > 0)!;
    expect(h.textOf(decision)).toContain(`Case ${id}`);
    expect(nextButtons(decision).map((b) => b.text.text)).toEqual(['View the case', 'Fill in the intake', 'Assign to me', 'Export the pack']);
    const byLabel = (label: string) => nextButtons(decision).find((b) => b.text.text === label)!;

    await h.pressOn(decision, byLabel('View the case').action_id, 'U81', '810.1');
    await h.fake.until(() => h.posts('D81').some((p) => /Requester: /.test(h.textOf(p))));
    expect(h.textOf(h.posts('D81').find((p) => /Requester: /.test(h.textOf(p)))!)).toMatch(/Requester: <@U81> .* Analyst: —/);

    await h.pressOn(decision, byLabel('Fill in the intake').action_id, 'U81', '810.2');
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    expect(JSON.stringify(h.fake.of('views.open')[0]!.params)).toContain(id);

    await h.pressOn(decision, byLabel('Assign to me').action_id, 'U81', '810.3');
    // The analyst named as Slack names people: a mention (Slack shows their name), never the key slack:U81.
    await h.fake.until(() => h.posts('D81').some((p) => /analyst is now <@U81>/.test(h.textOf(p))));
    expect(JSON.stringify(h.posts('D81').find((p) => /analyst is now/.test(h.textOf(p)))!.params.blocks)).toContain('analyst is now <@U81>');
    expect((await h.app.store.getCase(id))?.analyst).toBe('slack:U81');

    await h.pressOn(decision, byLabel('Export the pack').action_id, 'U81', '810.4');
    await h.fake.until(() => h.posts('D81').some((p) => h.textOf(p).startsWith('# ')));
    expect(h.textOf(h.posts('D81').find((p) => h.textOf(p).startsWith('# '))!)).toContain(id);
  });

  it("in Chinese the labels and the reference follow the person's language", async () => {
    await start();
    for (const a of ['审查', '1', 'hpc_servers', '是', '是']) await say(a, 'U82');
    const decision = h.posts('D82').find((p) => nextButtons(p).length > 0)!;
    expect(h.textOf(decision)).toMatch(/审查事项 RB-/);
    expect(nextButtons(decision).map((b) => b.text.text)).toEqual(['查看审查事项', '填写申报材料', '分配给我', '导出申报材料']);
  });
});

describe('answered and superseded questions', () => {
  const controls = (c: SlackCall) => (c.params.blocks as { type: string }[] | undefined)?.filter((b) => b.type === 'actions').length ?? 0;
  const updateOf = (ts: unknown) => h.fake.of('chat.update').filter((u) => u.params.ts === ts);

  it('a typed answer replaces the buttons of the question it answered with the recorded answer', async () => {
    await start();
    await say('review', 'U71');
    const question = lastPost('D71');
    expect(controls(question)).toBe(1);
    await say('purchase', 'U71'); // typed, not clicked
    const [update] = updateOf(question.reply.ts);
    expect(update).toBeDefined();
    expect(update!.params.channel).toBe('D71');
    expect(hasControls(update!)).toBe(false);
    expect(json(update)).toContain(h.textOf(question).split('\n')[0]!); // the question stays
    expect(json(update)).toMatch(/Your answer: Buying a network product or service/);
    // The next question keeps its controls until it is answered in turn.
    const next = lastPost('D71');
    expect(controls(next)).toBe(1);
    expect(updateOf(next.reply.ts)).toHaveLength(0);
  });

  it('after an error the question is asked again below and the earlier copy loses its buttons', async () => {
    await start();
    await say('review', 'U72');
    const first = lastPost('D72');
    await say('purple', 'U72');
    expect(h.fake.of('chat.postEphemeral').map(h.textOf).join('\n')).not.toBe('');
    const again = lastPost('D72');
    expect(again.reply.ts).not.toBe(first.reply.ts);
    expect(h.textOf(again)).toBe(h.textOf(first));
    const [update] = updateOf(first.reply.ts);
    expect(hasControls(update!)).toBe(false);
    expect(json(update)).toMatch(/Asked again below/);
    // Clicking the copy asked again answers it and retires it once, by the click.
    await h.click(again, 'purchase', 'U72', '720.1');
    await h.fake.until(() => updateOf(again.reply.ts).length === 1);
    await h.adapter.settled();
    expect(updateOf(again.reply.ts)).toHaveLength(1);
    expect(json(updateOf(again.reply.ts)[0])).toMatch(/Your answer: Buying a network product or service/);
  });

  it('in Chinese the recorded answer replaces the buttons in Chinese', async () => {
    await start();
    await say('审查', 'U73');
    const question = lastPost('D73');
    await say('1', 'U73');
    expect(json(updateOf(question.reply.ts)[0])).toMatch(/您的回答：/);
  });
});

describe('case commands', () => {
  it('a case command without its argument says what is missing, with an example, and starts no check', async () => {
    await start();
    const id = await openCase('U61');
    const before = await h.app.store.loadConversation('slack:U61');
    const posted = h.posts('D61').length;
    for (const [typed, expected] of [
      [`submitted ${id}`, `e.g. "submitted ${id} 2026-03-02"`],
      [`outcome ${id}`, `e.g. "outcome ${id} passed review"`],
      [`assign ${id}`, `e.g. "assign ${id} me"`],
    ] as const) {
      const shown = h.fake.of('chat.postEphemeral').length;
      await say(typed, 'U61');
      expect(h.fake.of('chat.postEphemeral')).toHaveLength(shown + 1);
      expect(h.textOf(h.fake.of('chat.postEphemeral').at(-1)!)).toContain(expected);
    }
    expect(h.posts('D61')).toHaveLength(posted); // no new question
    expect(await h.app.store.loadConversation('slack:U61')).toEqual(before);
    expect((await h.app.store.getCase(id))?.status).toBe('open');
  });
});

describe('entry points', () => {
  it('a full triage by DM: free text -> category confirmation -> questions -> decision with reasons, citations and a case id', async () => {
    await start();
    await say('想采购20台华为核心路由器', 'U1');
    const confirm = lastPost('D1');
    expect(h.textOf(confirm)).toMatch(/核心网络设备/);
    expect(json(confirm)).toMatch(/"static_select".*"placeholder":\{"type":"plain_text","text":"请选择…"/); // 8 categories: a select
    for (const a of ['是', '是', '是']) await say(a, 'U1');
    const decision = h.posts('D1').find((p) => (p.params.blocks as { type: string }[])[0]?.type === 'header')!;
    expect(h.textOf(decision)).toMatch(/^需要申报审查 · 审查事项 RB-/);
    expect(json(decision)).toMatch(/\*理由\*/);
    expect(json(decision)).toMatch(/"context","elements":\[\{"type":"mrkdwn","text":"_《网络安全审查办法》第五条_"/);
    const caseId = CASE_ID.exec(h.textOf(decision))![0];
    expect(await h.app.store.getCase(caseId)).toMatchObject({ requester: 'slack:U1', triage: { outcome: 'required' } });
    expect(await h.app.store.getPerson('slack:U1')).toMatchObject({ platform: 'slack', address: { user: 'U1', team: 'T1', dm: 'D1' } });
    expect(h.fake.calls.every((c) => c.auth === 'Bearer xoxb-test')).toBe(true);
  });

  it('/review [free text] runs the check in the DM; choosing from the select answers and retires the control', async () => {
    await start();
    expect((await h.command('we want to buy 20 core routers', 'U2')).status).toBe(200);
    await h.fake.until(() => h.posts('D2').length === 1);
    expect(h.fake.of('conversations.open')[0]!.params).toMatchObject({ users: 'U2' });
    const confirm = lastPost('D2');
    expect(h.textOf(confirm)).toMatch(/Core network equipment/);
    await h.click(confirm, 'core_network_equipment', 'U2', '300.1');
    await h.fake.until(() => h.fake.of('chat.update').length === 1 && h.posts('D2').length >= 2);
    const update = h.fake.of('chat.update')[0]!;
    expect(update.params).toMatchObject({ channel: 'D2', ts: confirm.reply.ts });
    expect(json(update)).toMatch(/Your answer: Core network equipment"/); // the category, without its "(suggested)" mark
    expect(hasControls(update)).toBe(false);
    expect(h.textOf(lastPost('D2'))).toMatch(/critical information infrastructure operator/);
  });

  it('"Yes, that\'s right" next to the select takes the guess; the answered message names the category', async () => {
    await start();
    await say('we want to buy 20 core routers', 'U4');
    const confirm = lastPost('D4');
    await h.pressOn(confirm, 'answer:yes', 'U4', '400.1');
    await h.fake.until(() => h.fake.of('chat.update').length === 1);
    expect(json(h.fake.of('chat.update')[0])).toMatch(/Your answer: Core network equipment"/);
    expect((await h.app.store.loadConversation('slack:U4')).state?.answers).toMatchObject({ category: 'core_network_equipment' });
  });

  it('an @mention is answered in its thread; the message shortcut triages that message and answers by DM', async () => {
    await start();
    await h.event({ type: 'app_mention', channel: 'C9', user: 'U9', text: '<@UBOT> we want to buy 20 core routers', ts: '500.1' });
    await h.fake.until(() => h.posts('C9').length === 1);
    expect(lastPost('C9').params).toMatchObject({ channel: 'C9', thread_ts: '500.1' });
    expect(h.textOf(lastPost('C9'))).toMatch(/Core network equipment/);

    await h.interact({
      type: 'message_action',
      callback_id: 'check_review',
      trigger_id: 'trig-sc',
      user: { id: 'U10' },
      team: { id: 'T1' },
      channel: { id: 'C9' },
      message: { type: 'message', text: '采购一批办公桌椅，见 &lt;清单&gt; <https://example.com/list|链接>', ts: '600.1' },
    });
    await h.fake.until(() => h.posts('D10').length >= 1);
    expect(h.textOf(h.posts('D10')[0]!)).toMatch(/非网络产品/);
    expect(h.posts('C9')).toHaveLength(1); // nothing in the channel
  });

  it("App Home speaks the language of the person's Slack client until they choose one", async () => {
    await start();
    await h.event({ type: 'app_home_opened', user: 'UZH1', channel: 'DZH1', tab: 'home' });
    await h.fake.until(() => h.fake.of('views.publish').length === 1);
    expect(h.fake.of('users.info')[0]!.params).toMatchObject({ user: 'UZH1', include_locale: 'true' });
    expect(json(h.fake.of('views.publish')[0])).toMatch(/网络安全审查/);
    await say('lang en', 'UZH1');
    await h.event({ type: 'app_home_opened', user: 'UZH1', channel: 'DZH1', tab: 'home' });
    await h.fake.until(() => h.fake.of('views.publish').length === 2);
    expect(json(h.fake.of('views.publish')[1])).toMatch(/Start a review check/);
  });

  it("App Home: publishes the person's cases with deadlines; its buttons open the intake modal and start a check", async () => {
    await start();
    const caseId = await openCase('U4');
    await h.event({ type: 'app_home_opened', user: 'U4', channel: 'D4', tab: 'home' });
    await h.fake.until(() => h.fake.of('views.publish').length === 1);
    const published = h.fake.of('views.publish')[0]!;
    expect(published.params).toMatchObject({ user_id: 'U4', view: { type: 'home' } });
    const home = json(published);
    expect(home).toMatch(/Start a review check/);
    expect(home).toContain(caseId);
    expect(home).toMatch(/Due: Intake complete \(internal target\) on 2026-\d{2}-\d{2}/);
    const blocks = (published.params.view as { blocks: never[] }).blocks;

    await h.press(blocks, 'open_form', 'U4', '700.1');
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    expect(JSON.parse((h.fake.of('views.open')[0]!.params.view as { private_metadata: string }).private_metadata)).toEqual({ caseId, form: 'applicant' });

    const before = h.posts('D4').length;
    await h.press(blocks, 'start_review', 'U4', '700.2');
    await h.fake.until(() => h.posts('D4').length > before);
    expect(h.textOf(lastPost('D4'))).toMatch(/What is this check about\?/);
  });

  it('App Home: a risk-prediction record of someone else gets a countersign button; pressing it countersigns and republishes', async () => {
    await start();
    for (const a of ['review', 'purchase', 'not_network_product']) await say(a, 'U5');
    const recordId = CASE_ID.exec(h.posts(h.dmChannel('U5')).map(h.textOf).join(' '))![0];
    // Without a people file everyone holds every role, so U7 may countersign U5's record (never their own).
    await h.event({ type: 'app_home_opened', user: 'U7', channel: 'D7', tab: 'home' });
    await h.fake.until(() => h.fake.of('views.publish').length === 1);
    const blocks = (h.fake.of('views.publish')[0]!.params.view as { blocks: never[] }).blocks;
    expect(json(h.fake.of('views.publish')[0])).toContain('awaiting countersignature');
    await h.press(blocks, 'case_command', 'U7', '730.1');
    await h.fake.until(() => h.fake.of('views.publish').length === 2);
    expect(h.posts('D7').map(h.textOf).join('\n')).toContain(`Case ${recordId}: countersigned by <@U7> on`);
    expect((await h.app.store.getCase(recordId))?.countersign).toMatchObject({ by: 'slack:U7' });
    const again = json(h.fake.of('views.publish')[1]);
    expect(again).toContain('countersigned by <@U7>');
    expect(again).not.toContain('case_command');
  });

  it('the messages tab opening does not publish the home view', async () => {
    await start();
    await h.event({ type: 'app_home_opened', user: 'U4', channel: 'D4', tab: 'messages' });
    await say('hello', 'U4'); // same person, handled after the event above
    expect(h.fake.of('views.publish')).toHaveLength(0);
  });
});

describe('answers by click', () => {
  it('a button click updates the question; a second click on it is refused as stale; a repeated delivery is a no-op', async () => {
    await start();
    await h.command('', 'U2');
    await h.fake.until(() => h.posts('D2').length === 1);
    const q = lastPost('D2');
    expect(h.textOf(q)).toMatch(/What is this check about\?/);
    await h.click(q, 'purchase', 'U2', '200.1');
    await h.fake.until(() => h.fake.of('chat.update').length === 1 && h.posts('D2').length === 2);
    expect(json(h.fake.of('chat.update')[0])).toMatch(/:white_check_mark: Your answer: Buying a network product or service/);
    expect(hasControls(h.fake.of('chat.update')[0]!)).toBe(false);
    expect(h.textOf(lastPost('D2'))).toMatch(/What are you buying/);

    await h.click(q, 'purchase', 'U2', '200.2'); // the same button again
    await h.fake.until(() => h.fake.of('chat.postEphemeral').length === 1);
    expect(h.fake.of('chat.postEphemeral')[0]!.params).toMatchObject({ channel: 'D2', user: 'U2' });
    expect(h.textOf(h.fake.of('chat.postEphemeral')[0]!)).toMatch(/no longer open/);

    await h.click(q, 'purchase', 'U2', '200.2'); // Slack delivering that click twice
    await say('help', 'U2'); // one person's turns run in order: the repeat was handled before this
    // The clicked question was updated once; what changed since are the copies of the pending question
    // that were asked again (after the stale click, after help), each losing its buttons to the next.
    expect(h.fake.of('chat.update').filter((u) => u.params.ts === q.reply.ts)).toHaveLength(1);
    expect(
      h.fake
        .of('chat.update')
        .slice(1)
        .map((u) => json(u)),
    ).toEqual([expect.stringMatching(/Asked again below/), expect.stringMatching(/Asked again below/)]);
    expect(h.fake.of('chat.postEphemeral')).toHaveLength(1);
  });

  it("in a channel thread, a stale click's error is ephemeral in that thread; if Slack refuses it, it goes to the DM", async () => {
    await start();
    await h.event({ type: 'app_mention', channel: 'C9', user: 'U9', text: '<@UBOT>', ts: '510.1' });
    await h.fake.until(() => h.posts('C9').length === 1);
    const q = lastPost('C9');
    await h.click(q, 'purchase', 'U9', '210.1');
    await h.fake.until(() => h.fake.of('chat.update').length === 1 && h.posts('C9').length === 2);
    expect(lastPost('C9').params).toMatchObject({ thread_ts: '510.1' });

    await h.click(q, 'purchase', 'U9', '210.2');
    await h.fake.until(() => h.fake.of('chat.postEphemeral').length === 1);
    expect(h.fake.of('chat.postEphemeral')[0]!.params).toMatchObject({ channel: 'C9', user: 'U9', thread_ts: '510.1' });

    h.fake.failOnce('chat.postEphemeral', { type: 'platform_error', error: 'user_not_in_channel' });
    await h.click(q, 'purchase', 'U9', '210.3');
    await h.fake.until(() => h.posts('D9').length === 1);
    expect(h.textOf(h.posts('D9')[0]!)).toMatch(/no longer open/);
    expect(h.logs.some((l) => l.event === 'slack.api_failed' && l.fields?.error === 'user_not_in_channel')).toBe(true);
  });
});

describe('intake modals', () => {
  it('Open form -> modal; field errors on the exact fields with partial save; next section by update; the last one clears', async () => {
    await start();
    const caseId = await openCase('U3');
    await say(`intake ${caseId}`, 'U3');
    const formMessage = lastPost('D3');
    expect(h.textOf(formMessage)).toBe(`Applicant · Case ${caseId}`);
    await h.press(h.blocksOf(formMessage), 'open_form', 'U3', '800.1', 'D3');
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    expect(h.fake.of('views.open')[0]!.params.trigger_id).toBe('trig-800.1');
    const view = h.fake.of('views.open')[0]!.params.view as Parameters<Harness['submit']>[0];
    expect(JSON.parse(view.private_metadata)).toEqual({ caseId, form: 'applicant' });
    const kind = (v: typeof view, id: string) => (v.blocks.find((b) => b.block_id === id) as { element: { type: string; multiline?: boolean } }).element;
    expect([kind(view, 'legal_name').type, kind(view, 'truthful').type]).toEqual(['plain_text_input', 'static_select']);

    const bad = await h.submit(view, { legal_name: 'Grid Co', uscc: '123' }, 'U3', 'trig-s1');
    const badBody = (await bad.json()) as { response_action: string; errors: Record<string, string> };
    expect(badBody.response_action).toBe('errors');
    expect(badBody.errors).toEqual({ uscc: 'A unified social credit code has 18 characters.' });
    expect((await h.app.store.getCase(caseId))?.intake.applicant).toEqual({ legal_name: 'Grid Co' }); // the valid field is kept

    // Fields with checks of their own get values that pass them; the rest the harness fills.
    const over = { uscc: '91350100M000100Y43', contact: 'Wang Li 138 0013 8000', notice_date: '2025-06-30', planned_go_live_date: '2026-05-01' };
    let current = view;
    const sections: string[] = [];
    const kinds: Record<string, string> = {};
    let last: { response_action?: string; view?: typeof view } = {};
    for (let i = 0; i < 12; i++) {
      last = (await (await h.submit(current, h.fill(current, over), 'U3', `trig-s${i + 2}`)).json()) as typeof last;
      if (last.response_action !== 'update') break;
      current = last.view!;
      sections.push(JSON.parse(current.private_metadata).form);
      if (sections.at(-1) === 'item-1') Object.assign(kinds, { quantity: kind(current, 'quantity').type });
      if (sections.at(-1) === 'purchase')
        Object.assign(kinds, { date: kind(current, 'planned_purchase_date').type, deployment: kind(current, 'deployment').multiline });
    }
    // A purchase's sections, in the order of the flows; the line item form is item-1.
    expect(sections).toEqual(['cii', 'item-1', 'purchase', 'supplier', 'data', 'commitments', 'risk', 'materials']);
    expect(kinds).toEqual({ quantity: 'number_input', date: 'datepicker', deployment: true });
    expect(last).toEqual({ response_action: 'clear' });
    await h.adapter.settled();
    expect(h.textOf(lastPost('D3'))).toMatch(/^Saved \d+ field\(s\) of Materials \(Art\. 8\) for case RB-\w+\. The intake of case RB-\w+ is complete\./);
    const k = await h.app.store.getCase(caseId);
    expect(Object.keys(k!.intake)).toEqual(expect.arrayContaining(['applicant', 'cii', 'item-1', 'risk', 'materials']));
    expect(k!.status).toBe('intake');
    expect(h.fake.of('views.publish').length).toBeGreaterThanOrEqual(1); // App Home refreshed after saving
  });

  // What a person should see in the modal, written down here rather than read from the catalogues.
  const guidance = {
    en: {
      user: 'U12',
      title: (id: string) => `Applicant · ${id}`,
      close: 'Close',
      required: ' (required)',
      titles: (id: string) => [
        `CII status · ${id}`,
        `Line item 1 · ${id}`,
        `Purchase · ${id}`,
        `Supplier · ${id}`,
        `Data · ${id}`,
        `Commitments · ${id}`,
        `Risk factors · ${id}`,
      ],
      hints: { legal_name: 'Full legal name, as registered', uscc: '18 characters, e.g. 91350100M000100Y43', contact: 'Name, phone, email' },
      itemHints: {
        quantity: 'A whole number, e.g. 20',
        unit_price: 'In CNY, e.g. 60,000 or 6万',
        total_amount: 'This line in CNY, e.g. 1,200,000, 120万 or 1.2M',
      },
      purchaseHints: { planned_purchase_date: 'Contract signature, e.g. 2027-06-30', planned_go_live_date: 'E.g. 2027-09-01' },
      ratings: ['Risk: low', 'Risk: medium', 'Risk: high', 'Risk: not yet known'],
      saved: /^Saved 2 field\(s\) of Applicant for case RB-/,
    },
    'zh-CN': {
      user: 'UZH12',
      title: (id: string) => `申报单位·${id}`,
      close: '关闭',
      required: '（必填）',
      titles: (id: string) => [
        `关键信息基础设施·${id}`,
        `采购明细 1·${id}`,
        `采购情况·${id}`,
        `提供者·${id}`,
        `涉及的数据·${id}`,
        `提供者承诺·${id}`,
        `风险因素·${id}`,
      ],
      hints: { legal_name: '单位全称，与营业执照一致', uscc: '18位，由数字和大写字母组成', contact: '姓名、电话、邮箱' },
      itemHints: { quantity: '整数，例如 20', unit_price: '单位：元，例如 60,000 或 6万', total_amount: '本行明细总金额（元），例如 1,200,000 或 120万' },
      purchaseHints: { planned_purchase_date: '签订合同的日期，例如 2027-06-30', planned_go_live_date: '例如 2027-09-01' },
      ratings: ['风险：低', '风险：中', '风险：高', '风险：尚不清楚'],
      saved: /^已保存审查事项 RB-[0-9A-Z]+ 的“申报单位”中 2 个字段/,
    },
  } as const;
  type Modal = Parameters<Harness['submit']>[0] & { title: { text: string }; close?: { text: string } };
  type Input = { block_id: string; optional: boolean; label: { text: string }; hint?: { text: string }; element: { options?: { text: { text: string } }[] } };
  it.each(['en', 'zh-CN'] as const)(
    'the modal guides (%s): hints, required marks, risk-level ratings, a short title with the case id, a close label; a partial save is progress',
    async (lang) => {
      const g = guidance[lang];
      await start();
      if (lang === 'zh-CN') await say('lang zh', g.user);
      const caseId = await openCase(g.user);
      const dm = h.dmChannel(g.user);
      await say(`intake ${caseId}`, g.user);
      await h.press(h.blocksOf(lastPost(dm)), 'open_form', g.user, '810.1', dm);
      await h.fake.until(() => h.fake.of('views.open').length === 1);
      const view = h.fake.of('views.open')[0]!.params.view as Modal;
      const block = (v: Modal, id: string) => v.blocks.find((b) => b.block_id === id) as unknown as Input;

      expect(view.title.text).toBe(g.title(caseId));
      expect([...view.title.text].length).toBeLessThanOrEqual(24);
      expect(view.close?.text).toBe(g.close);
      for (const [field, hint] of Object.entries(g.hints)) expect(block(view, field).hint?.text).toBe(hint);
      expect(block(view, 'legal_name')).toMatchObject({ optional: false });
      expect(block(view, 'legal_name').label.text.endsWith(g.required)).toBe(true);

      // Two valid fields, the rest left for later: saved, the modal closes, and the DM says so as news, not as a warning.
      const partial = await h.submit(view, { legal_name: 'Grid Co', contact: 'Wang Li, 010-1234 5678, wang@grid.example' }, g.user, 'trig-p1');
      expect(await partial.json()).toEqual({ response_action: 'clear' });
      await h.adapter.settled();
      expect(h.textOf(lastPost(dm))).toMatch(g.saved);
      expect(JSON.stringify(lastPost(dm).params.blocks)).not.toContain(':warning:');

      // Each next section comes with its own short title; the line item and the purchase carry their hints.
      const over = { uscc: '91350100M000100Y43', contact: 'Wang Li 138 0013 8000', notice_date: '2025-06-30', planned_go_live_date: '2026-05-01' };
      const titles: string[] = [];
      let current = view;
      for (let i = 0; i < 7; i++) {
        const next = (await (await h.submit(current, h.fill(current, over), g.user, `trig-p${i + 2}`)).json()) as { response_action: string; view: Modal };
        expect(next.response_action).toBe('update');
        current = next.view;
        titles.push(current.title.text);
        const form = JSON.parse(current.private_metadata).form as string;
        if (form === 'item-1') {
          for (const [field, hint] of Object.entries(g.itemHints)) expect(block(current, field).hint?.text).toBe(hint);
          expect(block(current, 'model_version')).toMatchObject({ optional: true }); // Slack marks it "(optional)" itself
          expect(block(current, 'model_version').label.text).not.toContain(g.required);
          expect(block(current, 'quantity').label.text.endsWith(g.required)).toBe(true);
        }
        if (form === 'purchase') for (const [field, hint] of Object.entries(g.purchaseHints)) expect(block(current, field).hint?.text).toBe(hint);
      }
      expect(titles).toEqual(g.titles(caseId));
      for (const title of titles) expect([...title].length).toBeLessThanOrEqual(24);
      expect(block(current, 'control_damage_rating').element.options!.map((o) => o.text.text)).toEqual(g.ratings);
      expect(block(current, 'control_damage_rating').label.text.endsWith(g.required)).toBe(true);
    },
  );

  it('a form check slower than the ack budget: the modal is closed in time and the outcome (here: errors) comes by DM', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await start({
      ackBudgetMs: 20,
      wrapBot: (bot: Bot): Bot => ({
        ...bot,
        submitForm: async (req) => {
          await gate;
          return bot.submitForm(req);
        },
      }),
    });
    const caseId = await openCase('U11');
    await say(`intake ${caseId}`, 'U11');
    await h.press(h.blocksOf(lastPost('D11')), 'open_form', 'U11', '900.1', 'D11');
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    const view = h.fake.of('views.open')[0]!.params.view as Parameters<Harness['submit']>[0];
    const res = await h.submit(view, { legal_name: 'Grid Co', uscc: 'twenty' }, 'U11', 'trig-slow');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // plain ack: Slack closes the modal
    const before = h.posts('D11').length;
    release();
    await h.fake.until(() => h.posts('D11').length >= before + 2);
    const [note, reopen] = h.posts('D11').slice(before);
    expect(h.textOf(note!)).toMatch(/Saved 1 field\(s\)[\s\S]*\n.*: A unified social credit code has 18 characters/);
    expect(json(reopen)).toMatch(/"action_id":"open_form"/);
  });
});

describe('privacy in channels', () => {
  it('a case asked about in a channel is shown to the person only (ephemeral in the thread), never posted to the channel', async () => {
    await start();
    const caseId = await openCase('U11');
    const before = h.posts('C5').length;
    await h.event({ type: 'app_mention', channel: 'C5', user: 'U11', text: `<@UBOT> show ${caseId}`, ts: '700.1' });
    await h.fake.until(() => h.fake.of('chat.postEphemeral').length >= 1);
    await h.adapter.settled();
    const shown = h.fake.of('chat.postEphemeral').at(-1)!;
    expect(shown.params).toMatchObject({ channel: 'C5', user: 'U11', thread_ts: '700.1' });
    expect(json(shown)).toContain(caseId);
    expect(
      h
        .posts('C5')
        .slice(before)
        .filter((p) => json(p).includes(caseId)),
    ).toEqual([]);
  });

  it('a triage run in a channel thread: the questions in the thread, the decision with its case only to the person', async () => {
    await start();
    await h.event({ type: 'app_mention', channel: 'C6', user: 'U12', text: '<@UBOT> review', ts: '710.1' });
    await h.fake.until(() => h.posts('C6').length === 1);
    for (const [i, a] of ['purchase', 'hpc_servers', 'yes', 'yes'].entries()) {
      await h.event({ type: 'app_mention', channel: 'C6', user: 'U12', text: `<@UBOT> ${a}`, ts: `710.${i + 2}`, thread_ts: '710.1' });
      await h.adapter.settled();
    }
    expect(h.posts('C6').map(h.textOf).join(' ')).not.toMatch(CASE_ID);
    expect(
      h.fake
        .of('chat.postEphemeral')
        .map((c) => json(c))
        .join(' '),
    ).toMatch(CASE_ID);
  });
});

describe('reminders', () => {
  it('deliver posts to the DM stored with the person', async () => {
    await start();
    await say('hello', 'U5');
    const person = await h.app.store.getPerson('slack:U5');
    await h.adapter.deliver(person!, [{ type: 'info', text: 'Reminder: case RB-000001 is due tomorrow' }], 'en');
    expect(lastPost().params).toMatchObject({ channel: 'D5', text: 'Reminder: case RB-000001 is due tomorrow' });
    expect(h.fake.of('conversations.open')).toHaveLength(0);
  });

  it('someone last seen in a channel gets the reminder in a DM, never in the channel; a failed post is left to the scheduler', async () => {
    await start();
    await h.event({ type: 'app_mention', channel: 'C7', user: 'U6', text: '<@UBOT> hello', ts: '520.1' });
    await h.fake.until(() => h.posts('C7').length === 1);
    const person = (await h.app.store.getPerson('slack:U6'))!;
    await h.adapter.deliver(person, [{ type: 'info', text: 'Reminder' }], 'en');
    expect(h.fake.of('conversations.open').at(-1)!.params).toMatchObject({ users: 'U6' });
    expect(lastPost().params).toMatchObject({ channel: 'D6', text: 'Reminder' });
    expect(h.posts('C7')).toHaveLength(1);

    h.fake.failOnce('chat.postMessage', { type: 'platform_error', error: 'account_inactive' });
    await expect(h.adapter.deliver(person, [{ type: 'info', text: 'Reminder' }], 'en')).rejects.toThrow(/account_inactive/);
  });
});

describe('correctness at the edge', () => {
  it('a retried event (same event_id, X-Slack-Retry-Num: 1) is processed once', async () => {
    await start();
    await h.dm('review', 'U6', { eventId: 'EvSame' });
    await h.fake.until(() => h.posts('D6').length === 1);
    const retry = await h.dm('review', 'U6', { eventId: 'EvSame', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await say('help', 'U6'); // handled after the retry
    const questions = h.posts('D6').filter(hasControls);
    expect(questions).toHaveLength(2); // the first ask and help's re-ask; the retry added nothing
  });

  it.each([
    ['a forged signature', { secret: 'not-the-secret' }],
    ['missing signature headers', { unsigned: true }],
    ['a replayed request with a stale timestamp (6 minutes old)', { ts: Math.floor(Date.now() / 1000) - 360 }],
  ])('%s gets 401 and reaches no handler', async (_name, opts) => {
    await start();
    const r = await h.event({ type: 'message', channel_type: 'im', channel: 'D7', user: 'U7', text: 'review', ts: '1.0' }, { ...opts, eventId: 'EvBad' });
    expect(r.status).toBe(401);
    await say('hello', 'U8'); // a genuine request afterwards is served
    expect(h.fake.calls.filter((c) => c.params.channel === 'D7' || c.params.users === 'U7')).toEqual([]);
    expect(await h.app.store.hasEvent('EvBad')).toBe(false);
    expect(await h.app.store.getPerson('slack:U7')).toBeNull();
  });

  it('a body changed after signing gets 401', async () => {
    await start();
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvT',
      event: { type: 'message', channel_type: 'im', channel: 'D7', user: 'U7', text: 'hi' },
    });
    const ts = Math.floor(Date.now() / 1000);
    const tampered = await fetch(`http://127.0.0.1:${h.server.port}/slack/events`, {
      method: 'POST',
      body: body.replace('"hi"', '"review"'),
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': h.sign(ts, body) },
    });
    expect(tampered.status).toBe(401);
    expect(await h.app.store.hasEvent('EvT')).toBe(false);
  });

  it("Slack's url_verification challenge is answered on the route", async () => {
    await start();
    const r = await h.send(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), 'json');
    expect(await r.json()).toEqual({ challenge: 'abc123' });
  });

  it('a 429 with Retry-After is waited out and retried; the message still arrives and the wait is logged', async () => {
    await start();
    h.fake.failOnce('chat.postMessage', { type: 'rate_limited', retryAfter: 0 });
    await say('review', 'U8');
    expect(h.fake.failed.map((f) => f.failure.type)).toEqual(['rate_limited']);
    expect(h.textOf(lastPost('D8'))).toMatch(/What is this check about\?/);
    expect(h.posts('D8')).toHaveLength(1);
    expect(h.logs.some((l) => l.event === 'slack.rate_limited' && l.fields?.method === 'chat.postMessage')).toBe(true);
  });

  it('a 503 is retried with backoff and logged; a call Slack refuses is logged and the next turn works', async () => {
    await start();
    h.fake.failOnce('chat.postMessage', { type: 'server_error' });
    await say('review', 'U8');
    expect(h.fake.failed.map((f) => f.failure.type)).toEqual(['server_error']);
    expect(h.logs.some((l) => l.event === 'slack.api_retry')).toBe(true);

    h.fake.failOnce('chat.postMessage', { type: 'platform_error', error: 'msg_too_long' });
    await say('help', 'U8');
    expect(h.logs.some((l) => l.event === 'slack.api_failed' && l.fields?.method === 'chat.postMessage' && l.fields?.error === 'msg_too_long')).toBe(true);
    await say('help', 'U8');
    expect(h.textOf(lastPost('D8'))).toMatch(/What is this check about\?/); // help, then the pending question again
  });

  it('auth.test failing at start is logged and asked again on the next request; the request is served meanwhile', async () => {
    await start({ beforeStart: (fake) => fake.failOnce('auth.test', { type: 'platform_error', error: 'invalid_auth' }) });
    await h.logged((l) => l.event === 'slack.auth_test_failed' && l.fields?.error === 'invalid_auth');
    await h.event({ type: 'app_mention', channel: 'C3', user: 'U13', text: '<@UBOT> we want to buy 20 core routers', ts: '530.1' });
    await h.adapter.settled();
    expect(h.textOf(lastPost('C3'))).toMatch(/Core network equipment/); // the bot's mention was dropped without knowing its id
    await h.fake.until(() => h.fake.of('auth.test').length === 2);
  });

  it('a turn that throws becomes an apology in both languages, and the server carries on', async () => {
    let fail = true;
    await start({
      wrapBot: (bot: Bot): Bot => ({
        ...bot,
        handle: async (env) => {
          if (fail) {
            fail = false;
            throw new Error('store down');
          }
          return bot.handle(env);
        },
      }),
    });
    await h.dm('review', 'U12');
    await h.fake.until(() => h.fake.of('chat.postEphemeral').length === 1);
    expect(h.textOf(h.fake.of('chat.postEphemeral')[0]!)).toMatch(/Something went wrong[\s\S]*系统出现问题/);
    expect(h.logs.some((l) => l.event === 'slack.turn_failed')).toBe(true);
    await say('review', 'U12');
    expect(h.textOf(lastPost('D12'))).toMatch(/What is this check about\?/);
  });
});

describe('files shared in the DM', () => {
  it('a file with "attach RB-…" is fetched from url_private with the bot token and stored with the case; a repeated delivery adds nothing', async () => {
    await start();
    const caseId = await openCase('U7');
    const bytes = new TextEncoder().encode('%PDF-1.7 tender documents');
    const url = h.fake.serveFile('招标文件.pdf', bytes, 'xoxb-test');
    const share = {
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: 'D7',
      user: 'U7',
      text: `attach ${caseId}`,
      ts: '990.1',
      files: [
        { id: 'F1', name: '招标文件.pdf', size: bytes.length, url_private: url },
        { id: 'F2', name: 'macro.xlsm', size: 10, url_private: h.fake.serveFile('macro.xlsm', bytes, 'xoxb-test') },
      ],
    };
    const shown = () => [...h.posts('D7'), ...h.fake.of('chat.postEphemeral').filter((c) => c.params.channel === 'D7')];
    const before = shown().length;
    await h.event(share, { eventId: 'EvFile1' });
    await h.fake.until(() => shown().length >= before + 2); // the file stored, and the refusal (an error: shown to the person only)
    expect(h.fake.downloads).toEqual([{ path: new URL(url).pathname, auth: 'Bearer xoxb-test', served: true }]); // the .xlsm is refused before it is fetched
    const said = shown().slice(before).map(h.textOf).join('\n');
    expect(said).toMatch(/招标文件\.pdf \(25 B\) is stored with case RB-\w+ .*"Procurement documents, agreements, contracts to be signed" ticked as ready/);
    expect(said).toMatch(/macro\.xlsm: \.xlsm files are not taken/);
    const [stored] = await h.app.store.listAttachments(caseId);
    expect(stored).toMatchObject({ name: '招标文件.pdf', size: bytes.length, by: 'slack:U7', material: 'procurement_documents' });
    expect([...(await h.app.store.getAttachment(stored!.id))!.bytes]).toEqual([...bytes]);
    await h.event(share, { eventId: 'EvFile1' }); // Slack's retry
    await h.adapter.settled();
    expect(await h.app.store.listAttachments(caseId)).toHaveLength(1);
  });
});
