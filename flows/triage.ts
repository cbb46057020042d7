import { z } from 'zod';
import type { MessageKey } from '../src/i18n/index.js';
import { CATEGORIES, evaluateTriage, FACT_VALUES, isCategory, matchWatchlist, type Category, type Fact, type Facts } from '../src/domain/index.js';
import type { Answers, Decision, DecisionContext, Flow, Prefill, StepDef, Target } from '../src/engine/index.js';

// Is a cybersecurity review needed? Version 2 of DESIGN.md ("Triage: facts and decision"):
// step ids are the fact keys, and the order of questions comes from the rules themselves
// (evaluateTriage), so nothing the decision does not need is ever asked: what the matter is,
// then the facts of that matter.

const next = (answers: Answers): Target => {
  const state = evaluateTriage(answers as Facts);
  return state.type === 'needs' ? state.fact : { end: 'decision' };
};

// Labels reworded since they were shown stay accepted when typed (DESIGN.md: a choice may be typed as its label).
const CATEGORY_ALIASES: Partial<Record<Category, MessageKey>> = {
  other_network_product: 'category.other_network_product.aliases',
  not_network_product: 'category.not_network_product.aliases',
};

const yesNoLabels: Record<string, MessageKey> = { yes: 'common.yes', no: 'common.no', unsure: 'common.unsure' };

function yesNoStep(fact: 'personal_info_users_over_1m' | 'ciio' | 'affects_national_security'): StepDef {
  const values = FACT_VALUES[fact];
  return {
    id: fact,
    label: `triage.${fact}.label`,
    prompt: `triage.${fact}.prompt`,
    help: `triage.${fact}.help`,
    input: 'choice',
    yesNo: true,
    choices: values.map((v) => ({ id: v, label: yesNoLabels[v]! })),
    schema: z.enum(values),
    next,
  };
}

const steps: Record<Fact, StepDef> = {
  matter: {
    id: 'matter',
    label: 'triage.matter.label',
    prompt: 'triage.matter.prompt',
    help: 'triage.matter.help',
    input: 'choice',
    choices: FACT_VALUES.matter.map((m) => ({ id: m, label: `triage.matter.${m}` as const, aliases: `triage.matter.${m}.aliases` as const })),
    schema: z.enum(FACT_VALUES.matter),
    next,
  },
  listing_venue: {
    id: 'listing_venue',
    label: 'triage.listing_venue.label',
    prompt: 'triage.listing_venue.prompt',
    help: 'triage.listing_venue.help',
    input: 'choice',
    choices: FACT_VALUES.listing_venue.map((v) => ({
      id: v,
      label: `triage.listing_venue.${v}` as const,
      aliases: `triage.listing_venue.${v}.aliases` as const,
    })),
    schema: z.enum(FACT_VALUES.listing_venue),
    next,
  },
  personal_info_users_over_1m: yesNoStep('personal_info_users_over_1m'),
  category: {
    id: 'category',
    label: 'triage.category.label',
    prompt: 'triage.category.prompt',
    confirmPrompt: 'triage.category.confirm',
    help: 'triage.category.help',
    input: 'choice',
    choices: CATEGORIES.map((c) => ({
      id: c,
      label: `category.${c}` as const,
      help: `category.${c}.help` as const,
      ...(CATEGORY_ALIASES[c] ? { aliases: CATEGORY_ALIASES[c] } : {}),
    })),
    schema: z.enum(CATEGORIES),
    suggest: (text, nlu) => {
      const guess = nlu.classify(text);
      return guess.confidence >= nlu.confidentAt && isCategory(guess.category) ? guess.category : null;
    },
    next,
  },
  ciio: yesNoStep('ciio'),
  affects_national_security: {
    ...yesNoStep('affects_national_security'),
    // The same fact, asked of a product in use or of the platform's data processing.
    promptFor: (answers) => (answers.matter === 'data_processing' ? 'triage.affects_national_security.prompt_data' : 'triage.affects_national_security.prompt'),
  },
};

function decide(answers: Answers, ctx: DecisionContext = {}): Decision {
  const state = evaluateTriage(answers as Facts);
  if (state.type !== 'decided') throw new Error(`triage is not complete: ${state.fact} is missing`);
  const { rule } = state;
  // A named supplier or product on the watchlist is told with its source; it never changes the outcome.
  const warnings = answers.matter === 'purchase' && ctx.watchlist ? matchWatchlist(ctx.watchlist, ctx.texts ?? []) : [];
  return {
    outcome: rule.outcome,
    rule: rule.id,
    reasons: rule.reasons.map((r) => ({ id: r.id, key: `reason.${r.id}` as MessageKey, citation: r.citation })),
    warnings,
    openCase: rule.outcome !== 'not_required',
  };
}

/**
 * What a first message makes clear. "We plan an IPO in New York": a listing, abroad. "香港上市": a
 * listing in Hong Kong. A platform's data processing: that matter. Words for buying ("we want to
 * buy", 采购, 买) or a product the classifier is confident of ("enterprise storage array"): a
 * purchase, and the classifier's guess of the category is offered for confirmation; a message
 * that lists several items is guessed as its most demanding item, and the person is told what
 * was recognised. Anything else ("xyz", "3", 检查一下) makes nothing clear: the matter is asked.
 * Every inferred fact can be corrected with `edit`.
 */
function prefill(text: string, nlu: Parameters<NonNullable<Flow['prefill']>>[1]): Prefill {
  const seen = nlu.matter(text);
  if (seen.matter === 'listing') {
    const answers: Record<string, unknown> = { matter: 'listing', ...(seen.venue ? { listing_venue: seen.venue } : {}) };
    return { answers, inferred: Object.keys(answers), suggestion: {} };
  }
  if (seen.matter === 'data_processing') return { answers: { matter: 'data_processing' }, inferred: ['matter'], suggestion: {} };
  const guess = steps.category.suggest!(text, nlu);
  const suggestion: Record<string, string> = guess ? { category: guess } : {};
  if (seen.matter !== 'purchase' && !guess) return { answers: {}, inferred: [], suggestion: {} };
  const items = nlu
    .items(text)
    .filter((i) => isCategory(i.category))
    .map((i) => ({ choice: i.category, quantity: i.quantity }));
  return {
    answers: { matter: 'purchase' },
    inferred: ['matter'],
    suggestion,
    ...(items.length > 1 ? { recognised: { step: 'category', items } } : {}),
  };
}

export const triageFlow: Flow = {
  id: 'triage',
  version: 2,
  title: 'triage.title',
  steps,
  start: next,
  decide,
  prefill,
};
