import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/index.js';
import { listVisibleCases } from '../../src/runtime/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { aCase, aPerson } from '../support/fixtures.js';

// The store narrows the listing by index (requester, team, analyst); the domain's `view` rule has
// the last word. "me" is in team "mine"; each case changes one relation to me.
const cases = {
  own: aCase({ id: 'RB-OWN001', requester: 'me', team: 'other', analyst: 'ann' }),
  'my team': aCase({ id: 'RB-TEAM01', requester: 'bob', team: 'mine', analyst: 'ann' }),
  'other team': aCase({ id: 'RB-OTHER1', requester: 'bob', team: 'other', analyst: 'ann' }),
  'assigned to me': aCase({ id: 'RB-MINE01', requester: 'bob', team: 'other', analyst: 'me' }),
  unassigned: aCase({ id: 'RB-NOONE1', requester: 'bob', team: 'other', analyst: null }),
};

let store: Store;
afterEach(async () => store?.close());

describe('the cases a person may see', () => {
  it.each<[Role, (keyof typeof cases)[]]>([
    ['requester', ['own']],
    ['analyst', ['own', 'assigned to me', 'unassigned']],
    ['team_lead', ['own', 'my team']],
    ['admin', ['own', 'my team', 'other team', 'assigned to me', 'unassigned']],
  ])('%s sees %j', async (role, expected) => {
    store = await openSqliteStore(':memory:');
    expect(await store.saveCases({ newCases: Object.values(cases) })).toBe('ok');
    const seen = await listVisibleCases(store, aPerson('me', [role], { team: 'mine' }));
    expect(seen.map((k) => k.id).sort()).toEqual(expected.map((name) => cases[name].id).sort());
  });
});
