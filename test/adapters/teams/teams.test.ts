import { afterEach, describe, expect, it } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { createTeamsAdapter } from '../../../adapters/teams/index.js';
import { startFakeConnector } from '../../support/fake-connector.js';

const nlu = createNlu();
let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;

async function boot(env: Record<string, string>) {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', ...env });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu, log: silentLogger });
  server = await startServer(app, 0, [createTeamsAdapter({ config: c.value.teams!, bot: app.bot, log: silentLogger, store: app.store })]);
}
afterEach(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});

let n = 0;
const activity = (over: Record<string, unknown>) => ({
  type: 'message', id: `a${++n}`, channelId: 'msteams', serviceUrl: fake.url, locale: 'en-US',
  from: { id: 'u1', aadObjectId: 'aad-u1' }, conversation: { id: 'c1', conversationType: 'personal' }, recipient: { id: 'b1', name: 'review-bot' },
  ...over,
});
const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const sends = () => fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/v3/conversations/'));
const cardOf = (c: { body: Record<string, unknown> }) => (c.body.attachments as { content: Record<string, unknown> }[] | undefined)?.[0]?.content;

describe('Teams end to end (real CloudAdapter over HTTP, fake Bot Connector)', () => {
  it('a full triage in personal chat ends in a decision card with a case id', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    expect((await post(activity({ text: 'we want to buy 20 Huawei core routers' }))).status).toBe(200);
    await fake.until(() => sends().length >= 1);
    const first = cardOf(sends()[0]!)!;
    expect(JSON.stringify(first)).toMatch(/Core network equipment/);
    for (const text of ['yes', 'yes', 'yes']) await post(activity({ text }));
    await fake.until(() => sends().some((c) => /Review required · RB-/.test(JSON.stringify(cardOf(c) ?? {}))));
    expect(sends()[0]!.body.summary).toMatch(/1\. Core network equipment/); // plain-text fallback
  });

  it('a card answer updates the card without buttons; the same answer again is refused as stale', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    await post(activity({ text: 'review' }));
    await fake.until(() => sends().length >= 1);
    const button = (cardOf(sends()[0]!)!.actions as { data: Record<string, unknown> }[])[0]!;
    const answer = () => post(activity({ text: undefined, value: button.data, replyToId: 'q-1' }));
    await answer();
    await fake.until(() => fake.calls.some((c) => c.method === 'PUT') && sends().length >= 2);
    const put = fake.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/v3/conversations/c1/activities/q-1');
    expect(JSON.stringify(cardOf(put))).toMatch(/Your answer: A purchase/);
    expect(cardOf(put)!.actions).toBeUndefined();
    await answer();
    await fake.until(() => sends().some((c) => /no longer open/.test(String(c.body.text))));
    expect(fake.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('an @mention in a channel is answered in the thread, without the mention text', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    await post(activity({
      text: '<at>review-bot</at> review', conversation: { id: '19:chan@thread.tacv2;messageid=171', conversationType: 'channel' },
      entities: [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: 'b1', name: 'review-bot' } }],
    }));
    await fake.until(() => sends().length >= 1);
    expect(decodeURIComponent(sends()[0]!.path)).toContain('19:chan@thread.tacv2;messageid=171');
    expect(JSON.stringify(cardOf(sends()[0]!))).toMatch(/buying network products/);
  });

  it('task-module intake: fetch returns the form; an invalid submit shows the error; a valid one is stored', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    for (const text of ['review', 'no', 'hpc_servers', 'yes', 'yes']) await post(activity({ text }));
    await fake.until(() => sends().some((c) => /RB-/.test(JSON.stringify(c.body))));
    const caseId = /RB-[0-9A-Z]{6}/.exec(JSON.stringify(sends().map((c) => c.body)))![0];
    const invoke = (name: string, data: Record<string, unknown>) => post(activity({ type: 'invoke', name, value: { data } }));
    const fetched = await (await invoke('task/fetch', { caseId, form: 'declaration' })).json() as { task: { type: string; value: { card: { content: { body: { id?: string }[] } } } } };
    expect(fetched.task.type).toBe('continue');
    expect(fetched.task.value.card.content.body.map((b) => b.id)).toContain('quantity');
    const bad = await (await invoke('task/submit', { caseId, form: 'declaration', applicant_org: 'Grid Co', quantity: 'lots' })).json() as { task: { type: string; value: { card: { content: { body: { id?: string; text?: string }[] } } } } };
    expect(bad.task.type).toBe('continue');
    expect(bad.task.value.card.content.body.find((b) => b.id === 'quantity__error')?.text).toMatch(/number/);
    expect((await app.store.getCase(caseId))?.intake.declaration).toEqual({ applicant_org: 'Grid Co' });
    const values = { applicant_org: 'Grid Co', contact: 'Wang', product: 'servers', supplier: 'Inspur', supplier_country: 'China', quantity: '20',
      contract_amount: '100000', cii_system: 'dispatch', deployment: 'DC1', data_involved: 'grid', planned_purchase_date: '2026-04-01' };
    const good = await (await invoke('task/submit', { caseId, form: 'declaration', ...values })).json() as { task: { type: string; value: { title: string } } };
    expect(good.task).toMatchObject({ type: 'continue', value: { title: 'Risk factors (Art. 10)' } });
    expect((await app.store.getCase(caseId))?.intake.declaration).toMatchObject({ quantity: 20, supplier: 'Inspur' });
  });

  it('a proactive reminder reaches the stored conversation', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    await post(activity({ text: 'hello' }));
    await fake.until(() => sends().length >= 1);
    const person = await app.store.getPerson('teams:aad-u1');
    await server.adapters[0]!.deliver(person!, [{ type: 'info', text: 'Reminder: case RB-1 is due' }]);
    expect(sends().at(-1)).toMatchObject({ path: expect.stringMatching(/^\/v3\/conversations\/c1\/activities/), body: { text: 'Reminder: case RB-1 is due' } });
  });

  it('a duplicate activity id gets no second reply', async () => {
    await boot({ REVIEW_BOT_INSECURE_LOCAL: '1' });
    const a = activity({ text: 'review' });
    await post(a);
    await fake.until(() => sends().length >= 1);
    await post(a);
    await post(activity({ text: 'help' }));
    await fake.until(() => sends().length >= 5);
    const questionCards = sends().filter((c) => /buying network products/.test(JSON.stringify(cardOf(c) ?? {})));
    expect(questionCards).toHaveLength(2); // the first ask and help's re-ask; the duplicate added nothing
  });

  it.each([
    ['no Authorization header', {}],
    ['a garbage bearer token', { authorization: 'Bearer not-a-jwt' }],
  ])('with authentication on, %s is rejected with 401', async (_n, headers) => {
    await boot({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'secret' });
    const r = await post(activity({ text: 'review' }), headers);
    expect(r.status).toBe(401);
    expect(sends()).toHaveLength(0);
    expect(await app.store.getPerson('teams:aad-u1')).toBeNull();
  });
});
