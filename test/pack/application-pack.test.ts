import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import { caseClock, describeCaseClock } from '../../src/domain/deadlines.js';
import { riskSummary } from '../../src/domain/risk-summary.js';
import { buildPack, packJsonSchema, packToDocx, packToMarkdown, packToZip, PackSchema } from '../../src/pack/index.js';
import { packageCalendar, settingsWith } from '../support/calendars.js';
import { aCase } from '../support/fixtures.js';

// A purchase case a filing team has mostly filled in, and a listing; expectations written by hand.

const purchase: CaseRecord = aCase({
  id: 'RB-PACK01',
  status: 'intake',
  analyst: 'ann',
  summary: '20 Huawei core routers',
  triage: {
    answers: { matter: 'purchase', category: 'core_network_equipment', ciio: 'yes', affects_national_security: 'yes' },
    outcome: 'required',
    reasons: [{ id: 'affects_yes', citation: { source: 'measures_2022', articles: [5] } }],
  },
  intake: {
    applicant: {
      legal_name: 'Example Power Grid Co.',
      uscc: '91350100M000100Y43',
      legal_representative: 'Li Ming',
      contact: '王丽, 13800138000, wangli@example.com',
      truthful: 'confirmed',
    },
    cii: {
      protection_department: 'National Energy Administration',
      notice_date: '2025-06-30',
      sector: 'energy',
      cii_system: 'Dispatch network',
      mlps_level: 'level_3',
    },
    'item-1': { product: 'NE40E routers', model_version: 'V800R021', quantity: 20, unit_price: 60000, total_amount: 1200000 },
    'item-2': { product: 'Line cards', quantity: 4, total_amount: 80000 },
    purchase: {
      procurement_method: 'open_tender',
      planned_purchase_date: '2027-06-30',
      deployment: 'Two data centres',
      remote_maintenance_abroad: 'no',
      commercial_cryptography: 'yes',
    },
    supplier: { name: 'Huawei', country_region: 'China', controller: 'Employee-owned', role: 'manufacturer', component_origin: 'Domestic chips' },
    data: { personal_information: 'no', important_data: 'yes', data_leaves_china: 'no' },
    commitments: {
      no_illegal_data_access: 'in_contract',
      no_illegal_control: 'in_contract',
      no_supply_cutoff: 'not_yet',
      cooperate_with_review: 'in_letter',
      reference: 'Contract §12.3',
      security_agreement: 'drafted',
    },
    risk: {
      control_damage_rating: 'high',
      control_damage_note: 'Remote maintenance channel',
      control_damage_mitigation: 'Jump host',
      supply_chain_rating: 'low',
      other_rating: 'unknown',
    },
    materials: { declaration_form: 'ready', impact_report: 'missing', procurement_documents: 'ready' },
  },
});
const listing: CaseRecord = aCase({
  id: 'RB-LIST01',
  lang: 'zh-CN',
  summary: '公司计划在纳斯达克上市',
  triage: {
    answers: { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' },
    outcome: 'required',
    reasons: [{ id: 'listing_over_1m', citation: { source: 'measures_2022', articles: [7] } }],
  },
  intake: {
    listing: { venue: 'NASDAQ', route: 'ipo', users_with_personal_info: 1200000, csrc_filing: 'preparing' },
    risk: { listing_foreign_control_rating: 'medium' },
  },
});
const NOW = new Date('2026-12-02T08:00:00Z');
const settings = settingsWith(packageCalendar);
const clockOf = (k: CaseRecord, today: string) => {
  const c = caseClock(k, settings, today);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
};
const names = (key: string) => ({ alice: 'Alice Zhang', ann: 'Ann Liu', lee: 'Lee Wei' })[key] ?? key;
const extras = {
  nameOf: names,
  audit: [
    {
      caseId: 'RB-PACK01',
      at: '2026-12-01T03:00:00.000Z',
      actor: 'ann',
      action: 'case.comment',
      before: null,
      after: 'Supplier letter promised for next week',
    },
  ],
  attachments: [
    {
      id: 'a1',
      caseId: 'RB-PACK01',
      name: 'contract-draft.pdf',
      mediaType: 'application/pdf',
      size: 2048,
      sha256: 'ab'.repeat(32),
      by: 'ann',
      at: '2026-12-01T04:00:00.000Z',
      material: 'procurement_documents',
    },
  ],
};
const en = buildPack(purchase, 'en', clockOf(purchase, '2026-12-02'), NOW, extras);
const zh = buildPack(purchase, 'zh-CN', clockOf(purchase, '2026-12-02'), NOW, extras);

describe('the pack as JSON', () => {
  it('conforms to its zod schema and to the shipped JSON Schema, which is the one generated from it', () => {
    expect(PackSchema.safeParse(en).success).toBe(true);
    const shipped = JSON.parse(readFileSync(new URL('../../schema/application-pack.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(packJsonSchema())));
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(shipped);
    expect(validate(zh), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...en, caseId: 42 })).toBe(false);
  });

  it('keeps the contract keys: caseId, status, analyst, triage.outcome', () => {
    expect([en.caseId, en.status, en.analyst, en.triage.outcome]).toEqual(['RB-PACK01', 'intake', 'ann', 'required']);
  });

  it('a purchase: its sections, line items with amounts formatted, people by name', () => {
    expect(en.sections.map((s) => s.id)).toEqual(['applicant', 'cii', 'purchase', 'supplier', 'data']);
    expect(en.items.map((i) => i.fields.find((f) => f.id === 'total_amount')?.value)).toEqual(['¥1,200,000', '¥80,000']);
    expect(en.itemsTotal).toBe('¥1,280,000');
    expect(zh.itemsTotal).toBe('128万元');
    expect(zh.items[0]!.fields.find((f) => f.id === 'unit_price')?.value).toBe('6万元');
    expect(en.people).toEqual({
      requester: { key: 'alice', name: 'Alice Zhang' },
      teamLead: { key: 'lee', name: 'Lee Wei' },
      analyst: { key: 'ann', name: 'Ann Liu' },
    });
    const cii = zh.sections.find((s) => s.id === 'cii')!.fields;
    expect(cii.find((f) => f.id === 'sector')?.value).toBe('能源');
    expect(cii.find((f) => f.id === 'mlps_level')?.value).toBe('第三级');
  });

  it('what is missing: unknown and unrated factors, a commitment not yet made, a missing material; optional fields never', () => {
    expect(en.missingItems).toEqual([
      'Supplier commitments (Art. 6) and security agreement (CII Regs Art. 20): Not to interrupt product supply or necessary technical support without justified reason (not ready)',
      'National-security risk (Art. 10): Factor 2 (supply interruption) rating',
      'National-security risk (Art. 10): Factor 4 (supplier compliance) rating',
      'National-security risk (Art. 10): Factor 5 (data theft, leaks or illegal export) rating',
      'National-security risk (Art. 10): Factor 7 (other factors) rating (not ready)',
      'Materials (Art. 8): Analysis report on the impact or possible impact on national security (not ready)',
      'Materials (Art. 8): Supplier commitment letter and security and confidentiality agreement',
    ]);
    // planned_go_live_date, data_notes and item 2's model and unit price are optional: never missing.
    expect(en.sections.find((s) => s.id === 'purchase')!.fields.find((f) => f.id === 'planned_go_live_date')).toMatchObject({ value: null, missing: false });
    expect(en.items[1]!.fields.filter((f) => f.missing)).toEqual([]);
  });

  it('Art. 10 factor 6 and listing documents only for a listing; procurement documents and commitments only for a purchase', () => {
    const l = buildPack(listing, 'zh-CN', null, NOW);
    expect(l.risk.factors.map((f) => f.item)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(en.risk.factors.map((f) => f.item)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(l.materials.map((m) => m.id)).toEqual(['declaration_form', 'impact_report', 'listing_documents']);
    expect(en.materials.map((m) => m.id)).toEqual(['declaration_form', 'impact_report', 'procurement_documents', 'supplier_letters']);
    expect(l.commitments).toEqual([]);
    expect(l.sections.map((s) => s.id)).toEqual(['applicant', 'listing']);
    expect(l.sections[1]!.fields.find((f) => f.id === 'users_with_personal_info')?.value).toBe('120万');
    expect(l.risk.factors.find((f) => f.item === 6)?.heading).toBe('第十条第六项：上市后被境外影响');
  });

  it('a listing in Hong Kong is not called a listing abroad, in either language', () => {
    const hk: CaseRecord = {
      ...listing,
      triage: {
        answers: { matter: 'listing', listing_venue: 'hong_kong' },
        outcome: 'assess',
        reasons: [{ id: 'listing_hong_kong', citation: { source: 'measures_2022', articles: [7] } }],
      },
    };
    expect([buildPack(hk, 'en', null, NOW).matterLabel, buildPack(hk, 'zh-CN', null, NOW).matterLabel]).toEqual(['Listing in Hong Kong', '赴香港上市']);
    expect(packToMarkdown(buildPack(hk, 'zh-CN', null, NOW))).toContain('赴香港上市');
    expect(packToMarkdown(buildPack(hk, 'en', null, NOW))).toContain('Listing in Hong Kong');
    expect([buildPack(listing, 'en', null, NOW).matterLabel, buildPack(listing, 'zh-CN', null, NOW).matterLabel]).toEqual(['Listing abroad', '国外上市']);
  });

  it('the conclusion says what it rests on', () => {
    expect(en.risk.conclusion).toEqual([
      'Overall risk: High.',
      'It rests on the factors rated high: factor 1 (High).',
      'Not yet rated or not yet known, so the conclusion is not final: factor 2, factor 4, factor 5, factor 7.',
    ]);
    expect(zh.risk.conclusion[1]).toBe('依据：评级为高的因素——第一项（高）。');
    // "Unknown" is worded as the intake's choice says it.
    expect([en, zh].map((p) => p.risk.factors.find((f) => f.item === 7)?.ratingLabel)).toEqual(['Not yet known', '尚不清楚']);
  });

  it('the risk-prediction record, comments and attachments', () => {
    expect(zh.triage).toMatchObject({ title: expect.any(String), decidedOn: '2026-03-02', decidedBy: 'Alice Zhang' });
    expect(zh.triage.answers.find((a) => a.id === 'category')?.value).toBe('核心网络设备');
    expect(zh.triage.answers.find((a) => a.id === 'ciio')?.value).toBe('是');
    expect(zh.triage.reasons[0]!.citation).toBe('《网络安全审查办法》第五条');
    expect(en.comments).toEqual([{ at: '2026-12-01', by: 'Ann Liu', text: 'Supplier letter promised for next week' }]);
    expect(en.materials.find((m) => m.id === 'procurement_documents')?.attachments).toEqual(['contract-draft.pdf']);
    expect(zh.attachments[0]!.line).toBe(`contract-draft.pdf（2 KB，采购文件、协议、拟签订的合同等；Ann Liu，2026-12-01；SHA-256 ${'ab'.repeat(8)}）`);
  });
});

describe('a risk-prediction record, watchlist warnings and the 2020 Measures in the pack', () => {
  const record: CaseRecord = {
    ...purchase,
    status: 'closed',
    analyst: null,
    intake: {},
    triage: {
      answers: { matter: 'purchase', category: 'cloud_services', ciio: 'no' },
      outcome: 'not_required',
      reasons: [
        { id: 'not_ciio', citation: { source: 'measures_2022', articles: [2, 5] } },
        { id: 'ex_officio', citation: { source: 'measures_2022', articles: [16] } },
      ],
    },
    countersign: { by: 'lee', at: '2026-03-03T01:00:00.000Z' },
  };

  it('a not_required record exports as a record: the keys outside checks read, nothing owed, who countersigned', () => {
    const pack = buildPack(record, 'en', null, NOW);
    expect(PackSchema.safeParse(pack).success).toBe(true);
    expect(pack).toMatchObject({ caseId: 'RB-PACK01', status: 'closed', analyst: null, kind: 'prediction_record', triage: { outcome: 'not_required' } });
    expect(en.kind).toBe('application');
    expect(pack.missingItems).toEqual([]);
    expect(pack.countersign).toEqual({ by: 'lee', byName: 'lee', at: '2026-03-03T01:00:00.000Z', on: '2026-03-03' });
    expect(pack.triage.answers).toContainEqual({
      id: 'ciio',
      label: 'Critical information infrastructure operator',
      value: 'No',
      raw: 'no',
      missing: false,
      choice: 'no',
    });
    const md = packToMarkdown(pack);
    expect(md).toMatch(/^# Risk-prediction record RB-PACK01/);
    expect(md).toContain('Countersigned by lee on 2026-03-03.');
    // Nothing is filed: no declaration, no impact report, nothing missing.
    expect(md).not.toContain('Missing before filing');
    expect(md).not.toContain('Analysis report on the impact');
    expect(packToMarkdown(buildPack({ ...record, countersign: null }, 'zh-CN', null, NOW))).toContain('尚未会签：团队负责人可输入“会签 RB-PACK01”。');
  });

  it('dates are days in Shanghai and people and teams go by their names: a late-evening export (UTC) is already the next day', () => {
    // 16:52 UTC on 4 December is 00:52 on 5 December in Shanghai; the countersignature a minute later.
    const late = new Date('2026-12-04T16:52:00Z');
    const signed: CaseRecord = { ...record, team: 'infra', countersign: { by: 'lee', at: '2026-12-04T16:53:26.176Z' } };
    const files = [{ ...extras.attachments[0]!, at: '2026-12-04T17:10:00.000Z' }];
    const teamNameOf = (id: string) => ({ infra: '基础设施部' })[id] ?? null;
    const p = buildPack(signed, 'zh-CN', null, late, { nameOf: names, teamNameOf, attachments: files });
    expect(PackSchema.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({ generatedOn: '2026-12-05', team: 'infra', teamName: '基础设施部' });
    expect(p.countersign).toEqual({ by: 'lee', byName: 'Lee Wei', at: '2026-12-04T16:53:26.176Z', on: '2026-12-05' });
    expect(p.attachments[0]!.at).toBe('2026-12-05');
    const md = packToMarkdown(p);
    expect(md).toContain('生成日期：2026-12-05');
    expect(md).toContain('已由 Lee Wei 于 2026-12-05 会签。');
    expect(md).not.toMatch(/2026-12-04|T16:53|由 lee /);
    // An application shows the team by name too; without a people file, its id is all there is.
    const application = packToMarkdown(buildPack({ ...purchase, team: 'infra' }, 'zh-CN', null, late, { nameOf: names, teamNameOf }));
    expect(application).toContain('基础设施部');
    expect(application).not.toMatch(/：infra\b/);
    expect(buildPack({ ...purchase, team: 'infra' }, 'en', null, late).teamName).toBe('infra');
  });

  it("a case's watchlist warnings, with their sources, in JSON and Markdown", () => {
    const warning = {
      entry: 'micron-2023',
      matched: '美光',
      subject: { en: 'Micron products sold in China', 'zh-CN': '美光公司在华销售的产品' },
      decision: { en: 'They failed the review.', 'zh-CN': '未通过网络安全审查。' },
      source: 'CAC, 2023-05-21',
      date: '2023-05-21',
    };
    const pack = buildPack({ ...purchase, warnings: [warning] }, 'zh-CN', null, NOW);
    const shown = {
      text: expect.stringMatching(/^关注名单提示：“美光”涉及美光公司在华销售的产品。未通过网络安全审查。（2023-05-21发布）/),
      source: 'CAC, 2023-05-21',
      date: '2023-05-21',
    };
    expect(pack.warnings).toEqual([shown]);
    expect(pack.triage.warnings).toEqual([shown]);
    const md = packToMarkdown(pack);
    expect(md).toContain('**关注名单提示**');
    expect(md).toContain(`- ${pack.warnings[0]!.text}（来源：CAC, 2023-05-21）`);
    expect(buildPack(purchase, 'en', null, NOW).warnings).toEqual([]);
  });

  it('an appendix on how the 2020 Measures differed for this matter', () => {
    const p = buildPack(purchase, 'en', null, NOW);
    expect(p.measures2020.map((d) => d.text)).toEqual([
      expect.stringMatching(/^For a CIIO's purchase the duty was the same/),
      expect.stringMatching(/^The 2020 product list did not name important communication products/),
      expect.stringMatching(/^Risk factors/),
      expect.stringMatching(/^Timeline/),
    ]);
    const listed = buildPack(
      { ...purchase, triage: { ...purchase.triage, answers: { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' } } },
      'en',
      null,
      NOW,
    );
    expect(listed.measures2020[0]!.text).toMatch(/^The 2020 Measures had no listing trigger/);
    expect(packToMarkdown(p)).toMatch(/## The 2020 Measures\n\nThe bot applies the Cybersecurity Review Measures of 2022/);
  });
});

describe('a case triaged before triage v2', () => {
  // Written out as the first release stored them (test/store/fixtures/round1-schema-v2.sqlite): triage v1's
  // `listing_abroad`, reason ids with their catalogue prefix, the one declaration form, no clock.
  const stored = (over: Record<string, unknown>) =>
    ({
      createdAt: '2026-11-20T02:00:00.000Z',
      updatedAt: '2026-11-20T02:00:00.000Z',
      team: null,
      teamLead: null,
      lang: 'en',
      summary: '',
      submittedOn: null,
      complex: false,
      authorityOutcome: null,
      ...over,
    }) as unknown as CaseRecord; // as read from a database row, before upgradeCase
  const oldPurchase = stored({
    id: 'RB-JF4RV7',
    status: 'submitted',
    requester: 'slack:UALICE',
    analyst: 'slack:UANN',
    triage: {
      answers: { listing_abroad: 'no', category: 'hpc_servers', ciio: 'yes', affects_national_security: 'yes' },
      outcome: 'required',
      reasons: [
        { id: 'reason.affects_yes', citation: { source: 'measures_2022', articles: [5] } },
        { id: 'reason.supplier_commitments', citation: { source: 'measures_2022', articles: [6] } },
      ],
    },
    intake: { declaration: { applicant_org: 'Example Grid Co.', quantity: 20, contract_amount: 1200000 } },
    submittedOn: '2026-11-20',
  });
  const oldListing = stored({
    id: 'RB-TZQQQB',
    status: 'open',
    requester: 'slack:UBOB',
    analyst: null,
    triage: {
      answers: { listing_abroad: 'yes', personal_info_users_over_1m: 'unsure' },
      outcome: 'assess',
      reasons: [{ id: 'reason.listing_count_unsure', citation: { source: 'measures_2022', articles: [7] } }],
    },
    intake: {},
  });
  const answers = (p: ReturnType<typeof buildPack>) => p.triage.answers.map((a) => [a.label, a.value]);

  it.each([
    [
      'en',
      'Purchase of network products or services',
      [
        ['What the check is about', 'Buying a network product or service'],
        ['Product category', 'High-performance computers and servers'],
        ['Critical information infrastructure operator', 'Yes'],
        ['National security impact', 'Yes'],
      ],
      'A CIIO buying a network product or service that affects or may affect national security must apply for review.',
      /Listing abroad|listing_abroad|Listing_abroad|A purchase|reason\.\w/,
    ],
    [
      'zh-CN',
      '采购网络产品和服务',
      [
        ['事项类型', '采购网络产品和服务'],
        ['产品类别', '高性能计算机和服务器'],
        ['关键信息基础设施运营者', '是'],
        ['国家安全影响', '是'],
      ],
      '关键信息基础设施运营者采购影响或者可能影响国家安全的网络产品和服务，必须申报网络安全审查。',
      /国外上市|listing_abroad|Listing_abroad|reason\.\w/,
    ],
  ] as const)("%s: a purchase is described as a purchase, its facts in today's words", (lang, matterLabel, facts, reason, never) => {
    const p = buildPack(oldPurchase, lang, null, NOW);
    expect(PackSchema.parse(p)).toBeTruthy();
    expect([p.matter, p.matterLabel]).toEqual(['purchase', matterLabel]);
    expect(answers(p)).toEqual(facts);
    expect(p.triage.reasons[0]!.text).toBe(reason);
    expect(p.sections.find((s) => s.id === 'applicant')?.fields.find((f) => f.id === 'legal_name')?.value).toBe('Example Grid Co.');
    expect(p.itemsTotal).toBe(lang === 'en' ? '¥1,200,000' : '120万元');
    expect(packToMarkdown(p)).not.toMatch(never);
  });

  it.each([
    [
      'en',
      'Listing abroad',
      [
        ['What the check is about', 'Listing the company (IPO)'],
        ['Where the listing is', 'Abroad (e.g. New York, London, Singapore)'],
        ['Personal information of over 1 million users', 'Not sure'],
      ],
      'Whether personal information of more than 1 million users is held decides this; an analyst confirms the count.',
    ],
    [
      'zh-CN',
      '国外上市',
      [
        ['事项类型', '公司上市'],
        ['上市地', '国外（如纽约、伦敦、新加坡）'],
        ['超过100万用户个人信息', '不确定'],
      ],
      '是否掌握超过100万用户个人信息是关键，由合规专员核实用户数量。',
    ],
  ] as const)('%s: a listing abroad is described as one, with the sections of a listing', (lang, matterLabel, facts, reason) => {
    const p = buildPack(oldListing, lang, null, NOW);
    expect([p.matter, p.matterLabel]).toEqual(['listing', matterLabel]);
    expect(answers(p)).toEqual(facts);
    expect(p.triage.reasons.map((r) => r.text)).toEqual([reason]);
    expect(p.sections.map((s) => s.id)).toEqual(['applicant', 'listing']);
    expect(p.commitments).toEqual([]);
    expect(packToMarkdown(p)).not.toMatch(/listing_abroad|Listing_abroad|reason\.\w/);
  });

  it("an answer today's check does not ask, or a choice it no longer has, is left out rather than printed as an id", () => {
    const k = aCase({
      triage: { answers: { matter: 'purchase', category: 'mainframes', ciio: 'yes', retired_question: 'yes' }, outcome: 'assess', reasons: [] },
    });
    for (const lang of ['en', 'zh-CN'] as const) {
      const p = buildPack(k, lang, null, NOW);
      expect(p.triage.answers.map((a) => a.id)).toEqual(['matter', 'ciio']);
      expect(packToMarkdown(p)).not.toMatch(/mainframes|retired_question/i);
    }
  });
});

describe('the pack as Markdown', () => {
  const md = packToMarkdown(zh);
  it('is Chinese throughout: labels, choices, article numerals, full-width punctuation, no case or filing words of the police', () => {
    expect(md).toContain('# 网络安全审查申报材料——审查事项 RB-PACK01');
    expect(md).toContain('- 统一社会信用代码：91350100M000100Y43');
    expect(md).toContain('- 采购方式：公开招标');
    expect(md).toContain('| 1 | NE40E routers | V800R021 | 20 | 6万元 | 120万元 |');
    expect(md).toContain('| 合计 |  |  |  |  | 128万元 |'); // under the total amounts, not the unit prices
    expect(md).toContain('- 联系人：王丽，13800138000，wangli@example.com');
    expect(md).toContain('### 第十条第一项：被非法控制、干扰或破坏');
    expect(md).toContain('不利用提供产品和服务的便利条件非法获取用户数据、非法控制和操纵用户设备，无正当理由不中断产品供应或者必要的技术支持服务');
    expect(md).toContain('安全保密协议要点清单（《关键信息基础设施安全保护条例》第二十条）');
    expect(md).not.toMatch(/案件|立案|\bcase\b|Art\. |rating|missing/);
    expect(md).not.toMatch(/[\u4e00-\u9fff][:,;()]|[:,;(][\u4e00-\u9fff]/); // no half-width punctuation next to Chinese
  });

  it("shows the deadlines as the case view does, with their bases in the pack's language", () => {
    const submitted: CaseRecord = {
      ...purchase,
      status: 'submitted',
      clock: [
        { type: 'submitted', on: '2026-03-02' },
        { type: 'notice', on: '2026-03-04' },
      ],
    };
    const clock = clockOf(submitted, '2026-03-05');
    const p = buildPack(submitted, 'zh-CN', clock, NOW);
    const text = packToMarkdown(p);
    // One table: each period with its date, progress and basis (the list of the case view is not repeated).
    expect(text).toContain('当前计时的是初步审查（第十一条）。');
    expect(text).toContain('| 期限事项 | 截止日期 | 进度 | 依据 |');
    expect(text).toContain('| 初步审查（第十一条） | 2026-04-16 | 已用 1 个工作日（共 30 个），剩余 29 个 | 《网络安全审查办法》第十一条 |');
    expect(text).toContain('| 成员单位回复审查结论建议（第十二条） | 最迟 2026-05-11（上限） | 尚未开始 | 《网络安全审查办法》第十二条 |');
    expect(text.match(/初步审查（第十一条）/g)).toHaveLength(2); // the header and its row
    expect(p.clock).toEqual(describeCaseClock('zh-CN', clock)); // the JSON keeps the case view's lines
    expect(p.deadlines.find((d) => d.kind === 'preliminary_review')?.basis).toBe('《网络安全审查办法》第十一条');
    expect(p.submittedOn).toBe('2026-03-02');
  });

  it('English for an English pack', () => {
    const text = packToMarkdown(en);
    expect(text).toContain('- Unified social credit code: 91350100M000100Y43');
    expect(text).toContain('## Missing before filing');
    expect(text).toContain('| Total |  |  |  |  | ¥1,280,000 |');
    expect(text).toContain('- Product category: Core network equipment');
    expect(text).toContain('- Contact person: 王丽, 13800138000, wangli@example.com'); // as typed, in English text
    expect(text.replace('王丽', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the impact report follows the outline filing teams use (domain.md §10)', () => {
  const report = (md: string) => md.slice(md.indexOf('## 基本情况'), md.indexOf('## 结论'));
  it('zh-CN: background with labelled line items, supplier profile, architecture and data flows, factors, business continuity, in that order', () => {
    const r = report(packToMarkdown(zh));
    const headings = [...r.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['基本情况', '产品和服务提供者情况', '系统架构和数据流向', expect.stringContaining('风险分析'), '业务连续性保障']);
    expect(r).toContain('- 采购内容第1项：产品或服务名称：NE40E routers；型号/版本：V800R021；数量：20；');
    expect(r.match(/服务的关键信息基础设施/g)).toHaveLength(1); // in the architecture, not repeated in the background
    expect(r).toMatch(/国家或地区.*China/);
    expect(r).toMatch(/实际控制人.*Employee-owned/);
    expect(r).toContain('Two data centres');
    expect(r).toMatch(/重要数据.*是/);
    expect(r).toContain('第十条第二项因素');
    expect(r).not.toMatch(/ · /); // no unlabelled values run together
  });
  it('a listing has no supplier profile or business continuity part', () => {
    const md = packToMarkdown(buildPack(listing, 'zh-CN', null, NOW));
    expect(md).toContain('## 基本情况');
    expect(md).not.toContain('## 产品和服务提供者情况');
    expect(md).not.toContain('## 业务连续性保障');
  });
});

/** The text of a .docx: the paragraphs of word/document.xml, one per line. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

describe('the pack as a Word document', () => {
  it.each([
    [
      'zh-CN',
      zh,
      [
        '申报书',
        '关于影响或者可能影响国家安全的分析报告',
        '第十条第一项：被非法控制、干扰或破坏',
        '风险防范措施',
        'Jump host',
        '附件一：产品和服务提供者承诺书',
        '不利用提供产品和服务的便利条件非法获取用户数据；',
        '无正当理由不中断产品供应或者必要的技术支持服务；',
        '附件二：安全保密协议要点清单（《关键信息基础设施安全保护条例》第二十条）',
        '负责人（签字）：',
        '申报单位（盖章）：',
        'Example Power Grid Co.郑重声明',
      ],
    ],
    [
      'en',
      en,
      [
        'Declaration form',
        'Analysis report on the impact or possible impact on national security',
        'Art. 10 factor 1: Illegal control, interference or damage',
        'Annex 1: Supplier commitment letter',
        'not to use the facilities of supplying the products and services to obtain user data illegally;',
        'Annex 2: Security and confidentiality agreement checklist (CII Security Protection Regulations Art. 20)',
        'Responsible person (signature):',
      ],
    ],
  ] as const)('%s: declaration, impact report by factor, the annexes', async (_lang, pack, expected) => {
    const text = docxText(await packToDocx(pack));
    for (const e of expected) expect(text).toContain(e);
  });

  it('a listing has no supplier annexes', async () => {
    const text = docxText(await packToDocx(buildPack(listing, 'zh-CN', null, NOW)));
    expect(text).toContain('第十条第六项：上市后被境外影响');
    expect(text).not.toContain('承诺书');
  });
});

describe('the pack as a zip', () => {
  it('holds the docx, md, json and every attachment, names kept inside the folder', async () => {
    const zip = unzipSync(
      await packToZip(en, [
        { name: 'contract-draft.pdf', bytes: new Uint8Array([1, 2, 3]) },
        { name: '../contract-draft.pdf', bytes: new Uint8Array([4]) },
      ]),
    );
    expect(Object.keys(zip).sort()).toEqual([
      'RB-PACK01-en.docx',
      'RB-PACK01-en.json',
      'RB-PACK01-en.md',
      'attachments/contract-draft-2.pdf',
      'attachments/contract-draft.pdf',
    ]);
    expect(JSON.parse(strFromU8(zip['RB-PACK01-en.json']!)).caseId).toBe('RB-PACK01');
    expect([...zip['attachments/contract-draft.pdf']!]).toEqual([1, 2, 3]);
    expect(docxText(zip['RB-PACK01-en.docx']!)).toContain('Declaration form');
  });
});

describe('overall risk', () => {
  const rated = (ratings: Record<string, string>) => ({ intake: { risk: Object.fromEntries(Object.entries(ratings).map(([k, v]) => [`${k}_rating`, v])) } });
  const all = (r: string) =>
    Object.fromEntries(
      ['control_damage', 'supply_interruption', 'supply_chain', 'supplier_compliance', 'data_theft', 'listing_foreign_control', 'other'].map((f) => [f, r]),
    );
  it.each([
    ['all low', all('low'), 'low'],
    ['one medium', { ...all('low'), supply_chain: 'medium' }, 'medium'],
    ['one high with an unknown', { ...all('low'), data_theft: 'high', other: 'unknown' }, 'high'],
    ['one unknown', { ...all('low'), other: 'unknown' }, 'incomplete'],
    ['nothing rated', {}, 'incomplete'],
  ])('%s', (_n, ratings, level) => {
    expect(riskSummary(rated(ratings)).level).toBe(level);
  });
  it('names the factors that drive the level', () => {
    expect(riskSummary(rated({ ...all('low'), data_theft: 'high' })).drivers).toEqual([{ factor: 'data_theft', rating: 'high' }]);
  });
  it('counts only the factors the matter asks: factor 6 unrated does not leave a purchase incomplete', () => {
    const { listing_foreign_control: _six, ...purchaseFactors } = all('low');
    expect(
      riskSummary(rated(purchaseFactors), ['control_damage', 'supply_interruption', 'supply_chain', 'supplier_compliance', 'data_theft', 'other']).level,
    ).toBe('low');
  });
});
