import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import packageJson from 'chinese-days/package.json' with { type: 'json' };
import type { OfficialYear } from './working-days.js';

// The official years in the `chinese-days` package: its one JSON file of days off and makeup
// workdays, the State Council notices transcribed. A year counts when its notice is in the data
// (Spring Festival and National Day entries present), never from the package's weekday fallback.
// Entries are grouped by the year of their date, so a December makeup day set by the next
// year's notice sits with its own year; the calendar applies every listed day all the same.

type Data = { holidays: Record<string, string>; workdays: Record<string, string> };

export const CALENDAR_PACKAGE = { name: 'chinese-days', version: (packageJson as { version: string }).version } as const;

/** The package's official years, ascending (2004–2026 with chinese-days 1.5.7). */
export function packageCalendarYears(data: Data = calendarData as Data): OfficialYear[] {
  const byYear = new Map<number, { off: string[]; workdays: string[]; names: Set<string> }>();
  const entry = (date: string) => {
    const year = Number(date.slice(0, 4));
    const known = byYear.get(year);
    if (known) return known;
    const e = { off: [] as string[], workdays: [] as string[], names: new Set<string>() };
    byYear.set(year, e);
    return e;
  };
  for (const [date, name] of Object.entries(data.holidays)) {
    const e = entry(date);
    e.off.push(date);
    e.names.add(name.split(',')[0]!);
  }
  for (const date of Object.keys(data.workdays)) entry(date).workdays.push(date);
  return [...byYear]
    .filter(([, e]) => e.names.has('Spring Festival') && e.names.has('National Day'))
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => ({ year, off: e.off.sort(), workdays: e.workdays.sort(), source: { type: 'package', ...CALENDAR_PACKAGE } }));
}
