import type { MessageKey } from '../../src/i18n/index.js';
import { RISK_FACTORS } from '../../src/domain/index.js';
import { linearFlow, type FieldSpec } from './linear.js';

// The four intake sections of a review application (domain.md §2 Art. 6, 8, 10; §6 materials).

export const RATINGS = ['low', 'medium', 'high', 'unknown'] as const;
export const MATERIAL_STATES = ['ready', 'missing', 'not_applicable'] as const;

export { RISK_FACTORS };

/** Art. 6 commitments plus cooperation with the review (Art. 19). */
export const COMMITMENTS = ['no_illegal_data_access', 'no_illegal_control', 'no_supply_cutoff', 'cooperate_with_review'] as const;

export const MATERIALS = ['declaration_form', 'impact_report', 'procurement_documents', 'listing_documents'] as const;

const declarationFields: FieldSpec[] = [
  { id: 'applicant_org', kind: 'text', max: 200 },
  { id: 'contact', kind: 'text', max: 200 },
  { id: 'product', kind: 'text', max: 300 },
  { id: 'supplier', kind: 'text', max: 200 },
  { id: 'supplier_country', kind: 'text', max: 100 },
  { id: 'model_version', kind: 'text', max: 200, optional: true },
  { id: 'quantity', kind: 'number', min: 1, max: 1e9, integer: true },
  { id: 'contract_amount', kind: 'number', min: 0, max: 1e13 },
  { id: 'cii_system', kind: 'text', max: 300 },
  { id: 'deployment', kind: 'text', max: 1000, multiline: true },
  { id: 'data_involved', kind: 'text', max: 1000, multiline: true },
  { id: 'planned_purchase_date', kind: 'date' },
  { id: 'planned_go_live_date', kind: 'date', optional: true },
];

const riskFields: FieldSpec[] = RISK_FACTORS.flatMap((f): FieldSpec[] => [
  { id: `${f}_rating`, kind: 'choice', choices: RATINGS },
  { id: `${f}_note`, kind: 'text', max: 1000, optional: true, multiline: true },
]);

const commitmentFields: FieldSpec[] = COMMITMENTS.map((c) => ({ id: c, kind: 'text', max: 300, optional: true }));

const materialFields: FieldSpec[] = MATERIALS.map((m) => ({ id: m, kind: 'choice', choices: MATERIAL_STATES }));

const rating = (_f: string, c: string) => `intake.rating.${c}` as MessageKey;
const material = (_f: string, c: string) => `intake.material.${c}` as MessageKey;

export const declarationFlow = linearFlow('declaration', declarationFields, { continueWith: 'intake.risk', choiceLabel: rating });
export const riskFlow = linearFlow('risk', riskFields, { continueWith: 'intake.commitments', choiceLabel: rating });
export const commitmentsFlow = linearFlow('commitments', commitmentFields, { continueWith: 'intake.materials', choiceLabel: rating });
export const materialsFlow = linearFlow('materials', materialFields, { choiceLabel: material });

/** The intake sections in order; their ids are the form ids on a case. */
export const INTAKE_FLOWS = [declarationFlow, riskFlow, commitmentsFlow, materialsFlow] as const;
export const INTAKE_FORMS = ['declaration', 'risk', 'commitments', 'materials'] as const;
