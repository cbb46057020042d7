import type { CaseRecord, Role } from './case.js';
import type { Person } from './directory.js';

// Who may do what to a case. Adapters, the CLI and the lifecycle ask here; nobody else decides.
//
//   the requester of the case     view, comment, export, withdraw, record_prediction
//   team lead, their team's case  view, comment, export, withdraw, assign_analyst, countersign
//   analyst, a case assigned to   view, comment, export, assign_self, start_intake, edit_intake,
//     them or unassigned          mark_ready, mark_submitted, record_clock, record_outcome, close
//   admin                         everything, on every case
//
// Rights add up over a person's roles and relations to the case. Being the requester of a case is
// a relation, not a role: whoever opened a case keeps the requester's rights to it (an analyst who
// opened one can still see it after it is assigned to a colleague). A team lead without a team
// leads nothing: a case with no team is nobody's team case. Whether the case's status allows the
// action is the lifecycle's question (lifecycle.ts), not this one.

export const ACTIONS = [
  'view',
  'comment',
  'export',
  'withdraw',
  'assign_analyst',
  'assign_self',
  'start_intake',
  'edit_intake',
  'mark_ready',
  'mark_submitted',
  'record_clock',
  'record_outcome',
  'close',
  'record_prediction',
  'countersign',
] as const;
export type Action = (typeof ACTIONS)[number];

// record_prediction: the requester's own risk prediction is kept as a closed record (Art. 5).
// countersign: the team lead confirms a record of their team (never their own: lifecycle.ts).
const REQUESTER: readonly Action[] = ['view', 'comment', 'export', 'withdraw', 'record_prediction'];
const TEAM_LEAD: readonly Action[] = ['view', 'comment', 'export', 'withdraw', 'assign_analyst', 'countersign'];
const ANALYST: readonly Action[] = [
  'view',
  'comment',
  'export',
  'assign_self',
  'start_intake',
  'edit_intake',
  'mark_ready',
  'mark_submitted',
  'record_clock',
  'record_outcome',
  'close',
];

const has = (person: Person, role: Role) => person.roles.includes(role);

/** Whether `person` may do `action` to `k`. */
export function can(person: Person, action: Action, k: CaseRecord): boolean {
  if (has(person, 'admin')) return true;
  if (k.requester === person.key && REQUESTER.includes(action)) return true;
  if (has(person, 'team_lead') && person.team !== null && k.team === person.team && TEAM_LEAD.includes(action)) return true;
  if (has(person, 'analyst') && (k.analyst === null || k.analyst === person.key) && ANALYST.includes(action)) return true;
  return false;
}
