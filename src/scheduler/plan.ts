import {
  announcementOf,
  caseDeadlines,
  digestItems,
  digestRecipient,
  dueSoon,
  isAcknowledged,
  isDigestDay,
  movedDeadlines,
  officialUntil,
  reminderRecipients,
  sameAnnouncement,
  shanghaiDate,
  shanghaiInstant,
  weekOf,
  type AuditEntry,
  type CaseRecord,
  type Deadline,
  type DeadlineSettings,
  type DigestItem,
} from '../domain/index.js';
import { deadlineMovedNotice, deadlineReminder, digestReminder, gatherDigest, type Logger } from '../runtime/index.js';
import type { CaseUpdate, NewReminder, Store } from '../store/index.js';

const ACTIVE = ['open', 'intake', 'ready', 'submitted'] as const;

/** Who is told when a case's date moves. */
const concerned = (k: CaseRecord) => [...new Set([k.requester, k.teamLead, k.analyst].filter((r): r is string => !!r))];

/** Reminders of a day go out from 09:00 in Shanghai (or at once when the day is planned later), never at midnight. */
const REMIND_FROM_MS = 9 * 3_600_000;
const remindAt = (today: string, now: Date): string => {
  const morning = shanghaiInstant(today, REMIND_FROM_MS);
  return (morning && morning > now ? morning : now).toISOString();
};

/** What every case of a sweep shares about its instant, worked out once rather than per case. */
type Instant = { ms: number; today: string; dueAt: string; at: string };
let lastInstant: Instant | null = null;
function instantOf(now: Date): Instant {
  const ms = now.getTime();
  if (lastInstant?.ms !== ms) {
    const today = shanghaiDate(now);
    lastInstant = { ms, today, dueAt: remindAt(today, now), at: now.toISOString() };
  }
  return lastInstant;
}

/**
 * Reminder rows for one case on one day: T-3 and T-1 working days before each deadline, on the
 * day, and once when it is overdue (deadlines.ts dueSoon), to the team lead and the analyst, or the
 * requester in place of either one the case lacks (reminder-rules.ts); not to someone who
 * acknowledged that deadline. The dedupe key names case, deadline, date, reminder day and person,
 * so planning twice (or on two instances) adds nothing, and a deadline that moved is reminded of on
 * its new date. Provisional dates are reminded of too.
 */
export function planCaseReminders(k: CaseRecord, now: Date, settings: DeadlineSettings, deadlines?: readonly Deadline[]): NewReminder[] {
  const derived = deadlines ? { ok: true as const, value: deadlines } : caseDeadlines(k, settings);
  if (!derived.ok) return [];
  const { today, dueAt } = instantOf(now);
  const notices = dueSoon(settings.calendar, derived.value, today);
  if (!notices.ok) return [];
  return notices.value.flatMap((n) =>
    reminderRecipients(k)
      .filter((recipient) => !isAcknowledged(k, n.deadline, recipient))
      .map((recipient) => deadlineReminder(k.id, recipient, n, dueAt)),
  );
}

/** One case's part of a weekly digest. */
export type DigestPart = { recipient: string; scope: 'team' | 'requested'; overdue: DigestItem[]; dueThisWeek: DigestItem[] };

/** What the daily sweep does to one case: reminders, and where a date moved, the notices and the new announcement. */
export type CaseSweep = {
  reminders: NewReminder[];
  /** The case with its announcement brought up to date; null when it already is. */
  update: CaseUpdate | null;
  moved: NewReminder[];
  audit: AuditEntry[];
  /** The case's lines in this week's digest, on the digest's day (null on other days). */
  digest: DigestPart | null;
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
 * On the digest's day (`digestDay`), the case's overdue and this week's deadlines for the digest.
 */
export function sweepCase(k: CaseRecord, now: Date, settings: DeadlineSettings, digestDay = false): CaseSweep {
  const derived = caseDeadlines(k, settings);
  if (!derived.ok) return { reminders: [], update: null, moved: [], audit: [], digest: null, provisional: false, failed: true };
  const { at, today } = instantOf(now);
  const announcement = announcementOf(derived.value);
  const before = k.announcedDeadlines;
  const moves = before ? movedDeadlines(before, derived.value) : [];
  const moved = moves.flatMap((m) => concerned(k).map((recipient) => deadlineMovedNotice(k.id, recipient, m, at)));
  const current = before !== null && sameAnnouncement(before, announcement);
  const items = digestDay ? digestItems(settings.calendar, k, derived.value, today) : null;
  return {
    reminders: planCaseReminders(k, now, settings, derived.value),
    update: current ? null : { case: { ...k, announcedDeadlines: announcement }, expectedUpdatedAt: k.updatedAt },
    moved,
    audit: moves.length ? [{ caseId: k.id, at, actor: 'review-bot', action: 'case.deadlines_moved', before, after: announcement }] : [],
    digest: items?.ok ? { ...digestRecipient(k), ...items.value } : null,
    provisional: derived.value.some((d) => d.provisional),
    failed: false,
  };
}

export type PlanDeps = { store: Store; deadlines: DeadlineSettings; log: Logger };

/** Cases per page: small enough that a page is gone before the garbage collector moves it to the old generation. */
export const SWEEP_PAGE = 250;

type Digest = { scope: 'team' | 'requested'; items: ReturnType<typeof gatherDigest>; active: number };

/**
 * The daily sweep over active cases, a page at a time so memory stays flat however many cases
 * there are (a digest keeps only the deadlines it lists). On the first working day of the week it
 * also writes each team lead's weekly digest (a requester's, for cases without a lead): one per
 * person and week, whoever plans it first. Returns the rows added (reminders, moved-date notices,
 * digests).
 */
export async function planDueReminders(deps: PlanDeps, now: Date): Promise<number> {
  const day = shanghaiDate(now);
  const digestDay = isDigestDay(deps.deadlines.calendar, day);
  const digests = new Map<string, Digest>();
  let added = 0;
  let provisional = 0;
  let movedCases = 0;
  const failed: string[] = [];
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await deps.store.listCases({ statuses: ACTIVE, limit: SWEEP_PAGE, ...(after ? { after } : {}) });
    const sweeps = page.map((k) => sweepCase(k, now, deps.deadlines, digestDay.ok && digestDay.value));
    const rows = sweeps.flatMap((s) => s.reminders);
    if (rows.length) added += await deps.store.scheduleReminders(rows);
    const changed = sweeps.filter((s) => s.update);
    if (changed.length) {
      // One transaction a page; if one case changed meanwhile, the others are saved one by one.
      const all = await deps.store.saveCases({
        updates: changed.map((s) => s.update!),
        audit: changed.flatMap((s) => s.audit),
        reminders: changed.flatMap((s) => s.moved),
      });
      if (all === 'ok') added += changed.reduce((n, s) => n + s.moved.length, 0);
      else
        for (const s of changed)
          if ((await deps.store.saveCases({ updates: [s.update!], audit: s.audit, reminders: s.moved })) === 'ok') added += s.moved.length;
    }
    for (const s of sweeps) {
      if (!s.digest) continue;
      const d = digests.get(s.digest.recipient) ?? { scope: s.digest.scope, items: gatherDigest(), active: 0 };
      if (s.digest.scope === 'team') d.scope = 'team'; // a lead's own cases are their team's
      d.items.add(s.digest);
      d.active++;
      digests.set(s.digest.recipient, d);
    }
    provisional += sweeps.filter((s) => s.provisional).length;
    movedCases += sweeps.filter((s) => s.moved.length).length;
    page.forEach((k, i) => {
      if (sweeps[i]!.failed) failed.push(k.id);
    });
    if (page.length < SWEEP_PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  if (digests.size) {
    const week = weekOf(day)!;
    const dueAt = remindAt(day, now);
    const rows = [...digests].map(([recipient, d]) => digestReminder(recipient, week, d.scope, d.items.lists(), d.active, dueAt));
    const n = await deps.store.scheduleReminders(rows);
    added += n;
    if (n) deps.log.info('digest.planned', { week, digests: n });
  }
  if (!digestDay.ok) deps.log.warn('digest.no_day', { day });
  if (provisional) deps.log.info('deadlines.provisional', { day, cases: provisional, officialUntil: officialUntil(deps.deadlines.calendar) });
  if (movedCases) deps.log.info('deadlines.moved', { day, cases: movedCases });
  if (failed.length) deps.log.warn('deadlines.unreadable_cases', { day, count: failed.length, ids: failed.slice(0, 20) });
  return added;
}
