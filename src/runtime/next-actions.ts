import { availableActions, can, mayEditIntake, type CaseRecord, type Person } from '../domain/index.js';
import type { NextAction, Outbound } from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { BotDeps } from './contract.js';
import { nextIncompleteForm } from './intake.js';

// What a person may do next with a case, shown on its decision: the rights and statuses decide
// (domain), the adapters only render the list. Each action is also a chat command, so the
// terminal shows what to type and a platform button runs the same command (Bot.act).

type NextActionId = NextAction['id'];

const action = (lang: Lang, id: NextActionId, k: CaseRecord, extra: Partial<NextAction> = {}): NextAction => ({
  id,
  label: t(lang, `actions.${id}`),
  caseId: k.id,
  command: t(lang, `actions.command.${id}`, { caseId: k.id }),
  ...extra,
});

/**
 * The actions `person` may take on `k` now, in a fixed order. A `not_required` outcome is a closed
 * risk-prediction record: it can only be exported (and, for the record's reference, is named so).
 */
export function nextActions(deps: BotDeps, person: Person, k: CaseRecord, lang: Lang): NextAction[] {
  const out: NextAction[] = [];
  const record = k.triage.outcome === 'not_required';
  if (!record && can(person, 'view', k)) out.push(action(lang, 'view', k));
  const form = !record && mayEditIntake(person, k) ? nextIncompleteForm(deps, k) : null;
  if (form) out.push(action(lang, 'intake', k, { form }));
  // Analysts take a case themselves; the lifecycle says whether it can be assigned now, and to them.
  const mayTake = person.roles.some((r) => r === 'analyst' || r === 'admin') && k.analyst !== person.key && availableActions(k, person).includes('assign');
  if (!record && mayTake) out.push(action(lang, 'assign_me', k));
  if (can(person, 'export', k)) out.push(action(lang, 'export', k, record ? { label: t(lang, 'actions.export_record') } : {}));
  return out;
}

/** How a decision names its case: a case to work on, or (not_required) a risk-prediction record. */
export const referenceOf = (lang: Lang, k: Pick<CaseRecord, 'id' | 'triage'>): string =>
  t(lang, k.triage.outcome === 'not_required' ? 'platform.record' : 'platform.case', { caseId: k.id });

/** The decisions among `messages`, each with its case's reference and the person's next actions. */
export async function withNextActions(
  deps: BotDeps,
  person: Person,
  messages: Outbound[],
  lang: Lang,
  caseOf: (id: string) => Promise<CaseRecord | null>,
): Promise<Outbound[]> {
  const out: Outbound[] = [];
  for (const m of messages) {
    const k = m.type === 'decision' && m.caseId ? await caseOf(m.caseId) : null;
    out.push(m.type === 'decision' && k ? { ...m, reference: referenceOf(lang, k), actions: nextActions(deps, person, k, lang) } : m);
  }
  return out;
}
