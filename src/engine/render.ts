import { chineseNumeral, t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { warningText, type Citation } from '../domain/index.js';
import type { Answers, Decision, Flow, StepDef } from './flow.js';
import type { Choice, Outbound } from './message.js';

/** "Cybersecurity Review Measures (2022) Art. 2, 21" / "《网络安全审查办法》第二条、第二十一条". */
export function renderCitation(lang: Lang, c: Citation): string {
  const articles = c.articles.map((n) => t(lang, 'cite.article', { n, cn: chineseNumeral(n) })).join(t(lang, 'cite.separator'));
  return t(lang, `cite.${c.source}` as MessageKey, { articles });
}

export const choiceList = (lang: Lang, step: StepDef): Choice[] => (step.choices ?? []).map((c) => ({ id: c.id, label: t(lang, c.label) }));

export function choiceLabel(lang: Lang, step: StepDef, id: string): string {
  const c = step.choices?.find((x) => x.id === id);
  return c ? t(lang, c.label) : id;
}

/**
 * The question for a step, choices in the flow's order. With a classifier's guess pending it asks
 * to confirm the guess; with a hedged answer pending ("maybe") it asks whether to record it. Either
 * way the pending choice is marked `suggested` where it stands, never moved, so a number means
 * the same choice every time.
 */
export function renderQuestion(lang: Lang, step: StepDef, suggestion?: string, answers: Answers = {}): Outbound {
  const guess = suggestion && step.choices?.some((c) => c.id === suggestion) ? suggestion : undefined;
  const choices = step.choices ? choiceList(lang, step).map((c): Choice => (c.id === guess ? { ...c, suggested: true } : c)) : undefined;
  let text = t(lang, promptOf(step, answers));
  if (guess && step.confirmPrompt) text = t(lang, step.confirmPrompt, { choice: choiceLabel(lang, step, guess) });
  else if (guess) text = t(lang, 'engine.confirm_choice', { choice: choiceLabel(lang, step, guess), prompt: text });
  // A value understood from words ("next month" -> 2027-01-01) to confirm at a step without choices.
  else if (suggestion && !step.choices) text = t(lang, 'engine.confirm_value', { value: suggestion, prompt: text });
  return choices ? { type: 'question', step: step.id, text, choices, input: step.input } : { type: 'question', step: step.id, text, input: step.input };
}

/** The step's prompt on this path (a step may word its question for the answers so far). */
export const promptOf = (step: StepDef, answers: Answers): MessageKey => step.promptFor?.(answers) ?? step.prompt;

export function renderDecision(lang: Lang, d: Decision, caseId?: string): Outbound {
  const out: Outbound = {
    type: 'decision',
    outcome: d.outcome,
    title: t(lang, `decision.${d.outcome}.title` as MessageKey),
    reasons: d.reasons.map((r) => ({ text: t(lang, r.key, r.params), citation: renderCitation(lang, r.citation) })),
  };
  if (d.warnings.length > 0) out.warnings = d.warnings.map((w) => ({ text: warningText(lang, w), source: w.source }));
  if (caseId) out.caseId = caseId;
  return out;
}

export const renderAnswer = (lang: Lang, flow: Flow, stepId: string, value: unknown): string => {
  const step = flow.steps[stepId];
  if (step?.choices && typeof value === 'string') return choiceLabel(lang, step, value);
  return String(value);
};
