import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import type { Outbound } from '../../src/engine/index.js';
import { t } from '../../src/i18n/index.js';
import type { Lang } from '../../src/i18n/lang.js';
import type { Bot } from '../../src/runtime/bot.js';
import type { Logger } from '../../src/runtime/logger.js';
import type { PlatformAdapter } from '../../src/runtime/platform.js';
import type { PersonRecord } from '../../src/store/index.js';
import {
  ANSWER_ACTION, answeredBlocks, FORM_CALLBACK, formModal, homeBlocks, modalValues, OPEN_FORM_ACTION, parseAnswerValue, START_ACTION, toSlack,
} from './outbound.js';

export type SlackConfig = { botToken: string; signingSecret: string; apiUrl: string | null };
export type SlackAdapterOptions = {
  config: SlackConfig;
  bot: Bot;
  log: Logger;
  /** Web API retries; the default rides out 429s (Retry-After) and 5xx over about a minute. */
  retry?: { retries: number; minTimeout: number; maxTimeout: number };
};

/** Where to answer: a channel, and a thread inside it when the conversation started in one. */
type Place = { channel: string; thread_ts?: string; user: string };

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => {}, info: () => {},
    warn: (...m: unknown[]) => log.warn('slack.bolt', { message: m.map(String).join(' ') }),
    error: (...m: unknown[]) => log.error('slack.bolt', { message: m.map(String).join(' ') }),
    setLevel: (l) => { level = l; }, getLevel: () => level, setName: () => {},
  };
}

/** The Slack side: Bolt on the shared express app at POST /slack/events. Translates; never decides. */
export function createSlackAdapter(opts: SlackAdapterOptions): PlatformAdapter {
  const { bot, log, config } = opts;
  let app: App | null = null;

  const labels = (lang: Lang) => ({ openForm: t(lang, 'platform.open_form'), choose: t(lang, 'platform.choose') });
  const langOf = (msgs: Outbound[]): Lang => (msgs.some((m) => 'text' in m && /\p{Script=Han}/u.test(String((m as { text: string }).text))) ? 'zh-CN' : 'en');

  async function post(place: Place, messages: Outbound[]): Promise<void> {
    const client = app!.client;
    const lang = langOf(messages);
    for (const m of messages) {
      const s = toSlack(m, labels(lang));
      try {
        if (s.ephemeral) await client.chat.postEphemeral({ channel: place.channel, user: place.user, text: s.text, blocks: s.blocks as never, ...(place.thread_ts ? { thread_ts: place.thread_ts } : {}) });
        else await client.chat.postMessage({ channel: place.channel, text: s.text, blocks: s.blocks as never, ...(place.thread_ts ? { thread_ts: place.thread_ts } : {}) });
      } catch (err) {
        log.error('slack.post_failed', { channel: place.channel, err });
      }
    }
  }

  async function converse(place: Place, userId: string, text: string, eventId?: string): Promise<void> {
    try {
      const out = await bot.handle({
        platform: 'slack', userId, input: { type: 'text', text }, address: { channel: place.channel }, forms: true, ...(eventId ? { eventId } : {}),
      });
      await post(place, out);
    } catch (err) {
      log.error('slack.turn_failed', { err });
      await post(place, [{ type: 'error', step: '', text: t('en', 'platform.something_wrong') }]);
    }
  }

  function build(web: Express): App {
    const receiver = new ExpressReceiver({
      signingSecret: config.signingSecret, endpoints: '/slack/events', processBeforeResponse: false, app: web, logger: boltLogger(log),
    });
    const a = new App({
      receiver, token: config.botToken, logger: boltLogger(log), tokenVerificationEnabled: false,
      clientOptions: {
        ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
        retryConfig: opts.retry ? { retries: opts.retry.retries, factor: 2, minTimeout: opts.retry.minTimeout, maxTimeout: opts.retry.maxTimeout } : { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 30_000 },
        rejectRateLimitedCalls: false,
      },
    });

    // Direct messages to the bot.
    a.event('message', async ({ event, body }) => {
      const e = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string };
      if (e.channel_type !== 'im' || e.subtype || e.bot_id || !e.user) return;
      await converse({ channel: e.channel, user: e.user }, e.user, e.text ?? '', (body as { event_id?: string }).event_id);
    });

    // @review-bot in a channel: answer in the thread.
    a.event('app_mention', async ({ event, body }) => {
      const text = (event.text ?? '').replace(/<@[A-Z0-9]+>/g, '').trim() || 'review';
      if (!event.user) return;
      await converse({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, user: event.user }, event.user, text, (body as { event_id?: string }).event_id);
    });

    // /review [free text]: the conversation continues in the person's DM with the bot.
    a.command('/review', async ({ command, ack }) => {
      await ack();
      await converse({ channel: command.user_id, user: command.user_id }, command.user_id, command.text?.trim() || 'review', `command:${command.trigger_id}`);
    });

    // Message shortcut: "Check if this needs review" on any message.
    a.shortcut('check_review', async ({ shortcut, ack }) => {
      await ack();
      const s = shortcut as { user: { id: string }; message?: { text?: string }; trigger_id: string };
      await converse({ channel: s.user.id, user: s.user.id }, s.user.id, s.message?.text?.trim() || 'review', `shortcut:${s.trigger_id}`);
    });

    // A click on a choice: answer the step the button belongs to, then retire the buttons.
    a.action(new RegExp(`^${ANSWER_ACTION}:`), async ({ ack, body, action }) => {
      await ack();
      const b = body as { user: { id: string }; channel?: { id: string }; message?: { ts: string; text?: string; thread_ts?: string }; container?: { message_ts?: string } };
      const act = action as { value?: string; selected_option?: { value: string; text?: { text: string } }; text?: { text: string }; action_ts: string };
      const parsed = parseAnswerValue(act.selected_option?.value ?? act.value);
      if (!parsed || !b.channel) return;
      const place: Place = { channel: b.channel.id, user: b.user.id, ...(b.message?.thread_ts ? { thread_ts: b.message.thread_ts } : {}) };
      const out = await bot.handle({
        platform: 'slack', userId: b.user.id, input: { type: 'choice', step: parsed.step, choice: parsed.choice },
        eventId: `action:${b.message?.ts ?? ''}:${act.action_ts}`, address: { channel: b.channel.id }, forms: true,
      });
      const accepted = out.length > 0 && !out.some((m) => m.type === 'error' && m.step === parsed.step);
      if (accepted && b.message) {
        const label = act.selected_option?.text?.text ?? act.text?.text ?? parsed.choice;
        const lang = langOf(out);
        try {
          await a.client.chat.update({ channel: b.channel.id, ts: b.message.ts, text: b.message.text ?? '', blocks: answeredBlocks(b.message.text ?? '', t(lang, 'platform.answered', { answer: label })) as never });
        } catch (err) {
          log.warn('slack.update_failed', { err });
        }
      }
      await post(place, out);
    });

    a.action(START_ACTION, async ({ ack, body }) => {
      await ack();
      const user = (body as { user: { id: string } }).user.id;
      await converse({ channel: user, user }, user, 'review');
    });

    // Open an intake section as a modal.
    a.action(OPEN_FORM_ACTION, async ({ ack, body, action }) => {
      await ack();
      const b = body as { user: { id: string }; trigger_id: string; channel?: { id: string } };
      const { caseId, form } = JSON.parse((action as { value: string }).value) as { caseId: string; form: string };
      const r = await bot.openForm({ platform: 'slack', userId: b.user.id, caseId, form });
      if (!r.ok) return post({ channel: b.channel?.id ?? b.user.id, user: b.user.id }, [{ type: 'error', step: '', text: r.message }]);
      try {
        await a.client.views.open({ trigger_id: b.trigger_id, view: formModal(r.form) as never });
      } catch (err) {
        log.error('slack.views_open_failed', { err });
      }
    });

    // Submit: valid fields are saved; errors go back onto the exact fields; success moves to the next section.
    a.view(FORM_CALLBACK, async ({ ack, body, view }) => {
      const meta = JSON.parse(view.private_metadata || '{}') as { caseId?: string; form?: string };
      if (!meta.caseId || !meta.form) return ack();
      const r = await bot.submitForm({
        platform: 'slack', userId: body.user.id, caseId: meta.caseId, form: meta.form, values: modalValues(view.state as never), eventId: `view:${view.id}:${view.hash}`,
      });
      if (!r.ok) {
        if (Object.keys(r.errors).length) return ack({ response_action: 'errors', errors: r.errors });
        return ack({ response_action: 'errors', errors: { [view.blocks[0]?.block_id ?? 'form']: r.message } });
      }
      if (r.next) return ack({ response_action: 'update', view: formModal(r.next) as never });
      await ack({ response_action: 'clear' });
      await post({ channel: body.user.id, user: body.user.id }, [{ type: 'info', text: r.message }]);
    });

    a.event('app_home_opened', async ({ event }) => {
      if ((event as { tab?: string }).tab && (event as { tab?: string }).tab !== 'home') return;
      const view = await bot.home('slack', event.user);
      try {
        await a.client.views.publish({ user_id: event.user, view: { type: 'home', blocks: homeBlocks(view) as never } });
      } catch (err) {
        log.error('slack.home_failed', { err });
      }
    });

    a.error(async (err) => { log.error('slack.error', { err }); });
    return a;
  }

  return {
    platform: 'slack',
    mount: (web) => { app = build(web); },
    deliver: async (person: PersonRecord, messages: Outbound[]) => {
      if (!app) throw new Error('slack adapter is not mounted');
      const address = person.address as { channel?: string } | null;
      const userId = person.key.startsWith('slack:') ? person.key.slice(6) : undefined;
      const channel = address?.channel ?? userId;
      if (!channel) throw new Error(`no Slack address for ${person.key}`);
      for (const m of messages) {
        const s = toSlack(m, labels(person.lang ?? 'en'));
        await app.client.chat.postMessage({ channel, text: s.text, blocks: s.blocks as never });
      }
    },
  };
}
