import type { CaseRecord, ReasonRef } from '../domain/case.js';
import { advance, resumeQuestion, type ConvState, type Decision, type Effect, type FlowRegistry, type Form, type Inbound, type Nlu, type Outbound } from '../engine/index.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { AuditEntry } from '../domain/case.js';
import type { Store, TurnWrite } from '../store/index.js';
import type { Actor, Platform, ResolveActor } from './actor.js';
import { renderCaseList } from './case-text.js';
import { homeView } from './home.js';
import { parseCaseCommand } from '../domain/case-commands.js';
import { runCaseCommand } from './case-commands.js';
import { visibleCases } from './visible-cases.js';
import { openForm, submitForm } from './intake.js';
import type { Logger } from './logger.js';

/** One message from a person, already translated by an adapter. */
export type Envelope = {
  platform: Platform;
  userId: string;
  /** Platform event id (Slack event_id, Teams activity id): a repeat is a no-op. */
  eventId?: string;
  input: Inbound;
  /** How to reach this person later (e.g. a Teams conversation reference, a Slack DM channel). */
  address?: unknown;
  /** Language the platform reports for the person, used until they choose one. */
  lang?: Lang;
  /** The platform can show forms (modals / task modules); otherwise intake is asked field by field. */
  forms?: boolean;
};

export type BotDeps = {
  store: Store;
  registry: FlowRegistry;
  nlu: Nlu;
  resolveActor: ResolveActor;
  clock: () => Date;
  newCaseId: () => string;
  log: Logger;
  startFlow?: string;
  /** Internal target for a complete intake, in working days after opening. */
  intakeTargetWorkingDays?: number;
};

export type FormRequest = { platform: Platform; userId: string; caseId: string; form: string };
export type FormSubmission = FormRequest & { values: Record<string, unknown>; eventId?: string };
export type OpenFormResult = { ok: true; form: Form } | { ok: false; message: string };
export type SubmitFormResult =
  | { ok: true; message: string; /** the next unfinished section, for multi-step dialogs */ next?: Form }
  | { ok: false; message: string; /** field id -> message */ errors: Record<string, string> };

/** A person's home view (Slack App Home, Teams welcome card): their cases with deadlines and actions. */
export type HomeView = {
  lang: Lang;
  title: string;
  intro: string;
  startLabel: string;
  casesTitle: string;
  emptyText: string;
  cases: { caseId: string; text: string; due: string[]; actions: { id: string; label: string; caseId: string; form: string }[] }[];
};

export type Bot = {
  handle(envelope: Envelope): Promise<Outbound[]>;
  /** An intake section as a form, with what is saved so far; refused when the person may not edit it. */
  openForm(req: FormRequest): Promise<OpenFormResult>;
  /** Save the valid fields of a submitted form; invalid ones come back per field. */
  submitForm(req: FormSubmission): Promise<SubmitFormResult>;
  home(platform: Platform, userId: string): Promise<HomeView>;
  /** The pending question of a conversation in progress (shown when a person comes back). */
  resume(platform: Platform, userId: string): Promise<Outbound[]>;
  conversationKey(platform: Platform, userId: string): string;
};

const MAX_CONFLICT_RETRIES = 5;

export function createBot(deps: BotDeps): Bot {
  const locks = new Map<string, Promise<unknown>>();
  /** Turns of one conversation run one after another; different conversations do not wait for each other. */
  const serialised = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => { if (locks.get(key) === tail) locks.delete(key); });
    return run;
  };
  const conversationKey = (platform: Platform, userId: string) => `${platform}:${userId}`;

  async function turn(env: Envelope, actor: Actor, key: string): Promise<Outbound[]> {
    if (env.eventId && (await deps.store.hasEvent(env.eventId))) return [];
    const command = env.input.type === 'text' ? parseCaseCommand(env.input.text) : null;
    if (command) {
      const [stored, person] = await Promise.all([deps.store.loadConversation(key), deps.store.getPerson(actor.key)]);
      const lang = person?.lang ?? stored.state?.lang ?? actor.lang ?? env.lang ?? deps.nlu.detectLang((env.input as { text: string }).text);
      return runCaseCommand(deps, env, actor, command, lang, key);
    }
    for (let attempt = 0; ; attempt++) {
      const now = deps.clock();
      const [stored, person] = await Promise.all([deps.store.loadConversation(key), deps.store.getPerson(actor.key)]);
      const result = advance(
        {
          now,
          registry: deps.registry,
          nlu: deps.nlu,
          startFlow: deps.startFlow ?? 'triage',
          newCaseId: deps.newCaseId,
          preferredLang: person?.lang ?? actor.lang ?? env.lang ?? null,
        },
        stored.state,
        env.input,
      );
      const write = await toWrite(key, stored.rev, env.eventId, result.changed ? result.state : undefined, result.effects, actor, now);
      const committed = await deps.store.commitTurn(write);
      if (committed === 'duplicate') return [];
      if (committed === 'conflict') {
        if (attempt < MAX_CONFLICT_RETRIES) continue;
        deps.log.warn('turn.conflict', { key });
        return [{ type: 'error', step: '', text: t(result.state?.lang ?? 'en', 'common.internal_error') }];
      }
      return [...result.out, ...(await readEffects(result.effects, actor))];
    }
  }

  async function toWrite(
    key: string, rev: number, eventId: string | undefined, state: ConvState | null | undefined, effects: Effect[], actor: Actor, now: Date,
  ): Promise<TurnWrite> {
    const at = now.toISOString();
    const write: TurnWrite = { conversation: key, expectedRev: rev, answers: [], newCases: [], caseUpdates: [], audit: [] };
    if (eventId) write.eventId = eventId;
    if (state !== undefined) write.state = state;
    for (const e of effects) {
      switch (e.type) {
        case 'recordAnswer':
          write.answers!.push({ flow: e.flow, version: e.version, step: e.step, value: e.value, inferred: e.inferred, at });
          break;
        case 'openCase': {
          const record: CaseRecord = {
            id: e.caseId, createdAt: at, updatedAt: at, status: 'open', requester: actor.key, team: actor.team, teamLead: actor.teamLead,
            analyst: null, lang: e.lang, summary: e.summary,
            triage: { answers: e.answers as Record<string, string>, outcome: e.decision.outcome, reasons: reasonRefs(e.decision) },
            intake: {}, submittedOn: null, complex: false, authorityOutcome: null,
          };
          write.newCases!.push(record);
          write.audit!.push(audit(record.id, at, actor.key, 'case.open', null, { status: 'open', triage: record.triage }));
          break;
        }
        case 'updateCaseTriage': {
          const current = await deps.store.getCase(e.caseId);
          if (!current) break;
          const triage = { answers: e.answers as Record<string, string>, outcome: e.decision.outcome, reasons: reasonRefs(e.decision) };
          write.caseUpdates!.push({ case: { ...current, triage, updatedAt: at }, expectedUpdatedAt: current.updatedAt });
          write.audit!.push(audit(e.caseId, at, actor.key, 'case.triage_changed', current.triage, triage));
          break;
        }
        case 'saveCaseField': {
          const pending = write.caseUpdates!.find((u) => u.case.id === e.caseId);
          const current = pending?.case ?? (await deps.store.getCase(e.caseId));
          if (!current) break;
          const before = current.intake[e.form]?.[e.field] ?? null;
          const updated: CaseRecord = { ...current, intake: { ...current.intake, [e.form]: { ...current.intake[e.form], [e.field]: e.value } }, updatedAt: at };
          if (pending) pending.case = updated;
          else write.caseUpdates!.push({ case: updated, expectedUpdatedAt: current.updatedAt });
          write.audit!.push(audit(e.caseId, at, actor.key, `intake.${e.form}.${e.field}`, before, e.value));
          break;
        }
        case 'setLang':
          write.person = { key: actor.key, lang: e.lang };
          break;
        case 'showStatus':
          break; // a read, done after the commit
      }
    }
    return write;
  }

  async function readEffects(effects: Effect[], actor: Actor): Promise<Outbound[]> {
    const out: Outbound[] = [];
    for (const e of effects) {
      if (e.type !== 'showStatus') continue;
      const cases = await visibleCases(deps.store, actor, 20);
      out.push({ type: 'info', text: renderCaseList(e.lang, cases) });
    }
    return out;
  }

  return {
    conversationKey,
    openForm: (req) => openForm(deps, req),
    submitForm: (req) => submitForm(deps, req),
    home: (platform, userId) => homeView(deps, platform, userId),
    handle: async (env) => {
      const actor = deps.resolveActor(env.platform, env.userId);
      const key = conversationKey(env.platform, env.userId);
      if (env.address !== undefined) {
        await deps.store.touchPerson(actor.key, env.platform, env.address, deps.clock().toISOString());
      }
      return serialised(key, () => turn(env, actor, key));
    },
    resume: async (platform, userId) => {
      const key = conversationKey(platform, userId);
      const { state } = await deps.store.loadConversation(key);
      const q = resumeQuestion(deps.registry, state);
      return q ? [q] : [];
    },
  };
}

const reasonRefs = (d: Decision): ReasonRef[] => d.reasons.map((r) => ({ id: r.key, citation: r.citation }));

const audit = (caseId: string, at: string, actor: string, action: string, before: unknown, after: unknown): AuditEntry =>
  ({ caseId, at, actor, action, before, after });
