import type { CaseNotice, Deadline } from '../domain/index.js';
import type { NewReminder } from '../store/index.js';
import { clockNotice, countersignNotice, statusNotice } from './reminders.js';

/** What a clock notice adds about the deadlines the event leaves: the next one, or that the clock is paused. */
export type ClockContext = { next: Deadline | null; paused: boolean };

/** The domain's notices as scheduler rows: delivered once, by whichever instance claims them. */
export const noticeRows = (notices: readonly CaseNotice[], clock: ClockContext = { next: null, paused: false }): NewReminder[] =>
  notices.map((n): NewReminder => {
    if (n.type === 'clock_event') return clockNotice(n.caseId, n.recipient, n.event, clock, n.at);
    if (n.type === 'countersign_requested') return countersignNotice(n.caseId, n.recipient, n.at);
    return statusNotice(n.caseId, n.recipient, n.status, n.at);
  });
