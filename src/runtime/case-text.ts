import type { CaseRecord } from '../domain/case.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';

/** "My cases" as one message. */
export function renderCaseList(lang: Lang, cases: readonly CaseRecord[]): string {
  if (cases.length === 0) return t(lang, 'runtime.no_cases');
  const lines = cases.map((k) =>
    t(lang, 'runtime.case_line', {
      id: k.id,
      outcome: t(lang, `decision.${k.triage.outcome}.title` as MessageKey),
      status: t(lang, `status.${k.status}` as MessageKey),
      summary: k.summary || '—',
    }));
  return [t(lang, 'runtime.cases_header', { n: cases.length }), ...lines].join('\n');
}
