// Product categories of the 2022 Measures, Art. 21, in its order (definitions in shared/domain.md §7).
export const CATEGORIES = [
  'core_network_equipment',
  'important_communication_products',
  'hpc_servers',
  'large_storage',
  'large_database_software',
  'network_security_equipment',
  'cloud_services',
  'other_network_product',
  'not_network_product',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** The seven categories Art. 21 names explicitly (the "named category, no impact -> assess" rule). */
export const NAMED_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => c !== 'other_network_product' && c !== 'not_network_product');

export const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

/**
 * How much a category asks of the buyer, for a request that names several items: a named
 * category (Art. 21) can require a review, any other network product still needs the CIIO's
 * prediction, and what is not a network product needs nothing. Higher is more demanding.
 */
export const demandOf = (c: Category): number => (c === 'not_network_product' ? 0 : c === 'other_network_product' ? 1 : 2);

/** The most demanding of several categories; ties keep the earliest (the item named first). */
export function mostDemanding(categories: readonly Category[]): Category | null {
  let best: Category | null = null;
  for (const c of categories) if (best === null || demandOf(c) > demandOf(best)) best = c;
  return best;
}
