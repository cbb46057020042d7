import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildPack, packJsonSchema, packToMarkdown, PackSchema } from '../../src/pack/index.js';
import type { CaseRecord } from '../../src/domain/case.js';
import { caseClock, describeCaseClock } from '../../src/domain/deadlines.js';
import { riskSummary } from '../../src/domain/risk-summary.js';
import { packageCalendar, settingsWith } from '../support/calendars.js';

const base: CaseRecord = {
  id: 'RB-PACK01', createdAt: '2026-03-02T00:00:00.000Z', updatedAt: '2026-03-02T00:00:00.000Z', status: 'intake',
  requester: 'alice', team: 'it', teamLead: 'lee', analyst: 'ann', lang: 'en', summary: '20 Huawei core routers',
  triage: {
    answers: { matter: 'purchase', category: 'core_network_equipment', ciio: 'yes', affects_national_security: 'yes' },
    outcome: 'required',
    reasons: [{ id: 'reason.affects_yes', citation: { source: 'measures_2022', articles: [5] } }],
  },
  intake: {
    declaration: { applicant_org: 'Example Power Grid Co.', product: 'NE40E routers', quantity: 20 },
    risk: { control_damage_rating: 'high', control_damage_note: 'Remote maintenance channel', supply_chain_rating: 'low' },
    commitments: { no_illegal_data_access: 'Contract §12.3' },
    materials: { declaration_form: 'ready', impact_report: 'missing', procurement_documents: 'ready', listing_documents: 'not_applicable' },
  },
  clock: [], announcedDeadlines: null, acknowledgements: [], authorityOutcome: null, warnings: [], countersign: null,
};
const NOW = new Date('2026-03-05T08:00:00Z');
const settings = settingsWith(packageCalendar);
const clockOf = (k: CaseRecord, today: string) => {
  const c = caseClock(k, settings, today);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
};
const deadlines = clockOf(base, '2026-03-05');

describe('application pack', () => {
  it('conforms to its zod schema and to the shipped JSON Schema', () => {
    const pack = buildPack(base, 'en', deadlines, NOW);
    expect(PackSchema.safeParse(pack).success).toBe(true);
    const shipped = JSON.parse(readFileSync(new URL('../../schema/application-pack.schema.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(shipped);
    expect(validate(pack), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...pack, caseId: 42 })).toBe(false);
  });

  it('the shipped JSON Schema is the one generated from the zod schema (npm run schema)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema/application-pack.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(packJsonSchema())));
  });

  it('flags what is missing: declaration fields, unrated factors, commitments, materials', () => {
    const pack = buildPack(base, 'en', deadlines, NOW);
    expect(pack.declaration.missing).toContain('Supplier');
    expect(pack.declaration.missing).not.toContain('Product or service');
    expect(pack.commitments.find((c) => c.id === 'no_illegal_data_access')).toMatchObject({ reference: 'Contract §12.3', missing: false });
    expect(pack.commitments.find((c) => c.id === 'no_supply_cutoff')?.missing).toBe(true);
    expect(pack.materials.find((m) => m.id === 'impact_report')?.missing).toBe(true);
    expect(pack.materials.find((m) => m.id === 'listing_documents')?.missing).toBe(false);
    expect(pack.missingItems.some((m) => m.includes('Supplier'))).toBe(true);
  });

  it('listing documents are owed only by a listing', () => {
    const listing = { ...base, triage: { ...base.triage, answers: { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' } },
      intake: { ...base.intake, materials: {} } };
    expect(buildPack(listing, 'en', null, NOW).materials.find((m) => m.id === 'listing_documents')?.missing).toBe(true);
    expect(buildPack({ ...base, intake: { ...base.intake, materials: {} } }, 'en', null, NOW).materials.find((m) => m.id === 'listing_documents')?.missing).toBe(false);
  });

  it('the impact report outline follows the Art. 10 factors with ratings and notes', () => {
    const pack = buildPack(base, 'en', deadlines, NOW);
    const factor1 = pack.impactReportOutline.find((s) => s.heading.startsWith('Art. 10 factor 1'));
    expect(factor1?.points).toEqual(['Rating: High', 'Remote maintenance channel']);
    expect(pack.risk.level).toBe('high');
  });

  it('renders Markdown in Chinese with the citations', () => {
    const md = packToMarkdown(buildPack(base, 'zh-CN', deadlines, NOW));
    expect(md).toContain('# 网络安全审查申报材料——审查事项 RB-PACK01');
    expect(md).toContain('《网络安全审查办法》第五条');
    expect(md).toContain('- 预判事项：采购网络产品或服务');
    expect(md).not.toMatch(/案件|立案/);
    expect(md).toContain('| 提供者 | **缺失** |');
  });
});

describe('a risk-prediction record, watchlist warnings and the 2020 Measures in the pack', () => {
  const record: CaseRecord = {
    ...base, status: 'closed', analyst: null, intake: {},
    triage: { answers: { matter: 'purchase', category: 'cloud_services', ciio: 'no' }, outcome: 'not_required', reasons: [
      { id: 'not_ciio', citation: { source: 'measures_2022', articles: [2, 5] } }, { id: 'ex_officio', citation: { source: 'measures_2022', articles: [16] } }] },
    countersign: { by: 'lee', at: '2026-03-03T01:00:00.000Z' },
  };

  it('a not_required record exports as a record: the keys outside checks read, nothing owed, who countersigned', () => {
    const pack = buildPack(record, 'en', null, NOW);
    expect(PackSchema.safeParse(pack).success).toBe(true);
    expect(pack).toMatchObject({ caseId: 'RB-PACK01', status: 'closed', analyst: null, kind: 'prediction_record', triage: { outcome: 'not_required' } });
    expect(pack.missingItems).toEqual([]);
    expect(pack.countersign).toEqual({ by: 'lee', at: '2026-03-03T01:00:00.000Z' });
    expect(pack.triage.answers).toContainEqual({ id: 'ciio', label: 'critical information infrastructure operator', value: 'No', choice: 'no' });
    const md = packToMarkdown(pack);
    expect(md).toMatch(/^# Risk-prediction record RB-PACK01/);
    expect(md).toContain('Countersigned by lee at 2026-03-03T01:00:00.000Z.');
    expect(md).not.toContain('Missing before filing');
    expect(packToMarkdown(buildPack({ ...record, countersign: null }, 'zh-CN', null, NOW))).toContain('尚未会签：团队负责人可输入“会签 RB-PACK01”。');
  });

  it("a case's watchlist warnings, with their sources, in JSON and Markdown", () => {
    const warning = {
      entry: 'micron-2023', matched: '美光', subject: { en: 'Micron products sold in China', 'zh-CN': '美光公司在华销售的产品' },
      decision: { en: 'They failed the review.', 'zh-CN': '未通过网络安全审查。' }, source: 'CAC, 2023-05-21', date: '2023-05-21',
    };
    const pack = buildPack({ ...base, warnings: [warning] }, 'zh-CN', null, NOW);
    expect(pack.warnings).toEqual([{ text: expect.stringMatching(/^关注名单提示：“美光”涉及美光公司在华销售的产品。未通过网络安全审查。（2023-05-21发布）/), source: 'CAC, 2023-05-21', date: '2023-05-21' }]);
    const md = packToMarkdown(pack);
    expect(md).toContain('## 关注名单提示');
    expect(md).toContain('来源：CAC, 2023-05-21');
    expect(buildPack(base, 'en', null, NOW).warnings).toEqual([]);
  });

  it('an appendix on how the 2020 Measures differed for this matter', () => {
    const purchase = buildPack(base, 'en', null, NOW);
    expect(purchase.measures2020.map((d) => d.text)).toEqual([
      expect.stringMatching(/^For a CIIO's purchase the duty was the same/), expect.stringMatching(/^The 2020 product list did not name important communication products/),
      expect.stringMatching(/^Risk factors/), expect.stringMatching(/^Timeline/),
    ]);
    const listing = buildPack({ ...base, triage: { ...base.triage, answers: { matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' } } }, 'en', null, NOW);
    expect(listing.measures2020[0]!.text).toMatch(/^The 2020 Measures had no listing trigger/);
    expect(packToMarkdown(purchase)).toMatch(/## The 2020 Measures\n\nThe bot applies the Cybersecurity Review Measures of 2022/);
  });
});

describe('the pack shows the review clock as the case view does', () => {
  // Submitted Mon 2 Mar 2026, the notice on Wed 4 Mar; the pack is made on Thu 5 Mar.
  const submitted: CaseRecord = { ...base, status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-02' }, { type: 'notice', on: '2026-03-04' }] };
  const clock = clockOf(submitted, '2026-03-05');

  it('JSON: each deadline with its state, bound and working days', () => {
    const pack = buildPack(submitted, 'en', clock, NOW);
    expect(pack.deadlines.map((d) => [d.kind, d.due, d.state, d.outerBound, d.provisional, d.usedWorkingDays, d.leftWorkingDays])).toEqual([
      ['review_decision', '2026-03-16', 'done', false, false, null, null],
      // 30 from 4 Mar: 5, 6, 9–13, 16–20, 23–27, 30, 31 Mar (19), 1–3 Apr (22), (4–6 Apr off) 7–10, 13–16 Apr (30)
      ['preliminary_review', '2026-04-16', 'running', false, false, 1, 29],
      ['members_reply', expect.any(String), 'upcoming', true, false, null, null],
      ['special_review', expect.any(String), 'if_started', true, false, null, null],
    ]);
    expect(PackSchema.safeParse(pack).success).toBe(true);
  });

  it('Markdown: the same lines as the case view', () => {
    const md = packToMarkdown(buildPack(submitted, 'zh-CN', clock, NOW));
    for (const line of describeCaseClock('zh-CN', clock)) expect(md).toContain(line);
    expect(md).toContain('- 初步审查（第十一条）：2026-04-16——已用 1 个工作日（共 30 个），剩余 29 个');
  });
});

describe('overall risk', () => {
  const rated = (ratings: Record<string, string>) => ({ intake: { risk: Object.fromEntries(Object.entries(ratings).map(([k, v]) => [`${k}_rating`, v])) } });
  const all = (r: string) => Object.fromEntries(['control_damage', 'supply_interruption', 'supply_chain', 'supplier_compliance', 'data_theft', 'listing_foreign_control', 'other'].map((f) => [f, r]));
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
});
