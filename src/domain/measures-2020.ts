import { cite, type Citation } from './citation.js';
import type { Facts } from './triage-rules.js';

// How the 2020 Measures (in force 2020-06-01 to 2022-02-14) differed from the 2022 Measures the bot
// applies (domain.md §1, §2), for a person who asks. Told alongside a decision, never changing it.
// Ids double as i18n keys under `measures2020.`.

export type Difference2020 = { id: string; citations: readonly Citation[] };

const old = (...a: number[]) => cite('measures_2020', ...a);
const now = (...a: number[]) => cite('measures_2022', ...a);

const D = {
  scope: { id: 'scope', citations: [old(2), now(2)] },
  purchase_same: { id: 'purchase_same', citations: [old(2, 5, 6), now(2, 5, 6)] },
  products: { id: 'products', citations: [old(20), now(21)] },
  important_communication: { id: 'important_communication', citations: [old(20), now(21)] },
  listing: { id: 'listing', citations: [now(7, 8)] },
  csrc: { id: 'csrc', citations: [] },
  data_processing: { id: 'data_processing', citations: [old(2), now(2)] },
  risk_factors: { id: 'risk_factors', citations: [old(9), now(10)] },
  timeline: { id: 'timeline', citations: [old(8, 10, 13), now(9, 11, 14)] },
} as const satisfies Record<string, Difference2020>;

/** The differences that matter for this check (all of them when nothing is known yet), in reading order. */
export function differences2020(facts: Facts | null): Difference2020[] {
  switch (facts?.matter) {
    case 'purchase':
      return [D.purchase_same, facts.category === 'important_communication_products' ? D.important_communication : D.products, D.risk_factors, D.timeline];
    case 'listing':
      return [D.listing, D.csrc, D.risk_factors, D.timeline];
    case 'data_processing':
      return [D.data_processing, D.risk_factors, D.timeline];
    default:
      return [D.scope, D.listing, D.products, D.risk_factors, D.timeline];
  }
}
