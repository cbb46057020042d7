import type { FlowRegistry } from '../src/engine/index.js';
import { triageFlow } from './triage.js';

/** Every flow version conversations may be on. Keep an old version here (or add a migration) when a flow changes. */
export const registry: FlowRegistry = {
  flows: [triageFlow],
  migrations: [],
};

export { triageFlow };
