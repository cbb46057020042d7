import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import { planCaseReminders, renderReminder } from '../../src/scheduler/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const submitted = (on: string): CaseRecord => ({
  id: 'RB-1', createdAt: '2026-02-02T01:00:00.000Z', updatedAt: 'x', status: 'submitted', requester: 'alice', team: 'it', teamLead: 'lee',
  analyst: 'ann', lang: 'en', summary: '', triage: { answers: {}, outcome: 'required', reasons: [] }, intake: {}, submittedOn: on,
  complex: false, authorityOutcome: null,
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
    const rows = planCaseReminders(submitted('2026-03-02'), at(day), 5).filter((r) => (r.payload as { kind: string }).kind === 'review_decision');
    expect(rows.map((r) => [r.recipient, (r.payload as { when: string }).when])).toEqual([['lee', when], ['ann', when]]);
  });

  it('nothing on days in between', () => {
    expect(planCaseReminders(submitted('2026-03-02'), at('2026-03-12'), 5).filter((r) => (r.payload as { kind: string }).kind === 'review_decision')).toEqual([]);
  });

  it('planning the same day twice adds nothing', async () => {
    const store = await openSqliteStore(':memory:');
    const rows = planCaseReminders(submitted('2026-03-02'), at('2026-03-11'), 5);
    expect(await store.scheduleReminders(rows)).toBe(rows.length);
    expect(await store.scheduleReminders(planCaseReminders(submitted('2026-03-02'), at('2026-03-11'), 5))).toBe(0);
    await store.close();
  });

  it('the daily sweep pages through every active case, and a second sweep the same day adds nothing', async () => {
    const store = await openSqliteStore(':memory:');
    const cases = Array.from({ length: 2500 }, (_, i) => ({ ...submitted('2026-03-02'), id: `RB-${String(i).padStart(6, '0')}`, createdAt: `2026-02-02T01:00:${String(i % 60).padStart(2, '0')}.000Z` }));
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    const { planDueReminders } = await import('../../src/scheduler/index.js');
    // 11 March is T-3 for the Office's decision: two recipients per case.
    expect(await planDueReminders(store, at('2026-03-11'), 5)).toBe(2500 * 2);
    expect(await planDueReminders(store, at('2026-03-11'), 5)).toBe(0);
    await store.close();
  });

  it('renders in both languages', () => {
    const r = { ...planCaseReminders(submitted('2026-03-02'), at('2026-03-13'), 5)[0]!, id: 1, claimedBy: null, claimedUntil: null, sentAt: null, attempts: 0 };
    expect(renderReminder(r, 'en')[0]).toMatchObject({ text: 'Reminder: case RB-1, Office decides whether to review (Art. 9) is due 2026-03-16 (next working day).' });
    expect((renderReminder(r, 'zh-CN')[0] as { text: string }).text).toMatch(/^提醒：案件 RB-1/);
  });
});
