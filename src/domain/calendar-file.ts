import { z } from 'zod';
import { hasMessage, t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { parseDate, PROVISIONAL_UNTIL, weekdayOf, type CalendarSource, type OfficialYear, type Result } from './working-days.js';
import { parseSource, sourceFormat, valueAt, type Path, type SourceFormat } from './yaml-source.js';

// The operator's holiday calendar (REVIEW_BOT_CALENDAR, DESIGN.md "Deadlines and the review
// clock"): the years the package does not cover yet, transcribed from the State Council notice.
// YAML or JSON (a .json file must be strict JSON):
//
//   years:
//     2027:
//       source: "国务院办公厅关于2027年部分节假日安排的通知 <URL>"   # required: where it was transcribed from
//       off: [2027-01-01, ...]        # every day off inside the announced holiday periods (at least one)
//       workdays: [2027-02-07, ...]   # the weekend days declared working days (调休上班); may be empty
//
// Checks beyond the shape: every date is real and inside its year or the preceding December (a
// notice can set days at the end of the year before); makeup workdays are Saturdays or Sundays;
// no day is both off and a workday; no day is listed twice, in any year. Parsing is pure: the
// caller reads the file (runtime/load-calendar.ts).

const text = z.string().trim().min(1);
const YearSchema = z
  .object({
    source: text,
    off: z.array(z.string()).min(1),
    workdays: z.array(z.string()).default([]),
  })
  .strict();
const FileSchema = z.object({ years: z.record(z.string(), YearSchema) }).strict();

export const FIRST_FILE_YEAR = 2000;

export type CalendarProblem =
  | { type: 'syntax'; detail: string }
  | { type: 'missing' }
  | { type: 'wrong_type'; expected: string }
  | { type: 'unknown_field'; field: string }
  | { type: 'empty' }
  | { type: 'invalid'; detail: string }
  | { type: 'no_years' }
  | { type: 'bad_year'; value: string; first: number; last: number }
  | { type: 'not_a_date'; value: string }
  | { type: 'outside_year'; date: string; year: number }
  | { type: 'workday_not_weekend'; date: string; weekday: number }
  | { type: 'off_and_workday'; date: string }
  | { type: 'duplicate_date'; date: string; firstLine: number | null };

/**
 * One problem: `line` 1-based, `path` the field (`years.2027.off.3`), `message` in English. A problem
 * with the file as a whole (empty, only comments, too many aliases) is on line 1, so every issue
 * reads `file:line: …` for editors and CI logs.
 */
export type CalendarIssue = { source: string; line: number; path: string; problem: CalendarProblem; message: string };

/** Parse and check an operator calendar; `file` names the file in issues and in each year's source. */
export function parseCalendarFile(text: string, file: string, format: SourceFormat = sourceFormat(file)): Result<OfficialYear[], CalendarIssue[]> {
  const issue = (line: number | null, path: Path, problem: CalendarProblem): CalendarIssue => ({
    source: file,
    line: line ?? 1,
    path: path.join('.'),
    problem,
    message: describeCalendarProblem('en', problem),
  });
  // In file order, so the first line printed is the first problem in the file.
  const byLine = (a: CalendarIssue, b: CalendarIssue) => a.line - b.line;
  const read = parseSource(text, format);
  if (!read.ok) return { ok: false, error: read.error.map((e) => issue(e.line, [], { type: 'syntax', detail: e.detail })).sort(byLine) };
  const { data, lineOf } = read.value;

  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues
        .flatMap((i) => {
          const path = i.path as (string | number)[];
          if (i.code === 'unrecognized_keys') return i.keys.map((k) => issue(lineOf(path, k), [...path, k], { type: 'unknown_field', field: k }));
          return [issue(lineOf(path), path, zodProblem(i, valueAt(data, path)))];
        })
        .sort(byLine),
    };
  }

  const issues: CalendarIssue[] = [];
  const at = (line: number | null, path: Path, problem: CalendarProblem): void => {
    issues.push(issue(line, path, problem));
  };
  // In the file's order (a JS object puts year keys in numeric order), so "listed twice" names the later one.
  const entries = Object.entries(parsed.data.years).sort(([a], [b]) => (lineOf(['years'], a) ?? 0) - (lineOf(['years'], b) ?? 0));
  if (entries.length === 0) at(lineOf(['years']), ['years'], { type: 'no_years' });
  const seen = new Map<string, number | null>(); // date -> line of its first listing
  const years: OfficialYear[] = [];
  for (const [key, entry] of entries) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key) || year < FIRST_FILE_YEAR || year > PROVISIONAL_UNTIL) {
      at(lineOf(['years'], key), ['years', key], { type: 'bad_year', value: key, first: FIRST_FILE_YEAR, last: PROVISIONAL_UNTIL });
      continue;
    }
    const offDays = new Set<string>();
    // The problem with one listed date, or null (then it is remembered for the checks after it).
    const problemOf = (list: 'off' | 'workdays', date: string, line: number | null): CalendarProblem | null => {
      const d = parseDate(date);
      if (!d) return { type: 'not_a_date', value: date };
      if (!(d.year === year || (d.year === year - 1 && d.month === 12))) return { type: 'outside_year', date, year };
      // Listed both ways in this year: say that, rather than "twice".
      if (seen.has(date))
        return list === 'workdays' && offDays.has(date)
          ? { type: 'off_and_workday', date }
          : { type: 'duplicate_date', date, firstLine: seen.get(date) ?? null };
      seen.set(date, line);
      if (list === 'off') offDays.add(date);
      const weekday = weekdayOf(d.day);
      return list === 'workdays' && weekday !== 0 && weekday !== 6 ? { type: 'workday_not_weekend', date, weekday } : null;
    };
    const check = (list: 'off' | 'workdays') => {
      for (const [i, date] of entry[list].entries()) {
        const path = ['years', key, list, i];
        const line = lineOf(path);
        const problem = problemOf(list, date, line);
        if (problem) at(line, path, problem);
      }
    };
    check('off');
    check('workdays');
    const source: CalendarSource = { type: 'file', file, source: entry.source };
    years.push({ year, off: [...entry.off].sort(), workdays: [...entry.workdays].sort(), source });
  }
  if (issues.length > 0) return { ok: false, error: issues.sort(byLine) };
  return { ok: true, value: years.sort((a, b) => a.year - b.year) };
}

function zodProblem(i: z.core.$ZodIssue, value: unknown): CalendarProblem {
  switch (i.code) {
    case 'invalid_type':
      return value === undefined ? { type: 'missing' } : { type: 'wrong_type', expected: i.expected };
    case 'too_small':
      return { type: 'empty' };
    default:
      return { type: 'invalid', detail: i.message };
  }
}

/** A year both the package and the file cover, and the days on which they say different things. */
export type CalendarDisagreement = { year: number; dates: string[]; file: string; package: CalendarSource };

/**
 * The official years from the package with the operator's file laid over them: a year in the
 * file replaces the package's entries dated in that year (the file is the operator's newer word).
 * Years both cover are compared day by day; where they differ the file is used and the
 * difference is returned, so the bot can say so at start.
 */
export function overlayCalendarFile(
  pkg: readonly OfficialYear[],
  file: readonly OfficialYear[],
): { years: OfficialYear[]; disagreements: CalendarDisagreement[] } {
  const fromFile = new Map(file.map((y) => [y.year, y]));
  const pkgOff = new Set(pkg.flatMap((y) => y.off));
  const pkgWork = new Set(pkg.flatMap((y) => y.workdays));
  const disagreements: CalendarDisagreement[] = [];
  const years: OfficialYear[] = [];
  for (const p of pkg) {
    const f = fromFile.get(p.year);
    if (!f) {
      years.push(p);
      continue;
    }
    const fileOff = new Set(f.off);
    const fileWork = new Set(f.workdays);
    const working = (date: string, off: Set<string>, work: Set<string>) => {
      if (work.has(date)) return true;
      if (off.has(date)) return false;
      const w = weekdayOf(parseDate(date)!.day);
      return w >= 1 && w <= 5;
    };
    const dates = [...new Set([...p.off, ...p.workdays, ...f.off, ...f.workdays])].sort();
    const differ = dates.filter((d) => working(d, pkgOff, pkgWork) !== working(d, fileOff, fileWork));
    if (differ.length) disagreements.push({ year: p.year, dates: differ, file: f.source.type === 'file' ? f.source.file : '', package: p.source });
    // The package's entries for other years stay; its entries of this year give way to the file.
    years.push(f);
  }
  for (const f of file) if (!pkg.some((p) => p.year === f.year)) years.push(f);
  // Days the file lists in the preceding December override the package's word on them.
  const fileDays = new Set(file.flatMap((y) => [...y.off, ...y.workdays]));
  const trimmed = years.map((y) =>
    y.source.type === 'package' ? { ...y, off: y.off.filter((d) => !fileDays.has(d)), workdays: y.workdays.filter((d) => !fileDays.has(d)) } : y,
  );
  return { years: trimmed.sort((a, b) => a.year - b.year), disagreements };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The problem in the reader's language (catalogue area `calendar`). */
export function describeCalendarProblem(lang: Lang, p: CalendarProblem): string {
  switch (p.type) {
    case 'syntax':
      return t(lang, 'calendar.syntax', { detail: p.detail });
    case 'missing':
      return t(lang, 'calendar.missing');
    case 'wrong_type': {
      const specific = `calendar.wrong_type.${p.expected}`;
      return hasMessage(specific) ? t(lang, specific) : t(lang, 'calendar.wrong_type', { expected: p.expected });
    }
    case 'unknown_field':
      return t(lang, 'calendar.unknown_field', { field: p.field });
    case 'empty':
      return t(lang, 'calendar.empty');
    case 'invalid':
      return t(lang, 'calendar.invalid', { detail: p.detail });
    case 'no_years':
      return t(lang, 'calendar.no_years');
    case 'bad_year':
      return t(lang, 'calendar.bad_year', { value: p.value, first: p.first, last: p.last });
    case 'not_a_date':
      return t(lang, 'calendar.not_a_date', { value: p.value });
    case 'outside_year':
      return t(lang, 'calendar.outside_year', { date: p.date, year: p.year, previous: p.year - 1 });
    case 'workday_not_weekend':
      return t(lang, 'calendar.workday_not_weekend', { date: p.date, weekday: t(lang, `calendar.weekday.${WEEKDAYS[p.weekday]!}`) });
    case 'off_and_workday':
      return t(lang, 'calendar.off_and_workday', { date: p.date });
    case 'duplicate_date':
      return p.firstLine === null
        ? t(lang, 'calendar.duplicate_date', { date: p.date })
        : t(lang, 'calendar.duplicate_date_at', { date: p.date, line: p.firstLine });
  }
}

/** `file:line: field: message`, the way editors and CI logs link to a place in a file. */
export const formatCalendarIssue = (i: CalendarIssue, lang: Lang = 'en'): string =>
  `${i.source}:${i.line}: ${i.path || '(file)'}: ${lang === 'en' ? i.message : describeCalendarProblem(lang, i.problem)}`;
