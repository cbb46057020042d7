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
  if (k.status === 'open' || k.status === 'intake' || k.status === 'ready') {
    const r = addWorkingDays(shanghaiDate(new Date(k.createdAt)), config.intakeTargetWorkingDays);
    if (!r.ok) return r;
    out.push({ kind: 'intake_target', due: r.value, basis: `internal target: ${config.intakeTargetWorkingDays} working days after opening` });
  }
  if (k.status === 'submitted' && k.submittedOn) {
    const decision = addWorkingDays(k.submittedOn, 10);
    if (!decision.ok) return decision;
    out.push({ kind: 'review_decision', due: decision.value, basis: `${M} Art. 9` });
    const preliminary = addWorkingDays(decision.value, k.complex ? 45 : 30);
    if (!preliminary.ok) return preliminary;
    out.push({ kind: 'preliminary_review', due: preliminary.value, basis: `${M} Art. 11${k.complex ? ' (+15, complex)' : ''}` });
    const special = addWorkingDays(preliminary.value, 90);
    if (!special.ok) return special;
    out.push({ kind: 'special_review', due: special.value, basis: `${M} Art. 14` });
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
