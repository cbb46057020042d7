import {
  announcementOf, caseDeadlines, dueSoon, movedDeadlines, officialUntil, sameAnnouncement, shanghaiDate,
  type AuditEntry, type CaseRecord, type Deadline, type DeadlineSettings,
} from '../domain/index.js';
import type { Logger } from '../runtime/index.js';
import type { CaseUpdate, NewReminder, Store } from '../store/index.js';

const ACTIVE = ['open', 'intake', 'ready', 'submitted'] as const;

/** Who is told when a case's date moves. */
const concerned = (k: CaseRecord) => [...new Set([k.requester, k.teamLead, k.analyst].filter((r): r is string => !!r))];

/**
 * Reminder rows for one case on one day: T-3 and T-1 working days before each deadline, on the
 * day, and every working day while overdue, to the team lead and the analyst. The dedupe key
 * names case, deadline, date, day and person, so planning twice (or on two instances) adds nothing,
 * and a deadline that moved is reminded of on its new date. Provisional dates are reminded of too.
 */
export function planCaseReminders(k: CaseRecord, now: Date, settings: DeadlineSettings, deadlines?: readonly Deadline[]): NewReminder[] {
  const derived = deadlines ? { ok: true as const, value: deadlines } : caseDeadlines(k, settings);
  if (!derived.ok) return [];
  const today = shanghaiDate(now);
  const notices = dueSoon(settings.calendar, derived.value, today);
  if (!notices.ok) return [];
  const recipients = [...new Set([k.teamLead, k.analyst].filter((r): r is string => !!r))];
  return notices.value.flatMap((n) => recipients.map((recipient) => ({
    dedupeKey: `deadline:${k.id}:${n.deadline.kind}:${n.deadline.due}:${today}:${recipient}`,
    caseId: k.id,
    recipient,
    kind: 'deadline',
    dueAt: now.toISOString(),
    payload: {
      kind: n.deadline.kind, due: n.deadline.due, when: n.when, overdueBy: n.overdueBy,
      provisional: n.deadline.provisional, outerBound: n.deadline.outerBound,
    },
  })));
}

/** What the daily sweep does to one case: reminders, and where a date moved, the notices and the new announcement. */
export type CaseSweep = {
  reminders: NewReminder[];
  /** The case with its announcement brought up to date; null when it already is. */
  update: CaseUpdate | null;
  moved: NewReminder[];
  audit: AuditEntry[];
  provisional: boolean;
  failed: boolean;
};

/**
 * Compare the case's deadlines with the ones last announced. Deadlines follow the calendar by
 * themselves (a calendar that arrives re-dates them); when a date differs from the announced
 * one, the requester, team lead and analyst get a `deadline_moved` notice, once (the dedupe key
 * names case, deadline, old and new date, person). A case never announced (older records) is
 * recorded silently. The announcement is bookkeeping, not a person's change: `updatedAt` stays,
 * and the write still fails if someone changed the case meanwhile (the next sweep tries again).
 */
export function sweepCase(k: CaseRecord, now: Date, settings: DeadlineSettings): CaseSweep {
  const derived = caseDeadlines(k, settings);
  if (!derived.ok) return { reminders: [], update: null, moved: [], audit: [], provisional: false, failed: true };
  const at = now.toISOString();
  const announcement = announcementOf(derived.value);
  const before = k.announcedDeadlines;
  const moves = before ? movedDeadlines(before, derived.value) : [];
  const moved = moves.flatMap((m) => concerned(k).map((recipient): NewReminder => ({
    dedupeKey: `deadline_moved:${k.id}:${m.kind}:${m.from}:${m.to}:${recipient}`,
    caseId: k.id, recipient, kind: 'deadline_moved', dueAt: at, payload: m,
  })));
  const current = before !== null && sameAnnouncement(before, announcement);
  return {
    reminders: planCaseReminders(k, now, settings, derived.value),
    update: current ? null : { case: { ...k, announcedDeadlines: announcement }, expectedUpdatedAt: k.updatedAt },
    moved,
    audit: moves.length ? [{ caseId: k.id, at, actor: 'review-bot', action: 'case.deadlines_moved', before, after: announcement }] : [],
    provisional: derived.value.some((d) => d.provisional),
    failed: false,
  };
}

export type PlanDeps = { store: Store; deadlines: DeadlineSettings; log: Logger };

const PAGE = 1000;

/**
 * The daily sweep over active cases, a page at a time so memory stays flat however many cases
 * there are. Returns the rows added (reminders and moved-date notices).
 */
export async function planDueReminders(deps: PlanDeps, now: Date): Promise<number> {
  let added = 0;
  let provisional = 0;
  let movedCases = 0;
  const failed: string[] = [];
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await deps.store.listCases({ statuses: ACTIVE, limit: PAGE, ...(after ? { after } : {}) });
    const sweeps = page.map((k) => sweepCase(k, now, deps.deadlines));
    const rows = sweeps.flatMap((s) => s.reminders);
    if (rows.length) added += await deps.store.scheduleReminders(rows);
    const changed = sweeps.filter((s) => s.update);
    if (changed.length) {
      // One transaction a page; if one case changed meanwhile, the others are saved one by one.
      const all = await deps.store.saveCases({ updates: changed.map((s) => s.update!), audit: changed.flatMap((s) => s.audit), reminders: changed.flatMap((s) => s.moved) });
      if (all === 'ok') added += changed.reduce((n, s) => n + s.moved.length, 0);
      else for (const s of changed) if ((await deps.store.saveCases({ updates: [s.update!], audit: s.audit, reminders: s.moved })) === 'ok') added += s.moved.length;
    }
    provisional += sweeps.filter((s) => s.provisional).length;
    movedCases += sweeps.filter((s) => s.moved.length).length;
    page.forEach((k, i) => { if (sweeps[i]!.failed) failed.push(k.id); });
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  const day = shanghaiDate(now);
  if (provisional) deps.log.info('deadlines.provisional', { day, cases: provisional, officialUntil: officialUntil(deps.deadlines.calendar) });
  if (movedCases) deps.log.info('deadlines.moved', { day, cases: movedCases });
  if (failed.length) deps.log.warn('deadlines.unreadable_cases', { day, count: failed.length, ids: failed.slice(0, 20) });
  return added;
}
