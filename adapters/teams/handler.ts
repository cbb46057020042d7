import {
  CardFactory,
  type CloudAdapter,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type TaskModuleRequest,
  type TaskModuleResponse,
} from 'botbuilder';
import type { Form, Inbound, Outbound } from '../../src/engine/index.js';
import { parseLang, t, type Lang } from '../../src/i18n/index.js';
import type { ActReply, Bot, Logger, RetiredQuestion, ShownQuestion, TurnReply } from '../../src/runtime/index.js';
import { reachable } from './address.js';
import {
  answeredBySomeoneElse,
  answerOf,
  caseActionOf,
  filesOf,
  formRequestOf,
  formSubmissionOf,
  inboundOf,
  isCloseForm,
  reminderClickOf,
  withoutMentions,
  type ReminderClick,
  type TeamsFile,
} from './inbound.js';
import { teamsLabels } from './labels.js';
import { answeredCard, formCard, homeCard, toTeams, type Card } from './outbound.js';

// Activities and invokes -> Bot calls; Bot results -> activities, cards and invoke responses. Translation only.

/** `appId`: the bot's Microsoft app id ('' without authentication), for opening 1:1 chats. */
export type HandlerDeps = { bot: Bot; log: Logger; appId: string };

const cardActivity = (card: Card, summary: string): Partial<Activity> => ({ type: 'message', attachments: [CardFactory.adaptiveCard(card)], summary });

/** One engine message as a Teams activity. Plain text goes out as `plain` so "edit <question>" is not eaten as markup. */
export function activityOf(m: Outbound, lang: Lang, owner?: string): Partial<Activity> {
  const r = toTeams(m, { ...teamsLabels(lang), ...(owner ? { owner } : {}) });
  return r.card ? cardActivity(r.card, r.text) : { type: 'message', text: r.text, textFormat: 'plain' };
}

/**
 * Where the route puts the function that answers the HTTP request of a message activity. Called
 * once the message's turn is committed: what the person said is stored, so the connector may have
 * its 200 while the replies go out (they are connector calls of their own, not the response).
 */
export const ANSWER_COMMITTED = Symbol('review-bot.teams.answerCommitted');
const committed = (ctx: TurnContext): void => (ctx.turnState.get(ANSWER_COMMITTED) as (() => void) | undefined)?.();

/** A sent activity, as updateActivity finds it again from a later turn in the same conversation. */
type ActivityRef = { id: string; conversation: string };
const parseActivityRef = (v: unknown): ActivityRef | null => {
  const r = v as { id?: unknown; conversation?: unknown } | null;
  return r && typeof r === 'object' && typeof r.id === 'string' && typeof r.conversation === 'string' ? { id: r.id, conversation: r.conversation } : null;
};

/**
 * Sends a turn's messages; `owner` (the person answering) is written into question cards so only they
 * can answer them. Returns the last question card sent (one with controls), to be retired later.
 */
export async function send(ctx: TurnContext, messages: Outbound[], lang: Lang, owner?: string): Promise<ShownQuestion | null> {
  let shown: ShownQuestion | null = null;
  for (const m of messages) {
    const sent = await ctx.sendActivity(activityOf(m, lang, owner));
    const conversation = ctx.activity.conversation?.id;
    if (m.type === 'question' && m.choices?.length && sent?.id && conversation)
      shown = { step: m.step, question: m.text, ref: { id: sent.id, conversation } satisfies ActivityRef };
  }
  return shown;
}

/** A sent card replaced by `card` (its buttons gone). A card that cannot be updated stays as it was: the turn goes on. */
async function updateCard(ctx: TurnContext, id: string, card: Card, summary: string, log: Logger): Promise<void> {
  try {
    await ctx.updateActivity({ ...cardActivity(card, summary), id });
  } catch (err) {
    log.warn('teams.update_failed', { err });
  }
}

/** The card of a question this turn answered or superseded, without its buttons (`clicked`: the card the person used, updated by the caller). */
async function retire(ctx: TurnContext, r: RetiredQuestion | null, log: Logger, clicked?: string): Promise<void> {
  const ref = r ? parseActivityRef(r.ref) : null;
  if (!r || !ref || ref.id === clicked || ref.conversation !== ctx.activity.conversation?.id) return;
  await updateCard(ctx, ref.id, answeredCard(r.question, r.text), r.question, log);
}

/**
 * A turn's reply where the person can see it. Replies the runtime marks private (case details) asked
 * in a channel or group chat go to the person's 1:1 chat with the bot instead, and the channel is
 * told so; everything else answers where the person wrote.
 */
async function reply(
  ctx: TurnContext,
  r: Pick<TurnReply, 'messages' | 'lang' | 'private'> & { retire?: TurnReply['retire'] },
  deps: HandlerDeps,
  owner: string,
  messages: Outbound[] = r.messages,
  clicked?: string,
): Promise<void> {
  const { appId, bot, log } = deps;
  // The old card's update and the new messages are independent requests: sent together, not one after the other.
  const retiring = retire(ctx, r.retire ?? null, log, clicked);
  const target = r.private ? reachable(TurnContext.getConversationReference(ctx.activity)) : { type: 'continue' as const };
  if (target.type !== 'create') {
    const [shown] = await Promise.all([send(ctx, messages, r.lang, owner), retiring]);
    if (shown) await bot.shown('teams', owner, shown);
    return;
  }
  await retiring;
  await (ctx.adapter as CloudAdapter).createConversationAsync(appId, target.channelId, target.serviceUrl, '', target.parameters, async (personal) => {
    const shown = await send(personal, messages, r.lang, owner);
    if (shown) await bot.shown('teams', owner, shown);
  });
  await ctx.sendActivity({ type: 'message', text: t(r.lang, 'teams.sent_privately'), textFormat: 'plain' });
}

const who = (a: Activity) => ({ userId: a.from.aadObjectId ?? a.from.id, locale: parseLang(a.locale) });

/**
 * Where the person can be reached later: the conversation reference without the message it came
 * from. With the message id the address changed on every activity, so every Teams turn rewrote the
 * person's row; a proactive message starts its own activity and never used the id.
 */
function addressOf(a: Activity): Partial<ConversationReference> {
  const { activityId: _message, ...reference } = TurnContext.getConversationReference(a);
  return reference;
}

const dialog = (form: Form, errors?: Record<string, string>, banner?: string): TaskModuleResponse => ({
  task: { type: 'continue', value: { title: form.title, height: 'large', width: 'medium', card: CardFactory.adaptiveCard(formCard(form, errors, banner)) } },
});
const dialogMessage = (text: string): TaskModuleResponse => ({ task: { type: 'message', value: text } });

export class ReviewBotHandler extends TeamsActivityHandler {
  constructor(private readonly deps: HandlerDeps) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.message(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });
  }

  /** One engine turn for the person behind this activity. */
  private turn(ctx: TurnContext, input: Inbound): Promise<TurnReply> {
    const a = ctx.activity;
    const { userId, locale } = who(a);
    const files = filesOf(a.attachments).map((f) => ({ name: f.name, size: null, download: () => downloadFile(ctx, f) }));
    return this.deps.bot.handle({
      platform: 'teams',
      userId,
      input,
      forms: true,
      address: addressOf(a),
      ...(a.id ? { eventId: `teams:${a.id}` } : {}),
      ...(locale ? { lang: locale } : {}),
      ...(files.length ? { files } : {}),
    });
  }

  /** A reminder's button: the bot decides and checks; the reply is for the clicker only. */
  private act(ctx: TurnContext, click: ReminderClick): Promise<ActReply> {
    const a = ctx.activity;
    const { userId, locale } = who(a);
    return this.deps.bot.act({ platform: 'teams', userId, ...click, ...(a.id ? { eventId: `teams:${a.id}` } : {}), ...(locale ? { lang: locale } : {}) });
  }

  private async message(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const { userId, locale } = who(a);
    const click = reminderClickOf(a.value);
    if (click) {
      const r = await this.act(ctx, click);
      committed(ctx);
      if (r.duplicate) return;
      // Action.Submit: the reminder card (replyToId) loses its buttons and says what was done.
      const settling =
        r.settled && a.replyToId ? updateCard(ctx, a.replyToId, answeredCard(r.settled.text, r.settled.note), r.settled.text, this.deps.log) : null;
      await Promise.all([settling, reply(ctx, { ...r, private: true }, this.deps, userId)]);
      return;
    }
    const next = caseActionOf(a.value);
    if (next) {
      const r = await this.deps.bot.nextAction({
        platform: 'teams',
        userId,
        caseId: next.caseId,
        action: next.caseAction,
        forms: true,
        address: addressOf(a),
        ...(a.id ? { eventId: `teams:${a.id}` } : {}),
        ...(locale ? { lang: locale } : {}),
      });
      committed(ctx);
      await reply(ctx, r, this.deps, userId);
      return;
    }
    const answer = answerOf(a.value);
    if (answer && answeredBySomeoneElse(answer, userId)) {
      await ctx.sendActivity({ type: 'message', text: t(locale ?? 'en', 'teams.not_your_question'), textFormat: 'plain' });
      return;
    }
    const input = inboundOf(a.value, withoutMentions(a.text, a.entities, a.recipient?.id));
    const turned = await this.turn(ctx, input);
    committed(ctx);
    const { lang, accepted } = turned;
    // Action.Submit: the card the button was on (replyToId) loses its buttons and shows the answer.
    const answering =
      answer && a.replyToId && accepted?.step === answer.step
        ? updateCard(
            ctx,
            a.replyToId,
            answeredCard(answer.question ?? '', t(lang, 'platform.answered', { answer: answer.label ?? answer.choice })),
            answer.question ?? '',
            this.deps.log,
          )
        : null;
    await Promise.all([answering, reply(ctx, turned, this.deps, userId, turned.messages, a.replyToId)]);
  }

  /** Action.Execute (Universal Actions): the invoke response replaces the card, so no update call is needed. */
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const click = reminderClickOf(value.action?.data);
    if (click) return this.actInvoke(ctx, click);
    const answer = answerOf(value.action?.data);
    if (!answer) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'not an answer' } };
    const { userId, locale } = who(ctx.activity);
    const message = (text: string): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: text as unknown as Record<string, unknown>,
    });
    if (answeredBySomeoneElse(answer, userId)) return message(t(locale ?? 'en', 'teams.not_your_question'));
    const turned = await this.turn(ctx, { type: 'choice', step: answer.step, choice: answer.choice });
    const { messages: out, lang, accepted } = turned;
    if (accepted?.step === answer.step) {
      await reply(ctx, turned, this.deps, userId, turned.messages, ctx.activity.replyToId);
      const card = answeredCard(answer.question ?? '', t(lang, 'platform.answered', { answer: answer.label ?? answer.choice }));
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
    }
    // Refused (stale, or a repeat): the card keeps its state and shows why.
    const refusal = out.find((m) => m.type === 'error' && m.step === answer.step);
    await reply(
      ctx,
      turned,
      this.deps,
      userId,
      out.filter((m) => m !== refusal),
      ctx.activity.replyToId,
    );
    return message(refusal && 'text' in refusal ? refusal.text : '');
  }

  /** Action.Execute on a reminder card: a settled reminder comes back as its card without buttons; anything else as a message. */
  private async actInvoke(ctx: TurnContext, click: ReminderClick): Promise<AdaptiveCardInvokeResponse> {
    const { userId } = who(ctx.activity);
    const r = await this.act(ctx, click);
    const others = r.messages.filter((m) => m.type !== 'error');
    if (others.length) await reply(ctx, { ...r, private: true }, this.deps, userId, others);
    if (r.settled) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answeredCard(r.settled.text, r.settled.note) };
    const refusal = r.messages.find((m) => m.type === 'error');
    const text = refusal && 'text' in refusal ? refusal.text : '';
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
  }

  protected override async handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const { userId, locale } = who(ctx.activity);
    const click = reminderClickOf(request?.data);
    if (click) {
      // A reminder's "Fill in": the bot picks the next section the person may edit, or says why not.
      try {
        const r = await this.act(ctx, click);
        const form = r.messages.find((m) => m.type === 'form');
        if (form?.type === 'form') return dialog(form.form);
        const first = r.messages.find((m) => 'text' in m);
        return dialogMessage(first && 'text' in first ? first.text : '');
      } catch (err) {
        this.deps.log.error('teams.task_fetch_failed', { err });
        return dialogMessage(t(locale ?? 'en', 'platform.something_wrong'));
      }
    }
    const target = formRequestOf(request?.data);
    if (!target) return dialogMessage(t(locale ?? 'en', 'platform.something_wrong'));
    try {
      const r = await this.deps.bot.openForm({ platform: 'teams', userId, ...target });
      return r.ok ? dialog(r.form) : dialogMessage(r.message);
    } catch (err) {
      this.deps.log.error('teams.task_fetch_failed', { err });
      return dialogMessage(t(locale ?? 'en', 'platform.something_wrong'));
    }
  }

  protected override async handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest): Promise<TaskModuleResponse> {
    const a = ctx.activity;
    const { userId, locale } = who(a);
    if (isCloseForm(request?.data)) return {}; // an empty response closes the dialog
    const submission = formSubmissionOf(request?.data);
    if (!submission) return dialogMessage(t(locale ?? 'en', 'platform.something_wrong'));
    const { caseId, form, values } = submission;
    try {
      const { bot } = this.deps;
      const r = await bot.submitForm({ platform: 'teams', userId, caseId, form, values, ...(a.id ? { eventId: `teams:${a.id}` } : {}) });
      if (r.ok) return r.next ? dialog(r.next, {}, r.message) : dialogMessage(r.message);
      if (Object.keys(r.errors).length === 0) return dialogMessage(r.message);
      // The same form again, with what the person typed (valid or not) and each error under its field.
      const again = await bot.openForm({ platform: 'teams', userId, caseId, form });
      if (!again.ok) return dialogMessage(r.message);
      const fields = again.form.fields.map((f) => (f.id in values ? { ...f, value: values[f.id] } : f));
      return dialog({ ...again.form, fields }, r.errors, r.message);
    } catch (err) {
      this.deps.log.error('teams.task_submit_failed', { err });
      return dialogMessage(t(locale ?? 'en', 'platform.something_wrong'));
    }
  }

  /** Installed in a personal scope: the home card (cases, deadlines, next forms) and any question left pending. */
  private async welcome(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    if (a.conversation?.conversationType !== 'personal' || !a.membersAdded?.some((m) => m.id === a.recipient?.id)) return;
    const { userId, locale } = who(a);
    const [view, pending] = await Promise.all([this.deps.bot.home('teams', userId, locale ?? undefined), this.deps.bot.resume('teams', userId)]);
    await ctx.sendActivity(cardActivity(homeCard(view), view.title));
    const shown = await send(ctx, pending.messages, pending.lang, userId);
    if (shown) await this.deps.bot.shown('teams', userId, shown);
  }
}

/**
 * A file's bytes. A `downloadUrl` is pre-authorised (sent as is); a `contentUrl` gets the bot's
 * connector token, and only when it is on the Bot Connector host that sent the activity.
 */
async function downloadFile(ctx: TurnContext, f: TeamsFile): Promise<Uint8Array> {
  const headers: Record<string, string> = {};
  if (!f.signed) {
    const service = ctx.activity.serviceUrl ? new URL(ctx.activity.serviceUrl).host : null;
    if (new URL(f.url).host !== service) throw new Error('attachment is not on the Bot Connector host');
    const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { credentials?: { getToken?: () => Promise<string> } } | undefined;
    const token = await client?.credentials?.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  const res = await fetch(f.url, { headers, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`attachment download answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
