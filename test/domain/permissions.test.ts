import { describe, expect, it } from 'vitest';
import type { CaseRecord, Role } from '../../src/domain/case.js';
import type { Person } from '../../src/domain/directory.js';
import { ACTIONS, can } from '../../src/domain/permissions.js';
import { aCase, aPerson } from '../support/fixtures.js';

const kase = (over: Partial<CaseRecord>): CaseRecord => aCase({ requester: 'bob', team: 'other', analyst: 'ann', ...over });
const me = (...roles: Role[]): Person => aPerson('me', roles, { team: 'mine' });
const allowedActions = (person: Person, k: CaseRecord) => ACTIONS.filter((a) => can(person, a, k));

// The person is "me" in team "mine". Each situation changes one relation to the case.
const situations = {
  own: kase({ requester: 'me' }), // I opened it; another team, assigned to ann
  'my team': kase({ team: 'mine' }), // bob's case in my team, assigned to ann
  'other team': kase({}), // bob's case in another team, assigned to ann
  'assigned to me': kase({ analyst: 'me' }), // bob's case in another team
  unassigned: kase({ analyst: null }), // bob's case in another team
};
type Situation = keyof typeof situations;

// The whole matrix written out by hand: one column per action, Y = allowed.
const COLUMNS = ['view', 'comment', 'export', 'withdraw', 'assign_analyst', 'assign_self', 'start_intake', 'edit_intake', 'mark_ready', 'mark_submitted', 'record_clock', 'record_outcome', 'close'];
//                                     view, comment, export, withdraw, assign_analyst, assign_self,
//                                     start_intake, edit_intake, mark_ready, mark_submitted, record_clock, record_outcome, close
const matrix: [Role, Situation, string][] = [
  ['requester', 'own',                'Y Y Y Y . . . . . . . . .'],
  ['requester', 'my team',            '. . . . . . . . . . . . .'],
  ['requester', 'other team',         '. . . . . . . . . . . . .'],
  ['requester', 'assigned to me',     '. . . . . . . . . . . . .'],
  ['requester', 'unassigned',         '. . . . . . . . . . . . .'],
  ['team_lead', 'own',                'Y Y Y Y . . . . . . . . .'],
  ['team_lead', 'my team',            'Y Y Y Y Y . . . . . . . .'],
  ['team_lead', 'other team',         '. . . . . . . . . . . . .'],
  ['team_lead', 'assigned to me',     '. . . . . . . . . . . . .'],
  ['team_lead', 'unassigned',         '. . . . . . . . . . . . .'],
  ['analyst', 'own',                  'Y Y Y Y . . . . . . . . .'],
  ['analyst', 'my team',              '. . . . . . . . . . . . .'],
  ['analyst', 'other team',           '. . . . . . . . . . . . .'],
  ['analyst', 'assigned to me',       'Y Y Y . . Y Y Y Y Y Y Y Y'],
  ['analyst', 'unassigned',           'Y Y Y . . Y Y Y Y Y Y Y Y'],
  ['admin', 'own',                    'Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'my team',                'Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'other team',             'Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'assigned to me',         'Y Y Y Y Y Y Y Y Y Y Y Y Y'],
  ['admin', 'unassigned',             'Y Y Y Y Y Y Y Y Y Y Y Y Y'],
];

describe('permission matrix: every role x every action x every relation to the case', () => {
  it('the table has a column for every action, in order', () => {
    expect(COLUMNS).toEqual([...ACTIONS]);
  });

  const cells = matrix.flatMap(([role, situation, row]) => {
    const marks = row.trim().split(/\s+/);
    if (marks.length !== COLUMNS.length) throw new Error(`row ${role}/${situation} has ${marks.length} marks`);
    return COLUMNS.map((action, i) => [role, situation, action, marks[i] === 'Y'] as const);
  });
  it.each(cells)('%s, %s case: %s -> %s', (role, situation, action, expected) => {
    expect(can(me(role), action as (typeof ACTIONS)[number], situations[situation])).toBe(expected);
  });
});

describe('edges of the matrix', () => {
  it('a team lead with no team leads no case, not even the cases without a team', () => {
    const lead = aPerson('me', ['team_lead'], { team: null });
    expect(allowedActions(lead, kase({ team: null }))).toEqual([]);
  });

  it('rights add up over roles', () => {
    expect(allowedActions(me('requester', 'analyst'), kase({ requester: 'me', analyst: 'me' }))).toEqual([
      'view', 'comment', 'export', 'withdraw', 'assign_self', 'start_intake', 'edit_intake', 'mark_ready', 'mark_submitted', 'record_clock', 'record_outcome', 'close',
    ]);
    expect(allowedActions(me('team_lead', 'analyst'), kase({ team: 'mine', analyst: null }))).toEqual([...ACTIONS]);
  });

  it('a person with no roles still sees the cases they opened', () => {
    expect(allowedActions(me(), kase({ requester: 'me' }))).toEqual(['view', 'comment', 'export', 'withdraw']);
    expect(allowedActions(me(), kase({}))).toEqual([]);
  });

  it('an analyst loses a case once it is assigned to a colleague', () => {
    expect(can(me('analyst'), 'view', kase({ analyst: null }))).toBe(true);
    expect(can(me('analyst'), 'view', kase({ analyst: 'ann' }))).toBe(false);
  });
});
