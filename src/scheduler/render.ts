import { describeDue, deadlineShortLabel, type ClockEventType, type DeadlineKind } from '../domain/index.js';
import type { Outbound } from '../engine/index.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Reminder } from '../store/index.js';

type DueText = { due: string; provisional?: boolean | undefined; outerBound?: boolean | undefined };
const due = (lang: Lang, d: DueText) => describeDue(lang, { due: d.due, provisional: d.provisional === true, outerBound: d.outerBound === true });

/** A reminder row as a message in the recipient's language. */
export function renderReminder(r: Reminder, lang: Lang): Outbound[] {
  const caseId = r.caseId ?? '';
  if (r.kind === 'status_changed') {
    const p = (r.payload ?? {}) as Record<string, string>;
    return [{ type: 'info', text: t(lang, 'notice.status_changed', { caseId, status: t(lang, `status.${p.status}` as MessageKey) }) }];
  }
  if (r.kind === 'countersign_requested') return [{ type: 'info', text: t(lang, 'notice.countersign_requested', { caseId }) }];
  if (r.kind === 'clock_event') {
    // A clock event recorded on the case (review-clock.ts), with the deadline it leaves running.
    const p = r.payload as { event: ClockEventType; on: string; next: (DueText & { kind: DeadlineKind }) | null; paused: boolean };
    const then = p.paused ? t(lang, 'notice.clock_paused')
      : p.next ? t(lang, 'notice.clock_next', { kind: deadlineShortLabel(lang, p.next.kind), due: due(lang, p.next) }) : '';
    return [{ type: 'info', text: [t(lang, 'notice.clock_event', { caseId, event: t(lang, `clock.event.${p.event}`), on: p.on }), then].filter(Boolean).join(lang === 'zh-CN' ? '' : ' ') }];
  }
  if (r.kind === 'deadline_moved') {
    const p = r.payload as { kind: DeadlineKind; from: string; to: string; wasProvisional: boolean; provisional: boolean };
    return [{
      type: 'info',
      text: t(lang, 'notice.deadline_moved', {
        caseId, kind: deadlineShortLabel(lang, p.kind), from: due(lang, { due: p.from, provisional: p.wasProvisional }), to: due(lang, { due: p.to, provisional: p.provisional }),
      }),
    }];
  }
  const p = (r.payload ?? {}) as Record<string, string> & { provisional?: boolean; outerBound?: boolean };
  return [{
    type: 'info',
    text: t(lang, 'notice.deadline', {
      caseId, due: due(lang, { due: p.due ?? '', provisional: p.provisional, outerBound: p.outerBound }),
      kind: t(lang, `pack.deadline.${p.kind}` as MessageKey), when: t(lang, `notice.when.${p.when}` as MessageKey),
    }),
  }];
}
