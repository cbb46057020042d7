import { describe, expect, it } from 'vitest';
import { INTAKE_PLAN, intakeGaps, registry, sectionFields } from '../../flows/index.js';
import { productOf, prefillIntake } from '../../flows/intake/prefill.js';
import { begin, latestFlow, matchChoice, type ConvState, type Outbound } from '../../src/engine/index.js';
import { t, type Lang, type MessageKey } from '../../src/i18n/index.js';
import { context, replay } from '../support/replay.js';
import { aCase } from '../support/fixtures.js';

// The intake by matter, as data: which sections each matter asks, with which fields; then the
// answers people type at those questions, as tables of (what is typed -> what is recorded / said).

const fields = (matter: 'purchase' | 'listing' | 'data_processing', section: Parameters<typeof sectionFields>[1]) =>
  sectionFields(matter, section).map((f) => `${f.id}${f.optional ? '?' : ''}`);

describe('sections and fields by matter', () => {
  it('each matter has its own sections, in order', () => {
    expect(INTAKE_PLAN).toEqual({
      purchase: ['applicant', 'cii', 'item', 'purchase', 'supplier', 'data', 'commitments', 'risk', 'materials'],
      listing: ['applicant', 'listing', 'risk', 'materials'],
      data_processing: ['applicant', 'processing', 'data', 'risk', 'materials'],
    });
  });

  it.each([
    ['purchase', 'applicant', ['legal_name', 'uscc', 'legal_representative', 'contact', 'truthful']],
    ['purchase', 'cii', ['protection_department', 'notice_date', 'sector', 'cii_system', 'mlps_level']],
    ['purchase', 'item', ['product', 'model_version?', 'quantity', 'unit_price?', 'total_amount']],
    [
      'purchase',
      'purchase',
      ['procurement_method', 'planned_purchase_date', 'planned_go_live_date?', 'deployment', 'remote_maintenance_abroad', 'commercial_cryptography'],
    ],
    ['purchase', 'supplier', ['name', 'country_region', 'controller', 'role', 'component_origin']],
    ['purchase', 'data', ['personal_information', 'important_data', 'data_leaves_china', 'data_notes?']],
    [
      'purchase',
      'commitments',
      ['no_illegal_data_access', 'no_illegal_control', 'no_supply_cutoff', 'cooperate_with_review', 'reference?', 'security_agreement'],
    ],
    ['purchase', 'materials', ['declaration_form', 'impact_report', 'procurement_documents', 'supplier_letters']],
    ['listing', 'listing', ['venue', 'route', 'users_with_personal_info', 'csrc_filing', 'planned_listing_date?']],
    ['listing', 'materials', ['declaration_form', 'impact_report', 'listing_documents']],
    ['data_processing', 'processing', ['description', 'users_with_personal_info?']],
    ['data_processing', 'materials', ['declaration_form', 'impact_report']],
  ] as const)('%s / %s', (matter, section, expected) => {
    expect(fields(matter, section)).toEqual(expected);
  });

  it('Art. 10 factor 6 is asked of listings only', () => {
    const factors = (m: 'purchase' | 'listing' | 'data_processing') => fields(m, 'risk').filter((f) => f.endsWith('_rating'));
    expect(factors('listing')).toContain('listing_foreign_control_rating');
    expect(factors('purchase')).not.toContain('listing_foreign_control_rating');
    expect(factors('data_processing')).not.toContain('listing_foreign_control_rating');
    expect(factors('purchase')).toHaveLength(6);
  });

  it('the matter comes from the triage, in either of its shapes', () => {
    const gapsOf = (answers: Record<string, string>) => [
      ...new Set(intakeGaps(aCase({ triage: { answers, outcome: 'required', reasons: [] } })).map((g) => g.section)),
    ];
    expect(gapsOf({ matter: 'listing' })).toEqual(['applicant', 'listing', 'risk', 'materials']);
    expect(gapsOf({ listing_abroad: 'yes' })).toEqual(['applicant', 'listing', 'risk', 'materials']);
    expect(gapsOf({ listing_abroad: 'no' })).toEqual(['applicant', 'cii', 'item', 'purchase', 'supplier', 'data', 'commitments', 'risk', 'materials']);
    expect(gapsOf({ matter: 'data_processing' })).toEqual(['applicant', 'processing', 'data', 'risk', 'materials']);
  });
});

describe('choices as typed', () => {
  const choices = latestFlow(registry, 'intake.purchase.materials')!.steps.impact_report!.choices!;
  const ratings = latestFlow(registry, 'intake.purchase.risk')!.steps.control_damage_rating!.choices!;
  const roles = latestFlow(registry, 'intake.purchase.supplier')!.steps.role!.choices!;
  it.each([
    [choices, 'redy', 'ready'],
    [choices, 'Ready.', 'ready'],
    [choices, '已备齐', 'ready'],
    [choices, 'not aplicable', 'not_applicable'],
    [choices, '不适用', 'not_applicable'],
    [choices, 'missin', 'missing'],
    [ratings, '中等', 'medium'],
    [ratings, '高风险', 'high'],
    [ratings, 'hihg', 'high'],
    [ratings, 'med', 'medium'],
    [ratings, '未知', 'unknown'],
    [ratings, 'Medium risk', 'medium'],
    [ratings, 'lwo', 'low'],
    [ratings, 'banana', null],
    [ratings, 'hi', null],
    [choices, 'r', null],
    // The supplier is 提供者 (domain.md §5); 服务提供商, the label before, is still understood.
    [roles, '服务提供者', 'service_provider'],
    [roles, '服务提供商', 'service_provider'],
    [roles, '集成商', 'integrator'],
    [roles, 'service provider', 'service_provider'],
  ])('%#: %j -> %s', (list, text, expected) => {
    expect(matchChoice(list, text)).toBe(expected);
  });
});

describe('the Art. 10 rating questions in chat', () => {
  // A listing asks all seven factors.
  const risk = latestFlow(registry, 'intake.listing.risk')!;
  const ratings = Object.values(risk.steps).filter((st) => st.id.endsWith('_rating'));
  const OFFERED = { en: 'Answer with the risk level: low, medium, high, or not yet known.', 'zh-CN': '请回答风险等级：低、中、高，或尚不清楚。' };
  const LABELS = {
    en: ['Risk: low', 'Risk: medium', 'Risk: high', 'Risk: not yet known'],
    'zh-CN': ['风险：低', '风险：中', '风险：高', '风险：尚不清楚'],
  };
  const start = (lang: Lang) => {
    const ctx = context({ now: new Date('2026-12-02T02:00:00Z') });
    const started = begin(ctx, risk, { lang, caseId: 'RB-TEST01', answers: {} });
    return { ctx, state: started.state as ConvState, first: started.out };
  };

  it.each(['en', 'zh-CN'] as const)('%s: each prompt offers the levels its choices are labelled with', (lang) => {
    expect(ratings).toHaveLength(7);
    for (const step of ratings) expect(t(lang, step.prompt as MessageKey).endsWith(OFFERED[lang]), step.id).toBe(true);
    const q = start(lang).first.at(-1);
    expect(q).toMatchObject({ type: 'question', step: 'control_damage_rating' });
    expect((q as { text: string }).text.endsWith(OFFERED[lang])).toBe(true);
    expect((q as { choices: { label: string }[] }).choices.map((c) => c.label)).toEqual(LABELS[lang]);
  });

  it.each([
    ['en', 'low', 'low'],
    ['en', 'Medium', 'medium'],
    ['en', 'high', 'high'],
    ['en', 'not yet known', 'unknown'],
    ['en', 'Not yet known.', 'unknown'],
    ['en', 'unknown', 'unknown'],
    ['en', 'Risk: low', 'low'],
    ['zh-CN', '低', 'low'],
    ['zh-CN', '中', 'medium'],
    ['zh-CN', '高', 'high'],
    ['zh-CN', '尚不清楚', 'unknown'],
    ['zh-CN', '未知', 'unknown'],
    ['zh-CN', '风险：低', 'low'],
    ['zh-CN', 'low', 'low'],
  ] as const)('%s: %j answers it as %s', (lang, typed, recorded) => {
    const s = start(lang);
    const r = replay([typed], { state: s.state, ctx: s.ctx });
    expect(r.state?.answers.control_damage_rating).toBe(recorded);
    expect(r.last.at(-1)).toMatchObject({ type: 'question', step: 'control_damage_note' });
  });
});

/** An intake conversation on one section of a purchase case, today 2 Dec 2026, the review's normal path ending 10 Mar 2027. */
function section(flowId: string, saved: Record<string, Record<string, unknown>> = {}) {
  const ctx = context({ now: new Date('2026-12-02T02:00:00Z'), reviewEnd: () => '2027-03-10' });
  const flow = latestFlow(registry, flowId)!;
  // A line item's answers come from the item the flow picks (formKeyFor); a section's from its form.
  const started = begin(ctx, flow, { lang: 'en', caseId: 'RB-TEST01', savedFor: saved, ...(flow.formKeyFor ? {} : { answers: saved[flow.form!] ?? {} }) });
  return { ctx, state: started.state as ConvState, first: started.out };
}
const say = (s: ReturnType<typeof section>, lines: string[]) => replay(lines, { state: s.state, ctx: s.ctx });
const texts = (out: Outbound[]) => out.map((m) => ('text' in m ? m.text : '')).join('\n');

describe('dates as typed, with the checks that matter', () => {
  it('"next month" is asked back as the date understood; yes records it; the review-clock warning follows', () => {
    const s = section('intake.purchase.purchase');
    const r = say(s, ['singel source', 'next month', 'yes']);
    expect(r.out[0]!.at(-1)).toMatchObject({ type: 'question', step: 'planned_purchase_date' });
    expect(r.out[1]).toEqual([
      { type: 'question', step: 'planned_purchase_date', input: 'date', text: expect.stringMatching(/^I understood 2027-01-01\. Is that right\?/) },
    ]);
    expect(texts(r.out[2]!)).toMatch(/the review could run until 2027-03-10 .*a purchase on 2027-01-01 may come before it is finished/);
    expect(r.state?.answers).toMatchObject({ procurement_method: 'single_source', planned_purchase_date: '2027-01-01' });
  });

  it.each([
    ['2027/06/30', '2027-06-30', null],
    ['2027年6月30日', '2027-06-30', null],
    ['2027-03-01', '2027-03-01', /could run until 2027-03-10/],
  ])('purchase date %j -> %s', (typed, recorded, warning) => {
    const r = say(section('intake.purchase.purchase'), ['open tender', typed]);
    expect(r.state?.answers.planned_purchase_date).toBe(recorded);
    if (warning) expect(texts(r.last)).toMatch(warning);
    else expect(texts(r.last)).not.toMatch(/could run until/);
  });

  it.each([
    ['a past purchase date', ['open tender', '2026-11-30'], /2026-11-30 is in the past \(today is 2026-12-02\)/],
    ['go-live before purchase', ['open tender', '2027-06-30', '2027/06/01'], /The go-live date 2027-06-01 is before the purchase date 2027-06-30/],
    ['not a date', ['open tender', 'soon'], /Please answer with a date, for example 2027-03-01/],
    ['a notice date after today', [], null],
  ])('%s is refused, nothing recorded', (_n, lines, message) => {
    if (!message) {
      const r = say(section('intake.purchase.cii'), ['National Energy Administration', '2027-01-05']);
      expect(texts(r.last)).toMatch(/2027-01-05 is after today \(2026-12-02\)/);
      expect(r.state?.answers.notice_date).toBeUndefined();
      return;
    }
    const r = say(section('intake.purchase.purchase'), lines);
    expect(r.last[0]).toMatchObject({ type: 'error', text: expect.stringMatching(message) });
    expect(Object.keys(r.state!.answers)).toHaveLength(lines.length - 1);
  });

  it('"n/a" and 无 leave an optional field empty; a required one is still asked', () => {
    const r = say(section('intake.purchase.purchase'), ['open tender', '2027-06-30', 'n/a']);
    expect(r.state?.answers.planned_go_live_date).toBeNull();
    expect(r.last.at(-1)).toMatchObject({ type: 'question', step: 'deployment' });
    const zh = say(section('intake.purchase.item'), ['服务器', '无']);
    expect(zh.state?.answers.model_version).toBeNull();
    const required = say(section('intake.purchase.item'), ['n/a']);
    expect(required.state?.answers.product).toBe('n/a'); // a product called "n/a" is odd but a text; nothing is skipped silently
  });
});

describe('amounts as typed', () => {
  it.each([
    ['1,200,000', 1200000],
    ['120万', 1200000],
    ['1.2M CNY', 1200000],
    ['¥1,200,000', 1200000],
    ['120万元', 1200000],
  ])('total %j -> %d', (typed, value) => {
    const r = say(section('intake.purchase.item'), ['routers', 'NE40E', '20', 'n/a', typed]);
    expect(r.effects.filter((e) => e.type === 'saveCaseField').at(-1)).toMatchObject({ form: 'item-1', field: 'total_amount', value });
  });
  it('USD is refused with a reason; a total that does not match quantity × unit price is saved with a note', () => {
    const usd = say(section('intake.purchase.item'), ['routers', 'n/a', '20', 'USD 5,000']);
    expect(texts(usd.last)).toMatch(/in CNY \(yuan\)/);
    const off = say(section('intake.purchase.item'), ['routers', 'n/a', '20', '6万', '100万']);
    expect(texts(off.last)).toMatch(/quantity × unit price is 1200000, not 1000000; saved as given/);
  });
});

describe('line items', () => {
  it('chat asks the first unfinished item, then a new one when none exists', () => {
    expect(section('intake.purchase.item').state.formKey).toBe('item-1');
    const s = section('intake.purchase.item', { 'item-1': { product: 'a', quantity: 1, total_amount: 1 }, 'item-3': { product: 'b' } });
    expect(s.state.formKey).toBe('item-3');
    expect(s.first.at(-1)).toMatchObject({ step: 'model_version' }); // the next field not answered yet (optional ones are asked too, and may be skipped)
  });
});

describe('what the first message already said', () => {
  it.each([
    ['we want to buy 20 Huawei core routers', 'Huawei core routers'],
    ['想采购20台华为核心路由器', '华为核心路由器'],
    ['我们要采购20台华为核心路由器', '华为核心路由器'],
    ['公司希望购买 3 套防火墙', '防火墙'],
    ['we would like to buy 5 storage arrays', 'storage arrays'],
    ['need 2 firewalls', 'firewalls'],
    ['NE40E routers x4', 'NE40E routers'],
  ])('product of %j is %j', (part, product) => {
    expect(productOf(part)).toBe(product);
  });
  it('a purchase starts with its items, quantities and supplier; a listing with nothing', () => {
    const k = aCase({ triage: { answers: { listing_abroad: 'no' }, outcome: 'required', reasons: [] } });
    expect(
      prefillIntake(k, {
        items: [
          { text: '20 routers', quantity: 20 },
          { text: '2 firewalls', quantity: 2 },
        ],
        supplier: 'Huawei',
      }),
    ).toEqual({
      'item-1': { product: 'routers', quantity: 20 },
      'item-2': { product: 'firewalls', quantity: 2 },
      supplier: { name: 'Huawei' },
    });
    expect(
      prefillIntake({ ...k, triage: { ...k.triage, answers: { listing_abroad: 'yes' } } }, { items: [{ text: 'IPO', quantity: null }], supplier: null }),
    ).toEqual({});
  });
});
