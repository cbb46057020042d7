import type { AuditEntry, CaseRecord, CaseStatus } from './case.js';
import { can, type Action, type Person } from './permissions.js';

// The case lifecycle: open -> intake -> ready -> submitted -> decided -> closed, plus withdrawn.
// Which moves are allowed lives here, not in adapters.

export type CaseAction =
  | { type: 'assign'; analyst: string }
  | { type: 'start_intake' }
  | { type: 'mark_ready' }
  | { type: 'mark_submitted'; on: string }
  | { type: 'record_outcome'; outcome: string }
  | { type: 'close' }
  | { type: 'withdraw' }
  | { type: 'comment'; text: string };

const MOVES: Record<Exclude<CaseAction['type'], 'assign' | 'comment'>, { from: readonly CaseStatus[]; to: CaseStatus; permission: Action }> = {
  start_intake: { from: ['open'], to: 'intake', permission: 'edit_intake' },
  mark_ready: { from: ['open', 'intake'], to: 'ready', permission: 'mark_ready' },
  mark_submitted: { from: ['ready'], to: 'submitted', permission: 'mark_submitted' },
  record_outcome: { from: ['submitted'], to: 'decided', permission: 'record_outcome' },
  close: { from: ['decided', 'open', 'intake', 'ready'], to: 'closed', permission: 'close' },
  withdraw: { from: ['open', 'intake', 'ready', 'submitted'], to: 'withdrawn', permission: 'withdraw' },
};

export type LifecycleError =
  | { type: 'not_allowed' }
  | { type: 'wrong_status'; status: CaseStatus; allowed: readonly CaseStatus[] }
  | { type: 'invalid_date'; value: string }
  | { type: 'empty_text' };

export type Transition = { ok: true; value: { case: CaseRecord; audit: AuditEntry[] } } | { ok: false; error: LifecycleError };

export function applyCaseAction(k: CaseRecord, action: CaseAction, actor: Person, now: Date): Transition {
  const at = now.toISOString();
  const audit = (what: string, before: unknown, after: unknown): AuditEntry => ({ caseId: k.id, at, actor: actor.key, action: what, before, after });
  switch (action.type) {
    case 'comment':
      if (!can(actor, 'comment', k)) return { ok: false, error: { type: 'not_allowed' } };
      if (!action.text.trim()) return { ok: false, error: { type: 'empty_text' } };
      return { ok: true, value: { case: { ...k, updatedAt: at }, audit: [audit('case.comment', null, action.text.trim())] } };
    case 'assign':
      if (!can(actor, 'assign_analyst', k)) return { ok: false, error: { type: 'not_allowed' } };
      if (k.status === 'closed' || k.status === 'withdrawn') return { ok: false, error: { type: 'wrong_status', status: k.status, allowed: ['open', 'intake', 'ready', 'submitted', 'decided'] } };
      return { ok: true, value: { case: { ...k, analyst: action.analyst, updatedAt: at }, audit: [audit('case.assign', k.analyst, action.analyst)] } };
    default: {
      const move = MOVES[action.type];
      if (!can(actor, move.permission, k)) return { ok: false, error: { type: 'not_allowed' } };
      if (!move.from.includes(k.status)) return { ok: false, error: { type: 'wrong_status', status: k.status, allowed: move.from } };
      let next: CaseRecord = { ...k, status: move.to, updatedAt: at };
      const entries = [audit('case.status', k.status, move.to)];
      if (action.type === 'mark_submitted') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(action.on) || Number.isNaN(Date.parse(`${action.on}T00:00:00Z`)) || new Date(`${action.on}T00:00:00Z`).toISOString().slice(0, 10) !== action.on) {
          return { ok: false, error: { type: 'invalid_date', value: action.on } };
        }
        next = { ...next, submittedOn: action.on };
        entries.push(audit('case.submitted_on', k.submittedOn, action.on));
      }
      if (action.type === 'record_outcome') {
        if (!action.outcome.trim()) return { ok: false, error: { type: 'empty_text' } };
        next = { ...next, authorityOutcome: action.outcome.trim() };
        entries.push(audit('case.authority_outcome', k.authorityOutcome, action.outcome.trim()));
      }
      return { ok: true, value: { case: next, audit: entries } };
    }
  }
}
