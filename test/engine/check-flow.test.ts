import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkFlow, type Flow, type StepDef } from '../../src/engine/index.js';
import type { MessageKey } from '../../src/i18n/index.js';

// A small healthy flow; each test breaks one thing and expects exactly that defect.
const yesNo = [
  { id: 'yes', label: 'common.yes' as MessageKey },
  { id: 'no', label: 'common.no' as MessageKey },
];
const step = (id: string, next: StepDef['next'], over: Partial<StepDef> = {}): StepDef => ({
  id,
  label: 'triage.ciio.label',
  prompt: 'triage.ciio.prompt',
  input: 'choice',
  choices: yesNo,
  schema: z.enum(['yes', 'no']),
  next,
  ...over,
});
const healthy = (): Flow => ({
  id: 'demo',
  version: 1,
  title: 'triage.title',
  start: () => 'a',
  steps: {
    a: step('a', (x) => (x.a === 'yes' ? 'b' : { end: 'decision' })),
    b: step('b', () => ({ end: 'decision' })),
  },
  decide: () => ({
    outcome: 'assess',
    rule: 'X',
    reasons: [{ id: 'ex_officio', key: 'reason.ex_officio', citation: { source: 'measures_2022', articles: [16] } }],
    warnings: [],
    openCase: true,
  }),
});

describe('flow checker', () => {
  it('accepts a healthy flow', () => expect(checkFlow(healthy())).toEqual([]));

  it('catches a dangling next target', () => {
    const f = healthy();
    f.steps = { ...f.steps, b: step('b', () => 'nowhere') };
    expect(checkFlow(f)).toContainEqual({ type: 'dangling_target', from: 'b', target: 'nowhere' });
  });

  it('catches an unreachable step', () => {
    const f = healthy();
    f.steps = { ...f.steps, orphan: step('orphan', () => ({ end: 'decision' })) };
    expect(checkFlow(f)).toEqual([{ type: 'unreachable_step', step: 'orphan' }]);
  });

  it('catches a missing translation', () => {
    const f = healthy();
    f.steps = { ...f.steps, b: step('b', () => ({ end: 'decision' }), { prompt: 'triage.no_such_prompt' as MessageKey }) };
    const defects = checkFlow(f);
    expect(defects).toContainEqual({ type: 'missing_translation', key: 'triage.no_such_prompt', lang: 'en' });
    expect(defects).toContainEqual({ type: 'missing_translation', key: 'triage.no_such_prompt', lang: 'zh-CN' });
  });

  it('catches a missing translation in a decision reason', () => {
    const f = healthy();
    f.decide = () => ({
      outcome: 'assess',
      rule: 'X',
      reasons: [{ id: 'nope', key: 'reason.nope' as MessageKey, citation: { source: 'csl', articles: [1] } }],
      warnings: [],
      openCase: true,
    });
    expect(checkFlow(f)).toContainEqual({ type: 'missing_translation', key: 'reason.nope', lang: 'en' });
  });

  it('catches a terminal step without a decision', () => {
    const f = healthy();
    delete f.decide;
    expect(checkFlow(f)).toContainEqual({ type: 'terminal_without_decision', from: 'a' });
  });

  it('catches a decision that fails on some path', () => {
    const f = healthy();
    f.decide = (x) => {
      if (x.b === 'no') throw new Error('incomplete');
      return healthy().decide!(x);
    };
    expect(checkFlow(f)).toContainEqual({ type: 'terminal_without_decision', from: 'b' });
  });

  it('catches a hand-off without a message', () => {
    const f = healthy();
    f.steps = { ...f.steps, b: step('b', () => ({ end: 'handoff' })) };
    expect(checkFlow(f)).toContainEqual({ type: 'terminal_without_handoff_message', from: 'b' });
  });

  it('catches a cycle', () => {
    const f = healthy();
    f.steps = { ...f.steps, b: step('b', () => 'a') };
    expect(checkFlow(f)).toContainEqual({ type: 'cycle', step: 'a' });
  });

  it('catches a choice its own schema rejects, and a text step without an example', () => {
    const f = healthy();
    f.steps = {
      a: step('a', () => 'b', { choices: [...yesNo, { id: 'maybe', label: 'common.unsure' }] }),
      b: (({ choices: _none, ...text }) => text)(step('b', () => ({ end: 'decision' }), { input: 'text', schema: z.string().min(1) })),
    };
    const defects = checkFlow(f);
    expect(defects).toContainEqual({ type: 'invalid_choice', step: 'a', choice: 'maybe' });
    expect(defects).toContainEqual({ type: 'missing_example', step: 'b' });
  });
});
