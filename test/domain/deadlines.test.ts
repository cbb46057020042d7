import { describe, expect, it } from 'vitest';
import type { CaseRecord, CaseStatus, ClockEvent } from '../../src/domain/case.js';
import {
  announcementOf,
  caseDeadlines,
  describeDue,
  describeWorkingDayErrorIn,
  dueSoon,
  movedDeadlines,
  sameAnnouncement,
  type Deadline,
  type DueNotice,
} from '../../src/domain/deadlines.js';
import { packageCalendar as cal, settingsWith, withSynthetic2027 } from '../support/calendars.js';

const kase = (over: Partial<CaseRecord>): CaseRecord => ({
  id: 'RB-000001',
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  status: 'open',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: null,
  lang: 'en',
  summary: '',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock: [],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
  ...over,
});
const config = settingsWith(cal);
const submitted = (on: string, ...more: ClockEvent[]): Pick<CaseRecord, 'clock'> => ({ clock: [{ type: 'submitted', on }, ...more] });
const ART9 = 'Cybersecurity Review Measures (2022) Art. 9';
const ART11 = 'Cybersecurity Review Measures (2022) Art. 11';
const ART12 = 'Cybersecurity Review Measures (2022) Art. 12';
const ART14 = 'Cybersecurity Review Measures (2022) Art. 14';
const dues = (k: CaseRecord, c = config) => {
  const r = caseDeadlines(k, c);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.map((d) => [d.kind, d.due]);
};

describe('which deadlines run in which status', () => {
  // Worked out by hand: opened Mon 2 Mar 2026 (10:00 in Shanghai); submitted Mon 2 Mar 2026.
  const table: [CaseStatus, Partial<CaseRecord>, [string, string][]][] = [
    ['open', {}, [['intake_target', '2026-03-09']]],
    ['intake', {}, [['intake_target', '2026-03-09']]],
    ['ready', {}, []], // intake complete: the internal target is met, the authority's clock has not started
    [
      'submitted',
      submitted('2026-03-02'),
      [
        ['review_decision', '2026-03-16'], // 10 working days
        ['preliminary_review', '2026-04-28'], // outer bound: +30 from the Art. 9 date, across Qingming (6 Apr)
        ['members_reply', '2026-05-21'], // outer bound: +15 across Labour Day (1–5 May off, Sat 9 May works)
        ['special_review', '2026-09-24'], // outer bound: +90, with the makeup Sunday 20 Sep
      ],
    ],
    ['decided', { ...submitted('2026-03-02'), authorityOutcome: 'no review needed' }, []],
    ['closed', submitted('2026-03-02'), []],
    ['withdrawn', {}, []],
  ];
  it.each(table)('%s', (status, over, expected) => {
    expect(dues(kase({ status, ...over }))).toEqual(expected);
  });

  it('each deadline says what it rests on', () => {
    const r = caseDeadlines(kase({ status: 'submitted', ...submitted('2026-03-02') }), config);
    expect(r.ok && r.value.map((d) => d.basis)).toEqual([ART9, ART11, ART12, ART14]);
    expect(r.ok && r.value.map((d) => d.outerBound)).toEqual([false, true, true, true]);
    const open = caseDeadlines(kase({}), settingsWith(cal, 7));
    expect(open.ok && open.value[0]!.basis).toMatch(/internal target.*7 working days/);
  });
});

describe('dates', () => {
  it('the intake target counts from the day the case was opened in Shanghai, not in UTC', () => {
    // 17:00 UTC on Sun 1 Mar is 01:00 on Mon 2 Mar in Shanghai.
    expect(dues(kase({ createdAt: '2026-03-01T17:00:00.000Z' }))).toEqual([['intake_target', '2026-03-09']]);
    // 15:00 UTC on Sun 1 Mar is 23:00 the same Sunday in Shanghai: Mon 2 to Fri 6.
    expect(dues(kase({ createdAt: '2026-03-01T15:00:00.000Z' }))).toEqual([['intake_target', '2026-03-06']]);
  });

  it('the intake target is configurable', () => {
    expect(dues(kase({}), settingsWith(cal, 10))).toEqual([['intake_target', '2026-03-16']]);
  });

  it('a case opened before Spring Festival: the makeup Saturday counts, the holiday week does not', () => {
    // Opened Thu 12 Feb 2026: 13 Feb, Sat 14 Feb, 24, 25, 26 Feb.
    expect(dues(kase({ createdAt: '2026-02-12T03:00:00.000Z' }))).toEqual([['intake_target', '2026-02-26']]);
  });

  it('a complex case gets 15 more working days of preliminary review, and the later outer bounds move with it', () => {
    const k = kase({ status: 'submitted', ...submitted('2026-03-02', { type: 'complex', on: '2026-03-10' }) });
    const r = caseDeadlines(k, config);
    expect(r.ok && r.value.slice(0, 2)).toEqual([
      { kind: 'review_decision', due: '2026-03-16', basis: ART9, provisional: false, outerBound: false },
      { kind: 'preliminary_review', due: '2026-05-21', basis: `${ART11} (+15, complex)`, provisional: false, outerBound: true }, // 45 across Labour Day
    ]);
  });

  it('without a notice the preliminary review is counted from the decision due date, as an outer bound', () => {
    const r = caseDeadlines(kase({ status: 'submitted', ...submitted('2025-09-15') }), config);
    // 10 working days: 16–19, 22–26 Sep, Sun 28 Sep (makeup) -> 28 Sep; then 30 more.
    expect(r.ok && r.value.slice(0, 2).map((d) => [d.due, d.outerBound])).toEqual([
      ['2025-09-28', false],
      ['2025-11-14', true],
    ]);
  });
});

describe('deadlines beyond the official calendar are provisional, never dropped', () => {
  it('near the end of 2026: the Art. 9 date is official, the later ones provisional', () => {
    const r = caseDeadlines(kase({ status: 'submitted', createdAt: '2026-11-20T02:00:00.000Z', ...submitted('2026-11-23') }), config);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // 24–27 Nov, 30 Nov – 4 Dec, 7 Dec
    expect(r.value.map((d) => [d.kind, d.due, d.provisional])).toEqual([
      ['review_decision', '2026-12-07', false],
      // 8–11, 14–18, 21–24 Dec (13), 25, 28–31 Dec (18), (1 Jan off) 4–8, 11–15 Jan (28), 18, 19 Jan (30)
      ['preliminary_review', '2027-01-19', true],
      ['members_reply', expect.any(String), true],
      ['special_review', expect.any(String), true],
    ]);
  });

  it('with the operator file (SYNTHETIC, NOT OFFICIAL) for 2027 the same case is official, and moves', () => {
    const k = kase({ status: 'submitted', createdAt: '2026-11-20T02:00:00.000Z', ...submitted('2026-11-23') });
    const r = caseDeadlines(k, settingsWith(withSynthetic2027()));
    // Sat 26 Dec 2026 works in the synthetic file: 8–11, 14–18, 21–24 (13), 25, 26, 28–31 Dec (19), 4–8, 11–15 Jan (29), 18 Jan (30)
    expect(r.ok && r.value[1]).toMatchObject({ kind: 'preliminary_review', due: '2027-01-18', provisional: false });
  });

  it('a provisional date is said so wherever it is shown, in both languages', () => {
    expect(describeDue('en', { due: '2027-01-19', provisional: true, outerBound: true })).toBe('by 2027-01-19 at the latest (outer bound, provisional)');
    // One bracket for both, never 最迟 …（暂定）（上限）.
    expect(describeDue('zh-CN', { due: '2027-03-03', provisional: true, outerBound: true })).toBe('最迟 2027-03-03（暂定，上限）');
    expect(describeDue('zh-CN', { due: '2027-03-03', provisional: false, outerBound: true })).toBe('最迟 2027-03-03（上限）');
    expect(describeDue('zh-CN', { due: '2027-01-19', provisional: true, outerBound: false })).toBe('2027-01-19（暂定）');
    expect(describeDue('en', { due: '2026-03-16', provisional: false, outerBound: false })).toBe('2026-03-16');
  });

  it('a date the calendar cannot count at all is explained in both languages', () => {
    const e = { type: 'out_of_range' as const, value: '2100-01-04', first: '2004-01-01', last: '2099-12-31' };
    expect(describeWorkingDayErrorIn('en', e)).toBe('Working days can be counted from 2004-01-01 to 2099-12-31 only, not for 2100-01-04.');
    expect(describeWorkingDayErrorIn('zh-CN', e)).toBe('仅能计算 2004-01-01 至 2099-12-31 之间的工作日，2100-01-04 超出范围。');
  });
});

describe('announced deadlines: what moved', () => {
  const d = (kind: Deadline['kind'], due: string, provisional = false): Deadline => ({ kind, due, basis: '', provisional, outerBound: false });
  it('a deadline whose date changed is a move; one that appeared, ended or only lost "provisional" is not', () => {
    const before = announcementOf([
      d('review_decision', '2026-12-28', true),
      d('preliminary_review', '2027-02-11', true),
      d('special_review', '2027-09-01', true),
    ]);
    const now = [d('review_decision', '2026-12-26'), d('preliminary_review', '2027-02-11'), d('members_reply', '2027-03-05')];
    expect(movedDeadlines(before, now)).toEqual([{ kind: 'review_decision', from: '2026-12-28', to: '2026-12-26', wasProvisional: true, provisional: false }]);
    expect(sameAnnouncement(before, announcementOf(now))).toBe(false);
    expect(sameAnnouncement(before, before)).toBe(true);
    // Confirmed on the same date: not the same announcement (the flag changes), but nothing moved.
    expect(movedDeadlines(announcementOf([d('preliminary_review', '2027-02-11', true)]), [d('preliminary_review', '2027-02-11')])).toEqual([]);
  });
});

describe('broken case data is an error, not a guess', () => {
  it('a submitted case without a submission date', () => {
    expect(caseDeadlines(kase({ status: 'submitted' }), config)).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });
  it('an unreadable opening instant', () => {
    expect(caseDeadlines(kase({ createdAt: 'yesterday' }), config)).toEqual({ ok: false, error: { type: 'invalid_date', value: 'yesterday' } });
  });
  it('a malformed submission date', () => {
    expect(caseDeadlines(kase({ status: 'submitted', ...submitted('2026-02-30') }), config)).toEqual({
      ok: false,
      error: { type: 'invalid_date', value: '2026-02-30' },
    });
  });
  it('an impossible intake target', () => {
    expect(caseDeadlines(kase({}), settingsWith(cal, -1))).toMatchObject({ ok: false, error: { type: 'invalid_count' } });
  });
});

describe('reminders: T-3, T-1, due today, overdue', () => {
  const due = (date: string, outerBound = false): Deadline => ({ kind: 'review_decision', due: date, basis: ART9, provisional: false, outerBound });
  const when = (deadline: Deadline, today: string): Pick<DueNotice, 'when' | 'overdueBy'> | null => {
    const r = dueSoon(cal, [deadline], today);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value[0] ? { when: r.value[0].when, overdueBy: r.value[0].overdueBy } : null;
  };

  // Due Mon 16 Mar 2026.
  const ordinary: [today: string, expected: Pick<DueNotice, 'when' | 'overdueBy'> | null][] = [
    ['2026-03-10', null], // 4 working days before
    ['2026-03-11', { when: 'T-3', overdueBy: 0 }], // Wed: 12, 13, 16
    ['2026-03-12', null], // T-2
    ['2026-03-13', { when: 'T-1', overdueBy: 0 }], // Fri
    ['2026-03-14', null], // Saturday: no reminders on days off
    ['2026-03-15', null], // Sunday
    ['2026-03-16', { when: 'today', overdueBy: 0 }],
    ['2026-03-17', { when: 'overdue', overdueBy: 1 }],
    ['2026-03-20', { when: 'overdue', overdueBy: 4 }],
    ['2026-03-21', null], // Saturday
    ['2026-03-23', { when: 'overdue', overdueBy: 5 }],
  ];
  it.each(ordinary)('due Mon 16 Mar 2026, today %s', (today, expected) => {
    expect(when(due('2026-03-16'), today)).toEqual(expected);
  });

  // Due Tue 24 Feb 2026, the first working day after Spring Festival.
  const holiday: [today: string, expected: Pick<DueNotice, 'when' | 'overdueBy'> | null][] = [
    ['2026-02-12', { when: 'T-3', overdueBy: 0 }], // Thu: 13, Sat 14 (makeup), 24
    ['2026-02-13', null],
    ['2026-02-14', { when: 'T-1', overdueBy: 0 }], // the makeup Saturday is a working day
    ['2026-02-18', null], // holiday
    ['2026-02-23', null], // holiday Monday
    ['2026-02-24', { when: 'today', overdueBy: 0 }],
    ['2026-02-28', { when: 'overdue', overdueBy: 4 }], // 25, 26, 27, Sat 28 (makeup)
  ];
  it.each(holiday)('due Tue 24 Feb 2026 after Spring Festival, today %s', (today, expected) => {
    expect(when(due('2026-02-24'), today)).toEqual(expected);
  });

  // The day a notice stands for names its reminder: T-3, T-1 and the due date their own day, every
  // overdue day the first working day after the due date, so an overdue deadline is one reminder.
  it.each([
    ['2026-03-11', '2026-03-16', '2026-03-11'],
    ['2026-03-16', '2026-03-16', '2026-03-16'],
    ['2026-03-17', '2026-03-16', '2026-03-17'],
    ['2026-03-20', '2026-03-16', '2026-03-17'],
    ['2026-03-23', '2026-03-16', '2026-03-17'],
    ['2026-02-28', '2026-02-24', '2026-02-25'], // the makeup Saturday after Spring Festival, overdue by 4
    ['2026-03-06', '2026-02-13', '2026-02-14'], // due Fri 13 Feb: the first overdue working day is the makeup Saturday
  ])('today %s, due %s: the reminder of %s', (today, date, day) => {
    const r = dueSoon(cal, [due(date)], today);
    expect(r.ok && r.value.map((n) => n.day)).toEqual([day]);
  });

  it('several deadlines at once, in their order', () => {
    const list: Deadline[] = [
      { kind: 'intake_target', due: '2026-03-09', basis: 'internal', provisional: false, outerBound: false },
      { kind: 'review_decision', due: '2026-03-16', basis: ART9, provisional: false, outerBound: false },
      { kind: 'preliminary_review', due: '2026-04-28', basis: ART11, provisional: false, outerBound: true },
    ];
    expect(dueSoon(cal, list, '2026-03-11')).toEqual({
      ok: true,
      value: [
        // Overdue since Tue 10 Mar: that day names its one overdue reminder.
        { deadline: list[0], when: 'overdue', overdueBy: 2, day: '2026-03-10' },
        { deadline: list[1], when: 'T-3', overdueBy: 0, day: '2026-03-11' },
      ],
    });
  });

  it('an outer bound is reminded of before and on its date, but not nagged about after it', () => {
    expect(when(due('2026-03-16', true), '2026-03-13')).toEqual({ when: 'T-1', overdueBy: 0 });
    expect(when(due('2026-03-16', true), '2026-03-16')).toEqual({ when: 'today', overdueBy: 0 });
    expect(when(due('2026-03-16', true), '2026-03-17')).toBeNull();
  });

  it('provisional days remind too; a day the calendar cannot count is an error', () => {
    expect(when(due('2027-01-04'), '2026-12-29')).toEqual({ when: 'T-3', overdueBy: 0 }); // 30, 31 Dec, (1 Jan off), 4 Jan
    expect(dueSoon(cal, [due('2026-03-16')], '2100-01-05')).toMatchObject({ ok: false, error: { type: 'out_of_range' } });
    expect(dueSoon(cal, [due('2026-03-16')], '16/03/2026')).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });
});
