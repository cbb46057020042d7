import { App, ExpressReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Express } from 'express';
import type { Inbound, Outbound } from '../../src/engine/index.js';
import { t, type Lang } from '../../src/i18n/index.js';
import {
  createWork,
  PlatformError,
  type Bot,
  type EdgeLimits,
  type InboundFile,
  type Logger,
  type PlatformAdapter,
  type RetiredQuestion,
  type ShownQuestion,
  type SubmitFormResult,
  type TurnReply,
} from '../../src/runtime/index.js';
import type { PersonRecord } from '../../src/store/index.js';
import {
  eventKeys,
  fromSlackText,
  isDmChannel,
  mentionText,
  modalValues,
  parseAddress,
  parseAnswerValue,
  parseCaseActionValue,
  parseFormRef,
  parseMessageRef,
  parseReminderAction,
  START_TEXT,
  type FormRef,
  type MessageRef,
  type Place,
  type SlackAddress,
} from './inbound.js';
import {
  ANSWER_ACTION,
  answeredBlocks,
  CASE_ACTION,
  CASE_COMMAND_ACTION,
  FORM_CALLBACK,
  formModal,
  homeBlocks,
  OPEN_FORM_ACTION,
  REMINDER_ACTION,
  START_ACTION,
  toSlack,
  type Block,
  type SlackLabels,
} from './outbound.js';
import { SLACK_LIMITS, slackRequestGuard } from './request-guard.js';
import { createSlackWeb, platformError, slackLogger, type RetryPolicy, type SlackWeb } from './web-api.js';

// Slack on @slack/bolt: payloads -> bot.handle / openForm / submitForm, Outbound -> Block Kit.
// Translates only: no flow logic, rules, SQL or wording here.

/** `appToken` (xapp-…) set: Socket Mode, events come over a WebSocket Slack is asked for; else HTTP, signed with `signingSecret`. */
export type SlackConfig = { botToken: string; signingSecret: string | null; appToken: string | null; apiUrl: string | null };
export type SlackAdapterOptions = {
  config: SlackConfig;
  bot: Bot;
  log: Logger;
  /** Web API retries (429 with Retry-After, 5xx, network); the default rides them out for about a minute. */
  retry?: RetryPolicy;
  /**
   * A modal submission is answered in the HTTP reply (field errors, next section), so the form is
   * checked before the ack. If that takes longer than this, the modal is closed within Slack's 3 s
   * and the outcome follows as a DM.
   */
  ackBudgetMs?: number;
  /** What an unauthenticated request may cost (body size, body deadline, bodies read at once); SLACK_LIMITS by default. */
  limits?: Partial<EdgeLimits>;
  /** The clock the signature timestamps are checked against. */
  nowMs?: () => number;
};

export type SlackAdapter = PlatformAdapter & {
  /** Resolves once every request received so far, and the work it started after its ack, has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

/** What the app manifest (manifest.yaml) must declare for this adapter; a test holds the two together. */
export const SLACK_APP = {
  route: '/slack/events',
  command: '/review',
  shortcutCallbackId: 'check_review',
  botEvents: ['app_home_opened', 'app_mention', 'message.im'],
  /**
   * chat:write: post, update, ephemeral; im:write: conversations.open; im:history: message.im; commands: /review and the
   * shortcut; users:read: the person's Slack language (users.info locale) until they choose one; files:read: the
   * bytes of a file shared in the DM (url_private) for the case it is attached to.
   */
  scopes: ['app_mentions:read', 'chat:write', 'commands', 'files:read', 'im:history', 'im:read', 'im:write', 'users:read'],
} as const;

export function labelsFor(lang: Lang): SlackLabels {
  return {
    openForm: t(lang, 'platform.open_form'),
    choose: t(lang, 'platform.choose'),
    confirmSuggestion: t(lang, 'platform.confirm_suggestion'),
    suggested: (label) => t(lang, 'platform.suggested_choice', { label }),
    reasons: t(lang, 'platform.reasons'),
    warnings: t(lang, 'platform.warnings'),
    caseLabel: (caseId) => t(lang, 'platform.case', { caseId }),
  };
}

/** When the turn itself failed the person's language is unknown: say it in both. */
const somethingWrong = () => `${t('en', 'platform.something_wrong')}\n${t('zh-CN', 'platform.something_wrong')}`;
const internalError = (): Outbound => ({ type: 'error', step: '', text: somethingWrong() });
/** A Slack id (U…, W…, C…, D…: letters and digits); anything else, from a forged payload, names no one. */
const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9]{1,64}$/.test(v);
/** A user id instead of a channel (conversations.open failed): nowhere to show an ephemeral message. */
const isUserId = (id: string) => /^[UW]/.test(id);

// The parts of Slack payloads the adapter reads.
type SlackFile = { id?: string; name?: string; title?: string; size?: number; url_private?: string; url_private_download?: string };
type MessageEvent = { channel: string; channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; files?: SlackFile[] };
type MentionEvent = { channel: string; user?: string; text?: string; ts: string; thread_ts?: string };
type ActionBody = {
  user: { id: string };
  team?: { id: string } | null;
  trigger_id: string;
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
  message?: { ts: string; text?: string; thread_ts?: string; blocks?: Block[] };
};
type ActionPayload = { action_ts: string; value?: string; text?: { text: string }; selected_option?: { value: string; text?: { text: string } } };
type ShortcutPayload = { user: { id: string }; team?: { id: string } | null; trigger_id: string; message?: { text?: string } };
type ViewPayload = { id: string; private_metadata?: string; blocks: { block_id?: string }[]; state?: Parameters<typeof modalValues>[0] };

/** The Slack side of the shared server: Bolt on the express app at POST /slack/events. */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const { bot, log, config } = opts;
  const web: SlackWeb = createSlackWeb(config, log, opts.retry);
  const work = createWork();
  const budget = opts.ackBudgetMs ?? 2500;
  let disconnect: (() => Promise<unknown>) | undefined;

  /** A listener body: nothing it throws escapes into Bolt. */
  async function run(handler: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      log.error('slack.handler_failed', { handler, err });
    }
  }

  /** Run a Web API call; failures (after the client's own retries) are logged and reported as `false`, never thrown. */
  async function call(method: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      log.error('slack.api_failed', { method, error: platformError(err), err });
      return false;
    }
  }

  /** The person's DM with the bot; the user id itself when conversations.open fails (chat.postMessage accepts it). */
  async function dmOf(user: string): Promise<string> {
    try {
      return await web.openDm(user);
    } catch (err) {
      log.warn('slack.dm_open_failed', { user, error: platformError(err), err });
      return user;
    }
  }

  /**
   * Post engine messages where the person is. Errors, and replies the runtime marks private (case
   * details), are shown to the person only: ephemeral outside their DM, falling back to the DM.
   * Returns the last question posted with controls, as a message that can be updated later.
   */
  async function post(place: Place, messages: Outbound[], lang: Lang, privately = false): Promise<ShownQuestion | null> {
    const labels = labelsFor(lang);
    const thread = place.thread_ts ? { thread_ts: place.thread_ts } : {};
    const inDm = isDmChannel(place.channel);
    let shown: ShownQuestion | null = null;
    for (const m of messages) {
      const s = toSlack(m, labels);
      const blocks = s.blocks as never;
      if ((s.ephemeral || (privately && !inDm)) && !isUserId(place.channel)) {
        const shownPrivately = await call('chat.postEphemeral', () =>
          web.client.chat.postEphemeral({ channel: place.channel, user: place.user, text: s.text, blocks, ...thread }),
        );
        if (shownPrivately) continue;
        const dm = isDmChannel(place.channel) ? place.channel : await dmOf(place.user);
        await call('chat.postMessage', () => web.client.chat.postMessage({ channel: dm, text: s.text, blocks }));
        continue;
      }
      let ts: string | undefined;
      await call('chat.postMessage', async () => {
        ts = (await web.client.chat.postMessage({ channel: place.channel, text: s.text, blocks, ...thread })).ts;
      });
      if (m.type === 'question' && m.choices?.length && ts)
        shown = { step: m.step, question: m.text, ref: { channel: place.channel, ts } satisfies MessageRef };
    }
    return shown;
  }

  /** Slack's file objects as the runtime takes them: fetched (only if it decides to) from url_private with the bot token. */
  const filesOf = (files: SlackFile[] | undefined): InboundFile[] =>
    (files ?? []).flatMap((f) => {
      const url = f.url_private_download ?? f.url_private;
      return url ? [{ name: f.name ?? f.title ?? '', size: f.size ?? 0, download: () => web.download(url) }] : [];
    });

  /** Replace a retired question's controls with what became of it (its answer, asked again, closed). */
  async function retire(r: RetiredQuestion): Promise<void> {
    const ref = parseMessageRef(r.ref);
    if (!ref) return;
    await call('chat.update', () =>
      web.client.chat.update({ channel: ref.channel, ts: ref.ts, text: r.question, blocks: answeredBlocks(undefined, r.question, r.text) as never }),
    );
  }

  /**
   * One turn: the engine answers, a question it answered or superseded loses its controls, then its
   * messages go out and the new question shown is recorded. One person's turns stay in arrival order.
   * `clicked`: the message whose control was used, which the caller updates itself.
   */
  function converse(
    place: Place,
    input: Inbound,
    meta: { eventId?: string; address: SlackAddress; clicked?: MessageRef; files?: InboundFile[] },
    afterTurn?: (reply: TurnReply) => Promise<void>,
  ): Promise<void> {
    const env = {
      platform: 'slack' as const,
      userId: place.user,
      address: meta.address,
      forms: true,
      ...(meta.eventId ? { eventId: meta.eventId } : {}),
      ...(meta.files ? { files: meta.files } : {}),
    };
    return respond(place, () => bot.handle({ ...env, input }), meta.clicked, afterTurn);
  }

  function respond(place: Place, turn: () => Promise<TurnReply>, clicked?: MessageRef, afterTurn?: (reply: TurnReply) => Promise<void>): Promise<void> {
    return work.serial(place.user, async () => {
      let reply: TurnReply;
      try {
        reply = await turn();
      } catch (err) {
        log.error('slack.turn_failed', { user: place.user, err });
        await post(place, [internalError()], 'en');
        return;
      }
      if (afterTurn) await afterTurn(reply);
      const retired = reply.retire ? parseMessageRef(reply.retire.ref) : null;
      if (reply.retire && !(retired && clicked && retired.ts === clicked.ts && retired.channel === clicked.channel)) await retire(reply.retire);
      const shown = await post(place, reply.messages, reply.lang, reply.private);
      if (shown) await call('bot.shown', () => bot.shown('slack', place.user, shown));
    });
  }

  async function publishHome(user: string): Promise<void> {
    const view = await bot.home('slack', user, await web.localeOf(user));
    await call('views.publish', () => web.client.views.publish({ user_id: user, view: { type: 'home', blocks: homeBlocks(view) as never } }));
  }

  /** A modal submission whose check outlived the ack budget: the modal is gone, so the outcome comes by DM. */
  async function lateOutcome(user: string, ref: FormRef, submission: Promise<SubmitFormResult>): Promise<void> {
    let r: SubmitFormResult;
    try {
      r = await submission;
    } catch (err) {
      log.error('slack.submit_failed', { user, err });
      await post({ channel: await dmOf(user), user }, [internalError()], 'en');
      return;
    }
    const dm = await dmOf(user);
    const out: Outbound[] = [];
    let lang = r.lang;
    if (r.ok) {
      out.push({ type: 'info', text: r.message });
      if (r.next) out.push({ type: 'form', form: r.next });
    } else {
      const reopened = await bot.openForm({ platform: 'slack', userId: user, ...ref });
      lang = reopened.lang;
      const label = (id: string) => (reopened.ok ? reopened.form.fields.find((f) => f.id === id)?.label : undefined) ?? id;
      const lines = Object.entries(r.errors).map(([id, msg]) => `${label(id)}: ${msg}`);
      out.push({ type: 'info', text: [r.message, ...lines].join('\n') });
      if (reopened.ok) out.push({ type: 'form', form: reopened.form });
    }
    await post({ channel: dm, user }, out, lang);
    if (r.ok) await publishHome(user);
  }

  function listen(app: App): void {
    // Direct messages to the bot.
    app.event('message', ({ event, body }) =>
      run('message', async () => {
        const e = event as unknown as MessageEvent;
        // A file shared in the DM is a message too (subtype file_share); other subtypes (edits, joins) are not.
        if (e.channel_type !== 'im' || (e.subtype && e.subtype !== 'file_share') || e.bot_id || !isId(e.user) || !isId(e.channel)) return;
        const b = body as { event_id?: string; team_id?: string };
        const files = filesOf(e.files);
        await converse(
          { channel: e.channel, user: e.user },
          { type: 'text', text: fromSlackText(e.text, web.known().botUserId) },
          {
            ...(b.event_id ? { eventId: b.event_id } : {}),
            address: { user: e.user, team: b.team_id ?? null, dm: e.channel },
            ...(files.length ? { files } : {}),
          },
        );
      }),
    );

    // @review-bot in a channel: answered in the message's thread.
    app.event('app_mention', ({ event, body }) =>
      run('app_mention', async () => {
        const e = event as unknown as MentionEvent;
        if (!isId(e.user) || !isId(e.channel)) return;
        const b = body as { event_id?: string; team_id?: string };
        await converse(
          { channel: e.channel, user: e.user, thread_ts: e.thread_ts ?? e.ts },
          { type: 'text', text: mentionText(e.text, web.known().botUserId) },
          {
            ...(b.event_id ? { eventId: b.event_id } : {}),
            address: { user: e.user, team: b.team_id ?? null },
          },
        );
      }),
    );

    // /review [free text]: the check runs in the person's DM with the bot.
    app.command(SLACK_APP.command, ({ command, ack }) =>
      run('command', async () => {
        await ack();
        const user = command.user_id;
        const dm = await dmOf(user);
        await converse(
          { channel: dm, user },
          { type: 'text', text: fromSlackText(command.text) || START_TEXT },
          {
            eventId: eventKeys.command(command.trigger_id),
            address: { user, team: command.team_id ?? null, ...(isDmChannel(dm) ? { dm } : {}) },
          },
        );
      }),
    );

    // Message shortcut "Check if this needs review": triage that message's text, answer by DM.
    app.shortcut(SLACK_APP.shortcutCallbackId, ({ shortcut, ack }) =>
      run('shortcut', async () => {
        await ack();
        const s = shortcut as unknown as ShortcutPayload;
        const user = s.user.id;
        const dm = await dmOf(user);
        await converse(
          { channel: dm, user },
          { type: 'text', text: fromSlackText(s.message?.text) || START_TEXT },
          {
            eventId: eventKeys.shortcut(s.trigger_id),
            address: { user, team: s.team?.id ?? null, ...(isDmChannel(dm) ? { dm } : {}) },
          },
        );
      }),
    );

    // A choice clicked or selected: answer the step the control belongs to; once accepted, the question loses its controls.
    app.action({ action_id: new RegExp(`^${ANSWER_ACTION}:`) }, ({ ack, body, action }) =>
      run('answer', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const act = action as unknown as ActionPayload;
        const parsed = parseAnswerValue(act.selected_option?.value ?? act.value);
        if (!parsed) return;
        const user = b.user.id;
        const channel = b.channel?.id ?? b.container?.channel_id;
        const threadTs = b.message?.thread_ts ?? b.container?.thread_ts;
        const place: Place = channel ? { channel, user, ...(threadTs ? { thread_ts: threadTs } : {}) } : { channel: await dmOf(user), user };
        const address: SlackAddress = { user, team: b.team?.id ?? null, ...(isDmChannel(channel) ? { dm: channel } : {}) };
        const clicked = b.message && channel ? { clicked: { channel, ts: b.message.ts } } : {};
        await converse(
          place,
          { type: 'choice', step: parsed.step, choice: parsed.choice },
          { eventId: eventKeys.action(user, act.action_ts), address, ...clicked },
          async (reply) => {
            const message = b.message;
            // A repeat, or a refused answer (stale, invalid): the question stays as it is.
            if (!message || !channel || reply.accepted?.step !== parsed.step) return;
            const label = parsed.label ?? act.selected_option?.text?.text ?? act.text?.text ?? parsed.choice;
            const answered = t(reply.lang, 'platform.answered', { answer: label });
            await call('chat.update', () =>
              web.client.chat.update({
                channel,
                ts: message.ts,
                text: message.text ?? '',
                blocks: answeredBlocks(message.blocks, message.text ?? '', answered) as never,
              }),
            );
          },
        );
      }),
    );

    // A decision's next action (view the case, assign to me, export): run by the bot as its chat command would be.
    app.action({ action_id: new RegExp(`^${CASE_ACTION}:`) }, ({ ack, body, action }) =>
      run('case_action', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const act = action as unknown as ActionPayload;
        const ref = parseCaseActionValue(act.value);
        if (!ref) return;
        const user = b.user.id;
        const channel = b.channel?.id ?? b.container?.channel_id;
        const threadTs = b.message?.thread_ts ?? b.container?.thread_ts;
        const place: Place = channel ? { channel, user, ...(threadTs ? { thread_ts: threadTs } : {}) } : { channel: await dmOf(user), user };
        const address: SlackAddress = { user, team: b.team?.id ?? null, ...(isDmChannel(channel) ? { dm: channel } : {}) };
        await respond(place, () =>
          bot.nextAction({ platform: 'slack', userId: user, ...ref, address, forms: true, eventId: eventKeys.action(user, act.action_ts) }),
        );
      }),
    );

    // App Home "Start a review check".
    app.action(START_ACTION, ({ ack, body, action }) =>
      run('start', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const user = b.user.id;
        const dm = await dmOf(user);
        await converse(
          { channel: dm, user },
          { type: 'text', text: START_TEXT },
          {
            eventId: eventKeys.action(user, (action as unknown as ActionPayload).action_ts),
            address: { user, team: b.team?.id ?? null, ...(isDmChannel(dm) ? { dm } : {}) },
          },
        );
      }),
    );

    // A case command button on App Home (countersign a record): the command, as if typed in the DM; then the home view again.
    app.action({ action_id: new RegExp(`^${CASE_COMMAND_ACTION}:`) }, ({ ack, body, action }) =>
      run('case_command', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const act = action as unknown as ActionPayload;
        if (typeof act.value !== 'string' || act.value === '') return;
        const user = b.user.id;
        const dm = await dmOf(user);
        await converse(
          { channel: dm, user },
          { type: 'text', text: act.value },
          {
            eventId: eventKeys.action(user, act.action_ts),
            address: { user, team: b.team?.id ?? null, ...(isDmChannel(dm) ? { dm } : {}) },
          },
        );
        await publishHome(user);
      }),
    );

    // "Open form" (in a message or on App Home): the intake section as a modal.
    app.action({ action_id: new RegExp(`^${OPEN_FORM_ACTION}(:|$)`) }, ({ ack, body, action }) =>
      run('open_form', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const ref = parseFormRef((action as unknown as ActionPayload).value);
        if (!ref) return;
        const user = b.user.id;
        const r = await bot.openForm({ platform: 'slack', userId: user, ...ref });
        if (r.ok) {
          await call('views.open', () => web.client.views.open({ trigger_id: b.trigger_id, view: formModal(r.form) as never }));
          return;
        }
        const channel = b.channel?.id ?? b.container?.channel_id;
        await post(channel ? { channel, user } : { channel: await dmOf(user), user }, [{ type: 'error', step: '', text: r.message }], r.lang);
      }),
    );

    // A reminder's buttons (open the case or the next form, acknowledge, snooze): the bot decides and checks; shown to the clicker only.
    app.action({ action_id: new RegExp(`^${REMINDER_ACTION}:`) }, ({ ack, body, action }) =>
      run('reminder_action', async () => {
        await ack();
        const b = body as unknown as ActionBody;
        const act = action as unknown as ActionPayload;
        const click = parseReminderAction(act.value);
        if (!click) return;
        const user = b.user.id;
        await work.serial(user, async () => {
          const r = await bot.act({ platform: 'slack', userId: user, ...click, eventId: eventKeys.action(user, act.action_ts) });
          if (r.duplicate) return;
          const channel = b.channel?.id ?? b.container?.channel_id;
          const form = r.messages.find((m) => m.type === 'form');
          if (form?.type === 'form') await call('views.open', () => web.client.views.open({ trigger_id: b.trigger_id, view: formModal(form.form) as never }));
          const rest = r.messages.filter((m) => m !== form);
          if (rest.length) await post(channel ? { channel, user } : { channel: await dmOf(user), user }, rest, r.lang, true);
          const message = b.message;
          if (r.settled && message && channel) {
            await call('chat.update', () =>
              web.client.chat.update({
                channel,
                ts: message.ts,
                text: message.text ?? r.settled!.text,
                blocks: answeredBlocks(message.blocks, r.settled!.text, r.settled!.note) as never,
              }),
            );
          }
        });
      }),
    );

    // Submit: valid fields are saved; errors go back onto the exact fields; success moves to the next section or closes.
    app.view(FORM_CALLBACK, ({ ack, body, view }) =>
      run('view_submission', async () => {
        const v = view as unknown as ViewPayload;
        const ref = parseFormRef(v.private_metadata);
        if (!ref) return ack();
        const user = body.user.id;
        const triggerId = (body as { trigger_id?: string }).trigger_id;
        const submission = bot.submitForm({
          platform: 'slack',
          userId: user,
          ...ref,
          values: modalValues(v.state),
          ...(triggerId ? { eventId: eventKeys.view(v.id, triggerId) } : {}),
        });
        const firstField = Array.isArray(v.blocks) ? v.blocks.find((x) => typeof x?.block_id === 'string')?.block_id : undefined;
        const settled = await withinBudget(submission, budget);
        if (settled.type === 'late') {
          await ack();
          await work.track(lateOutcome(user, ref, submission));
          return;
        }
        if (settled.type === 'failed') {
          log.error('slack.submit_failed', { user, err: settled.err });
          return firstField ? ack({ response_action: 'errors', errors: { [firstField]: somethingWrong() } }) : ack();
        }
        const r = settled.value;
        if (!r.ok) {
          const errors = Object.keys(r.errors).length > 0 ? r.errors : firstField ? { [firstField]: r.message } : null;
          if (errors) return ack({ response_action: 'errors', errors });
          await ack();
          await post({ channel: await dmOf(user), user }, [{ type: 'error', step: '', text: r.message }], r.lang);
          return;
        }
        if (r.next) await ack({ response_action: 'update', view: formModal(r.next) as never });
        else {
          await ack({ response_action: 'clear' });
          await post({ channel: await dmOf(user), user }, [{ type: 'info', text: r.message }], r.lang);
        }
        await work.track(publishHome(user));
      }),
    );

    // App Home: the person's cases, deadlines and actions, as the bot sees them for their role.
    app.event('app_home_opened', ({ event }) =>
      run('app_home_opened', async () => {
        const e = event as unknown as { user: string; tab?: string };
        if (!isId(e.user) || (e.tab && e.tab !== 'home')) return;
        await publishHome(e.user);
      }),
    );

    app.error(async (err) => {
      log.error('slack.error', { err });
    });
  }

  return {
    platform: 'slack',
    mount: async (server: Express) => {
      const slackApiUrl = config.apiUrl ? (config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`) : undefined;
      const transport = config.appToken ? socketMode(config.appToken, slackApiUrl) : http(server, config.signingSecret);
      // Each request's processing is counted, so settled()/close() can wait for it.
      const receiver: Receiver = {
        init: (bolt) => transport.init({ processEvent: (event) => work.track(bolt.processEvent(event)) } as App),
        start: () => Promise.resolve(),
        stop: () => Promise.resolve(),
      };
      const app = new App({
        receiver,
        logger: slackLogger(log, 'slack.bolt'),
        // The token and the bot's identity come from our client; the event path never waits on auth.test
        // (while the identity is unknown, it is asked for in the background).
        authorize: async () => {
          if (!web.known().botUserId) void web.refreshIdentity();
          return { botToken: config.botToken, ...web.known() };
        },
        clientOptions: slackApiUrl ? { slackApiUrl } : {},
      });
      listen(app);
      // Learn the bot's own user id (to drop its mention from text); a failure is logged and asked again on the next request.
      void web.refreshIdentity();
      if (transport.connect) {
        await transport.connect();
        disconnect = transport.disconnect;
      }
    },
    deliver: async (person: PersonRecord, messages: Outbound[], lang: Lang) => {
      const address = parseAddress(person.address);
      const channel = address?.dm ?? (address?.user ? await web.openDm(address.user) : null);
      if (!channel) throw new PlatformError('slack', 'no_address', `no Slack address for ${person.key}`);
      const labels = labelsFor(lang);
      // Failures propagate: the scheduler keeps the reminder and tries again later.
      for (const m of messages) {
        const s = toSlack(m, labels);
        await web.client.chat.postMessage({ channel, text: s.text, blocks: s.blocks as never });
      }
    },
    settled: () => work.drain(),
    close: async () => {
      await work.drain();
      await disconnect?.();
    },
  };

  /** HTTP: the guard, then Bolt's ExpressReceiver on the shared server at /slack/events. */
  function http(server: Express, signingSecret: string | null): Transport {
    if (!signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');
    server.post(SLACK_APP.route, slackRequestGuard({ signingSecret, limits: { ...SLACK_LIMITS, ...opts.limits }, log, nowMs: opts.nowMs ?? Date.now }));
    // ExpressReceiver checks the signature again on the bytes the guard read, and acks at ack()
    // (processBeforeResponse: false: the HTTP reply goes out and the listener carries on).
    return new ExpressReceiver({
      signingSecret,
      endpoints: SLACK_APP.route,
      processBeforeResponse: false,
      app: server,
      logger: slackLogger(log, 'slack.bolt'),
    });
  }

  /**
   * Socket Mode: apps.connections.open (with the app-level token) gives a WebSocket URL; Slack sends
   * events, commands and interactivity down it as envelopes, and each ack goes back up it with the
   * envelope id (and the response payload, e.g. a modal's field errors). Reconnects on its own.
   */
  function socketMode(appToken: string, slackApiUrl: string | undefined): Transport {
    const socket = new SocketModeReceiver({
      appToken,
      logger: slackLogger(log, 'slack.socket_mode'),
      installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    });
    return {
      init: (app) => socket.init(app),
      connect: async () => {
        await socket.start();
        log.info('slack.socket_mode_connected', {});
      },
      disconnect: () => socket.stop(),
    };
  }
}

/** How Slack's requests reach Bolt: `init` hands over the app; a socket also connects and disconnects. */
type Transport = { init(app: App): void; connect?(): Promise<unknown>; disconnect?(): Promise<unknown> };

type Settled<T> = { type: 'done'; value: T } | { type: 'failed'; err: unknown } | { type: 'late' };

/** The outcome of `p` if it settles within `ms`, else `late` (p keeps running). */
function withinBudget<T>(p: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'late' }), ms);
    p.then(
      (value) => {
        clearTimeout(timer);
        resolve({ type: 'done', value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        resolve({ type: 'failed', err });
      },
    );
  });
}
