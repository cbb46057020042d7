import { describe, expect, it } from 'vitest';
import type { CaseRecord, Role } from '../../src/domain/case.js';
import type { Person } from '../../src/domain/directory.js';
import { ACTIONS, can } from '../../src/domain/permissions.js';
import { aCase, aPerson } from '../support/fixtures.js';
import { ME, MY_TEAM, ROLE_ACTIONS, ROLE_CELLS, SITUATIONS } from '../support/role-matrix.js';

const kase = (over: Partial<CaseRecord>): CaseRecord => aCase({ ...SITUATIONS['other team'], ...over });
const me = (...roles: Role[]): Person => aPerson(ME, roles, { team: MY_TEAM });
const allowedActions = (person: Person, k: CaseRecord) => ACTIONS.filter((a) => can(person, a, k));

// The hand-written role x relation table (test/support/role-matrix.ts) is shared with the
// authorisation matrix through chat, Slack and Teams (test/runtime/authz-matrix.test.ts).
describe('permission matrix: every role x every action x every relation to the case', () => {
  it('the table has a column for every action, in order', () => {
    expect([...ROLE_ACTIONS]).toEqual([...ACTIONS]);
  });

  it.each(ROLE_CELLS)('%s, %s case: %s -> %s', (role, situation, action, expected) => {
    expect(can(me(role), action, aCase(SITUATIONS[situation]))).toBe(expected);
  });
});

describe('edges of the matrix', () => {
  it('a team lead with no team leads no case, not even the cases without a team', () => {
    const lead = aPerson(ME, ['team_lead'], { team: null });
    expect(allowedActions(lead, kase({ team: null }))).toEqual([]);
  });

  it('rights add up over roles', () => {
    expect(allowedActions(me('requester', 'analyst'), kase({ requester: ME, analyst: ME }))).toEqual([
      'view',
      'comment',
      'export',
      'withdraw',
      'assign_self',
      'start_intake',
      'edit_intake',
      'mark_ready',
      'mark_submitted',
      'record_clock',
      'record_outcome',
      'close',
      'record_prediction',
    ]);
    // Everything but keeping a prediction record, which is the requester's own (a stranger's here).
    expect(allowedActions(me('team_lead', 'analyst'), kase({ team: MY_TEAM, analyst: null }))).toEqual(ACTIONS.filter((a) => a !== 'record_prediction'));
  });

  it('a person with no roles still sees the cases they opened', () => {
    expect(allowedActions(me(), kase({ requester: ME }))).toEqual(['view', 'comment', 'export', 'withdraw', 'record_prediction']);
    expect(allowedActions(me(), kase({}))).toEqual([]);
  });

  it('an analyst loses a case once it is assigned to a colleague', () => {
    expect(can(me('analyst'), 'view', kase({ analyst: null }))).toBe(true);
    expect(can(me('analyst'), 'view', kase({}))).toBe(false);
  });
});
