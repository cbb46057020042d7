import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { overlayCalendarFile, parseCalendarFile } from '../../src/domain/calendar-file.js';
import type { DeadlineSettings } from '../../src/domain/deadlines.js';
import { packageCalendarYears } from '../../src/domain/package-calendar.js';
import { buildCalendar, type WorkingCalendar } from '../../src/domain/working-days.js';

/** The chinese-days package's calendar alone (2004–2026 with 1.5.7), as the bot runs without REVIEW_BOT_CALENDAR. */
export const packageCalendar: WorkingCalendar = buildCalendar(packageCalendarYears());

/**
 * SYNTHETIC, NOT OFFICIAL: an invented 2027 arrangement (test/fixtures/synthetic-calendar-2027.yaml)
 * to test that an operator file is honoured. Its days are nobody's real holidays.
 */
export const SYNTHETIC_2027_FILE = fileURLToPath(new URL('../fixtures/synthetic-calendar-2027.yaml', import.meta.url));

/** The package's calendar with the synthetic (NOT official) 2027 file laid over it. */
export function withSynthetic2027(): WorkingCalendar {
  const parsed = parseCalendarFile(readFileSync(SYNTHETIC_2027_FILE, 'utf8'), SYNTHETIC_2027_FILE);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return buildCalendar(overlayCalendarFile(packageCalendarYears(), parsed.value).years);
}

export const settingsWith = (calendar: WorkingCalendar, intakeTargetWorkingDays = 5): DeadlineSettings => ({ calendar, intakeTargetWorkingDays });
