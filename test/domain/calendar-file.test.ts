import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCalendarProblem, formatCalendarIssue, overlayCalendarFile, parseCalendarFile, type CalendarIssue } from '../../src/domain/calendar-file.js';
import { packageCalendarYears } from '../../src/domain/package-calendar.js';
import { addWorkingDays, buildCalendar, isWorkingDay } from '../../src/domain/working-days.js';
import { SYNTHETIC_2027_FILE } from '../support/calendars.js';

// Every calendar in this file is SYNTHETIC TEST DATA, NOT OFFICIAL: invented days, no notice.
const lines = (text: string, file = 'cal.yaml'): string[] => {
  const r = parseCalendarFile(text, file);
  if (r.ok) throw new Error('expected problems');
  return r.error.map((i) => formatCalendarIssue(i));
};
const problems = (text: string, file = 'cal.yaml'): CalendarIssue[] => {
  const r = parseCalendarFile(text, file);
  if (r.ok) throw new Error('expected problems');
  return r.error;
};

describe('the operator calendar file: a good one', () => {
  it('the synthetic 2027 fixture (NOT OFFICIAL) parses, with its source and every day', () => {
    const r = parseCalendarFile(readFileSync(SYNTHETIC_2027_FILE, 'utf8'), SYNTHETIC_2027_FILE);
    if (!r.ok) throw new Error(r.error.map((i) => formatCalendarIssue(i)).join('\n'));
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({
      year: 2027,
      source: { type: 'file', file: SYNTHETIC_2027_FILE, source: 'SYNTHETIC TEST CALENDAR, NOT OFFICIAL (review-bot test fixture)' },
    });
    expect(r.value[0]!.off).toHaveLength(25); // 1 + 7 + 3 + 5 + 1 + 1 + 7
    expect(r.value[0]!.workdays).toEqual(['2026-12-26', '2027-02-13', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
  });

  it('JSON works too; workdays may be left out', () => {
    const json = JSON.stringify({ years: { 2028: { source: 'SYNTHETIC, NOT OFFICIAL', off: ['2028-01-01'] } } }, null, 2);
    const r = parseCalendarFile(json, 'cal.json');
    expect(r).toMatchObject({ ok: true, value: [{ year: 2028, off: ['2028-01-01'], workdays: [] }] });
  });

  it('the file is honoured exactly, the package stays for its own years', () => {
    const text = 'years:\n  2027:\n    source: SYNTHETIC, NOT OFFICIAL\n    off: [2027-03-03]\n    workdays: [2027-03-06]\n';
    const r = parseCalendarFile(text, 'cal.yaml');
    if (!r.ok) throw new Error('parse');
    const cal = buildCalendar(overlayCalendarFile(packageCalendarYears(), r.value).years);
    expect(isWorkingDay(cal, '2027-03-03')).toEqual({ ok: true, value: { working: false, provisional: false } }); // a Wednesday off
    expect(isWorkingDay(cal, '2027-03-06')).toEqual({ ok: true, value: { working: true, provisional: false } }); // a Saturday worked
    // Only what the file says: Spring Festival is not in this (invented) file, so 8 Feb 2027 is a working Monday.
    expect(isWorkingDay(cal, '2027-02-08')).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(addWorkingDays(cal, '2026-10-09', 1)).toEqual({ ok: true, value: { date: '2026-10-10', provisional: false } }); // the package's makeup Saturday
    expect(cal.years.at(-1)).toEqual({ year: 2027, source: { type: 'file', file: 'cal.yaml', source: 'SYNTHETIC, NOT OFFICIAL' } });
  });
});

describe('the operator calendar file: every problem names its line', () => {
  // Line numbers are this text's lines.
  // biome-ignore format: the line numbers in the comments stay aligned
  const BAD = [
    'years:', //                                  1
    '  2027:', //                                 2
    '    source: SYNTHETIC, NOT OFFICIAL', //     3
    '    off:', //                                4
    '      - 2027-02-30', //                      5  not a real date
    '      - 2028-01-03', //                      6  another year
    '      - 2026-11-30', //                      7  not the preceding December
    '      - 2026-12-31', //                      8  the preceding December: fine
    '      - 2027-02-05', //                      9
    '      - 2027-02-05', //                     10  twice
    '    workdays:', //                          11
    '      - 2027-02-08', //                     12  a Monday
    '      - 2027-02-05', //                     13  also a day off
    '      - 2027-02-13', //                     14  a Saturday: fine
    '  2026:', //                                15
    '    off: [2026-12-31]', //                  16  listed in 2027 already
    '    source: SYNTHETIC, NOT OFFICIAL', //    17
    '',
  ].join('\n');

  it('each check, at its line, in order', () => {
    expect(lines(BAD)).toEqual([
      'cal.yaml:5: years.2027.off.0: "2027-02-30" is not a real date written YYYY-MM-DD',
      'cal.yaml:6: years.2027.off.1: 2028-01-03 is neither in 2027 nor in December 2026',
      'cal.yaml:7: years.2027.off.2: 2026-11-30 is neither in 2027 nor in December 2026',
      'cal.yaml:10: years.2027.off.5: 2027-02-05 is listed twice (first on line 9)',
      'cal.yaml:12: years.2027.workdays.0: 2027-02-08 is a Monday; a makeup workday (调休上班) is a Saturday or a Sunday',
      'cal.yaml:13: years.2027.workdays.1: 2027-02-05 is listed both as a day off and as a makeup workday',
      'cal.yaml:16: years.2026.off.0: 2026-12-31 is listed twice (first on line 8)',
    ]);
  });

  it('shape: a missing source, an unknown field, a year that is not one, empty lists, dates that are not text', () => {
    // biome-ignore format: the line numbers in the comments stay aligned
    const text = [
      'years:', //                 1
      '  2027:', //                2
      '    off: [2027-01-01]', //  3
      '    holidays: []', //       4
      '  "27":', //                5
      '    source: x', //          6
      '    off: [2027-01-01]', //  7
      '  2028:', //                8
      '    source: x', //          9
      '    off: []', //            10
      '    workdays: [20280101]', // 11
      'note: hi', //               12
      '',
    ].join('\n');
    const found = problems(text).map((i) => [i.line, i.path, i.problem.type]);
    expect(found).toEqual([
      [3, 'years.2027.source', 'missing'], // a missing field: the first line of its mapping
      [4, 'years.2027.holidays', 'unknown_field'],
      [10, 'years.2028.off', 'empty'],
      [11, 'years.2028.workdays.0', 'wrong_type'],
      [12, 'note', 'unknown_field'],
    ]);
    // The year key is checked once the shape is right.
    expect(lines('years:\n  "27":\n    source: x\n    off: [2027-01-01]\n')).toEqual(['cal.yaml:2: years.27: "27" is not a year from 2000 to 2099']);
    expect(lines('years: {}\n')).toEqual(['cal.yaml:1: years: lists no year']);
    expect(lines('years:\n  2027:\n    source: "  "\n    off: [2027-01-01]\n')).toEqual(['cal.yaml:3: years.2027.source: must not be empty']);
  });

  it('syntax errors: YAML with its line, and strict JSON for a .json file', () => {
    expect(lines('years:\n  2027:\n    off: [2027-01-01\n')[0]).toMatch(/^cal\.yaml:\d+: \(file\): the file cannot be read: /);
    expect(lines('{"years": {"2027": {"source": "x", "off": ["2027-01-01"],}}}', 'cal.json')[0]).toMatch(/^cal\.json:1: \(file\): the file cannot be read: /);
  });

  it('a file with nothing in it (empty, blank lines, only comments, too many aliases): line 1, never "?"', () => {
    const whole = 'cal.yaml:1: (file): should be a set of fields (key: value)';
    expect(lines('')).toEqual([whole]);
    expect(lines('\n\n\n')).toEqual([whole]);
    expect(lines('# a comment\n# and another\n')).toEqual([whole]);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, k) => `${'bcdefghi'[k]}: &${'bcdefghi'[k]} [${`*${k === 0 ? 'a' : 'bcdefghi'[k - 1]}, `.repeat(10).slice(0, -2)}]`),
    ].join('\n');
    expect(lines(bomb)).toEqual([expect.stringMatching(/^cal\.yaml:1: \(file\): the file cannot be read: /)]);
    expect(formatCalendarIssue(problems('')[0]!, 'zh-CN')).toMatch(/^cal\.yaml:1: \(file\): /);
  });

  it('several problems of different kinds come in file order, so the first line is the first problem', () => {
    // Shape problems (zod) and a syntax problem list: whichever way they were found, by line.
    const shape = lines('years:\n  2027:\n    source: x\n    off: 3\n    extra: 1\nzz: 1\naa: 2\n').map((l) => Number(l.split(':')[1]));
    expect(shape).toEqual([...shape].sort((a, b) => a - b));
    expect(shape[0]).toBe(4);
    const syntax = lines('years:\n  2027: [\n  x: }\n  y: ]\n').map((l) => Number(l.split(':')[1]));
    expect(syntax.length).toBeGreaterThan(1);
    expect(syntax).toEqual([...syntax].sort((a, b) => a - b));
  });

  it('messages in Chinese too', () => {
    expect(describeCalendarProblem('zh-CN', { type: 'workday_not_weekend', date: '2027-02-08', weekday: 1 })).toBe(
      '2027-02-08 是星期一；调休上班日应为周六或周日',
    );
    expect(formatCalendarIssue(problems(BAD)[0]!, 'zh-CN')).toBe('cal.yaml:5: years.2027.off.0: “2027-02-30”不是有效日期（格式 YYYY-MM-DD）');
  });
});

describe('where the file and the package cover the same year', () => {
  it('the file is used, and the days they disagree on are named', () => {
    // SYNTHETIC, NOT OFFICIAL: says 2026 National Day ends on 6 Oct (the package: 7 Oct), and Sat 10 Oct is off.
    const text = 'years:\n  2026:\n    source: SYNTHETIC, NOT OFFICIAL\n    off: [2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06]\n';
    const r = parseCalendarFile(text, 'cal.yaml');
    if (!r.ok) throw new Error('parse');
    const { years, disagreements } = overlayCalendarFile(packageCalendarYears(), r.value);
    // The package: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked; the rest of 2026 is not in the file.
    expect(disagreements).toEqual([
      {
        year: 2026,
        file: 'cal.yaml',
        package: { type: 'package', name: 'chinese-days', version: expect.any(String) },
        dates: expect.arrayContaining(['2026-10-07', '2026-10-10', '2026-09-20', '2026-01-01', '2026-02-16']),
      },
    ]);
    const cal = buildCalendar(years);
    expect(isWorkingDay(cal, '2026-10-07')).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay(cal, '2026-10-10')).toEqual({ ok: true, value: { working: false, provisional: false } });
    expect(cal.years.find((y) => y.year === 2026)!.source).toEqual({ type: 'file', file: 'cal.yaml', source: 'SYNTHETIC, NOT OFFICIAL' });
  });

  it('no disagreement when the file says what the package says', () => {
    const pkg2026 = packageCalendarYears().find((y) => y.year === 2026)!;
    const file = [{ ...pkg2026, source: { type: 'file' as const, file: 'cal.yaml', source: 'copied' } }];
    expect(overlayCalendarFile(packageCalendarYears(), file).disagreements).toEqual([]);
  });
});
