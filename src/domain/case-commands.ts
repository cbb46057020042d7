import { checkFreeText } from './free-text.js';
import type { CaseAction } from './lifecycle.js';

// Case commands typed in chat, English and Chinese: "<verb> <case id> [argument]".
// (record_prediction is no command: the bot keeps a `not_required` record itself.)
export type CaseCommand = { caseId: string; action: CaseAction | { type: 'show' } | { type: 'intake' } | ReminderCommand };
/** What a reminder's Acknowledge and Remind me next working day buttons do, typed instead (reminder-rules.ts). */
export type ReminderCommand = { type: 'acknowledge' } | { type: 'snooze' };

const VERBS: [RegExp, (arg: string) => CaseCommand['action'] | null][] = [
  [/^(show|case|查看|案件)$/, () => ({ type: 'show' })],
  [/^(assign|分配|指派)$/, (arg) => (arg ? { type: 'assign', analyst: arg } : null)],
  [/^(intake|start intake|填写|填报)$/, () => ({ type: 'intake' })],
  [/^(ready|就绪)$/, () => ({ type: 'mark_ready' })],
  [/^(submitted|已提交|提交)$/, (arg) => (arg ? { type: 'mark_submitted', on: arg } : null)],
  // The review clock (review-clock.ts): "notice RB-… 2026-03-10", "书面通知 RB-… 2026-03-10", ...
  [/^(notice|书面通知|收到通知|通知)$/, (arg) => (arg ? { type: 'record_notice', on: arg } : null)],
  [/^(complex|情况复杂|延长审查)$/, (arg) => (arg ? null : { type: 'mark_complex' })],
  [/^(special|特别审查)$/, (arg) => (arg ? { type: 'record_special', on: arg } : null)],
  [/^(supplement|补充材料|要求补充)$/, (arg) => (arg ? { type: 'request_supplement', on: arg } : null)],
  [/^(supplied|已补充|补充完成)$/, (arg) => (arg ? { type: 'record_supplied', on: arg } : null)],
  [/^(outcome|结果|审查结果)$/, (arg) => (arg ? { type: 'record_outcome', outcome: arg } : null)],
  [/^(close|结案|关闭)$/, () => ({ type: 'close' })],
  [/^(withdraw|撤回)$/, () => ({ type: 'withdraw' })],
  [/^(comment|备注|评论)$/, (arg) => (arg ? { type: 'comment', text: arg } : null)],
  [/^(countersign|会签)$/, () => ({ type: 'countersign' })],
  // A deadline reminder's buttons, for chats without them (the terminal) or by habit: "acknowledge RB-…", "知悉 RB-…".
  [/^(acknowledge|ack|知悉|已知悉)$/, (arg) => (arg ? null : { type: 'acknowledge' })],
  [/^(snooze|稍后提醒|推迟提醒)$/, (arg) => (arg ? null : { type: 'snooze' })],
];

const PATTERN = /^\s*\/?(start intake|[a-z]+|[\u4e00-\u9fff]+)\s+(RB-[0-9A-Z]{6})\b\s*(.*)$/i;

export function parseCaseCommand(text: string): CaseCommand | null {
  // Text the free-text check refuses is no command, whatever it starts with: the chat refuses it
  // with the reason (a verb without argument would otherwise run and drop the rest unseen).
  if (!checkFreeText(text).ok) return null;
  const m = PATTERN.exec(text);
  if (!m) return null;
  const verb = m[1]!.toLowerCase();
  for (const [re, make] of VERBS) {
    if (!re.test(verb)) continue;
    const action = make(m[3]!.trim());
    return action ? { caseId: m[2]!.toUpperCase(), action } : null;
  }
  return null;
}
