import { can, type CaseRecord, type Person } from '../domain/index.js';
import type { Store } from '../store/index.js';

/** The cases a person may see: the store narrows by index, the domain rule decides. */
export async function listVisibleCases(store: Store, person: Person, limit = 100): Promise<CaseRecord[]> {
  const r = person.roles;
  const query = r.includes('admin')
    ? { limit }
    : {
        requester: person.key,
        ...(r.includes('team_lead') && person.team ? { team: person.team } : {}),
        ...(r.includes('analyst') ? { analyst: person.key, includeUnassigned: true } : {}),
        limit,
      };
  return (await store.listCases(query)).filter((k) => can(person, 'view', k));
}
