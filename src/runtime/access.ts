import type { CaseRecord } from '../domain/case.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';

export const mayEditIntake = (actor: Actor, k: CaseRecord): boolean => can(actor, 'edit_intake', k);
export const mayExport = (actor: Actor, k: CaseRecord): boolean => can(actor, 'export', k);
