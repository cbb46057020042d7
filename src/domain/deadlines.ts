import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { CaseRecord, CaseStatus } from './case.js';
import {
  addWorkingDays, isWorkingDay, MAX_WORKING_DAYS, shanghaiDate, workingDaysBetween, type Result, type WorkingDayError,
} from './working-days.js';

// A case's deadlines in Chinese working days (domain.md §2, timeline of the 2022 Measures):
//
//   intake_target       internal: the intake is complete N working days after the case was opened
//   review_decision     Art. 9:  the Office decides in writing whether a review is needed, 10 working
//                                days after the materials are complete (`submittedOn`)
//   preliminary_review  Art. 11: 30 working days from the Office's notice, +15 when complex
//   special_review      Art. 14: normally 90 working days; shown as the normal outer bound if the
//                                preliminary review ends in a special review
//
// Time the parties spend supplying materials is not counted (Art. 15); we do not record it yet,
// so the dates are the legal ones from the recorded dates.

export const DEADLINE_KINDS = ['intake_target', 'review_decision', 'preliminary_review', 'special_review'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** `due` is a working day, YYYY-MM-DD; `basis` is the rule it comes from, a citation in English. */
export type Deadline = { kind: DeadlineKind; due: string; basis: string };

export type DeadlineConfig = { intakeTargetWorkingDays: number };
export const DEFAULT_DEADLINE_CONFIG: DeadlineConfig = { intakeTargetWorkingDays: 5 };

const MEASURES = 'Cybersecurity Review Measures (2022)';
export const DEADLINE_RULES = {
  review_decision: { workingDays: 10, basis: `${MEASURES} Art. 9` },
  preliminary_review: { workingDays: 30, complexExtra: 15, basis: `${MEASURES} Art. 11` },
  special_review: { workingDays: 90, basis: `${MEASURES} Art. 14` },
} as const;

/** A deadline that applies but cannot be dated: it falls where the holiday calendar is not published yet. */
export type UndatedDeadline = { kind: DeadlineKind; basis: string; error: WorkingDayError };

export type CaseDeadlines = { deadlines: Deadline[]; undated: UndatedDeadline[] };

/** Which deadlines run in which status: none before the case is worked on, none once the authority decided. */
const RUNNING: Record<CaseStatus, readonly DeadlineKind[]> = {
  open: ['intake_target'],
  intake: ['intake_target'],
  ready: [], // the intake is complete: the internal target is met; the authority's clock starts at submission
  submitted: ['review_decision', 'preliminary_review', 'special_review'],
  decided: [],
  closed: [],
  withdrawn: [],
};

/**
 * Every deadline running for the case, dated where the calendar allows. A deadline that falls in
 * a year whose holiday notice is not in the calendar yet is listed in `undated` (never guessed),
 * and the ones after it too; the ones before it keep their dates. A malformed date on the case
 * (createdAt, submittedOn) is an error.
 */
export function deriveDeadlines(k: CaseRecord, config: DeadlineConfig = DEFAULT_DEADLINE_CONFIG): Result<CaseDeadlines, WorkingDayError> {
  const running = RUNNING[k.status];
  const out: CaseDeadlines = { deadlines: [], undated: [] };
  if (running.length === 0) return { ok: true, value: out };

  // Date `kind` as `n` working days after `from`; null `from` means an earlier deadline was undated.
  const step = (kind: DeadlineKind, from: string | null, n: number, basis: string): Result<string | null, WorkingDayError> => {
    if (from === null) {
      out.undated.push({ kind, basis, error: out.undated[0]!.error });
      return { ok: true, value: null };
    }
    const r = addWorkingDays(from, n);
    if (r.ok) {
      out.deadlines.push({ kind, due: r.value, basis });
      return r;
    }
    if (r.error.type !== 'unsupported_year') return r;
    out.undated.push({ kind, basis, error: r.error });
    return { ok: true, value: null };
  };

  if (running.includes('intake_target')) {
    const opened = new Date(k.createdAt);
    if (Number.isNaN(opened.getTime())) return { ok: false, error: { type: 'invalid_date', value: k.createdAt } };
    const n = config.intakeTargetWorkingDays;
    const r = step('intake_target', shanghaiDate(opened), n, `internal target: intake complete ${n} working days after the case was opened`);
    if (!r.ok) return r;
  }

  if (running.includes('review_decision')) {
    if (k.submittedOn === null) return { ok: false, error: { type: 'invalid_date', value: 'null' } };
    const decision = step('review_decision', k.submittedOn, DEADLINE_RULES.review_decision.workingDays, DEADLINE_RULES.review_decision.basis);
    if (!decision.ok) return decision;
    // Art. 11 counts from the Office's written notice that a review is needed. We do not record
    // the notice date yet, so we count from the day the decision is due (the latest the notice
    // can come on time); the real date is at most this one.
    const p = DEADLINE_RULES.preliminary_review;
    const preliminary = step('preliminary_review', decision.value, k.complex ? p.workingDays + p.complexExtra : p.workingDays,
      k.complex ? `${p.basis} (+${p.complexExtra}, complex)` : p.basis);
    if (!preliminary.ok) return preliminary;
    // The normal outer bound when the preliminary review ends in the special review procedure.
    // Art. 12 gives the members up to 15 working days to reply to the draft conclusion before a
    // disagreement is known; that wait is not added here.
    const s = DEADLINE_RULES.special_review;
    const special = step('special_review', preliminary.value, s.workingDays, s.basis);
    if (!special.ok) return special;
  }
  return { ok: true, value: out };
}

/** The dated deadlines running for the case (see deriveDeadlines for the ones the calendar cannot date yet). */
export function caseDeadlines(k: CaseRecord, config: DeadlineConfig = DEFAULT_DEADLINE_CONFIG): Result<Deadline[], WorkingDayError> {
  const r = deriveDeadlines(k, config);
  return r.ok ? { ok: true, value: r.value.deadlines } : r;
}

export type DueWhen = 'T-3' | 'T-1' | 'today' | 'overdue';
/** `overdueBy`: working days past the due date (0 unless `when` is 'overdue'). */
export type DueNotice = { deadline: Deadline; when: DueWhen; overdueBy: number };

/**
 * The deadlines to remind about on `today` (YYYY-MM-DD, Asia/Shanghai): three and one working
 * days before (today is the 3rd / 1st working day before the due date), on the due date, and on
 * every working day after it, with how many working days overdue. Reminders go out on working
 * days only: on a weekend or holiday only a deadline due that very day is listed.
 */
export function dueSoon(deadlines: readonly Deadline[], today: string): Result<DueNotice[], WorkingDayError> {
  const working = isWorkingDay(today);
  if (!working.ok) return working;
  const out: DueNotice[] = [];
  for (const d of deadlines) {
    if (d.due === today) {
      out.push({ deadline: d, when: 'today', overdueBy: 0 });
      continue;
    }
    if (!working.value) continue;
    const left = workingDaysBetween(today, d.due);
    if (!left.ok) return left;
    if (left.value === 3) out.push({ deadline: d, when: 'T-3', overdueBy: 0 });
    else if (left.value === 1) out.push({ deadline: d, when: 'T-1', overdueBy: 0 });
    else if (d.due < today) out.push({ deadline: d, when: 'overdue', overdueBy: -left.value });
  }
  return { ok: true, value: out };
}

/** A deadline kind's name in the reader's language. */
export const deadlineLabel = (lang: Lang, kind: DeadlineKind): string => t(lang, `deadline.${kind}`);

/** A working-day error for chat users, in their language (the CLI and log use describeWorkingDayError). */
export function describeWorkingDayErrorIn(lang: Lang, e: WorkingDayError): string {
  switch (e.type) {
    case 'invalid_date': return t(lang, 'deadline.error.invalid_date', { value: e.value });
    case 'invalid_count': return t(lang, 'deadline.error.invalid_count', { max: MAX_WORKING_DAYS });
    case 'unsupported_year': return t(lang, 'deadline.error.unsupported_year', { year: e.year });
  }
}

/** "Preliminary review complete: no date yet; the official holiday calendar for 2027 ..." */
export function describeUndated(lang: Lang, u: UndatedDeadline): string {
  if (u.error.type !== 'unsupported_year') return `${deadlineLabel(lang, u.kind)}: ${describeWorkingDayErrorIn(lang, u.error)}`;
  return t(lang, 'deadline.undated', { kind: deadlineLabel(lang, u.kind), year: u.error.year });
}
