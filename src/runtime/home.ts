import type { MessageKey } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { CaseRecord } from '../domain/case.js';
import { caseDeadlines } from '../domain/deadlines.js';
import type { Platform } from './actor.js';
import type { BotDeps, HomeView } from './bot.js';
import { mayEditIntake } from './access.js';
import { nextIncompleteForm } from './intake.js';
import { visibleCases } from './visible-cases.js';

function dueLines(lang: Lang, k: CaseRecord, intakeTargetWorkingDays: number): string[] {
  const d = caseDeadlines(k, { intakeTargetWorkingDays });
  return d.ok ? d.value.map((x) => t(lang, 'platform.home_due', { kind: t(lang, `pack.deadline.${x.kind}` as MessageKey), due: x.due })) : [];
}

/** What a person sees on their home tab: cases they may see, each with its next intake action. */
export async function homeView(deps: BotDeps, platform: Platform, userId: string): Promise<HomeView> {
  const actor = deps.resolveActor(platform, userId);
  const lang = (await deps.store.getPerson(actor.key))?.lang ?? actor.lang ?? 'en';
  const cases = await visibleCases(deps.store, actor, 20);
  return {
    lang,
    title: t(lang, 'platform.home_title'),
    intro: t(lang, 'platform.home_intro'),
    startLabel: t(lang, 'platform.start_review'),
    casesTitle: t(lang, 'platform.home_cases'),
    emptyText: t(lang, 'platform.home_no_cases'),
    cases: cases.map((k) => {
      const form = mayEditIntake(actor, k) ? nextIncompleteForm(deps, k) : null;
      return {
        caseId: k.id,
        text: t(lang, 'runtime.case_line', { id: k.id, outcome: t(lang, `decision.${k.triage.outcome}.title` as MessageKey), status: k.status, summary: k.summary || '—' }),
        due: dueLines(lang, k, deps.intakeTargetWorkingDays ?? 5),
        actions: form ? [{ id: 'open_form', label: `${t(lang, 'platform.open_form')}: ${t(lang, `intake.${form}.title` as MessageKey)}`, caseId: k.id, form }] : [],
      };
    }),
  };
}
