import { isTranslated, LANGS } from '../i18n/index.js';
import type { Answers, Flow, StepDef } from './flow.js';

export type FlowDefect =
  | { type: 'dangling_target'; from: string; target: string }
  | { type: 'unreachable_step'; step: string }
  | { type: 'missing_translation'; key: string; lang: string }
  | { type: 'terminal_without_decision'; from: string }
  | { type: 'terminal_without_handoff_message'; from: string }
  | { type: 'invalid_choice'; step: string; choice: string }
  | { type: 'missing_example'; step: string }
  | { type: 'optional_rejects_null'; step: string }
  | { type: 'cycle'; step: string }
  | { type: 'step_id_mismatch'; key: string; id: string };

const MAX_STATES = 200_000;

/**
 * Walk every path a person could take (each choice, or the step's example answer) and
 * report what would break at run time: dangling targets, unreachable steps, missing
 * translations, and ends that yield neither a decision nor a hand-off.
 */
export function checkFlow(flow: Flow): FlowDefect[] {
  const defects: FlowDefect[] = [];
  const seenDefects = new Set<string>();
  const add = (d: FlowDefect) => {
    const k = JSON.stringify(d);
    if (!seenDefects.has(k)) {
      seenDefects.add(k);
      defects.push(d);
    }
  };
  const keys = new Set<string>([flow.title]);
  if (flow.handoffMessage) keys.add(flow.handoffMessage);
  if (flow.shortTitle) keys.add(flow.shortTitle);

  for (const [key, step] of Object.entries(flow.steps)) {
    if (step.id !== key) add({ type: 'step_id_mismatch', key, id: step.id });
    for (const k of [step.label, step.prompt, step.help, step.confirmPrompt, step.hint]) if (k) keys.add(k);
    for (const c of step.choices ?? []) {
      keys.add(c.label);
      if (c.aliases) keys.add(c.aliases);
      if (!step.schema.safeParse(c.id).success) add({ type: 'invalid_choice', step: key, choice: c.id });
    }
    if (step.optional && !step.schema.safeParse(null).success) add({ type: 'optional_rejects_null', step: key });
    if (step.input !== 'choice' && (step.example === undefined || !step.schema.safeParse(step.example).success)) {
      add({ type: 'missing_example', step: key });
    }
  }

  const reached = new Set<string>();
  const visited = new Set<string>();
  const explore = (from: string, target: ReturnType<Flow['start']>, answers: Answers, trail: string[]) => {
    if (visited.size > MAX_STATES) return;
    if (typeof target !== 'string') {
      if (target.end === 'decision') {
        if (!flow.decide) return add({ type: 'terminal_without_decision', from });
        try {
          const d = flow.decide(answers);
          keys.add(`decision.${d.outcome}.title`);
          for (const r of d.reasons) keys.add(r.key);
        } catch {
          add({ type: 'terminal_without_decision', from });
        }
      } else if (!flow.handoffMessage) add({ type: 'terminal_without_handoff_message', from });
      return;
    }
    const step = flow.steps[target];
    if (!step) return add({ type: 'dangling_target', from, target });
    if (trail.includes(target)) return add({ type: 'cycle', step: target });
    reached.add(target);
    const stateKey = `${target}|${JSON.stringify(answers)}`;
    if (visited.has(stateKey)) return;
    visited.add(stateKey);
    const values = step.input === 'choice' ? (step.choices ?? []).map((c) => c.id) : [step.example];
    for (const value of values) {
      const next = { ...answers, [target]: value };
      let nextTarget: ReturnType<StepDef['next']>;
      try {
        nextTarget = step.next(next);
      } catch {
        add({ type: 'terminal_without_decision', from: target });
        continue;
      }
      explore(target, nextTarget, next, [...trail, target]);
    }
  };
  explore('(start)', flow.start({}), {}, []);

  for (const id of Object.keys(flow.steps)) if (!reached.has(id)) add({ type: 'unreachable_step', step: id });
  for (const key of keys) for (const lang of LANGS) if (!isTranslated(key, lang)) add({ type: 'missing_translation', key, lang });
  return defects;
}
