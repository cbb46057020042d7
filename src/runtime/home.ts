import { formTitle, INTAKE_PLAN, matterOf } from '../../flows/index.js';
import {
  availableActions,
  caseDeadlines,
  describeDue,
  mayEditIntake,
  nextItemKey,
  resolveLang,
  type CaseRecord,
  type DeadlineSettings,
} from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';
import { caseLine } from './case-text.js';
import type { BotDeps, HomeAction, HomeView, Platform } from './contract.js';
import { nextIncompleteForm } from './intake.js';
import { personName } from './person-name.js';
import { listVisibleCases } from './visible-cases.js';

function dueLines(lang: Lang, k: CaseRecord, settings: DeadlineSettings): string[] {
  const d = caseDeadlines(k, settings);
  return d.ok ? d.value.map((x) => t(lang, 'platform.home_due', { kind: t(lang, `pack.deadline.${x.kind}`), due: describeDue(lang, x) })) : [];
}

/**
 * What a person sees on their home tab: cases they may see, each with what they can do next: the next
 * intake section (while it may be edited), or countersigning a risk-prediction record of their team.
 */
export async function homeView(deps: BotDeps, platform: Platform, userId: string, locale?: Lang): Promise<HomeView> {
  const person = deps.resolvePerson(platform, userId);
  const lang = resolveLang({ chosen: (await deps.store.getPerson(person.key))?.lang, directory: person.lang, platform: locale });
  const cases = await listVisibleCases(deps.store, person, 20);
  return {
    lang,
    title: t(lang, 'platform.home_title'),
    intro: t(lang, 'platform.home_intro'),
    startLabel: t(lang, 'platform.start_review'),
    casesTitle: t(lang, 'platform.home_cases'),
    emptyText: t(lang, 'platform.home_no_cases'),
    cases: cases.map((k) => {
      // A button only for a form the person may fill in now: by right and by the case's status.
      const editable = mayEditIntake(person, k);
      const form = editable ? nextIncompleteForm(deps, k) : null;
      const actions: HomeAction[] = form ? [{ id: 'open_form', label: `${t(lang, 'platform.open_form')}: ${formTitle(lang, form)}`, caseId: k.id, form }] : [];
      // A purchase can always take another line item while its intake is open.
      if (editable && (INTAKE_PLAN[matterOf(k)] as readonly string[]).includes('item')) {
        actions.push({ id: 'open_form', label: t(lang, 'platform.add_item'), caseId: k.id, form: nextItemKey(k.intake) });
      }
      if (availableActions(k, person).includes('countersign'))
        actions.push({ id: 'countersign', label: t(lang, 'platform.countersign'), caseId: k.id, command: `countersign ${k.id}` });
      return { caseId: k.id, text: caseLine(lang, k, (key) => personName(deps, key, platform)), due: dueLines(lang, k, deps.deadlines), actions };
    }),
  };
}
