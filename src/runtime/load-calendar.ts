import { readFileSync } from 'node:fs';
import {
  buildCalendar,
  formatCalendarIssue,
  overlayCalendarFile,
  packageCalendarYears,
  parseCalendarFile,
  type CalendarDisagreement,
  type DeadlineSettings,
  type OfficialYear,
  type Result,
} from '../domain/index.js';
import { t } from '../i18n/index.js';
import type { Logger } from './logger.js';

/**
 * Read and check an operator calendar file (REVIEW_BOT_CALENDAR). A bad file is a list of
 * `file:line: field: message` lines, in English, for the log and the admin who edits the file.
 */
export function readCalendarFile(path: string): Result<OfficialYear[], string[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: [t('en', 'calendar.cannot_read', { file: path, detail: (err as Error).message })] };
  }
  const r = parseCalendarFile(text, path);
  return r.ok ? r : { ok: false, error: r.error.map((i) => formatCalendarIssue(i)) };
}

export type LoadedDeadlineSettings = { settings: DeadlineSettings; disagreements: CalendarDisagreement[] };

/** The one deadline configuration of a process: the package's calendar with the operator's file over it, and the intake target. */
export function loadDeadlineSettings(config: { calendarPath: string | null; intakeTargetWorkingDays: number }): Result<LoadedDeadlineSettings, string[]> {
  const fromFile = config.calendarPath ? readCalendarFile(config.calendarPath) : { ok: true as const, value: [] };
  if (!fromFile.ok) return fromFile;
  const { years, disagreements } = overlayCalendarFile(packageCalendarYears(), fromFile.value);
  return { ok: true, value: { settings: { calendar: buildCalendar(years), intakeTargetWorkingDays: config.intakeTargetWorkingDays }, disagreements } };
}

/** Say at start where the operator's file overrides the package (a structured line each). */
export function logDisagreements(log: Logger, disagreements: readonly CalendarDisagreement[]): void {
  for (const d of disagreements) {
    const pkg = d.package.type === 'package' ? `${d.package.name}@${d.package.version}` : '';
    log.warn('calendar.file_overrides_package', { year: d.year, file: d.file, package: pkg, dates: d.dates, used: 'file' });
  }
}
