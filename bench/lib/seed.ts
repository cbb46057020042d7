import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { CaseRecord, CaseStatus } from '../../src/domain/case.js';
import { openSqliteStore } from '../../src/store/index.js';
import { rng } from './stats.js';

// A database with N open cases and their reminders, written fast: the real schema (the store
// runs its migrations), then one transaction of multi-row INSERTs on the raw sqlite3 connection.
//
// Per case: 1 audit row, 3 unsent reminders (requester T-3 and T-1, team lead on the due day)
// and 1 reminder already sent (history the partial index leaves out).

/** The instant the reminder scans use as "now". */
export const SEED_NOW = new Date('2026-03-02T01:00:00.000Z');
const DAY = 86_400_000;
/** People who file cases; bench conversations use the same keys, so `status` lists real rows. */
export const SEED_PEOPLE = 2_000;
export const seedRequester = (i: number) => `terminal:bench-user-${i % SEED_PEOPLE}`;
const TEAMS = 50;
const ANALYSTS = 20;
/** Reminder due dates spread over [-1 day, +60 days) around SEED_NOW: about 1 in 61 is due. */
const SPREAD_DAYS = 61;

export type SeedInfo = { cases: number; reminders: number; unsentReminders: number; dueNow: number; ms: number };

function caseRecord(i: number, random: () => number): CaseRecord {
  const created = new Date(SEED_NOW.getTime() - Math.floor(random() * 730 * DAY)).toISOString();
  const statuses: CaseStatus[] = ['open', 'open', 'open', 'intake', 'ready'];
  const outcome = random() < 0.6 ? 'required' : 'assess';
  return {
    id: `RB-S${i.toString(36).toUpperCase().padStart(6, '0')}`,
    createdAt: created,
    updatedAt: created,
    status: statuses[i % statuses.length]!,
    requester: seedRequester(i),
    team: `team-${i % TEAMS}`,
    teamLead: `terminal:lead-${i % TEAMS}`,
    analyst: i % 3 === 0 ? null : `terminal:analyst-${i % ANALYSTS}`,
    lang: i % 2 ? 'en' : 'zh-CN',
    summary: i % 2 ? `${10 + (i % 40)} core routers for the provincial backbone` : `采购${10 + (i % 40)}台核心路由器`,
    triage: {
      answers: { matter: 'purchase', category: 'core_network_equipment', ciio: 'yes', affects_national_security: outcome === 'required' ? 'yes' : 'unsure' },
      outcome,
      reasons:
        outcome === 'required'
          ? [
              { id: 'affects_yes', citation: { source: 'measures_2022', articles: [5] } },
              { id: 'supplier_commitments', citation: { source: 'measures_2022', articles: [6] } },
            ]
          : [{ id: 'affects_unsure', citation: { source: 'measures_2022', articles: [5, 10] } }],
    },
    intake: {},
    clock: [],
    announcedDeadlines: null,
    acknowledgements: [],
    warnings: [],
    countersign: null,
    authorityOutcome: null,
  };
}

const run = (db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const get = <T>(db: sqlite3.Database, sql: string, params: unknown[] = []) =>
  new Promise<T>((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T))));

async function insertRows(db: sqlite3.Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.floor(999 / columns.length); // stays under the oldest SQLite parameter limit
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += perStatement) {
    const chunk = rows.slice(at, at + perStatement);
    await run(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** Create `path` with `cases` seeded cases (schema by the real store). */
export async function seedDatabase(path: string, cases: number, seed = 7): Promise<SeedInfo> {
  const t0 = performance.now();
  await (await openSqliteStore(path)).close(); // schema + migrations, as the application creates them
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(d)));
  });
  const random = rng(seed);
  await run(db, 'PRAGMA journal_mode = WAL');
  // Setup only: a large page cache keeps index inserts in memory; the final checkpoint makes it durable.
  await run(db, 'PRAGMA cache_size = -524288');
  await run(db, 'PRAGMA synchronous = OFF');
  await run(db, 'BEGIN IMMEDIATE');
  const CHUNK = 10_000;
  let reminders = 0;
  for (let from = 0; from < cases; from += CHUNK) {
    const caseRows: unknown[][] = [];
    const auditRows: unknown[][] = [];
    const reminderRows: unknown[][] = [];
    for (let i = from; i < Math.min(cases, from + CHUNK); i++) {
      const k = caseRecord(i, random);
      caseRows.push([k.id, k.status, k.requester, k.team, k.analyst, k.createdAt, k.updatedAt, JSON.stringify(k)]);
      auditRows.push([k.id, k.createdAt, k.requester, 'case.open', 'null', JSON.stringify({ status: 'open' })]);
      const due = SEED_NOW.getTime() - DAY + Math.floor(random() * SPREAD_DAYS * DAY);
      const planned: [string, string, number, string | null][] = [
        [k.requester, 'intake_due:T-3', due - 3 * DAY, null],
        [k.requester, 'intake_due:T-1', due - DAY, null],
        [k.teamLead!, 'intake_due:lead', due, null],
        [k.requester, 'case_opened', new Date(k.createdAt).getTime(), k.createdAt],
      ];
      for (const [recipient, kind, at, sentAt] of planned) {
        const dueAt = new Date(at).toISOString();
        reminderRows.push([`case:${k.id}:${kind}:${dueAt}:${recipient}`, k.id, recipient, kind, dueAt, JSON.stringify({ caseId: k.id, kind }), sentAt]);
      }
    }
    await insertRows(db, 'cases', ['id', 'status', 'requester', 'team', 'analyst', 'created_at', 'updated_at', 'data'], caseRows);
    await insertRows(db, 'audit', ['case_id', 'at', 'actor', 'action', 'before', 'after'], auditRows);
    await insertRows(db, 'reminders', ['dedupe_key', 'case_id', 'recipient', 'kind', 'due_at', 'payload', 'sent_at'], reminderRows);
    reminders += reminderRows.length;
  }
  await run(db, 'COMMIT');
  await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)');
  const unsent = await get<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM reminders WHERE sent_at IS NULL');
  const due = await get<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM reminders WHERE sent_at IS NULL AND due_at <= ?', [SEED_NOW.toISOString()]);
  await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  return { cases, reminders, unsentReminders: unsent.n, dueNow: due.n, ms: performance.now() - t0 };
}

/** Flush a freshly written file, so the first fsync a timed operation makes does not pay for the seeding. */
function flush(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A seeded database at `path`, copied from a template in BENCH_SEED_CACHE when an earlier
 * section of the same run already built one of that size (seeding is setup, never timed).
 */
export async function seededDatabase(path: string, cases: number): Promise<SeedInfo & { fromCache: boolean }> {
  const cache = process.env.BENCH_SEED_CACHE;
  const template = cache ? join(cache, `seed-${cases}.sqlite`) : null;
  const infoFile = template ? `${template}.json` : null;
  if (template && infoFile && existsSync(template) && existsSync(infoFile)) {
    const t0 = performance.now();
    copyFileSync(template, path);
    flush(path);
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as SeedInfo;
    return { ...info, ms: performance.now() - t0, fromCache: true };
  }
  const info = await seedDatabase(path, cases);
  flush(path);
  if (template && infoFile) {
    copyFileSync(path, template);
    writeFileSync(infoFile, JSON.stringify(info));
  }
  return { ...info, fromCache: false };
}
