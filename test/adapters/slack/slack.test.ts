import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { startFakeSlack } from '../../support/fake-slack.js';

const SECRET = 'test-signing-secret';
const nlu = createNlu();
let fake: Awaited<ReturnType<typeof startFakeSlack>>;
let app: App;
let server: RunningServer;

beforeEach(async () => {
  fake = await startFakeSlack();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url });
  if (!c.ok) throw new Error(c.error);
  // A fixed bot clock keeps deadlines inside the years the holiday calendar covers.
  app = await createApp(c.value, { nlu, log: silentLogger, clock: () => new Date('2026-03-02T02:00:00Z') });
  const slack = createSlackAdapter({ config: c.value.slack!, bot: app.bot, log: silentLogger, retry: { retries: 3, minTimeout: 5, maxTimeout: 20 } });
  server = await startServer(app, 0, [slack]);
});
afterEach(async () => {
  await server.close();
  await app.close();
  await fake.close();
});

const sign = (ts: number, body: string, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
async function send(body: string, type: 'json' | 'form', headers: Record<string, string> = {}, opts: { ts?: number; secret?: string; unsigned?: boolean } = {}) {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const h: Record<string, string> = { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers };
  if (!opts.unsigned) Object.assign(h, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(ts, body, opts.secret) });
  return fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST', headers: h, body });
}
let n = 0;
const dm = (text: string, user = 'U1', headers: Record<string, string> = {}, eventId = `Ev${++n}`) =>
  send(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: eventId, event: { type: 'message', channel_type: 'im', channel: 'D1', user, text, ts: `${n}.0` } }), 'json', headers);
const interact = (payload: object) => send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'form');
const posts = () => fake.of('chat.postMessage');
const lastPost = () => posts().at(-1)!.params;

describe('Slack end to end (real Bolt over HTTP, fake Web API)', () => {
  it('a full triage by DM: free text -> category confirmation -> decision with a case id', async () => {
    expect((await dm('想采购20台华为核心路由器')).status).toBe(200);
    await fake.until(() => posts().length >= 1);
    expect(String(lastPost().text)).toMatch(/核心网络设备/);
    for (const [i, answer] of ['是', '是', '是'].entries()) {
      await dm(answer);
      await fake.until(() => posts().length >= 2 + i);
    }
    await fake.until(() => posts().some((p) => /需要申报审查 · RB-/.test(JSON.stringify(p.params.blocks))));
    expect(fake.calls.every((c) => c.auth === 'Bearer xoxb-test')).toBe(true);
  });

  it('/review opens the check in a DM; a click answers, updates the question, and a second click is refused', async () => {
    const form = new URLSearchParams({ command: '/review', text: '', user_id: 'U2', channel_id: 'C1', team_id: 'T1', trigger_id: 'tr1', response_url: `${fake.url}resp` });
    expect((await send(form.toString(), 'form')).status).toBe(200);
    await fake.until(() => posts().length >= 1);
    const q = lastPost();
    expect(q.channel).toBe('U2');
    const button = (q.blocks as { type: string; elements?: { value: string; action_id: string; text: { text: string } }[] }[]).find((b) => b.type === 'actions')!.elements![0]!;
    const click = (ts: string) => interact({
      type: 'block_actions', user: { id: 'U2' }, channel: { id: 'D2' }, team: { id: 'T1' }, trigger_id: 'tr2', container: { message_ts: '111.1' },
      message: { ts: '111.1', text: q.text }, actions: [{ ...button, type: 'button', action_ts: ts, block_id: 'a:listing_abroad' }],
    });
    expect((await click('200.1')).status).toBe(200);
    await fake.until(() => fake.of('chat.update').length === 1 && posts().length >= 2);
    expect(JSON.stringify(fake.of('chat.update')[0]!.params.blocks)).toMatch(/Your answer: A purchase/);
    expect(JSON.stringify(fake.of('chat.update')[0]!.params.blocks)).not.toMatch(/"actions"/);
    expect(lastPost().text).toMatch(/What are you buying/);
    await click('200.2');
    await fake.until(() => fake.of('chat.postEphemeral').length >= 1);
    expect(String(fake.of('chat.postEphemeral')[0]!.params.text)).toMatch(/no longer open/);
    expect(fake.of('chat.update')).toHaveLength(1);
  });

  it('an @mention in a channel answers in the thread; the message shortcut answers by DM', async () => {
    await send(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'EvMention', event: { type: 'app_mention', channel: 'C9', user: 'U9', text: '<@UBOT> we want to buy 20 core routers', ts: '500.1' } }), 'json');
    await fake.until(() => posts().length >= 1);
    expect(posts()[0]!.params).toMatchObject({ channel: 'C9', thread_ts: '500.1' });
    expect(String(posts()[0]!.params.text)).toMatch(/Core network equipment/);
    await interact({ type: 'message_action', callback_id: 'check_review', trigger_id: 'tr9', user: { id: 'U10' }, team: { id: 'T1' }, channel: { id: 'C9' },
      message: { type: 'message', text: '采购一批办公桌椅', ts: '600.1' } });
    await fake.until(() => posts().length >= 2);
    expect(posts()[1]!.params.channel).toBe('U10');
    expect(String(posts()[1]!.params.text)).toMatch(/非网络产品/);
  });

  it('the intake modal: field errors come back on the exact fields, then success moves to the next section', async () => {
    await dm('review', 'U3');
    for (const a of ['no', 'hpc_servers', 'yes', 'yes']) await dm(a, 'U3');
    await fake.until(() => posts().some((p) => /RB-/.test(String(p.params.text))));
    const caseId = /RB-[0-9A-Z]{6}/.exec(posts().map((p) => String(p.params.text)).join(' '))![0];
    await interact({ type: 'block_actions', user: { id: 'U3' }, trigger_id: 'trig', channel: { id: 'D3' }, actions: [{ action_id: 'open_form', value: JSON.stringify({ caseId, form: 'declaration' }), action_ts: '1' }] });
    await fake.until(() => fake.of('views.open').length === 1);
    const view = fake.of('views.open')[0]!.params.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(view.blocks.map((b) => b.block_id)).toContain('quantity');
    const submit = (values: Record<string, string>, id: string) => interact({
      type: 'view_submission', user: { id: 'U3' }, team: { id: 'T1' },
      view: { id, hash: id, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks,
        state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: { type: 'plain_text_input', value: v } }])) } },
    });
    const bad = await submit({ applicant_org: 'Grid Co', quantity: 'twenty' }, 'V1');
    expect(await bad.json()).toMatchObject({ response_action: 'errors', errors: { quantity: expect.stringMatching(/number/) } });
    expect((await app.store.getCase(caseId))?.intake.declaration).toEqual({ applicant_org: 'Grid Co' });
    const good = await submit({ applicant_org: 'Grid Co', contact: 'Wang', product: 'servers', supplier: 'Inspur', supplier_country: 'China', quantity: '20',
      contract_amount: '100000', cii_system: 'dispatch', deployment: 'DC1', data_involved: 'grid', planned_purchase_date: '2026-04-01' }, 'V2');
    const body = await good.json() as { response_action: string; view: { private_metadata: string } };
    expect(body.response_action).toBe('update');
    expect(JSON.parse(body.view.private_metadata)).toEqual({ caseId, form: 'risk' });
  });

  it('App Home publishes the person\'s cases with their deadlines', async () => {
    for (const a of ['review', 'no', 'hpc_servers', 'yes', 'yes']) await dm(a, 'U4');
    await fake.until(() => posts().some((p) => /RB-/.test(String(p.params.text))));
    await send(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'EvHome', event: { type: 'app_home_opened', user: 'U4', tab: 'home' } }), 'json');
    await fake.until(() => fake.of('views.publish').length === 1);
    expect(fake.of('views.publish')[0]!.params).toMatchObject({ user_id: 'U4', view: { type: 'home' } });
    const home = JSON.stringify(fake.of('views.publish')[0]!.params.view);
    expect(home).toMatch(/Start a review check/);
    expect(home).toMatch(/Due: Intake complete \(internal target\) on \d{4}-\d{2}-\d{2}/);
    expect(home).toMatch(/open_form/);
  });

  it('a reminder is delivered as a DM where the person was last seen', async () => {
    await dm('hello', 'U5');
    await fake.until(() => posts().length >= 1);
    const person = await app.store.getPerson('slack:U5');
    await server.adapters[0]!.deliver(person!, [{ type: 'info', text: 'Reminder: case RB-1 is due' }]);
    expect(lastPost()).toMatchObject({ channel: 'D1', text: 'Reminder: case RB-1 is due' });
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) is processed once', async () => {
    await dm('review', 'U6', {}, 'EvSame');
    await fake.until(() => posts().length >= 1);
    await dm('review', 'U6', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, 'EvSame');
    await dm('help', 'U6');
    await fake.until(() => posts().length >= 5);
    const questions = posts().filter((p) => JSON.stringify(p.params.blocks).includes('"actions"'));
    expect(questions).toHaveLength(2); // the first ask and help's re-ask; the retry added nothing
  });

  it.each([
    ['a forged signature', { secret: 'wrong' }],
    ['a missing signature', { unsigned: true }],
    ['a replayed, stale timestamp', { ts: Math.floor(Date.now() / 1000) - 600 }],
  ])('%s gets 401 and touches nothing', async (_n, opts) => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvBad', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U7', text: 'review' } });
    const r = await send(body, 'json', {}, opts);
    expect(r.status).toBe(401);
    await new Promise((res) => setTimeout(res, 50));
    expect(posts()).toHaveLength(0);
    expect(await app.store.hasEvent('EvBad')).toBe(false);
  });

  it('a 429 from the Web API is retried and the message still arrives', async () => {
    fake.rateLimitOnce();
    await dm('review', 'U8');
    await fake.until(() => posts().length >= 1);
    expect(fake.rateLimitedCount()).toBe(1);
    expect(lastPost().text).toMatch(/buying network products/);
  });
});
