import { describe, expect, it } from 'vitest';
import { evaluateTriage, type Facts } from '../../src/domain/triage-rules.js';

// Expected outcomes written out by hand from DESIGN.md's ten rules, in a different shape
// from the implementation (nested by situation rather than an ordered rule list).
// The nine categories of domain.md §7, and the seven that Art. 21 names.
const CATEGORIES = ['core_network_equipment', 'important_communication_products', 'hpc_servers', 'large_storage',
  'large_database_software', 'network_security_equipment', 'cloud_services', 'other_network_product', 'not_network_product'] as const;
const NAMED = ['core_network_equipment', 'important_communication_products', 'hpc_servers', 'large_storage',
  'large_database_software', 'network_security_equipment', 'cloud_services'];
const YNU = ['yes', 'no', 'unsure'] as const;

function expected(f: Required<Facts>): { outcome: string; rule: string } {
  if (f.listing_abroad === 'yes') {
    return { yes: { outcome: 'required', rule: 'R1' }, unsure: { outcome: 'assess', rule: 'R2' }, no: { outcome: 'not_required', rule: 'R3' } }[f.personal_info_users_over_1m];
  }
  if (f.category === 'not_network_product') return { outcome: 'not_required', rule: 'R4' };
  if (f.ciio === 'no') return { outcome: 'not_required', rule: 'R5' };
  if (f.ciio === 'unsure') return { outcome: 'assess', rule: 'R6' };
  if (f.affects_national_security === 'yes') return { outcome: 'required', rule: 'R7' };
  if (f.affects_national_security === 'unsure') return { outcome: 'assess', rule: 'R8' };
  return NAMED.includes(f.category) ? { outcome: 'assess', rule: 'R9' } : { outcome: 'not_required', rule: 'R10' };
}

const combos: Required<Facts>[] = [];
for (const listing_abroad of ['yes', 'no'] as const)
  for (const personal_info_users_over_1m of YNU)
    for (const category of CATEGORIES)
      for (const ciio of YNU)
        for (const affects_national_security of YNU)
          combos.push({ listing_abroad, personal_info_users_over_1m, category, ciio, affects_national_security });

describe('triage decision over every combination of facts', () => {
  it('covers all 486 combinations', () => expect(combos).toHaveLength(2 * 3 * 9 * 3 * 3));

  it.each(combos.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, facts) => {
    const r = evaluateTriage(facts);
    expect(r.type).toBe('decided');
    if (r.type !== 'decided') return;
    expect({ outcome: r.rule.outcome, rule: r.rule.id }).toEqual(expected(facts));
  });
});

describe('citations', () => {
  const cases: [string, Facts, string, number[]][] = [
    ['listing abroad, over 1M users', { listing_abroad: 'yes', personal_info_users_over_1m: 'yes' }, 'measures_2022', [7]],
    ['CIIO purchase affecting security', { listing_abroad: 'no', category: 'cloud_services', ciio: 'yes', affects_national_security: 'yes' }, 'measures_2022', [5]],
    ['CII status unclear', { listing_abroad: 'no', category: 'cloud_services', ciio: 'unsure' }, 'cii_regulations', [10]],
    ['not CIIO', { listing_abroad: 'no', category: 'cloud_services', ciio: 'no' }, 'measures_2022', [2, 5]],
  ];
  it.each(cases)('%s cites the article', (_n, facts, source, articles) => {
    const r = evaluateTriage(facts);
    if (r.type !== 'decided') throw new Error('expected a decision');
    expect(r.rule.reasons[0]!.citation).toEqual({ source, articles });
  });

  it('a required purchase also tells the buyer to bind the supplier to the Art. 6 commitments', () => {
    const r = evaluateTriage({ listing_abroad: 'no', category: 'hpc_servers', ciio: 'yes', affects_national_security: 'yes' });
    if (r.type !== 'decided') throw new Error('expected a decision');
    expect(r.rule.reasons.map((x) => x.id)).toEqual(['affects_yes', 'supplier_commitments']);
    expect(r.rule.reasons[1]!.citation.articles).toEqual([6]);
  });

  it('not-required outcomes that authorities may still review mention Art. 16', () => {
    for (const facts of [{ listing_abroad: 'yes', personal_info_users_over_1m: 'no' }, { listing_abroad: 'no', category: 'hpc_servers', ciio: 'no' }] as Facts[]) {
      const r = evaluateTriage(facts);
      if (r.type !== 'decided') throw new Error('expected a decision');
      expect(r.rule.reasons.some((x) => x.citation.articles.includes(16))).toBe(true);
    }
  });
});

describe('what the decision still needs', () => {
  const cases: [string, Facts, string | null][] = [
    ['nothing known: purchase or listing first', {}, 'listing_abroad'],
    ['listing: the user count', { listing_abroad: 'yes' }, 'personal_info_users_over_1m'],
    ['listing decided without product questions', { listing_abroad: 'yes', personal_info_users_over_1m: 'no' }, null],
    ['purchase: what is bought', { listing_abroad: 'no' }, 'category'],
    ['not a network product: nothing more', { listing_abroad: 'no', category: 'not_network_product' }, null],
    ['network product: CIIO status', { listing_abroad: 'no', category: 'hpc_servers' }, 'ciio'],
    ['not a CIIO: nothing more', { listing_abroad: 'no', category: 'hpc_servers', ciio: 'no' }, null],
    ['CIIO: national security', { listing_abroad: 'no', category: 'hpc_servers', ciio: 'yes' }, 'affects_national_security'],
  ];
  it.each(cases)('%s', (_n, facts, need) => {
    const r = evaluateTriage(facts);
    expect(r.type === 'needs' ? r.fact : null).toBe(need);
  });
});
