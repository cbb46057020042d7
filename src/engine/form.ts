import { checkFreeText, describeTextProblem } from '../domain/index.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { CheckContext, Flow } from './flow.js';
import type { Form, FormField } from './message.js';
import { readAnswer } from './parse-answer.js';
import { choiceList } from './render.js';
import type { Nlu } from './flow.js';

/** An intake section as one form (modal / task module), showing what is saved so far; `formId` for a form that is one of several (a line item). */
export function formOf(flow: Flow, lang: Lang, saved: Record<string, unknown>, caseId?: string, formId?: string): Form {
  const fields: FormField[] = Object.values(flow.steps).map((step) => {
    const field: FormField = {
      id: step.id,
      label: t(lang, step.label),
      shownLabel: step.optional ? t(lang, step.label) : t(lang, 'intake.required_label', { label: t(lang, step.label) }),
      input: step.multiline ? 'textarea' : step.input,
      required: !step.optional,
    };
    if (step.choices) field.choices = choiceList(lang, step);
    if (saved[step.id] !== undefined && saved[step.id] !== null) field.value = saved[step.id];
    if (step.hint) field.hint = t(lang, step.hint);
    return field;
  });
  const short = t(lang, flow.shortTitle ?? flow.title);
  return {
    id: formId ?? flow.form ?? flow.id,
    title: t(lang, flow.title),
    submitLabel: t(lang, 'intake.submit'),
    closeLabel: t(lang, 'intake.close'),
    fields,
    shortTitle: caseId ? t(lang, 'intake.short_title', { title: short, caseId }) : short,
    ...(caseId ? { caseId } : {}),
  };
}

export type FormResult = {
  /** Fields whose new value is valid, to be saved (null = cleared optional field). */
  values: Record<string, unknown>;
  /** Field id -> what is wrong, in the person's language. */
  errors: Record<string, string>;
  /** A field carried a list or an object: the submission is refused as a whole and `values` is empty. */
  refused: boolean;
};

/**
 * Why a submitted value cannot be a field's answer at all, or null when it can. Every field takes
 * one text, number or date, or one choice; a list or an object comes only from a broken or forged
 * client, and read as text it would be saved as "[object Object]".
 */
export function notOneValue(lang: Lang, raw: unknown): string | null {
  if (raw === undefined || raw === null || ['string', 'number', 'boolean'].includes(typeof raw)) return null;
  return t(lang, 'engine.form_one_value');
}

/**
 * Validate a submitted form field by field with the same parsing as chat answers, so a
 * partial submission saves what is valid and reports the rest against the exact fields.
 * With `ctx` (today, what the form has saved) dates are read and the steps' checks run against
 * the saved values and the other valid values of the same submission. A date understood from
 * "next month" is not guessed in a form: the field asks for the exact date. A field holding a list
 * or an object refuses the whole submission: a client that sends those cannot be trusted with the rest.
 */
export function applyForm(flow: Flow, lang: Lang, submitted: Record<string, unknown>, nlu: Nlu, ctx?: CheckContext): FormResult & { warnings: string[] } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  let refused = false;
  for (const [id, raw] of Object.entries(submitted)) {
    // Own fields only: a submitted "constructor" or "toString" is not a field, whatever Object.prototype says.
    const step = Object.hasOwn(flow.steps, id) ? flow.steps[id] : undefined;
    if (!step) continue; // platforms add their own keys (e.g. Teams' card data); they are not fields
    const shape = notOneValue(lang, raw);
    if (shape) {
      errors[id] = shape;
      refused = true;
      continue;
    }
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
    const input =
      step.input === 'choice' && typeof raw === 'string' && step.choices?.some((c) => c.id === raw)
        ? { type: 'choice' as const, step: id, choice: raw }
        : { type: 'text' as const, text };
    const parsed = readAnswer(step, input, lang, nlu, undefined, ctx);
    if (parsed.type === 'value') values[id] = parsed.value;
    else if (parsed.type === 'confirm' && step.input === 'date') errors[id] = t(lang, 'engine.date_in_form', { date: parsed.choice });
    else
      errors[id] =
        parsed.type === 'invalid'
          ? parsed.message
          : t(lang, 'engine.pick_one', {
              choices: choiceList(lang, step)
                .map((c) => c.label)
                .join(', '),
            });
  }
  if (refused) return { values: {}, errors, refused, warnings: [] };
  // Checks see the whole form as it will be saved: "go-live before purchase" in one submission is caught.
  const warnings: string[] = [];
  if (ctx) {
    const answers = { ...ctx.answers, ...values };
    for (const [id, value] of Object.entries(values)) {
      const step = flow.steps[id]!;
      if (!step.check || value === null) continue;
      const r = step.check(value, { ...ctx, answers });
      if (!r) continue;
      if (r.error) {
        errors[id] = t(lang, r.error.key, r.error.params);
        delete values[id];
        continue;
      }
      if (r.value !== undefined) values[id] = r.value;
      if (r.warning) warnings.push(t(lang, r.warning.key, r.warning.params));
    }
  }
  return { values, errors, refused, warnings };
}
