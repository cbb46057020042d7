import { z } from 'zod';
import type { MessageKey } from '../src/i18n/index.js';
import { CATEGORIES, evaluateTriage, FACT_VALUES, isCategory, type Fact, type Facts } from '../src/domain/index.js';
import type { Answers, Decision, Flow, Prefill, StepDef, Target } from '../src/engine/index.js';

// Does this purchase need a cybersecurity review? Step ids are the fact keys of DESIGN.md;
// the order of questions comes from the rules themselves (evaluateTriage), so nothing
// the decision does not need is ever asked.

const next = (answers: Answers): Target => {
  const state = evaluateTriage(answers as Facts);
  return state.type === 'needs' ? state.fact : { end: 'decision' };
};

const yesNoLabels: Record<string, MessageKey> = { yes: 'common.yes', no: 'common.no', unsure: 'common.unsure' };

function factStep(fact: Exclude<Fact, 'category' | 'listing_abroad'>): StepDef {
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
  listing_abroad: {
    id: 'listing_abroad',
    label: 'triage.listing_abroad.label',
    prompt: 'triage.listing_abroad.prompt',
    help: 'triage.listing_abroad.help',
    input: 'choice',
    choices: [
      { id: 'no', label: 'triage.listing_abroad.no' },
      { id: 'yes', label: 'triage.listing_abroad.yes' },
    ],
    schema: z.enum(FACT_VALUES.listing_abroad),
    next,
  },
  personal_info_users_over_1m: factStep('personal_info_users_over_1m'),
  category: {
    id: 'category',
    label: 'triage.category.label',
    prompt: 'triage.category.prompt',
    confirmPrompt: 'triage.category.confirm',
    help: 'triage.category.help',
    input: 'choice',
    choices: CATEGORIES.map((c) => ({ id: c, label: `category.${c}` as const, help: `category.${c}.help` as const })),
    schema: z.enum(CATEGORIES),
    suggest: (text, nlu) => {
      const guess = nlu.classify(text);
      return guess.confidence >= nlu.confidentAt && isCategory(guess.category) ? guess.category : null;
    },
    next,
  },
  ciio: factStep('ciio'),
  affects_national_security: factStep('affects_national_security'),
};

function decide(answers: Answers): Decision {
  const state = evaluateTriage(answers as Facts);
  if (state.type !== 'decided') throw new Error(`triage is not complete: ${state.fact} is missing`);
  const { rule } = state;
  return {
    outcome: rule.outcome,
    rule: rule.id,
    reasons: rule.reasons.map((r) => ({ id: r.id, key: `reason.${r.id}` as MessageKey, citation: r.citation })),
    openCase: rule.outcome !== 'not_required',
  };
}

export const triageFlow: Flow = {
  id: 'triage',
  version: 1,
  title: 'triage.title',
  steps,
  start: next,
  decide,
  // "We want to buy 20 Huawei core routers": a described purchase is not a listing abroad,
  // and the classifier's guess of the category is offered for confirmation.
  // A message that lists several items is guessed as its most demanding item, and the person is
  // told what was recognised.
  prefill: (text, nlu): Prefill => {
    if (nlu.mentionsListingAbroad(text)) return { answers: {}, inferred: [], suggestion: {} };
    const guess = steps.category.suggest!(text, nlu);
    const suggestion: Record<string, string> = guess ? { category: guess } : {};
    const items = nlu.items(text).filter((i) => isCategory(i.category)).map((i) => ({ choice: i.category, quantity: i.quantity }));
    return {
      answers: { listing_abroad: 'no' }, inferred: ['listing_abroad'], suggestion,
      ...(items.length > 1 ? { recognised: { step: 'category', items } } : {}),
    };
  },
};
