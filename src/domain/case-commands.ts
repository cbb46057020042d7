import type { CaseAction } from './lifecycle.js';

// Case commands typed in chat, English and Chinese: "<verb> <case id> [argument]".
// (record_prediction is no command: the bot keeps a `not_required` record itself.)

/** Verbs whose argument matters: a command typed without it (or with one it does not take) gets its usage, not a new check. */
const USAGE_VERBS = ['assign', 'submitted', 'notice', 'complex', 'special', 'supplement', 'supplied', 'outcome', 'comment'] as const;
type UsageVerb = (typeof USAGE_VERBS)[number];
/** A known case command with its argument missing (or one given that it does not take). */
type CaseCommandUsage = { type: 'usage'; verb: UsageVerb; problem: 'missing' | 'unexpected' };

export type CaseCommand = { caseId: string; action: CaseAction | { type: 'show' } | { type: 'intake' } | { type: 'export' } | CaseCommandUsage };

type Make = (arg: string) => CaseCommand['action'];
/** The verb needs an argument: without one, its usage. */
const needs = (verb: UsageVerb, make: (arg: string) => CaseAction): Make => (arg) => (arg ? make(arg) : { type: 'usage', verb, problem: 'missing' });

const VERBS: [RegExp, Make][] = [
  [/^(show|case|查看|案件|事项)$/, () => ({ type: 'show' })],
  [/^(assign|分配|指派)$/, needs('assign', (arg) => ({ type: 'assign', analyst: arg }))],
  [/^(intake|start intake|填写|填报)$/, () => ({ type: 'intake' })],
  [/^(export|导出)$/, () => ({ type: 'export' })],
  [/^(ready|就绪)$/, () => ({ type: 'mark_ready' })],
  [/^(submitted|已提交|提交)$/, needs('submitted', (arg) => ({ type: 'mark_submitted', on: arg }))],
  // The review clock (review-clock.ts): "notice RB-… 2026-03-10", "书面通知 RB-… 2026-03-10", ...
  [/^(notice|书面通知|收到通知|通知)$/, needs('notice', (arg) => ({ type: 'record_notice', on: arg }))],
  [/^(complex|情况复杂|延长审查)$/, (arg) => (arg ? { type: 'usage', verb: 'complex', problem: 'unexpected' } : { type: 'mark_complex' })],
  [/^(special|特别审查)$/, needs('special', (arg) => ({ type: 'record_special', on: arg }))],
  [/^(supplement|补充材料|要求补充)$/, needs('supplement', (arg) => ({ type: 'request_supplement', on: arg }))],
  [/^(supplied|已补充|补充完成)$/, needs('supplied', (arg) => ({ type: 'record_supplied', on: arg }))],
  [/^(outcome|结果|审查结果)$/, needs('outcome', (arg) => ({ type: 'record_outcome', outcome: arg }))],
  [/^(close|结案|关闭)$/, () => ({ type: 'close' })],
  [/^(withdraw|撤回)$/, () => ({ type: 'withdraw' })],
  [/^(comment|备注|评论)$/, needs('comment', (arg) => ({ type: 'comment', text: arg }))],
  [/^(countersign|会签)$/, () => ({ type: 'countersign' })],
];

const PATTERN = /^\s*\/?(start intake|[a-z]+|[\u4e00-\u9fff]+)\s+(RB-[0-9A-Z]{6})\b\s*(.*)$/i;

export function parseCaseCommand(text: string): CaseCommand | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const verb = m[1]!.toLowerCase();
  for (const [re, make] of VERBS) {
    if (!re.test(verb)) continue;
    return { caseId: m[2]!.toUpperCase(), action: make(m[3]!.trim()) };
  }
  return null;
}
