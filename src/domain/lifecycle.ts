import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { auditEntry, statusLabel, type AuditEntry, type CaseRecord, type CaseStatus, type ClockEvent, type ClockEventType, type Role } from './case.js';
import type { Person } from './directory.js';
import { can, type Action } from './permissions.js';
import { checkFreeText, describeTextProblem, type TextProblem } from './free-text.js';
import type { Result } from './result.js';
import { isCalendarDate, shanghaiDate } from './working-days.js';

// The case lifecycle and every change a chat action makes to a case.
//
//   open -> intake -> ready -> submitted -> decided -> closed
//   withdrawn: from open, intake, ready or submitted
//
// Which moves are allowed lives here (TRANSITIONS), not in adapters. Notes on the table:
// - `mark_ready` also from `open`: an intake filled in through forms may never be "started".
// - `close` also before submission: an analyst may conclude that no application is needed
//   (an `assess` triage outcome). A submitted case is with the Office: record its outcome, or
//   withdraw the application.
// - `withdraw` is possible until the Office has decided; a decided case can only be closed.
// - `assign` works in every status but the final ones; `comment` in every status.
// - The review clock's events (notice, complex, special, supplement, supplied; review-clock.ts)
//   are recorded while the case is with the Office, each dated no later than today and no
//   earlier than the event it follows; `mark_submitted` records the first of them.
// - `record_prediction`: a `not_required` triage is kept as a risk-prediction record (预判记录),
//   opened and closed at once (Art. 5 expects the CIIO to make the prediction and keep it).
// - `countersign`: the requester's team lead (or an admin) confirms a closed record; once, and
//   never their own.
// Who may act is permissions.ts; the order of checks is permission, then status, then payload.
//
// Besides these moves, two kinds of edit have their own status rules (below the table):
// - the intake (declaration, risk, commitments, materials) is edited while the case is open,
//   in intake or ready; once submitted, it is what the Office has.
// - the triage answers: by the requester while the case is still open (nobody works on it yet),
//   by an analyst until submission; nobody changes them after. Outside that, editing a finished
//   triage starts a new check instead of rewriting the case.

export const LIFECYCLE_ACTIONS = [
  'assign',
  'start_intake',
  'mark_ready',
  'mark_submitted',
  'record_outcome',
  'close',
  'withdraw',
  'comment',
  'record_notice',
  'mark_complex',
  'record_special',
  'request_supplement',
  'record_supplied',
  'record_prediction',
  'countersign',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'withdrawn'];
const NOT_FINAL: readonly CaseStatus[] = ['open', 'intake', 'ready', 'submitted', 'decided'];
const ANY: readonly CaseStatus[] = [...NOT_FINAL, ...FINAL_STATUSES];

/** For each action: the statuses it is allowed in, and the status it moves to (null: status unchanged). */
export const TRANSITIONS: { readonly [A in LifecycleAction]: { readonly from: readonly CaseStatus[]; readonly to: CaseStatus | null } } = {
  assign: { from: NOT_FINAL, to: null },
  start_intake: { from: ['open'], to: 'intake' },
  mark_ready: { from: ['open', 'intake'], to: 'ready' },
  mark_submitted: { from: ['ready'], to: 'submitted' },
  record_outcome: { from: ['submitted'], to: 'decided' },
  close: { from: ['open', 'intake', 'ready', 'decided'], to: 'closed' },
  withdraw: { from: ['open', 'intake', 'ready', 'submitted'], to: 'withdrawn' },
  comment: { from: ANY, to: null },
  record_notice: { from: ['submitted'], to: null },
  mark_complex: { from: ['submitted'], to: null },
  record_special: { from: ['submitted'], to: null },
  request_supplement: { from: ['submitted'], to: null },
  record_supplied: { from: ['submitted'], to: null },
  record_prediction: { from: ['open'], to: 'closed' },
  countersign: { from: ['closed'], to: null },
};

/** The clock event each clock action records. */
export const CLOCK_ACTIONS = {
  mark_submitted: 'submitted',
  record_notice: 'notice',
  mark_complex: 'complex',
  record_special: 'special',
  request_supplement: 'supplement',
  record_supplied: 'supplied',
} as const satisfies Partial<Record<LifecycleAction, ClockEventType>>;

type NoPayload = Record<never, never>;

/** What each action carries. `assign.assignee`: the directory's entry for `analyst` when the caller has a directory (null: not listed); omit to skip the check. */
export type Payloads = {
  assign: { analyst: string; assignee?: Pick<Person, 'roles'> | null };
  start_intake: NoPayload;
  /**
   * `missing`: what the intake of the case's matter still lacks, as the caller renders it (the intake's
   * definition is in flows/); ready only when it is empty, or with `reason` (recorded in the audit).
   */
  mark_ready: { missing: readonly string[]; reason?: string };
  mark_submitted: { on: string }; // YYYY-MM-DD: the day the materials were complete at the Office
  record_outcome: { outcome: string };
  close: NoPayload;
  /** Two steps: with a `reason` the withdrawal is asked for; `confirm` by the same person carries it out. */
  withdraw: { reason?: string; confirm?: boolean };
  comment: { text: string };
  record_notice: { on: string }; // the date of the Office's written notice
  mark_complex: NoPayload; // dated the day it is recorded
  record_special: { on: string }; // the day the special review started
  request_supplement: { on: string }; // the day the Office asked for more materials
  record_supplied: { on: string }; // the day they were delivered
  record_prediction: NoPayload;
  countersign: NoPayload;
};

/** An action with its payload as one tagged value (what chat commands parse into). */
export type CaseAction = { [A in LifecycleAction]: { type: A } & Payloads[A] }[LifecycleAction];

export type LifecycleError =
  | { type: 'not_allowed'; action: LifecycleAction }
  | { type: 'wrong_status'; status: CaseStatus; allowed: readonly CaseStatus[] }
  | { type: 'invalid_date'; value: string }
  | { type: 'date_in_future'; value: string; today: string; event?: ClockEventType }
  | { type: 'date_before_event'; value: string; event: ClockEventType; on: string }
  | { type: 'already_recorded'; event: ClockEventType; on: string }
  | { type: 'needs_event'; event: ClockEventType }
  | { type: 'supplement_open'; since: string }
  | { type: 'no_open_supplement' }
  | { type: 'date_before_opening'; value: string; opened: string }
  | { type: 'empty_text' }
  | { type: 'text_too_long'; max: number }
  | { type: 'unsafe_text'; problem: TextProblem }
  | { type: 'unknown_person'; key: string }
  | { type: 'not_an_analyst'; key: string }
  | { type: 'already_assigned'; analyst: string }
  | { type: 'intake_incomplete'; missing: readonly string[] }
  | { type: 'needs_reason'; action: 'mark_ready' | 'withdraw' }
  | { type: 'no_pending_withdrawal' }
  | { type: 'not_a_prediction_record' }
  | { type: 'already_countersigned'; by: string; at: string }
  | { type: 'own_record' };

/** Someone to tell about a change, through the scheduler (a row, not a timer): the requester hears of every status change. */
export type CaseNotice =
  | { type: 'status_changed'; caseId: string; recipient: string; status: CaseStatus; at: string }
  /** A review clock event was recorded (the submission has its status notice instead). */
  | { type: 'clock_event'; caseId: string; recipient: string; event: ClockEvent; at: string }
  /** A new risk-prediction record of their team, for the team lead to countersign. */
  | { type: 'countersign_requested'; caseId: string; recipient: string; at: string };

export type TransitionResult = Result<{ case: CaseRecord; audit: AuditEntry[]; notices: CaseNotice[] }, LifecycleError>;

/** The permission each action needs; assigning needs `assign_analyst`, or `assign_self` when actors assign themselves. */
const PERMISSION: { readonly [A in Exclude<LifecycleAction, 'assign'>]: Action } = {
  start_intake: 'start_intake',
  mark_ready: 'mark_ready',
  mark_submitted: 'mark_submitted',
  record_outcome: 'record_outcome',
  close: 'close',
  withdraw: 'withdraw',
  comment: 'comment',
  record_notice: 'record_clock',
  mark_complex: 'record_clock',
  record_special: 'record_clock',
  request_supplement: 'record_clock',
  record_supplied: 'record_clock',
  record_prediction: 'record_prediction',
  countersign: 'countersign',
};

function permitted(action: LifecycleAction, actor: Person, k: CaseRecord, assignTo: string | null): boolean {
  if (action !== 'assign') return can(actor, PERMISSION[action], k);
  return can(actor, 'assign_analyst', k) || ((assignTo === null || assignTo === actor.key) && can(actor, 'assign_self', k));
}

const ASSIGNABLE: readonly Role[] = ['analyst', 'admin'];

function checkText(value: string): Result<string, LifecycleError> {
  const r = checkFreeText(value);
  if (r.ok) return r;
  switch (r.error.type) {
    case 'empty':
      return { ok: false, error: { type: 'empty_text' } };
    case 'too_long':
      return { ok: false, error: { type: 'text_too_long', max: r.error.max } };
    default:
      return { ok: false, error: { type: 'unsafe_text', problem: r.error } };
  }
}

/**
 * Apply one chat action to a case: the changed case and the audit rows of the change (who, when,
 * before, after). Pure: nothing is stored; the caller saves both in one transaction.
 */
export function transition<A extends LifecycleAction>(k: CaseRecord, action: A, actor: Person, now: Date, payload: Payloads[A]): TransitionResult {
  const r = change(k, action, actor, now, payload);
  if (!r.ok) return r;
  const moved = r.value.case;
  const at = now.toISOString();
  // A record is closed while its requester watches; its team lead is asked to countersign instead.
  const notices: CaseNotice[] =
    action === 'record_prediction'
      ? k.teamLead && k.teamLead !== k.requester
        ? [{ type: 'countersign_requested', caseId: k.id, recipient: k.teamLead, at }]
        : []
      : moved.status !== k.status
        ? [{ type: 'status_changed', caseId: k.id, recipient: k.requester, status: moved.status, at }]
        : [];
  const event = moved.clock.length > k.clock.length ? moved.clock[moved.clock.length - 1]! : null;
  if (event && event.type !== 'submitted') notices.push({ type: 'clock_event', caseId: k.id, recipient: k.requester, event, at });
  return { ok: true, value: { ...r.value, notices } };
}

function change<A extends LifecycleAction>(
  k: CaseRecord,
  action: A,
  actor: Person,
  now: Date,
  payload: Payloads[A],
): Result<{ case: CaseRecord; audit: AuditEntry[] }, LifecycleError> {
  const assignTo = action === 'assign' ? (payload as Payloads['assign']).analyst.trim() : null;
  if (!permitted(action, actor, k, assignTo)) return { ok: false, error: { type: 'not_allowed', action } };
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(k.status)) return { ok: false, error: { type: 'wrong_status', status: k.status, allowed: rule.from } };
  const precondition = inapplicable(action, k, actor);
  if (precondition) return { ok: false, error: precondition };

  const at = now.toISOString();
  const entry = (what: string, before: unknown, after: unknown): AuditEntry => auditEntry(k.id, at, actor.key, what, before, after);
  const moved: CaseRecord = rule.to ? { ...k, status: rule.to, updatedAt: at } : k;
  const audit: AuditEntry[] = rule.to ? [entry('case.status', k.status, rule.to)] : [];

  switch (action) {
    case 'assign': {
      const { assignee } = payload as Payloads['assign'];
      const key = assignTo ?? '';
      if (key === '') return { ok: false, error: { type: 'empty_text' } };
      if (assignee === null) return { ok: false, error: { type: 'unknown_person', key } };
      if (assignee && !assignee.roles.some((r) => ASSIGNABLE.includes(r))) return { ok: false, error: { type: 'not_an_analyst', key } };
      if (k.analyst === key) return { ok: false, error: { type: 'already_assigned', analyst: key } };
      return { ok: true, value: { case: { ...k, analyst: key, updatedAt: at }, audit: [entry('case.assign', k.analyst, key)] } };
    }
    case 'mark_submitted':
    case 'record_notice':
    case 'mark_complex':
    case 'record_special':
    case 'request_supplement':
    case 'record_supplied': {
      const type = CLOCK_ACTIONS[action as keyof typeof CLOCK_ACTIONS];
      const today = shanghaiDate(now);
      const on = type === 'complex' ? today : (payload as { on: string }).on;
      const checked = checkClockEvent(k, { type, on }, today);
      if (!checked.ok) return checked;
      const event: ClockEvent = { type, on };
      audit.push(entry('case.clock', null, event));
      return { ok: true, value: { case: { ...moved, clock: [...k.clock, event], updatedAt: at }, audit } };
    }
    case 'record_outcome': {
      const text = checkText((payload as Payloads['record_outcome']).outcome);
      if (!text.ok) return text;
      audit.push(entry('case.authority_outcome', k.authorityOutcome, text.value));
      return { ok: true, value: { case: { ...moved, authorityOutcome: text.value }, audit } };
    }
    case 'mark_ready': {
      const { missing, reason } = payload as Payloads['mark_ready'];
      if (missing.length === 0) return { ok: true, value: { case: moved, audit } };
      if (reason === undefined) return { ok: false, error: { type: 'intake_incomplete', missing } };
      const text = checkText(reason);
      if (!text.ok) return text.error.type === 'empty_text' ? { ok: false, error: { type: 'needs_reason', action: 'mark_ready' } } : text;
      // Ready anyway: what was missing and why it was marked ready all the same.
      audit.push(entry('case.ready_override', missing, text.value));
      return { ok: true, value: { case: moved, audit } };
    }
    case 'withdraw': {
      const { reason, confirm } = payload as Payloads['withdraw'];
      if (confirm) {
        const pending = k.pendingWithdrawal;
        if (!pending || pending.by !== actor.key) return { ok: false, error: { type: 'no_pending_withdrawal' } };
        audit.push(entry('case.withdraw_reason', null, pending.reason));
        return { ok: true, value: { case: { ...moved, pendingWithdrawal: null }, audit } };
      }
      if (reason === undefined) return { ok: false, error: { type: 'needs_reason', action: 'withdraw' } };
      const text = checkText(reason);
      if (!text.ok) return text.error.type === 'empty_text' ? { ok: false, error: { type: 'needs_reason', action: 'withdraw' } } : text;
      // Asked for, not done: the status stays until the same person confirms.
      const request = { by: actor.key, reason: text.value, at };
      return {
        ok: true,
        value: { case: { ...k, pendingWithdrawal: request, updatedAt: at }, audit: [entry('case.withdraw_requested', k.pendingWithdrawal ?? null, request)] },
      };
    }
    case 'countersign': {
      const countersign = { by: actor.key, at };
      return { ok: true, value: { case: { ...k, countersign, updatedAt: at }, audit: [entry('case.countersign', null, countersign)] } };
    }
    case 'comment': {
      // Audit only: the case itself does not change.
      const text = checkText((payload as Payloads['comment']).text);
      if (!text.ok) return text;
      return { ok: true, value: { case: k, audit: [entry('case.comment', null, text.value)] } };
    }
    default:
      return { ok: true, value: { case: moved, audit } };
  }
}

/** Why an action cannot apply to this case whatever its payload (checked after permission and status). */
function inapplicable(action: LifecycleAction, k: CaseRecord, actor: Person): LifecycleError | null {
  if (action !== 'record_prediction' && action !== 'countersign') return null;
  if (k.triage.outcome !== 'not_required') return { type: 'not_a_prediction_record' };
  if (action === 'countersign') {
    if (k.countersign) return { type: 'already_countersigned', by: k.countersign.by, at: k.countersign.at };
    if (k.requester === actor.key) return { type: 'own_record' };
  }
  return null;
}

const lastOf = (k: CaseRecord, type: ClockEventType) => [...k.clock].reverse().find((e) => e.type === type) ?? null;

/** Whether `event` may be recorded on the case now: a real date, not after today, in order with the events before it. */
function checkClockEvent(k: CaseRecord, event: ClockEvent, today: string): Result<null, LifecycleError> {
  const { type, on } = event;
  if (!isCalendarDate(on)) return { ok: false, error: { type: 'invalid_date', value: on } };
  if (on > today)
    return {
      ok: false,
      error: type === 'submitted' ? { type: 'date_in_future', value: on, today } : { type: 'date_in_future', value: on, today, event: type },
    };
  const notAfter = (before: ClockEvent | null): Result<null, LifecycleError> =>
    before && on < before.on ? { ok: false, error: { type: 'date_before_event', value: on, event: before.type, on: before.on } } : { ok: true, value: null };
  const once = (): Result<null, LifecycleError> => {
    const done = lastOf(k, type);
    return done ? { ok: false, error: { type: 'already_recorded', event: type, on: done.on } } : { ok: true, value: null };
  };
  const needs = (what: ClockEventType): Result<ClockEvent, LifecycleError> => {
    const e = lastOf(k, what);
    return e ? { ok: true, value: e } : { ok: false, error: { type: 'needs_event', event: what } };
  };
  const supplement = lastOf(k, 'supplement');
  const supplied = lastOf(k, 'supplied');
  const open = supplement !== null && (supplied === null || k.clock.lastIndexOf(supplied) < k.clock.lastIndexOf(supplement));
  switch (type) {
    case 'submitted': {
      const created = new Date(k.createdAt);
      const opened = Number.isNaN(created.getTime()) ? null : shanghaiDate(created);
      if (opened && on < opened) return { ok: false, error: { type: 'date_before_opening', value: on, opened } };
      return once();
    }
    case 'notice': {
      const submitted = needs('submitted');
      if (!submitted.ok) return submitted;
      const dup = once();
      return dup.ok ? notAfter(submitted.value) : dup;
    }
    case 'complex':
    case 'special': {
      const notice = needs('notice');
      if (!notice.ok) return notice;
      const dup = once();
      return dup.ok ? notAfter(notice.value) : dup;
    }
    case 'supplement': {
      if (open) return { ok: false, error: { type: 'supplement_open', since: supplement.on } };
      const submitted = needs('submitted');
      if (!submitted.ok) return submitted;
      const after = notAfter(submitted.value);
      return after.ok ? notAfter(supplied) : after;
    }
    case 'supplied':
      if (!open) return { ok: false, error: { type: 'no_open_supplement' } };
      return notAfter(supplement);
  }
}

/** The same as transition, with the action and its payload as one tagged value. */
export function applyCaseAction(k: CaseRecord, action: CaseAction, actor: Person, now: Date): TransitionResult {
  const { type, ...payload } = action;
  return transition(k, type, actor, now, payload as Payloads[typeof type]);
}

/** Statuses in which a case's intake may still be edited. */
export const INTAKE_EDITABLE: readonly CaseStatus[] = ['open', 'intake', 'ready'];

/** Whether `person` may edit the intake of `k` now: the right (analyst of the case, admin) and the status. */
export const mayEditIntake = (person: Person, k: CaseRecord): boolean => INTAKE_EDITABLE.includes(k.status) && can(person, 'edit_intake', k);

/** Whether `person` may change the triage answers of `k` now (see the note at the top). */
export function mayChangeTriage(person: Person, k: CaseRecord): boolean {
  if (mayEditIntake(person, k)) return true;
  return k.status === 'open' && k.requester === person.key;
}

/** The actions this person could take on the case now, by permission and status (payload checks aside): for buttons and help. */
export function availableActions(k: CaseRecord, actor: Person): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((a) => {
    return TRANSITIONS[a].from.includes(k.status) && permitted(a, actor, k, null) && inapplicable(a, k, actor) === null;
  });
}

/** The error in the reader's language (catalogue area `cases`); `status` renders a status name. */
export function describeLifecycleError(lang: Lang, caseId: string, e: LifecycleError): string {
  const status = (s: CaseStatus) => statusLabel(lang, s);
  switch (e.type) {
    case 'not_allowed':
      return t(lang, 'cases.not_allowed', { caseId });
    case 'wrong_status':
      return t(lang, 'cases.wrong_status', { caseId, status: status(e.status), allowed: e.allowed.map(status).join(' / ') });
    case 'invalid_date':
      return t(lang, 'cases.invalid_date', { value: e.value, caseId });
    case 'date_in_future':
      return e.event
        ? t(lang, 'cases.clock_date_in_future', { value: e.value, today: e.today })
        : t(lang, 'cases.date_in_future', { value: e.value, today: e.today });
    case 'date_before_event':
      return t(lang, 'cases.clock_before_event', { value: e.value, event: t(lang, `clock.event.${e.event}`), on: e.on });
    case 'already_recorded':
      return t(lang, 'cases.clock_already_recorded', { caseId, event: t(lang, `clock.event.${e.event}`), on: e.on });
    case 'needs_event':
      return t(lang, 'cases.clock_needs_event', { caseId, event: t(lang, `clock.event.${e.event}`) });
    case 'supplement_open':
      return t(lang, 'cases.clock_supplement_open', { caseId, since: e.since });
    case 'no_open_supplement':
      return t(lang, 'cases.clock_no_open_supplement', { caseId });
    case 'date_before_opening':
      return t(lang, 'cases.date_before_opening', { value: e.value, caseId, opened: e.opened });
    case 'empty_text':
      return t(lang, 'cases.empty_text');
    case 'text_too_long':
      return t(lang, 'cases.text_too_long', { max: e.max });
    case 'unsafe_text':
      return describeTextProblem(lang, e.problem);
    case 'unknown_person':
      return t(lang, 'cases.unknown_person', { key: e.key });
    case 'not_an_analyst':
      return t(lang, 'cases.not_an_analyst', { key: e.key, caseId });
    case 'already_assigned':
      return t(lang, 'cases.already_assigned', { caseId, analyst: e.analyst });
    case 'intake_incomplete':
      return t(lang, 'cases.intake_incomplete', { caseId, n: e.missing.length, missing: e.missing.map((m) => `\n- ${m}`).join('') });
    case 'needs_reason':
      return t(lang, e.action === 'mark_ready' ? 'cases.ready_needs_reason' : 'cases.withdraw_needs_reason', { caseId });
    case 'no_pending_withdrawal':
      return t(lang, 'cases.no_pending_withdrawal', { caseId });
    case 'not_a_prediction_record':
      return t(lang, 'cases.not_a_prediction_record', { caseId });
    case 'already_countersigned':
      return t(lang, 'cases.already_countersigned', { caseId, by: e.by, at: shanghaiDate(new Date(e.at)) });
    case 'own_record':
      return t(lang, 'cases.own_record', { caseId });
  }
}
