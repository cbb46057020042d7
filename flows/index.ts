import type { FlowRegistry } from '../src/engine/index.js';
import { declarationFlow, INTAKE_FLOWS } from './intake/sections.js';
import { triageFlow } from './triage.js';

/** Every flow version conversations may be on. Keep an old version here (or add a migration) when a flow changes. */
export const registry: FlowRegistry = {
  flows: [triageFlow, ...INTAKE_FLOWS],
  migrations: [],
};

export { triageFlow, declarationFlow, INTAKE_FLOWS };
export { INTAKE_FORMS, COMMITMENTS, MATERIALS } from './intake/sections.js';
