import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { ChoiceDef, Nlu, StepDef } from './flow.js';
import type { Inbound } from './message.js';
import { choiceList } from './render.js';

export type Parsed =
  | { type: 'value'; value: unknown }
  | { type: 'suggest'; choice: string }
  | { type: 'reject_suggestion' }
  /** A question about the step or its terms; `unsure` when the person also says they do not know. */
  | { type: 'question'; topics: string[]; unsure: boolean }
  /** A hedged answer ("maybe"): ask before recording `choice`. */
  | { type: 'confirm'; choice: string }
  | { type: 'invalid'; message: string };

/** The choice that records "not sure" at a step, if it has one. */
export const UNSURE_CHOICE = 'unsure';

const toHalfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const SKIP = ['skip', 'none', 'n/a', '-', '跳过', '无', '略过'];

const clean = (s: string) => toHalfWidth(s).trim().replace(/[.!?。！？]+$/, '').trim().toLowerCase();

/** Turn what the person typed or clicked into a value for the step, or say what is expected. */
export function parseAnswer(step: StepDef, input: Inbound, lang: Lang, nlu: Nlu, suggestion?: string): Parsed {
  if (input.type === 'choice') {
    if (!step.choices?.some((c) => c.id === input.choice)) return pickOne(step, lang);
    return validate(step, input.choice, lang);
  }
  if (input.type !== 'text') return { type: 'invalid', message: t(lang, 'engine.stale') };
  const raw = input.text;
  if (step.optional && SKIP.includes(clean(raw))) return validate(step, null, lang);
  switch (step.input) {
    case 'choice':
      return parseChoice(step, raw, lang, nlu, suggestion);
    case 'number': {
      const s = toHalfWidth(raw).trim().replace(/[,\s]/g, '');
      const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n)) return { type: 'invalid', message: t(lang, 'engine.not_a_number') };
      return validate(step, n, lang);
    }
    case 'date': {
      const s = toHalfWidth(raw).trim();
      if (!isRealDate(s)) return { type: 'invalid', message: t(lang, 'engine.not_a_date') };
      return validate(step, s, lang);
    }
    case 'text':
      return validate(step, raw.trim(), lang);
  }
}

function parseChoice(step: StepDef, raw: string, lang: Lang, nlu: Nlu, suggestion?: string): Parsed {
  const s = clean(raw);
  const choices = step.choices ?? [];
  // A pending guess or hedge was asked as "shall I record X?": yes and no answer that, even
  // where the choices themselves are called yes and no.
  const yn = nlu.yesNo(raw);
  if (suggestion && yn === 'yes') return validate(step, suggestion, lang);
  if (suggestion && yn === 'no') return { type: 'reject_suggestion' };
  const byId = choices.find((c) => c.id === s);
  if (byId) return validate(step, byId.id, lang);
  const n = Number(s);
  // Numbers follow the flow's order, which is also the order shown (a guess is marked, not moved).
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return validate(step, choices[n - 1]!.id, lang);
  const aliases = (c: ChoiceDef) => (c.aliases ? [...t('en', c.aliases).split('|'), ...t('zh-CN', c.aliases).split('|')].map(clean) : []);
  const byLabel = choices.find((c) => clean(t('en', c.label)) === s || clean(t('zh-CN', c.label)) === s || aliases(c).includes(s));
  if (byLabel) return validate(step, byLabel.id, lang);

  // A question back ("what is a CIIO?") is answered before anything is read as an answer.
  const question = nlu.question(raw);
  if (question) return { type: 'question', ...question };

  const canBeUnsure = choices.some((c) => c.id === UNSURE_CHOICE);
  if (canBeUnsure && nlu.hedged(raw)) return { type: 'confirm', choice: UNSURE_CHOICE };
  if (yn && step.yesNo && choices.some((c) => c.id === yn)) return validate(step, yn, lang);

  const guess = step.suggest?.(raw, nlu);
  if (guess && choices.some((c) => c.id === guess)) return { type: 'suggest', choice: guess };
  // "yes" to "a purchase or a listing?" is not a choice; say what is asked instead of guessing.
  if ((yn === 'yes' || yn === 'no') && !step.yesNo) return { type: 'invalid', message: t(lang, 'engine.not_yes_no', { choices: numbered(step, lang) }) };
  return pickOne(step, lang);
}

const numbered = (step: StepDef, lang: Lang) => choiceList(lang, step).map((c, i) => `${i + 1}. ${c.label}`).join('; ');

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
  else if (step.help) detail = t(lang, step.help);
  return { type: 'invalid', message: t(lang, 'engine.invalid', { detail }) };
}

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
