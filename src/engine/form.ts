import { checkFreeText, describeTextProblem } from '../domain/index.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Flow } from './flow.js';
import type { Form, FormField } from './message.js';
import { parseAnswer } from './parse-answer.js';
import { choiceList } from './render.js';
import type { Nlu } from './flow.js';

/** An intake section as one form (modal / task module), showing what is saved so far. */
export function formOf(flow: Flow, lang: Lang, saved: Record<string, unknown>, caseId?: string): Form {
  const fields: FormField[] = Object.values(flow.steps).map((step) => {
    const field: FormField = {
      id: step.id,
      label: t(lang, step.label),
      input: step.multiline ? 'textarea' : step.input,
      required: !step.optional,
    };
    if (step.choices) field.choices = choiceList(lang, step);
    if (saved[step.id] !== undefined && saved[step.id] !== null) field.value = saved[step.id];
    if (step.optional) field.hint = t(lang, 'intake.optional_hint');
    return field;
  });
  return { id: flow.form ?? flow.id, title: t(lang, flow.title), submitLabel: t(lang, 'intake.submit'), fields, ...(caseId ? { caseId } : {}) };
}

export type FormResult = {
  /** Fields whose new value is valid, to be saved (null = cleared optional field). */
  values: Record<string, unknown>;
  /** Field id -> what is wrong, in the person's language. */
  errors: Record<string, string>;
};

/**
 * Validate a submitted form field by field with the same parsing as chat answers, so a
 * partial submission saves what is valid and reports the rest against the exact fields.
 */
export function applyForm(flow: Flow, lang: Lang, submitted: Record<string, unknown>, nlu: Nlu): FormResult {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [id, raw] of Object.entries(submitted)) {
    // Own fields only: a submitted "constructor" or "toString" is not a field, whatever Object.prototype says.
    const step = Object.hasOwn(flow.steps, id) ? flow.steps[id] : undefined;
    if (!step) continue; // platforms add their own keys (e.g. Teams' card data); they are not fields
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (step.optional) values[id] = null;
      continue;
    }
    const text = typeof raw === 'string' ? raw : String(raw);
    const checked = checkFreeText(text);
    if (!checked.ok) {
      errors[id] = describeTextProblem(lang, checked.error);
      continue;
    }
    const input = step.input === 'choice' && typeof raw === 'string' && step.choices?.some((c) => c.id === raw)
      ? { type: 'choice' as const, step: id, choice: raw }
      : { type: 'text' as const, text };
    const parsed = parseAnswer(step, input, lang, nlu);
    if (parsed.type === 'value') values[id] = parsed.value;
    else errors[id] = parsed.type === 'invalid' ? parsed.message : t(lang, 'engine.pick_one', { choices: choiceList(lang, step).map((c) => c.label).join(', ') });
  }
  return { values, errors };
}

/** Required fields that have no saved value yet. */
export const missingFields = (flow: Flow, saved: Record<string, unknown>): string[] =>
  Object.values(flow.steps).filter((s) => !s.optional && (saved[s.id] === undefined || saved[s.id] === null)).map((s) => s.id);
