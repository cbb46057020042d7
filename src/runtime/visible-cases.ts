import type { CaseRecord } from '../domain/case.js';
import { mayView } from '../domain/permissions.js';
import type { Store } from '../store/index.js';
import type { Actor } from './actor.js';

/** The cases a person may see: the store narrows by index, the domain rule decides. */
export async function visibleCases(store: Store, actor: Actor, limit = 100): Promise<CaseRecord[]> {
  const r = actor.roles;
  const query = r.includes('admin')
    ? { limit }
    : {
        requester: actor.key,
        ...(r.includes('team_lead') && actor.team ? { team: actor.team } : {}),
        ...(r.includes('analyst') ? { analyst: actor.key, includeUnassigned: true } : {}),
        limit,
      };
  return (await store.listCases(query)).filter((k) => mayView(actor, k));
}
