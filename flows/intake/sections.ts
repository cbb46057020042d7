import type { MessageKey } from '../../src/i18n/index.js';
import {
  checkUscc,
  formatContact,
  ITEM_FORM,
  itemNumber,
  lineItemKeys,
  MATTERS,
  parseContact,
  RISK_FACTORS,
  type Matter,
  type RiskFactor,
} from '../../src/domain/index.js';
import type { Flow, StepCheck } from '../../src/engine/index.js';
import { linearFlow, type FieldSpec } from './linear.js';

// The intake of a review application by matter (domain.md §10: what filing teams record). Each
// section is a form on the case; a matter's sections are asked in the order of INTAKE_PLAN, and
// that order lives here only.

export const RATINGS = ['low', 'medium', 'high', 'unknown'] as const;
export const MATERIAL_STATES = ['ready', 'missing', 'not_applicable'] as const;
const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;

export { RISK_FACTORS };

/** The Art. 6 commitments, plus cooperation with the review (Art. 19). */
export const COMMITMENTS = ['no_illegal_data_access', 'no_illegal_control', 'no_supply_cutoff', 'cooperate_with_review'] as const;
export const COMMITMENT_STATES = ['in_contract', 'in_letter', 'not_yet'] as const;
/** CII Regs Art. 20: the security and confidentiality agreement with the supplier. */
export const AGREEMENT_STATES = ['signed', 'drafted', 'not_yet'] as const;

/** Art. 8 materials; which a matter owes is MATERIALS_FOR. */
export const MATERIALS = ['declaration_form', 'impact_report', 'procurement_documents', 'supplier_letters', 'listing_documents'] as const;
export type Material = (typeof MATERIALS)[number];
export const MATERIALS_FOR: Record<Matter, readonly Material[]> = {
  purchase: ['declaration_form', 'impact_report', 'procurement_documents', 'supplier_letters'],
  listing: ['declaration_form', 'impact_report', 'listing_documents'],
  data_processing: ['declaration_form', 'impact_report'],
};

/** Art. 10 factor 6 (foreign control after a listing) is asked of listings only. */
export const FACTORS_FOR: Record<Matter, readonly RiskFactor[]> = {
  purchase: RISK_FACTORS.filter((f) => f !== 'listing_foreign_control'),
  listing: RISK_FACTORS,
  data_processing: RISK_FACTORS.filter((f) => f !== 'listing_foreign_control'),
};

export const SECTORS = ['telecom', 'energy', 'transport', 'water', 'finance', 'public_services', 'e_government', 'defence_industry', 'other'] as const;
export const MLPS_LEVELS = ['level_1', 'level_2', 'level_3', 'level_4', 'level_5'] as const;
export const PROCUREMENT_METHODS = [
  'open_tender',
  'invited_tender',
  'competitive_negotiation',
  'competitive_consultation',
  'single_source',
  'inquiry',
  'framework_agreement',
  'other',
] as const;
export const SUPPLIER_ROLES = ['manufacturer', 'reseller', 'integrator', 'service_provider'] as const;
export const LISTING_ROUTES = ['ipo', 'secondary_dual', 'acquisition'] as const;
export const CSRC_STATES = ['not_started', 'preparing', 'filed', 'completed'] as const;

// ---------------------------------------------------------------------------------------------
// Checks

const msg = (key: MessageKey, params?: Record<string, string | number>) => ({ key, ...(params ? { params } : {}) });

const uscc: StepCheck = (v) => {
  const r = checkUscc(String(v));
  return r.ok ? { value: r.value } : { error: msg(`intake.check.uscc_${r.error}`) };
};

const contact: StepCheck = (v) => {
  const r = parseContact(String(v));
  return r.ok ? { value: formatContact(r.value) } : { error: msg(`intake.check.contact_${r.error}`) };
};

const notAfterToday: StepCheck = (v, ctx) =>
  String(v) > ctx.today ? { error: msg('intake.check.date_after_today', { date: String(v), today: ctx.today }) } : null;

/** A planned date: not in the past; before the review's normal path could end, a warning. */
const plannedDate =
  (what: 'purchase' | 'listing'): StepCheck =>
  (v, ctx) => {
    const date = String(v);
    if (date < ctx.today) return { error: msg('intake.check.date_in_past', { date, today: ctx.today }) };
    const end = ctx.reviewEnd?.(ctx.today);
    if (end && date <= end) return { warning: msg(`intake.warn.${what}_before_review`, { date, end }) };
    return null;
  };

const goLive: StepCheck = (v, ctx) => {
  const date = String(v);
  if (date < ctx.today) return { error: msg('intake.check.date_in_past', { date, today: ctx.today }) };
  const purchase = ctx.answers.planned_purchase_date;
  if (typeof purchase === 'string' && date < purchase) return { error: msg('intake.check.go_live_before_purchase', { date, purchase }) };
  return null;
};

/** Unit price × quantity should come to the total; a difference above 1 % is pointed out, not refused (discounts exist). */
const total: StepCheck = (v, ctx) => {
  const { quantity, unit_price } = ctx.answers;
  if (typeof quantity !== 'number' || typeof unit_price !== 'number') return null;
  const expected = quantity * unit_price;
  return Math.abs(expected - Number(v)) > expected * 0.01 ? { warning: msg('intake.warn.total_mismatch', { expected, total: Number(v) }) } : null;
};

// ---------------------------------------------------------------------------------------------
// Sections

const choice = (
  id: string,
  set: string,
  choices: readonly string[],
  extra: { complete?: readonly string[]; optional?: boolean; aliasSet?: string } = {},
): FieldSpec => ({ id, kind: 'choice', set, choices, ...extra });
const known = (id: string, optional = false): FieldSpec => choice(id, 'answer', YES_NO_UNSURE, { complete: ['yes', 'no'], optional });

const SECTION_FIELDS = {
  applicant: [
    { id: 'legal_name', kind: 'text', max: 200, hint: true },
    { id: 'uscc', kind: 'text', max: 40, check: uscc, hint: true },
    { id: 'legal_representative', kind: 'text', max: 100 },
    { id: 'contact', kind: 'text', max: 300, check: contact, hint: true },
    choice('truthful', 'declaration', ['confirmed', 'not_yet'], { complete: ['confirmed'] }),
  ],
  cii: [
    { id: 'protection_department', kind: 'text', max: 200, hint: true },
    { id: 'notice_date', kind: 'date', check: notAfterToday, hint: true },
    choice('sector', 'sector', SECTORS),
    { id: 'cii_system', kind: 'text', max: 300 },
    choice('mlps_level', 'mlps', MLPS_LEVELS),
  ],
  item: [
    { id: 'product', kind: 'text', max: 300, hint: true },
    { id: 'model_version', kind: 'text', max: 200, optional: true },
    { id: 'quantity', kind: 'number', numberKind: 'count', min: 1, max: 1e9, integer: true, hint: true },
    { id: 'unit_price', kind: 'number', numberKind: 'amount', min: 0, max: 1e13, optional: true, hint: true },
    { id: 'total_amount', kind: 'number', numberKind: 'amount', min: 0, max: 1e13, check: total, hint: true },
  ],
  purchase: [
    choice('procurement_method', 'procurement', PROCUREMENT_METHODS),
    { id: 'planned_purchase_date', kind: 'date', check: plannedDate('purchase'), hint: true },
    { id: 'planned_go_live_date', kind: 'date', optional: true, check: goLive, hint: true },
    { id: 'deployment', kind: 'text', max: 1000, multiline: true, hint: true },
    known('remote_maintenance_abroad'),
    known('commercial_cryptography'),
  ],
  supplier: [
    { id: 'name', kind: 'text', max: 200, hint: true },
    { id: 'country_region', kind: 'text', max: 100 },
    { id: 'controller', kind: 'text', max: 300 },
    // supplier_role_words: the plain words, and 服务提供商, the service-provider label before 提供者 was the one term.
    choice('role', 'supplier_role', SUPPLIER_ROLES, { aliasSet: 'supplier_role_words' }),
    { id: 'component_origin', kind: 'text', max: 1000, multiline: true, hint: true },
  ],
  data: [
    known('personal_information'),
    known('important_data'),
    known('data_leaves_china'),
    { id: 'data_notes', kind: 'text', max: 1000, multiline: true, optional: true, hint: true },
  ],
  commitments: [
    ...COMMITMENTS.map((c) => choice(c, 'commitment', COMMITMENT_STATES, { complete: ['in_contract', 'in_letter'] })),
    { id: 'reference', kind: 'text', max: 300, optional: true, hint: true },
    choice('security_agreement', 'agreement', AGREEMENT_STATES, { complete: ['signed', 'drafted'] }),
  ],
  listing: [
    { id: 'venue', kind: 'text', max: 200, hint: true },
    choice('route', 'route', LISTING_ROUTES),
    { id: 'users_with_personal_info', kind: 'number', numberKind: 'count', min: 0, max: 1e10, integer: true, hint: true },
    choice('csrc_filing', 'csrc', CSRC_STATES),
    { id: 'planned_listing_date', kind: 'date', optional: true, check: plannedDate('listing'), hint: true },
  ],
  processing: [
    { id: 'description', kind: 'text', max: 1000, multiline: true, hint: true },
    { id: 'users_with_personal_info', kind: 'number', numberKind: 'count', min: 0, max: 1e10, integer: true, optional: true, hint: true },
  ],
} satisfies Record<string, FieldSpec[]>;

export type Section = keyof typeof SECTION_FIELDS | 'risk' | 'materials';

const riskFields = (matter: Matter): FieldSpec[] =>
  FACTORS_FOR[matter].flatMap((f): FieldSpec[] => [
    // Worded as risk levels ("Risk: low") so "high" is never read as "highly compliant"; the prompt offers the
    // plain words ("low", "not yet known"), so those answer it too.
    choice(`${f}_rating`, 'risk_level', RATINGS, { complete: ['low', 'medium', 'high'], aliasSet: 'risk_words' }),
    { id: `${f}_note`, kind: 'text', max: 2000, optional: true, multiline: true, hint: true },
    { id: `${f}_mitigation`, kind: 'text', max: 2000, optional: true, multiline: true, hint: true },
  ]);

const materialFields = (matter: Matter): FieldSpec[] =>
  MATERIALS_FOR[matter].map((m) => choice(m, 'material', MATERIAL_STATES, { complete: ['ready', 'not_applicable'] }));

/** The sections of each matter, in the order they are asked. */
export const INTAKE_PLAN: Record<Matter, readonly Section[]> = {
  purchase: ['applicant', 'cii', 'item', 'purchase', 'supplier', 'data', 'commitments', 'risk', 'materials'],
  listing: ['applicant', 'listing', 'risk', 'materials'],
  data_processing: ['applicant', 'processing', 'data', 'risk', 'materials'],
};

/** The fields of a section for a matter. */
export function sectionFields(matter: Matter, section: Section): readonly FieldSpec[] {
  if (section === 'risk') return riskFields(matter);
  if (section === 'materials') return materialFields(matter);
  return SECTION_FIELDS[section];
}

/** The line item chat asks about: the first one with a required field empty, else a first one, else the last (complete: passed over). */
const itemFor = (saved: Readonly<Record<string, Record<string, unknown>>>): string => {
  const keys = lineItemKeys(saved);
  const required = SECTION_FIELDS.item.filter((f) => !('optional' in f && f.optional)).map((f) => f.id);
  return keys.find((k) => required.some((id) => saved[k]?.[id] === undefined || saved[k]?.[id] === null)) ?? keys.at(-1) ?? `${ITEM_FORM}-1`;
};

const flowId = (matter: Matter, section: Section) => `intake.${matter}.${section}`;

function planFlows(matter: Matter): Flow[] {
  const plan = INTAKE_PLAN[matter];
  return plan.map((section, i) =>
    linearFlow(section, sectionFields(matter, section), {
      prefix: `intake.${matter}`,
      ...(plan[i + 1] ? { continueWith: flowId(matter, plan[i + 1]!) } : {}),
      ...(section === 'item' ? { formKeyFor: itemFor } : {}),
    }),
  );
}

/** Every intake flow of every matter. */
export const INTAKE_FLOWS: readonly Flow[] = MATTERS.flatMap(planFlows);

/** The flow of a section for a matter; for a line item (`item-2`) the item section's. */
export function intakeFlowId(matter: Matter, form: string): string | null {
  const section = itemNumber(form) !== null ? ITEM_FORM : form;
  return (INTAKE_PLAN[matter] as readonly string[]).includes(section) ? flowId(matter, section as Section) : null;
}
