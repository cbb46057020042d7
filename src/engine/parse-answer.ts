import { parseTypedDate, parseTypedNumber } from '../domain/index.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { matchChoice } from './choice-match.js';
import type { CheckContext, ChoiceDef, Nlu, StepDef } from './flow.js';
import type { Inbound } from './message.js';
import { choiceList } from './render.js';

export type Parsed =
  /** `warning`: recorded, and the person is told (e.g. a purchase date before the review could finish). */
  | { type: 'value'; value: unknown; warning?: string }
  | { type: 'suggest'; choice: string }
  | { type: 'reject_suggestion' }
  /** A question about the step or its terms; `unsure` when the person also says they do not know. */
  | { type: 'question'; topics: string[]; unsure: boolean }
  /** A hedged answer ("maybe") or a date understood from "next month": ask before recording `choice` (the value). */
  | { type: 'confirm'; choice: string }
  | { type: 'invalid'; message: string };

/** The choice that records "not sure" at a step, if it has one. */
export const UNSURE_CHOICE = 'unsure';

const toHalfWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

// What people type for "nothing here" at an optional question.
const SKIP = ['skip', 'none', 'n/a', 'na', 'n.a', 'nil', '-', '—', '/', 'not applicable', '跳过', '无', '没有', '暂无', '略过', '不适用'];

const clean = (s: string) =>
  toHalfWidth(s)
    .trim()
    .replace(/[.!?。！？]+$/, '')
    .trim()
    .toLowerCase();

/**
 * Turn what the person typed or clicked into a value for the step, or say what is expected.
 * `ctx` (today, the section's answers, the review clock) lets dates be read and checked; without
 * it relative dates are not understood and no step check runs.
 */
export function parseAnswer(step: StepDef, input: Inbound, lang: Lang, nlu: Nlu, suggestion?: string, ctx?: CheckContext): Parsed {
  const parsed = readAnswer(step, input, lang, nlu, suggestion, ctx);
  return parsed.type === 'value' && ctx && step.check && parsed.value !== null ? checked(step, parsed.value, lang, ctx) : parsed;
}

/** The answer read as a value of the step, without the step's own check (a form runs those on the whole form). */
export function readAnswer(step: StepDef, input: Inbound, lang: Lang, nlu: Nlu, suggestion: string | undefined, ctx: CheckContext | undefined): Parsed {
  if (input.type === 'choice') {
    if (!step.choices?.some((c) => c.id === input.choice)) return pickOne(step, lang);
    return validate(step, input.choice, lang);
  }
  if (input.type !== 'text') return { type: 'invalid', message: t(lang, 'engine.stale') };
  const raw = input.text;
  if (step.input !== 'choice' && suggestion !== undefined) {
    // "Did you mean 2027-01-01?": yes records it, no asks again; anything else is a new answer.
    const yn = nlu.yesNo(raw);
    if (yn === 'yes') return validate(step, suggestion, lang);
    if (yn === 'no') return { type: 'reject_suggestion' };
  }
  if (step.optional && SKIP.includes(clean(raw))) return validate(step, null, lang);
  switch (step.input) {
    case 'choice':
      return parseChoice(step, raw, lang, nlu, suggestion);
    case 'number': {
      const n = parseTypedNumber(raw);
      if (!n.ok) {
        const key =
          n.error === 'foreign_currency'
            ? 'engine.not_cny'
            : n.error === 'negative'
              ? 'engine.not_negative'
              : step.numberKind === 'amount'
                ? 'engine.not_an_amount'
                : 'engine.not_a_number';
        return { type: 'invalid', message: t(lang, key) };
      }
      return validate(step, n.value, lang);
    }
    case 'date': {
      const d = parseTypedDate(raw, ctx?.today ?? '2000-01-01');
      if (!d || (d.type === 'understood' && !ctx)) return { type: 'invalid', message: t(lang, 'engine.not_a_date') };
      if (d.type === 'understood') return { type: 'confirm', choice: d.date };
      return validate(step, d.date, lang);
    }
    case 'text':
      return validate(step, raw.trim(), lang);
  }
}

function checked(step: StepDef, value: unknown, lang: Lang, ctx: CheckContext): Parsed {
  const r = step.check!(value, ctx);
  if (!r) return { type: 'value', value };
  if (r.error) return { type: 'invalid', message: t(lang, r.error.key, r.error.params) };
  const out: Parsed = { type: 'value', value: r.value !== undefined ? r.value : value };
  return r.warning ? { ...out, warning: t(lang, r.warning.key, r.warning.params) } : out;
}

/** The choice a text names as such: by its id, its number or its label (or an alias) in either language; else null. */
export function exactChoice(step: StepDef, raw: string): string | null {
  const s = clean(raw);
  const choices = step.choices ?? [];
  const byId = choices.find((c) => c.id === s);
  if (byId) return byId.id;
  const n = Number(s);
  // Numbers follow the flow's order, which is also the order shown (a guess is marked, not moved).
  if (s && Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]!.id;
  const aliases = (c: ChoiceDef) => (c.aliases ? [...t('en', c.aliases).split('|'), ...t('zh-CN', c.aliases).split('|')].map(clean) : []);
  const byLabel = choices.find((c) => clean(t('en', c.label)) === s || clean(t('zh-CN', c.label)) === s || aliases(c).includes(s));
  return byLabel?.id ?? null;
}

function parseChoice(step: StepDef, raw: string, lang: Lang, nlu: Nlu, suggestion?: string): Parsed {
  const choices = step.choices ?? [];
  // A pending guess or hedge was asked as "shall I record X?": yes and no answer that, even
  // where the choices themselves are called yes and no.
  const yn = nlu.yesNo(raw);
  if (suggestion && yn === 'yes') return validate(step, suggestion, lang);
  if (suggestion && yn === 'no') return { type: 'reject_suggestion' };
  const exact = exactChoice(step, raw);
  if (exact) return validate(step, exact, lang);

  // A question back ("what is a CIIO?") is answered before anything is read as an answer.
  const question = nlu.question(raw);
  if (question) return { type: 'question', ...question };

  if (step.fuzzy) {
    const loose = matchChoice(choices, raw);
    if (loose) return validate(step, loose, lang);
  }

  const canBeUnsure = choices.some((c) => c.id === UNSURE_CHOICE);
  if (canBeUnsure && nlu.hedged(raw)) return { type: 'confirm', choice: UNSURE_CHOICE };
  if (yn && step.yesNo && choices.some((c) => c.id === yn)) return validate(step, yn, lang);

  const guess = step.suggest?.(raw, nlu);
  if (guess && choices.some((c) => c.id === guess)) return { type: 'suggest', choice: guess };
  // "yes" to "a purchase or a listing?" is not a choice; say what is asked instead of guessing.
  if ((yn === 'yes' || yn === 'no') && !step.yesNo) return { type: 'invalid', message: t(lang, 'engine.not_yes_no', { choices: numbered(step, lang) }) };
  return pickOne(step, lang);
}

const numbered = (step: StepDef, lang: Lang) =>
  choiceList(lang, step)
    .map((c, i) => `${i + 1}. ${c.label}`)
    .join('; ');

function pickOne(step: StepDef, lang: Lang): Parsed {
  return { type: 'invalid', message: t(lang, 'engine.pick_one', { choices: numbered(step, lang) }) };
}

function validate(step: StepDef, value: unknown, lang: Lang): Parsed {
  const r = step.schema.safeParse(value);
  if (r.success) return { type: 'value', value: r.data };
  const issue = r.error.issues[0];
  let detail = t(lang, 'engine.required');
  if (issue?.code === 'too_big' && issue.origin === 'string') detail = t(lang, 'engine.text_too_long', { max: Number(issue.maximum) });
  else if (issue?.code === 'too_small' && issue.origin === 'number') detail = t(lang, 'engine.number_min', { min: Number(issue.minimum) });
  else if (issue?.code === 'too_big' && issue.origin === 'number') detail = t(lang, 'engine.number_max', { max: Number(issue.maximum) });
  else if (issue?.code === 'invalid_type' && issue.expected === 'int') detail = t(lang, 'engine.whole_number');
  else if (step.help) detail = t(lang, step.help);
  return { type: 'invalid', message: t(lang, 'engine.invalid', { detail }) };
}
