import type { Answers, Flow } from './flow.js';

export type Walk =
  | { type: 'pending'; path: string[]; pending: string }
  | { type: 'end'; path: string[]; end: 'decision' | 'handoff' }
  | { type: 'broken'; path: string[]; reason: string };

/**
 * Derive where a conversation stands from its answers alone: follow `next` from the start
 * while steps are answered. The path is the set of answers that still apply; anything else
 * (left over after an edit) is dropped by `pruneAnswers`.
 */
export function walk(flow: Flow, answers: Answers): Walk {
  const path: string[] = [];
  // Each `next` sees only the answers on the path so far, so an answer given out of order
  // (or left over from an edit) cannot make the flow skip the questions before it.
  const sofar: Record<string, unknown> = {};
  let target = flow.start(sofar);
  for (;;) {
    if (typeof target !== 'string') return { type: 'end', path, end: target.end };
    const step = flow.steps[target];
    if (!step) return { type: 'broken', path, reason: `unknown step "${target}"` };
    if (path.includes(target)) return { type: 'broken', path, reason: `cycle at "${target}"` };
    if (!(target in answers)) return { type: 'pending', path, pending: target };
    path.push(target);
    sofar[target] = answers[target];
    target = step.next({ ...sofar });
  }
}

export function pruneAnswers(flow: Flow, answers: Answers): Record<string, unknown> {
  const { path } = walk(flow, answers);
  return Object.fromEntries(path.map((id) => [id, answers[id]]));
}
