import type { CaseNotice } from '../domain/index.js';
import type { NewReminder } from '../store/index.js';

/** The domain's notices as scheduler rows: delivered once, by whichever instance claims them. */
export const noticeRows = (notices: readonly CaseNotice[]): NewReminder[] =>
  notices.map((n) => ({
    dedupeKey: `status:${n.caseId}:${n.status}:${n.at}`, caseId: n.caseId, recipient: n.recipient, kind: 'status_changed', dueAt: n.at,
    payload: { status: n.status },
  }));
