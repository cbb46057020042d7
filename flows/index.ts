import type { FlowRegistry } from '../src/engine/index.js';
import { commitmentsFlow, declarationFlow, INTAKE_FLOWS, materialsFlow, riskFlow } from './intake/sections.js';
import { triageFlow } from './triage.js';

/** Every flow version conversations may be on. Keep an old version here (or add a migration) when a flow changes. */
export const registry: FlowRegistry = {
  flows: [triageFlow, ...INTAKE_FLOWS],
  migrations: [],
};

export { triageFlow, declarationFlow, riskFlow, commitmentsFlow, materialsFlow, INTAKE_FLOWS };
export { INTAKE_FORMS, RISK_FACTORS, COMMITMENTS, MATERIALS, RATINGS, MATERIAL_STATES, type IntakeForm } from './intake/sections.js';
