import type { Outcome } from './case.js';
import { NAMED_CATEGORIES, CATEGORIES, type Category } from './categories.js';
import { cite, type Citation } from './citation.js';

// The triage decision of DESIGN.md ("Triage: facts and decision (version 2)"): thirteen rules,
// first match wins. Rules are data so the same table answers both "what is the outcome?" and
// "which fact is still needed?".

export const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;
export type YesNoUnsure = (typeof YES_NO_UNSURE)[number];

export const MATTERS = ['purchase', 'listing', 'data_processing'] as const;
export type Matter = (typeof MATTERS)[number];
export const LISTING_VENUES = ['abroad', 'hong_kong'] as const;
export type ListingVenue = (typeof LISTING_VENUES)[number];

/** The facts, in the order a person is asked them; step ids of the triage flow equal these keys. */
export const FACT_VALUES = {
  matter: MATTERS,
  listing_venue: LISTING_VENUES,
  personal_info_users_over_1m: YES_NO_UNSURE,
  category: CATEGORIES,
  ciio: YES_NO_UNSURE,
  affects_national_security: YES_NO_UNSURE,
} as const;
export type Fact = keyof typeof FACT_VALUES;

export type Facts = Partial<{
  matter: Matter;
  listing_venue: ListingVenue;
  personal_info_users_over_1m: YesNoUnsure;
  category: Category;
  ciio: YesNoUnsure;
  affects_national_security: YesNoUnsure;
}>;

/** Reason ids double as i18n keys under `reason.` */
export type RuleReason = { id: string; citation: Citation };
type Condition = { fact: Fact; in: readonly string[] };
export type Rule = { id: string; when: readonly Condition[]; outcome: Outcome; reasons: readonly RuleReason[] };

const is = (fact: Fact, ...values: string[]): Condition => ({ fact, in: values });
const M = (...a: number[]) => cite('measures_2022', ...a);
const listing = is('matter', 'listing');
const abroad = is('listing_venue', 'abroad');
const dataProcessing = is('matter', 'data_processing');
const purchase = is('matter', 'purchase');
const exOfficio: RuleReason = { id: 'ex_officio', citation: M(16) };

// Within a rule, conditions are listed in the order their facts should be asked.
// biome-ignore format: the rules read as a table, one rule per entry
export const TRIAGE_RULES: readonly Rule[] = [
  { id: 'R1', when: [listing, is('listing_venue', 'hong_kong')], outcome: 'assess',
    reasons: [{ id: 'listing_hong_kong', citation: M(7) }, { id: 'listing_hong_kong_review', citation: M(16) }] },
  { id: 'R2', when: [listing, abroad, is('personal_info_users_over_1m', 'yes')], outcome: 'required',
    reasons: [{ id: 'listing_over_1m', citation: M(7) }, { id: 'listing_materials', citation: M(8) }] },
  { id: 'R3', when: [listing, abroad, is('personal_info_users_over_1m', 'unsure')], outcome: 'assess',
    reasons: [{ id: 'listing_count_unsure', citation: M(7) }] },
  { id: 'R4', when: [listing, abroad, is('personal_info_users_over_1m', 'no')], outcome: 'not_required',
    reasons: [{ id: 'listing_under_1m', citation: M(7) }, exOfficio] },
  { id: 'R5', when: [dataProcessing, is('affects_national_security', 'yes', 'unsure')], outcome: 'assess',
    reasons: [{ id: 'data_processing_in_scope', citation: M(2) }, { id: 'data_processing_analyst', citation: M(7, 16) }] },
  { id: 'R6', when: [dataProcessing, is('affects_national_security', 'no')], outcome: 'not_required',
    reasons: [{ id: 'data_processing_no_impact', citation: M(2) }, exOfficio] },
  { id: 'R7', when: [purchase, is('category', 'not_network_product')], outcome: 'not_required',
    reasons: [{ id: 'not_network_product', citation: M(2, 21) }] },
  { id: 'R8', when: [purchase, is('ciio', 'no')], outcome: 'not_required',
    reasons: [{ id: 'not_ciio', citation: M(2, 5) }, exOfficio] },
  { id: 'R9', when: [purchase, is('ciio', 'unsure')], outcome: 'assess',
    reasons: [{ id: 'ciio_unsure', citation: cite('cii_regulations', 10) }] },
  { id: 'R10', when: [purchase, is('affects_national_security', 'yes')], outcome: 'required',
    reasons: [{ id: 'affects_yes', citation: M(5) }, { id: 'supplier_commitments', citation: M(6) }] },
  { id: 'R11', when: [purchase, is('affects_national_security', 'unsure')], outcome: 'assess',
    reasons: [{ id: 'affects_unsure', citation: M(5, 10) }] },
  { id: 'R12', when: [purchase, is('affects_national_security', 'no'), is('category', ...NAMED_CATEGORIES)], outcome: 'assess',
    reasons: [{ id: 'named_category_confirm', citation: M(5, 21) }] },
  { id: 'R13', when: [purchase, is('affects_national_security', 'no')], outcome: 'not_required',
    reasons: [{ id: 'no_impact_keep_record', citation: M(5) }, { id: 'confidentiality_agreement', citation: cite('cii_regulations', 19, 20) }] },
];

export type TriageState = { type: 'decided'; rule: Rule } | { type: 'needs'; fact: Fact };

/**
 * Three-valued evaluation over the facts known so far: the first rule that matches decides;
 * the first rule that is still undetermined names the fact to ask next. So the flow asks
 * only what the decision still needs, in rule order: what the matter is, then the facts of
 * that matter (for a purchase: what, then who, then impact).
 */
export function evaluateTriage(facts: Facts): TriageState {
  for (const rule of TRIAGE_RULES) {
    let unknown: Fact | null = null;
    let failed = false;
    for (const c of rule.when) {
      const value = facts[c.fact];
      if (value === undefined) unknown ??= c.fact;
      else if (!c.in.includes(value)) {
        failed = true;
        break;
      }
    }
    if (failed) continue;
    if (unknown) return { type: 'needs', fact: unknown };
    return { type: 'decided', rule };
  }
  // Every complete combination is covered by R13 or earlier; reaching here means a fact was invalid.
  throw new Error('triage rules do not cover the given facts');
}
