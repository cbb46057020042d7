import { z } from 'zod';
import {
  boundNote,
  CASE_STATUSES,
  CLOCK_EVENTS,
  DEADLINE_KINDS,
  deadlineShortLabel,
  describeDue,
  isCalendarDate,
  statusLabel,
  workingDaysBetween,
  type CaseStatus,
  type ClockEventType,
  type Deadline,
  type DigestItem,
  type DueNotice,
  type MovedDeadline,
  type Result,
  type WaitingOn,
  type WorkingCalendar,
} from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { NewReminder, Reminder } from '../store/index.js';

// Every kind of reminder row, in one place: its payload (a zod schema), how a row of it is built
// (dedupe key included, so planning twice or on two instances adds nothing) and how a stored row
// is read back. The store keeps `kind` and `payload` as it was given; a row is trusted only after
// readReminder, so a malformed or unknown one is reported and skipped, never shown half-filled.
//
//   deadline        a deadline is near, due today, or overdue (deadlines.ts dueSoon), to one person
//   deadline_moved  a deadline's date moved (a calendar arrived), to each person concerned
//   status_changed  the case changed status, to the requester
//   clock_event     a review clock event was recorded, with the deadline it leaves running
//   countersign_requested  a risk-prediction record of the team was closed: its team lead is asked to countersign
//   digest          the weekly digest of a team lead (or of a requester whose cases have no lead)

const date = z.string().refine(isCalendarDate, 'not a date as YYYY-MM-DD');
const deadlineKind = z.enum(DEADLINE_KINDS);
/** Rows written before dates could be provisional or outer bounds have neither field: they were neither. */
const datedDeadline = { kind: deadlineKind, due: date, provisional: z.boolean().default(false), outerBound: z.boolean().default(false) };
const count = z.number().int().min(0);

const waiting = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assignment') }),
  z.object({ type: z.literal('analyst'), analyst: z.string().min(1) }),
  z.object({ type: z.literal('supplement'), since: date, analyst: z.string().min(1).nullable() }),
  z.object({ type: z.literal('office') }),
]);
const digestItem = z.object({ caseId: z.string().min(1), ...datedDeadline, overdueBy: count, waiting });

const REMINDER_PAYLOADS = {
  deadline: z.object({ ...datedDeadline, when: z.enum(['T-3', 'T-1', 'today', 'overdue']), overdueBy: count }),
  deadline_moved: z.object({ kind: deadlineKind, from: date, to: date, wasProvisional: z.boolean(), provisional: z.boolean() }),
  status_changed: z.object({ status: z.enum(CASE_STATUSES) }),
  clock_event: z.object({ event: z.enum(CLOCK_EVENTS), on: date, paused: z.boolean(), next: z.object(datedDeadline).nullable() }),
  countersign_requested: z.object({}),
  digest: z.object({
    week: date,
    scope: z.enum(['team', 'requested']),
    overdue: z.array(digestItem),
    dueThisWeek: z.array(digestItem),
    /** Items left out of the lists above to keep one message readable. */
    more: z.object({ overdue: count, dueThisWeek: count }),
    /** The recipient's active cases in all, listed or not. */
    active: count,
  }),
} as const;

type ReminderKind = keyof typeof REMINDER_PAYLOADS;
const REMINDER_KINDS = Object.keys(REMINDER_PAYLOADS) as ReminderKind[];
export type ReminderPayload<K extends ReminderKind> = z.output<(typeof REMINDER_PAYLOADS)[K]>;
/** The kinds about one case (every kind but the digest): their rows name the case. */
type CaseKind = Exclude<ReminderKind, 'digest'>;

type RowFields = { id: number; dedupeKey: string; recipient: string; dueAt: string };
/** A stored reminder row, checked: `kind` names its payload's type. */
export type TypedReminder =
  | { [K in CaseKind]: RowFields & { kind: K; caseId: string; payload: ReminderPayload<K> } }[CaseKind]
  | (RowFields & { kind: 'digest'; caseId: null; payload: ReminderPayload<'digest'> });
export type ReminderOf<K extends ReminderKind> = Extract<TypedReminder, { kind: K }>;

type UnreadableReminder = { id: number; kind: string; problem: string };

/** A stored row as its kind's type, or what is wrong with it (an unknown kind, a payload that does not fit). */
export function readReminder(row: Reminder): Result<TypedReminder, UnreadableReminder> {
  const bad = (problem: string) => ({ ok: false as const, error: { id: row.id, kind: row.kind, problem } });
  if (!(REMINDER_KINDS as string[]).includes(row.kind)) return bad('unknown kind');
  const kind = row.kind as ReminderKind;
  const parsed = REMINDER_PAYLOADS[kind].safeParse(row.payload);
  if (!parsed.success) return bad(parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
  const caseId = typeof row.caseId === 'string' && row.caseId !== '' ? row.caseId : null;
  if (kind !== 'digest' && caseId === null) return bad('no case id');
  const base: RowFields = { id: row.id, dedupeKey: row.dedupeKey, recipient: row.recipient, dueAt: row.dueAt };
  return { ok: true, value: { ...base, kind, caseId, payload: parsed.data } as TypedReminder };
}

// --- building rows -----------------------------------------------------------------------------

const row = <K extends ReminderKind>(
  kind: K,
  dedupeKey: string,
  caseId: string | null,
  recipient: string,
  dueAt: string,
  payload: ReminderPayload<K>,
): NewReminder => ({ dedupeKey, caseId, recipient, kind, dueAt, payload });

/**
 * The key names case, deadline, due date, the day the reminder stands for (DueNotice.day) and the
 * person: one row per reminder day, a deadline that moves is reminded of on its new date, and a
 * snooze to a day that has its own reminder is that reminder (deadlineSnoozed).
 */
const deadlineKey = (caseId: string, kind: string, due: string, day: string, recipient: string) => `deadline:${caseId}:${kind}:${due}:${day}:${recipient}`;

export const deadlineReminder = (caseId: string, recipient: string, n: DueNotice, dueAt: string): NewReminder =>
  row('deadline', deadlineKey(caseId, n.deadline.kind, n.deadline.due, n.day, recipient), caseId, recipient, dueAt, {
    kind: n.deadline.kind,
    due: n.deadline.due,
    when: n.when,
    overdueBy: n.overdueBy,
    provisional: n.deadline.provisional,
    outerBound: n.deadline.outerBound,
  });

/** The deadline reminder `r` again on `day` at `dueAt` (a snooze). */
export const deadlineSnoozed = (r: ReminderOf<'deadline'>, day: string, dueAt: string): NewReminder =>
  row('deadline', deadlineKey(r.caseId, r.payload.kind, r.payload.due, day, r.recipient), r.caseId, r.recipient, dueAt, r.payload);

export const deadlineMovedNotice = (caseId: string, recipient: string, m: MovedDeadline, at: string): NewReminder =>
  row('deadline_moved', `deadline_moved:${caseId}:${m.kind}:${m.from}:${m.to}:${recipient}`, caseId, recipient, at, m);

export const statusNotice = (caseId: string, recipient: string, status: CaseStatus, at: string): NewReminder =>
  row('status_changed', `status:${caseId}:${status}:${at}`, caseId, recipient, at, { status });

export const countersignNotice = (caseId: string, recipient: string, at: string): NewReminder =>
  row('countersign_requested', `countersign:${caseId}:${recipient}`, caseId, recipient, at, {});

export const clockNotice = (
  caseId: string,
  recipient: string,
  event: { type: ClockEventType; on: string },
  clock: { next: Deadline | null; paused: boolean },
  at: string,
): NewReminder => {
  const next = clock.next && { kind: clock.next.kind, due: clock.next.due, provisional: clock.next.provisional, outerBound: clock.next.outerBound };
  return row('clock_event', `clock:${caseId}:${event.type}:${event.on}:${at}`, caseId, recipient, at, {
    event: event.type,
    on: event.on,
    paused: clock.paused,
    next,
  });
};

/** At most this many deadlines per list of a digest; the rest are counted. */
const DIGEST_LIST_MAX = 20;

type DigestLists = { overdue: DigestItem[]; dueThisWeek: DigestItem[] };
/** The order of each list: the longest overdue first, then by due date; ties by case. */
const DIGEST_ORDER: { [L in keyof DigestLists]: (a: DigestItem, b: DigestItem) => number } = {
  overdue: (a, b) => b.overdueBy - a.overdueBy || a.caseId.localeCompare(b.caseId),
  dueThisWeek: (a, b) => a.due.localeCompare(b.due) || a.caseId.localeCompare(b.caseId),
};

/**
 * One person's digest as a sweep gathers it, case by case. Each list keeps only the items a
 * digest can show, in the digest's order (an item goes after those that sort with it, as in a
 * stable sort of every item), and counts the rest: a lead of thousands of cases costs a few dozen
 * items, and an item that cannot be shown is dropped at once, before it ages in the heap.
 */
export function gatherDigest() {
  const lists: DigestLists = { overdue: [], dueThisWeek: [] };
  const counts = { overdue: 0, dueThisWeek: 0 };
  const add = (list: keyof DigestLists, item: DigestItem) => {
    const kept = lists[list];
    const order = DIGEST_ORDER[list];
    counts[list]++;
    if (kept.length === DIGEST_LIST_MAX && order(item, kept[DIGEST_LIST_MAX - 1]!) >= 0) return;
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]!) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > DIGEST_LIST_MAX) kept.pop();
  };
  return {
    add(items: DigestLists): void {
      for (const item of items.overdue) add('overdue', item);
      for (const item of items.dueThisWeek) add('dueThisWeek', item);
    },
    /** The lists as digestReminder takes them, with how many items each had in all. */
    lists: () => ({ ...lists, counts }),
  };
}

/**
 * The weekly digest of `recipient` for the week starting `week` (its Monday): one per person and
 * week. `items.counts`: how many items each list had before a gatherer cut it (default: as given).
 */
export function digestReminder(
  recipient: string,
  week: string,
  scope: 'team' | 'requested',
  items: DigestLists & { counts?: { overdue: number; dueThisWeek: number } },
  active: number,
  dueAt: string,
): NewReminder {
  const overdue = [...items.overdue].sort(DIGEST_ORDER.overdue);
  const due = [...items.dueThisWeek].sort(DIGEST_ORDER.dueThisWeek);
  const more = (list: DigestItem[], all = list.length) => Math.max(0, all - DIGEST_LIST_MAX);
  return row('digest', `digest:${week}:${recipient}`, null, recipient, dueAt, {
    week,
    scope,
    active,
    overdue: overdue.slice(0, DIGEST_LIST_MAX),
    dueThisWeek: due.slice(0, DIGEST_LIST_MAX),
    more: { overdue: more(overdue, items.counts?.overdue), dueThisWeek: more(due, items.counts?.dueThisWeek) },
  });
}

// --- text ------------------------------------------------------------------------------------

/** What a reminder's wording depends on besides the row: the reader, the day it is read, the calendar, people's names. */
export type ReminderTextContext = { lang: Lang; today: string; calendar: WorkingCalendar; nameOf: (key: string) => string };

const markProvisional = (lang: Lang, d: { due: string; provisional: boolean }) => (d.provisional ? t(lang, 'clock.provisional_date', { date: d.due }) : d.due);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A deadline reminder as of `today`, the day it is read (a reminder delivered late, or snoozed,
 * still says the truth): "is due on …, in N working days", "is due tomorrow", "is due today",
 * "was due on …, N working days overdue"; an outer bound "ends by … at the latest".
 */
function deadlineText(c: ReminderTextContext, caseId: string, p: ReminderPayload<'deadline'>): string {
  const { lang, today } = c;
  const family = p.outerBound ? 'reminder.bound' : 'reminder.due';
  // An outer bound says provisional in its own bracket (最迟于 … 届满（暂定，上限）), a due date after the date.
  const params = p.outerBound
    ? { caseId, kind: deadlineShortLabel(lang, p.kind), due: p.due, note: boundNote(lang, p.provisional) }
    : { caseId, kind: deadlineShortLabel(lang, p.kind), due: markProvisional(lang, p) };
  const between = workingDaysBetween(c.calendar, today, p.due);
  // Outside the calendar's range: as planned.
  const left = between.ok ? between.value.days : p.when === 'T-3' ? 3 : p.when === 'T-1' ? 1 : p.when === 'today' ? 0 : -p.overdueBy;
  if (p.due === today || (!between.ok && p.when === 'today')) return t(lang, `${family}.today`, params);
  if (p.due < today || left < 0) {
    if (p.outerBound) return t(lang, 'reminder.bound.passed', params);
    const n = -left;
    return n === 1 ? t(lang, 'reminder.due.overdue_one', params) : t(lang, 'reminder.due.overdue', { ...params, n });
  }
  if (left <= 1) return t(lang, p.due === dayAfter(today) ? `${family}.tomorrow` : `${family}.next_working_day`, params);
  return t(lang, `${family}.in_days`, { ...params, n: left });
}

function waitingText(c: ReminderTextContext, w: WaitingOn): string {
  switch (w.type) {
    case 'assignment':
      return t(c.lang, 'digest.waiting.assignment');
    case 'analyst':
      return t(c.lang, 'digest.waiting.analyst', { name: c.nameOf(w.analyst) });
    case 'office':
      return t(c.lang, 'digest.waiting.office');
    case 'supplement':
      return t(c.lang, 'digest.waiting.supplement', { since: w.since, name: w.analyst ? c.nameOf(w.analyst) : '—' });
  }
}

function digestText(c: ReminderTextContext, p: ReminderPayload<'digest'>): string {
  const { lang } = c;
  const item = (i: DigestItem) => {
    const params = { caseId: i.caseId, kind: deadlineShortLabel(lang, i.kind), waiting: waitingText(c, i.waiting) };
    if (i.overdueBy > 0) {
      const due = markProvisional(lang, i);
      return i.overdueBy === 1 ? t(lang, 'digest.item.overdue_one', { ...params, due }) : t(lang, 'digest.item.overdue', { ...params, due, n: i.overdueBy });
    }
    // An outer bound is the latest its period can end, not a date it falls due (as in reminder.bound.*).
    if (i.outerBound) return t(lang, 'digest.item.bound', { ...params, due: i.due, note: boundNote(lang, i.provisional) });
    return t(lang, 'digest.item.due', { ...params, due: describeDue(lang, i) });
  };
  const section = (title: string, items: DigestItem[], more: number) =>
    items.length ? [title, ...items.map(item), ...(more ? [t(lang, 'digest.more', { n: more })] : [])] : [];
  const lines = [
    t(lang, p.scope === 'team' ? 'digest.title.team' : 'digest.title.requested', { week: p.week }),
    ...section(t(lang, 'digest.overdue'), p.overdue, p.more.overdue),
    ...section(t(lang, 'digest.due_this_week'), p.dueThisWeek, p.more.dueThisWeek),
    ...(p.overdue.length || p.dueThisWeek.length ? [] : [t(lang, 'digest.nothing_due')]),
    t(lang, 'digest.active', { n: p.active }),
  ];
  return lines.join('\n');
}

/** A checked reminder in its reader's language. */
export function reminderText(r: TypedReminder, c: ReminderTextContext): string {
  const { lang } = c;
  switch (r.kind) {
    case 'deadline':
      return deadlineText(c, r.caseId, r.payload);
    case 'deadline_moved': {
      const p = r.payload;
      return t(lang, 'notice.deadline_moved', {
        caseId: r.caseId,
        kind: deadlineShortLabel(lang, p.kind),
        from: describeDue(lang, { due: p.from, provisional: p.wasProvisional, outerBound: false }),
        to: describeDue(lang, { due: p.to, provisional: p.provisional, outerBound: false }),
      });
    }
    case 'status_changed':
      return t(lang, 'notice.status_changed', { caseId: r.caseId, status: statusLabel(lang, r.payload.status) });
    case 'clock_event': {
      const p = r.payload;
      const then = p.paused
        ? t(lang, 'notice.clock_paused')
        : p.next
          ? t(lang, 'notice.clock_next', { kind: deadlineShortLabel(lang, p.next.kind), due: describeDue(lang, p.next) })
          : '';
      const event = t(lang, 'notice.clock_event', { caseId: r.caseId, event: t(lang, `clock.event.${p.event}`), on: p.on });
      return [event, then].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ');
    }
    case 'countersign_requested':
      return t(lang, 'notice.countersign_requested', { caseId: r.caseId });
    case 'digest':
      return digestText(c, r.payload);
  }
}
