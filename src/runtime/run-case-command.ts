import {
  announcementOf, applyCaseAction, can, caseClock, caseDeadlines, CLOCK_ACTIONS, deriveDeadlines, describeLifecycleError, mayEditIntake, ROLES, shanghaiDate, statusLabel,
  type CaseAction, type CaseCommand, type CaseRecord, type Person,
} from '../domain/index.js';
import { begin, formOf, latestFlow, type Outbound } from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import { caseView } from './case-view.js';
import { buildPack, packToMarkdown } from '../pack/index.js';
import type { BotDeps, Envelope } from './contract.js';
import { nextIncompleteForm } from './intake.js';
import { personName } from './person-name.js';
import { noticeRows, type ClockContext } from './notices.js';
import { runReminderCommand } from './reminder-actions.js';
import { retryOnConflict } from './retry.js';

const info = (text: string): Outbound => ({ type: 'info', text });
const err = (text: string): Outbound => ({ type: 'error', step: '', text });

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
  deps: BotDeps, env: Envelope, person: Person, cmd: CaseCommand, lang: Lang, conversation: string,
): Promise<Outbound[] | 'duplicate'> {
  const a = cmd.action;
  if (a.type === 'acknowledge' || a.type === 'snooze') return runReminderCommand(deps, person, cmd.caseId, a.type, lang, env.eventId);
  if (a.type === 'usage') return [err(t(lang, `cases.usage.${a.verb}`, { caseId: cmd.caseId }))];
  const r = await retryOnConflict(async (): Promise<Outbound[] | 'duplicate' | 'conflict'> => {
    const k = await deps.store.getCase(cmd.caseId);
    if (!k) return [err(t(lang, 'cases.unknown', { caseId: cmd.caseId }))];
    const now = deps.clock();
    const action = a;
    if (action.type === 'show') {
      if (!can(person, 'view', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
      return [caseView(deps, k, lang, now, env.platform)];
    }
    if (action.type === 'export') {
      // The application pack (for a not_required outcome: the risk-prediction record) as text, for the person asking.
      if (!can(person, 'export', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
      const c = caseClock(k, deps.deadlines, shanghaiDate(now));
      return [info(packToMarkdown(buildPack(k, lang, c.ok ? c.value : null, now)))];
    }
    if (action.type === 'intake') {
      if (!can(person, 'edit_intake', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
      if (!mayEditIntake(person, k)) return [err(describeLifecycleError(lang, k.id, { type: 'wrong_status', status: k.status, allowed: ['open', 'intake', 'ready'] }))];
      const form = nextIncompleteForm(deps, k);
      if (!form) return [info(t(lang, 'cases.intake_complete', { caseId: k.id }))];
      const flow = latestFlow(deps.registry, `intake.${form}`)!;
      if (env.forms) return [{ type: 'form', form: formOf(flow, lang, k.intake[form] ?? {}, k.id) }];
      // Field by field in chat: an intake conversation on the case, resuming at the first empty field.
      const stored = await deps.store.loadConversation(conversation);
      const started = begin({ now, registry: deps.registry, nlu: deps.nlu, startFlow: 'triage', newCaseId: deps.newCaseId, preferredLang: lang },
        flow, { lang, caseId: k.id, answers: k.intake[form] ?? {}, savedFor: k.intake });
      const moved = k.status === 'open' ? applyCaseAction(k, { type: 'start_intake' }, person, now) : null;
      const committed = await deps.store.commitTurn({
        conversation, expectedRev: stored.rev, state: started.state,
        ...(moved?.ok ? { caseUpdates: [{ case: moved.value.case, expectedUpdatedAt: k.updatedAt }], audit: moved.value.audit, reminders: noticeRows(moved.value.notices) } : {}),
        ...(env.eventId ? { eventId: env.eventId } : {}),
      });
      return committed === 'ok' ? started.out : committed;
    }
    const changed = applyCaseAction(k, action.type === 'assign' ? await assignment(deps, person, action.analyst) : action, person, now);
    if (!changed.ok) {
      const e = changed.error;
      return [err(describeLifecycleError(lang, k.id, e.type === 'already_assigned' ? { ...e, analyst: personName(deps, e.analyst, env.platform) } : e))];
    }
    const setsDeadlines = action.type in CLOCK_ACTIONS || changed.value.case.status !== k.status;
    const next = setsDeadlines ? announced(deps, changed.value.case) : changed.value.case;
    const notices = noticeRows(changed.value.notices, clockContext(deps, next));
    const saved = await deps.store.saveCases({
      updates: [{ case: next, expectedUpdatedAt: k.updatedAt }], audit: changed.value.audit, reminders: notices, ...(env.eventId ? { eventId: env.eventId } : {}),
    });
    if (saved !== 'ok') return saved;
    const event = action.type in CLOCK_ACTIONS && action.type !== 'mark_submitted' ? next.clock[next.clock.length - 1] : undefined;
    const what = action.type === 'comment' ? t(lang, 'cases.done.comment')
      : action.type === 'countersign' && next.countersign ? t(lang, 'cases.done.countersign', { by: next.countersign.by, at: next.countersign.at.slice(0, 10) })
      : event ? t(lang, 'cases.done.clock', { event: t(lang, `clock.event.${event.type}`), on: event.on })
      : next.status !== k.status ? t(lang, 'cases.done.status', { from: statusLabel(lang, k.status), to: statusLabel(lang, next.status) })
      : t(lang, 'cases.done.assign', { analyst: next.analyst ? personName(deps, next.analyst, env.platform) : '—' });
    return [info(t(lang, 'cases.done', { caseId: k.id, what }))];
  });
  if (r === 'conflict') return [err(t(lang, 'cases.conflict', { caseId: cmd.caseId }))];
  return r;
}
