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

const DAY = 86_400_000;
const EPOCH = Date.UTC(FIRST, 0, 1);
const dayIndex = (d: Date) => Math.round((d.getTime() - EPOCH) / DAY);

/**
 * The calendar as two arrays, built once on first use (about 8,000 days): prefix[i] = working
 * days up to and including day i, and the list of working days. Every question below is then
 * a lookup, which keeps the daily reminder sweep over many cases cheap.
 */
let table: { prefix: Int32Array; workdays: Int32Array } | null = null;
function calendarTable() {
  if (table) return table;
  const days = dayIndex(new Date(Date.UTC(LAST, 11, 31))) + 1;
  const prefix = new Int32Array(days);
  const workdays: number[] = [];
  for (let i = 0; i < days; i++) {
    if (chineseDays.isWorkday(iso(new Date(EPOCH + i * DAY)))) workdays.push(i);
    prefix[i] = workdays.length;
  }
  return (table = { prefix, workdays: Int32Array.from(workdays) });
}

/** Whether a calendar date (YYYY-MM-DD) is a working day; only for supported years. */
export function isWorkingDay(date: string): Result<boolean> {
  const d = parseDate(date);
  if (!d) return { ok: false, error: { type: 'invalid_date', value: date } };
  if (!isSupportedYear(d.getUTCFullYear())) return unsupported(d.getUTCFullYear());
  const { prefix } = calendarTable();
  const i = dayIndex(d);
  return { ok: true, value: prefix[i]! - (i > 0 ? prefix[i - 1]! : 0) === 1 };
}

/** The N-th working day after `from` (from itself does not count). N = 0 is `from`. */
export function addWorkingDays(from: string, n: number): Result<string> {
  const start = parseDate(from);
  if (!start) return { ok: false, error: { type: 'invalid_date', value: from } };
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) return { ok: false, error: { type: 'invalid_count', value: n } };
  if (!isSupportedYear(start.getUTCFullYear())) return unsupported(start.getUTCFullYear());
  if (n === 0) return { ok: true, value: from };
  const { prefix, workdays } = calendarTable();
  const target = workdays[prefix[dayIndex(start)]! + n - 1];
  // Past the last day with official data: the answer lies in a year the calendar does not cover.
  if (target === undefined) return unsupported(LAST + 1);
  return { ok: true, value: iso(new Date(EPOCH + target * DAY)) };
}

/** Working days after `a` up to and including `b` (negative when b is before a). */
export function workingDaysBetween(a: string, b: string): Result<number> {
  const da = parseDate(a);
  const db = parseDate(b);
  if (!da) return { ok: false, error: { type: 'invalid_date', value: a } };
  if (!db) return { ok: false, error: { type: 'invalid_date', value: b } };
  for (const d of [da, db]) if (!isSupportedYear(d.getUTCFullYear())) return unsupported(d.getUTCFullYear());
  const { prefix } = calendarTable();
  return { ok: true, value: prefix[dayIndex(db)]! - prefix[dayIndex(da)]! };
}

/** The calendar date in Asia/Shanghai of an instant. */
// One formatter for the process: building one per call costs ~40 µs and memory the GC does not see.
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export function shanghaiDate(now: Date): string {
  return SHANGHAI.format(now);
}

export function describeWorkingDayError(e: WorkingDayError): string {
  switch (e.type) {
    case 'invalid_date': return `"${e.value}" is not a date as YYYY-MM-DD`;
    case 'invalid_count': return `working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, not ${e.value}`;
    case 'unsupported_year': return `no official holiday calendar for ${e.year} (covered: ${e.supported[0]}–${e.supported[1]}); update the chinese-days package when the State Council publishes it`;
  }
}
