import { caseDeadlines, describeDue, mayEditIntake, outcomeTitle, resolveLang, statusLabel, type CaseRecord, type DeadlineSettings } from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { BotDeps, HomeView, Platform } from './contract.js';
import { intakeFormTitle, nextIncompleteForm } from './intake.js';
import { listVisibleCases } from './visible-cases.js';

function dueLines(lang: Lang, k: CaseRecord, settings: DeadlineSettings): string[] {
  const d = caseDeadlines(k, settings);
  return d.ok ? d.value.map((x) => t(lang, 'platform.home_due', { kind: t(lang, `pack.deadline.${x.kind}`), due: describeDue(lang, x) })) : [];
}

/** What a person sees on their home tab: cases they may see, each with its next intake action. */
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
      const form = mayEditIntake(person, k) ? nextIncompleteForm(deps, k) : null;
      return {
        caseId: k.id,
        text: t(lang, 'runtime.case_line', { id: k.id, outcome: outcomeTitle(lang, k.triage.outcome), status: statusLabel(lang, k.status), summary: k.summary || '—' }),
        due: dueLines(lang, k, deps.deadlines),
        actions: form ? [{ id: 'open_form', label: `${t(lang, 'platform.open_form')}: ${intakeFormTitle(deps, lang, form)}`, caseId: k.id, form }] : [],
      };
    }),
  };
}
