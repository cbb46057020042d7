import { caseDeadlines, dueSoon, shanghaiDate, type CaseRecord } from '../domain/index.js';
import type { NewReminder, Store } from '../store/index.js';

const ACTIVE = ['open', 'intake', 'ready', 'submitted'] as const;

/**
 * Reminder rows for one case on one day: T-3 and T-1 working days before each deadline, on the
 * day, and every working day while overdue, to the team lead and the analyst. The dedupe key
 * names case, deadline, day and person, so planning twice (or on two instances) adds nothing.
 */
export function planCaseReminders(k: CaseRecord, now: Date, intakeTargetWorkingDays: number): NewReminder[] {
  const deadlines = caseDeadlines(k, { intakeTargetWorkingDays });
  if (!deadlines.ok) return [];
  const today = shanghaiDate(now);
  const notices = dueSoon(deadlines.value, today);
  if (!notices.ok) return [];
  const recipients = [...new Set([k.teamLead, k.analyst].filter((r): r is string => !!r))];
  return notices.value.flatMap((n) => recipients.map((recipient) => ({
    dedupeKey: `deadline:${k.id}:${n.deadline.kind}:${n.deadline.due}:${today}:${recipient}`,
    caseId: k.id,
    recipient,
    kind: 'deadline',
    dueAt: now.toISOString(),
    payload: { kind: n.deadline.kind, due: n.deadline.due, when: n.when, overdueBy: n.overdueBy },
  })));
}

const PAGE = 1000;

/** The daily sweep over active cases, a page at a time so memory stays flat however many cases there are. */
export async function planDueReminders(store: Store, now: Date, intakeTargetWorkingDays: number): Promise<number> {
  let added = 0;
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await store.listCases({ statuses: ACTIVE, limit: PAGE, ...(after ? { after } : {}) });
    const rows = page.flatMap((k) => planCaseReminders(k, now, intakeTargetWorkingDays));
    if (rows.length) added += await store.scheduleReminders(rows);
    if (page.length < PAGE) return added;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
