import { checkFreeText } from './free-text.js';
import type { CaseAction } from './lifecycle.js';

// Case commands typed in chat, English and Chinese: "<verb> <case id> [argument]".
// (record_prediction is no command: the bot keeps a `not_required` record itself.)
/** What a reminder's Acknowledge and Remind me next working day buttons do, typed instead (reminder-rules.ts). */
export type ReminderCommand = { type: 'acknowledge' } | { type: 'snooze' };

/** Verbs whose argument matters: a command typed without it (or with one it does not take) gets its usage, not a new check. */
const USAGE_VERBS = ['assign', 'submitted', 'notice', 'complex', 'special', 'supplement', 'supplied', 'outcome', 'comment', 'ready', 'item'] as const;
type UsageVerb = (typeof USAGE_VERBS)[number];
/** A known case command with its argument missing (or one given that it does not take): refused with how it is typed. */
type CaseCommandUsage = { type: 'usage'; verb: UsageVerb; problem: 'missing' | 'unexpected' };

export type CaseCommand = {
  caseId: string;
  action:
    | CaseAction
    | { type: 'show' }
    | { type: 'intake' }
    | { type: 'export' }
    | CaseCommandUsage
    | ReminderCommand
    /** Line items of a purchase: add one, edit item n, remove item n. */
    | { type: 'item'; op: 'add' }
    | { type: 'item'; op: 'edit' | 'remove'; n: number }
    /** A file for the case: a path (terminal), or the files attached to the same message (Slack, Teams). */
    | { type: 'attach'; path: string | null };
};

/** null: not this command after all (an acknowledge with words after the id is chat, not a click). */
type Make = (arg: string) => CaseCommand['action'] | null;
/** The verb needs an argument: without one, its usage. */
const needs =
  (verb: UsageVerb, make: (arg: string) => CaseAction): Make =>
  (arg) =>
    arg ? make(arg) : { type: 'usage', verb, problem: 'missing' };

const READY_ANYWAY = /^(?:anyway|regardless|force|仍然|强制|坚持)\s*[:：,，]?\s*(.*)$/isu;
const CONFIRM = /^(?:confirm|confirmed|yes|确认|是)$/i;
const ITEM_ADD = /^(?:add|new|新增|添加|增加)$/i;
const ITEM_EDIT = /^(?:edit\s+|修改\s*)?#?(\d{1,3})$/i;
const ITEM_REMOVE = /^(?:remove|delete|删除|移除)\s*#?(\d{1,3})$/i;

function readyAction(arg: string): CaseCommand['action'] {
  if (!arg) return { type: 'mark_ready', missing: [] };
  const m = READY_ANYWAY.exec(arg);
  return m ? { type: 'mark_ready', missing: [], reason: m[1]!.trim() } : { type: 'usage', verb: 'ready', problem: 'unexpected' };
}

function itemAction(arg: string): CaseCommand['action'] {
  if (ITEM_ADD.test(arg)) return { type: 'item', op: 'add' };
  const remove = ITEM_REMOVE.exec(arg);
  if (remove) return { type: 'item', op: 'remove', n: Number(remove[1]) };
  const edit = ITEM_EDIT.exec(arg);
  return edit ? { type: 'item', op: 'edit', n: Number(edit[1]) } : { type: 'usage', verb: 'item', problem: arg ? 'unexpected' : 'missing' };
}

const VERBS: [RegExp, Make][] = [
  [/^(show|case|查看|案件|事项)$/, () => ({ type: 'show' })],
  [/^(assign|分配|指派)$/, needs('assign', (arg) => ({ type: 'assign', analyst: arg }))],
  [/^(intake|start intake|填写|填报)$/, () => ({ type: 'intake' })],
  [/^(export|导出)$/, () => ({ type: 'export' })],
  // "ready RB-…" (the runtime fills in what is missing); "ready RB-… anyway <reason>" marks it ready all the same.
  [/^(ready|就绪)$/, readyAction],
  [/^(item|items|明细|采购明细)$/, itemAction],
  [/^(attach|附件|上传)$/, (arg) => ({ type: 'attach', path: arg || null })],
  [/^(submitted|已提交|提交)$/, needs('submitted', (arg) => ({ type: 'mark_submitted', on: arg }))],
  // The review clock (review-clock.ts): "notice RB-… 2026-03-10", "书面通知 RB-… 2026-03-10", ...
  [/^(notice|书面通知|收到通知|通知)$/, needs('notice', (arg) => ({ type: 'record_notice', on: arg }))],
  [/^(complex|情况复杂|延长审查)$/, (arg) => (arg ? { type: 'usage', verb: 'complex', problem: 'unexpected' } : { type: 'mark_complex' })],
  [/^(special|特别审查)$/, needs('special', (arg) => ({ type: 'record_special', on: arg }))],
  [/^(supplement|补充材料|要求补充)$/, needs('supplement', (arg) => ({ type: 'request_supplement', on: arg }))],
  [/^(supplied|已补充|补充完成)$/, needs('supplied', (arg) => ({ type: 'record_supplied', on: arg }))],
  [/^(outcome|结果|审查结果)$/, needs('outcome', (arg) => ({ type: 'record_outcome', outcome: arg }))],
  [/^(close|结案|关闭)$/, () => ({ type: 'close' })],
  // "withdraw RB-… <reason>" asks; "withdraw RB-… confirm" carries it out.
  [/^(withdraw|撤回)$/, (arg) => (CONFIRM.test(arg) ? { type: 'withdraw', confirm: true } : arg ? { type: 'withdraw', reason: arg } : { type: 'withdraw' })],
  [/^(comment|备注|评论)$/, needs('comment', (arg) => ({ type: 'comment', text: arg }))],
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
