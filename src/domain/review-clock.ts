import type { ClockEvent, ClockEventType } from './case.js';
import { addWorkingDays, workingDaysBetween, type Result, type WorkingCalendar, type WorkingDayError } from './working-days.js';

// The authority's clock as the 2022 Measures define it (domain.md §8), computed from the clock
// events recorded on the case. Periods, in order:
//
//   review_decision     Art. 9   10 wd from `submitted` (complete materials received)
//   preliminary_review  Art. 11  30 wd from `notice` (+15 after `complex`); before a notice is
//                                recorded the Art. 9 due date stands in: an outer bound
//   members_reply       Art. 12  15 wd after the preliminary review's end: always an outer bound,
//                                the draft conclusion's arrival is not an event the party sees
//   special_review      Art. 14  90 wd from `special`; before it, an outer bound after Art. 12,
//                                for the case that the members disagree
//
// Art. 15: from `supplement` to `supplied` the clock stops. The working days after the request
// up to and including the delivery day do not count, so every deadline still running then moves
// by them; while a supplement is open, the periods it stops have no date yet.
//
// The dates depend on the events and the calendar only; which period runs and the days used
// and left depend on `today` as well (clockState).

export const PERIODS = ['review_decision', 'preliminary_review', 'members_reply', 'special_review'] as const;
export type PeriodKind = (typeof PERIODS)[number];

export const PERIOD_RULES: { readonly [K in PeriodKind]: { article: number; workingDays: number } } = {
  review_decision: { article: 9, workingDays: 10 },
  preliminary_review: { article: 11, workingDays: 30 },
  members_reply: { article: 12, workingDays: 15 },
  special_review: { article: 14, workingDays: 90 },
};
/** Art. 11: the preliminary review of a complex case takes 15 working days more. */
export const COMPLEX_EXTRA = 15;

/** A period's dates. `start`/`due` null: not known while a supplement is open. */
export type ClockPeriod = {
  kind: PeriodKind;
  article: number;
  workingDays: number; // incl. the +15 of a complex case
  start: string | null;
  /** The start is a recorded event (else a stand-in: the end of the period before). */
  startRecorded: boolean;
  due: string | null;
  /** The due date is the latest the period can end, not its end (its start was not recorded, or Art. 12). */
  outerBound: boolean;
  provisional: boolean;
  /** Working days the Art. 15 pauses added to this period. */
  pausedDays: number;
  /** A later recorded event shows the period is over (the notice ends Art. 9; the special review ends Arts. 11 and 12). */
  done: boolean;
};

export type Pause = { from: string; until: string | null };

export type ReviewClock = { periods: ClockPeriod[]; pauses: Pause[]; complex: boolean };

const first = (events: readonly ClockEvent[], type: ClockEventType) => events.find((e) => e.type === type)?.on ?? null;

/** The Art. 15 pauses, in order: each `supplement` with the `supplied` after it (until null: still open). */
export function pausesOf(events: readonly ClockEvent[]): Pause[] {
  const out: Pause[] = [];
  for (const e of events) {
    if (e.type === 'supplement') out.push({ from: e.on, until: null });
    else if (e.type === 'supplied' && out.length && out[out.length - 1]!.until === null) out[out.length - 1]!.until = e.on;
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The later of two YYYY-MM-DD dates. */
const later = (a: string, b: string) => (a > b ? a : b);

type Count = { due: string | null; provisional: boolean; pausedDays: number; left: number };

/** `n` working days from `from`, the days of the pauses not counted; due null when an open pause stops the count. */
function countWithPauses(cal: WorkingCalendar, from: string, n: number, pauses: readonly Pause[]): Result<Count, WorkingDayError> {
  let cursor = from;
  let left = n;
  let pausedDays = 0;
  for (const p of pauses) {
    if (p.until !== null && p.until <= cursor) continue; // over before the count starts
    const tentative = addWorkingDays(cal, cursor, left);
    if (!tentative.ok) return tentative;
    if (p.from >= tentative.value.date) break; // asked for on or after the due day: nothing moves
    if (p.from > cursor) {
      const used = workingDaysBetween(cal, cursor, p.from);
      if (!used.ok) return used;
      left -= used.value.days;
    }
    if (p.until === null) return { ok: true, value: { due: null, provisional: false, pausedDays, left } };
    const paused = workingDaysBetween(cal, later(p.from, cursor), p.until);
    if (!paused.ok) return paused;
    pausedDays += paused.value.days;
    cursor = p.until;
  }
  const due = addWorkingDays(cal, cursor, left);
  if (!due.ok) return due;
  const span = workingDaysBetween(cal, from, due.value.date);
  if (!span.ok) return span;
  return { ok: true, value: { due: due.value.date, provisional: span.value.provisional, pausedDays, left } };
}

/** The periods of the clock; none before the materials are submitted. Errors are malformed event dates. */
export function reviewClock(cal: WorkingCalendar, events: readonly ClockEvent[]): Result<ReviewClock, WorkingDayError> {
  const submitted = first(events, 'submitted');
  const pauses = pausesOf(events);
  const complex = events.some((e) => e.type === 'complex');
  if (submitted === null) return { ok: true, value: { periods: [], pauses, complex } };
  const notice = first(events, 'notice');
  const special = first(events, 'special');
  const periods: ClockPeriod[] = [];

  /** `endedBy`: the date of the event that ended the period (its date no longer moves with later pauses), or null. */
  const period = (
    kind: PeriodKind,
    start: string | null,
    startRecorded: boolean,
    outerBound: boolean,
    endedBy: string | null,
  ): Result<ClockPeriod, WorkingDayError> => {
    const rule = PERIOD_RULES[kind];
    const workingDays = rule.workingDays + (kind === 'preliminary_review' && complex ? COMPLEX_EXTRA : 0);
    const base = { kind, article: rule.article, workingDays, start, startRecorded, outerBound, done: endedBy !== null };
    if (start === null) return { ok: true, value: { ...base, due: null, provisional: false, pausedDays: 0 } };
    const c = countWithPauses(cal, start, workingDays, endedBy === null ? pauses : pauses.filter((p) => p.from < endedBy));
    if (!c.ok) return c;
    return { ok: true, value: { ...base, due: c.value.due, provisional: c.value.provisional, pausedDays: c.value.pausedDays } };
  };
  const push = (r: Result<ClockPeriod, WorkingDayError>): Result<ClockPeriod, WorkingDayError> => {
    if (r.ok) periods.push(r.value);
    return r;
  };

  const decision = push(period('review_decision', submitted, true, false, notice ?? special));
  if (!decision.ok) return decision;
  const preliminary = push(period('preliminary_review', notice ?? decision.value.due, notice !== null, notice === null, special));
  if (!preliminary.ok) return preliminary;
  const reply = push(period('members_reply', preliminary.value.due, false, true, special));
  if (!reply.ok) return reply;
  const specialReview = push(period('special_review', special ?? reply.value.due, special !== null, special === null, null));
  if (!specialReview.ok) return specialReview;
  return { ok: true, value: { periods, pauses, complex } };
}

/**
 * What a period is doing on `today`:
 *   done       a later event ended it
 *   upcoming   it has not started (or waits for the notice / the preliminary review before it)
 *   running    started, due date not passed
 *   paused     started, and a supplement stops its clock
 *   overdue    its exact due date passed and the event that ends it is not recorded (Arts. 9, 14)
 *   ended      its due date passed, and the next period runs (Arts. 11, 12)
 *   if_started the special review, while no special review is recorded
 */
export type PeriodState = 'done' | 'upcoming' | 'running' | 'paused' | 'overdue' | 'ended' | 'if_started';

/** A period with its state on a day: `used`/`left` are working days, for running, paused and overdue periods (left < 0: overdue by -left). */
export type PeriodOnDay = ClockPeriod & { state: PeriodState; used: number | null; left: number | null };

export type ClockOnDay = { periods: PeriodOnDay[]; current: PeriodOnDay | null; pausedSince: string | null };

export function clockOnDay(cal: WorkingCalendar, clock: ReviewClock, today: string): Result<ClockOnDay, WorkingDayError> {
  const open = clock.pauses.find((p) => p.until === null) ?? null;
  const out: PeriodOnDay[] = [];
  let before: PeriodState | null = null;
  for (const p of clock.periods) {
    let state: PeriodState;
    let used: number | null = null;
    let left: number | null = null;
    if (p.done) state = 'done';
    else if (p.kind === 'special_review' && !p.startRecorded) state = 'if_started';
    else if (before === 'upcoming' || (p.kind === 'preliminary_review' && !p.startRecorded) || p.start === null || p.start > today) state = 'upcoming';
    else if (p.due === null) {
      state = 'paused';
      // Working days used from the start to the request; the pauses before it do not count.
      const counted: Result<number, WorkingDayError> = open!.from > p.start ? countedDays(cal, p.start, open!.from, clock.pauses) : { ok: true, value: 0 };
      if (!counted.ok) return counted;
      used = counted.value;
      left = p.workingDays - used;
    } else {
      const l = workingDaysBetween(cal, today, p.due);
      if (!l.ok) return l;
      left = l.value.days;
      used = p.workingDays - left;
      state = today <= p.due ? 'running' : p.kind === 'review_decision' || p.kind === 'special_review' ? 'overdue' : 'ended';
      if (state === 'ended') {
        used = null;
        left = null;
      }
    }
    out.push({ ...p, state, used, left });
    before = state === 'done' ? before : state;
  }
  const current = out.find((p) => p.state === 'running' || p.state === 'paused' || p.state === 'overdue') ?? null;
  return { ok: true, value: { periods: out, current, pausedSince: open?.from ?? null } };
}

/** Working days after `from` up to and including `to`, less the days of closed pauses in between. */
function countedDays(cal: WorkingCalendar, from: string, to: string, pauses: readonly Pause[]): Result<number, WorkingDayError> {
  const all = workingDaysBetween(cal, from, to);
  if (!all.ok) return all;
  let n = all.value.days;
  for (const p of pauses) {
    if (p.until === null || p.until <= from || p.from >= to) continue;
    const lo = later(p.from, from);
    const hi = p.until < to ? p.until : to;
    const d = workingDaysBetween(cal, lo, hi);
    if (!d.ok) return d;
    n -= d.value.days;
  }
  return { ok: true, value: n };
}
