import type { Result } from './result.js';
import { statutoryHolidays } from './statutory-holidays.js';

// China's working days (DESIGN.md, Deadlines): Monday–Friday, minus the public holidays, plus the
// official makeup workdays (调休), as calendar dates in Asia/Shanghai written YYYY-MM-DD.
//
// A calendar is built from the official years it is given (the `chinese-days` package's data,
// package-calendar.ts, and the operator's REVIEW_BOT_CALENDAR file, calendar-file.ts): for each
// year its days off and makeup workdays, transcribed from the State Council notice. The rule is
// the package's own: "a listed makeup workday, or Mon–Fri and not a listed day off", applied with
// pure UTC date arithmetic so the answers never depend on the process time zone.
//
// Beyond the official years, up to PROVISIONAL_UNTIL, the calendar still answers, but
// **provisionally**: Mon–Fri minus the statutory public holidays of the national holiday rules
// (statutory-holidays.ts). The State Council's notice will add bridge days and makeup workdays
// that no rule predicts, so every answer that depends on such a day says `provisional: true`;
// when the notice arrives the answer changes by itself (the scheduler tells people, plan.ts).
//
// The last days of a year are provisional unless the next year is official too: the next year's
// notice can move days at the end of December (2007-12-29, 2011-12-31, 2018-12-29 became makeup
// workdays in the following year's notice), so an official year is final up to 24 December only.
//
// The whole range is one table built once (about 35,000 days, a few milliseconds): prefix sums of
// working days and of provisional days. Every question is then a lookup, which keeps the daily
// reminder sweep over many cases cheap.

export type { Result };

/** Where an official year comes from: the package (name and version), or the operator's file and the notice it cites. */
export type CalendarSource = { type: 'package'; name: string; version: string } | { type: 'file'; file: string; source: string };

/** One year's official arrangement. `off` and `workdays` may include days of the preceding December. */
export type OfficialYear = { year: number; off: readonly string[]; workdays: readonly string[]; source: CalendarSource };

export type WorkingDayError =
  | { type: 'invalid_date'; value: string }
  | { type: 'invalid_count'; value: number }
  | { type: 'out_of_range'; value: string; first: string; last: string };

/** The most working days one question may span (about four years). */
export const MAX_WORKING_DAYS = 1000;
/** The last year the calendar answers for, provisionally: the lunar tables behind the holiday rules end in 2100. */
export const PROVISIONAL_UNTIL = 2099;

export type WorkingCalendar = {
  /** The official years, ascending, each with its source. */
  readonly years: readonly { year: number; source: CalendarSource }[];
  /** The first and last date the calendar answers for (provisionally after the official years). */
  readonly first: string;
  readonly last: string;
  /** Internal: the prefix-sum table (see above). */
  readonly table: CalendarTable;
};

type CalendarTable = {
  firstDay: number;
  /** working[i] = working days from firstDay up to and including firstDay + i. */
  working: Int32Array;
  /** The working days themselves, as offsets from firstDay. */
  workdays: Int32Array;
  /** provisional[i] = provisional days from firstDay up to and including firstDay + i. */
  provisional: Int32Array;
};

// --- calendar dates as day numbers (days since 1970-01-01, UTC arithmetic only) --------------

export const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

export function dayNumberOf(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 as they are, unlike Date.UTC
  return Math.round(t.getTime() / DAY_MS);
}

// The daily sweep asks about the same few hundred dates for every one of its cases: each date is
// parsed, and each day number written, once, then looked up (a sweep over 100,000 cases made
// about a million of each). Only real dates are kept, and the maps start over past MEMO_MAX.
const MEMO_MAX = 50_000;
type ParsedDate = Readonly<{ year: number; month: number; day: number }>;
const parsed = new Map<string, ParsedDate>();
const written = new Map<number, string>();
const remember = <K, V>(memo: Map<K, V>, key: K, value: V): V => {
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
  return value;
};

/** A real calendar date written YYYY-MM-DD, as its year and day number; null otherwise (2026-02-30, 2026-2-3). */
export function parseDate(value: string): ParsedDate | null {
  const known = parsed.get(value);
  if (known) return known;
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return remember(parsed, value, Object.freeze({ year: y, month: mo, day: dayNumberOf(y, mo, d) }));
}

export const formatDay = (day: number): string => written.get(day) ?? remember(written, day, new Date(day * DAY_MS).toISOString().slice(0, 10));
/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: number) => new Date(day * DAY_MS).getUTCDay();

/** Whether `value` is a real calendar date written YYYY-MM-DD (any year). */
export const isCalendarDate = (value: string): boolean => parseDate(value) !== null;

// --- building ----------------------------------------------------------------------------

/**
 * The calendar of these official years (each year at most once; the caller decides which source
 * wins, calendar-file.ts). It answers from 1 January of the first official year to the end of
 * PROVISIONAL_UNTIL.
 */
export function buildCalendar(years: readonly OfficialYear[]): WorkingCalendar {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const official = new Set(sorted.map((y) => y.year));
  const firstYear = sorted[0]?.year ?? PROVISIONAL_UNTIL;
  const firstDay = dayNumberOf(firstYear, 1, 1);
  const lastDay = dayNumberOf(PROVISIONAL_UNTIL, 12, 31);

  const off = new Set<number>();
  const makeup = new Set<number>();
  const add = (set: Set<number>, date: string) => {
    const d = parseDate(date);
    if (d) set.add(d.day);
  };
  for (const y of sorted) {
    for (const d of y.off) add(off, d);
    for (const d of y.workdays) add(makeup, d);
  }
  for (let year = firstYear; year <= PROVISIONAL_UNTIL; year++) {
    if (!official.has(year)) for (const h of statutoryHolidays(year)) add(off, h.date);
  }

  const length = lastDay - firstDay + 1;
  const working = new Int32Array(length);
  const provisional = new Int32Array(length);
  const workdays: number[] = [];
  let year = firstYear;
  let finalUntil = -1; // the last day of `year` that is official, or -1
  const settle = (y: number) => {
    year = y;
    finalUntil = !official.has(y) ? -1 : official.has(y + 1) ? dayNumberOf(y, 12, 31) : dayNumberOf(y, 12, 24);
  };
  settle(firstYear);
  let nextYearStarts = dayNumberOf(firstYear + 1, 1, 1);
  let provisionalSoFar = 0;
  for (let i = 0; i < length; i++) {
    const day = firstDay + i;
    if (day >= nextYearStarts) {
      settle(year + 1);
      nextYearStarts = dayNumberOf(year + 1, 1, 1);
    }
    const weekday = weekdayOf(day);
    if (makeup.has(day) || (weekday >= 1 && weekday <= 5 && !off.has(day))) workdays.push(i);
    working[i] = workdays.length;
    if (day > finalUntil) provisionalSoFar++;
    provisional[i] = provisionalSoFar;
  }
  return {
    years: sorted.map((y) => ({ year: y.year, source: y.source })),
    first: formatDay(firstDay),
    last: formatDay(lastDay),
    table: { firstDay, working, workdays: Int32Array.from(workdays), provisional },
  };
}

// --- the questions -----------------------------------------------------------------------

type Checked = Result<number, WorkingDayError>; // an index into the table
function indexOf(cal: WorkingCalendar, value: string): Checked {
  const d = parseDate(value);
  if (!d) return { ok: false, error: { type: 'invalid_date', value } };
  const i = d.day - cal.table.firstDay;
  if (i < 0 || i >= cal.table.working.length) return outOfRange(cal, value);
  return { ok: true, value: i };
}
const outOfRange = (cal: WorkingCalendar, value: string): { ok: false; error: WorkingDayError } => ({
  ok: false,
  error: { type: 'out_of_range', value, first: cal.first, last: cal.last },
});

/** Whether any day after index a up to and including index b is provisional (a <= b). */
const provisionalIn = (t: CalendarTable, a: number, b: number) => t.provisional[b]! - t.provisional[a]! > 0;

/** Whether a calendar date (YYYY-MM-DD) is a working day in China; `provisional` when no official calendar settles that day yet. */
export function isWorkingDay(cal: WorkingCalendar, date: string): Result<{ working: boolean; provisional: boolean }, WorkingDayError> {
  const d = indexOf(cal, date);
  if (!d.ok) return d;
  const t = cal.table;
  const i = d.value;
  const before = (a: Int32Array) => (i > 0 ? a[i - 1]! : 0);
  return { ok: true, value: { working: t.working[i]! - before(t.working) === 1, provisional: t.provisional[i]! - before(t.provisional) === 1 } };
}

/** A date that may rest on provisional days. */
export type CountedDate = { date: string; provisional: boolean };

/**
 * "N working days from D": the N-th working day after D; D itself does not count, whether or
 * not it is a working day. N = 0 is D itself. N is a whole number from 0 to MAX_WORKING_DAYS.
 * `provisional` when any day after D up to the answer is not settled by an official calendar.
 */
export function addWorkingDays(cal: WorkingCalendar, from: string, n: number): Result<CountedDate, WorkingDayError> {
  const d = indexOf(cal, from);
  if (!d.ok) return d;
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) return { ok: false, error: { type: 'invalid_count', value: n } };
  const t = cal.table;
  if (n === 0) return { ok: true, value: { date: from, provisional: false } };
  const target = t.workdays[t.working[d.value]! + n - 1];
  if (target === undefined) return outOfRange(cal, formatDay(t.firstDay + t.working.length));
  return { ok: true, value: { date: formatDay(t.firstDay + target), provisional: provisionalIn(t, d.value, target) } };
}

/**
 * Working days after `a` up to and including `b`; when b is before a, minus the working days
 * after b up to and including a. So workingDaysBetween(d, addWorkingDays(d, n)) = n, and
 * workingDaysBetween(a, b) = -workingDaysBetween(b, a).
 */
export function workingDaysBetween(cal: WorkingCalendar, a: string, b: string): Result<{ days: number; provisional: boolean }, WorkingDayError> {
  const da = indexOf(cal, a);
  if (!da.ok) return da;
  const db = indexOf(cal, b);
  if (!db.ok) return db;
  const t = cal.table;
  const [lo, hi] = da.value <= db.value ? [da.value, db.value] : [db.value, da.value];
  return { ok: true, value: { days: t.working[db.value]! - t.working[da.value]!, provisional: provisionalIn(t, lo, hi) } };
}

/** The last date an official calendar settles with nothing provisional before it, from its first day; null without official years. */
export function officialUntil(cal: WorkingCalendar): string | null {
  const t = cal.table;
  let lo = 0;
  let hi = t.provisional.length - 1;
  if (t.provisional[0] !== 0) return null;
  while (lo < hi) {
    // the last index whose provisional prefix is still 0
    const mid = (lo + hi + 1) >> 1;
    if (t.provisional[mid] === 0) lo = mid;
    else hi = mid - 1;
  }
  return formatDay(t.firstDay + lo);
}

// One formatter for the process: building one per call costs ~40 µs and memory the GC does not see.
const SHANGHAI = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** China Standard Time has been UTC+8 without daylight saving since 1992 (the tz database's Asia/Shanghai). */
const CST_SINCE = Date.UTC(1992, 0, 1);
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in Asia/Shanghai of an instant, as YYYY-MM-DD, whatever the process time zone. */
export function shanghaiDate(now: Date): string {
  // Every turn asks for today: plain arithmetic since 1992, the tz database before (formatToParts costs ~8 µs).
  const ms = now.getTime();
  if (ms >= CST_SINCE && ms < Date.UTC(10_000, 0, 1)) return formatDay(Math.floor((ms + CST_OFFSET_MS) / DAY_MS));
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
    case 'out_of_range':
      return `${e.value} is outside the dates the bot can count working days for (${e.first} to ${e.last})`;
  }
}

// Asia/Shanghai has kept UTC+8 all year since 1991: local times are a fixed offset from UTC.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Milliseconds since local midnight (Asia/Shanghai) of an instant. */
const shanghaiTimeOfDay = (now: Date) => (((now.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;

/** The instant of a local time (ms after midnight, Asia/Shanghai) on a calendar date; null for a date that is not one. */
export function shanghaiInstant(date: string, msIntoDay: number): Date | null {
  const d = parseDate(date);
  return d ? new Date(d.day * DAY_MS - SHANGHAI_OFFSET_MS + msIntoDay) : null;
}

/** "HH:MM", the local time (Asia/Shanghai) of an instant. */
export const shanghaiClock = (now: Date): string => new Date(shanghaiTimeOfDay(now)).toISOString().slice(11, 16);

/**
 * The same local time (Asia/Shanghai) on the next working day after `now`'s date: one working day
 * later, as a person means it when they ask to be reminded again (Friday 16:00 -> Monday 16:00;
 * before a holiday, the first working day after it). `provisional` when no official calendar
 * settles the days in between yet.
 */
export function nextWorkingDayAt(cal: WorkingCalendar, now: Date): Result<{ at: Date; date: string; provisional: boolean }, WorkingDayError> {
  const next = addWorkingDays(cal, shanghaiDate(now), 1);
  if (!next.ok) return next;
  const at = shanghaiInstant(next.value.date, shanghaiTimeOfDay(now))!;
  return { ok: true, value: { at, date: next.value.date, provisional: next.value.provisional } };
}
