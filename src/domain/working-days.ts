import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Result } from './result.js';

// China's working days (DESIGN.md, Deadlines): Monday–Friday, minus the public holidays, plus the
// official makeup workdays (调休), as calendar dates in Asia/Shanghai written YYYY-MM-DD.
//
// The calendar is the data of the `chinese-days` package (one JSON file, the State Council notices
// transcribed). Its own rule, `isWorkday`, is "a listed makeup workday, or Mon–Fri and not a
// listed holiday"; the same rule is applied here to the same data, with pure UTC date arithmetic,
// because the package's `isWorkday('YYYY-MM-DD')` depends on the process time zone (west of UTC it
// answers for the previous day). A test checks every covered day against the package, called in a
// time-zone-safe way.
//
// Coverage is taken from the data, never from the package's weekday fallback: a year counts when
// its notice is in the data (Spring Festival and National Day entries present). The next year's
// notice can move days at the end of December (2007-12-29, 2011-12-31, 2018-12-29 became makeup
// workdays in the following year's notice), so the last covered year stops on 24 December; later
// dates are an `unsupported_year` error naming the year whose notice is missing.

type Calendar = { holidays: Record<string, string>; workdays: Record<string, string> };
const calendar = calendarData as Calendar;

export type { Result };

export type WorkingDayError =
  | { type: 'invalid_date'; value: string }
  | { type: 'invalid_count'; value: number }
  | { type: 'unsupported_year'; year: number; supported: readonly [number, number] };

/** The most working days one question may span (about four years). */
export const MAX_WORKING_DAYS = 1000;

/** Years whose official holiday notice is in the data, ascending (2004–2026 with chinese-days 1.5.7). */
export const SUPPORTED_YEARS: readonly number[] = (() => {
  const seen = new Map<number, string>();
  for (const [date, name] of Object.entries(calendar.holidays)) {
    const year = Number(date.slice(0, 4));
    seen.set(year, `${seen.get(year) ?? ''}|${name}`);
  }
  return [...seen]
    .filter(([, names]) => names.includes('Spring Festival') && names.includes('National Day'))
    .map(([year]) => year)
    .sort((a, b) => a - b);
})();

const SUPPORTED = new Set(SUPPORTED_YEARS);
const FIRST = SUPPORTED_YEARS[0] ?? 0;
const LAST = SUPPORTED_YEARS[SUPPORTED_YEARS.length - 1] ?? -1;
const RANGE: readonly [number, number] = [FIRST, LAST];

/** The first and last date this calendar answers for (see the note on December above). */
export const COVERED_DATES: { readonly first: string; readonly last: string } = {
  first: `${FIRST}-01-01`,
  last: `${LAST}-12-24`,
};

export const isSupportedYear = (year: number): boolean => SUPPORTED.has(year);

// --- calendar dates as day numbers (days since 1970-01-01, UTC arithmetic only) --------------

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

function dayNumberOf(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 as they are, unlike Date.UTC
  return Math.round(t.getTime() / DAY_MS);
}

/** A real calendar date written YYYY-MM-DD, as its year and day number; null otherwise (2026-02-30, 2026-2-3). */
function parseDate(value: string): { year: number; day: number } | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return { year: y, day: dayNumberOf(y, mo, d) };
}

const formatDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const FIRST_DAY = dayNumberOf(FIRST, 1, 1);
const LAST_DAY = dayNumberOf(LAST, 12, 24);

/**
 * The calendar as two arrays, built on first use (about 8,400 days, a few milliseconds):
 * prefix[i] = working days from the first covered day up to and including day FIRST_DAY + i, and
 * the working days themselves. Every question below is then a lookup, which keeps the daily
 * reminder sweep over many cases cheap.
 */
let table: { prefix: Int32Array; workdays: Int32Array } | null = null;
function calendarTable() {
  if (table) return table;
  const length = Math.max(0, LAST_DAY - FIRST_DAY + 1);
  const prefix = new Int32Array(length);
  const workdays: number[] = [];
  for (let i = 0; i < length; i++) {
    const date = formatDay(FIRST_DAY + i);
    const weekday = new Date((FIRST_DAY + i) * DAY_MS).getUTCDay();
    const working = date in calendar.workdays || (weekday >= 1 && weekday <= 5 && !(date in calendar.holidays));
    if (working) workdays.push(i);
    prefix[i] = workdays.length;
  }
  return (table = { prefix, workdays: Int32Array.from(workdays) });
}

/** The error for a day outside the covered dates: the year whose notice would be needed. */
function uncovered(day: number): { ok: false; error: WorkingDayError } {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  // Late December of the last covered year waits for the next year's notice.
  const missing = day > LAST_DAY && year === LAST ? LAST + 1 : year;
  return { ok: false, error: { type: 'unsupported_year', year: missing, supported: RANGE } };
}

type Checked = { ok: true; value: number } | { ok: false; error: WorkingDayError };
function coveredDay(value: string): Checked {
  const d = parseDate(value);
  if (!d) return { ok: false, error: { type: 'invalid_date', value } };
  if (d.day < FIRST_DAY || d.day > LAST_DAY) return uncovered(d.day);
  return { ok: true, value: d.day };
}

// --- the questions -----------------------------------------------------------------------

/** Whether a calendar date (YYYY-MM-DD) is a working day in China. */
export function isWorkingDay(date: string): Result<boolean, WorkingDayError> {
  const d = coveredDay(date);
  if (!d.ok) return d;
  const { prefix } = calendarTable();
  const i = d.value - FIRST_DAY;
  return { ok: true, value: prefix[i]! - (i > 0 ? prefix[i - 1]! : 0) === 1 };
}

/**
 * "N working days from D": the N-th working day after D; D itself does not count, whether or
 * not it is a working day. N = 0 is D itself. N is a whole number from 0 to MAX_WORKING_DAYS.
 */
export function addWorkingDays(from: string, n: number): Result<string, WorkingDayError> {
  const d = coveredDay(from);
  if (!d.ok) return d;
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) return { ok: false, error: { type: 'invalid_count', value: n } };
  if (n === 0) return { ok: true, value: from };
  const { prefix, workdays } = calendarTable();
  const target = workdays[prefix[d.value - FIRST_DAY]! + n - 1];
  // Past the last covered day: the answer lies where the calendar is not known yet.
  if (target === undefined) return uncovered(LAST_DAY + 1);
  return { ok: true, value: formatDay(FIRST_DAY + target) };
}

/**
 * Working days after `a` up to and including `b`; when b is before a, minus the working days
 * after b up to and including a. So workingDaysBetween(d, addWorkingDays(d, n)) = n, and
 * workingDaysBetween(a, b) = -workingDaysBetween(b, a).
 */
export function workingDaysBetween(a: string, b: string): Result<number, WorkingDayError> {
  const da = coveredDay(a);
  if (!da.ok) return da;
  const db = coveredDay(b);
  if (!db.ok) return db;
  const { prefix } = calendarTable();
  return { ok: true, value: prefix[db.value - FIRST_DAY]! - prefix[da.value - FIRST_DAY]! };
}

// One formatter for the process: building one per call costs ~40 µs and memory the GC does not see.
const SHANGHAI = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Asia/Shanghai of an instant, as YYYY-MM-DD, whatever the process time zone. */
export function shanghaiDate(now: Date): string {
  let y = '';
  let m = '';
  let d = '';
  for (const part of SHANGHAI.formatToParts(now)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}

/** English, for the CLI and the log; chat users get the `cases` catalogue (deadlines.ts). */
export function describeWorkingDayError(e: WorkingDayError): string {
  switch (e.type) {
    case 'invalid_date':
      return `"${e.value}" is not a date as YYYY-MM-DD`;
    case 'invalid_count':
      return `working days must be a whole number from 0 to ${MAX_WORKING_DAYS}, not ${e.value}`;
    case 'unsupported_year':
      return `no official holiday calendar for ${e.year} (covered: ${COVERED_DATES.first} to ${COVERED_DATES.last}); update the chinese-days package when the State Council publishes it`;
  }
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (any year). */
export const isCalendarDate = (value: string): boolean => parseDate(value) !== null;
