import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { createTeamsAdapter } from '../../../adapters/teams/index.js';
import { startFakeConnector, type ConnectorCall } from '../../support/fake-connector.js';
import { postActivity } from '../../support/teams-bot.js';

// Real HTTP into the real CloudAdapter (authentication off: REVIEW_BOT_INSECURE_LOCAL=1, no app id),
// on the shared server from src/server.ts, with a local fake Bot Connector as the activities' serviceUrl.
// A message is answered once its turn is committed and its replies follow; `post` also waits until
// the adapter has settled, so every connector call of a turn has been recorded once it returns.

type Card = { version?: string; body?: Record<string, unknown>[]; actions?: { title: string; data: Record<string, unknown> }[]; fallbackText?: string };

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;
const announced: string[] = [];

beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: createNlu(), log: silentLogger });
  // Mounts the Teams adapter through platformAdapters(), as `serve` does; the loud warning is captured, not printed.
  server = await startServer(app, 0, { announce: (line) => announced.push(line) });
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});

let n = 0;
/** A person in a conversation; every test uses its own so they do not share state. */
function person(user: string, conversation: Record<string, unknown> = { conversationType: 'personal' }, locale = 'en-US') {
  const conv = { id: `conv-${user}`, tenantId: 't1', ...conversation };
  const activity = (over: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${user}-a${++n}`,
    channelId: 'msteams',
    serviceUrl: fake.url,
    locale,
    from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
    conversation: conv,
    recipient: { id: '28:bot', name: 'review-bot' },
    ...over,
  });
  const mine = () => fake.calls.filter((c) => decodeURIComponent(c.path).startsWith(`/v3/conversations/${conv.id}/`));
  return {
    conv,
    activity,
    mine,
    say: (text: string, over: Record<string, unknown> = {}) => post(activity({ text, ...over })),
    sends: () => mine().filter((c) => c.method === 'POST'),
    puts: () => mine().filter((c) => c.method === 'PUT'),
  };
}
const post = (body: object) => postActivity(server, body);
const cardOf = (c: ConnectorCall): Card | undefined => (c.body.attachments as { content: Card }[] | undefined)?.[0]?.content;
const textOf = (c: ConnectorCall) => JSON.stringify(cardOf(c) ?? c.body.text ?? '');
const lastCard = (calls: ConnectorCall[]) => cardOf([...calls].reverse().find((c) => cardOf(c))!)!;

describe('Teams end to end (real CloudAdapter over HTTP, fake Bot Connector)', () => {
  it('without an app id it says loudly that authentication is off, and listens on loopback only', () => {
    expect(announced.join('')).toMatch(/Teams authentication is OFF .* listening on 127\.0\.0\.1 only/);
    expect(server.http.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('a full triage in personal chat ends in a decision card with reasons, citations and a case id', async () => {
    const p = person('triage');
    const a = p.activity({ text: 'we want to buy 20 Huawei core routers' });
    expect((await post(a)).status).toBe(200);
    const first = p.sends()[0]!;
    expect(first.path).toBe(`/v3/conversations/conv-triage/activities/${a.id}`); // a reply to the person's message
    expect(cardOf(first)!.version).toBe('1.5');
    expect(textOf(first)).toMatch(/Core network equipment/);
    expect(first.body.summary).toMatch(/1\. /); // plain-text fallback: the question and numbered choices
    expect(cardOf(first)!.fallbackText).toBe(first.body.summary);
    for (const text of ['yes', 'yes', 'yes']) expect((await p.say(text)).status).toBe(200);
    const decision = p
      .sends()
      .map(cardOf)
      .find((c) => /Review required · Case RB-[0-9A-Z]+/.test(JSON.stringify(c ?? {})));
    expect(decision).toBeDefined();
    const blocks = decision!.body!.map((b) => String(b.text));
    expect(blocks).toContain('Reasons');
    expect(blocks.some((b) => /Art\. \d+/.test(b))).toBe(true); // citations
    const caseId = /RB-[0-9A-Z]+/.exec(JSON.stringify(decision))![0];
    expect((await app.store.getCase(caseId))?.requester).toBe('teams:aad-triage');
  });

  it('a card answer updates the answered card (no buttons); the same answer again is refused as stale', async () => {
    const p = person('card');
    // The yes/no question has a button per choice (the first question's three long labels go into a list).
    for (const text of ['review', 'purchase', 'hpc_servers']) await p.say(text);
    const asked = p.sends().at(-1)!;
    const button = cardOf(asked)!.actions![0]!;
    expect(button.data).toMatchObject({ step: 'ciio', choice: expect.any(String) });
    const click = () => post(p.activity({ text: undefined, value: button.data, replyToId: asked.id }));
    const earlier = p.puts().length; // the questions answered by typing before lost their buttons already
    await click();
    expect(p.puts()).toHaveLength(earlier + 1);
    const put = p.puts()[earlier]!;
    expect(put.path).toBe(`/v3/conversations/conv-card/activities/${asked.id}`);
    expect(JSON.stringify(cardOf(put))).toContain(`Your answer: ${button.title}`);
    expect(cardOf(put)!.actions).toBeUndefined();
    const sent = p.sends().length;
    expect(sent).toBeGreaterThanOrEqual(2); // the next question followed
    await click(); // a second click on the old card (another client, a stale view)
    const after = p.sends().slice(sent);
    expect(String(after[0]!.body.text)).toMatch(/no longer open/);
    expect(after.slice(1).map(textOf).join()).not.toMatch(/Your answer/);
    // The answered card was not touched again; the pending question, asked again, retired its earlier copy.
    expect(p.puts().filter((u) => u.path.endsWith(`/${asked.id}`))).toHaveLength(1);
    expect(
      p
        .puts()
        .slice(earlier + 1)
        .map((u) => JSON.stringify(cardOf(u))),
    ).toEqual([expect.stringMatching(/Asked again below/)]);
  });

  it("a typed answer, and a question asked again after an error, replace the earlier card's buttons", async () => {
    const p = person('typed');
    await p.say('review');
    const first = p.sends().at(-1)!;
    await p.say('purple'); // not an answer: error, and the question again
    const again = p.sends().at(-1)!;
    expect(again.id).not.toBe(first.id);
    expect(cardOf(again)!.actions!.length).toBeGreaterThan(0);
    expect(p.puts().map((u) => u.path)).toEqual([`/v3/conversations/conv-typed/activities/${first.id}`]);
    expect(JSON.stringify(cardOf(p.puts()[0]!))).toMatch(/Asked again below/);
    expect(cardOf(p.puts()[0]!)!.actions).toBeUndefined();
    await p.say('purchase'); // typed
    expect(
      p
        .puts()
        .map((u) => u.path)
        .at(-1),
    ).toBe(`/v3/conversations/conv-typed/activities/${again.id}`);
    expect(JSON.stringify(cardOf(p.puts().at(-1)!))).toContain('Your answer: Buying a network product or service');
    expect(cardOf(p.puts().at(-1)!)!.actions).toBeUndefined();
  });

  it('the decision card carries the next actions; each button is done by the bot, the intake opens its dialog', async () => {
    const p = person('next');
    for (const text of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await p.say(text);
    const decision = p
      .sends()
      .map(cardOf)
      .find((c) => /Review required/.test(JSON.stringify(c ?? {})))!;
    // In rows that fit on the card (ActionSets in the body).
    const actions = decision.body!.filter((b) => b.type === 'ActionSet').flatMap((b) => b.actions as { title: string; data: Record<string, unknown> }[]);
    expect(actions.map((a) => a.title)).toEqual(['View the case', 'Fill in the intake', 'Assign to me', 'Export the pack']);
    const caseId = /RB-[0-9A-Z]+/.exec(JSON.stringify(decision))![0];
    const [view, intake, assign, exportPack] = actions;
    expect(intake!.data).toMatchObject({ msteams: { type: 'task/fetch' }, caseId, form: 'applicant' });
    await post(p.activity({ text: undefined, value: view!.data }));
    expect(String(p.sends().at(-1)!.body.text)).toMatch(new RegExp(`^${caseId} · Review required`));
    await post(p.activity({ text: undefined, value: assign!.data }));
    expect(String(p.sends().at(-1)!.body.text)).toMatch(/analyst is now/);
    expect((await app.store.getCase(caseId))?.analyst).toBe('teams:aad-next');
    await post(p.activity({ text: undefined, value: exportPack!.data }));
    expect(String(p.sends().at(-1)!.body.text)).toMatch(new RegExp(`^# .*${caseId}`));
  });

  it('the category card: "Yes, that\'s right" takes the guess, the list takes any category; the answered card names it', async () => {
    const yes = person('cat-yes');
    await yes.say('we want to buy 20 Huawei core routers');
    const yesCard = yes.sends().at(-1)!;
    const asked = cardOf(yesCard)!;
    expect(asked.body!.find((b) => b.type === 'Input.ChoiceSet')).toMatchObject({ id: 'choice', style: 'compact' });
    expect(asked.actions!.map((a) => a.title)).toEqual(["Yes, that's right", 'Submit']);
    await post(yes.activity({ text: undefined, value: asked.actions![0]!.data, replyToId: yesCard.id }));
    expect((await app.store.loadConversation('teams:aad-cat-yes')).state?.answers).toMatchObject({ category: 'core_network_equipment' });
    expect(JSON.stringify(cardOf(yes.puts()[0]!))).toContain('Your answer: Core network equipment"');

    const list = person('cat-list');
    await list.say('we want to buy 20 Huawei core routers');
    const listCard = list.sends().at(-1)!;
    const submit = cardOf(listCard)!.actions![1]!;
    // Teams posts the submit button's data with the card's inputs merged in: the list is `choice`.
    await post(list.activity({ text: undefined, value: { ...submit.data, choice: 'cloud_services' }, replyToId: listCard.id }));
    expect((await app.store.loadConversation('teams:aad-cat-list')).state?.answers).toMatchObject({ category: 'cloud_services' });
    expect(JSON.stringify(cardOf(list.puts()[0]!))).toContain('Your answer: Cloud computing services');
  });

  it('labels follow the language the person chose, not the client locale (zh-CN)', async () => {
    const p = person('zh', undefined, 'en-US');
    await p.say('lang zh');
    for (const text of ['review', 'purchase', 'hpc_servers']) await p.say(text);
    expect(textOf(p.sends().at(-1)!)).toMatch(/\p{Script=Han}/u);
    const card = p.sends().at(-1)!;
    const button = cardOf(card)!.actions![0]!;
    await post(p.activity({ text: undefined, value: button.data, replyToId: card.id }));
    expect(JSON.stringify(cardOf(p.puts().find((u) => u.path.endsWith(`/${card.id}`))!))).toContain(`您的回答：${button.title}`);
  });

  it('Action.Execute answers come back as the updated card in the invoke response', async () => {
    const p = person('execute');
    for (const text of ['review', 'purchase', 'hpc_servers']) await p.say(text);
    const card = p.sends().at(-1)!;
    const data = cardOf(card)!.actions![0]!.data;
    const execute = async () =>
      (
        await post(
          p.activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId: card.id, value: { action: { type: 'Action.Execute', verb: 'answer', data } } }),
        )
      ).json() as Promise<{ type: string; value: unknown }>;
    const earlier = p.puts().length;
    const first = await execute();
    expect(first.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(first.value)).toMatch(/Your answer: /);
    expect(p.puts()).toHaveLength(earlier); // no update call: the response is the update
    const again = await execute();
    expect(again).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/no longer open/) });
  });

  it.each([
    ['a channel', { id: '19:chan@thread.tacv2;messageid=171', conversationType: 'channel', isGroup: true }],
    ['a group chat', { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true }],
  ])('an @mention in %s is answered in the thread, without the mention text', async (_where, conversation) => {
    const p = person(`mention-${conversation.conversationType}`, conversation);
    const mention = { type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot', name: 'review-bot' } };
    const a = p.activity({ text: '<at>review-bot</at> review', entities: [mention] });
    expect((await post(a)).status).toBe(200);
    expect(p.sends()).toHaveLength(1);
    expect(decodeURIComponent(p.sends()[0]!.path)).toBe(`/v3/conversations/${conversation.id}/activities/${a.id}`); // a reply to the post: its thread
    expect(textOf(p.sends()[0]!)).toMatch(/What is this check about\?/); // "review" started a check: the mention was removed
  });

  it("in a channel, a click on someone else's question card is not taken as anyone's answer", async () => {
    const thread = { id: '19:chan3@thread.tacv2;messageid=5', conversationType: 'channel', isGroup: true };
    const asker = person('asker', thread);
    const mention = { type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } };
    const to = async (who: ReturnType<typeof person>) => {
      for (const text of ['review', 'purchase', 'hpc_servers']) await post(who.activity({ text: `<at>review-bot</at> ${text}`, entities: [mention] }));
    };
    await to(asker);
    const button = lastCard(asker.sends()).actions![0]!;
    expect(button.data.owner).toBe('aad-asker');
    const other = person('other', thread);
    await to(other); // the other person has the same question pending
    const before = fake.calls.length;
    await post(other.activity({ text: undefined, value: button.data, replyToId: 'asker-card' }));
    const after = fake.calls.slice(before);
    expect(after.map((c) => [c.method, String(c.body.text)])).toEqual([['POST', expect.stringMatching(/asked of someone else/)]]);
    for (const who of ['asker', 'other']) {
      // neither conversation took the answer
      expect((await app.store.loadConversation(`teams:aad-${who}`)).state?.answers).toEqual({ matter: 'purchase', category: 'hpc_servers' });
    }
  });

  it('task-module intake: fetch shows the form; an invalid submit returns it with the error; a valid one is stored', async () => {
    const p = person('intake');
    for (const text of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await p.say(text);
    const caseId = /RB-[0-9A-Z]+/.exec(JSON.stringify(p.sends().map((c) => c.body)))![0];
    await p.say(`intake ${caseId}`);
    // The chat offers the intake as a card whose button opens a task module.
    const open = p
      .sends()
      .map(cardOf)
      .flatMap((c) => c?.actions ?? [])
      .find((x) => (x.data.msteams as { type?: string } | undefined)?.type === 'task/fetch');
    expect(open?.data).toMatchObject({ caseId, form: 'applicant' });
    type Task = { task: { type: string; value: { title?: string; card?: { content: Card } } | string } };
    const invoke = async (name: string, data: Record<string, unknown>) =>
      (await post(p.activity({ type: 'invoke', name, value: { data, context: { theme: 'default' } } }))).json() as Promise<Task>;
    const inputs = (t: Task) => (t.task.value as { card: { content: Card } }).card.content.body!;

    const fetched = await invoke('task/fetch', open!.data);
    expect(fetched.task.type).toBe('continue');
    expect(inputs(fetched).find((b) => b.id === 'truthful')).toMatchObject({ type: 'Input.ChoiceSet', label: expect.any(String) });
    expect(inputs(await invoke('task/fetch', { caseId, form: 'item-1' })).find((b) => b.id === 'quantity')?.type).toBe('Input.Number');
    expect(inputs(await invoke('task/fetch', { caseId, form: 'purchase' })).find((b) => b.id === 'planned_purchase_date')?.type).toBe('Input.Date');

    const bad = await invoke('task/submit', { caseId, form: 'applicant', legal_name: 'Grid Co', uscc: '91350100M000100Y44' });
    expect(bad.task.type).toBe('continue');
    const body = inputs(bad);
    const at = body.findIndex((b) => b.id === 'uscc');
    expect(body[at]!.value).toBe('91350100M000100Y44'); // what was typed stays
    expect(body[at + 1]).toMatchObject({ id: 'uscc__error', text: expect.stringMatching(/check digit/) }); // the error right under the field
    expect(body.find((b) => b.id === 'legal_name')!.value).toBe('Grid Co');
    expect((await app.store.getCase(caseId))?.intake.applicant).toEqual({ legal_name: 'Grid Co' }); // partial save kept

    const refetched = await invoke('task/fetch', open!.data); // reopened later: the saved value is filled in
    expect(inputs(refetched).find((b) => b.id === 'legal_name')!.value).toBe('Grid Co');

    const values = { uscc: '91350100M000100Y43', legal_representative: 'Li Ming', contact: '王丽 13800138000', truthful: 'confirmed' };
    const good = await invoke('task/submit', { caseId, form: 'applicant', ...values });
    expect(good.task).toMatchObject({ type: 'continue', value: { title: 'Critical information infrastructure' } }); // the next section
    expect((await app.store.getCase(caseId))?.intake.applicant).toMatchObject({ legal_name: 'Grid Co', contact: '王丽, 13800138000' });
  });

  it("a file shared in the chat is fetched from its downloadUrl and stored with the case the message names; the message's HTML copy is no file", async () => {
    const p = person('files');
    for (const text of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await p.say(text);
    const caseId = /RB-[0-9A-Z]+/.exec(JSON.stringify(p.sends().map((c) => c.body)))![0];
    const bytes = new TextEncoder().encode('PK draft agreement');
    const downloadUrl = fake.serveFile('/sites/files/draft%20contract.docx', bytes);
    const before = p.sends().length;
    await p.say(`attach ${caseId}`, {
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'draft contract.docx',
          contentUrl: 'https://tenant.sharepoint.com/x',
          content: { downloadUrl, uniqueId: 'u1', fileType: 'docx' },
        },
        { contentType: 'text/html', content: `<p>attach ${caseId}</p>` },
      ],
    });
    await fake.until(() => p.sends().length > before);
    expect(textOf(p.sends().at(-1)!)).toMatch(/draft contract\.docx \(18 B\) is stored with case RB-\w+/);
    expect(fake.calls.filter((c) => c.method === 'GET').map((c) => [c.path, c.auth])).toEqual([['/sites/files/draft%20contract.docx', undefined]]);
    const [stored] = await app.store.listAttachments(caseId);
    expect(stored).toMatchObject({ name: 'draft contract.docx', size: bytes.length, material: 'procurement_documents' });
    expect([...(await app.store.getAttachment(stored!.id))!.bytes]).toEqual([...bytes]);
  });

  // What a person should see in the dialog, written down here rather than read from the catalogues.
  const guidance = {
    en: {
      required: ' (required)',
      close: 'Close',
      hints: { legal_name: 'Full legal name, as registered', uscc: '18 characters, e.g. 91350100M000100Y43', contact: 'Name, phone, email' },
      itemHints: { quantity: 'A whole number, e.g. 20', total_amount: 'This line in CNY, e.g. 1,200,000, 120万 or 1.2M' },
      ratings: ['Risk: low', 'Risk: medium', 'Risk: high', 'Risk: not yet known'],
      saved: /^Saved 1 field\(s\) of Applicant/,
    },
    'zh-CN': {
      required: '（必填）',
      close: '关闭',
      hints: { legal_name: '单位全称，与营业执照一致', uscc: '18位，由数字和大写字母组成', contact: '姓名、电话、邮箱' },
      itemHints: { quantity: '整数，例如 20', total_amount: '本行明细总金额（元），例如 1,200,000 或 120万' },
      ratings: ['风险：低', '风险：中', '风险：高', '风险：尚不清楚'],
      saved: /^已保存审查事项 RB-[0-9A-Z]+ 的“申报单位”中 1 个字段/,
    },
  } as const;
  it.each(['en', 'zh-CN'] as const)(
    'task-module intake guidance (%s): hints, required marks, risk-level ratings, a close button, a partial save as progress',
    async (lang) => {
      const g = guidance[lang];
      const p = person(`guide-${lang}`);
      if (lang === 'zh-CN') await p.say('lang zh');
      for (const text of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) await p.say(text);
      const caseId = /RB-[0-9A-Z]+/.exec(JSON.stringify(p.sends().map((c) => c.body)))![0];
      await p.say(`intake ${caseId}`);
      const open = p
        .sends()
        .map(cardOf)
        .flatMap((c) => c?.actions ?? [])
        .find((x) => (x.data.msteams as { type?: string } | undefined)?.type === 'task/fetch')!;
      type Task = { task?: { type: string; value: { title?: string; card?: { content: Card } } | string } };
      const invoke = async (name: string, data: Record<string, unknown>) =>
        (await post(p.activity({ type: 'invoke', name, value: { data, context: { theme: 'default' } } }))).json() as Promise<Task>;
      const contentOf = (t: Task) => (t.task!.value as { card: { content: Card } }).card.content;
      const under = (body: Record<string, unknown>[], id: string) => body[body.findIndex((b) => b.id === id) + 1];

      const card = contentOf(await invoke('task/fetch', open.data));
      const body = card.body!;
      for (const [field, hint] of Object.entries(g.hints)) expect(under(body, field)).toMatchObject({ id: `${field}__hint`, text: hint });
      expect(String(body.find((b) => b.id === 'legal_name')!.label).endsWith(g.required)).toBe(true);
      const close = card.actions!.find((a) => a.data.closeForm === true)!;
      expect(close).toMatchObject({ title: g.close, associatedInputs: 'none' });

      const item = contentOf(await invoke('task/fetch', { caseId, form: 'item-1' })).body!;
      for (const [field, hint] of Object.entries(g.itemHints)) expect(under(item, field)).toMatchObject({ id: `${field}__hint`, text: hint });
      expect(String(item.find((b) => b.id === 'quantity')!.label).endsWith(g.required)).toBe(true);
      expect(String(item.find((b) => b.id === 'model_version')!.label)).not.toContain(g.required); // optional: unmarked

      // Close: an empty invoke response (Teams closes the dialog), nothing saved.
      const closed = await invoke('task/submit', close.data);
      expect(closed.task).toBeUndefined();
      expect((await app.store.getCase(caseId))?.intake.applicant).toBeUndefined();

      // A partial save with one bad field: what was saved is progress (green); only the field's error is red.
      const partial = contentOf(await invoke('task/submit', { caseId, form: 'applicant', legal_name: 'Grid Co', uscc: '123' })).body!;
      expect(partial.find((b) => b.id === 'saved__banner')).toMatchObject({ text: expect.stringMatching(g.saved), color: 'Good' });
      expect(under(partial, 'uscc')).toMatchObject({ id: 'uscc__error', color: 'Attention' });
      expect(partial.filter((b) => b.color === 'Attention').map((b) => b.id)).toEqual(['uscc__error']);
      expect((await app.store.getCase(caseId))?.intake.applicant).toEqual({ legal_name: 'Grid Co' });

      const risk = contentOf(await invoke('task/fetch', { caseId, form: 'risk' })).body!;
      const rating = risk.find((b) => b.id === 'control_damage_rating') as { choices: { title: string; value: string }[]; label: string };
      expect(rating.choices).toEqual(g.ratings.map((title, i) => ({ title, value: ['low', 'medium', 'high', 'unknown'][i] })));
      expect(rating.label.endsWith(g.required)).toBe(true);
    },
  );

  it("case details asked for in a channel go to the person's 1:1 chat; the channel only hears that they were sent", async () => {
    const p = person('private-chan', { id: '19:chan3@thread.tacv2;messageid=7', conversationType: 'channel', isGroup: true });
    const mention = { type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } };
    await post(p.activity({ text: '<at>review-bot</at> review', entities: [mention] }));
    for (const a of ['purchase', 'hpc_servers', 'yes', 'yes']) await post(p.activity({ text: `<at>review-bot</at> ${a}`, entities: [mention] }));
    const inChannel = p.sends().map(textOf).join(' ');
    expect(inChannel).not.toMatch(/RB-[0-9A-Z]{6}/);
    expect(inChannel).toMatch(/sent the case details to you in our 1:1 chat/);
    const created = fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations' && JSON.stringify(c.body).includes('29:private-chan'));
    expect(created.length).toBeGreaterThan(0);
    const personal = fake.calls.filter(
      (c) => c.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(c.path) && !decodeURIComponent(c.path).includes('19:chan3'),
    );
    expect(personal.map(textOf).join(' ')).toMatch(/RB-[0-9A-Z]{6}/);
  });

  it('a proactive reminder reaches the stored personal conversation', async () => {
    const p = person('remind');
    await p.say('hello');
    const before = p.sends().length;
    const who = await app.store.getPerson('teams:aad-remind');
    await server.adapters.find((a) => a.platform === 'teams')!.deliver(who!, [{ type: 'info', text: 'Reminder: case RB-1 is due' }], 'en');
    expect(p.sends().slice(before)).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^\/v3\/conversations\/conv-remind\/activities/),
        body: expect.objectContaining({ text: 'Reminder: case RB-1 is due', textFormat: 'plain' }),
      }),
    ]);
  });

  it('the stored address is the conversation, not the last message: the next message rewrites nothing', async () => {
    const p = person('seen');
    await p.say('hello');
    const first = await app.store.getPerson('teams:aad-seen');
    expect(first!.address).toMatchObject({ conversation: { id: 'conv-seen' }, serviceUrl: fake.url, user: { id: '29:seen' }, bot: { id: '28:bot' } });
    expect(first!.address).not.toHaveProperty('activityId');
    await p.say('status');
    // A changed address would have been written again, with the later time.
    expect((await app.store.getPerson('teams:aad-seen'))!.lastSeenAt).toBe(first!.lastSeenAt);
  });

  it('a person last seen in a channel gets reminders in a 1:1 chat, not in the channel', async () => {
    const p = person('remind-chan', { id: '19:chan2@thread.tacv2;messageid=9', conversationType: 'channel', isGroup: true });
    await post(p.activity({ text: '<at>review-bot</at> status', entities: [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } }] }));
    const inChannel = p.mine().length;
    const start = fake.calls.length;
    const who = await app.store.getPerson('teams:aad-remind-chan');
    await server.adapters.find((a) => a.platform === 'teams')!.deliver(who!, [{ type: 'info', text: 'Reminder: case RB-2 is due' }], 'en');
    const [create, message] = fake.calls.slice(start);
    expect(create).toMatchObject({ method: 'POST', path: '/v3/conversations', body: { isGroup: false, members: [{ id: '29:remind-chan' }], tenantId: 't1' } });
    expect(message).toMatchObject({ method: 'POST', body: { text: 'Reminder: case RB-2 is due' } });
    expect(message!.path).toMatch(/^\/v3\/conversations\/act-\d+\/activities/); // the conversation the connector created
    expect(p.mine()).toHaveLength(inChannel);
  });

  it('a duplicate activity id gets no second reply and changes nothing', async () => {
    const p = person('dup');
    const a = p.activity({ text: 'review' });
    await post(a);
    const once = p.sends().length;
    expect(once).toBeGreaterThan(0);
    expect((await post(a)).status).toBe(200);
    expect(p.sends()).toHaveLength(once);
    await p.say('purchase'); // the conversation is still at its first question: the repeat did not advance it
    expect(textOf(p.sends().at(-1)!)).not.toMatch(/What is this check about\?/);
  });

  it('installing the app in personal scope sends the welcome card', async () => {
    const p = person('welcome');
    const r = await post(p.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:bot' }] }));
    expect(r.status).toBe(200);
    const welcome = lastCard(p.sends());
    expect(JSON.stringify(welcome)).toContain('Cybersecurity review');
    expect(welcome.actions![0]!.data).toEqual({ start: true });
    await post(p.activity({ text: undefined, value: welcome.actions![0]!.data }));
    expect(textOf(p.sends().at(-1)!)).toMatch(/What is this check about\?/); // the start button starts a check
  });

  it("the welcome card offers a countersign button for someone else's risk-prediction record; its click countersigns", async () => {
    const requester = person('rec-req');
    for (const text of ['review', 'purchase', 'not_network_product']) await requester.say(text);
    const recordId = /RB-[0-9A-Z]{6}/.exec(requester.sends().map(textOf).join(' '))![0];
    const lead = person('rec-lead');
    await post(lead.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:bot' }] }));
    const welcome = JSON.stringify(lastCard(lead.sends()));
    const data = { command: `countersign ${recordId}` };
    expect(welcome).toContain(JSON.stringify({ type: 'Action.Submit', title: 'Countersign', data }));
    await post(lead.activity({ text: undefined, value: data }));
    // Named as people see them (the platform name without a people file), never the stored key.
    expect(textOf(lead.sends().at(-1)!)).toContain(`countersigned by aad-rec-lead on`);
  });

  it('the welcome card is in the language of the Teams client of someone the directory does not list', async () => {
    const p = person('welcome-zh', { conversationType: 'personal' }, 'zh-CN');
    await post(p.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:bot' }] }));
    expect(JSON.stringify(lastCard(p.sends()))).not.toContain('Cybersecurity review');
    expect(JSON.stringify(lastCard(p.sends()))).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a body that is not an activity is a 400', async () => {
    const r = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(r.status).toBe(400);
  });
});

describe('Teams turn errors', () => {
  it('a throw inside a turn is logged and answered with the neutral catalogue message', async () => {
    const errors: string[] = [];
    const log = {
      ...silentLogger,
      error: (event: string) => {
        errors.push(event);
      },
    };
    const broken = createTeamsAdapter({
      config: { appId: null, appPassword: null, tenantId: null, appType: null, insecureLocal: true },
      bot: {
        ...app.bot,
        handle: async () => {
          throw new Error('store is down');
        },
      },
      log,
    });
    const s = await startServer(app, 0, { adapters: [broken] });
    try {
      const a = {
        type: 'message',
        id: 'boom-1',
        channelId: 'msteams',
        serviceUrl: fake.url,
        locale: 'zh-CN',
        text: 'hi',
        from: { id: '29:boom' },
        conversation: { id: 'conv-boom', conversationType: 'personal' },
        recipient: { id: '28:bot' },
      };
      const r = await fetch(`http://127.0.0.1:${s.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(a),
      });
      expect(r.status).toBe(200);
      expect(errors).toEqual(['teams.turn_failed']);
      const sent = fake.calls.filter((c) => c.path.startsWith('/v3/conversations/conv-boom/'));
      expect(sent.map((c) => c.body.text)).toEqual(['系统出现问题，数据未丢失。请重试。']);
    } finally {
      await s.close();
    }
  });

  it('without an app id, Teams refuses to start unless insecure local mode is on', () => {
    expect(() =>
      createTeamsAdapter({
        config: { appId: null, appPassword: null, tenantId: null, appType: null, insecureLocal: false },
        bot: app.bot,
        log: silentLogger,
      }),
    ).toThrow(/MICROSOFT_APP_ID/);
  });
});
