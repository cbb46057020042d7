import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Citation } from './citation.js';
import { factsFromV1 } from './triage-v1.js';
import type { Warning } from './watchlist.js';

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
  /** The review clock's events (review-clock.ts), in the order they were recorded. */
  clock: ClockEvent[];
  /** The deadlines as last told to the people concerned; the daily sweep compares them (null: not yet recorded). */
  announcedDeadlines: AnnouncedDeadline[] | null;
  /** Deadlines people said they know of: no more reminders to them about that due date (reminder-rules.ts). */
  acknowledgements: Acknowledgement[];
  authorityOutcome: string | null;
  /** A withdrawal asked for and waiting for its confirmation (who, why, when); null when none is pending. */
  pendingWithdrawal?: PendingWithdrawal | null;
  /** Watchlist matches of the request and the declared supplier or product, with their sources. */
  warnings: Warning[];
  /** A risk-prediction record (`not_required`) confirmed by the requester's team lead or an admin. */
  countersign: { by: string; at: string } | null;
};

export type PendingWithdrawal = { by: string; reason: string; at: string };

/**
 * An event of the authority's clock (DESIGN.md, "Deadlines and the review clock"), on the date it
 * happened (YYYY-MM-DD in Asia/Shanghai): `submitted` complete materials received (Art. 9),
 * `notice` the Office's written notice (Art. 11), `complex` the preliminary review extended
 * (Art. 11; dated the day it was recorded), `special` the special review started (Art. 14),
 * `supplement` / `supplied` materials asked for / delivered (Art. 15).
 */
export const CLOCK_EVENTS = ['submitted', 'notice', 'complex', 'special', 'supplement', 'supplied'] as const;
export type ClockEventType = (typeof CLOCK_EVENTS)[number];
export type ClockEvent = { type: ClockEventType; on: string };

/** A deadline as announced: kind, date and whether it was provisional then. */
export type AnnouncedDeadline = { kind: string; due: string; provisional: boolean };

/** `by` acknowledged the deadline `kind` due on `due`, at `at` (ISO instant). */
export type Acknowledgement = { kind: string; due: string; by: string; at: string };

/** Append-only audit row: who changed what, when, with before/after. */
export type AuditEntry = {
  caseId: string;
  at: string; // ISO instant
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
};

/**
 * Line items of a purchase are forms of their own on the case, `item-1`, `item-2`, …, each with
 * the fields of the intake's item section; numbers are never reused after a removal.
 */
export const ITEM_FORM = 'item';
export const itemKey = (n: number): string => `${ITEM_FORM}-${n}`;
const ITEM_KEY = /^item-(\d+)$/;
export const itemNumber = (key: string): number | null => {
  const m = ITEM_KEY.exec(key);
  return m ? Number(m[1]) : null;
};
/** The case's line item keys in their order. */
export const lineItemKeys = (intake: CaseRecord['intake']): string[] =>
  Object.keys(intake)
    .filter((k) => itemNumber(k) !== null)
    .sort((a, b) => itemNumber(a)! - itemNumber(b)!);
/** The key a new line item gets: one past the highest so far. */
export const nextItemKey = (intake: CaseRecord['intake']): string => itemKey(Math.max(0, ...lineItemKeys(intake).map((k) => itemNumber(k)!)) + 1);

/** Stored before reason ids were kept bare: `reason.not_ciio` and `not_ciio` are the same reason. */
const bareReasonId = (id: string) => id.replace(/^reason\./, '');

/**
 * A case as the triage opened it: the requester's team and lead come from the directory at that
 * moment, the status is `open`, nothing else is recorded yet. Every case record starts here.
 */
export function newCase(opts: {
  id: string;
  now: Date;
  requester: { key: string; team: string | null; teamLead: string | null };
  lang: Lang;
  summary: string;
  triage: Triage;
  warnings?: Warning[];
}): CaseRecord {
  const at = opts.now.toISOString();
  return {
    id: opts.id,
    createdAt: at,
    updatedAt: at,
    status: 'open',
    requester: opts.requester.key,
    team: opts.requester.team,
    teamLead: opts.requester.teamLead,
    analyst: null,
    lang: opts.lang,
    summary: opts.summary,
    triage: { ...opts.triage, reasons: opts.triage.reasons.map((r) => ({ ...r, id: bareReasonId(r.id) })) },
    intake: {},
    clock: [],
    announcedDeadlines: null,
    acknowledgements: [],
    authorityOutcome: null,
    warnings: opts.warnings ?? [],
    countersign: null,
  };
}

/**
 * A stored case as this version reads it; every store backend reads cases through this. Older
 * rows kept i18n keys as reason ids; and before the review clock, records had `submittedOn` (the
 * Art. 9 date) and `complex` (the +15 of Art. 11) instead of `clock`: they become the same events.
 * Triage answers of flow version 1 become version 2's facts; warnings and countersignature start empty.
 */
export function upgradeCase(stored: CaseRecord | Record<string, unknown>): CaseRecord {
  const k = { ...(stored as Record<string, unknown>) };
  if (!Array.isArray(k.clock)) {
    const clock: ClockEvent[] = [];
    const submittedOn = typeof k.submittedOn === 'string' ? k.submittedOn : null;
    if (submittedOn) clock.push({ type: 'submitted', on: submittedOn });
    // The old shape did not date the extension; the submission date is the earliest it can be.
    if (k.complex === true) clock.push({ type: 'complex', on: submittedOn ?? String(k.createdAt ?? '').slice(0, 10) });
    k.clock = clock;
  }
  delete k.submittedOn;
  delete k.complex;
  if (!Array.isArray(k.announcedDeadlines)) k.announcedDeadlines = null;
  if (k.intake && typeof k.intake === 'object') k.intake = upgradeIntake(k.intake as CaseRecord['intake']);
  // Before watchlists and risk-prediction records: no warnings, no countersignature.
  if (!Array.isArray(k.warnings)) k.warnings = [];
  if (k.countersign === undefined) k.countersign = null;
  if (!Array.isArray(k.acknowledgements)) k.acknowledgements = [];
  const record = k as CaseRecord;
  const triage = record.triage;
  // Triage answers of flow version 1 (`listing_abroad`) say the same facts in version 2's terms.
  const answers = 'listing_abroad' in triage.answers ? (factsFromV1(triage.answers) as Record<string, string>) : triage.answers;
  const reasons = triage.reasons.some((r) => r.id.startsWith('reason.')) ? triage.reasons.map((r) => ({ ...r, id: bareReasonId(r.id) })) : triage.reasons;
  return answers === triage.answers && reasons === triage.reasons ? record : { ...record, triage: { ...triage, answers, reasons } };
}

// The first intake had one "declaration" form for everything and Art. 6 commitments as free-text
// references; its answers move to the sections that ask them now (flows/intake/sections.ts).
const DECLARATION_MOVES: Record<string, [form: string, field: string]> = {
  applicant_org: ['applicant', 'legal_name'],
  contact: ['applicant', 'contact'],
  product: ['item-1', 'product'],
  model_version: ['item-1', 'model_version'],
  quantity: ['item-1', 'quantity'],
  contract_amount: ['item-1', 'total_amount'],
  supplier: ['supplier', 'name'],
  supplier_country: ['supplier', 'country_region'],
  cii_system: ['cii', 'cii_system'],
  deployment: ['purchase', 'deployment'],
  data_involved: ['data', 'data_notes'],
  planned_purchase_date: ['purchase', 'planned_purchase_date'],
  planned_go_live_date: ['purchase', 'planned_go_live_date'],
};
const OLD_COMMITMENTS = ['no_illegal_data_access', 'no_illegal_control', 'no_supply_cutoff', 'cooperate_with_review'];
const COMMITMENT_STATES = ['in_contract', 'in_letter', 'not_yet'];

function upgradeIntake(intake: CaseRecord['intake']): CaseRecord['intake'] {
  const old = intake.declaration;
  const commitments = intake.commitments;
  const textual = commitments && OLD_COMMITMENTS.some((c) => typeof commitments[c] === 'string' && !COMMITMENT_STATES.includes(commitments[c] as string));
  if (!old && !textual) return intake;
  const out: CaseRecord['intake'] = { ...intake };
  delete out.declaration;
  for (const [field, value] of Object.entries(old ?? {})) {
    const move = DECLARATION_MOVES[field];
    if (!move || value === undefined) continue;
    out[move[0]] = { ...out[move[0]], [move[1]]: value };
  }
  if (textual) {
    // A reference ("Contract §12.3") meant the commitment is in the contract; the references are kept together.
    const next: Record<string, unknown> = { ...commitments };
    const refs: string[] = [];
    for (const c of OLD_COMMITMENTS) {
      const v = commitments![c];
      if (typeof v === 'string' && !COMMITMENT_STATES.includes(v)) {
        next[c] = 'in_contract';
        refs.push(v);
      } else if (v === null) delete next[c];
    }
    if (refs.length && next.reference === undefined) next.reference = [...new Set(refs)].join('; ');
    out.commitments = next;
  }
  return out;
}

/** The audit row of a change by `actor` at `at`. */
export const auditEntry = (caseId: string, at: string, actor: string, action: string, before: unknown, after: unknown): AuditEntry => ({
  caseId,
  at,
  actor,
  action,
  before,
  after,
});

// Labels of the case vocabulary in the reader's language; the template types are checked against the catalogue.
export const statusLabel = (lang: Lang, s: CaseStatus): string => t(lang, `status.${s}`);
export const outcomeTitle = (lang: Lang, o: Outcome): string => t(lang, `decision.${o}.title`);
