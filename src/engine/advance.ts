import { checkFreeText, describeTextProblem, shanghaiDate, type Watchlist } from '../domain/index.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { parseCommand, looksLikeCommand, type Command } from './commands.js';
import { describeProgress, intakeProgress, isIntake, previousSection, type IntakeProgress } from './intake-progress.js';
import { findFlow, latestFlow, type CheckContext, type Decision, type Flow, type FlowRegistry, type Nlu, type Prefill, type StepDef } from './flow.js';
import type { Inbound, Outbound } from './message.js';
import { exactChoice, parseAnswer, UNSURE_CHOICE } from './parse-answer.js';
import { decisionOf, explain, explain2020 } from './explain.js';
import { choiceLabel, promptOf, renderDecision, renderQuestion } from './render.js';
import type { ConvState } from './state.js';
import { pruneAnswers, walk } from './walk.js';

/** Work the caller does after persisting the state, in the same transaction where it writes. */
export type Effect =
  | { type: 'recordAnswer'; flow: string; version: number; step: string; value: unknown; inferred: boolean }
  | { type: 'openCase'; caseId: string; answers: Record<string, unknown>; decision: Decision; summary: string; lang: Lang }
  | { type: 'updateCaseTriage'; caseId: string; answers: Record<string, unknown>; decision: Decision }
  | { type: 'saveCaseField'; caseId: string; form: string; field: string; value: unknown }
  | { type: 'showStatus'; lang: Lang }
  /** `status` or `why` during an intake: the case and where its intake stands (the caller reads the case, then re-asks). */
  | { type: 'showIntake'; caseId: string; lang: Lang; why: boolean; progress: IntakeProgress }
  | { type: 'setLang'; lang: Lang };

export type TurnContext = {
  now: Date;
  registry: FlowRegistry;
  nlu: Nlu;
  /** The flow a new conversation starts (triage). */
  startFlow: string;
  newCaseId: () => string;
  /** The person's explicit language choice, if they ever made one. */
  preferredLang: Lang | null;
  /**
   * The conversation's case may no longer have its triage changed by this person (its status or
   * their role): an edit of the finished triage starts a new check instead of rewriting the case.
   */
  triageLocked?: boolean;
  /** The review's normal-path end if the materials were complete on a day (step checks warn against it). */
  reviewEnd?: (from: string) => string | null;
  /** Published review decisions to warn about when a decision's texts name them (none when absent). */
  watchlist?: Watchlist;
};

/** What a step check sees in a conversation: today in Shanghai and the answers of this section so far. */
const checkContext = (ctx: TurnContext, state: ConvState): CheckContext => ({
  today: shanghaiDate(ctx.now),
  answers: state.answers,
  ...(ctx.reviewEnd ? { reviewEnd: ctx.reviewEnd } : {}),
});

/** What a turn did; `lang` is the language it answered in (the one the person is now spoken to in). */
export type TurnResult = { state: ConvState | null; out: Outbound[]; effects: Effect[]; changed: boolean; lang: Lang };

/** A turn's result before its language is settled (the wrapper adds it). */
type Step = Omit<TurnResult, 'lang'>;

const unchanged = (state: ConvState | null, out: Outbound[], effects: Effect[] = []): Step => ({ state, out, effects, changed: false });

/** Why a text cannot be taken at all (before any meaning is looked for); null when it can. */
export function textProblem(lang: Lang, text: string): string | null {
  const checked = checkFreeText(text);
  return checked.ok ? null : describeTextProblem(lang, checked.error);
}

/**
 * One turn: (state, input) -> (state', messages, effects). Pure: no I/O, no clock but ctx.now.
 * Bad input returns the same state, `changed: false`, and an error that says what is expected.
 */
export function advance(ctx: TurnContext, prior: ConvState | null, input: Inbound): TurnResult {
  const text = input.type === 'text' ? input.text : null;
  const lang: Lang = prior?.lang ?? ctx.preferredLang ?? (text ? ctx.nlu.detectLang(text) : 'en');

  let state = prior;
  let notes: Outbound[] = [];
  if (state) {
    const resolved = resolveFlow(ctx.registry, state);
    if (resolved.type === 'lost') {
      // An intake conversation whose section is gone: what the case saved stays; the person picks
      // the intake up again from the case, and this input is not mistaken for a new check.
      if (state.caseId && state.flow.startsWith('intake.')) {
        return { state: null, out: [{ type: 'info', text: t(lang, 'engine.intake_changed', { caseId: state.caseId }) }], effects: [], changed: true, lang };
      }
      notes = [{ type: 'info', text: t(lang, 'engine.flow_changed') }];
      state = null;
    } else state = resolved.state;
  }
  const flow = state ? findFlow(ctx.registry, state.flow, state.version)! : undefined;
  const pendingStep = state && flow ? pendingOf(flow, state) : null;

  if (text !== null) {
    const problem = textProblem(lang, text);
    if (problem) return { ...unchanged(prior, [{ type: 'error', step: pendingStep ?? '', text: problem }]), lang };
  }
  const result = turn(ctx, state, flow, pendingStep, input, lang);
  const changed = result.changed || state !== prior;
  return { ...result, out: [...notes, ...result.out], changed, lang: languageOf(result, lang) };
}

/** A `lang` command's choice, else the conversation's language, else the one the turn started in. */
function languageOf(result: Step, lang: Lang): Lang {
  const chosen = result.effects.find((e) => e.type === 'setLang');
  return chosen?.type === 'setLang' ? chosen.lang : (result.state?.lang ?? lang);
}

function turn(ctx: TurnContext, state: ConvState | null, flow: Flow | undefined, pending: string | null, input: Inbound, lang: Lang): Step {
  if (input.type === 'text') {
    const command = parseCommand(input.text);
    if (command) return runCommand(ctx, state, flow, pending, command, lang);
    if (looksLikeCommand(input.text)) {
      const out: Outbound[] = [{ type: 'error', step: pending ?? '', text: t(lang, 'engine.unknown_command', { command: input.text.trim().split(/\s/)[0]! }) }];
      return unchanged(state, out);
    }
  }
  if (input.type === 'form') return unchanged(state, [{ type: 'error', step: pending ?? '', text: t(lang, 'engine.stale') }]);

  if (!state || !flow || state.status === 'done' || !pending) {
    if (input.type !== 'text') {
      const text = state?.status === 'done' ? 'engine.stale' : 'engine.nothing_in_progress';
      return unchanged(state, [{ type: 'error', step: input.step, text: t(lang, text) }]);
    }
    return idleText(ctx, state, input.text, input.step, lang);
  }

  const tagged = input.step;
  if (tagged !== undefined && tagged !== pending) {
    return unchanged(state, [{ type: 'error', step: tagged, text: t(lang, 'engine.stale') }, askPending(flow, state)]);
  }
  return answer(ctx, flow, state, pending, input, lang);
}

/**
 * Text while nothing is pending: what it asks for (a new check, help, status), else a new check
 * with these words. `tagged`: the question the chat showed when this was typed, now closed (the
 * check finished or was cancelled meanwhile, perhaps in another window): an answer to it is
 * refused, never taken for the first message of a new check; what it asks for still works.
 */
function idleText(ctx: TurnContext, state: ConvState | null, text: string, tagged: string | undefined, lang: Lang): Step {
  const intent = ctx.nlu.intent(text);
  if (intent === 'start_review') return start(ctx, null, lang);
  if (intent === 'greeting') return unchanged(state, [{ type: 'info', text: t(lang, 'engine.greeting') }]);
  if (intent === 'help') return runCommand(ctx, state, undefined, null, { type: 'help' }, lang);
  if (intent === 'status') return runCommand(ctx, state, undefined, null, { type: 'status' }, lang);
  const key = state?.status === 'done' ? 'engine.finished' : 'engine.nothing_in_progress';
  if (intent === 'cancel') return unchanged(state, [{ type: 'info', text: t(lang, key) }]);
  // The same refusal as an answer to a question that is no longer the pending one, then how to go on.
  if (tagged !== undefined)
    return unchanged(state, [
      { type: 'error', step: tagged, text: t(lang, 'engine.stale') },
      { type: 'info', text: t(lang, key) },
    ]);
  if (ctx.nlu.yesNo(text)) return unchanged(state, [{ type: 'info', text: t(lang, key) }]);
  return start(ctx, text, lang);
}

export type Begin = {
  lang: Lang;
  caseId?: string;
  answers?: Record<string, unknown>;
  savedFor?: Record<string, Record<string, unknown>>;
  /** The case form this conversation writes (one line item); default: the flow's own, or what `formKeyFor` picks. */
  formKey?: string;
};

/** Start a given flow (e.g. an intake section of a case), resuming at its first unanswered step. */
export function begin(ctx: TurnContext, flow: Flow, opts: Begin): TurnResult {
  return { ...beginStep(ctx, flow, opts), lang: opts.lang };
}

function beginStep(ctx: TurnContext, flow: Flow, opts: Begin, fresh = false): Step {
  const formKey = opts.formKey ?? (flow.formKeyFor && opts.savedFor ? flow.formKeyFor(opts.savedFor) : undefined);
  const given = opts.answers ?? (formKey ? opts.savedFor?.[formKey] : undefined) ?? {};
  const own = Object.fromEntries(Object.entries(given).filter(([k]) => k in flow.steps));
  // A form keeps every saved field, also those after the first empty one (pre-filled quantities); other flows only their path.
  const answers = flow.form ? own : pruneAnswers(flow, own);
  const state: ConvState = {
    flow: flow.id,
    version: flow.version,
    lang: opts.lang,
    status: 'active',
    answers,
    inferred: [],
    suggestion: {},
    ...(opts.caseId ? { caseId: opts.caseId } : {}),
    ...(opts.savedFor ? { savedFor: opts.savedFor } : {}),
    ...(formKey ? { formKey } : {}),
  };
  return withSectionHeader(ctx, flow, proceed(ctx, flow, state, [], [], fresh));
}

/**
 * A section that asks something begins with where the intake stands ("Purchase — section 4 of 9,
 * question 1 of 6"); a section passed over (nothing left to ask) says nothing of itself.
 */
function withSectionHeader(ctx: TurnContext, flow: Flow, r: Step): Step {
  const s = r.state;
  if (!s || s.flow !== flow.id || s.status !== 'active' || !isIntake(flow, s)) return r;
  const question = r.out.at(-1);
  if (question?.type !== 'question') return r;
  const header: Outbound = { type: 'info', text: describeProgress(s.lang, intakeProgress(ctx.registry, flow, s)) };
  return { ...r, out: [...r.out.slice(0, -1), header, question] };
}

/** A new conversation; with the person's own words, the flow pre-fills what they imply. */
function start(ctx: TurnContext, text: string | null, lang: Lang): Step {
  const flow = latestFlow(ctx.registry, ctx.startFlow);
  if (!flow) throw new Error(`start flow "${ctx.startFlow}" is not registered`);
  const prefill = text && flow.prefill ? flow.prefill(text, ctx.nlu) : { answers: {}, inferred: [], suggestion: {} };
  const state: ConvState = {
    flow: flow.id,
    version: flow.version,
    lang,
    status: 'active',
    answers: prefill.answers,
    inferred: prefill.inferred,
    suggestion: prefill.suggestion,
    ...(text ? { summary: text.trim() } : {}),
  };
  const effects: Effect[] = Object.entries(prefill.answers).map(([step, value]) => ({
    type: 'recordAnswer',
    flow: flow.id,
    version: flow.version,
    step,
    value,
    inferred: true,
  }));
  return proceed(ctx, flow, state, recognisedNote(flow, prefill, lang), effects);
}

/** "I recognised: servers ×10; core network equipment ×2; ..." when the first message lists several items. */
function recognisedNote(flow: Flow, prefill: Prefill, lang: Lang): Outbound[] {
  const r = prefill.recognised;
  const step = r ? flow.steps[r.step] : undefined;
  if (!r || !step || r.items.length < 2) return [];
  const items = r.items
    .map((i) =>
      i.quantity === null
        ? choiceLabel(lang, step, i.choice)
        : t(lang, 'engine.recognised_item', { item: choiceLabel(lang, step, i.choice), quantity: i.quantity }),
    )
    .join(t(lang, 'engine.list_separator'));
  return [{ type: 'info', text: t(lang, 'engine.recognised', { items }) }];
}

function answer(ctx: TurnContext, flow: Flow, state: ConvState, stepId: string, input: Inbound, lang: Lang): Step {
  const step = flow.steps[stepId]!;
  const suggestion = state.suggestion[stepId];
  const parsed = parseAnswer(step, input, lang, ctx.nlu, suggestion, checkContext(ctx, state));
  // What the answer is read from, when it is in the person's own words, is kept for the decision.
  const kept = keepWords(ctx, flow, state, step, input);
  switch (parsed.type) {
    case 'invalid':
      return unchanged(state, [{ type: 'error', step: stepId, text: parsed.message }, renderQuestion(lang, step, suggestion, state.answers)]);
    case 'suggest': {
      const next: ConvState = { ...kept, suggestion: { ...state.suggestion, [stepId]: parsed.choice } };
      return { state: next, out: [renderQuestion(lang, step, parsed.choice, state.answers)], effects: [], changed: true };
    }
    case 'reject_suggestion': {
      const { [stepId]: _dropped, ...rest } = state.suggestion;
      const next: ConvState = { ...state, suggestion: rest };
      const key = step.confirmPrompt ? 'engine.suggestion_rejected' : step.choices ? 'engine.confirm_rejected' : 'engine.confirm_value_rejected';
      return { state: next, out: [{ type: 'info', text: t(lang, key) }, renderQuestion(lang, step, undefined, state.answers)], effects: [], changed: true };
    }
    case 'confirm': {
      const next: ConvState = { ...kept, suggestion: { ...state.suggestion, [stepId]: parsed.choice } };
      return { state: next, out: [renderQuestion(lang, step, parsed.choice, state.answers)], effects: [], changed: true };
    }
    case 'question':
      return answerQuestion(ctx, flow, state, kept, step, input, parsed.topics, parsed.unsure, lang);
    case 'value':
      return record(ctx, flow, kept, step, parsed.value, parsed.warning ? [{ type: 'info', text: parsed.warning }] : []);
  }
}

/**
 * The state with a typed answer kept among the check's texts (ConvState.texts) when it is in the
 * person's own words: a decision flow's watchlist looks at everything they described, not only
 * the first message. A choice typed by its name or number, or a plain yes or no, names nothing.
 */
function keepWords(ctx: TurnContext, flow: Flow, state: ConvState, step: StepDef, input: Inbound): ConvState {
  if (!flow.decide || input.type !== 'text') return state;
  const words = input.text.trim();
  if (!words || ctx.nlu.yesNo(words) !== null || exactChoice(step, words) !== null) return state;
  if (words === state.summary || state.texts?.includes(words)) return state;
  return { ...state, texts: [...(state.texts ?? []), words] };
}

/**
 * A question asked back at a step: the explanations of what it names (a step of this flow, a
 * choice of one), else of the step itself, then the question again. Nothing is recorded; when
 * the person also says they do not know, "not sure" is offered for confirmation.
 */
function answerQuestion(
  ctx: TurnContext,
  flow: Flow,
  state: ConvState,
  kept: ConvState,
  step: StepDef,
  input: Inbound,
  topics: string[],
  unsure: boolean,
  lang: Lang,
): Step {
  const keys: MessageKey[] = [];
  const add = (k: MessageKey | undefined) => {
    if (k && !keys.includes(k)) keys.push(k);
  };
  for (const topic of topics) {
    // A choice of this step first ("what counts as important communication products?" at the category question).
    add([step, ...Object.values(flow.steps)].flatMap((s) => s.choices ?? []).find((c) => c.id === topic)?.help);
    add(flow.steps[topic]?.help);
  }
  if (keys.length === 0) add(step.help ?? 'engine.no_explanation');
  const out: Outbound[] = keys.map((k) => ({ type: 'info', text: t(lang, k) }));
  let suggestion = state.suggestion[step.id];
  if (unsure && step.choices?.some((c) => c.id === UNSURE_CHOICE)) suggestion = UNSURE_CHOICE;
  else if (input.type === 'text') {
    // "is a 5G base station an important communication product?": also a guess to confirm.
    const guess = step.suggest?.(input.text, ctx.nlu);
    if (guess && step.choices?.some((c) => c.id === guess)) suggestion = guess;
  }
  if (suggestion === state.suggestion[step.id]) return unchanged(state, [...out, renderQuestion(lang, step, suggestion, state.answers)]);
  // A guess from the question ("is a Micron SSD large storage?"): its words are kept with it (`kept`).
  const next: ConvState = { ...kept, suggestion: { ...state.suggestion, [step.id]: suggestion! } };
  return { state: next, out: [...out, renderQuestion(lang, step, suggestion, state.answers)], effects: [], changed: true };
}

function record(ctx: TurnContext, flow: Flow, state: ConvState, step: StepDef, value: unknown, notes: Outbound[]): Step {
  const merged = { ...state.answers, [step.id]: value };
  const answers = flow.form ? merged : pruneAnswers(flow, merged);
  const { [step.id]: _done, ...suggestion } = state.suggestion;
  const next: ConvState = {
    ...state,
    status: 'active',
    answers,
    inferred: state.inferred.filter((id) => id !== step.id && id in answers),
    suggestion,
  };
  const effects: Effect[] = [{ type: 'recordAnswer', flow: flow.id, version: flow.version, step: step.id, value, inferred: false }];
  const form = state.formKey ?? flow.form;
  if (form && state.caseId) effects.push({ type: 'saveCaseField', caseId: state.caseId, form, field: step.id, value });
  return proceed(ctx, flow, next, notes, effects);
}

/**
 * Ask the next question, or decide, from the answers as they now stand. `fresh`: the flow was
 * just entered on the way through the intake; if it has nothing left to ask, it is passed over
 * without its "saved" message.
 */
function proceed(ctx: TurnContext, flow: Flow, state: ConvState, out: Outbound[], effects: Effect[], fresh = false): Step {
  const w = walk(flow, state.answers);
  if (w.type === 'broken') throw new Error(`flow ${flow.id}@${flow.version} is broken: ${w.reason}`);
  if (w.type === 'pending') {
    const active: ConvState = { ...state, status: 'active' };
    return { state: active, out: [...out, askPending(flow, active)], effects, changed: true };
  }
  const done: ConvState = { ...state, status: 'done' };
  if (w.end === 'handoff') {
    const params = state.caseId ? { caseId: state.caseId } : undefined;
    const msg: Outbound[] = fresh
      ? []
      : [{ type: 'info', text: flow.handoffMessage ? t(state.lang, flow.handoffMessage, params) : t(state.lang, 'engine.finished') }];
    const following = flow.continueWith ? latestFlow(ctx.registry, flow.continueWith) : undefined;
    if (following && state.caseId) {
      // What this section saved is known to the next ones (their checks and which line item to ask).
      const form = state.formKey ?? flow.form;
      const saved = form ? { ...state.savedFor, [form]: { ...state.savedFor?.[form], ...state.answers } } : state.savedFor;
      // A form of several (line items): the next unfinished one before the next section.
      const again = flow.formKeyFor && saved ? flow.formKeyFor(saved) : undefined;
      if (again && again !== form) {
        const more = beginStep(ctx, flow, { lang: state.lang, caseId: state.caseId, formKey: again, savedFor: saved! }, true);
        return { ...more, out: [...out, ...msg, ...more.out], effects: [...effects, ...more.effects] };
      }
      const answers = following.formKeyFor ? undefined : (saved?.[following.form ?? ''] ?? {});
      const continued = beginStep(
        ctx,
        following,
        { lang: state.lang, caseId: state.caseId, ...(answers ? { answers } : {}), ...(saved ? { savedFor: saved } : {}) },
        true,
      );
      return { ...continued, out: [...out, ...msg, ...continued.out], effects: [...effects, ...continued.effects] };
    }
    // The last section of all: said even when passed over, so the conversation never ends silently.
    const last: Outbound[] = msg.length
      ? msg
      : [{ type: 'info', text: flow.handoffMessage ? t(state.lang, flow.handoffMessage, params) : t(state.lang, 'engine.finished') }];
    return { state: done, out: [...out, ...last], effects, changed: true };
  }
  const decision = decisionOf(ctx, flow, state);
  const lang = state.lang;
  const forked = forkLocked(ctx, flow, state);
  if (forked.state !== state) return proceed(ctx, flow, forked.state, [...out, ...forked.notes], effects);
  if (state.caseId) {
    const caseId = state.caseId;
    effects.push({ type: 'updateCaseTriage', caseId, answers: state.answers, decision });
    return {
      state: done,
      out: [...out, renderDecision(lang, decision, caseId), { type: 'info', text: t(lang, 'engine.case_updated', { caseId }) }],
      effects,
      changed: true,
    };
  }
  // Every outcome is kept with a reference: `required` and `assess` open a case, `not_required` a
  // risk-prediction record that is closed at once (the runtime does both from this one effect).
  const caseId = ctx.newCaseId();
  effects.push({ type: 'openCase', caseId, answers: state.answers, decision, summary: state.summary ?? '', lang });
  const next = decision.openCase
    ? t(lang, 'engine.case_opened_next', { opened: t(lang, 'engine.case_opened', { caseId }), next: t(lang, `next.${decision.outcome}`) })
    : t(lang, 'next.not_required', { caseId });
  return {
    state: { ...done, caseId },
    out: [...out, renderDecision(lang, decision, caseId), { type: 'info', text: next }],
    effects,
    changed: true,
  };
}

function runCommand(ctx: TurnContext, state: ConvState | null, flow: Flow | undefined, pending: string | null, cmd: Command, lang: Lang): Step {
  const reask = (): Outbound[] => (state && flow && pending ? [askPending(flow, state)] : []);
  switch (cmd.type) {
    case 'help': {
      const out: Outbound[] = [{ type: 'info', text: t(lang, 'engine.help') }];
      if (state && flow && pending) {
        const step = flow.steps[pending]!;
        out.push({ type: 'info', text: t(lang, 'engine.help_step', { prompt: t(lang, promptOf(step, state.answers)) }) });
        if (step.help) out.push({ type: 'info', text: t(lang, step.help) });
        out.push(askPending(flow, state));
      }
      return unchanged(state, out);
    }
    case 'status':
      if (state && flow && pending && isIntake(flow, state)) return unchanged(state, [], [showIntake(ctx, flow, state, false)]);
      return unchanged(state, reask(), [{ type: 'showStatus', lang }]);
    case 'review':
      if (state && pending) return unchanged(state, [{ type: 'info', text: t(lang, 'engine.in_progress') }, ...reask()]);
      return start(ctx, null, lang);
    case 'lang': {
      if (!cmd.lang) return unchanged(state, [{ type: 'error', step: pending ?? '', text: t(lang, 'engine.lang_usage') }]);
      const next = state ? { ...state, lang: cmd.lang } : null;
      const out: Outbound[] = [{ type: 'info', text: t(cmd.lang, 'engine.lang_set') }];
      if (next && flow && pending) out.push(askPending(flow, next));
      return { state: next, out, effects: [{ type: 'setLang', lang: cmd.lang }], changed: next !== null };
    }
    case 'cancel':
      if (!state || state.status === 'done') return unchanged(state, [{ type: 'info', text: t(lang, 'engine.nothing_in_progress') }]);
      // An intake saved each answer on the case as it was given: stopping loses none of them.
      if (flow && isIntake(flow, state))
        return { state: null, out: [{ type: 'info', text: t(lang, 'engine.intake_cancelled', { caseId: state.caseId! }) }], effects: [], changed: true };
      return { state: null, out: [{ type: 'info', text: t(lang, 'engine.cancelled') }], effects: [], changed: true };
    case 'restart': {
      const restarted = start(ctx, null, lang);
      return { ...restarted, out: [{ type: 'info', text: t(lang, 'engine.restarted') }, ...restarted.out] };
    }
    case 'why':
      if (!state || !flow) {
        // "what about the 2020 measures?" needs no check in progress.
        if (cmd.about === 'measures_2020') return unchanged(state, [{ type: 'info', text: explain2020(lang, null) }]);
        return unchanged(state, [{ type: 'info', text: t(lang, 'engine.nothing_in_progress') }]);
      }
      if (cmd.about === 'measures_2020') return unchanged(state, [{ type: 'info', text: explain2020(lang, state.answers) }, ...reask()]);
      if (pending && isIntake(flow, state)) return unchanged(state, [], [showIntake(ctx, flow, state, true)]);
      return unchanged(state, [{ type: 'info', text: explain(ctx, flow, state) }, ...reask()]);
    case 'back':
    case 'edit': {
      if (!state || !flow) return unchanged(state, [{ type: 'info', text: t(lang, 'engine.nothing_in_progress') }]);
      const { path } = walk(flow, state.answers);
      let target: string | undefined;
      if (cmd.type === 'back') {
        target = path[path.length - 1];
        if (!target) {
          const back = backToPreviousSection(ctx, flow, state);
          if (back) return back;
          return unchanged(state, [{ type: 'error', step: pending ?? '', text: t(lang, 'engine.cannot_go_back') }, ...reask()]);
        }
      } else {
        const editable = pending ? [...path, pending] : path;
        target = resolveStep(flow, editable, cmd.step);
        if (!target) {
          // By number and name, as `edit` takes them (step ids are not for people).
          const steps = editable.map((id, i) => `${i + 1}. ${t(lang, flow.steps[id]!.label)}`).join(t(lang, 'engine.list_separator'));
          return unchanged(state, [{ type: 'error', step: pending ?? '', text: t(lang, 'engine.unknown_step', { step: cmd.step, steps }) }, ...reask()]);
        }
      }
      // Forget the answer; later answers stay until the new one shows whether they still apply.
      const { [target]: _old, ...answers } = state.answers;
      const next: ConvState = { ...state, status: 'active', answers, inferred: state.inferred.filter((id) => id !== target) };
      const forked = forkLocked(ctx, flow, next);
      return { state: forked.state, out: [...forked.notes, askPending(flow, forked.state)], effects: [], changed: true };
    }
  }
}

const showIntake = (ctx: TurnContext, flow: Flow, state: ConvState, why: boolean): Effect => ({
  type: 'showIntake',
  caseId: state.caseId!,
  lang: state.lang,
  why,
  progress: intakeProgress(ctx.registry, flow, state),
});

/**
 * `back` at the first question of an intake section: the last question of the section before,
 * with what the case saved there. Its old answer stays on the case until a new one is given.
 */
function backToPreviousSection(ctx: TurnContext, flow: Flow, state: ConvState): Step | null {
  const prev = isIntake(flow, state) && state.savedFor ? previousSection(ctx.registry, flow) : undefined;
  if (!prev || !state.savedFor) return null;
  const form = prev.formKeyFor ? prev.formKeyFor(state.savedFor) : prev.form!;
  const own = Object.fromEntries(Object.entries(state.savedFor[form] ?? {}).filter(([k]) => k in prev.steps));
  const { path } = walk(prev, own);
  const target = path[path.length - 1];
  const answers = target ? Object.fromEntries(Object.entries(own).filter(([k]) => k !== target)) : own;
  const next: ConvState = {
    flow: prev.id,
    version: prev.version,
    lang: state.lang,
    status: 'active',
    answers,
    inferred: [],
    suggestion: {},
    caseId: state.caseId!,
    savedFor: state.savedFor,
    ...(prev.formKeyFor ? { formKey: form } : {}),
  };
  if (walk(prev, answers).type !== 'pending') return null;
  return withSectionHeader(ctx, prev, { state: next, out: [askPending(prev, next)], effects: [], changed: true });
}

/**
 * A triage whose case may no longer be changed (ctx.triageLocked) continues as a new check: the
 * answers are kept, the link to the case is dropped, and the person is told the case stays as it was.
 */
function forkLocked(ctx: TurnContext, flow: Flow, state: ConvState): { state: ConvState; notes: Outbound[] } {
  if (!ctx.triageLocked || !flow.decide || !state.caseId) return { state, notes: [] };
  const { caseId, ...rest } = state;
  return { state: rest, notes: [{ type: 'info', text: t(state.lang, 'engine.triage_locked', { caseId }) }] };
}

function resolveStep(flow: Flow, candidates: string[], wanted: string): string | undefined {
  const w = wanted.trim().toLowerCase();
  const n = Number(w);
  if (Number.isInteger(n) && n >= 1 && n <= candidates.length) return candidates[n - 1];
  return candidates.find((id) => {
    const step = flow.steps[id]!;
    return id === w || t('en', step.label).toLowerCase() === w || t('zh-CN', step.label) === wanted.trim();
  });
}

function pendingOf(flow: Flow, state: ConvState): string | null {
  if (state.status === 'done') return null;
  const w = walk(flow, state.answers);
  return w.type === 'pending' ? w.pending : null;
}

export function askPending(flow: Flow, state: ConvState): Outbound {
  const pending = pendingOf(flow, state);
  if (!pending) return { type: 'info', text: t(state.lang, 'engine.finished') };
  return renderQuestion(state.lang, flow.steps[pending]!, state.suggestion[pending], state.answers);
}

/** The step a conversation is waiting on, or null (no conversation, finished, or its flow is gone). */
export function pendingStep(registry: FlowRegistry, state: ConvState | null): string | null {
  if (state?.status !== 'active') return null;
  const resolved = resolveFlow(registry, state);
  if (resolved.type === 'lost') return null;
  const flow = findFlow(registry, resolved.state.flow, resolved.state.version)!;
  return pendingOf(flow, resolved.state);
}

/** The question to show when a person comes back (resume), or null when nothing is pending. */
export function resumeQuestion(registry: FlowRegistry, state: ConvState | null): Outbound | null {
  if (state?.status !== 'active') return null;
  const resolved = resolveFlow(registry, state);
  if (resolved.type === 'lost') return null;
  const flow = findFlow(registry, resolved.state.flow, resolved.state.version)!;
  return pendingOf(flow, resolved.state) ? askPending(flow, resolved.state) : null;
}

/** Conversations finish on their own version; if it is gone, an explicit migration moves them. */
function resolveFlow(registry: FlowRegistry, state: ConvState): { type: 'ok'; state: ConvState } | { type: 'lost' } {
  if (findFlow(registry, state.flow, state.version)) return { type: 'ok', state };
  let current = state;
  for (;;) {
    const m = registry.migrations.find((x) => x.flow === current.flow && x.from === current.version);
    if (!m) return { type: 'lost' };
    const flow = findFlow(registry, m.flow, m.to);
    const rename = (id: string) => m.renamed?.[id] ?? id;
    current = {
      ...current,
      version: m.to,
      answers: flow ? pruneAnswers(flow, m.migrate(current.answers)) : m.migrate(current.answers),
      inferred: current.inferred.map(rename),
      suggestion: Object.fromEntries(Object.entries(current.suggestion).map(([k, v]) => [rename(k), v])),
    };
    if (flow) return { type: 'ok', state: { ...current, inferred: current.inferred.filter((id) => id in current.answers) } };
  }
}
