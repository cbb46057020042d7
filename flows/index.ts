import { factsFromV1, V1_RENAMED_STEPS } from '../src/domain/index.js';
import type { FlowRegistry } from '../src/engine/index.js';
import { INTAKE_FLOWS } from './intake/sections.js';
import { triageFlow } from './triage.js';

/**
 * Every flow version conversations may be on. Keep an old version here (or add a migration) when a flow changes.
 * The first intake (intake.declaration, .risk, .commitments, .materials) is gone: its stored answers are moved to
 * the sections by upgradeCase (domain/case.ts), and a conversation still on it is ended with a pointer back to
 * the case (engine.intake_changed).
 * Triage v1 (`listing_abroad`) is migrated to v2: its answers say the same facts (domain/triage-v1.ts), so a
 * conversation stored on v1 goes on with the v2 questions it still needs.
 */
export const registry: FlowRegistry = {
  flows: [triageFlow, ...INTAKE_FLOWS],
  migrations: [{ flow: 'triage', from: 1, to: 2, migrate: factsFromV1, renamed: V1_RENAMED_STEPS }],
};

export { triageFlow, INTAKE_FLOWS };
export {
  COMMITMENTS,
  FACTORS_FOR,
  INTAKE_PLAN,
  intakeFlowId,
  MATERIALS,
  MATERIALS_FOR,
  RATINGS,
  sectionFields,
  type Section,
} from './intake/sections.js';
export { describeGaps, formTitle, intakeGaps, matterOf, nextOpenForm, settledAnswers } from './intake/plan.js';
export { prefillIntake } from './intake/prefill.js';
export type { FieldSpec } from './intake/linear.js';
