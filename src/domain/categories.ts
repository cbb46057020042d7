// Product categories of the 2022 Measures, Art. 21 (definitions in shared/domain.md §7).
export const CATEGORIES = [
  'core_network_equipment',
  'hpc_servers',
  'large_storage',
  'large_database_software',
  'network_security_equipment',
  'cloud_services',
  'other_network_product',
  'not_network_product',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** The six categories Art. 21 names explicitly (rule 9 of the triage). */
export const NAMED_CATEGORIES: readonly Category[] = CATEGORIES.filter(
  (c) => c !== 'other_network_product' && c !== 'not_network_product',
);

export const isCategory = (value: string): value is Category =>
  (CATEGORIES as readonly string[]).includes(value);
