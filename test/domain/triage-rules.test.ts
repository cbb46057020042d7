import { describe, expect, it } from 'vitest';
import { evaluateTriage, type Fact, type Facts } from '../../src/domain/triage-rules.js';
import { factsFromV1 } from '../../src/domain/triage-v1.js';

// The expectation is written out by hand from DESIGN.md "Triage: facts and decision (version 2)",
// in a different shape from the implementation: nested by matter, as a reader states the rules,
// with the reason ids each rule gives. It shares no code with src/domain/triage-rules.ts.
// The nine categories of domain.md §7, and the seven that Art. 21 names.
const CATEGORIES = [
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
const NAMED = [
  'core_network_equipment',
  'important_communication_products',
  'hpc_servers',
  'large_storage',
  'large_database_software',
  'network_security_equipment',
  'cloud_services',
];
const YNU = ['yes', 'no', 'unsure'] as const;

type Expected = { outcome: 'required' | 'assess' | 'not_required'; rule: string; reasons: string[]; asked: Fact[] };

function expected(f: Required<Facts>): Expected {
  switch (f.matter) {
    case 'listing': {
      const asked: Fact[] = ['matter', 'listing_venue'];
      if (f.listing_venue === 'hong_kong') return { outcome: 'assess', rule: 'R1', reasons: ['listing_hong_kong', 'listing_hong_kong_review'], asked };
      asked.push('personal_info_users_over_1m');
      if (f.personal_info_users_over_1m === 'yes') return { outcome: 'required', rule: 'R2', reasons: ['listing_over_1m', 'listing_materials'], asked };
      if (f.personal_info_users_over_1m === 'unsure') return { outcome: 'assess', rule: 'R3', reasons: ['listing_count_unsure'], asked };
      return { outcome: 'not_required', rule: 'R4', reasons: ['listing_under_1m', 'ex_officio'], asked };
    }
    case 'data_processing': {
      const asked: Fact[] = ['matter', 'affects_national_security'];
      if (f.affects_national_security === 'no') return { outcome: 'not_required', rule: 'R6', reasons: ['data_processing_no_impact', 'ex_officio'], asked };
      return { outcome: 'assess', rule: 'R5', reasons: ['data_processing_in_scope', 'data_processing_analyst'], asked };
    }
    case 'purchase': {
      const asked: Fact[] = ['matter', 'category'];
      if (f.category === 'not_network_product') return { outcome: 'not_required', rule: 'R7', reasons: ['not_network_product'], asked };
      asked.push('ciio');
      if (f.ciio === 'no') return { outcome: 'not_required', rule: 'R8', reasons: ['not_ciio', 'ex_officio'], asked };
      if (f.ciio === 'unsure') return { outcome: 'assess', rule: 'R9', reasons: ['ciio_unsure'], asked };
      asked.push('affects_national_security');
      if (f.affects_national_security === 'yes') return { outcome: 'required', rule: 'R10', reasons: ['affects_yes', 'supplier_commitments'], asked };
      if (f.affects_national_security === 'unsure') return { outcome: 'assess', rule: 'R11', reasons: ['affects_unsure'], asked };
      if (NAMED.includes(f.category)) return { outcome: 'assess', rule: 'R12', reasons: ['named_category_confirm'], asked };
      return { outcome: 'not_required', rule: 'R13', reasons: ['no_impact_keep_record', 'confidentiality_agreement'], asked };
    }
  }
}

const combos: Required<Facts>[] = [];
for (const matter of ['purchase', 'listing', 'data_processing'] as const)
  for (const listing_venue of ['abroad', 'hong_kong'] as const)
    for (const personal_info_users_over_1m of YNU)
      for (const category of CATEGORIES)
        for (const ciio of YNU)
          for (const affects_national_security of YNU)
            combos.push({ matter, listing_venue, personal_info_users_over_1m, category, ciio, affects_national_security });

/** What a person is asked, one fact at a time, from nothing known to the decision. */
function askInTurn(all: Required<Facts>): { asked: Fact[]; decided: ReturnType<typeof evaluateTriage> } {
  const known: Facts = {};
  const asked: Fact[] = [];
  for (;;) {
    const r = evaluateTriage(known);
    if (r.type === 'decided') return { asked, decided: r };
    expect(asked).not.toContain(r.fact); // never asked twice
    asked.push(r.fact);
    (known as Record<string, string>)[r.fact] = all[r.fact];
  }
}

describe('triage v2 decision over every combination of facts', () => {
  it('covers all 1,458 combinations (3 matters x 2 venues x 3 user counts x 9 categories x 3 CIIO x 3 impact)', () =>
    expect(combos).toHaveLength(3 * 2 * 3 * 9 * 3 * 3));

  it.each(combos.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, facts) => {
    const want = expected(facts);
    // With every fact known, the rules decide as the table says...
    const full = evaluateTriage(facts);
    if (full.type !== 'decided') throw new Error('expected a decision');
    expect({ outcome: full.rule.outcome, rule: full.rule.id, reasons: full.rule.reasons.map((r) => r.id) }).toEqual({
      outcome: want.outcome,
      rule: want.rule,
      reasons: want.reasons,
    });
    // ...and asked one at a time, exactly the facts that matter are asked, in the natural order, to the same decision.
    const turn = askInTurn(facts);
    expect(turn.asked).toEqual(want.asked);
    expect(turn.decided.type === 'decided' && turn.decided.rule.id).toBe(want.rule);
  });
});

describe('citations', () => {
  const cases: [string, Facts, string, number[]][] = [
    ['listing abroad, over 1M users', { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' }, 'measures_2022', [7]],
    ['listing in Hong Kong', { matter: 'listing', listing_venue: 'hong_kong' }, 'measures_2022', [7]],
    ['data processing that may affect national security', { matter: 'data_processing', affects_national_security: 'unsure' }, 'measures_2022', [2]],
    [
      'CIIO purchase affecting security',
      { matter: 'purchase', category: 'cloud_services', ciio: 'yes', affects_national_security: 'yes' },
      'measures_2022',
      [5],
    ],
    ['CII status unclear', { matter: 'purchase', category: 'cloud_services', ciio: 'unsure' }, 'cii_regulations', [10]],
    ['not CIIO', { matter: 'purchase', category: 'cloud_services', ciio: 'no' }, 'measures_2022', [2, 5]],
    ['not a network product', { matter: 'purchase', category: 'not_network_product' }, 'measures_2022', [2, 21]],
  ];
  it.each(cases)('%s cites the article', (_n, facts, source, articles) => {
    const r = evaluateTriage(facts);
    if (r.type !== 'decided') throw new Error('expected a decision');
    expect(r.rule.reasons[0]!.citation).toEqual({ source, articles });
  });

  it('a required purchase also tells the buyer to bind the supplier to the Art. 6 commitments', () => {
    const r = evaluateTriage({ matter: 'purchase', category: 'hpc_servers', ciio: 'yes', affects_national_security: 'yes' });
    if (r.type !== 'decided') throw new Error('expected a decision');
    expect(r.rule.reasons[1]!.citation.articles).toEqual([6]);
  });

  it("a Hong Kong listing and a platform's data processing point to Art. 16 (review on the authorities' own initiative)", () => {
    for (const facts of [
      { matter: 'listing', listing_venue: 'hong_kong' },
      { matter: 'data_processing', affects_national_security: 'yes' },
    ] as Facts[]) {
      const r = evaluateTriage(facts);
      if (r.type !== 'decided') throw new Error('expected a decision');
      expect(r.rule.reasons.some((x) => x.citation.articles.includes(16))).toBe(true);
    }
  });

  it('not-required outcomes that authorities may still review mention Art. 16', () => {
    const notRequired: Facts[] = [
      { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'no' },
      { matter: 'data_processing', affects_national_security: 'no' },
      { matter: 'purchase', category: 'hpc_servers', ciio: 'no' },
    ];
    for (const facts of notRequired) {
      const r = evaluateTriage(facts);
      if (r.type !== 'decided') throw new Error('expected a decision');
      expect(r.rule.outcome).toBe('not_required');
      expect(r.rule.reasons.some((x) => x.citation.articles.includes(16))).toBe(true);
    }
  });
});

describe('what the decision still needs', () => {
  const cases: [string, Facts, string | null][] = [
    ['nothing known: what the matter is', {}, 'matter'],
    ['a listing: where', { matter: 'listing' }, 'listing_venue'],
    ['a listing abroad: the user count', { matter: 'listing', listing_venue: 'abroad' }, 'personal_info_users_over_1m'],
    ['a Hong Kong listing needs nothing more', { matter: 'listing', listing_venue: 'hong_kong' }, null],
    ['data processing: the national-security impact, nothing about products', { matter: 'data_processing' }, 'affects_national_security'],
    ['purchase: what is bought', { matter: 'purchase' }, 'category'],
    ['not a network product: nothing more', { matter: 'purchase', category: 'not_network_product' }, null],
    ['network product: CIIO status', { matter: 'purchase', category: 'hpc_servers' }, 'ciio'],
    ['CIIO: national security', { matter: 'purchase', category: 'hpc_servers', ciio: 'yes' }, 'affects_national_security'],
    [
      'facts of another matter do not count: a purchase still asks the category',
      { matter: 'purchase', listing_venue: 'abroad', affects_national_security: 'yes' },
      'category',
    ],
  ];
  it.each(cases)('%s', (_n, facts, need) => {
    const r = evaluateTriage(facts);
    expect(r.type === 'needs' ? r.fact : null).toBe(need);
  });
});

describe('version 1 answers read as version 2 facts', () => {
  it.each([
    [
      { listing_abroad: 'no', category: 'hpc_servers', ciio: 'yes' },
      { matter: 'purchase', category: 'hpc_servers', ciio: 'yes' },
    ],
    [
      { listing_abroad: 'yes', personal_info_users_over_1m: 'unsure' },
      { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'unsure' },
    ],
    [{ matter: 'data_processing' }, { matter: 'data_processing' }],
    [{}, {}],
  ])('%j -> %j', (v1, v2) => {
    expect(factsFromV1(v1)).toEqual(v2);
  });
});
