import {
  CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, TeamsActivityHandler, TurnContext,
  type ConversationReference, type TaskModuleRequest, type TaskModuleResponse,
} from 'botbuilder';
import express, { type Express } from 'express';
import type { Outbound } from '../../src/engine/index.js';
import { t } from '../../src/i18n/index.js';
import { parseLang, type Lang } from '../../src/i18n/lang.js';
import type { Bot } from '../../src/runtime/bot.js';
import type { Logger } from '../../src/runtime/logger.js';
import type { PlatformAdapter } from '../../src/runtime/platform.js';
import type { PersonRecord, Store } from '../../src/store/index.js';
import { answeredCard, formCard, toTeams } from './outbound.js';

// Every botbuilder import lives in this folder: a move to the Microsoft 365 Agents SDK touches only here.

export type TeamsConfig = { appId: string | null; appPassword: string | null; tenantId: string | null; appType: string | null; insecureLocal: boolean };
export type TeamsAdapterOptions = { config: TeamsConfig; bot: Bot; log: Logger; store: Store };

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

async function send(ctx: TurnContext, messages: Outbound[], lang: Lang): Promise<void> {
  for (const m of messages) {
    const r = toTeams(m, { openForm: t(lang, 'platform.open_form') });
    await ctx.sendActivity(r.card ? { ...MessageFactory.attachment(CardFactory.adaptiveCard(r.card)), text: undefined, summary: r.text } : MessageFactory.text(r.text));
  }
}
const langOf = (messages: Outbound[], fallback: Lang): Lang =>
  messages.some((m) => 'text' in m && hasHan(String((m as { text: string }).text))) ? 'zh-CN' : fallback;

/** Translates Teams activities and invokes into engine inputs, and engine output into cards. */
class ReviewBotHandler extends TeamsActivityHandler {
  constructor(private readonly bot: Bot, private readonly log: Logger) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.message(ctx);
      await next();
    });
  }

  private identity(ctx: TurnContext) {
    const a = ctx.activity;
    return { userId: a.from.aadObjectId ?? a.from.id, lang: parseLang(a.locale) ?? undefined };
  }

  private async message(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const { userId, lang } = this.identity(ctx);
    const value = (a.value ?? {}) as { step?: unknown; choice?: unknown; question?: unknown; label?: unknown };
    const answer = typeof value.step === 'string' && typeof value.choice === 'string' ? { step: value.step, choice: value.choice } : null;
    const text = answer ? '' : (TurnContext.removeRecipientMention(a) ?? a.text ?? '').trim();
    const out = await this.bot.handle({
      platform: 'teams', userId, eventId: `teams:${a.id}`,
      input: answer ? { type: 'choice', ...answer } : { type: 'text', text },
      address: TurnContext.getConversationReference(a), forms: true, ...(lang ? { lang } : {}),
    });
    const outLang = langOf(out, lang ?? 'en');
    // The answered card loses its buttons, so the same question cannot be answered twice.
    if (answer && a.replyToId && out.length && !out.some((m) => m.type === 'error' && m.step === answer.step)) {
      const label = typeof value.label === 'string' ? value.label : answer.choice;
      const question = typeof value.question === 'string' ? value.question : '';
      try {
        await ctx.updateActivity({ id: a.replyToId, type: 'message', attachments: [CardFactory.adaptiveCard(answeredCard(question, t(outLang, 'platform.answered', { answer: label })))] });
      } catch (err) {
        this.log.warn('teams.update_failed', { err });
      }
    }
    await send(ctx, out, outLang);
  }

  protected override async handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const { userId } = this.identity(ctx);
    const data = (request.data ?? {}) as { caseId?: string; form?: string };
    const r = data.caseId && data.form ? await this.bot.openForm({ platform: 'teams', userId, caseId: data.caseId, form: data.form }) : null;
    if (!r || !r.ok) return { task: { type: 'message', value: r?.message ?? t('en', 'platform.something_wrong') } };
    return { task: { type: 'continue', value: { title: r.form.title, height: 'large', width: 'medium', card: CardFactory.adaptiveCard(formCard(r.form)) } } };
  }

  protected override async handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const { userId } = this.identity(ctx);
    const { caseId, form, msteams: _m, ...values } = (request.data ?? {}) as Record<string, unknown> & { caseId?: string; form?: string };
    if (typeof caseId !== 'string' || typeof form !== 'string') return { task: { type: 'message', value: t('en', 'platform.something_wrong') } };
    const r = await this.bot.submitForm({ platform: 'teams', userId, caseId, form, values, eventId: `teams:${ctx.activity.id}` });
    if (!r.ok) {
      const again = await this.bot.openForm({ platform: 'teams', userId, caseId, form });
      if (!again.ok) return { task: { type: 'message', value: r.message } };
      // Keep what the person typed, valid or not, so nothing they entered is lost.
      const fields = again.form.fields.map((f) => (f.id in values ? { ...f, value: values[f.id] } : f));
      return { task: { type: 'continue', value: { title: again.form.title, height: 'large', width: 'medium', card: CardFactory.adaptiveCard(formCard({ ...again.form, fields }, r.errors, r.message)) } } };
    }
    if (r.next) return { task: { type: 'continue', value: { title: r.next.title, height: 'large', width: 'medium', card: CardFactory.adaptiveCard(formCard(r.next, {}, r.message)) } } };
    return { task: { type: 'message', value: r.message } };
  }
}

export function createTeamsAdapter(opts: TeamsAdapterOptions): PlatformAdapter {
  const { config, log } = opts;
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.appId
      ? {
          MicrosoftAppId: config.appId,
          MicrosoftAppPassword: config.appPassword ?? undefined,
          MicrosoftAppTenantId: config.tenantId ?? undefined,
          MicrosoftAppType: config.appType ?? 'MultiTenant',
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    log.error('teams.turn_failed', { err });
    try {
      await ctx.sendActivity(t(parseLang(ctx.activity.locale) ?? 'en', 'platform.something_wrong'));
    } catch {
      // the connector may be the thing that failed; the error is logged
    }
  };
  const handler = new ReviewBotHandler(opts.bot, log);

  return {
    platform: 'teams',
    mount: (web: Express) => {
      web.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
        try {
          await adapter.process(req, res, (ctx) => handler.run(ctx));
        } catch (err) {
          log.error('teams.process_failed', { err });
          if (!res.headersSent) res.status(500).end();
        }
      });
    },
    deliver: async (person: PersonRecord, messages: Outbound[]) => {
      const ref = person.address as Partial<ConversationReference> | null;
      if (!ref?.conversation || !ref.serviceUrl) throw new Error(`no Teams conversation reference for ${person.key}`);
      await adapter.continueConversationAsync(config.appId ?? '', ref, async (ctx) => send(ctx, messages, person.lang ?? 'en'));
    },
  };
}
