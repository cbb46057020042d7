import type { CaseRecord, CaseStatus, Person, Role } from '../../src/domain/index.js';
import { aCase, aPerson } from './fixtures.js';

// Who may do what to a case by role and relation, written out by hand from the rights table in
// DESIGN.md ("Cases": roles requester, analyst, team lead, admin) as permissions.ts documents it.
// One table for every test that asks "is this person allowed?": the domain's can() test and the
// authorisation matrix through the chat, Slack and Teams paths. Status is not in here: whether the
// case's status allows an action is the lifecycle's table, kept next to the tests that need it.

export const ROLE_ACTIONS = [
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
export type RoleAction = (typeof ROLE_ACTIONS)[number];

export const ROLES_UNDER_TEST = ['requester', 'team_lead', 'analyst', 'admin'] as const satisfies readonly Role[];
export type RoleUnderTest = (typeof ROLES_UNDER_TEST)[number];

/** The person under test: key ME, in team MY_TEAM. */
export const ME = 'me';
export const MY_TEAM = 'mine';
/**
 * The other people and the other team on the cases: distinctive names, so a reply can be searched
 * for them (someone who may not view a case must not learn who asked, which team, who analyses it).
 */
export const STRANGERS = { requester: 'rhea-requester', team: 'team-orion', analyst: 'ansel-analyst' } as const;

// Each situation changes one relation of "me" to the case; the rest belongs to strangers.
export const SITUATIONS = {
  own: { requester: ME, team: STRANGERS.team, analyst: STRANGERS.analyst }, // I opened it; another team, assigned to a colleague
  'my team': { requester: STRANGERS.requester, team: MY_TEAM, analyst: STRANGERS.analyst }, // a colleague's case in my team
  'other team': { requester: STRANGERS.requester, team: STRANGERS.team, analyst: STRANGERS.analyst },
  'assigned to me': { requester: STRANGERS.requester, team: STRANGERS.team, analyst: ME },
  unassigned: { requester: STRANGERS.requester, team: STRANGERS.team, analyst: null },
} as const satisfies Record<string, Pick<CaseRecord, 'requester' | 'team' | 'analyst'>>;
export type Situation = keyof typeof SITUATIONS;
export const SITUATION_NAMES = Object.keys(SITUATIONS) as Situation[];

// The whole matrix, one column per action of ROLE_ACTIONS, Y = allowed:
//   view, comment, export, withdraw, assign_analyst, assign_self,
//   start_intake, edit_intake, mark_ready, mark_submitted, record_clock, record_outcome, close,
//   record_prediction (keep one's own prediction record), countersign (a record of my team)
// biome-ignore format: a table, one row per line, its columns aligned with the header above
const MATRIX: [RoleUnderTest, Situation, string][] = [
  ['requester', 'own',                'Y Y Y Y . . . . . . . . . Y .'],
  ['requester', 'my team',            '. . . . . . . . . . . . . . .'],
  ['requester', 'other team',         '. . . . . . . . . . . . . . .'],
  ['requester', 'assigned to me',     '. . . . . . . . . . . . . . .'],
  ['requester', 'unassigned',         '. . . . . . . . . . . . . . .'],
  ['team_lead', 'own',                'Y Y Y Y . . . . . . . . . Y .'],
  ['team_lead', 'my team',            'Y Y Y Y Y . . . . . . . . . Y'],
  ['team_lead', 'other team',         '. . . . . . . . . . . . . . .'],
  ['team_lead', 'assigned to me',     '. . . . . . . . . . . . . . .'],
  ['team_lead', 'unassigned',         '. . . . . . . . . . . . . . .'],
  ['analyst', 'own',                  'Y Y Y Y . . . . . . . . . Y .'],
  ['analyst', 'my team',              '. . . . . . . . . . . . . . .'],
  ['analyst', 'other team',           '. . . . . . . . . . . . . . .'],
  ['analyst', 'assigned to me',       'Y Y Y . . Y Y Y Y Y Y Y Y . .'],
  ['analyst', 'unassigned',           'Y Y Y . . Y Y Y Y Y Y Y Y . .'],
  ['admin', 'own',                    'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'my team',                'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'other team',             'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'assigned to me',         'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'unassigned',             'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y'],
];

const ALLOWED = new Map<string, boolean>();
for (const [role, situation, row] of MATRIX) {
  const marks = row.trim().split(/\s+/);
  if (marks.length !== ROLE_ACTIONS.length) throw new Error(`role matrix: row ${role}/${situation} has ${marks.length} marks`);
  for (const [i, action] of ROLE_ACTIONS.entries()) ALLOWED.set(`${role}|${situation}|${action}`, marks[i] === 'Y');
}
for (const role of ROLES_UNDER_TEST) {
  for (const situation of SITUATION_NAMES)
    if (!MATRIX.some(([r, s]) => r === role && s === situation)) throw new Error(`role matrix: no row ${role}/${situation}`);
}

/** Whether the table gives `role` the right to `action` on a case in `situation` (status aside). */
export function roleAllows(role: RoleUnderTest, situation: Situation, action: RoleAction): boolean {
  return ALLOWED.get(`${role}|${situation}|${action}`)!;
}

/** Every cell of the table: [role, situation, action, allowed]. */
export const ROLE_CELLS: [RoleUnderTest, Situation, RoleAction, boolean][] = MATRIX.flatMap(([role, situation]) =>
  ROLE_ACTIONS.map((action): [RoleUnderTest, Situation, RoleAction, boolean] => [role, situation, action, roleAllows(role, situation, action)]),
);

/** The person under test in `role`: "me" in team "mine", holding that one role. */
export const personOf = (role: RoleUnderTest): Person => aPerson(ME, [role], { team: MY_TEAM, teamLead: null });

/** A secret of every seeded case: whoever may not view the case must never be shown it. */
export const SECRET_SUMMARY = 'secret-summary of the purchase';

/** A case in `situation` to "me" and in `status`, opened in January (so any clock date this spring fits), with `over` applied. */
export const caseIn = (id: string, situation: Situation, status: CaseStatus, over: Partial<CaseRecord> = {}): CaseRecord =>
  aCase({
    id,
    status,
    ...SITUATIONS[situation],
    teamLead: null,
    summary: SECRET_SUMMARY,
    createdAt: '2026-01-05T02:00:00.000Z',
    updatedAt: '2026-01-05T02:00:00.000Z',
    ...over,
  });
