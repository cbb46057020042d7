import type { CaseRecord } from '../domain/case.js';
import type { Actor } from './actor.js';

// TEMPORARY bridge until domain/permissions lands: analysts (assigned or unassigned) and admins edit intake.
export const mayEditIntake = (actor: Actor, k: CaseRecord): boolean =>
  actor.roles.includes('admin') || (actor.roles.includes('analyst') && (k.analyst === null || k.analyst === actor.key));
