// Writes sample application packs (Markdown and Word, Chinese and English) to a folder, for a
// person to look at the pages (scripts/render-pack.sh turns the .docx into PDF and PNG pages).
// The cases are invented: a power grid operator buying routers, and a platform listing abroad.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCalendar, caseClock, newCase, packageCalendarYears, type CaseRecord } from '../src/domain/index.js';
import { buildPack, packToDocx, packToMarkdown } from '../src/pack/index.js';

const out = process.argv[2] ?? 'render';
mkdirSync(out, { recursive: true });
const now = new Date('2026-12-02T08:00:00Z');
const base = (id: string, lang: 'en' | 'zh-CN', summary: string, answers: Record<string, string>, reasons: CaseRecord['triage']['reasons']) =>
  newCase({
    id,
    now: new Date('2026-11-20T02:00:00Z'),
    lang,
    summary,
    requester: { key: 'alice', team: 'infra', teamLead: 'lee' },
    triage: { answers, outcome: 'required', reasons },
  });
const purchase = (lang: 'en' | 'zh-CN'): CaseRecord => ({
  ...base(
    'RB-4K7Q2M',
    lang,
    lang === 'zh-CN' ? '想采购20台华为核心路由器和4块线卡' : 'we want to buy 20 Huawei core routers and 4 line cards',
    { listing_abroad: 'no', category: 'core_network_equipment', ciio: 'yes', affects_national_security: 'yes' },
    [
      { id: 'affects_yes', citation: { source: 'measures_2022', articles: [5] } },
      { id: 'supplier_commitments', citation: { source: 'measures_2022', articles: [6] } },
    ],
  ),
  status: 'intake',
  analyst: 'ann',
  intake: {
    applicant: {
      legal_name: lang === 'zh-CN' ? '示例电网有限公司' : 'Example Power Grid Co., Ltd.',
      uscc: '91350100M000100Y43',
      legal_representative: lang === 'zh-CN' ? '李明' : 'Li Ming',
      contact: '王丽, 13800138000, wangli@example.com',
      truthful: 'confirmed',
    },
    cii: {
      protection_department: lang === 'zh-CN' ? '国家能源局' : 'National Energy Administration',
      notice_date: '2025-06-30',
      sector: 'energy',
      cii_system: lang === 'zh-CN' ? '电力调度数据网' : 'Power dispatch data network',
      mlps_level: 'level_3',
    },
    'item-1': { product: 'NetEngine NE40E', model_version: 'V800R021', quantity: 20, unit_price: 60000, total_amount: 1200000 },
    'item-2': { product: lang === 'zh-CN' ? '线卡' : 'Line cards', quantity: 4, unit_price: 20000, total_amount: 80000 },
    purchase: {
      procurement_method: 'open_tender',
      planned_purchase_date: '2027-06-30',
      planned_go_live_date: '2027-09-01',
      deployment: lang === 'zh-CN' ? '两个数据中心，现场运维' : 'Two data centres, maintained on site',
      remote_maintenance_abroad: 'no',
      commercial_cryptography: 'yes',
    },
    supplier: {
      name: lang === 'zh-CN' ? '华为技术有限公司' : 'Huawei Technologies Co., Ltd.',
      country_region: lang === 'zh-CN' ? '中国' : 'China',
      controller: lang === 'zh-CN' ? '华为投资控股有限公司' : 'Huawei Investment & Holding Co., Ltd.',
      role: 'manufacturer',
      component_origin: lang === 'zh-CN' ? '主控芯片国产，部分光模块进口' : 'Main chips domestic, some optical modules imported',
    },
    data: {
      personal_information: 'no',
      important_data: 'yes',
      data_leaves_china: 'no',
      data_notes: lang === 'zh-CN' ? '调度数据，境内存储' : 'Dispatch data, stored in China',
    },
    commitments: {
      no_illegal_data_access: 'in_contract',
      no_illegal_control: 'in_contract',
      no_supply_cutoff: 'in_letter',
      cooperate_with_review: 'in_contract',
      reference: lang === 'zh-CN' ? '合同第12.3条' : 'Contract §12.3',
      security_agreement: 'drafted',
    },
    risk: {
      control_damage_rating: 'medium',
      control_damage_note: lang === 'zh-CN' ? '设备支持远程管理通道。' : 'The equipment has a remote management channel.',
      control_damage_mitigation:
        lang === 'zh-CN' ? '关闭境外远程通道，运维经堡垒机。' : 'Remote channels from abroad closed; maintenance through a bastion host.',
      supply_interruption_rating: 'low',
      supply_chain_rating: 'low',
      supplier_compliance_rating: 'low',
      data_theft_rating: 'medium',
      other_rating: 'unknown',
    },
    materials: { declaration_form: 'ready', impact_report: 'missing', procurement_documents: 'ready', supplier_letters: 'missing' },
  },
});
const settings = { calendar: buildCalendar(packageCalendarYears()), intakeTargetWorkingDays: 5 };
const names: Record<string, string> = { alice: 'Alice Zhang', ann: 'Ann Liu', lee: 'Lee Wei' };
for (const lang of ['zh-CN', 'en'] as const) {
  const k = purchase(lang);
  const clock = caseClock(k, settings, '2026-12-02');
  const pack = buildPack(k, lang, clock.ok ? clock.value : null, now, {
    nameOf: (key) => names[key] ?? key,
    audit: [
      {
        caseId: k.id,
        at: '2026-12-01T03:00:00.000Z',
        actor: 'ann',
        action: 'case.comment',
        before: null,
        after: lang === 'zh-CN' ? '提供者承诺书下周提供' : 'Supplier letter promised for next week',
      },
    ],
    attachments: [
      {
        id: 'a1',
        caseId: k.id,
        name: 'draft-contract.pdf',
        mediaType: 'application/pdf',
        size: 183_420,
        sha256: '3f'.repeat(32),
        by: 'ann',
        at: '2026-12-01T04:00:00.000Z',
        material: 'procurement_documents',
      },
    ],
  });
  writeFileSync(join(out, `pack-${lang}.md`), packToMarkdown(pack));
  writeFileSync(join(out, `pack-${lang}.docx`), await packToDocx(pack));
}
console.log(`wrote ${out}/pack-zh-CN.{md,docx} and ${out}/pack-en.{md,docx}`);
