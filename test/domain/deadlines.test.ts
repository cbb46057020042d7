import { describe, expect, it } from 'vitest';
import type { CaseRecord, CaseStatus } from '../../src/domain/case.js';
import {
  caseDeadlines, deadlineLabel, deriveDeadlines, describeUndated, dueSoon, type Deadline, type DueNotice,
} from '../../src/domain/deadlines.js';
import { SUPPORTED_YEARS } from '../../src/domain/working-days.js';

const kase = (over: Partial<CaseRecord>): CaseRecord => ({
  id: 'RB-000001', createdAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z', status: 'open', requester: 'alice',
  team: 'it', teamLead: 'lee', analyst: null, lang: 'en', summary: '', triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {}, submittedOn: null, complex: false, authorityOutcome: null, ...over,
});
const config = { intakeTargetWorkingDays: 5 };
const ART9 = 'Cybersecurity Review Measures (2022) Art. 9';
const ART11 = 'Cybersecurity Review Measures (2022) Art. 11';
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
    ['submitted', { submittedOn: '2026-03-02' }, [
      ['review_decision', '2026-03-16'], // 10 working days
      ['preliminary_review', '2026-04-28'], // +30 across Qingming (6 Apr)
      ['special_review', '2026-09-04'], // +90
    ]],
    ['decided', { submittedOn: '2026-03-02', authorityOutcome: 'no review needed' }, []],
    ['closed', { submittedOn: '2026-03-02' }, []],
    ['withdrawn', {}, []],
  ];
  it.each(table)('%s', (status, over, expected) => {
    expect(dues(kase({ status, ...over }))).toEqual(expected);
  });

  it('each deadline says what it rests on', () => {
    const r = caseDeadlines(kase({ status: 'submitted', submittedOn: '2026-03-02' }), config);
    expect(r.ok && r.value.map((d) => d.basis)).toEqual([ART9, ART11, ART14]);
    const open = caseDeadlines(kase({}), { intakeTargetWorkingDays: 7 });
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

  it('the intake target is configurable and defaults to 5 working days', () => {
    expect(dues(kase({}), { intakeTargetWorkingDays: 10 })).toEqual([['intake_target', '2026-03-16']]);
    const byDefault = caseDeadlines(kase({}));
    expect(byDefault.ok && byDefault.value[0]!.due).toBe('2026-03-09');
  });

  it('a case opened before Spring Festival: the makeup Saturday counts, the holiday week does not', () => {
    // Opened Thu 12 Feb 2026: 13 Feb, Sat 14 Feb, 24, 25, 26 Feb.
    expect(dues(kase({ createdAt: '2026-02-12T03:00:00.000Z' }))).toEqual([['intake_target', '2026-02-26']]);
  });

  it('a complex case gets 15 more working days of preliminary review, and the special review moves with it', () => {
    const k = kase({ status: 'submitted', submittedOn: '2026-03-02', complex: true });
    const r = caseDeadlines(k, config);
    expect(r).toEqual({
      ok: true,
      value: [
        { kind: 'review_decision', due: '2026-03-16', basis: ART9 },
        { kind: 'preliminary_review', due: '2026-05-21', basis: `${ART11} (+15, complex)` }, // 45 across Labour Day
        { kind: 'special_review', due: '2026-09-24', basis: ART14 }, // +90, with the makeup Sunday 20 Sep
      ],
    });
  });

  it('the preliminary review is counted from the decision due date (the notice date is not recorded)', () => {
    const r = caseDeadlines(kase({ status: 'submitted', submittedOn: '2025-09-15' }), config);
    // 10 working days: 16–19, 22–26 Sep, Sun 28 Sep (makeup) -> 28 Sep; then 30 more.
    expect(r.ok && r.value.slice(0, 2).map((d) => d.due)).toEqual(['2025-09-28', '2025-11-14']);
  });
});

describe('deadlines beyond the published calendar', () => {
  const last = SUPPORTED_YEARS.at(-1)!;

  it('near the end of the calendar: the near deadline keeps its date, the later ones are listed as undated', () => {
    const k = kase({ status: 'submitted', createdAt: `${last}-11-20T02:00:00.000Z`, submittedOn: `${last}-11-23` });
    const r = deriveDeadlines(k, config);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.deadlines.map((d) => d.kind)).toEqual(['review_decision']);
    expect(r.value.deadlines[0]!.due < `${last}-12-25`).toBe(true);
    expect(r.value.undated).toEqual([
      { kind: 'preliminary_review', basis: ART11, error: expect.objectContaining({ type: 'unsupported_year', year: last + 1 }) },
      { kind: 'special_review', basis: ART14, error: expect.objectContaining({ type: 'unsupported_year', year: last + 1 }) },
    ]);
    expect(caseDeadlines(k, config)).toEqual({ ok: true, value: r.value.deadlines });
  });

  it('submitted in a year without a calendar: every authority deadline is undated, none guessed', () => {
    const r = deriveDeadlines(kase({ status: 'submitted', submittedOn: `${last + 2}-03-01` }), config);
    expect(r.ok && r.value.deadlines).toEqual([]);
    expect(r.ok && r.value.undated.map((u) => u.kind)).toEqual(['review_decision', 'preliminary_review', 'special_review']);
  });

  it('an undated deadline is explained in both languages', () => {
    const u = { kind: 'preliminary_review' as const, basis: ART11, error: { type: 'unsupported_year' as const, year: 2027, supported: [2004, 2026] as const } };
    expect(describeUndated('en', u)).toBe('Preliminary review complete: no date yet; the official holiday calendar for 2027 is not in the bot yet.');
    expect(describeUndated('zh-CN', u)).toBe('完成初步审查：暂无日期；机器人尚未收录 2027 年官方节假日安排。');
    expect(deadlineLabel('zh-CN', 'review_decision')).toBe('网络安全审查办公室决定是否需要审查');
  });
});

describe('broken case data is an error, not a guess', () => {
  it('a submitted case without a submission date', () => {
    expect(caseDeadlines(kase({ status: 'submitted', submittedOn: null }), config)).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });
  it('an unreadable opening instant', () => {
    expect(caseDeadlines(kase({ createdAt: 'yesterday' }), config)).toEqual({ ok: false, error: { type: 'invalid_date', value: 'yesterday' } });
  });
  it('a malformed submission date', () => {
    expect(caseDeadlines(kase({ status: 'submitted', submittedOn: '2026-02-30' }), config)).toEqual({ ok: false, error: { type: 'invalid_date', value: '2026-02-30' } });
  });
  it('an impossible intake target', () => {
    expect(caseDeadlines(kase({}), { intakeTargetWorkingDays: -1 })).toMatchObject({ ok: false, error: { type: 'invalid_count' } });
  });
});

describe('reminders: T-3, T-1, due today, overdue', () => {
  const due = (date: string): Deadline => ({ kind: 'review_decision', due: date, basis: ART9 });
  const when = (deadline: Deadline, today: string): Pick<DueNotice, 'when' | 'overdueBy'> | null => {
    const r = dueSoon([deadline], today);
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

  it('several deadlines at once, in their order', () => {
    const list: Deadline[] = [
      { kind: 'intake_target', due: '2026-03-09', basis: 'internal' },
      { kind: 'review_decision', due: '2026-03-16', basis: ART9 },
      { kind: 'preliminary_review', due: '2026-04-28', basis: ART11 },
    ];
    expect(dueSoon(list, '2026-03-11')).toEqual({
      ok: true,
      value: [
        { deadline: list[0], when: 'overdue', overdueBy: 2 },
        { deadline: list[1], when: 'T-3', overdueBy: 0 },
      ],
    });
  });

  it('a day outside the calendar is an error', () => {
    expect(dueSoon([due('2026-03-16')], `${SUPPORTED_YEARS.at(-1)! + 1}-01-05`)).toMatchObject({ ok: false, error: { type: 'unsupported_year' } });
    expect(dueSoon([due('2026-03-16')], '16/03/2026')).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });
});
