import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addWorkingDays,
  buildCalendar,
  describeWorkingDayError,
  isCalendarDate,
  isWorkingDay,
  MAX_WORKING_DAYS,
  officialUntil,
  PROVISIONAL_UNTIL,
  shanghaiDate,
  workingDaysBetween,
} from '../../src/domain/working-days.js';
import { packageCalendar as cal } from '../support/calendars.js';

const official = (date: string) => ({ ok: true, value: { date, provisional: false } });

// Written by hand from the State Council notices (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号 for 2026),
// one calendar week per row, Monday to Sunday: W = working day, - = day off.
const weeks: [monday: string, days: string, note: string][] = [
  // 2025 Spring Festival: 28 Jan (Tue) – 4 Feb (Tue) off; Sun 26 Jan and Sat 8 Feb are makeup workdays.
  ['2025-01-20', 'WWWWW-W', 'Sun 26 Jan works'],
  ['2025-01-27', 'W------', '28 Jan – 2 Feb off'],
  ['2025-02-03', '--WWWW-', '3–4 Feb off, Sat 8 Feb works'],
  // 2025 Labour Day: 1–5 May off; Sun 27 Apr works.
  ['2025-04-21', 'WWWWW-W', 'Sun 27 Apr works'],
  ['2025-04-28', 'WWW----', '1–4 May off'],
  ['2025-05-05', '-WWWW--', '5 May off'],
  // 2025 National Day + Mid-Autumn: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct work.
  ['2025-09-22', 'WWWWW-W', 'Sun 28 Sep works'],
  ['2025-09-29', 'WW-----', '1–5 Oct off'],
  ['2025-10-06', '---WWW-', '6–8 Oct off, Sat 11 Oct works'],
  // 2026 New Year: 1–3 Jan off; Sun 4 Jan works (year end 2025 -> 2026).
  ['2025-12-29', 'WWW---W', '1–3 Jan off, Sun 4 Jan works'],
  ['2026-01-05', 'WWWWW--', 'an ordinary week'],
  // 2026 Spring Festival: 15 Feb (Sun) – 23 Feb (Mon) off; Sat 14 Feb and Sat 28 Feb work.
  ['2026-02-09', 'WWWWWW-', 'Sat 14 Feb works'],
  ['2026-02-16', '-------', 'the whole week off'],
  ['2026-02-23', '-WWWWW-', '23 Feb off, Sat 28 Feb works'],
  // 2026 Qingming: 4–6 Apr off.
  ['2026-04-06', '-WWWW--', 'Mon 6 Apr off'],
  // 2026 Labour Day: 1–5 May off; Sat 9 May works.
  ['2026-04-27', 'WWWW---', '1–3 May off'],
  ['2026-05-04', '--WWWW-', '4–5 May off, Sat 9 May works'],
  // 2026 Dragon Boat: 19–21 Jun off.
  ['2026-06-15', 'WWWW---', 'Fri 19 Jun off'],
  // 2026 Mid-Autumn 25–27 Sep and National Day 1–7 Oct off; Sun 20 Sep and Sat 10 Oct work.
  ['2026-09-14', 'WWWWW-W', 'Sun 20 Sep works'],
  ['2026-09-21', 'WWWW---', 'Fri 25 Sep off'],
  ['2026-09-28', 'WWW----', '1–4 Oct off'],
  ['2026-10-05', '---WWW-', '5–7 Oct off, Sat 10 Oct works'],
];

const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the calendar agrees with the State Council notices, day by day', () => {
  it.each(weeks)('week of %s: %s (%s)', (monday, days) => {
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1); // the row really starts on a Monday
    const actual = [...days]
      .map((_, i) => {
        const r = isWorkingDay(cal, plusDays(monday, i));
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(r.value.provisional).toBe(false);
        return r.value.working ? 'W' : '-';
      })
      .join('');
    expect(actual).toBe(days);
  });
});

// N working days from D = the N-th working day after D (D itself does not count). Worked out by hand.
const spans: [name: string, from: string, n: number, due: string][] = [
  ['2025 Spring Festival: Fri + 1 is the makeup Sunday 26 Jan', '2025-01-24', 1, '2025-01-26'],
  ['2025 Spring Festival: from the makeup Sunday, 27 Jan then 5 Feb', '2025-01-26', 2, '2025-02-05'],
  ['2025 Spring Festival: Fri 7 Feb + 1 is the makeup Saturday 8 Feb', '2025-02-07', 1, '2025-02-08'],
  ['2025 National Day: 30 Sep + 1 skips 1–8 Oct', '2025-09-30', 1, '2025-10-09'],
  ['2025 National Day: start on the makeup Sunday 28 Sep', '2025-09-28', 1, '2025-09-29'],
  ['2025 National Day: 9 Oct + 2 is the makeup Saturday 11 Oct', '2025-10-09', 2, '2025-10-11'],
  ['start on a holiday (3 Oct 2025)', '2025-10-03', 1, '2025-10-09'],
  ['year end: 31 Dec 2025 + 1 is the makeup Sunday 4 Jan', '2025-12-31', 1, '2026-01-04'],
  ['year end: 31 Dec 2025 + 2', '2025-12-31', 2, '2026-01-05'],
  ['year end: 31 Dec 2025 + 3', '2025-12-31', 3, '2026-01-06'],
  ['year end: 29 Dec 2025 + 5 (30, 31 Dec, 4, 5, 6 Jan)', '2025-12-29', 5, '2026-01-06'],
  ['2026 Spring Festival: Fri 13 Feb + 1 is the makeup Saturday 14 Feb', '2026-02-13', 1, '2026-02-14'],
  ['2026 Spring Festival: Fri 13 Feb + 2 skips 15–23 Feb', '2026-02-13', 2, '2026-02-24'],
  ['2026 Spring Festival: Fri 27 Feb + 1 is the makeup Saturday 28 Feb', '2026-02-27', 1, '2026-02-28'],
  ['2026 Spring Festival: 10 working days across it', '2026-02-10', 10, '2026-03-02'],
  ['2026 National Day: Fri 18 Sep + 1 is the makeup Sunday 20 Sep', '2026-09-18', 1, '2026-09-20'],
  ['2026 National Day: 30 Sep + 1 skips 1–7 Oct', '2026-09-30', 1, '2026-10-08'],
  ['2026 National Day: Fri 9 Oct + 1 is the makeup Saturday 10 Oct', '2026-10-09', 1, '2026-10-10'],
  ['start on a Saturday', '2026-03-07', 1, '2026-03-09'],
  ['start on a Sunday', '2026-03-08', 1, '2026-03-09'],
  ['start on a holiday (3 Oct 2026)', '2026-10-03', 1, '2026-10-08'],
  ['start on a holiday Monday (6 Apr 2026)', '2026-04-06', 1, '2026-04-07'],
  ['N = 0 is the day itself, even a holiday', '2026-10-03', 0, '2026-10-03'],
  ['N = 0 on a working day', '2026-03-02', 0, '2026-03-02'],
  ['10 working days (Art. 9) from a Monday', '2026-03-02', 10, '2026-03-16'],
  ['30 working days (Art. 11) across Qingming', '2026-03-16', 30, '2026-04-28'],
  ['30 working days across National Day 2025 and both makeup days', '2025-09-15', 30, '2025-10-31'],
  ['45 working days (Art. 11, complex) across Labour Day', '2026-03-16', 45, '2026-05-21'],
  ['90 working days (Art. 14) across Qingming, Labour Day, Dragon Boat', '2026-03-02', 90, '2026-07-10'],
];

describe('N working days after D', () => {
  it.each(spans)('%s', (_name, from, n, due) => {
    expect(addWorkingDays(cal, from, n)).toEqual(official(due));
  });
});

describe('the official years come from the package; the calendar says where it is not official', () => {
  const years = cal.years.map((y) => y.year);
  const last = years.at(-1)!;

  it('covers a contiguous run of years from 2004 including 2025 and 2026, each from the package', () => {
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(years).toEqual(expect.arrayContaining([2025, 2026]));
    expect(cal.years.every((y) => y.source.type === 'package' && y.source.name === 'chinese-days')).toBe(true);
    expect(cal.first).toBe('2004-01-01');
    expect(cal.last).toBe(`${PROVISIONAL_UNTIL}-12-31`);
  });

  it('a span reaching the year after the data is provisional, not an error', () => {
    expect(addWorkingDays(cal, `${last}-12-31`, 1)).toMatchObject({ ok: true, value: { provisional: true } });
    expect(addWorkingDays(cal, `${last}-06-01`, 300)).toMatchObject({ ok: true, value: { provisional: true } });
    // Entirely inside the official year: exact.
    expect(addWorkingDays(cal, `${last}-06-01`, 20)).toMatchObject({ ok: true, value: { provisional: false } });
  });

  it('late December of the last year is provisional: the next notice may move it (it moved 29–31 Dec in 2006, 2007, 2011 and 2018)', () => {
    expect(officialUntil(cal)).toBe(`${last}-12-24`);
    expect(isWorkingDay(cal, `${last}-12-24`)).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay(cal, `${last}-12-28`)).toEqual({ ok: true, value: { working: true, provisional: true } });
    // From 24 Dec, one working day lands on the 25th, which is provisional.
    expect(addWorkingDays(cal, '2026-12-24', 1)).toEqual({ ok: true, value: { date: '2026-12-25', provisional: true } });
    // In a year followed by covered data the end of December is known: 29 Dec 2018 was a makeup Saturday.
    expect(isWorkingDay(cal, '2018-12-29')).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isWorkingDay(cal, '2018-12-31')).toEqual({ ok: true, value: { working: false, provisional: false } });
  });

  it('before the first official year and after the last provisional one, a clear error', () => {
    expect(isWorkingDay(cal, '2003-06-02')).toEqual({
      ok: false,
      error: { type: 'out_of_range', value: '2003-06-02', first: '2004-01-01', last: '2099-12-31' },
    });
    expect(addWorkingDays(cal, '2003-12-31', 1)).toMatchObject({ ok: false, error: { type: 'out_of_range' } });
    expect(isWorkingDay(cal, '2100-01-04')).toMatchObject({ ok: false, error: { type: 'out_of_range' } });
    expect(addWorkingDays(cal, '2099-12-01', 100)).toMatchObject({ ok: false, error: { type: 'out_of_range' } });
    expect(workingDaysBetween(cal, '2026-03-02', '2100-03-02')).toMatchObject({ ok: false, error: { type: 'out_of_range' } });
  });

  it('the English description names the range (the CLI prints it)', () => {
    const r = isWorkingDay(cal, '2003-06-02');
    if (r.ok) throw new Error('expected an error');
    expect(describeWorkingDayError(r.error)).toBe('2003-06-02 is outside the dates the bot can count working days for (2004-01-01 to 2099-12-31)');
  });

  it('a calendar without official years is provisional everywhere', () => {
    const bare = buildCalendar([]);
    expect(officialUntil(bare)).toBeNull();
    expect(isWorkingDay(bare, '2099-03-02')).toMatchObject({ ok: true, value: { provisional: true } });
  });
});

describe('bad input is an error value', () => {
  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '26-03-01',
    '2026-3-1',
    ' 2026-03-02',
    '2026-03-02T00:00',
    'tomorrow',
    '',
  ])('"%s" is an invalid date', (d) => {
    expect(addWorkingDays(cal, d, 1)).toEqual({ ok: false, error: { type: 'invalid_date', value: d } });
    expect(isWorkingDay(cal, d)).toEqual({ ok: false, error: { type: 'invalid_date', value: d } });
    expect(isCalendarDate(d)).toBe(false);
  });

  it('29 February exists in leap years', () => {
    expect(isWorkingDay(cal, '2024-02-29')).toEqual({ ok: true, value: { working: true, provisional: false } });
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKING_DAYS + 1, 1e9])('%s is an invalid count', (n) => {
    expect(addWorkingDays(cal, '2026-03-02', n)).toMatchObject({ ok: false, error: { type: 'invalid_count' } });
  });

  it(`${MAX_WORKING_DAYS} working days is allowed`, () => {
    expect(addWorkingDays(cal, '2010-01-04', MAX_WORKING_DAYS).ok).toBe(true);
  });
});

describe('working days between two dates', () => {
  const between: [a: string, b: string, n: number][] = [
    ['2026-09-30', '2026-10-08', 1], // 1–7 Oct off
    ['2026-10-08', '2026-09-30', -1],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-06', '2026-03-09', 1], // Fri -> Mon
    ['2026-03-07', '2026-03-08', 0], // Sat -> Sun
    ['2026-02-13', '2026-02-28', 6], // 14 Feb, 24–27 Feb, 28 Feb
    ['2025-12-31', '2026-01-04', 1],
    ['2026-03-02', '2026-03-16', 10],
  ];
  it.each(between)('%s -> %s: %i', (a, b, n) => {
    expect(workingDaysBetween(cal, a, b)).toEqual({ ok: true, value: { days: n, provisional: false } });
  });

  it('is the inverse of addWorkingDays and antisymmetric, on every start day of 2025–2026', () => {
    for (let day = '2025-01-01'; day <= '2026-10-31'; day = plusDays(day, 1)) {
      for (const n of [1, 3, 10, 30]) {
        const due = addWorkingDays(cal, day, n);
        if (!due.ok) throw new Error(`${day} + ${n}: ${JSON.stringify(due.error)}`);
        expect(workingDaysBetween(cal, day, due.value.date)).toEqual({ ok: true, value: { days: n, provisional: false } });
        expect(workingDaysBetween(cal, due.value.date, day)).toEqual({ ok: true, value: { days: -n, provisional: false } });
        expect(isWorkingDay(cal, due.value.date)).toEqual({ ok: true, value: { working: true, provisional: false } });
      }
    }
  });
});

describe('the same answers as chinese-days on every covered day', () => {
  // The package's isWorkday('YYYY-MM-DD') depends on the process time zone; a local-midnight Date
  // is the time-zone-safe way to ask it.
  it('isWorkingDay matches chinese-days for each day 2004 to the last covered day', () => {
    let checked = 0;
    for (let day = cal.first; day <= officialUntil(cal)!; day = plusDays(day, 1)) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const r = isWorkingDay(cal, day);
      const theirs = chineseDays.isWorkday(new Date(y, m - 1, d));
      if (!r.ok || r.value.working !== theirs || r.value.provisional) throw new Error(`${day}: ours ${JSON.stringify(r)}, chinese-days ${theirs}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(365 * 22);
  });
});

describe('time zones', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
    vi.resetModules();
  });

  it('the calendar date in Asia/Shanghai of an instant', () => {
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02'); // 00:00 in Shanghai
    expect(shanghaiDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2026-07-15T03:00:00Z'))).toBe('2026-07-15');
    // Every instant agrees with the tz database (the arithmetic since 1992, the database before it).
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(1985, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7 * 3_600_000 + 17 * 60_000) {
      expect(shanghaiDate(new Date(ms))).toBe(tz.format(ms));
    }
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('answers do not depend on the process time zone (%s)', async (tz) => {
    process.env.TZ = tz;
    vi.resetModules();
    const m = await import('../../src/domain/working-days.js');
    const p = await import('../../src/domain/package-calendar.js');
    const c = m.buildCalendar(p.packageCalendarYears());
    expect(new Date(2026, 2, 2).getTimezoneOffset()).toBe(tz === 'UTC' ? 0 : tz === 'Pacific/Kiritimati' ? -840 : 480);
    expect(m.isWorkingDay(c, '2026-03-02')).toEqual({ ok: true, value: { working: true, provisional: false } }); // Monday
    expect(m.isWorkingDay(c, '2026-03-07')).toEqual({ ok: true, value: { working: false, provisional: false } }); // Saturday
    expect(m.addWorkingDays(c, '2026-02-13', 2)).toEqual(official('2026-02-24'));
    // Provisional 2027, from the statutory holidays: lunar New Year's Eve is Fri 5 Feb 2027, so
    // 5–8 Feb are off (the lunar dates are computed in the package, which reads local time).
    expect(m.addWorkingDays(c, '2027-02-04', 1)).toEqual({ ok: true, value: { date: '2027-02-09', provisional: true } });
    expect(m.shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
