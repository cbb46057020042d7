import { checkFreeText } from './free-text.js';
import type { CaseAction } from './lifecycle.js';

// Case commands typed in chat, English and Chinese: "<verb> <case id> [argument]".
// (record_prediction is no command: the bot keeps a `not_required` record itself.)
export type CaseCommand = {
  caseId: string;
  action: CaseAction | { type: 'show' } | { type: 'intake' } | ReminderCommand
    /** Line items of a purchase: add one, edit item n, remove item n. */
    | { type: 'item'; op: 'add' } | { type: 'item'; op: 'edit' | 'remove'; n: number }
    /** A file for the case: a path (terminal), or the files attached to the same message (Slack, Teams). */
    | { type: 'attach'; path: string | null }
    /** A verb and a case with an argument the verb does not take ("ready RB-… soon"): refused with how it is typed. */
    | { type: 'usage'; verb: 'ready' | 'item' };
};
/** What a reminder's Acknowledge and Remind me next working day buttons do, typed instead (reminder-rules.ts). */
export type ReminderCommand = { type: 'acknowledge' } | { type: 'snooze' };

const READY_ANYWAY = /^(?:anyway|regardless|force|仍然|强制|坚持)\s*[:：,，]?\s*(.*)$/isu;
const CONFIRM = /^(?:confirm|confirmed|yes|确认|是)$/i;
const ITEM_ADD = /^(?:add|new|新增|添加|增加)$/i;
const ITEM_EDIT = /^(?:edit\s+|修改\s*)?#?(\d{1,3})$/i;
const ITEM_REMOVE = /^(?:remove|delete|删除|移除)\s*#?(\d{1,3})$/i;

function readyAction(arg: string): CaseCommand['action'] | null {
  if (!arg) return { type: 'mark_ready', missing: [] };
  const m = READY_ANYWAY.exec(arg);
  return m ? { type: 'mark_ready', missing: [], reason: m[1]!.trim() } : { type: 'usage', verb: 'ready' };
}

function itemAction(arg: string): CaseCommand['action'] | null {
  if (ITEM_ADD.test(arg)) return { type: 'item', op: 'add' };
  const remove = ITEM_REMOVE.exec(arg);
  if (remove) return { type: 'item', op: 'remove', n: Number(remove[1]) };
  const edit = ITEM_EDIT.exec(arg);
  return edit ? { type: 'item', op: 'edit', n: Number(edit[1]) } : { type: 'usage', verb: 'item' };
}

const VERBS: [RegExp, (arg: string) => CaseCommand['action'] | null][] = [
  [/^(show|case|查看|案件)$/, () => ({ type: 'show' })],
  [/^(assign|分配|指派)$/, (arg) => (arg ? { type: 'assign', analyst: arg } : null)],
  [/^(intake|start intake|填写|填报)$/, () => ({ type: 'intake' })],
  // "ready RB-…" (the runtime fills in what is missing); "ready RB-… anyway <reason>" marks it ready all the same.
  [/^(ready|就绪)$/, readyAction],
  [/^(item|items|明细|采购明细)$/, itemAction],
  [/^(attach|附件|上传)$/, (arg) => ({ type: 'attach', path: arg || null })],
  [/^(submitted|已提交|提交)$/, (arg) => (arg ? { type: 'mark_submitted', on: arg } : null)],
  // The review clock (review-clock.ts): "notice RB-… 2026-03-10", "书面通知 RB-… 2026-03-10", ...
  [/^(notice|书面通知|收到通知|通知)$/, (arg) => (arg ? { type: 'record_notice', on: arg } : null)],
  [/^(complex|情况复杂|延长审查)$/, (arg) => (arg ? null : { type: 'mark_complex' })],
  [/^(special|特别审查)$/, (arg) => (arg ? { type: 'record_special', on: arg } : null)],
  [/^(supplement|补充材料|要求补充)$/, (arg) => (arg ? { type: 'request_supplement', on: arg } : null)],
  [/^(supplied|已补充|补充完成)$/, (arg) => (arg ? { type: 'record_supplied', on: arg } : null)],
  [/^(outcome|结果|审查结果)$/, (arg) => (arg ? { type: 'record_outcome', outcome: arg } : null)],
  [/^(close|结案|关闭)$/, () => ({ type: 'close' })],
  // "withdraw RB-… <reason>" asks; "withdraw RB-… confirm" carries it out.
  [/^(withdraw|撤回)$/, (arg) => (CONFIRM.test(arg) ? { type: 'withdraw', confirm: true } : arg ? { type: 'withdraw', reason: arg } : { type: 'withdraw' })],
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
