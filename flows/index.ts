import { factsFromV1, V1_RENAMED_STEPS } from '../src/domain/index.js';
import type { FlowRegistry } from '../src/engine/index.js';
import { declarationFlow, INTAKE_FLOWS } from './intake/sections.js';
import { triageFlow } from './triage.js';

/**
 * Every flow version conversations may be on. Keep an old version here (or add a migration) when a flow changes.
 * Triage v1 (`listing_abroad`) is migrated to v2: its answers say the same facts (domain/triage-v1.ts), so a
 * conversation stored on v1 goes on with the v2 questions it still needs.
 */
export const registry: FlowRegistry = {
  flows: [triageFlow, ...INTAKE_FLOWS],
  migrations: [{ flow: 'triage', from: 1, to: 2, migrate: factsFromV1, renamed: V1_RENAMED_STEPS }],
};

export { triageFlow, declarationFlow, INTAKE_FLOWS };
export { INTAKE_FORMS, COMMITMENTS, MATERIALS } from './intake/sections.js';
