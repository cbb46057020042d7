import type { CaseRecord } from './case.js';
import type { Deadline } from './deadlines.js';
import { pausesOf } from './review-clock.js';
import { formatDay, isWorkingDay, parseDate, weekdayOf, workingDaysBetween, type Result, type WorkingCalendar, type WorkingDayError } from './working-days.js';

// The weekly digest: once a week, on the first working day of the week (Monday, unless a holiday
// moves it), each team lead gets their team's active cases that are overdue or due this week, and
// for each whom it is waiting on. A case with no team lead goes into its requester's digest
// instead. After its one overdue reminder (deadlines.ts, dueSoon), an overdue deadline lives here.
// Weeks run Monday to Sunday (a makeup Sunday belongs to the week before the Monday after it).

/** Whom a case is waiting on now. */
export type WaitingOn =
  /** No analyst yet: the team lead (or an analyst) assigns one. */
  | { type: 'assignment' }
  /** Open, in intake or ready: the analyst completes the intake and submits it. */
  | { type: 'analyst'; analyst: string }
  /** Submitted, and the Office asked for supplementary materials (Art. 15): the analyst, with the requester, delivers them. */
  | { type: 'supplement'; since: string; analyst: string | null }
  /** Submitted: the Office's move. */
  | { type: 'office' };

export function waitingOn(k: CaseRecord): WaitingOn {
  if (k.status === 'submitted') {
    const open = pausesOf(k.clock).find((p) => p.until === null);
    return open ? { type: 'supplement', since: open.from, analyst: k.analyst } : { type: 'office' };
  }
  return k.analyst ? { type: 'analyst', analyst: k.analyst } : { type: 'assignment' };
}

/** Who gets a case in their digest, and why: its team lead, or, with none, its requester. */
export const digestRecipient = (k: CaseRecord): { recipient: string; scope: 'team' | 'requested' } =>
  k.teamLead ? { recipient: k.teamLead, scope: 'team' } : { recipient: k.requester, scope: 'requested' };

/** The Monday of the week `date` (YYYY-MM-DD) is in; null when it is not a date. */
export function weekOf(date: string): string | null {
  const d = parseDate(date);
  if (!d) return null;
  return formatDay(d.day - ((weekdayOf(d.day) + 6) % 7));
}

/** Whether `today` is the first working day of its week: the digest's day. */
export function isDigestDay(cal: WorkingCalendar, today: string): Result<boolean, WorkingDayError> {
  const monday = weekOf(today);
  if (monday === null) return { ok: false, error: { type: 'invalid_date', value: today } };
  const start = parseDate(monday)!.day;
  for (let day = start; day <= start + 6; day++) {
    const date = formatDay(day);
    const w = isWorkingDay(cal, date);
    if (!w.ok) return w;
    if (w.value.working) return { ok: true, value: date === today };
  }
  return { ok: true, value: false }; // a week without a working day has no digest
}

/** One deadline in a digest. `overdueBy`: working days past the due date (0 when due this week). */
export type DigestItem = {
  caseId: string;
  kind: Deadline['kind'];
  due: string;
  provisional: boolean;
  outerBound: boolean;
  overdueBy: number;
  waiting: WaitingOn;
};

/**
 * A case's deadlines for the digest of the week of `today`: those overdue (an outer bound that
 * passed is not overdue), and those due from today to Sunday.
 */
export function digestItems(
  cal: WorkingCalendar,
  k: CaseRecord,
  deadlines: readonly Deadline[],
  today: string,
): Result<{ overdue: DigestItem[]; dueThisWeek: DigestItem[] }, WorkingDayError> {
  const monday = weekOf(today);
  if (monday === null) return { ok: false, error: { type: 'invalid_date', value: today } };
  const sunday = formatDay(parseDate(monday)!.day + 6);
  const waiting = waitingOn(k);
  const out = { overdue: [] as DigestItem[], dueThisWeek: [] as DigestItem[] };
  for (const d of deadlines) {
    const item = { caseId: k.id, kind: d.kind, due: d.due, provisional: d.provisional, outerBound: d.outerBound, waiting };
    if (d.due < today) {
      if (d.outerBound) continue;
      const over = workingDaysBetween(cal, d.due, today);
      if (!over.ok) return over;
      out.overdue.push({ ...item, overdueBy: over.value.days });
    } else if (d.due <= sunday) {
      out.dueThisWeek.push({ ...item, overdueBy: 0 });
    }
  }
  return { ok: true, value: out };
}
