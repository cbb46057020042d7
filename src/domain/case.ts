import type { Lang } from '../i18n/lang.js';
import type { Citation } from './citation.js';

export const OUTCOMES = ['required', 'assess', 'not_required'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CASE_STATUSES = ['open', 'intake', 'ready', 'submitted', 'decided', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ROLES = ['requester', 'analyst', 'team_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A reason of a decision, stored by id so it can be rendered in either language later. */
export type ReasonRef = { id: string; citation: Citation };

/** Plain JSON: stored as-is, rendered by the engine, exported in the application pack. */
export type CaseRecord = {
  id: string;
  createdAt: string; // ISO instant
  updatedAt: string;
  status: CaseStatus;
  requester: string; // person key (see domain/directory)
  team: string | null;
  teamLead: string | null;
  analyst: string | null;
  lang: Lang;
  summary: string; // what the requester described, for listings
  triage: { answers: Record<string, string>; outcome: Outcome; reasons: ReasonRef[] };
  /** Intake answers per form id, field id -> value; saved field by field. */
  intake: Record<string, Record<string, unknown>>;
  submittedOn: string | null; // YYYY-MM-DD, the date materials were complete at the Office
  complex: boolean; // preliminary review extended by 15 working days (Art. 11)
  authorityOutcome: string | null;
};

/** Append-only audit row: who changed what, when, with before/after. */
export type AuditEntry = {
  caseId: string;
  at: string; // ISO instant
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
};
