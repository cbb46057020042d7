import type { Outcome } from '../domain/index.js';

// The adapter-neutral message model of DESIGN.md. Adapters render these; they never invent text.

export type InputKind = 'choice' | 'text' | 'number' | 'date';
/** A choice in the flow's order; `suggested` marks a classifier's guess (shown as such, never moved). */
export type Choice = { id: string; label: string; suggested?: true };

export type FormField = {
  id: string;
  /** The field's name (what lists of missing fields and error lines say). */
  label: string;
  /** The label a form shows: the name, with the catalogue's mark when the field is required. */
  shownLabel: string;
  input: InputKind | 'textarea';
  choices?: Choice[];
  value?: unknown; // what is saved so far (partial saves)
  required: boolean;
  /** What a good answer looks like, in the person's language. */
  hint?: string;
};
/**
 * Something the person may do next with a case, as the runtime allows it for them now: `command` is
 * what they type for it in chat (also what the terminal shows); `form`, for `intake`, the section a
 * button opens directly where the platform has forms.
 */
export type NextAction = { id: 'view' | 'intake' | 'assign_me' | 'export'; label: string; caseId: string; command: string; form?: string };

export type Form = {
  id: string;
  title: string;
  caseId?: string;
  submitLabel: string;
  fields: FormField[];
  /** The title with the case id, within Slack's 24 characters for a modal title. */
  shortTitle: string;
  /** The label of the button that closes the form without saving. */
  closeLabel: string;
};

export type Outbound =
  | { type: 'question'; step: string; text: string; choices?: Choice[]; input: InputKind }
  | { type: 'error'; step: string; text: string }
  | {
      type: 'decision';
      outcome: Outcome;
      title: string;
      reasons: { text: string; citation: string }[];
      /** Watchlist matches with their official sources (DESIGN.md message model); absent when there are none. */
      warnings?: { text: string; source: string }[];
      caseId?: string;
      /** How the case or record is named for the person ("Case RB-…", "Risk-prediction record RB-…"). */
      reference?: string;
      /** What they may do next with it (the runtime adds these for the person who sees the decision). */
      actions?: NextAction[];
    }
  | { type: 'form'; form: Form }
  | { type: 'info'; text: string }
  /** A reminder or notice from the scheduler, with the actions its recipient may take (runtime/reminder-actions.ts). */
  | { type: 'reminder'; text: string; actions: ReminderAction[] };

/** What a reminder's buttons do; the runtime decides which a recipient gets and checks them again when clicked. */
export const REMINDER_ACTIONS = ['open_case', 'open_form', 'acknowledge', 'snooze'] as const;
export type ReminderActionId = (typeof REMINDER_ACTIONS)[number];
/** A button on a reminder: its label (already in the recipient's language) and what it refers to. */
export type ReminderAction = { id: ReminderActionId; label: string; caseId: string; reminderId: number | null };

/** What a person did, already stripped of platform detail by the adapter. */
export type Inbound =
  | { type: 'text'; text: string; step?: string }
  | { type: 'choice'; step: string; choice: string }
  | { type: 'form'; form: string; values: Record<string, unknown>; caseId?: string };
