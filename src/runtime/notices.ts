import type { CaseNotice, Deadline } from '../domain/index.js';
import type { NewReminder } from '../store/index.js';

/** What a clock notice adds about the deadlines the event leaves: the next one, or that the clock is paused. */
export type ClockContext = { next: Deadline | null; paused: boolean };

/** The domain's notices as scheduler rows: delivered once, by whichever instance claims them. */
export const noticeRows = (notices: readonly CaseNotice[], clock: ClockContext = { next: null, paused: false }): NewReminder[] =>
  notices.map((n): NewReminder => {
    if (n.type === 'clock_event') {
      const next = clock.next && { kind: clock.next.kind, due: clock.next.due, provisional: clock.next.provisional, outerBound: clock.next.outerBound };
      return {
        dedupeKey: `clock:${n.caseId}:${n.event.type}:${n.event.on}:${n.at}`, caseId: n.caseId, recipient: n.recipient, kind: 'clock_event', dueAt: n.at,
        payload: { event: n.event.type, on: n.event.on, paused: clock.paused, next },
      };
    }
    if (n.type === 'countersign_requested') {
      return { dedupeKey: `countersign:${n.caseId}:${n.recipient}`, caseId: n.caseId, recipient: n.recipient, kind: n.type, dueAt: n.at, payload: {} };
    }
    return {
      dedupeKey: `status:${n.caseId}:${n.status}:${n.at}`, caseId: n.caseId, recipient: n.recipient, kind: 'status_changed', dueAt: n.at,
      payload: { status: n.status },
    };
  });
