import { z } from 'zod';
import type { MessageKey } from '../../src/i18n/index.js';
import type { Flow, StepCheck, StepDef } from '../../src/engine/index.js';

// Intake sections are forms: a fixed list of fields asked one by one in chat and shown all
// at once in a modal or task module. Building them as linear flows keeps one definition.

type Common = {
  id: string;
  optional?: boolean;
  /** Checks needing today or the other answers (engine StepCheck). */
  check?: StepCheck;
  /** The field has a hint (`intake.<section>.<field>.hint`): the guidance its chat prompt gives, shown under the field in forms. */
  hint?: true;
};
export type FieldSpec =
  | (Common & { kind: 'text'; max?: number; multiline?: boolean })
  | (Common & { kind: 'number'; min?: number; max?: number; integer?: boolean; numberKind: 'amount' | 'count' })
  | (Common & { kind: 'date' })
  | (Common & {
      kind: 'choice';
      choices: readonly string[];
      /** Catalogue set of the labels: `intake.choice.<set>.<choice>`. */
      set: string;
      /** The answers that are ready for filing; any other ("unknown", "not yet") still counts as missing. Default: every choice. */
      complete?: readonly string[];
      /** Catalogue set whose labels are also taken as answers (`intake.choice.<aliasSet>.<choice>`): the plain words when the labels are worded longer. */
      aliasSet?: string;
    });

function schemaOf(f: FieldSpec): z.ZodType {
  let s: z.ZodType;
  switch (f.kind) {
    case 'text':
      s = z
        .string()
        .trim()
        .min(1)
        .max(f.max ?? 500);
      break;
    case 'number': {
      let n = z.number();
      if (f.integer) n = n.int();
      if (f.min !== undefined) n = n.min(f.min);
      if (f.max !== undefined) n = n.max(f.max);
      s = n;
      break;
    }
    case 'date':
      s = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
      break;
    case 'choice':
      s = z.enum(f.choices as [string, ...string[]]);
      break;
  }
  return f.optional ? s.nullable() : s;
}

// Examples walk the flow in the checker; dates are in the future of any test clock.
const EXAMPLES = { text: 'example', number: 1, date: '2027-03-02' } as const;

export type SectionOptions = {
  /** Flow id prefix: `intake.<matter>` (the matter's own order of sections). */
  prefix: string;
  continueWith?: string;
  version?: number;
  formKeyFor?: Flow['formKeyFor'];
};

/** A linear intake flow: field i leads to field i+1; the last hands off. Keys: `intake.<section>.<field>.*`. */
export function linearFlow(section: string, fields: readonly FieldSpec[], opts: SectionOptions): Flow {
  const keys = `intake.${section}`;
  const steps: Record<string, StepDef> = {};
  fields.forEach((f, i) => {
    const next = fields[i + 1]?.id;
    const step: StepDef = {
      id: f.id,
      label: `${keys}.${f.id}.label` as MessageKey,
      prompt: `${keys}.${f.id}.prompt` as MessageKey,
      input: f.kind,
      schema: schemaOf(f),
      next: () => (next ? next : { end: 'handoff' }),
      ...(f.optional ? { optional: true } : {}),
      ...(f.check ? { check: f.check } : {}),
      ...(f.hint ? { hint: `${keys}.${f.id}.hint` as MessageKey } : {}),
      ...(f.kind === 'text' && f.multiline ? { multiline: true } : {}),
      ...(f.kind === 'number' ? { numberKind: f.numberKind } : {}),
      ...(f.kind === 'choice'
        ? {
            choices: f.choices.map((c) => ({
              id: c,
              label: `intake.choice.${f.set}.${c}` as MessageKey,
              ...(f.aliasSet ? { aliases: `intake.choice.${f.aliasSet}.${c}` as MessageKey } : {}),
            })),
            fuzzy: true,
          }
        : { example: EXAMPLES[f.kind] }),
    };
    steps[f.id] = step;
  });
  return {
    id: `${opts.prefix}.${section}`,
    version: opts.version ?? 1,
    title: `${keys}.title` as MessageKey,
    shortTitle: `${keys}.short_title` as MessageKey,
    steps,
    start: () => fields[0]!.id,
    handoffMessage: `${keys}.done` as MessageKey,
    form: section,
    ...(opts.continueWith ? { continueWith: opts.continueWith } : {}),
    ...(opts.formKeyFor ? { formKeyFor: opts.formKeyFor } : {}),
  };
}
