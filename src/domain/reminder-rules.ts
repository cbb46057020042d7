import { auditEntry, type AuditEntry, type CaseRecord } from './case.js';
import { REMINDER_WINDOW, type Deadline } from './deadlines.js';
import type { Person } from './directory.js';
import { can } from './permissions.js';
import { workingDaysBetween, type Result, type WorkingCalendar, type WorkingDayError } from './working-days.js';

// Who is reminded of a case's deadlines, and when they have heard enough.
//
// - The team lead and the analyst are reminded. A case without a team lead, or without an
//   analyst yet, reminds its requester in the missing person's place: nobody is left uninformed.
// - A person who acknowledges a deadline gets no more reminders about it for that due date (a
//   deadline that moves to another date is a new one). The acknowledgement is theirs alone: the
//   other people concerned are still reminded.
// - A person acts (acknowledge, snooze) only on a reminder addressed to them, about a case they
//   may still see, checked when the change is committed.
// - Typed in chat ("acknowledge RB-…", "snooze RB-…"), with no reminder to point at, the same acts
//   cover the case's deadlines a reminder to the person is about now (remindedDeadlines, in the
//   window: overdue, or due within REMINDER_WINDOW working days).

/** The people reminded of a case's deadlines, each once. */
export function reminderRecipients(k: CaseRecord): string[] {
  return [...new Set([k.teamLead ?? k.requester, k.analyst ?? k.requester])];
}

/** A deadline as reminders name it: its kind and the due date the reminder was about. */
export type DeadlineRef = { kind: string; due: string };

export const isAcknowledged = (k: CaseRecord, d: DeadlineRef, personKey: string): boolean =>
  k.acknowledgements.some((a) => a.kind === d.kind && a.due === d.due && a.by === personKey);

/** Whether `person` may acknowledge or snooze a reminder addressed to `recipient` about case `k`. */
export const mayActOnReminder = (person: Person, recipient: string, k: CaseRecord): boolean => person.key === recipient && can(person, 'view', k);

/**
 * The case with `by`'s acknowledgement of the deadline, and its audit row; null when they had
 * acknowledged it already (a second click changes nothing).
 */
export function acknowledgeDeadline(k: CaseRecord, d: DeadlineRef, by: string, now: Date): { case: CaseRecord; audit: AuditEntry[] } | null {
  if (isAcknowledged(k, d, by)) return null;
  const at = now.toISOString();
  const ack = { kind: d.kind, due: d.due, by, at };
  return {
    case: { ...k, acknowledgements: [...k.acknowledgements, ack], updatedAt: at },
    audit: [auditEntry(k.id, at, by, 'reminder.acknowledged', null, { kind: d.kind, due: d.due })],
  };
}

/** A deadline `personKey` is reminded of: `left` working days until it is due (negative: overdue). */
export type RemindedDeadline = { deadline: Deadline; left: number; inReminderWindow: boolean };

/**
 * The deadlines of case `k` (its current `deadlines`) that `personKey` is reminded of on `today`
 * and has not acknowledged; empty for someone who is not reminded of the case. An outer bound that
 * passed is not one (it is never overdue).
 */
export function remindedDeadlines(
  cal: WorkingCalendar,
  k: CaseRecord,
  deadlines: readonly Deadline[],
  personKey: string,
  today: string,
): Result<RemindedDeadline[], WorkingDayError> {
  if (!reminderRecipients(k).includes(personKey)) return { ok: true, value: [] };
  const out: RemindedDeadline[] = [];
  for (const d of deadlines) {
    if ((d.outerBound && d.due < today) || isAcknowledged(k, d, personKey)) continue;
    const left = workingDaysBetween(cal, today, d.due);
    if (!left.ok) return left;
    out.push({ deadline: d, left: left.value.days, inReminderWindow: left.value.days <= REMINDER_WINDOW });
  }
  return { ok: true, value: out };
}
