import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { planDueReminders } from '../../src/scheduler/plan.js';
import { packageCalendar, settingsWith } from '../support/calendars.js';
import { aCase } from '../support/fixtures.js';
import { silentLogger } from '../../src/runtime/index.js';
import { openSqliteStore, type NewReminder } from '../../src/store/index.js';

const WORKER = fileURLToPath(new URL('../support/scheduler-worker.ts', import.meta.url));
const run = (args: string[]) =>
  new Promise<number | null>((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('error', reject);
    c.on('close', resolve);
  });

const reminders = (n: number): NewReminder[] =>
  Array.from({ length: n }, (_, i) => ({
    dedupeKey: `r${i}`,
    caseId: `RB-${i}`,
    recipient: 'lee',
    kind: 'deadline_t3',
    dueAt: '2026-03-02T00:00:00.000Z',
    payload: {},
  }));

describe('reminder delivery', () => {
  it('two scheduler processes on one database deliver every reminder exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-sched-'));
    const db = join(dir, 'db.sqlite');
    const out = join(dir, 'delivered.txt');
    writeFileSync(out, '');
    const store = await openSqliteStore(db);
    await store.touchPerson('lee', 'slack', { channel: 'D1' }, '2026-03-01T00:00:00.000Z');
    await store.scheduleReminders(reminders(150));
    await store.close();

    const codes = await Promise.all([run([db, out, 'one']), run([db, out, 'two'])]);
    expect(codes).toEqual([0, 0]);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const keys = lines.map(([k]) => k);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
    // Both processes took part, so the claims really were contested.
    expect(new Set(lines.map(([, owner]) => owner)).size).toBe(2);
  }, 60_000);

  it('two schedulers planning and delivering the same days: each reminder and digest exactly once, an overdue deadline once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-sched-'));
    const db = join(dir, 'db.sqlite');
    const out = join(dir, 'delivered.txt');
    writeFileSync(out, '');
    const store = await openSqliteStore(db);
    // 60 cases submitted Mon 2 Mar (Art. 9 due Mon 16 Mar), five leads, seven analysts; every 4th case has no lead,
    // so its requester is reminded in the lead's place and gets the digest.
    const cases = Array.from({ length: 60 }, (_, i) =>
      aCase({
        id: `RB-${String(i).padStart(6, '0')}`,
        createdAt: `2026-03-02T02:00:${String(i).padStart(2, '0')}.000Z`,
        status: 'submitted',
        requester: `r${i}`,
        teamLead: i % 4 === 0 ? null : `lead${i % 5}`,
        analyst: `analyst${i % 7}`,
        clock: [{ type: 'submitted', on: '2026-03-02' }],
      }),
    );
    await store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: cases });
    const people = new Set(cases.flatMap((k) => [k.requester, k.teamLead, k.analyst].filter((x): x is string => !!x)));
    for (const p of people) await store.touchPerson(p, 'slack', { user: p }, '2026-03-01T00:00:00.000Z');
    await store.close();

    const day = async (instant: string) => {
      const codes = await Promise.all([run([db, out, `one-${instant}`, instant]), run([db, out, `two-${instant}`, instant])]);
      expect(codes).toEqual([0, 0]);
    };
    const delivered = () =>
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]!);
    // Mon 16 Mar: "due today" to two people per case (120), and the week's digests: five leads, 15 requesters.
    await day('2026-03-16T02:00:00Z');
    expect(delivered()).toHaveLength(140);
    expect(new Set(delivered()).size).toBe(140);
    expect(delivered().filter((k) => k.startsWith('digest:2026-03-16:'))).toHaveLength(20);
    expect(
      new Set(
        readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('\t')[1]),
      ),
    ).toEqual(new Set(['one-2026-03-16T02:00:00Z', 'two-2026-03-16T02:00:00Z']));
    // Wed 18 Mar (nobody ran on Tuesday): the one overdue reminder per person and case, named by Tue 17 Mar.
    await day('2026-03-18T02:00:00Z');
    const after = delivered().slice(140);
    expect(after).toHaveLength(120);
    expect(after.every((k) => k.includes(':review_decision:2026-03-16:2026-03-17:'))).toBe(true);
    expect(new Set(delivered()).size).toBe(260);
    // Thu 19 Mar: nothing new to plan, nothing left to deliver.
    const again = await openSqliteStore(db);
    expect(await planDueReminders({ store: again, deadlines: settingsWith(packageCalendar), log: silentLogger }, new Date('2026-03-19T02:00:00Z'))).toBe(0);
    expect(await again.claimDueReminders('2026-03-20T00:00:00.000Z', 'check', 60_000, 10)).toEqual([]);
    await again.close();
  }, 60_000);

  it('a failed delivery is retried later with backoff, and only then marked sent', async () => {
    const store = await openSqliteStore(':memory:');
    await store.touchPerson('lee', 'slack', {}, 'x');
    await store.scheduleReminders(reminders(1));
    let fail = true;
    const sent: string[] = [];
    const adapter = {
      platform: 'slack' as const,
      mount: () => {},
      deliver: async () => {
        if (fail) throw new Error('slack down');
        sent.push('ok');
      },
    };
    let now = new Date('2026-03-02T01:00:00Z');
    const tick = () =>
      deliverDue({
        store,
        adapters: [adapter],
        clock: () => now,
        log: silentLogger,
        owner: 'a',
        present: async () => ({ type: 'send', lang: 'en', messages: [] }),
      });
    expect(await tick()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    expect(await tick()).toMatchObject({ claimed: 0 }); // backing off
    fail = false;
    now = new Date(now.getTime() + 61_000);
    expect(await tick()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await tick()).toMatchObject({ claimed: 0 });
    expect(sent).toEqual(['ok']);
    await store.close();
  });

  it('a person with no platform served here is deferred, not lost', async () => {
    const store = await openSqliteStore(':memory:');
    await store.touchPerson('lee', 'terminal', null, 'x');
    await store.scheduleReminders(reminders(1));
    const now = new Date('2026-03-02T01:00:00Z');
    const r = await deliverDue({
      store,
      adapters: [],
      clock: () => now,
      log: silentLogger,
      owner: 'a',
      present: async () => ({ type: 'send', lang: 'en', messages: [] }),
    });
    expect(r).toMatchObject({ claimed: 1, deferred: 1 });
    expect(await store.pendingReminders('lee', '2026-03-03T00:00:00.000Z')).toHaveLength(1);
    await store.close();
  });
});
