import type { CaseRecord } from './case.js';
import { addWorkingDays, shanghaiDate, workingDaysBetween, type Result, type WorkingDayError } from './working-days.js';

export type DeadlineKind = 'intake_target' | 'review_decision' | 'preliminary_review' | 'special_review';
export type Deadline = { kind: DeadlineKind; due: string; basis: string };
export type DeadlineConfig = { intakeTargetWorkingDays: number };

const M = 'Cybersecurity Review Measures (2022)';

/**
 * The deadlines that apply to a case in its current status, in Chinese working days:
 * intake target N after opening; the Office's decision 10 after complete materials (Art. 9);
 * preliminary review 30 (+15 when complex) (Art. 11); special review 90 (Art. 14).
 * The notice date of the preliminary review is not recorded, so it is counted from the
 * decision due date: the latest the Office can start it.
 */
export function caseDeadlines(k: CaseRecord, config: DeadlineConfig): Result<Deadline[]> {
  if (k.status === 'closed' || k.status === 'withdrawn' || k.status === 'decided') return { ok: true, value: [] };
  const out: Deadline[] = [];
  // A deadline past the last year with an official calendar is left out (never guessed); the
  // ones before it still count, so a case opened in December keeps its near deadlines.
  const add = (kind: DeadlineKind, r: Result<string>, basis: string): string | null => {
    if (!r.ok) {
      if (r.error.type === 'unsupported_year') return null;
      throw new Error(`deadline ${kind}: ${JSON.stringify(r.error)}`);
    }
    out.push({ kind, due: r.value, basis });
    return r.value;
  };
  try {
    if (k.status === 'open' || k.status === 'intake' || k.status === 'ready') {
      add('intake_target', addWorkingDays(shanghaiDate(new Date(k.createdAt)), config.intakeTargetWorkingDays),
        `internal target: ${config.intakeTargetWorkingDays} working days after opening`);
    }
    if (k.status === 'submitted' && k.submittedOn) {
      const decision = add('review_decision', addWorkingDays(k.submittedOn, 10), `${M} Art. 9`);
      const preliminary = decision && add('preliminary_review', addWorkingDays(decision, k.complex ? 45 : 30), `${M} Art. 11${k.complex ? ' (+15, complex)' : ''}`);
      if (preliminary) add('special_review', addWorkingDays(preliminary, 90), `${M} Art. 14`);
    }
  } catch {
    return { ok: false, error: { type: 'invalid_date', value: k.submittedOn ?? k.createdAt } };
  }
  return { ok: true, value: out };
}

export type DueNotice = { deadline: Deadline; when: 'T-3' | 'T-1' | 'today' | 'overdue'; overdueBy: number };

/** Which deadlines need a reminder today: three and one working days before, on the day, and every working day after. */
export function dueSoon(deadlines: readonly Deadline[], today: string): { ok: true; value: DueNotice[] } | { ok: false; error: WorkingDayError } {
  const out: DueNotice[] = [];
  for (const d of deadlines) {
    const left = workingDaysBetween(today, d.due);
    if (!left.ok) return left;
    if (left.value === 3) out.push({ deadline: d, when: 'T-3', overdueBy: 0 });
    else if (left.value === 1) out.push({ deadline: d, when: 'T-1', overdueBy: 0 });
    else if (left.value === 0 && today === d.due) out.push({ deadline: d, when: 'today', overdueBy: 0 });
    else if (today > d.due) out.push({ deadline: d, when: 'overdue', overdueBy: -left.value });
  }
  return { ok: true, value: out };
}
