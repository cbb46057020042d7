import chineseDays from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

// Working days are China's (DESIGN.md, Deadlines): Monday–Friday, minus public holidays, plus the
// official makeup workdays (调休). The calendar is the `chinese-days` package; a year it has no
// official data for is an explicit error, never a guess from weekdays alone.

type Calendar = { holidays: Record<string, string>; workdays: Record<string, string> };
const calendar = calendarData as Calendar;

/** Years with official holiday data (the State Council notice is published each autumn for the next year). */
export const SUPPORTED_YEARS: readonly number[] = [...new Set(Object.keys(calendar.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const FIRST = SUPPORTED_YEARS[0]!;
const LAST = SUPPORTED_YEARS[SUPPORTED_YEARS.length - 1]!;
export const MAX_WORKING_DAYS = 1000;

export type WorkingDayError =
  | { type: 'invalid_date'; value: string }
  | { type: 'invalid_count'; value: number }
  | { type: 'unsupported_year'; year: number; supported: readonly [number, number] };
export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkingDayError };

export const isSupportedYear = (year: number) => year >= FIRST && year <= LAST;

function parseDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? d : null;
}
const iso = (d: Date) => d.toISOString().slice(0, 10);
const unsupported = (year: number): Result<never> => ({ ok: false, error: { type: 'unsupported_year', year, supported: [FIRST, LAST] } });

/** Whether a calendar date (YYYY-MM-DD) is a working day; only for supported years. */
export function isWorkingDay(date: string): Result<boolean> {
  const d = parseDate(date);
  if (!d) return { ok: false, error: { type: 'invalid_date', value: date } };
  if (!isSupportedYear(d.getUTCFullYear())) return unsupported(d.getUTCFullYear());
  return { ok: true, value: chineseDays.isWorkday(date) };
}

/** The N-th working day after `from` (from itself does not count). N = 0 is `from`. */
export function addWorkingDays(from: string, n: number): Result<string> {
  const start = parseDate(from);
  if (!start) return { ok: false, error: { type: 'invalid_date', value: from } };
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) return { ok: false, error: { type: 'invalid_count', value: n } };
  if (!isSupportedYear(start.getUTCFullYear())) return unsupported(start.getUTCFullYear());
  const d = new Date(start);
  for (let left = n; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isSupportedYear(d.getUTCFullYear())) return unsupported(d.getUTCFullYear());
    if (chineseDays.isWorkday(iso(d))) left--;
  }
  return { ok: true, value: iso(d) };
}

/** Working days after `a` up to and including `b` (negative when b is before a). */
export function workingDaysBetween(a: string, b: string): Result<number> {
  const da = parseDate(a);
  const db = parseDate(b);
  if (!da) return { ok: false, error: { type: 'invalid_date', value: a } };
  if (!db) return { ok: false, error: { type: 'invalid_date', value: b } };
  const [lo, hi, sign] = da <= db ? [da, db, 1] : [db, da, -1];
  let count = 0;
  const d = new Date(lo);
  while (d < hi) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isSupportedYear(d.getUTCFullYear())) return unsupported(d.getUTCFullYear());
    if (chineseDays.isWorkday(iso(d))) count++;
  }
  return { ok: true, value: sign * count };
}

/** The calendar date in Asia/Shanghai of an instant. */
export function shanghaiDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function describeWorkingDayError(e: WorkingDayError): string {
  switch (e.type) {
    case 'invalid_date': return `"${e.value}" is not a date as YYYY-MM-DD`;
    case 'invalid_count': return `working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, not ${e.value}`;
    case 'unsupported_year': return `no official holiday calendar for ${e.year} (covered: ${e.supported[0]}–${e.supported[1]}); update the chinese-days package when the State Council publishes it`;
  }
}
