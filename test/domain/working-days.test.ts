import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, shanghaiDate, SUPPORTED_YEARS, workingDaysBetween } from '../../src/domain/working-days.js';

// Written by hand from the State Council holiday notices for 2025 and 2026.
const table: [string, string, number, string][] = [
  ['2025 Spring Festival: makeup Sunday 26 Jan counts', '2025-01-24', 1, '2025-01-26'],
  ['2025 Spring Festival: 28 Jan - 4 Feb off', '2025-01-26', 2, '2025-02-05'],
  ['2025 Spring Festival: makeup Saturday 8 Feb counts', '2025-02-07', 1, '2025-02-08'],
  ['2025 National Day: 1-8 Oct off', '2025-09-30', 1, '2025-10-09'],
  ['2025 National Day: makeup Saturday 11 Oct counts', '2025-10-09', 2, '2025-10-11'],
  ['2025 National Day: makeup Sunday 28 Sep counts', '2025-09-26', 1, '2025-09-28'],
  ['2026 Spring Festival: makeup Saturday 14 Feb counts', '2026-02-13', 1, '2026-02-14'],
  ['2026 Spring Festival: 15-23 Feb off', '2026-02-13', 2, '2026-02-24'],
  ['2026 Spring Festival: makeup Saturday 28 Feb counts', '2026-02-27', 1, '2026-02-28'],
  ['2026 National Day: makeup Sunday 20 Sep counts', '2026-09-18', 1, '2026-09-20'],
  ['2026 National Day: 1-7 Oct off', '2026-09-30', 1, '2026-10-08'],
  ['2026 National Day: makeup Saturday 10 Oct counts', '2026-10-09', 1, '2026-10-10'],
  ['year end into New Year 2026 (1-3 Jan off, makeup Sunday 4 Jan)', '2025-12-31', 1, '2026-01-04'],
  ['start on a weekend', '2026-03-07', 1, '2026-03-09'],
  ['start on a holiday', '2026-10-03', 1, '2026-10-08'],
  ['zero working days is the day itself', '2026-10-03', 0, '2026-10-03'],
  ['Art. 9: 10 working days from a Monday', '2026-03-02', 10, '2026-03-16'],
  ['Art. 11: 30 working days across Qingming (4-6 Apr off)', '2026-03-16', 30, '2026-04-28'],
];

describe('N working days after D', () => {
  it.each(table)('%s', (_name, from, n, due) => {
    expect(addWorkingDays(from, n)).toEqual({ ok: true, value: due });
  });

  it('a span that reaches a year without official data is an explicit error', () => {
    expect(addWorkingDays('2026-12-31', 1)).toMatchObject({ ok: false, error: { type: 'unsupported_year', year: 2027 } });
    expect(addWorkingDays('2030-01-02', 1)).toMatchObject({ ok: false, error: { type: 'unsupported_year', year: 2030 } });
    expect(isWorkingDay('1999-10-01')).toMatchObject({ ok: false, error: { type: 'unsupported_year' } });
  });

  it.each(['2026-02-30', '2026-13-01', '26-03-01', 'tomorrow', ''])('"%s" is an invalid date', (d) => {
    expect(addWorkingDays(d, 1)).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });

  it.each([-1, 1.5, Number.NaN, 5000])('%s is an invalid count', (n) => {
    expect(addWorkingDays('2026-03-02', n)).toMatchObject({ ok: false, error: { type: 'invalid_count' } });
  });

  it('covers the current and previous year', () => {
    expect(SUPPORTED_YEARS).toContain(2025);
    expect(SUPPORTED_YEARS).toContain(2026);
  });
});

describe('the lookup table agrees with chinese-days on every supported day', () => {
  it('isWorkingDay matches the package for each day of every covered year', async () => {
    const { default: chineseDays } = await import('chinese-days');
    let checked = 0;
    for (let t = Date.UTC(SUPPORTED_YEARS[0]!, 0, 1); t <= Date.UTC(SUPPORTED_YEARS.at(-1)!, 11, 31); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const r = isWorkingDay(day);
      if (!r.ok || r.value !== chineseDays.isWorkday(day)) throw new Error(`${day}: table ${JSON.stringify(r)} vs package ${chineseDays.isWorkday(day)}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(365 * 20);
  });
});

describe('helpers', () => {
  it('counts working days between two dates both ways', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-08')).toEqual({ ok: true, value: 1 });
    expect(workingDaysBetween('2026-10-08', '2026-09-30')).toEqual({ ok: true, value: -1 });
  });
  it('a makeup Saturday is a working day, a holiday Monday is not', () => {
    expect(isWorkingDay('2026-02-28')).toEqual({ ok: true, value: true });
    expect(isWorkingDay('2026-02-16')).toEqual({ ok: true, value: false });
  });
  it('dates are taken in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});

describe('case deadlines near the end of the covered calendar', () => {
  it('keeps the deadlines that fall in covered years and leaves out the rest', async () => {
    const { caseDeadlines } = await import('../../src/domain/deadlines.js');
    const k = {
      id: 'RB-1', createdAt: '2026-11-20T02:00:00.000Z', updatedAt: 'x', status: 'submitted' as const, requester: 'a', team: null, teamLead: null,
      analyst: null, lang: 'en' as const, summary: '', triage: { answers: {}, outcome: 'required' as const, reasons: [] }, intake: {},
      submittedOn: '2026-11-23', complex: false, authorityOutcome: null,
    };
    const r = caseDeadlines(k, { intakeTargetWorkingDays: 5 });
    expect(r).toEqual({ ok: true, value: [{ kind: 'review_decision', due: '2026-12-07', basis: 'Cybersecurity Review Measures (2022) Art. 9' }] });
  });
});
