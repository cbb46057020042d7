import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import { planCaseReminders, planDueReminders, renderReminder, sweepCase } from '../../src/scheduler/index.js';
import { openSqliteStore, type Reminder } from '../../src/store/index.js';
import { silentLogger, type Logger } from '../../src/runtime/logger.js';
import { packageCalendar, settingsWith, withSynthetic2027 } from '../support/calendars.js';

const settings = settingsWith(packageCalendar);

const submitted = (on: string): CaseRecord => ({
  id: 'RB-1', createdAt: '2026-02-02T01:00:00.000Z', updatedAt: 'x', status: 'submitted', requester: 'alice', team: 'it', teamLead: 'lee',
  analyst: 'ann', lang: 'en', summary: '', triage: { answers: {}, outcome: 'required', reasons: [] }, intake: {},
  clock: [{ type: 'submitted', on }], announcedDeadlines: null, acknowledgements: [], authorityOutcome: null,
});
// Submitted Monday 2 March 2026: the Office decides by Monday 16 March (10 working days).
const at = (day: string) => new Date(`${day}T01:30:00Z`); // 09:30 in Shanghai

describe('deadline reminders', () => {
  it.each([
    ['T-3: Wednesday 11 March', '2026-03-11', 'T-3'],
    ['T-1: Friday 13 March (the weekend does not count)', '2026-03-13', 'T-1'],
    ['due today', '2026-03-16', 'today'],
    ['overdue the next day', '2026-03-17', 'overdue'],
  ])('%s', (_n, day, when) => {
    const rows = planCaseReminders(submitted('2026-03-02'), at(day), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision');
    expect(rows.map((r) => [r.recipient, (r.payload as { when: string }).when])).toEqual([['lee', when], ['ann', when]]);
  });

  it('nothing on days in between', () => {
    expect(planCaseReminders(submitted('2026-03-02'), at('2026-03-12'), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision')).toEqual([]);
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
    const cases = Array.from({ length: 2500 }, (_, i) => ({ ...submitted('2026-03-02'), id: `RB-${String(i).padStart(6, '0')}`, createdAt: `2026-02-02T01:00:${String(i % 60).padStart(2, '0')}.000Z` }));
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    // 11 March is T-3 for the Office's decision: two recipients per case.
    const deps = { store, deadlines: settings, log: silentLogger };
    expect(await planDueReminders(deps, at('2026-03-11'))).toBe(2500 * 2);
    expect(await planDueReminders(deps, at('2026-03-11'))).toBe(0);
    await store.close();
  });

  it('renders in both languages', () => {
    const r = { ...planCaseReminders(submitted('2026-03-02'), at('2026-03-13'), settings)[0]!, id: 1, claimedBy: null, claimedUntil: null, sentAt: null, attempts: 0 };
    expect(renderReminder(r, 'en')[0]).toMatchObject({ text: 'Reminder: case RB-1, Office decides whether to review (Art. 9) is due 2026-03-16 (next working day).' });
    expect((renderReminder(r, 'zh-CN')[0] as { text: string }).text).toMatch(/^提醒：案件 RB-1/);
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
  const asReminder = (r: { dedupeKey: string; caseId: string | null; recipient: string; kind: string; dueAt: string; payload: unknown }): Reminder =>
    ({ ...r, id: 1, claimedBy: null, claimedUntil: null, sentAt: null, attempts: 0 });

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
      expect(moved.map((r) => r.payload)).toContainEqual({ kind: 'review_decision', from: '2026-12-28', to: '2026-12-26', wasProvisional: true, provisional: false });
      // 30 working days after the Art. 9 date, as an outer bound: 11 Feb 2027 provisionally (29–31 Dec,
      // 4–29 Jan, 1–4 and 9–11 Feb), 13 Feb with the file (28–31 Dec, 4–29 Jan, 1–4, 12 and Sat 13 Feb).
      expect(moved.map((r) => r.payload)).toContainEqual({ kind: 'preliminary_review', from: '2027-02-11', to: '2027-02-13', wasProvisional: true, provisional: false });
      expect(new Set(moved.map((r) => (r.payload as { kind: string }).kind))).toEqual(new Set(['review_decision', 'preliminary_review', 'members_reply', 'special_review']));
    }
    const stored = await store.getCase(k.id);
    expect(stored?.announcedDeadlines?.[0]).toEqual({ kind: 'review_decision', due: '2026-12-26', provisional: false });
    expect((await store.auditOf(k.id)).map((a) => [a.action, a.actor])).toEqual([['case.deadlines_moved', 'review-bot']]);
    expect(lines).toContainEqual({ event: 'deadlines.moved', fields: { day: '2026-12-15', cases: 1 } });
    await store.close();
  });

  it('the notice reads in both languages, provisional dates marked', () => {
    const announced = sweepCase(k, day, settings).update!.case;
    const moved = sweepCase(announced, day, settingsWith(withSynthetic2027())).moved.find((r) => r.recipient === 'alice' && (r.payload as { kind: string }).kind === 'review_decision')!;
    expect(renderReminder(asReminder(moved), 'en')[0]).toMatchObject({
      text: 'Case RB-MOVE01: Office decides whether to review (Art. 9) moved from 2026-12-28 (provisional) to 2026-12-26, because the working-day calendar changed.',
    });
    expect(renderReminder(asReminder(moved), 'zh-CN')[0]).toMatchObject({
      text: '审查事项 RB-MOVE01：审查办公室决定是否审查（第九条）由 2026-12-28（暂定） 调整为 2026-12-26（工作日日历已更新）。',
    });
  });

  it('reminders are planned for provisional dates too, and say so', () => {
    // Due Mon 28 Dec 2026 (provisional): T-3 is Wed 23 Dec (24, 25, 28 Dec).
    const rows = planCaseReminders(k, at('2026-12-23'), settings).filter((r) => (r.payload as { kind: string }).kind === 'review_decision');
    expect(rows.map((r) => r.payload)).toEqual([
      { kind: 'review_decision', due: '2026-12-28', when: 'T-3', overdueBy: 0, provisional: true, outerBound: false },
      { kind: 'review_decision', due: '2026-12-28', when: 'T-3', overdueBy: 0, provisional: true, outerBound: false },
    ]);
    expect((renderReminder(asReminder(rows[0]!), 'en')[0] as { text: string }).text).toBe('Reminder: case RB-MOVE01, Office decides whether to review (Art. 9) is due 2026-12-28 (provisional) (in 3 working days).');
  });
});
