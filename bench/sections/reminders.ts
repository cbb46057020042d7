import sqlite3 from 'sqlite3';
import { openSqliteStore } from '../../src/store/index.js';
import { progress } from '../lib/progress.js';
import { below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { SEED_NOW, seededDatabase, seedRequester } from '../lib/seed.js';
import { median, percentile, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 4. Reminders: the scheduler's scan (store.claimDueReminders) and a person's pending list
// (store.pendingReminders) over 100,000 open cases, the plan SQLite uses, and the same scan
// with the index switched off, to show what the partial index `reminders_due` is worth.

const CASES = 100_000;
const BATCH = 100; // the scheduler's default batch (src/scheduler/deliver.ts)
const LEASE_MS = 60_000;

// The scan's row selection, as in src/store/sqlite.ts claimDueReminders.
const SCAN_SELECT = `SELECT id FROM reminders WHERE sent_at IS NULL AND due_at <= ?
  AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at LIMIT ?`;
const CLAIM = `UPDATE reminders SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
  WHERE id IN (${SCAN_SELECT}) RETURNING *`;
const PENDING = 'SELECT * FROM reminders WHERE recipient = ? AND sent_at IS NULL AND due_at <= ? ORDER BY due_at';

type Raw = sqlite3.Database;
const all = <T>(db: Raw, sql: string, params: unknown[] = []) =>
  new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));

export async function queryPlan(db: Raw, sql: string, params: unknown[]): Promise<string[]> {
  const rows = await all<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`, params);
  return rows.map((r) => r.detail);
}

export async function remindersSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('reminders');
  const tmp = tempDir('reminders');
  const path = tmp.file('reminders-100k.sqlite');
  say(`seeding ${CASES} open cases with reminders (setup, not timed)`);
  const seed = await seededDatabase(path, CASES);
  say(
    `seeded ${seed.reminders} reminders (${seed.unsentReminders} unsent, ${seed.dueNow} due now) in ${(seed.ms / 1000).toFixed(1)} s${seed.fromCache ? ' (copied)' : ''}`,
  );

  const store = await openSqliteStore(path);
  const reps = opts.quick ? 20 : 60;
  const at = (i: number) => new Date(SEED_NOW.getTime() + i * (LEASE_MS + 1_000)).toISOString();

  // Warm-up: the first scans read the index pages from disk into the cache.
  for (let i = 0; i < 5; i++) await store.claimDueReminders(at(i), 'bench-warmup', LEASE_MS, BATCH);

  // Steady state: every scan finds due rows whose previous lease has expired, claims a full batch.
  const claimMs: number[] = [];
  let claimed = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const rows = await store.claimDueReminders(at(10 + i), 'bench-scheduler', LEASE_MS, BATCH);
    claimMs.push(performance.now() - t0);
    claimed += rows.length;
  }
  // The common tick: nothing is due (a minute before the earliest due reminder).
  const earliest = new Date(SEED_NOW.getTime() - 10 * 86_400_000).toISOString();
  const emptyMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await store.claimDueReminders(earliest, 'bench-scheduler', LEASE_MS, BATCH);
    emptyMs.push(performance.now() - t0);
  }
  // A person's list (App Home, `review-bot cases`): what is pending for them in the next week.
  const weekAhead = new Date(SEED_NOW.getTime() + 7 * 86_400_000).toISOString();
  const pendingMs: number[] = [];
  let pendingRows = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const rows = await store.pendingReminders(seedRequester(i * 37), weekAhead);
    pendingMs.push(performance.now() - t0);
    pendingRows += rows.length;
  }
  await store.close();
  say(
    `claim scan median ${median(claimMs).toFixed(2)} ms (${claimed / reps} rows each), empty ${median(emptyMs).toFixed(3)} ms, pending ${median(pendingMs).toFixed(3)} ms`,
  );

  // The plans, and the same row selection with the index unused (NOT INDEXED) for contrast.
  const db = await new Promise<Raw>((resolve, reject) => {
    const d = new sqlite3.Database(path, (e) => (e ? reject(e) : resolve(d)));
  });
  const now = at(1000);
  const scanPlan = await queryPlan(db, SCAN_SELECT, [now, now, BATCH]);
  const claimPlan = await queryPlan(db, CLAIM, ['o', now, now, now, BATCH]);
  const pendingPlan = await queryPlan(db, PENDING, [seedRequester(1), weekAhead]);
  const usesIndex = scanPlan.some((d) => d.includes('reminders_due')) && claimPlan.some((d) => d.includes('reminders_due'));
  const noIndexMs: number[] = [];
  const indexedSelectMs: number[] = [];
  const noIndexSql = SCAN_SELECT.replace('FROM reminders', 'FROM reminders NOT INDEXED');
  for (let i = 0; i < Math.min(reps, opts.quick ? 5 : 15); i++) {
    let t0 = performance.now();
    await all(db, noIndexSql, [now, now, BATCH]);
    noIndexMs.push(performance.now() - t0);
    t0 = performance.now();
    await all(db, SCAN_SELECT, [now, now, BATCH]);
    indexedSelectMs.push(performance.now() - t0);
  }
  await new Promise<void>((resolve) => db.close(() => resolve()));
  tmp.dispose();
  say(`plan: ${scanPlan.join(' / ')}; without the index ${median(noIndexMs).toFixed(1)} ms`);

  const scan = median(claimMs);
  const rows: Row[] = [
    {
      section: 'reminders',
      metric: `claim scan, 100k cases (batch ${BATCH}, median)`,
      value: round(scan, 3),
      unit: 'ms',
      target: '< 50 ms',
      met: below(scan, 50),
    },
    { section: 'reminders', metric: 'claim scan p99', value: round(percentile(claimMs, 99), 3), unit: 'ms' },
    { section: 'reminders', metric: 'scan with nothing due', value: round(median(emptyMs), 3), unit: 'ms' },
    { section: 'reminders', metric: 'pendingReminders(person, +7 days)', value: round(median(pendingMs), 3), unit: 'ms' },
    {
      section: 'reminders',
      metric: 'scan SELECT with index / NOT INDEXED',
      value: `${round(median(indexedSelectMs), 3)} / ${round(median(noIndexMs), 1)}`,
      unit: 'ms',
    },
    { section: 'reminders', metric: 'plan uses reminders_due', value: usesIndex ? 'yes' : 'NO', target: 'yes', met: usesIndex },
  ];
  return {
    rows,
    notes: [
      `${CASES} open cases, ${seed.unsentReminders} unsent + ${seed.reminders - seed.unsentReminders} sent reminders, ${seed.dueNow} due at the scan time; each scan claims up to ${BATCH} rows for ${LEASE_MS / 1000} s and is timed through the store (one transaction: UPDATE .. WHERE id IN (SELECT .. ORDER BY due_at LIMIT ${BATCH}) RETURNING *).`,
      `Index: reminders_due ON reminders(due_at) WHERE sent_at IS NULL (src/store/migrations.ts); plan of the scan: ${scanPlan.join(' / ')}.`,
      `pendingReminders plan: ${pendingPlan.join(' / ')}.`,
    ],
    data: {
      scan_ms_100k: round(scan, 3),
      scan_p99_ms_100k: round(percentile(claimMs, 99), 3),
      rows_claimed_per_scan: claimed / reps,
      empty_scan_ms_100k: round(median(emptyMs), 3),
      pending_ms_100k: round(median(pendingMs), 3),
      pending_rows_per_call: round(pendingRows / reps, 1),
      select_ms_indexed: round(median(indexedSelectMs), 3),
      select_ms_not_indexed: round(median(noIndexMs), 2),
      index: 'reminders_due ON reminders(due_at) WHERE sent_at IS NULL',
      uses_index: usesIndex,
      plan_scan: scanPlan,
      plan_claim: claimPlan,
      plan_pending: pendingPlan,
      cases: CASES,
      reminders_total: seed.reminders,
      reminders_unsent: seed.unsentReminders,
      reminders_due: seed.dueNow,
      seed_ms: round(seed.ms, 0),
    },
  };
}
