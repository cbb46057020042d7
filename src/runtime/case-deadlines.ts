import type { CaseRecord } from '../domain/case.js';
import { caseDeadlines as derive } from '../domain/deadlines.js';
import type { Config } from '../config.js';

export const caseDeadlines = (k: CaseRecord, config: Pick<Config, 'intakeTargetWorkingDays'>) =>
  derive(k, { intakeTargetWorkingDays: config.intakeTargetWorkingDays });
