import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { AnnouncedDeadline, CaseRecord, CaseStatus } from './case.js';
import { chineseNumeral } from './numerals.js';
import { clockOnDay, PERIODS, reviewClock, type PeriodKind, type PeriodState } from './review-clock.js';
import {
  addWorkingDays,
  isWorkingDay,
  MAX_WORKING_DAYS,
  shanghaiDate,
  workingDaysBetween,
  type Result,
  type WorkingCalendar,
  type WorkingDayError,
} from './working-days.js';

// A case's deadlines in Chinese working days:
//
//   intake_target       internal: the intake is complete N working days after the case was opened
//   review_decision …   the authority's clock, Arts. 9–15 (review-clock.ts)
//
// Every date carries `provisional` (it rests on days no official calendar settles yet,
// working-days.ts) and `outerBound` (the latest date, not the date: its start was not recorded).

export const DEADLINE_KINDS = ['intake_target', ...PERIODS] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Everything that derives deadlines: the calendar and the internal intake target. Built once at
 * start (app.ts) and passed to whoever needs it; the domain itself holds no calendar.
 */
export type DeadlineSettings = { calendar: WorkingCalendar; intakeTargetWorkingDays: number };

/** `due` is a working day, YYYY-MM-DD; `basis` is the rule it comes from, a citation in English. */
export type Deadline = { kind: DeadlineKind; due: string; basis: string; provisional: boolean; outerBound: boolean };

const MEASURES = 'Cybersecurity Review Measures (2022)';
const basisOf = (kind: PeriodKind, article: number, complex: boolean, pausedDays: number) =>
  `${MEASURES} Art. ${article}${kind === 'preliminary_review' && complex ? ' (+15, complex)' : ''}${pausedDays ? ` (+${pausedDays} paused, Art. 15)` : ''}`;
const intakeBasis = (n: number) => `internal target: intake complete ${n} working days after the case was opened`;

/** A deadline that applies but has no date while a supplement is open (Art. 15). */
export type UndatedDeadline = { kind: DeadlineKind; basis: string; pausedSince: string };

export type CaseDeadlines = { deadlines: Deadline[]; undated: UndatedDeadline[] };

/** Which deadlines run in which status: none before the case is worked on, none once the authority decided. */
const RUNNING: Record<CaseStatus, 'intake' | 'clock' | null> = {
  open: 'intake',
  intake: 'intake',
  ready: null, // the intake is complete: the internal target is met; the authority's clock starts at submission
  submitted: 'clock',
  decided: null,
  closed: null,
  withdrawn: null,
};

/** One line of a case's clock on a day: the deadline, and what it is doing. */
export type DeadlineOnDay = {
  kind: DeadlineKind;
  due: string | null;
  basis: string;
  provisional: boolean;
  outerBound: boolean;
  state: PeriodState;
  /** Working days used and left, where a period runs (left < 0: overdue by -left). */
  used: number | null;
  left: number | null;
  workingDays: number;
  /** What the basis says, for rendering it in the reader's language (describeBasis): the article (null: the internal target), +15 and paused days. */
  article: number | null;
  complex: boolean;
  pausedDays: number;
};

export type CaseClock = { items: DeadlineOnDay[]; current: DeadlineKind | null; pausedSince: string | null };

/**
 * Every deadline of the case with its state on `today` (YYYY-MM-DD, Asia/Shanghai). A malformed
 * date on the case (createdAt, an event) is an error, never a guess.
 */
export function caseClock(k: CaseRecord, settings: DeadlineSettings, today: string): Result<CaseClock, WorkingDayError> {
  const cal = settings.calendar;
  const running = RUNNING[k.status];
  if (running === 'intake') {
    const due = intakeDue(k, settings);
    if (!due.ok) return due;
    const left = workingDaysBetween(cal, today, due.value.due);
    if (!left.ok) return left;
    const n = settings.intakeTargetWorkingDays;
    const state: PeriodState = today <= due.value.due ? 'running' : 'overdue';
    const item: DeadlineOnDay = {
      ...due.value,
      state,
      used: n - left.value.days,
      left: left.value.days,
      workingDays: n,
      article: null,
      complex: false,
      pausedDays: 0,
    };
    return { ok: true, value: { items: [item], current: 'intake_target', pausedSince: null } };
  }
  if (running === null) return { ok: true, value: { items: [], current: null, pausedSince: null } };
  const clock = reviewClock(cal, k.clock);
  if (!clock.ok) return clock;
  if (clock.value.periods.length === 0) return { ok: false, error: { type: 'invalid_date', value: 'null' } }; // submitted without a submission date
  const on = clockOnDay(cal, clock.value, today);
  if (!on.ok) return on;
  const items = on.value.periods.map(
    (p): DeadlineOnDay => ({
      kind: p.kind,
      due: p.due,
      basis: basisOf(p.kind, p.article, clock.value.complex, p.pausedDays),
      provisional: p.provisional,
      outerBound: p.outerBound,
      state: p.state,
      used: p.used,
      left: p.left,
      workingDays: p.workingDays,
      article: p.article,
      complex: p.kind === 'preliminary_review' && clock.value.complex,
      pausedDays: p.pausedDays,
    }),
  );
  return { ok: true, value: { items, current: on.value.current?.kind ?? null, pausedSince: on.value.pausedSince } };
}

function intakeDue(k: CaseRecord, settings: DeadlineSettings): Result<Deadline, WorkingDayError> {
  const opened = new Date(k.createdAt);
  if (Number.isNaN(opened.getTime())) return { ok: false, error: { type: 'invalid_date', value: k.createdAt } };
  const n = settings.intakeTargetWorkingDays;
  const r = addWorkingDays(settings.calendar, shanghaiDate(opened), n);
  if (!r.ok) return r;
  return { ok: true, value: { kind: 'intake_target', due: r.value.date, basis: intakeBasis(n), provisional: r.value.provisional, outerBound: false } };
}

/**
 * The deadlines running for the case, dated (provisionally where the calendar is not official
 * yet), and the ones a supplement leaves without a date. A period another event has ended is
 * not a deadline any more. Unlike caseClock, nothing here depends on the day it is asked.
 */
export function deriveDeadlines(k: CaseRecord, settings: DeadlineSettings): Result<CaseDeadlines, WorkingDayError> {
  const running = RUNNING[k.status];
  if (running === null) return { ok: true, value: { deadlines: [], undated: [] } };
  if (running === 'intake') {
    const due = intakeDue(k, settings);
    return due.ok ? { ok: true, value: { deadlines: [due.value], undated: [] } } : due;
  }
  const clock = reviewClock(settings.calendar, k.clock);
  if (!clock.ok) return clock;
  if (clock.value.periods.length === 0) return { ok: false, error: { type: 'invalid_date', value: 'null' } };
  const open = clock.value.pauses.find((p) => p.until === null);
  const out: CaseDeadlines = { deadlines: [], undated: [] };
  for (const p of clock.value.periods) {
    if (p.done) continue;
    const basis = basisOf(p.kind, p.article, clock.value.complex, p.pausedDays);
    if (p.due === null) out.undated.push({ kind: p.kind, basis, pausedSince: open?.from ?? '' });
    else out.deadlines.push({ kind: p.kind, due: p.due, basis, provisional: p.provisional, outerBound: p.outerBound });
  }
  return { ok: true, value: out };
}

/** The dated deadlines running for the case (see deriveDeadlines for the ones a supplement leaves undated). */
export function caseDeadlines(k: CaseRecord, settings: DeadlineSettings): Result<Deadline[], WorkingDayError> {
  const r = deriveDeadlines(k, settings);
  return r.ok ? { ok: true, value: r.value.deadlines } : r;
}

// --- announced deadlines: telling people when a date moves --------------------------------

/** What the people concerned were told: kept on the case (announcedDeadlines). */
export const announcementOf = (deadlines: readonly Deadline[]): AnnouncedDeadline[] =>
  deadlines.map(({ kind, due, provisional }) => ({ kind, due, provisional }));

export const sameAnnouncement = (a: readonly AnnouncedDeadline[], b: readonly AnnouncedDeadline[]): boolean =>
  a.length === b.length && a.every((x, i) => x.kind === b[i]!.kind && x.due === b[i]!.due && x.provisional === b[i]!.provisional);

export type MovedDeadline = { kind: DeadlineKind; from: string; to: string; wasProvisional: boolean; provisional: boolean };

/**
 * The deadlines whose date differs from the one announced (a calendar arrived, the settings
 * changed). A deadline that appeared or ended is not a move: the event behind it has its own notice.
 */
export function movedDeadlines(announced: readonly AnnouncedDeadline[], now: readonly Deadline[]): MovedDeadline[] {
  return now.flatMap((d) => {
    const before = announced.find((a) => a.kind === d.kind);
    return before && before.due !== d.due
      ? [{ kind: d.kind, from: before.due, to: d.due, wasProvisional: before.provisional, provisional: d.provisional }]
      : [];
  });
}

// --- reminders ---------------------------------------------------------------------------

export type DueWhen = 'T-3' | 'T-1' | 'today' | 'overdue';
/**
 * `overdueBy`: working days past the due date (0 unless `when` is 'overdue'). `day`: the day of the
 * reminder this notice stands for (YYYY-MM-DD): today for T-3, T-1 and the due date; for an overdue
 * deadline always its first overdue working day, so an overdue deadline is one reminder, however
 * many days it stays overdue (the weekly digest keeps it in view after that, digest.ts).
 */
export type DueNotice = { deadline: Deadline; when: DueWhen; overdueBy: number; day: string };

/** Reminders start this many working days before a deadline (the T-3 notice). */
export const REMINDER_WINDOW = 3;

/**
 * The deadlines to remind about on `today` (YYYY-MM-DD, Asia/Shanghai): three and one working
 * days before (today is the 3rd / 1st working day before the due date), on the due date, and on
 * every working day after it, with how many working days overdue (all overdue days stand for one
 * reminder, see `day`). Reminders go out on working days only: on a weekend or holiday only a
 * deadline due that very day is listed. An outer bound that passes is not overdue (the period
 * before it simply ended sooner), so it is not reminded of afterwards.
 */
export function dueSoon(cal: WorkingCalendar, deadlines: readonly Deadline[], today: string): Result<DueNotice[], WorkingDayError> {
  const working = isWorkingDay(cal, today);
  if (!working.ok) return working;
  const out: DueNotice[] = [];
  for (const d of deadlines) {
    if (d.due === today) {
      out.push({ deadline: d, when: 'today', overdueBy: 0, day: today });
      continue;
    }
    if (!working.value.working) continue;
    const left = workingDaysBetween(cal, today, d.due);
    if (!left.ok) return left;
    if (left.value.days === REMINDER_WINDOW) out.push({ deadline: d, when: 'T-3', overdueBy: 0, day: today });
    else if (left.value.days === 1) out.push({ deadline: d, when: 'T-1', overdueBy: 0, day: today });
    else if (d.due < today && !d.outerBound) {
      const first = addWorkingDays(cal, d.due, 1);
      if (!first.ok) return first;
      out.push({ deadline: d, when: 'overdue', overdueBy: -left.value.days, day: first.value.date });
    }
  }
  return { ok: true, value: out };
}

// --- text ----------------------------------------------------------------------------------

/** A working-day error for chat users, in their language (the CLI and log use describeWorkingDayError). */
export function describeWorkingDayErrorIn(lang: Lang, e: WorkingDayError): string {
  switch (e.type) {
    case 'invalid_date':
      return t(lang, 'deadline.error.invalid_date', { value: e.value });
    case 'invalid_count':
      return t(lang, 'deadline.error.invalid_count', { max: MAX_WORKING_DAYS });
    case 'out_of_range':
      return t(lang, 'deadline.error.out_of_range', { value: e.value, first: e.first, last: e.last });
  }
}

/** A deadline's basis in the reader's language, cited as triage reasons are: "《网络安全审查办法》第十一条（情况复杂，延长15个工作日）". */
export function describeBasis(lang: Lang, d: Pick<DeadlineOnDay, 'article' | 'complex' | 'pausedDays' | 'workingDays'>): string {
  if (d.article === null) return t(lang, 'clock.basis.intake', { n: d.workingDays });
  const article = t(lang, 'cite.article', { n: d.article, cn: chineseNumeral(d.article) });
  const extra = [d.complex ? t(lang, 'clock.basis.complex') : '', d.pausedDays ? t(lang, 'clock.basis.paused', { n: d.pausedDays }) : ''].join('');
  return `${t(lang, 'cite.measures_2022', { articles: article })}${extra}`;
}

/** What an outer bound's bracket says: "outer bound" / 上限, with provisional in the same bracket (暂定，上限). */
export const boundNote = (lang: Lang, provisional: boolean): string => t(lang, provisional ? 'clock.bound_note_provisional' : 'clock.bound_note');

/**
 * "2027-01-13 (provisional)" / "by 2026-06-09 at the latest (outer bound)" — how a date is shown
 * wherever it appears. A provisional outer bound says both in one bracket (最迟 …（暂定，上限）).
 */
export function describeDue(lang: Lang, d: { due: string | null; provisional: boolean; outerBound: boolean }): string {
  if (d.due === null) return t(lang, 'clock.no_date');
  if (d.outerBound) return t(lang, 'clock.outer_bound', { date: d.due, note: boundNote(lang, d.provisional) });
  return d.provisional ? t(lang, 'clock.provisional_date', { date: d.due }) : d.due;
}

/** A deadline kind's short name with its article, as in the pack ("Preliminary review (Art. 11)"). */
export const deadlineShortLabel = (lang: Lang, kind: DeadlineKind): string => t(lang, `pack.deadline.${kind}`);

/** The case's clock in words: which period runs (header), each deadline's date and state, and the notes under them. */
export type ClockWords = {
  header: string[];
  items: { kind: DeadlineKind; label: string; due: string; state: string }[];
  notes: string[];
};

export function caseClockWords(lang: Lang, c: CaseClock): ClockWords {
  if (c.items.length === 0) return { header: [], items: [], notes: [] };
  const authority = c.items.some((d) => d.kind !== 'intake_target');
  const current = c.current ? deadlineShortLabel(lang, c.current) : '';
  const header = !authority
    ? []
    : c.pausedSince
      ? [t(lang, 'clock.header_paused', { current, since: c.pausedSince })]
      : [c.current ? t(lang, 'clock.header', { current }) : t(lang, 'clock.header_none')];
  const items = c.items.map((d) => ({
    kind: d.kind,
    label: deadlineShortLabel(lang, d.kind),
    due: describeDue(lang, d),
    state: t(lang, `clock.state.${d.state}`, { used: d.used ?? 0, left: d.left ?? 0, over: -(d.left ?? 0), total: d.workingDays }),
  }));
  const notes = c.items.some((d) => d.provisional) ? [t(lang, 'clock.provisional_note')] : [];
  return { header, items, notes };
}

/** One line per deadline of the case's clock, after a header saying which period runs (case view, chat). */
export function describeCaseClock(lang: Lang, c: CaseClock): string[] {
  const w = caseClockWords(lang, c);
  return [...w.header, ...w.items.map((d) => t(lang, 'clock.line', { kind: d.label, due: d.due, state: d.state })), ...w.notes];
}

/**
 * The last day the review's normal path (Arts. 9, 11, 12: 10 + 30 + 15 working days) could run to
 * if complete materials reached the Office on `from`: a purchase or listing planned before it may
 * come before the review is done. null when the calendar cannot count it.
 */
export function reviewNormalEnd(settings: DeadlineSettings, from: string): string | null {
  const c = reviewClock(settings.calendar, [{ type: 'submitted', on: from }]);
  return c.ok ? (c.value.periods.find((p) => p.kind === 'members_reply')?.due ?? null) : null;
}
