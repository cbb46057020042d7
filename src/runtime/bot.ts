import { prefillIntake } from '../../flows/index.js';
import {
  auditEntry,
  declaresWhatIsBought,
  describeLifecycleError,
  INTAKE_EDITABLE,
  mayChangeTriage,
  mayEditIntake,
  newCase,
  parseCaseCommand,
  preferredLang,
  resolveLang,
  reviewNormalEnd,
  rewatchCase,
  transition,
  warningText,
  type CaseCommand,
  type CaseRecord,
  type Person,
  type Warning,
} from '../domain/index.js';
import {
  advance,
  findFlow,
  pendingStep,
  renderAnswer,
  resumeQuestion,
  type ConvState,
  type Decision,
  type Effect,
  type Inbound,
  type Outbound,
  type TurnResult,
} from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { StoredConversation, TurnWrite } from '../store/index.js';
import { createAdmission } from './admission.js';
import { renderCaseList } from './case-text.js';
import { personName } from './person-name.js';
import type { Bot, BotDeps, Envelope, NextActionRequest, RetiredQuestion, TurnReply } from './contract.js';
import { homeView } from './home.js';
import { noMetrics } from './metrics.js';
import { attachFiles } from './attachments.js';
import { describeIntakeFor, intakeStatus, openForm, submitForm } from './intake.js';
import { act, pendingReminders, presentReminder } from './reminder-actions.js';
import { retryOnConflict } from './retry.js';
import { runCaseCommand } from './run-case-command.js';
import { noticeRows } from './notices.js';
import { listVisibleCases } from './visible-cases.js';
import { withNextActions } from './next-actions.js';

/** A turn's outcome before it is addressed to its recipient. */
type TurnOutcome = {
  messages: Outbound[];
  lang: Lang;
  accepted: TurnReply['accepted'];
  duplicate: boolean;
  private: boolean;
  retire?: RetiredQuestion | null;
  pending?: string | null;
};

const conversationKey = (platform: string, userId: string) => `${platform}:${userId}`;

export function createBot(deps: BotDeps): Bot {
  const locks = new Map<string, Promise<unknown>>();
  const admit = createAdmission();
  /** Turns of one conversation run one after another; different conversations do not wait for each other. */
  const serialised = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return run;
  };

  /**
   * `preloaded`: the conversation as read when the message arrived (boundToShownQuestion), used
   * by the first attempt instead of reading it again. If it is out of date by then, the write's
   * revision check refuses it and the retry reads what is stored. A turn that leaves the state
   * alone (help, status, an answer refused) writes no revision: its reply may then rest on a copy
   * a moment old, as a read just before another instance's commit always could.
   */
  async function turn(env: Envelope, person: Person, key: string, preloaded?: StoredConversation): Promise<TurnOutcome> {
    const nothing = (lang: Lang): TurnOutcome => ({ messages: [], lang, accepted: null, duplicate: true, private: false });
    const command = env.input.type === 'text' ? parseCaseCommand(env.input.text) : null;
    // A redelivered event is dropped here only where a reply or a download may come before any
    // write (a command that reads, files): a conversation turn's own write refuses it atomically.
    if (env.eventId && (command || env.files?.length) && (await deps.store.hasEvent(env.eventId))) return nothing(person.lang ?? env.lang ?? 'en');
    if (env.files?.length) return attached(env, person, key, command);
    if (command) return commandTurn(env, person, key, command);
    let lang: Lang = person.lang ?? env.lang ?? 'en';
    let first = preloaded;
    const r = await retryOnConflict(async () => {
      const now = deps.clock();
      const loaded = first;
      first = undefined;
      const [stored, record] = await Promise.all([loaded ?? deps.store.loadConversation(key), deps.store.getPerson(person.key)]);
      // The conversation's case as it is now: rights and statuses are checked against it, and the
      // write below expects it unchanged (a change meanwhile is a conflict, and all of this runs again).
      const kase = stored.state?.caseId ? await deps.store.getCase(stored.state.caseId) : null;
      const flow = stored.state ? findFlow(deps.registry, stored.state.flow, stored.state.version) : undefined;
      const result = advance(
        {
          now,
          registry: deps.registry,
          nlu: deps.nlu,
          startFlow: deps.startFlow ?? 'triage',
          newCaseId: deps.newCaseId,
          preferredLang: preferredLang({ chosen: record?.lang, directory: person.lang, platform: env.lang }),
          triageLocked: !!kase && !!flow?.decide && !mayChangeTriage(person, kase),
          reviewEnd: (from) => reviewNormalEnd(deps.deadlines, from),
          ...(deps.watchlist ? { watchlist: deps.watchlist } : {}),
        },
        stored.state,
        env.input,
      );
      lang = result.lang;
      const intake = !!flow?.form && !!kase;
      if (intake && result.effects.some((e) => e.type === 'saveCaseField') && !mayEditIntake(person, kase!)) {
        return refuseIntake(key, stored.rev, env.eventId, result, kase!, now);
      }
      const { write, warned } = await toWrite(key, stored.rev, env.eventId, result.changed ? result.state : undefined, result.effects, person, now, kase);
      const committing = deps.store.commitTurn(write);
      // What the reply says of this turn is worked out while its write is in flight (it goes out
      // only after the commit): from what the turn itself wrote, not from reads that could run
      // ahead of that write. Queued behind the write's own microtask, so the write leaves first.
      const written = (id: string) => write.newCases?.find((k) => k.id === id) ?? write.caseUpdates?.find((u) => u.case.id === id)?.case;
      const said = Promise.resolve()
        .then(() => {
          // The last intake section done: what is still missing, or that it is complete (never "complete" when it is not).
          const intakeEnded = intake && stored.state?.status === 'active' && result.state?.status === 'done' && !!result.state.flow.startsWith('intake.');
          const after = intakeEnded ? (written(kase!.id) ?? kase!) : null;
          const own = [...result.out, ...warnedMessages(lang, warned), ...(after ? [{ type: 'info' as const, text: intakeStatus(lang, after) }] : [])];
          return withNextActions(deps, person, own, lang, async (id) => written(id) ?? deps.store.getCase(id));
        })
        .then(
          (messages) => ({ messages }),
          (error: unknown) => ({ error }),
        );
      const committed = await committing;
      if (committed !== 'ok') return committed;
      const own = await said;
      if ('error' in own) throw own.error;
      // Reads of what is stored (a case list, an intake) come after the commit, so they include it.
      const messages = [...own.messages, ...(await readEffects(result.effects, person, result.state, kase))];
      const answered = result.effects.find((e) => e.type === 'recordAnswer' && !e.inferred);
      const answeredFlow = answered?.type === 'recordAnswer' ? findFlow(deps.registry, answered.flow, answered.version) : undefined;
      const outcome: TurnOutcome = {
        messages,
        lang,
        accepted:
          answered?.type === 'recordAnswer'
            ? { step: answered.step, answer: answeredFlow ? renderAnswer(lang, answeredFlow, answered.step, answered.value) : String(answered.value) }
            : null,
        duplicate: false,
        private: intake || result.effects.some((e) => e.type === 'showStatus' || e.type === 'showIntake') || messages.some(showsCase),
        pending: pendingStep(deps.registry, result.state),
      };
      return outcome;
    });
    if (r === 'duplicate') return nothing(lang);
    if (r === 'conflict') {
      deps.log.warn('turn.conflict', { key });
      return { messages: [{ type: 'error', step: '', text: t(lang, 'common.internal_error') }], lang, accepted: null, duplicate: false, private: false };
    }
    return r;
  }

  /** A case command (typed, or a next action's button): private to the person, in their language. */
  async function commandTurn(env: Envelope, person: Person, key: string, command: CaseCommand): Promise<TurnOutcome> {
    const text = env.input.type === 'text' ? env.input.text : '';
    const [stored, record] = await Promise.all([deps.store.loadConversation(key), deps.store.getPerson(person.key)]);
    const lang = resolveLang({ chosen: record?.lang, directory: person.lang, conversation: stored.state?.lang, platform: env.lang }, () =>
      text ? deps.nlu.detectLang(text) : 'en',
    );
    const r = await runCaseCommand(deps, env, person, command, lang, key);
    // Case details are for the person asking, never for the channel the command was typed in.
    if (r === 'duplicate') return { messages: [], lang, accepted: null, duplicate: true, private: false };
    return { messages: r, lang, accepted: null, duplicate: false, private: true };
  }

  /**
   * A message with files: they go to the case its text names ("attach RB-…", any case command), or
   * else to the case the person's conversation is about (an intake, a triage that opened a case).
   */
  async function attached(env: Envelope, person: Person, key: string, command: ReturnType<typeof parseCaseCommand>): Promise<TurnOutcome> {
    const [stored, record] = await Promise.all([deps.store.loadConversation(key), deps.store.getPerson(person.key)]);
    const text = env.input.type === 'text' ? env.input.text : '';
    const lang = resolveLang({ chosen: record?.lang, directory: person.lang, conversation: stored.state?.lang, platform: env.lang }, () =>
      deps.nlu.detectLang(text || 'en'),
    );
    const out = (messages: Outbound[]): TurnOutcome => ({ messages, lang, accepted: null, duplicate: false, private: true });
    const caseId = command?.caseId ?? stored.state?.caseId;
    if (!caseId) return out([{ type: 'error', step: '', text: t(lang, 'attach.which_case') }]);
    const k = await deps.store.getCase(caseId);
    if (!k) return out([{ type: 'error', step: '', text: t(lang, 'cases.unknown', { caseId }) }]);
    return out(await attachFiles(deps, person, k, env.files!, text, lang, env.eventId));
  }

  /**
   * An intake answer for a case the person may no longer edit (reassigned, closed, submitted): the
   * case is not touched, what they typed stays in the answer log, and their intake conversation ends
   * with the reason.
   */
  async function refuseIntake(
    key: string,
    rev: number,
    eventId: string | undefined,
    result: TurnResult,
    kase: CaseRecord,
    now: Date,
  ): Promise<TurnOutcome | 'conflict' | 'duplicate'> {
    const at = now.toISOString();
    const answers = result.effects.flatMap((e) =>
      e.type === 'recordAnswer' ? [{ flow: e.flow, version: e.version, step: e.step, value: e.value, inferred: e.inferred, at }] : [],
    );
    const committed = await deps.store.commitTurn({ conversation: key, expectedRev: rev, state: null, answers, ...(eventId ? { eventId } : {}) });
    if (committed !== 'ok') return committed;
    const why = mayEditIntakeError(kase);
    const text = t(result.lang, 'cases.intake_refused', { caseId: kase.id, reason: describeLifecycleError(result.lang, kase.id, why) });
    return { messages: [{ type: 'error', step: '', text }], lang: result.lang, accepted: null, duplicate: false, private: true, pending: null };
  }

  /**
   * The store write of a turn's effects. `warned`: watchlist warnings a declared supplier or product
   * added to a case, to tell the person (a decision's own warnings are in its message already).
   */
  async function toWrite(
    key: string,
    rev: number,
    eventId: string | undefined,
    state: ConvState | null | undefined,
    effects: Effect[],
    person: Person,
    now: Date,
    kase: CaseRecord | null,
  ): Promise<{ write: TurnWrite; warned: { caseId: string; warnings: Warning[] }[] }> {
    const caseById = async (id: string) => (kase?.id === id ? kase : deps.store.getCase(id));
    const at = now.toISOString();
    const write: TurnWrite = { conversation: key, expectedRev: rev, answers: [], newCases: [], caseUpdates: [], audit: [], reminders: [] };
    const warned: { caseId: string; warnings: Warning[] }[] = [];
    if (eventId) write.eventId = eventId;
    if (state !== undefined) write.state = state;
    for (const e of effects) {
      switch (e.type) {
        case 'recordAnswer':
          write.answers!.push({ flow: e.flow, version: e.version, step: e.step, value: e.value, inferred: e.inferred, at });
          break;
        case 'openCase': {
          const opened = newCase({
            id: e.caseId,
            now,
            requester: person,
            lang: e.lang,
            summary: e.summary,
            triage: triageOf(e.answers, e.decision),
            warnings: e.decision.warnings,
          });
          write.audit!.push(auditEntry(opened.id, at, person.key, 'case.open', null, { status: 'open', triage: opened.triage, warnings: opened.warnings }));
          // `not_required`: the risk-prediction record is kept and closed at once; the team lead is asked to countersign.
          const closed = e.decision.openCase ? null : transition(opened, 'record_prediction', person, now, {});
          if (closed?.ok) {
            write.newCases!.push(closed.value.case);
            write.audit!.push(...closed.value.audit);
            write.reminders!.push(...noticeRows(closed.value.notices));
          } else {
            // What the first message named (items, quantities, the supplier) starts the intake; the analyst corrects it there.
            const intake = prefillIntake(opened, {
              items: e.summary ? deps.nlu.items(e.summary) : [],
              supplier: e.summary ? (deps.nlu.supplier?.(e.summary) ?? null) : null,
            });
            write.newCases!.push({ ...opened, intake });
            if (Object.keys(intake).length) write.audit!.push(auditEntry(opened.id, at, person.key, 'intake.prefilled', null, intake));
          }
          break;
        }
        case 'updateCaseTriage': {
          const current = await caseById(e.caseId);
          if (!current) break;
          const triage = triageOf(e.answers, e.decision);
          write.caseUpdates!.push({ case: { ...current, triage, updatedAt: at }, expectedUpdatedAt: current.updatedAt });
          write.audit!.push(auditEntry(e.caseId, at, person.key, 'case.triage_changed', current.triage, triage));
          break;
        }
        case 'saveCaseField': {
          const pending = write.caseUpdates!.find((u) => u.case.id === e.caseId);
          const current = pending?.case ?? (await caseById(e.caseId));
          if (!current) break;
          const before = current.intake[e.form]?.[e.field] ?? null;
          let updated: CaseRecord = { ...current, intake: { ...current.intake, [e.form]: { ...current.intake[e.form], [e.field]: e.value } }, updatedAt: at };
          write.audit!.push(auditEntry(e.caseId, at, person.key, `intake.${e.form}.${e.field}`, before, e.value));
          if (declaresWhatIsBought(e.form, e.field) && deps.watchlist) {
            const watched = rewatchCase(updated, deps.watchlist, person.key, at);
            updated = watched.case;
            write.audit!.push(...watched.audit);
            if (watched.added.length) warned.push({ caseId: e.caseId, warnings: watched.added });
          }
          if (pending) pending.case = updated;
          else write.caseUpdates!.push({ case: updated, expectedUpdatedAt: current.updatedAt });
          break;
        }
        case 'setLang':
          write.person = { key: person.key, lang: e.lang };
          break;
        case 'showStatus':
        case 'showIntake':
          break; // a read, done after the commit
      }
    }
    return { write, warned };
  }

  async function readEffects(effects: Effect[], person: Person, state: ConvState | null, kase: CaseRecord | null): Promise<Outbound[]> {
    const out: Outbound[] = [];
    for (const e of effects) {
      if (e.type === 'showStatus') {
        const cases = await listVisibleCases(deps.store, person, 20);
        out.push({ type: 'info', text: renderCaseList(e.lang, cases, (key) => personName(deps, key)) });
      }
      if (e.type === 'showIntake') {
        const k = kase?.id === e.caseId ? kase : await deps.store.getCase(e.caseId);
        if (k) out.push({ type: 'info', text: describeIntakeFor(e.lang, k, e) });
        // Then the question the intake waits on, so the answer box is where it was.
        const q = resumeQuestion(deps.registry, state);
        if (q) out.push(q);
      }
    }
    return out;
  }

  const reply = (person: Person, outcome: TurnOutcome): TurnReply => ({
    retire: null,
    ...outcome,
    recipient: { key: person.key, name: person.name, lang: outcome.lang },
  });

  /**
   * The question message shown earlier that this turn answered or superseded, if any: answered (its
   * recorded answer), asked again below, or no longer open. The one still waiting for an answer, and
   * not asked again, keeps its controls. A retired message is forgotten here; the adapter records the
   * next one it shows.
   */
  async function retiring(key: string, o: TurnOutcome): Promise<RetiredQuestion | null> {
    const shown = await deps.store.shownQuestion(key);
    if (!shown) return null;
    const asked = o.messages.filter((m) => m.type === 'question' && (m.choices?.length ?? 0) > 0).map((m) => (m.type === 'question' ? m.step : ''));
    let text: string;
    if (o.accepted?.step === shown.step) text = t(o.lang, 'platform.answered', { answer: o.accepted.answer });
    else if (asked.includes(shown.step)) text = t(o.lang, 'platform.asked_again');
    else if (asked.length === 0 && pendingStep(deps.registry, (await deps.store.loadConversation(key)).state) === shown.step) return null;
    else text = t(o.lang, 'platform.question_closed');
    await deps.store.setShownQuestion(key, null, deps.clock().toISOString());
    return { ref: shown.ref, question: shown.question, text };
  }

  /**
   * A typed answer answers the question the chat showed when it arrived: tag it with the step
   * pending now (the terminal tags it itself with the last question it printed), so that if that
   * step is no longer pending when the turn commits, the answer is refused, not applied elsewhere.
   */
  async function boundToShownQuestion(env: Envelope, key: string): Promise<{ input: Inbound; loaded?: StoredConversation }> {
    if (env.input.type !== 'text' || env.input.step !== undefined) return { input: env.input };
    const loaded = await deps.store.loadConversation(key);
    const step = pendingStep(deps.registry, loaded.state);
    return { input: step ? { ...env.input, step } : env.input, loaded };
  }

  return {
    openForm: (req) => openForm(deps, req),
    submitForm: (req) => submitForm(deps, req),
    home: (platform, userId, locale) => homeView(deps, platform, userId, locale),
    act: (req) => act(deps, req),
    presentReminder: (reminder) => presentReminder(deps, reminder),
    pendingReminders: (platform, userId) => pendingReminders(deps, platform, userId),
    handle: async (env) => {
      await admit();
      const person = deps.resolvePerson(env.platform, env.userId);
      const key = conversationKey(env.platform, env.userId);
      if (env.address !== undefined) {
        await deps.store.touchPerson(person.key, env.platform, env.address, deps.clock().toISOString());
      }
      const metrics = deps.metrics ?? noMetrics;
      const started = performance.now();
      try {
        const { input, loaded } = await boundToShownQuestion(env, key);
        // Read again in the turn when turns of this conversation are queued: one of them may change it first.
        const preloaded = locks.has(key) ? undefined : loaded;
        const outcome = await serialised(key, async () => {
          const o = await turn({ ...env, input }, person, key, preloaded);
          return o.duplicate ? o : { ...o, retire: await retiring(key, o) };
        });
        metrics.turn(env.platform, outcome.duplicate ? 'duplicate' : 'ok', (performance.now() - started) / 1000);
        return reply(person, outcome);
      } catch (err) {
        metrics.turn(env.platform, 'failed', (performance.now() - started) / 1000);
        throw err;
      }
    },
    nextAction: async (req) => {
      const person = deps.resolvePerson(req.platform, req.userId);
      const key = conversationKey(req.platform, req.userId);
      if (req.address !== undefined) await deps.store.touchPerson(person.key, req.platform, req.address, deps.clock().toISOString());
      const command: CaseCommand = { caseId: req.caseId, action: ACT_COMMANDS[req.action] };
      const { caseId: _c, action: _a, ...env } = req;
      const outcome = await serialised(key, () => commandTurn({ ...env, input: { type: 'text', text: '' } }, person, key, command));
      return reply(person, outcome);
    },
    shown: (platform, userId, shown) => deps.store.setShownQuestion(conversationKey(platform, userId), shown, deps.clock().toISOString()),
    resume: async (platform, userId) => {
      const person = deps.resolvePerson(platform, userId);
      const [{ state }, record] = await Promise.all([deps.store.loadConversation(conversationKey(platform, userId)), deps.store.getPerson(person.key)]);
      const q = resumeQuestion(deps.registry, state);
      const lang = resolveLang({ chosen: record?.lang, directory: person.lang, conversation: state?.lang });
      return reply(person, { messages: q ? [q] : [], lang, accepted: null, duplicate: false, private: false });
    },
  };
}

/** "The declared supplier is on the watchlist": each new warning with its source. */
const warnedMessages = (lang: Lang, warned: { caseId: string; warnings: Warning[] }[]): Outbound[] =>
  warned.map((w) => ({
    type: 'info',
    text: [
      t(lang, 'watchlist.added', { caseId: w.caseId }),
      ...w.warnings.map((x) => t(lang, 'engine.why_warning', { text: warningText(lang, x), source: x.source })),
    ].join('\n'),
  }));

/** The case command each next action stands for (next-actions.ts: the same as its typed command). */
const ACT_COMMANDS: Record<NextActionRequest['action'], CaseCommand['action']> = {
  view: { type: 'show' },
  intake: { type: 'intake' },
  assign_me: { type: 'assign', analyst: 'me' },
  export: { type: 'export' },
};

/** A message that names a case or its details (a decision with its case, a form of a case). */
const showsCase = (m: Outbound): boolean => (m.type === 'decision' && !!m.caseId) || m.type === 'form';

/** Why the intake of `k` may not be edited (by someone who may not edit it now), as a lifecycle error. */
const mayEditIntakeError = (k: CaseRecord) =>
  INTAKE_EDITABLE.includes(k.status)
    ? { type: 'not_allowed' as const, action: 'start_intake' as const }
    : { type: 'wrong_status' as const, status: k.status, allowed: INTAKE_EDITABLE };

const triageOf = (answers: Record<string, unknown>, d: Decision): CaseRecord['triage'] => ({
  answers: answers as Record<string, string>,
  outcome: d.outcome,
  reasons: d.reasons.map((r) => ({ id: r.id, citation: r.citation })),
});
