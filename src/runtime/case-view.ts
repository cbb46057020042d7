import {
  caseClock,
  describeCaseClock,
  describeWorkingDayErrorIn,
  outcomeTitle,
  shanghaiDate,
  statusLabel,
  warningText,
  type AttachmentMeta,
  type CaseRecord,
} from '../domain/index.js';
import type { Outbound } from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import { attachmentLines } from './attachments.js';
import type { BotDeps, Platform } from './contract.js';
import { personName, teamName } from './person-name.js';

/**
 * The case as a person may see it: outcome, status, people (by name, as `reader`'s platform shows
 * them), warnings, the review clock on the day and the attached files (`show RB-…`, a reminder's "Open case").
 */
export function caseView(deps: BotDeps, k: CaseRecord, lang: Lang, now: Date, reader: Platform, files: readonly AttachmentMeta[] = []): Outbound {
  const lines = [
    t(lang, 'cases.show', {
      id: k.id,
      outcome: outcomeTitle(lang, k.triage.outcome),
      status: statusLabel(lang, k.status),
      requester: personName(deps, k.requester, reader),
      team: k.team ? teamName(deps, k.team) : '—',
      analyst: k.analyst ? personName(deps, k.analyst, reader) : '—',
      summary: k.summary || '—',
    }),
  ];
  if (k.triage.outcome === 'not_required') {
    lines.push(
      k.countersign
        ? t(lang, 'cases.countersigned_by', { by: personName(deps, k.countersign.by, reader), at: shanghaiDate(new Date(k.countersign.at)) })
        : t(lang, 'cases.awaiting_countersign', { caseId: k.id }),
    );
  }
  for (const w of k.warnings) lines.push(t(lang, 'engine.why_warning', { text: warningText(lang, w), source: w.source }));
  const c = caseClock(k, deps.deadlines, shanghaiDate(now));
  if (c.ok) lines.push(...describeCaseClock(lang, c.value));
  else lines.push(describeWorkingDayErrorIn(lang, c.error));
  lines.push(...attachmentLines(deps, lang, files, reader));
  return { type: 'info', text: lines.join('\n') };
}
