import { createHmac } from 'node:crypto';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { Person } from '../../../src/domain/index.js';
import type { Nlu } from '../../../src/engine/index.js';
import type { Bot } from '../../../src/runtime/index.js';
import type { EdgeLimits, Logger, ResolvePerson } from '../../../src/runtime/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from './fake-web-api.js';

// The real app (in-memory SQLite, real NLU, real Bolt on the shared express server) with Slack's
// side played by signed HTTP requests and a fake Web API.

export const SECRET = 'test-signing-secret';
let sharedNlu: Nlu | null = null;
const nlu = () => (sharedNlu ??= createNlu());

export type LogLine = { level: 'info' | 'warn' | 'error'; event: string; fields: Record<string, unknown> | undefined };
type Block = { type: string; block_id?: string; elements?: Element[]; text?: { text: string }; accessory?: Element; element?: Element };
type Element = { type: string; action_id: string; value?: string; text?: { text: string }; options?: { value: string; text: { text: string } }[] };

export type HarnessOptions = {
  wrapBot?: (bot: Bot) => Bot;
  ackBudgetMs?: number;
  beforeStart?: (fake: FakeSlack) => void;
  /** Who is behind a Slack user id (default: no people file, everyone holds every role). */
  people?: { resolvePerson: ResolvePerson; findPerson?: (key: string) => Person | null };
  /** The bot's clock (default: Mon 2 Mar 2026, 10:00 in Shanghai). */
  clock?: () => Date;
  limits?: Partial<EdgeLimits>;
  timeouts?: ServerOptions['timeouts'];
  /** Socket Mode: SLACK_APP_TOKEN instead of the signing secret. */
  appToken?: string;
};

export async function startHarness(opts: HarnessOptions = {}) {
  const fake: FakeSlack = await startFakeSlack();
  opts.beforeStart?.(fake);
  const receives = opts.appToken ? { SLACK_APP_TOKEN: opts.appToken } : { SLACK_SIGNING_SECRET: SECRET };
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', SLACK_BOT_TOKEN: 'xoxb-test', ...receives, SLACK_API_URL: fake.url });
  if (!c.ok) throw new Error(c.error);
  const logs: LogLine[] = [];
  const logWaiters = new Set<() => void>();
  const record = (level: LogLine['level']) => (event: string, fields?: Record<string, unknown>) => {
    logs.push({ level, event, fields });
    for (const w of [...logWaiters]) w();
  };
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  /** Wait until a log line matches (some log lines come from work the adapter does not count, e.g. auth.test at start). */
  const logged = (pred: (l: LogLine) => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!logs.some(pred)) return;
        clearTimeout(timer);
        logWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        logWaiters.delete(check);
        reject(new Error(`no such log line; events: ${logs.map((l) => l.event).join(', ')}`));
      }, ms);
      logWaiters.add(check);
      check();
    });
  // A fixed bot clock keeps deadlines inside the years the holiday calendar covers.
  const app: App = await createApp(c.value, { nlu: nlu(), log, clock: opts.clock ?? (() => new Date('2026-03-02T02:00:00Z')), ...opts.people });
  const bot = opts.wrapBot ? opts.wrapBot(app.bot) : app.bot;
  const adapter: SlackAdapter = createSlackAdapter({
    config: c.value.slack!,
    bot,
    log,
    retry: { retries: 3, minTimeout: 1, maxTimeout: 5 },
    ...(opts.ackBudgetMs !== undefined ? { ackBudgetMs: opts.ackBudgetMs } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const server: RunningServer = await startServer(app, 0, { adapters: [adapter], ...(opts.timeouts ? { timeouts: opts.timeouts } : {}) });
  // The adapter asks auth.test once at start; wait for it so later call counts are about the request at hand.
  await fake.until(() => fake.of('auth.test').length === 1);

  const sign = (ts: number, body: string, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  type SendOpts = { headers?: Record<string, string>; ts?: number; secret?: string; unsigned?: boolean };
  async function send(body: string, type: 'json' | 'form', o: SendOpts = {}) {
    const ts = o.ts ?? Math.floor(Date.now() / 1000);
    const h: Record<string, string> = { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...o.headers };
    if (!o.unsigned) Object.assign(h, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(ts, body, o.secret) });
    return fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST', headers: h, body });
  }

  let n = 0;
  const dmChannel = (user: string) => `D${user.replace(/^U/, '')}`;
  const event = (e: Record<string, unknown>, o: SendOpts & { eventId?: string } = {}) =>
    send(JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: o.eventId ?? `Ev${++n}`, event_time: 1, event: e }), 'json', o);
  const interact = (payload: object) => send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'form');

  const posts = (channel?: string) => fake.of('chat.postMessage').filter((p) => channel === undefined || p.params.channel === channel);
  const blocksOf = (c: SlackCall) => (c.params.blocks ?? []) as Block[];
  const textOf = (c: SlackCall) => String(c.params.text ?? '');

  /** Click the control for `choice` on a posted question (a button, or an option of its static select). */
  function click(post: SlackCall, choice: string, user: string, actionTs: string) {
    const actions = blocksOf(post).find((b) => b.type === 'actions');
    if (!actions?.elements) throw new Error(`no controls on: ${textOf(post)}`);
    const el = actions.elements[0]!;
    const channel = String(post.params.channel);
    const ts = String(post.reply.ts);
    const thread = post.params.thread_ts ? { thread_ts: post.params.thread_ts } : {};
    let action: Record<string, unknown>;
    if (el.type === 'static_select') {
      const option = el.options!.find((o) => JSON.parse(o.value).c === choice);
      if (!option) throw new Error(`no option ${choice}`);
      action = { type: 'static_select', action_id: el.action_id, block_id: actions.block_id, selected_option: option, action_ts: actionTs };
    } else {
      const button = actions.elements.find((b) => JSON.parse(b.value!).c === choice);
      if (!button) throw new Error(`no button ${choice}`);
      action = { type: 'button', action_id: button.action_id, block_id: actions.block_id, value: button.value, text: button.text, action_ts: actionTs };
    }
    return interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      trigger_id: `trig-${actionTs}`,
      channel: { id: channel },
      container: { type: 'message', message_ts: ts, channel_id: channel, ...thread },
      message: { type: 'message', ts, text: post.params.text, blocks: post.params.blocks, ...thread },
      actions: [action],
    });
  }

  /** Press a button of a posted message by its action id, as Slack sends it (with the message, so it can be updated). */
  function pressOn(post: SlackCall, actionId: string, user: string, actionTs: string) {
    const actions = blocksOf(post).find((b) => b.type === 'actions');
    const button = actions?.elements?.find((e) => e.action_id === actionId);
    if (!actions || !button) throw new Error(`no ${actionId} button on: ${textOf(post)}`);
    const channel = String(post.params.channel);
    const ts = String(post.reply.ts);
    return interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      trigger_id: `trig-${actionTs}`,
      channel: { id: channel },
      container: { type: 'message', message_ts: ts, channel_id: channel },
      message: { type: 'message', ts, text: post.params.text, blocks: post.params.blocks },
      actions: [{ type: 'button', action_id: button.action_id, block_id: actions.block_id, value: button.value, text: button.text, action_ts: actionTs }],
    });
  }

  /** Press a button found in blocks (a message's or App Home's), by action id prefix. */
  function press(blocks: Block[], actionPrefix: string, user: string, actionTs: string, channel?: string) {
    const all = blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
    const button = all.find((e) => e.action_id?.startsWith(actionPrefix));
    if (!button) throw new Error(`no ${actionPrefix} button`);
    return interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      trigger_id: `trig-${actionTs}`,
      ...(channel ? { channel: { id: channel } } : { view: { type: 'home' } }),
      actions: [{ type: 'button', action_id: button.action_id, value: button.value, action_ts: actionTs }],
    });
  }

  /** Submit a modal (as views.open received it) with plain values by field id. */
  function submit(
    view: { callback_id: string; private_metadata: string; blocks: Block[] },
    values: Record<string, string>,
    user: string,
    triggerId: string,
    viewId = 'VMODAL',
  ) {
    const state = Object.fromEntries(
      Object.entries(values).map(([field, v]) => {
        const el = view.blocks.find((b) => b.block_id === field)?.element;
        const s =
          el?.type === 'static_select'
            ? { type: el.type, selected_option: { value: v } }
            : el?.type === 'datepicker'
              ? { type: el.type, selected_date: v }
              : { type: el?.type ?? 'plain_text_input', value: v };
        return [field, { value: s }];
      }),
    );
    return interact({
      type: 'view_submission',
      user: { id: user },
      team: { id: 'T1' },
      trigger_id: triggerId,
      view: {
        id: viewId,
        hash: 'h',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: { values: state },
      },
    });
  }

  /** A valid value for every field of a modal, taken from the modal itself. */
  /** A valid value for every input of a modal (first option, a date after the harness clock, 20, "Grid Co"); `over` for fields with their own checks. */
  function fill(view: { blocks: Block[] }, over: Record<string, string> = {}): Record<string, string> {
    return Object.fromEntries(
      view.blocks
        .filter((b) => b.type === 'input')
        .map((b) => {
          const el = b.element!;
          const v =
            el.type === 'static_select' ? el.options![0]!.value : el.type === 'datepicker' ? '2026-04-01' : el.type === 'number_input' ? '20' : 'Grid Co';
          return [b.block_id!, over[b.block_id!] ?? v];
        }),
    );
  }

  return {
    fake,
    app,
    server,
    adapter,
    logs,
    logged,
    sign,
    send,
    event,
    interact,
    posts,
    blocksOf,
    textOf,
    click,
    press,
    pressOn,
    submit,
    fill,
    dmChannel,
    dm: (text: string, user = 'U1', o: SendOpts & { eventId?: string } = {}) =>
      event({ type: 'message', channel_type: 'im', channel: dmChannel(user), user, text, ts: `${++n}.000100` }, o),
    command: (text: string, user: string, channel = 'C1') =>
      send(
        new URLSearchParams({
          command: '/review',
          text,
          user_id: user,
          channel_id: channel,
          team_id: 'T1',
          trigger_id: `trig-cmd-${++n}`,
          response_url: `${fake.url}respond`,
        }).toString(),
        'form',
      ),
    close: async () => {
      await server.close();
      await app.close();
      await fake.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
