import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Citation } from './citation.js';

export const OUTCOMES = ['required', 'assess', 'not_required'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CASE_STATUSES = ['open', 'intake', 'ready', 'submitted', 'decided', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ROLES = ['requester', 'analyst', 'team_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A reason of a decision, stored by the rule's reason id so it can be rendered in either language later. */
export type ReasonRef = { id: string; citation: Citation };

export type Triage = { answers: Record<string, string>; outcome: Outcome; reasons: ReasonRef[] };

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
  summary: string; // what the requester described, in their words
  triage: Triage;
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

/** Stored before reason ids were kept bare: `reason.not_ciio` and `not_ciio` are the same reason. */
const bareReasonId = (id: string) => id.replace(/^reason\./, '');

/**
 * A case as the triage opened it: the requester's team and lead come from the directory at that
 * moment, the status is `open`, nothing else is recorded yet. Every case record starts here.
 */
export function newCase(opts: {
  id: string; now: Date; requester: { key: string; team: string | null; teamLead: string | null }; lang: Lang; summary: string; triage: Triage;
}): CaseRecord {
  const at = opts.now.toISOString();
  return {
    id: opts.id, createdAt: at, updatedAt: at, status: 'open',
    requester: opts.requester.key, team: opts.requester.team, teamLead: opts.requester.teamLead, analyst: null,
    lang: opts.lang, summary: opts.summary,
    triage: { ...opts.triage, reasons: opts.triage.reasons.map((r) => ({ ...r, id: bareReasonId(r.id) })) },
    intake: {}, submittedOn: null, complex: false, authorityOutcome: null,
  };
}

/** A stored case as this version reads it (older rows kept i18n keys as reason ids). */
export const upgradeCase = (k: CaseRecord): CaseRecord =>
  k.triage.reasons.some((r) => r.id.startsWith('reason.'))
    ? { ...k, triage: { ...k.triage, reasons: k.triage.reasons.map((r) => ({ ...r, id: bareReasonId(r.id) })) } }
    : k;

/** The audit row of a change by `actor` at `at`. */
export const auditEntry = (caseId: string, at: string, actor: string, action: string, before: unknown, after: unknown): AuditEntry =>
  ({ caseId, at, actor, action, before, after });

// Labels of the case vocabulary in the reader's language; the template types are checked against the catalogue.
export const statusLabel = (lang: Lang, s: CaseStatus): string => t(lang, `status.${s}`);
export const outcomeTitle = (lang: Lang, o: Outcome): string => t(lang, `decision.${o}.title`);
