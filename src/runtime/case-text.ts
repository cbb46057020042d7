import { outcomeTitle, statusLabel, type CaseRecord } from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';

/** One case as a line: id, outcome, status, what was asked; a risk-prediction record also says whether it is countersigned. */
export function caseLine(lang: Lang, k: CaseRecord, nameOf: (key: string) => string = (key) => key): string {
  const line = t(lang, 'runtime.case_line', {
    id: k.id,
    outcome: outcomeTitle(lang, k.triage.outcome),
    status: statusLabel(lang, k.status),
    summary: k.summary || '—',
  });
  if (k.triage.outcome !== 'not_required') return line;
  const record = k.countersign ? t(lang, 'runtime.record_countersigned', { by: nameOf(k.countersign.by) }) : t(lang, 'runtime.record_awaiting');
  return `${line} · ${record}`;
}

/** "My cases" as one message. */
export function renderCaseList(lang: Lang, cases: readonly CaseRecord[], nameOf?: (key: string) => string): string {
  if (cases.length === 0) return t(lang, 'runtime.no_cases');
  return [t(lang, 'runtime.cases_header', { n: cases.length }), ...cases.map((k) => caseLine(lang, k, nameOf))].join('\n');
}
