import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statutoryHolidays, type StatutoryHoliday } from '../../src/domain/statutory-holidays.js';
import { addWorkingDays, isWorkingDay } from '../../src/domain/working-days.js';
import { packageCalendar as cal } from '../support/calendars.js';

const holidays = (calendarData as { holidays: Record<string, string> }).holidays;
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/**
 * The holiday a day off belongs to in the package's data. The data leaves out a weekend day in
 * the middle of a holiday period now and then (Dragon Boat, Sat 23 Jun 2012, between the listed
 * 22 and 24 Jun): such a day takes the name of the listed days on both sides.
 */
function nameOn(date: string): string | undefined {
  const own = holidays[date]?.split(',')[0];
  if (own) return own;
  const before = holidays[plusDays(date, -1)]?.split(',')[0];
  const after = holidays[plusDays(date, 1)]?.split(',')[0];
  const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  return weekend && before === after ? before : undefined;
}
const NAME: Record<StatutoryHoliday, string> = {
  new_year: "New Year's Day",
  spring_festival: 'Spring Festival',
  qingming: 'Tomb-sweeping Day',
  labour_day: 'Labour Day',
  dragon_boat: 'Dragon Boat Festival',
  mid_autumn: 'Mid-autumn Festival',
  national_day: 'National Day',
};

describe('the statutory holidays, computed, agree with the package’s official data', () => {
  it.each([2025, 2026])('%i (the amended rules in force): each of the 13 days is a day off of that holiday', (year) => {
    const days = statutoryHolidays(year);
    expect(days).toHaveLength(13);
    for (const d of days) expect([d.date, nameOn(d.date)]).toEqual([d.date, NAME[d.holiday]]);
  });

  // Before 2025 the rules gave Spring Festival 3 days (lunar 1–3 January) and Labour Day 1 day; the
  // lunar and solar-term dates are the same computation, so they are checked for every covered year.
  const years = Array.from({ length: 2024 - 2008 + 1 }, (_, i) => 2008 + i);
  it.each(years)('%i: lunar New Year, Qingming, Dragon Boat and Mid-Autumn fall on days off of that holiday', (year) => {
    const days = statutoryHolidays(year);
    const of = (h: StatutoryHoliday) => days.filter((d) => d.holiday === h).map((d) => d.date);
    const lunarNewYear = of('spring_festival')[1]!; // after the eve
    for (const [date, name] of [
      [lunarNewYear, NAME.spring_festival],
      [of('qingming')[0]!, NAME.qingming],
      [of('dragon_boat')[0]!, NAME.dragon_boat],
    ] as const) {
      expect([date, nameOn(date)]).toEqual([date, name]);
    }
    // Mid-Autumn sometimes falls inside National Day (1 Oct 2020, 4 Oct 2017); the package names such a day National Day.
    const midAutumn = of('mid_autumn')[0]!;
    expect([midAutumn, [NAME.mid_autumn, NAME.national_day]]).toEqual([midAutumn, expect.arrayContaining([nameOn(midAutumn)])]);
  });

  it('2027, written out by hand from the lunar calendar: New Year’s Eve 5 Feb, Qingming 5 Apr, Dragon Boat 9 Jun, Mid-Autumn 15 Sep', () => {
    expect(statutoryHolidays(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });
});

describe('provisional working days beyond the official calendar', () => {
  // Hand-worked from weekends and the 2027 statutory holidays above; no makeup days are guessed.
  const spans: [name: string, from: string, n: number, due: string][] = [
    ['today’s example: 30 working days from 1 Dec 2026 cross New Year', '2026-12-01', 30, '2027-01-13'],
    ['year end: 31 Dec 2026 + 1 skips New Year’s Day (Fri)', '2026-12-31', 1, '2027-01-04'],
    ['Spring Festival: Thu 4 Feb + 1 skips 5–8 Feb', '2027-02-04', 1, '2027-02-09'],
    ['Qingming: Fri 2 Apr + 1 skips Mon 5 Apr', '2027-04-02', 1, '2027-04-06'],
    ['Labour Day: Fri 30 Apr + 1 is Mon 3 May (1–2 May are a weekend)', '2027-04-30', 1, '2027-05-03'],
    ['Dragon Boat: Tue 8 Jun + 1 skips Wed 9 Jun', '2027-06-08', 1, '2027-06-10'],
    ['National Day: Thu 30 Sep + 1 skips Fri 1 Oct', '2027-09-30', 1, '2027-10-04'],
  ];
  it.each(spans)('%s', (_name, from, n, due) => {
    expect(addWorkingDays(cal, from, n)).toEqual({ ok: true, value: { date: due, provisional: true } });
  });

  it('a provisional day says so', () => {
    expect(isWorkingDay(cal, '2027-02-08')).toEqual({ ok: true, value: { working: false, provisional: true } });
    expect(isWorkingDay(cal, '2027-02-09')).toEqual({ ok: true, value: { working: true, provisional: true } });
  });
});

describe('time zones', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
    vi.resetModules();
  });
  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai'])(
    'the computed dates do not depend on the process time zone (%s)',
    async (tz) => {
      process.env.TZ = tz;
      vi.resetModules();
      const m = await import('../../src/domain/statutory-holidays.js');
      expect(
        m
          .statutoryHolidays(2027)
          .filter((d) => ['spring_festival', 'qingming', 'dragon_boat', 'mid_autumn'].includes(d.holiday))
          .map((d) => d.date),
      ).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15']);
    },
  );
});
