import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import type { Logger } from '../../src/runtime/logger.js';
import { dailyPlanKey, startScheduler, type Scheduler } from '../../src/scheduler/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { packageCalendar, settingsWith, withSynthetic2027 } from '../support/calendars.js';

const settings = settingsWith(packageCalendar);

// The daily planning sweep is claimed in the store, not remembered in one process: of three
// instances on one database exactly one plans each day, and a planner that died is replaced.

const submitted: CaseRecord = {
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
  clock: [{ type: 'submitted', on: '2026-03-02' }],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
};

let stores: Store[] = [];
let schedulers: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.map((s) => s.stop()));
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
  schedulers = [];
});

async function threeInstances(clock: () => Date, deadlines = settings, on?: string) {
  const path = on ?? join(mkdtempSync(join(tmpdir(), 'rb-daily-')), 'db.sqlite');
  const planned: { instance: number; day: unknown; added: unknown }[] = [];
  const mine: Scheduler[] = [];
  const opened: Store[] = [];
  for (let i = 0; i < 3; i++) {
    const store = await openSqliteStore(path);
    opened.push(store);
    const log: Logger = {
      info: (event, fields) => {
        if (event === 'reminders.planned') planned.push({ instance: i, day: fields?.day, added: fields?.added });
      },
      warn: () => {},
      error: (event, fields) => {
        throw new Error(`${event}: ${String(fields?.err)}`);
      },
    };
    // No platform here: planned rows stay pending (deferred), which is what these tests count.
    const present = async () => ({ type: 'send' as const, lang: 'en' as const, messages: [] });
    mine.push(startScheduler({ store, adapters: [], clock, log, deadlines, present, everyMs: 1e9, owner: `instance-${i}` }));
  }
  stores.push(...opened);
  schedulers.push(...mine);
  if (!on) await opened[0]!.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: [submitted] });
  const tickAll = () => Promise.all(mine.map((s) => s.tick()));
  return { planned, tickAll, store: opened[0]!, path };
}

describe('the daily planning sweep across instances', () => {
  it('is done by exactly one of three instances each day', async () => {
    let now = new Date('2026-03-11T01:30:00Z'); // T-3 for the Office's decision on a case submitted 2 March
    const { planned, tickAll, store } = await threeInstances(() => now);
    await tickAll();
    await tickAll();
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ day: '2026-03-11', added: 2 });
    expect((await store.pendingReminders('lee', '2026-03-12T00:00:00.000Z')).map((r) => r.dedupeKey)).toHaveLength(1);
    now = new Date('2026-03-13T01:30:00Z'); // T-1
    await tickAll();
    await tickAll();
    expect(planned.map((p) => p.day)).toEqual(['2026-03-11', '2026-03-13']);
  });

  it('a planner that died holding the claim is replaced after its lease', async () => {
    let now = new Date('2026-03-11T01:30:00Z');
    const { planned, tickAll, store } = await threeInstances(() => now);
    expect(await store.claimRun(dailyPlanKey('2026-03-11', settings), 'crashed-instance', now.toISOString(), 15 * 60_000)).toBe('claimed');
    await tickAll();
    expect(planned).toEqual([]); // the claim is live: nobody else plans
    now = new Date(now.getTime() + 16 * 60_000);
    await tickAll();
    await tickAll();
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ day: '2026-03-11', added: 2 });
  });

  it('instances restarted with a new operator calendar sweep again that day, once', async () => {
    const now = new Date('2026-03-11T01:30:00Z');
    const first = await threeInstances(() => now);
    await first.tickAll();
    expect(first.planned).toHaveLength(1);
    // The same database, three more instances on a calendar with an operator file laid over it.
    const later = await threeInstances(() => now, settingsWith(withSynthetic2027()), first.path);
    await later.tickAll();
    await later.tickAll();
    expect(later.planned).toHaveLength(1);
    await first.tickAll();
    expect(first.planned).toHaveLength(1);
  });
});
