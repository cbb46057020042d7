import { outcomeTitle, statusLabel, type CaseRecord } from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';

/** "My cases" as one message. */
export function renderCaseList(lang: Lang, cases: readonly CaseRecord[]): string {
  if (cases.length === 0) return t(lang, 'runtime.no_cases');
  const lines = cases.map((k) =>
    t(lang, 'runtime.case_line', { id: k.id, outcome: outcomeTitle(lang, k.triage.outcome), status: statusLabel(lang, k.status), summary: k.summary || '—' }));
  return [t(lang, 'runtime.cases_header', { n: cases.length }), ...lines].join('\n');
}
