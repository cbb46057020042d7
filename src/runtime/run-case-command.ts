import {
  announcementOf,
  applyCaseAction,
  can,
  caseClock,
  caseDeadlines,
  CLOCK_ACTIONS,
  deriveDeadlines,
  describeLifecycleError,
  mayEditIntake,
  ROLES,
  shanghaiDate,
  statusLabel,
  type CaseAction,
  type CaseCommand,
  type CaseRecord,
  type Person,
} from '../domain/index.js';
import { describeGaps, intakeGaps, settledAnswers } from '../../flows/index.js';
import { auditEntry, itemKey, itemNumber, lineItemKeys, nextItemKey, reviewNormalEnd } from '../domain/index.js';
import { begin, type Outbound, type TurnContext } from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename } from 'node:path';
import { attachFiles } from './attachments.js';
import { caseView } from './case-view.js';
import { buildPack, packToMarkdown } from '../pack/index.js';
import type { BotDeps, Envelope, InboundFile } from './contract.js';
import { caseForm, flowFor, intakeStatus, nextIncompleteForm } from './intake.js';
import { personName, teamName } from './person-name.js';
import { noticeRows, type ClockContext } from './notices.js';
import { runReminderCommand } from './reminder-actions.js';
import { retryOnConflict } from './retry.js';
import { getVisibleCase, noVisibleCase } from './visible-cases.js';

const info = (text: string): Outbound => ({ type: 'info', text });
const err = (text: string): Outbound => ({ type: 'error', step: '', text });

/** A file named in the terminal ("attach RB-… ~/contracts/draft.pdf"), read only once the runtime has checked its name and size. */
async function localFile(typed: string): Promise<InboundFile | null> {
  const path = typed
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .replace(/^~(?=\/)/, homedir());
  try {
    const s = await stat(path);
    return s.isFile() ? { name: basename(path), size: s.size, download: async () => new Uint8Array(await readFile(path)) } : null;
  } catch {
    return null;
  }
}

/**
 * The case with its deadlines recorded as announced, after a change that sets them (a clock event,
 * a status change): its own notice tells people, so the daily sweep need not (scheduler/plan.ts).
 * Other changes (a comment, an assignment) leave the announcement alone, so a move the calendar
 * made meanwhile is still announced by the sweep.
 */
function announced(deps: BotDeps, k: CaseRecord): CaseRecord {
  const d = caseDeadlines(k, deps.deadlines);
  return d.ok ? { ...k, announcedDeadlines: announcementOf(d.value) } : k;
}

/** For a clock event's notice: the deadline it leaves running (an exact one first), or that the clock is paused. */
function clockContext(deps: BotDeps, k: CaseRecord): ClockContext {
  const d = deriveDeadlines(k, deps.deadlines);
  if (!d.ok) return { next: null, paused: false };
  return { next: d.value.deadlines.find((x) => !x.outerBound) ?? d.value.deadlines[0] ?? null, paused: d.value.undated.length > 0 };
}

/**
 * Whom "assign RB-… <who>" names, with what the lifecycle needs to judge them: "me" is the person
 * typing; with a people file, a listed person (unlisted: unknown); without one, someone the bot has
 * seen (who then holds every role, as everyone does on a single machine).
 */
async function assignment(deps: BotDeps, person: Person, who: string): Promise<Extract<CaseAction, { type: 'assign' }>> {
  const key = who.trim();
  if (['me', '我', 'self'].includes(key.toLowerCase())) return { type: 'assign', analyst: person.key, assignee: person };
  if (deps.findPerson) return { type: 'assign', analyst: key, assignee: deps.findPerson(key) };
  const seen = key !== '' && (await deps.store.getPerson(key)) !== null;
  return { type: 'assign', analyst: key, assignee: seen ? { roles: ROLES } : null };
}

/**
 * Run a case command ("assign RB-… ann", "submitted RB-… 2026-03-02", "intake RB-…"): the domain
 * decides on the case as it is stored when the change is committed (a conflicting write retries
 * the whole check); the store records the change, its audit rows and notices in one transaction.
 */
export async function runCaseCommand(
  deps: BotDeps,
  env: Envelope,
  person: Person,
  cmd: CaseCommand,
  lang: Lang,
  conversation: string,
): Promise<Outbound[] | 'duplicate'> {
  const a = cmd.action;
  if (a.type === 'acknowledge' || a.type === 'snooze') return runReminderCommand(deps, person, cmd.caseId, a.type, lang, env.eventId);
  if (a.type === 'usage') return [err(t(lang, `cases.usage.${a.verb}`, { caseId: cmd.caseId }))];
  const r = await retryOnConflict(async (): Promise<Outbound[] | 'duplicate' | 'conflict'> => {
    // Before anything else: every command about a case the person may not see is answered as if it did not exist.
    const k = await getVisibleCase(deps.store, person, cmd.caseId);
    if (!k) return [err(noVisibleCase(lang, cmd.caseId))];
    const now = deps.clock();
    const action = a;
    if (action.type === 'show') {
      return [caseView(deps, k, lang, now, env.platform, await deps.store.listAttachments(k.id))];
    }
    if (action.type === 'export') {
      // The application pack (for a not_required outcome: the risk-prediction record) as text, for the person asking.
      if (!can(person, 'export', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
      const c = caseClock(k, deps.deadlines, shanghaiDate(now));
      const [audit, attachments] = await Promise.all([deps.store.auditOf(k.id), deps.store.listAttachments(k.id)]);
      const extras = { nameOf: (key: string) => personName(deps, key), teamNameOf: (id: string) => teamName(deps, id), audit, attachments };
      return [info(packToMarkdown(buildPack(k, lang, c.ok ? c.value : null, now, extras)))];
    }
    if (action.type === 'intake' || action.type === 'item') {
      if (!can(person, 'edit_intake', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
      if (!mayEditIntake(person, k))
        return [err(describeLifecycleError(lang, k.id, { type: 'wrong_status', status: k.status, allowed: ['open', 'intake', 'ready'] }))];
      let form: string | null;
      if (action.type === 'intake') form = nextIncompleteForm(deps, k);
      else if (!flowFor(deps, k, 'item')) return [err(t(lang, 'cases.no_items_for_matter', { caseId: k.id }))];
      else if (action.op === 'add') form = nextItemKey(k.intake);
      else {
        form = itemKey(action.n);
        if (!lineItemKeys(k.intake).includes(form)) return [err(t(lang, 'cases.no_such_item', { caseId: k.id, n: action.n }))];
        if (action.op === 'remove') return removeItem(deps, env, person, k, form, lang, now);
      }
      if (!form) return [info(intakeStatus(lang, k))];
      if (env.forms) return [{ type: 'form', form: caseForm(deps, k, form, lang)! }];
      // Field by field in chat: an intake conversation on the case, resuming at the first field still open.
      const flow = flowFor(deps, k, form)!;
      const stored = await deps.store.loadConversation(conversation);
      const ctx: TurnContext = {
        now,
        registry: deps.registry,
        nlu: deps.nlu,
        startFlow: 'triage',
        newCaseId: deps.newCaseId,
        preferredLang: lang,
        reviewEnd: (from) => reviewNormalEnd(deps.deadlines, from),
      };
      const editing = action.type === 'item' && action.op === 'edit';
      const started = begin(ctx, flow, {
        lang,
        caseId: k.id,
        answers: editing ? {} : settledAnswers(k, form),
        savedFor: k.intake,
        ...(itemNumber(form) !== null ? { formKey: form } : {}),
      });
      const moved = k.status === 'open' ? applyCaseAction(k, { type: 'start_intake' }, person, now) : null;
      const committed = await deps.store.commitTurn({
        conversation,
        expectedRev: stored.rev,
        state: started.state,
        ...(moved?.ok
          ? { caseUpdates: [{ case: moved.value.case, expectedUpdatedAt: k.updatedAt }], audit: moved.value.audit, reminders: noticeRows(moved.value.notices) }
          : {}),
        ...(env.eventId ? { eventId: env.eventId } : {}),
      });
      return committed === 'ok' ? started.out : committed;
    }
    if (action.type === 'attach') {
      // A path is a file on this machine: only the terminal, which runs there for its user, may name one.
      if (env.platform !== 'terminal') return [err(t(lang, 'attach.send_file', { caseId: k.id }))];
      if (!action.path) return [err(t(lang, 'attach.usage'))];
      const file = await localFile(action.path);
      if (!file) return [err(t(lang, 'attach.no_file', { path: action.path }))];
      return attachFiles(deps, person, k, [file], '', lang, env.eventId);
    }
    if (action.type === 'mark_ready') action.missing = describeGaps(lang, intakeGaps(k));
    const changed = applyCaseAction(k, action.type === 'assign' ? await assignment(deps, person, action.analyst) : action, person, now);
    if (!changed.ok) {
      const e = changed.error;
      return [
        err(
          describeLifecycleError(
            lang,
            k.id,
            e.type === 'already_assigned'
              ? { ...e, analyst: personName(deps, e.analyst, env.platform) }
              : e.type === 'already_countersigned'
                ? { ...e, by: personName(deps, e.by, env.platform) }
                : e,
          ),
        ),
      ];
    }
    const setsDeadlines = action.type in CLOCK_ACTIONS || changed.value.case.status !== k.status;
    const next = setsDeadlines ? announced(deps, changed.value.case) : changed.value.case;
    const notices = noticeRows(changed.value.notices, clockContext(deps, next));
    const saved = await deps.store.saveCases({
      updates: [{ case: next, expectedUpdatedAt: k.updatedAt }],
      audit: changed.value.audit,
      reminders: notices,
      ...(env.eventId ? { eventId: env.eventId } : {}),
    });
    if (saved !== 'ok') return saved;
    if (action.type === 'withdraw' && !action.confirm) {
      return [info(t(lang, 'cases.withdraw_confirm', { caseId: k.id, reason: next.pendingWithdrawal?.reason ?? '' }))];
    }
    const event = action.type in CLOCK_ACTIONS && action.type !== 'mark_submitted' ? next.clock[next.clock.length - 1] : undefined;
    const what =
      action.type === 'comment'
        ? t(lang, 'cases.done.comment')
        : action.type === 'countersign' && next.countersign
          ? t(lang, 'cases.done.countersign', { by: personName(deps, next.countersign.by, env.platform), at: shanghaiDate(new Date(next.countersign.at)) })
          : event
            ? t(lang, 'cases.done.clock', { event: t(lang, `clock.event.${event.type}`), on: event.on })
            : next.status !== k.status
              ? t(lang, 'cases.done.status', { from: statusLabel(lang, k.status), to: statusLabel(lang, next.status) })
              : t(lang, 'cases.done.assign', { analyst: next.analyst ? personName(deps, next.analyst, env.platform) : '—' });
    const anyway = action.type === 'mark_ready' && action.missing.length > 0 ? t(lang, 'cases.ready_anyway', { n: action.missing.length }) : '';
    // Sentences follow each other with a space in English, directly after 。 in Chinese.
    return [info([t(lang, 'cases.done', { caseId: k.id, what }), anyway].filter(Boolean).join(lang === 'zh-CN' ? '' : ' '))];
  });
  if (r === 'conflict') return [err(t(lang, 'cases.conflict', { caseId: cmd.caseId }))];
  return r;
}

/** "item RB-… remove 2": the line item goes, with an audit row holding what it was. */
async function removeItem(
  deps: BotDeps,
  env: Envelope,
  person: Person,
  k: CaseRecord,
  form: string,
  lang: Lang,
  now: Date,
): Promise<Outbound[] | 'duplicate' | 'conflict'> {
  const at = now.toISOString();
  const { [form]: removed, ...intake } = k.intake;
  const next: CaseRecord = { ...k, intake, updatedAt: at };
  const audit = [auditEntry(k.id, at, person.key, `intake.${form}.removed`, removed, null)];
  const saved = await deps.store.saveCases({
    updates: [{ case: next, expectedUpdatedAt: k.updatedAt }],
    audit,
    ...(env.eventId ? { eventId: env.eventId } : {}),
  });
  if (saved !== 'ok') return saved;
  return [
    info(`${t(lang, 'intake.item.removed', { item: t(lang, 'intake.item.title_n', { n: itemNumber(form)! }), caseId: k.id })} ${intakeStatus(lang, next)}`),
  ];
}
