import type { CaseRecord, Role } from './case.js';

// Who may do what to a case (issue: requesters their own cases, team leads their team's,
// analysts assigned and unassigned ones, admins all). Adapters and the CLI ask here.

export const ACTIONS = ['view', 'comment', 'export', 'withdraw', 'assign_analyst', 'edit_intake', 'mark_ready', 'mark_submitted', 'record_outcome', 'close'] as const;
export type Action = (typeof ACTIONS)[number];

export type Person = { key: string; team: string | null; roles: readonly Role[] };

const REQUESTER: readonly Action[] = ['view', 'comment', 'export', 'withdraw'];
const TEAM_LEAD: readonly Action[] = ['view', 'comment', 'export', 'withdraw', 'assign_analyst'];
const ANALYST: readonly Action[] = ['view', 'comment', 'export', 'assign_analyst', 'edit_intake', 'mark_ready', 'mark_submitted', 'record_outcome', 'close'];

export function can(person: Person, action: Action, k: CaseRecord): boolean {
  const r = person.roles;
  if (r.includes('admin')) return true;
  if (r.includes('requester') && k.requester === person.key && REQUESTER.includes(action)) return true;
  if (r.includes('team_lead') && k.team !== null && k.team === person.team && TEAM_LEAD.includes(action)) return true;
  if (r.includes('analyst') && (k.analyst === null || k.analyst === person.key) && ANALYST.includes(action)) return true;
  return false;
}

export const mayView = (person: Person, k: CaseRecord) => can(person, 'view', k);
