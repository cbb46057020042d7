import { can, type CaseRecord, type Person } from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';
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

/**
 * The case a person named by its id (typed, on a button, in a form), or null when there is none
 * they may see. A case they may not view is, to them, a case that does not exist: the same answer
 * (`noVisibleCase`), so that asking about ids cannot tell which cases exist.
 */
export async function getVisibleCase(store: Store, person: Person, caseId: string): Promise<CaseRecord | null> {
  const k = await store.getCase(caseId);
  return k && can(person, 'view', k) ? k : null;
}

/** The answer for an id that names no case the person may see, worded to be true both when it does not exist and when it is not theirs to see. */
export const noVisibleCase = (lang: Lang, caseId: string): string => t(lang, 'cases.unknown', { caseId });
