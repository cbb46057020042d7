import type { Outbound } from '../engine/index.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Reminder } from '../store/index.js';

/** A reminder row as a message in the recipient's language. */
export function renderReminder(r: Reminder, lang: Lang): Outbound[] {
  const p = (r.payload ?? {}) as Record<string, string>;
  const caseId = r.caseId ?? '';
  if (r.kind === 'status_changed') {
    return [{ type: 'info', text: t(lang, 'notice.status_changed', { caseId, status: t(lang, `status.${p.status}` as MessageKey) }) }];
  }
  return [{
    type: 'info',
    text: t(lang, 'notice.deadline', {
      caseId, due: p.due ?? '', kind: t(lang, `pack.deadline.${p.kind}` as MessageKey), when: t(lang, `notice.when.${p.when}` as MessageKey),
    }),
  }];
}
