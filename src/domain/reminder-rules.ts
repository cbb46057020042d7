import { auditEntry, type AuditEntry, type CaseRecord } from './case.js';
import type { Person } from './directory.js';
import { can } from './permissions.js';

// Who is reminded of a case's deadlines, and when they have heard enough.
//
// - The team lead and the analyst are reminded. A case without a team lead, or without an
//   analyst yet, reminds its requester in the missing person's place: nobody is left uninformed.
// - A person who acknowledges a deadline gets no more reminders about it for that due date (a
//   deadline that moves to another date is a new one). The acknowledgement is theirs alone: the
//   other people concerned are still reminded.
// - A person acts (acknowledge, snooze) only on a reminder addressed to them, about a case they
//   may still see, checked when the change is committed.

/** The people reminded of a case's deadlines, each once. */
export function reminderRecipients(k: CaseRecord): string[] {
  return [...new Set([k.teamLead ?? k.requester, k.analyst ?? k.requester])];
}

/** A deadline as reminders name it: its kind and the due date the reminder was about. */
export type DeadlineRef = { kind: string; due: string };

export const isAcknowledged = (k: CaseRecord, d: DeadlineRef, personKey: string): boolean =>
  k.acknowledgements.some((a) => a.kind === d.kind && a.due === d.due && a.by === personKey);

/** Whether `person` may acknowledge or snooze a reminder addressed to `recipient` about case `k`. */
export const mayActOnReminder = (person: Person, recipient: string, k: CaseRecord): boolean =>
  person.key === recipient && can(person, 'view', k);

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
