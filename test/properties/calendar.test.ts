import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type CalendarIssue, FIRST_FILE_YEAR } from '../../src/domain/calendar-file.js';
import { formatCalendarIssue, parseCalendarFile } from '../../src/domain/index.js';
import { PROVISIONAL_UNTIL } from '../../src/domain/working-days.js';
import { expectFileIssues, hostileText, runs, tally, TIME_LIMIT } from './support.js';

// The operator calendar (REVIEW_BOT_CALENDAR), JSON or YAML: any text is read without throwing, and
// is either a list of years or issues that each name the file, a line (line 1 for a problem with the
// whole file) and a clear message. Files of the right shape are accepted exactly when
// they keep the rules of the file's format, written out again here.

const expectIssues = (text: string, source: string, issues: CalendarIssue[]) => {
  expectFileIssues(text, source, issues, formatCalendarIssue);
  // Stricter than the shared check: a calendar issue always names a line (1 for the file as a whole), never "?".
  for (const i of issues) expect(formatCalendarIssue(i).startsWith(`${source}:${i.line}: `) && i.line >= 1).toBe(true);
};

const structuredText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
  fc.jsonValue().map((v) => stringify({ years: v })),
  fc.dictionary(fc.constantFrom('2027', '2028', 'x'), fc.jsonValue()).map((v) => stringify({ years: v })),
);
const spliced = fc.tuple(structuredText, fc.nat(), hostileText).map(([t, at, junk]) => t.slice(0, at % (t.length + 1)) + junk + t.slice(at % (t.length + 1)));
const text = fc.oneof(hostileText, structuredText, spliced, spliced);

// Files of the right shape: dates near the year (real or not, weekdays and weekends), from small pools so they repeat.
const YEARS = ['2027', '2028', '1999', '2100', '27', 'year'];
const date = fc.oneof(
  fc
    .tuple(fc.constantFrom(2026, 2027, 2028), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2027-02-30', '2027-13-01', '2027/10/01', '2027-1-1', '', '2027-10-01', '2027-02-06', '2027-02-07', '2026-12-31'),
);
const year = fc.record({
  source: fc.constantFrom('国务院办公厅关于2027年部分节假日安排的通知 https://www.gov.cn/x', 'notice', '', '  '),
  off: fc.array(date, { maxLength: 4 }),
  workdays: fc.array(date, { maxLength: 3 }),
});
type File = { years: Record<string, { source: string; off: string[]; workdays: string[] }> };
const randomFile: fc.Arbitrary<File> = fc.record({ years: fc.dictionary(fc.constantFrom(...YEARS), year, { maxKeys: 3 }) });

/** A file that keeps the rules by construction (distinct real days, weekend workdays), then up to two slips (one of
 * them, a second year at the last one allowed, keeps the rules). */
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (y: number) => fc.integer({ min: -31, max: 364 }).map((d) => iso(Date.UTC(y, 0, 1) + d * 86_400_000)); // the year and its December before
const SLIPS = ['weekday_workday', 'repeat_date', 'off_and_workday', 'other_year', 'no_off', 'no_source', 'bad_key', 'not_a_date', 'last_year_too'] as const;
const keptFile = fc
  .record({
    years: fc.uniqueArray(fc.constantFrom(2027, 2028, 2031), { minLength: 1, maxLength: 2 }),
    days: fc.array(dayOf(2027), { minLength: 8, maxLength: 12 }),
    slips: fc.array(fc.constantFrom(...SLIPS), { maxLength: 2 }),
  })
  .map(({ years, days, slips }): File => {
    const f: File = { years: {} };
    for (const y of years) {
      const shift = (d: string) => `${y + Number(d.slice(0, 4)) - 2027}${d.slice(4)}`;
      const distinct = [...new Set(days.map(shift))].filter((d) => !d.endsWith('02-29'));
      const weekend = distinct.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
      const off = distinct.filter((d) => !weekend.slice(0, 2).includes(d));
      f.years[String(y)] = { source: `notice ${y}`, off: off.length ? off : [`${y}-10-01`], workdays: weekend.slice(0, 2).filter((d) => !off.includes(d)) };
    }
    const [first] = Object.values(f.years);
    for (const slip of slips) {
      const y = first!;
      if (slip === 'weekday_workday') y.workdays.push(y.off.find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) ?? '2027-10-04');
      if (slip === 'repeat_date') y.off.push(y.off[0]!);
      if (slip === 'off_and_workday') y.workdays.push(y.off[0]!);
      if (slip === 'other_year') y.off.push('2019-05-01');
      if (slip === 'no_off') y.off = [];
      if (slip === 'no_source') y.source = ' ';
      if (slip === 'bad_key') f.years['99'] = { ...y };
      if (slip === 'not_a_date') y.off.push('2027-02-30');
      if (slip === 'last_year_too') f.years[String(PROVISIONAL_UNTIL)] = { source: 'n', off: [`${PROVISIONAL_UNTIL}-01-01`], workdays: [] };
    }
    return f;
  });
const file = fc.oneof(randomFile, keptFile);

/** The calendar file's rules (src/domain/calendar-file.ts header, DESIGN.md), written out again. */
function acceptable(f: File): boolean {
  const years = Object.entries(f.years);
  if (years.length === 0) return false;
  const seen = new Set<string>();
  for (const [key, y] of years) {
    const n = Number(key);
    if (!/^\d{4}$/.test(key) || n < FIRST_FILE_YEAR || n > PROVISIONAL_UNTIL) return false;
    if (y.source.trim() === '' || y.off.length === 0) return false;
    for (const [list, dates] of [
      ['off', y.off],
      ['workdays', y.workdays],
    ] as const) {
      for (const d of dates) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
        if (!m) return false;
        const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
        if (at.toISOString().slice(0, 10) !== d) return false; // not a real date
        if (!(at.getUTCFullYear() === n || (at.getUTCFullYear() === n - 1 && at.getUTCMonth() === 11))) return false;
        if (seen.has(d)) return false; // twice, or both off and a workday
        seen.add(d);
        if (list === 'workdays' && at.getUTCDay() !== 0 && at.getUTCDay() !== 6) return false;
      }
    }
  }
  return true;
}

describe('calendar files into parseCalendarFile (properties)', () => {
  const anyTally = tally('calendar: any text');
  const shapeTally = tally('calendar: files of the right shape');
  afterAll(() => {
    anyTally.write();
    shapeTally.write();
  });

  it(
    'any text, as YAML or as JSON, is a calendar or issues with a file, a line and a clear message; never a throw',
    () => {
      fc.assert(
        fc.property(text, fc.constantFrom('calendar.yaml', 'calendar.json'), (t, source) => {
          const r = parseCalendarFile(t, source);
          anyTally.input();
          if (r.ok) return;
          anyTally.refused();
          expectIssues(t, source, r.error);
        }),
        runs(200),
      );
    },
    TIME_LIMIT,
  );

  it(
    'a file of the right shape is accepted exactly when it keeps the rules, written as YAML or JSON',
    () => {
      fc.assert(
        fc.property(file, fc.boolean(), (f, asJson) => {
          const source = asJson ? 'calendar.json' : 'calendar.yaml';
          const t = asJson ? JSON.stringify(f, null, 2) : stringify(f);
          const r = parseCalendarFile(t, source);
          shapeTally.input();
          expect(r.ok).toBe(acceptable(f));
          if (r.ok) {
            expect(r.value.map((y) => String(y.year)).sort()).toEqual(Object.keys(f.years).sort());
          } else {
            shapeTally.refused();
            expectIssues(t, source, r.error);
            for (const i of r.error) expect(i.line).not.toBeNull();
          }
        }),
        runs(100),
      );
    },
    TIME_LIMIT,
  );
});
