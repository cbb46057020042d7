import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import { readReminder, reminderText } from '../../src/runtime/index.js';
import { planCaseReminders, planDueReminders, sweepCase } from '../../src/scheduler/index.js';
import { openSqliteStore, type NewReminder } from '../../src/store/index.js';
import { silentLogger, type Logger } from '../../src/runtime/logger.js';
import { packageCalendar, settingsWith, withSynthetic2027 } from '../support/calendars.js';

const settings = settingsWith(packageCalendar);

const submitted = (on: string): CaseRecord => ({
  id: 'RB-1',
  createdAt: '2026-02-02T01:00:00.000Z',
  updatedAt: 'x',
  status: 'submitted',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: 'ann',
  lang: 'en',
  summary: '',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock: [{ type: 'submitted', on }],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
});
// Submitted Monday 2 March 2026: the Office decides by Monday 16 March (10 working days).
const at = (day: string) => new Date(`${day}T01:30:00Z`); // 09:30 in Shanghai
/** A planned row as the recipient would read it on `today`. */
const textOf = (r: NewReminder, lang: 'en' | 'zh-CN', today: string) => {
  const read = readReminder({ ...r, id: 1, claimedBy: null, claimedUntil: null, sentAt: null, attempts: 0 });
  if (!read.ok) throw new Error(read.error.problem);
  return reminderText(read.value, { lang, today, calendar: settings.calendar, nameOf: (k) => k });
};

describe('deadline reminders', () => {
  it.each([
    ['T-3: Wednesday 11 March', '2026-03-11', 'T-3'],
    ['T-1: Friday 13 March (the weekend does not count)', '2026-03-13', 'T-1'],
    ['due today', '2026-03-16', 'today'],
    ['overdue the next day', '2026-03-17', 'overdue'],
  ])('%s', (_n, day, when) => {
    const rows = planCaseReminders(submitted('2026-03-02'), at(day), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision');
    expect(rows.map((r) => [r.recipient, (r.payload as { when: string }).when])).toEqual([
      ['lee', when],
      ['ann', when],
    ]);
  });

  it('nothing on days in between', () => {
    expect(
      planCaseReminders(submitted('2026-03-02'), at('2026-03-12'), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision'),
    ).toEqual([]);
  });

  it('planning the same day twice adds nothing', async () => {
    const store = await openSqliteStore(':memory:');
    const rows = planCaseReminders(submitted('2026-03-02'), at('2026-03-11'), settings);
    expect(await store.scheduleReminders(rows)).toBe(rows.length);
    expect(await store.scheduleReminders(planCaseReminders(submitted('2026-03-02'), at('2026-03-11'), settings))).toBe(0);
    await store.close();
  });

  it('the daily sweep pages through every active case, and a second sweep the same day adds nothing', async () => {
    const store = await openSqliteStore(':memory:');
    const cases = Array.from({ length: 2500 }, (_, i) => ({
      ...submitted('2026-03-02'),
      id: `RB-${String(i).padStart(6, '0')}`,
      createdAt: `2026-02-02T01:00:${String(i % 60).padStart(2, '0')}.000Z`,
    }));
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    // 11 March is T-3 for the Office's decision: two recipients per case.
    const deps = { store, deadlines: settings, log: silentLogger };
    expect(await planDueReminders(deps, at('2026-03-11'))).toBe(2500 * 2);
    expect(await planDueReminders(deps, at('2026-03-11'))).toBe(0);
    await store.close();
  });

  it('renders in both languages', () => {
    const r = planCaseReminders(submitted('2026-03-02'), at('2026-03-13'), settings)[0]!;
    // Friday 13 March: Monday is the next working day, not "tomorrow".
    expect(textOf(r, 'en', '2026-03-13')).toBe('Reminder: case RB-1, Office decides whether to review (Art. 9) is due on the next working day, 2026-03-16.');
    expect(textOf(r, 'zh-CN', '2026-03-13')).toBe('提醒：审查事项 RB-1 的“网络安全审查办公室决定是否审查（第九条）”将于下一个工作日 2026-03-16 到期。');
  });
});

describe('dates that move: the sweep re-dates and tells the people concerned, once', () => {
  // Submitted Mon 14 Dec 2026. Without a 2027 calendar the end of December is provisional: the
  // Office's decision is due Mon 28 Dec (15–18, 21–25, 28 Dec). The operator then adds a 2027
  // calendar: the SYNTHETIC, NOT OFFICIAL fixture, where Sat 26 Dec 2026 is a makeup workday,
  // so the same 10 working days end on Sat 26 Dec.
  const k: CaseRecord = { ...submitted('2026-12-14'), id: 'RB-MOVE01', createdAt: '2026-12-10T01:00:00.000Z', updatedAt: '2026-12-14T01:00:00.000Z' };
  const day = at('2026-12-15');
  const capture = () => {
    const lines: { event: string; fields: Record<string, unknown> | undefined }[] = [];
    const log: Logger = { info: (event, fields) => lines.push({ event, fields }), warn: (event, fields) => lines.push({ event, fields }), error: () => {} };
    return { lines, log };
  };

  it('a case never announced is recorded silently; the sweep logs that it works on provisional dates', async () => {
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: [k] });
    const { lines, log } = capture();
    await planDueReminders({ store, deadlines: settings, log }, day);
    const stored = await store.getCase(k.id);
    expect(stored?.announcedDeadlines?.[0]).toEqual({ kind: 'review_decision', due: '2026-12-28', provisional: true });
    expect(stored?.updatedAt).toBe(k.updatedAt); // bookkeeping, not a person's change
    expect(await store.pendingReminders('alice', '2100-01-01T00:00:00.000Z')).toEqual([]);
    expect(lines).toContainEqual({ event: 'deadlines.provisional', fields: { day: '2026-12-15', cases: 1, officialUntil: '2026-12-24' } });
    await store.close();
  });

  it('when the 2027 calendar arrives: a deadline_moved notice to requester, team lead and analyst, exactly once', async () => {
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: [k] });
    await planDueReminders({ store, deadlines: settings, log: silentLogger }, day);
    const arrived = settingsWith(withSynthetic2027());
    const { lines, log } = capture();
    await planDueReminders({ store, deadlines: arrived, log }, day);
    await planDueReminders({ store, deadlines: arrived, log: silentLogger }, day); // a second sweep (or a second instance) adds nothing
    for (const person of ['alice', 'lee', 'ann']) {
      const moved = (await store.pendingReminders(person, '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'deadline_moved');
      expect(moved.map((r) => r.payload)).toContainEqual({
        kind: 'review_decision',
        from: '2026-12-28',
        to: '2026-12-26',
        wasProvisional: true,
        provisional: false,
      });
      // 30 working days after the Art. 9 date, as an outer bound: 11 Feb 2027 provisionally (29–31 Dec,
      // 4–29 Jan, 1–4 and 9–11 Feb), 13 Feb with the file (28–31 Dec, 4–29 Jan, 1–4, 12 and Sat 13 Feb).
      expect(moved.map((r) => r.payload)).toContainEqual({
        kind: 'preliminary_review',
        from: '2027-02-11',
        to: '2027-02-13',
        wasProvisional: true,
        provisional: false,
      });
      expect(new Set(moved.map((r) => (r.payload as { kind: string }).kind))).toEqual(
        new Set(['review_decision', 'preliminary_review', 'members_reply', 'special_review']),
      );
    }
    const stored = await store.getCase(k.id);
    expect(stored?.announcedDeadlines?.[0]).toEqual({ kind: 'review_decision', due: '2026-12-26', provisional: false });
    expect((await store.auditOf(k.id)).map((a) => [a.action, a.actor])).toEqual([['case.deadlines_moved', 'review-bot']]);
    expect(lines).toContainEqual({ event: 'deadlines.moved', fields: { day: '2026-12-15', cases: 1 } });
    await store.close();
  });

  it('the notice reads in both languages, provisional dates marked', () => {
    const announced = sweepCase(k, day, settings).update!.case;
    const moved = sweepCase(announced, day, settingsWith(withSynthetic2027())).moved.find(
      (r) => r.recipient === 'alice' && (r.payload as { kind: string }).kind === 'review_decision',
    )!;
    expect(textOf(moved, 'en', '2026-12-15')).toBe(
      'Case RB-MOVE01: Office decides whether to review (Art. 9) moved from 2026-12-28 (provisional) to 2026-12-26, because the working-day calendar changed.',
    );
    expect(textOf(moved, 'zh-CN', '2026-12-15')).toBe(
      '审查事项 RB-MOVE01：网络安全审查办公室决定是否审查（第九条）由 2026-12-28（暂定） 调整为 2026-12-26（工作日日历已更新）。',
    );
  });

  it('reminders are planned for provisional dates too, and say so', () => {
    // Due Mon 28 Dec 2026 (provisional): T-3 is Wed 23 Dec (24, 25, 28 Dec).
    const rows = planCaseReminders(k, at('2026-12-23'), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision');
    expect(rows.map((r) => r.payload)).toEqual([
      { kind: 'review_decision', due: '2026-12-28', when: 'T-3', overdueBy: 0, provisional: true, outerBound: false },
      { kind: 'review_decision', due: '2026-12-28', when: 'T-3', overdueBy: 0, provisional: true, outerBound: false },
    ]);
    expect(textOf(rows[0]!, 'en', '2026-12-23')).toBe(
      'Reminder: case RB-MOVE01, Office decides whether to review (Art. 9) is due on 2026-12-28 (provisional), in 3 working days.',
    );
    expect(textOf(rows[0]!, 'zh-CN', '2026-12-23')).toBe(
      '提醒：审查事项 RB-MOVE01 的“网络安全审查办公室决定是否审查（第九条）”将于 2026-12-28（暂定） 到期，还有 3 个工作日。',
    );
  });
});

// --- planning tables: a case and a day -> the rows planned, written by hand ---------------------

type Planned = [recipient: string, kind: string, when: string, key: string];
const planned = (k: CaseRecord, day: string): Planned[] =>
  planCaseReminders(k, at(day), settings).map((r) => {
    const p = r.payload as { kind: string; when: string };
    return [r.recipient, p.kind, p.when, r.dedupeKey];
  });
const key = (kind: string, due: string, day: string, who: string, id = 'RB-1') => `deadline:${id}:${kind}:${due}:${day}:${who}`;
const ART9 = 'review_decision';
// Opened Mon 2 Mar 2026 10:00 in Shanghai, nobody assigned: the intake target (5 working days) is Mon 9 Mar.
const opened = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  ...submitted('2026-03-02'),
  status: 'open',
  clock: [],
  analyst: null,
  createdAt: '2026-03-02T02:00:00.000Z',
  ...over,
});

describe('planning table: who is reminded of what, on which day', () => {
  const table: [name: string, k: CaseRecord, day: string, rows: Planned[]][] = [
    [
      'submitted, T-3 (Wed 11 Mar): lead and analyst',
      submitted('2026-03-02'),
      '2026-03-11',
      [
        ['lee', ART9, 'T-3', key(ART9, '2026-03-16', '2026-03-11', 'lee')],
        ['ann', ART9, 'T-3', key(ART9, '2026-03-16', '2026-03-11', 'ann')],
      ],
    ],
    ['Thu 12 Mar: nothing', submitted('2026-03-02'), '2026-03-12', []],
    ['Sat 14 Mar: nothing on a day off', submitted('2026-03-02'), '2026-03-14', []],
    [
      'due today, Mon 16 Mar',
      submitted('2026-03-02'),
      '2026-03-16',
      [
        ['lee', ART9, 'today', key(ART9, '2026-03-16', '2026-03-16', 'lee')],
        ['ann', ART9, 'today', key(ART9, '2026-03-16', '2026-03-16', 'ann')],
      ],
    ],
    [
      'overdue Tue 17 Mar: the overdue reminder',
      submitted('2026-03-02'),
      '2026-03-17',
      [
        ['lee', ART9, 'overdue', key(ART9, '2026-03-16', '2026-03-17', 'lee')],
        ['ann', ART9, 'overdue', key(ART9, '2026-03-16', '2026-03-17', 'ann')],
      ],
    ],
    [
      'still overdue Mon 23 Mar: the same overdue reminder (the same key: nothing new)',
      submitted('2026-03-02'),
      '2026-03-23',
      [
        ['lee', ART9, 'overdue', key(ART9, '2026-03-16', '2026-03-17', 'lee')],
        ['ann', ART9, 'overdue', key(ART9, '2026-03-16', '2026-03-17', 'ann')],
      ],
    ],
    [
      'no team lead: the requester instead of the lead',
      { ...submitted('2026-03-02'), teamLead: null },
      '2026-03-11',
      [
        ['alice', ART9, 'T-3', key(ART9, '2026-03-16', '2026-03-11', 'alice')],
        ['ann', ART9, 'T-3', key(ART9, '2026-03-16', '2026-03-11', 'ann')],
      ],
    ],
    [
      'open, no analyst yet (Wed 4 Mar, T-3 of the intake target): the lead, and the requester instead of the analyst',
      opened(),
      '2026-03-04',
      [
        ['lee', 'intake_target', 'T-3', key('intake_target', '2026-03-09', '2026-03-04', 'lee')],
        ['alice', 'intake_target', 'T-3', key('intake_target', '2026-03-09', '2026-03-04', 'alice')],
      ],
    ],
    [
      'open, no lead and no analyst: the requester, once',
      opened({ teamLead: null }),
      '2026-03-09',
      [['alice', 'intake_target', 'today', key('intake_target', '2026-03-09', '2026-03-09', 'alice')]],
    ],
    [
      'the lead acknowledged the Art. 9 date: the analyst only',
      { ...submitted('2026-03-02'), acknowledgements: [{ kind: ART9, due: '2026-03-16', by: 'lee', at: 'x' }] },
      '2026-03-13',
      [['ann', ART9, 'T-1', key(ART9, '2026-03-16', '2026-03-13', 'ann')]],
    ],
    [
      'an acknowledgement of another date does not count',
      { ...submitted('2026-03-02'), acknowledgements: [{ kind: ART9, due: '2026-03-13', by: 'lee', at: 'x' }] },
      '2026-03-13',
      [
        ['lee', ART9, 'T-1', key(ART9, '2026-03-16', '2026-03-13', 'lee')],
        ['ann', ART9, 'T-1', key(ART9, '2026-03-16', '2026-03-13', 'ann')],
      ],
    ],
    ['ready: no deadline runs, nothing planned', { ...opened({ analyst: 'ann' }), status: 'ready' }, '2026-03-09', []],
  ];
  it.each(table)('%s', (_n, k, day, rows) => {
    expect(planned(k, day)).toEqual(rows);
  });

  it('reminders of a day are due from 09:00 in Shanghai, or at once when planned later', () => {
    expect(planCaseReminders(submitted('2026-03-02'), new Date('2026-03-10T16:00:30Z'), settings)[0]!.dueAt).toBe('2026-03-11T01:00:00.000Z'); // planned 00:00:30
    expect(planCaseReminders(submitted('2026-03-02'), at('2026-03-11'), settings)[0]!.dueAt).toBe(at('2026-03-11').toISOString()); // planned 09:30
  });

  it('an overdue deadline reminds once, however many days the sweep runs', async () => {
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: [submitted('2026-03-02')] });
    const deps = { store, deadlines: settings, log: silentLogger };
    const added = [];
    for (const day of ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-24']) added.push(await planDueReminders(deps, at(day)));
    // today (lead + analyst), the overdue reminder (lead + analyst), then nothing; Mon 23 Mar would add the digest, Tue 24 does not.
    expect(added).toEqual([2 + 1, 2, 0, 0, 0, 0]); // 16 Mar is a Monday: lee's weekly digest too
    await store.close();
  });
});

describe('the weekly digest, as planned on the first working day of the week', () => {
  // Monday 16 March 2026. Team it (lead lee): three active cases, one closed; bob's case has no team lead.
  const cases: CaseRecord[] = [
    { ...submitted('2026-03-02'), id: 'RB-A' }, // Art. 9 due today: due this week, waiting on the Office
    { ...opened({ createdAt: '2026-02-23T02:00:00.000Z' }), id: 'RB-B' }, // intake target: 24–27 Feb and the makeup Sat 28 Feb; 2–16 Mar is 11 working days overdue; nobody assigned
    {
      ...submitted('2026-03-02'),
      id: 'RB-C',
      clock: [
        { type: 'submitted', on: '2026-03-02' },
        { type: 'supplement', on: '2026-03-05' },
      ],
    }, // paused: no date
    { ...opened({ createdAt: '2026-02-23T02:00:00.000Z' }), id: 'RB-D', status: 'closed' },
    { ...opened({ createdAt: '2026-03-10T02:00:00.000Z', analyst: 'ann' }), id: 'RB-E', requester: 'bob', teamLead: null, team: null }, // intake target Tue 17 Mar
  ];
  const digests = async (day: string) => {
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    await planDueReminders({ store, deadlines: settings, log: silentLogger }, at(day));
    const out: Record<string, unknown> = {};
    for (const who of ['lee', 'bob', 'alice', 'ann']) {
      const d = (await store.pendingReminders(who, '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'digest');
      if (d.length) out[who] = d.map((r) => ({ key: r.dedupeKey, caseId: r.caseId, payload: r.payload }));
    }
    await store.close();
    return out;
  };
  const exact = { provisional: false, outerBound: false };

  it('each team lead: overdue, due this week, waiting on whom; a case without a lead goes to its requester', async () => {
    expect(await digests('2026-03-16')).toEqual({
      lee: [
        {
          key: 'digest:2026-03-16:lee',
          caseId: null,
          payload: {
            week: '2026-03-16',
            scope: 'team',
            active: 3,
            more: { overdue: 0, dueThisWeek: 0 },
            overdue: [{ caseId: 'RB-B', kind: 'intake_target', due: '2026-02-28', ...exact, overdueBy: 11, waiting: { type: 'assignment' } }],
            dueThisWeek: [{ caseId: 'RB-A', kind: 'review_decision', due: '2026-03-16', ...exact, overdueBy: 0, waiting: { type: 'office' } }],
          },
        },
      ],
      bob: [
        {
          key: 'digest:2026-03-16:bob',
          caseId: null,
          payload: {
            week: '2026-03-16',
            scope: 'requested',
            active: 1,
            more: { overdue: 0, dueThisWeek: 0 },
            overdue: [],
            dueThisWeek: [{ caseId: 'RB-E', kind: 'intake_target', due: '2026-03-17', ...exact, overdueBy: 0, waiting: { type: 'analyst', analyst: 'ann' } }],
          },
        },
      ],
    });
  });

  it('not on other days of the week', async () => {
    expect(await digests('2026-03-17')).toEqual({});
  });

  it('after a Monday holiday, on the Tuesday (Qingming, 6 Apr 2026)', async () => {
    expect(Object.keys(await digests('2026-04-06'))).toEqual([]);
    expect(Object.keys(await digests('2026-04-07'))).toEqual(['lee', 'bob']);
  });

  it('once per week, however often and wherever it is planned', async () => {
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    const deps = { store, deadlines: settings, log: silentLogger };
    await planDueReminders(deps, at('2026-03-16'));
    await planDueReminders(deps, new Date('2026-03-16T09:00:00Z')); // a restart later that day
    expect((await store.pendingReminders('lee', '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'digest')).toHaveLength(1);
    await store.close();
  });
});
