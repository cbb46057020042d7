import { z } from 'zod';
import type { MessageKey } from '../../src/i18n/index.js';
import type { Flow, StepDef } from '../../src/engine/index.js';

// Intake sections are forms: a fixed list of fields asked one by one in chat and shown all
// at once in a modal or task module. Building them as linear flows keeps one definition.

export type FieldSpec =
  | { id: string; kind: 'text'; optional?: boolean; max?: number; multiline?: boolean }
  | { id: string; kind: 'number'; min?: number; max?: number; integer?: boolean; optional?: boolean }
  | { id: string; kind: 'date'; optional?: boolean }
  | { id: string; kind: 'choice'; choices: readonly string[]; optional?: boolean };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function schemaOf(f: FieldSpec): z.ZodType {
  let s: z.ZodType;
  switch (f.kind) {
    case 'text': s = z.string().trim().min(1).max(f.max ?? 500); break;
    case 'number': {
      let n = z.number();
      if (f.integer) n = n.int();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      s = n;
      break;
    }
    case 'date': s = z.string().regex(DATE); break;
    case 'choice': s = z.enum(f.choices as [string, ...string[]]); break;
  }
  return f.optional ? s.nullable() : s;
}

const EXAMPLES = { text: 'example', number: 1, date: '2026-03-02' } as const;

/** A linear intake flow: field i leads to field i+1; the last hands off. Keys: `intake.<section>.<field>.*`. */
export function linearFlow(section: string, fields: readonly FieldSpec[], opts: { continueWith?: string; choiceLabel: (field: string, choice: string) => MessageKey }): Flow {
  const id = `intake.${section}`;
  const steps: Record<string, StepDef> = {};
  fields.forEach((f, i) => {
    const next = fields[i + 1]?.id;
    const step: StepDef = {
      id: f.id,
      label: `${id}.${f.id}.label` as MessageKey,
      prompt: `${id}.${f.id}.prompt` as MessageKey,
      input: f.kind,
      schema: schemaOf(f),
      next: () => (next ? next : { end: 'handoff' }),
      ...(f.optional ? { optional: true } : {}),
      ...(f.kind === 'text' && f.multiline ? { multiline: true } : {}),
      ...(f.kind === 'choice'
        ? { choices: f.choices.map((c) => ({ id: c, label: opts.choiceLabel(f.id, c) })) }
        : { example: EXAMPLES[f.kind] }),
    };
    steps[f.id] = step;
  });
  return {
    id,
    version: 1,
    title: `${id}.title` as MessageKey,
    steps,
    start: () => fields[0]!.id,
    handoffMessage: `${id}.done` as MessageKey,
    form: section,
    ...(opts.continueWith ? { continueWith: opts.continueWith } : {}),
  };
}
