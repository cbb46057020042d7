import { describe, expect, it } from 'vitest';
import { announcementOf, caseDeadlines, type CaseRecord, type DigestItem } from '../../src/domain/index.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { digestReminder } from '../../src/runtime/index.js';
import { planDueReminders, SWEEP_PAGE, sweepCase } from '../../src/scheduler/index.js';
import { openSqliteStore, type NewReminder, type Store } from '../../src/store/index.js';
import { packageCalendar, settingsWith } from '../support/calendars.js';

// The daily sweep works through the store a page at a time and writes each page in a few
// statements. Whatever the paging and batching, it must plan what planning each case on its own
// plans (sweepCase), with every digest as if all its items had been held at once.

const settings = settingsWith(packageCalendar);
const MONDAY = new Date('2026-03-16T01:30:00Z'); // 09:30 in Shanghai: the digest's day
const ACTIVE = new Set(['open', 'intake', 'ready', 'submitted']);

const base = (i: number): CaseRecord => ({
  id: `RB-${String(i).padStart(4, '0')}`,
  // Twelve instants for all cases: pages end inside runs of cases opened at the same instant.
  createdAt: `2026-${['02-20', '02-24', '02-27', '03-02', '03-04', '03-06', '03-09', '03-10', '03-11', '03-12', '03-13', '03-16'][i % 12]}T02:00:00.000Z`,
  updatedAt: `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
  status: (['open', 'open', 'intake', 'submitted', 'ready', 'closed'] as const)[i % 6]!,
  requester: `req-${i % 5}`,
  team: 'it',
  teamLead: i % 7 === 0 ? null : `lead-${i % 3}`,
  analyst: i % 4 === 0 ? null : `ann-${i % 2}`,
  lang: 'en',
  summary: `case ${i}`,
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock:
    i % 6 === 3
      ? [
          { type: 'submitted', on: ['2026-02-27', '2026-03-02', '2026-03-03', '2026-03-05'][i % 4]! },
          ...(i % 5 === 0 ? [{ type: 'supplement' as const, on: '2026-03-06' }] : []),
        ]
      : [],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
});

/** Cases of every shape the sweep meets: announced, never announced, moved, acknowledged, without lead or analyst. */
function cases(n: number): CaseRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const k = base(i);
    const d = caseDeadlines(k, settings);
    const deadlines = d.ok ? d.value : [];
    const announced = announcementOf(deadlines);
    return {
      ...k,
      announcedDeadlines: i % 3 === 0 ? null : i % 3 === 1 ? announced : announced.map((a, j) => (j === 0 ? { ...a, due: '2026-01-05' } : a)),
      acknowledgements:
        i % 11 === 0 && deadlines[0] ? [{ kind: deadlines[0].kind, due: deadlines[0].due, by: k.teamLead ?? k.requester, at: k.updatedAt }] : [],
    };
  });
}

const people = (ks: readonly CaseRecord[]) => [...new Set(ks.flatMap((k) => [k.requester, k.teamLead, k.analyst]).filter((p): p is string => !!p))];

/** Every unsent row the store holds for these people, as planned (no ids or claims), by key. */
async function planned(store: Store, who: readonly string[]): Promise<NewReminder[]> {
  const rows = (await Promise.all(who.map((p) => store.pendingReminders(p, '2100-01-01T00:00:00.000Z')))).flat();
  return rows.map(({ dedupeKey, caseId, recipient, kind, dueAt, payload }) => ({ dedupeKey, caseId, recipient, kind, dueAt, payload })).sort(byKey);
}
const byKey = (a: NewReminder, b: NewReminder) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0);

/** What the sweep should plan: each active case on its own, and each digest from all its items at once. */
function expected(stored: readonly CaseRecord[], now: Date) {
  const sweeps = stored.filter((k) => ACTIVE.has(k.status)).map((k) => ({ k, s: sweepCase(k, now, settings, true) }));
  const digests = new Map<string, { scope: 'team' | 'requested'; overdue: DigestItem[]; dueThisWeek: DigestItem[]; active: number }>();
  for (const { s } of sweeps) {
    if (!s.digest) continue;
    const d = digests.get(s.digest.recipient) ?? { scope: s.digest.scope, overdue: [], dueThisWeek: [], active: 0 };
    if (s.digest.scope === 'team') d.scope = 'team';
    d.overdue.push(...s.digest.overdue);
    d.dueThisWeek.push(...s.digest.dueThisWeek);
    d.active++;
    digests.set(s.digest.recipient, d);
  }
  const rows = [
    ...sweeps.flatMap(({ s }) => [...s.reminders, ...s.moved]),
    ...[...digests].map(([who, d]) => digestReminder(who, '2026-03-16', d.scope, d, d.active, now.toISOString())),
  ];
  return { rows: rows.sort(byKey), sweeps };
}

describe('the daily sweep, page by page', () => {
  it('plans exactly what each case planned on its own plans, across page boundaries, and nothing the second time', async () => {
    const all = cases(SWEEP_PAGE * 2 + 37);
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: all });
    const stored = await Promise.all(all.map(async (k) => (await store.getCase(k.id))!));
    const want = expected(stored, MONDAY);
    // The data covers what it should: digests longer than they list, moved dates, every kind of row.
    expect(new Set(want.rows.map((r) => r.kind))).toEqual(new Set(['deadline', 'deadline_moved', 'digest']));
    expect(want.sweeps.filter(({ s }) => s.digest).length).toBeGreaterThan(100);

    const deps = { store, deadlines: settings, log: silentLogger };
    expect(await planDueReminders(deps, MONDAY)).toBe(want.rows.length);
    expect(await planned(store, people(all))).toEqual(want.rows);
    for (const { k, s } of want.sweeps) {
      expect(await store.getCase(k.id)).toEqual(s.update ? s.update.case : k);
      expect((await store.auditOf(k.id)).map((a) => a.after)).toEqual(s.audit.map((a) => a.after));
    }
    expect(await planDueReminders(deps, MONDAY)).toBe(0);
    await store.close();
  });

  it('a case someone changes while its page is swept keeps their change; the rest of the page is saved, and the case is announced next time', async () => {
    const all = cases(SWEEP_PAGE + 10).map((k) => ({ ...k, announcedDeadlines: null }));
    const store = await openSqliteStore(':memory:');
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: all });
    let victim: CaseRecord | null = null;
    // A person edits a case of the first page between the sweep's read and its write.
    const racing: Store = {
      ...store,
      listCases: async (q) => {
        const page = await store.listCases(q);
        if (!victim) {
          victim = page.find((k) => k.status === 'open' && sweepCase(k, MONDAY, settings).reminders.length > 0)!;
          const edited = { ...victim, summary: 'edited meanwhile', updatedAt: '2026-03-16T01:00:00.000Z' };
          expect(await store.saveCases({ updates: [{ case: edited, expectedUpdatedAt: victim.updatedAt }] })).toBe('ok');
        }
        return page;
      },
    };
    await planDueReminders({ store: racing, deadlines: settings, log: silentLogger }, MONDAY);
    const v = victim as CaseRecord | null;
    if (!v) throw new Error('no case was listed');
    expect(await store.getCase(v.id)).toMatchObject({ summary: 'edited meanwhile', announcedDeadlines: null });
    const others = all.filter((k) => k.id !== v.id && ACTIVE.has(k.status));
    for (const k of others) expect((await store.getCase(k.id))?.announcedDeadlines).not.toBeNull();
    // Its reminders went out with the page all the same (they rest on its dates, not on the edit).
    expect((await store.pendingReminders(v.teamLead ?? v.requester, '2100-01-01T00:00:00.000Z')).some((r) => r.caseId === v.id)).toBe(true);
    await planDueReminders({ store, deadlines: settings, log: silentLogger }, MONDAY);
    expect(await store.getCase(v.id)).toMatchObject({ summary: 'edited meanwhile', announcedDeadlines: [expect.objectContaining({ kind: 'intake_target' })] });
    await store.close();
  });
});
