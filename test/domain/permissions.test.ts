import { describe, expect, it } from 'vitest';
import type { CaseRecord, Role } from '../../src/domain/case.js';
import { ACTIONS, can, type Action } from '../../src/domain/permissions.js';

const kase = (over: Partial<CaseRecord>): CaseRecord => ({
  id: 'RB-1', createdAt: 'x', updatedAt: 'x', status: 'open', requester: 'alice', team: 'it', teamLead: 'lee', analyst: 'ann', lang: 'en',
  summary: '', triage: { answers: {}, outcome: 'required', reasons: [] }, intake: {}, submittedOn: null, complex: false, authorityOutcome: null, ...over,
});

// The whole matrix, written out: role x relation to the case -> allowed actions.
const R = ['view', 'comment', 'export', 'withdraw'];
const L = ['view', 'comment', 'export', 'withdraw', 'assign_analyst'];
const A = ['view', 'comment', 'export', 'assign_analyst', 'edit_intake', 'mark_ready', 'mark_submitted', 'record_outcome', 'close'];
const ALL = [...ACTIONS];
const matrix: [string, Role, Partial<CaseRecord>, string[]][] = [
  ['requester, own case', 'requester', { requester: 'me' }, R],
  ['requester, someone else\'s case', 'requester', {}, []],
  ['team lead, own team', 'team_lead', { team: 'mine' }, L],
  ['team lead, other team', 'team_lead', { team: 'other' }, []],
  ['analyst, assigned to them', 'analyst', { analyst: 'me' }, A],
  ['analyst, unassigned', 'analyst', { analyst: null }, A],
  ['analyst, assigned to another', 'analyst', { analyst: 'ann' }, []],
  ['admin, any case', 'admin', {}, ALL],
];

describe('permission matrix (every role x every action)', () => {
  const cells = matrix.flatMap(([name, role, over, allowed]) => ACTIONS.map((action) => [name, role, over, action, allowed.includes(action)] as const));
  it.each(cells)('%s: %s may %s -> %s', (_n, role, over, action, expected) => {
    expect(can({ key: 'me', team: 'mine', roles: [role] }, action as Action, kase(over))).toBe(expected);
  });
});
