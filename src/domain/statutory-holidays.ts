import chineseDays from 'chinese-days';

// The statutory public holidays of the national holiday rules (全国年节及纪念日放假办法, as amended
// in 2024, in force from 2025), the days off every year has whatever the State Council's notice
// adds around them:
//
//   New Year's Day    1 day    1 January
//   Spring Festival   4 days   lunar New Year's Eve and lunar 1–3 January
//   Qingming          1 day    the Qingming solar term (清明, early April)
//   Labour Day        2 days   1–2 May
//   Dragon Boat       1 day    lunar 5 May
//   Mid-Autumn        1 day    lunar 15 August
//   National Day      3 days   1–3 October
//
// They are what a provisional calendar counts from (working-days.ts). Bridge days, makeup
// workdays and the day in lieu when a holiday falls on a weekend (补假) are the notice's to set
// and are not guessed, so near a holiday a provisional date can differ from the official one by
// a few working days (either way); that is why it is marked provisional and re-dated later.
//
// Lunar and solar-term dates are computed with the chinese-days package, never typed in. Its
// functions read dates in the process time zone; the calls below are made so the answer does not
// depend on it (a test runs them west and east of UTC, and checks them against the package's
// holiday data for every covered year).

export const STATUTORY_HOLIDAYS = ['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export type StatutoryHoliday = (typeof STATUTORY_HOLIDAYS)[number];

const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** The Gregorian date of a lunar date (not a leap month) in lunar year `year`. */
function lunarToSolar(year: number, month: number, day: number): string {
  // The package reads year, month and day of the Date in local time and counts in local time
  // from a local base date: a local-midnight Date gives the same answer in every time zone.
  return chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

/** The date of the Qingming solar term in `year`. */
function qingming(year: number): string {
  // The package builds the date as UTC midnight and prints it in local time, which west of UTC
  // is the day before. The UTC midnight it meant is the first one at or after local midnight
  // of the day it printed.
  const printed = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const [y, m, d] = printed.split('-').map(Number) as [number, number, number];
  return iso(Math.ceil(new Date(y, m - 1, d).getTime() / DAY_MS));
}

/** Every statutory holiday of `year` under the rules in force since 2025, in date order. */
export function statutoryHolidays(year: number): { date: string; holiday: StatutoryHoliday }[] {
  const newYear = dayOf(lunarToSolar(year, 1, 1));
  const days: { date: string; holiday: StatutoryHoliday }[] = [
    { date: `${year}-01-01`, holiday: 'new_year' },
    ...[-1, 0, 1, 2].map((k) => ({ date: iso(newYear + k), holiday: 'spring_festival' as const })),
    { date: qingming(year), holiday: 'qingming' },
    { date: `${year}-05-01`, holiday: 'labour_day' },
    { date: `${year}-05-02`, holiday: 'labour_day' },
    { date: lunarToSolar(year, 5, 5), holiday: 'dragon_boat' },
    { date: lunarToSolar(year, 8, 15), holiday: 'mid_autumn' },
    ...[1, 2, 3].map((d) => ({ date: `${year}-10-${pad(d)}`, holiday: 'national_day' as const })),
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
