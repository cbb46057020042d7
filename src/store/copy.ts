import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { connectPostgres, openPostgresStoreOn, type PgPool, type PgQueryable } from './postgres.js';
import { openSqliteStore } from './sqlite.js';

// `review-bot migrate-store`: an SQLite database copied into PostgreSQL in one transaction, so
// the target has all of it or none of it. Both sides are brought to the current schema first.

type Row = Record<string, unknown>;

export type TableReport = { source: number; copied: number; skipped: number };
export type CopyReport = Record<CopiedTable, TableReport>;
export type CopyResult = { ok: true; value: CopyReport } | { ok: false; error: string };

type CopiedTable = (typeof TABLES)[number]['name'];

// In copy order. `key`: the column a merge matches on (the target's row wins); `belongsTo`: rows
// that follow a parent row, copied only when that parent was copied (answers of a conversation,
// audit rows of a case). Row ids of the append-only logs are not copied: the target numbers them,
// in the source's order.
const TABLES = [
  { name: 'conversations', columns: ['key', 'state', 'rev', 'updated_at'], key: 'key' },
  {
    name: 'answers',
    columns: ['conversation', 'flow', 'version', 'step', 'value', 'inferred', 'at'],
    belongsTo: { column: 'conversation', table: 'conversations' },
  },
  { name: 'people', columns: ['key', 'lang', 'platform', 'address', 'last_seen_at'], key: 'key' },
  { name: 'cases', columns: ['id', 'status', 'requester', 'team', 'analyst', 'created_at', 'updated_at', 'data'], key: 'id' },
  { name: 'audit', columns: ['case_id', 'at', 'actor', 'action', 'before', 'after'], belongsTo: { column: 'case_id', table: 'cases' } },
  { name: 'inbound_events', columns: ['id', 'at'], key: 'id' },
  {
    name: 'reminders',
    columns: ['dedupe_key', 'case_id', 'recipient', 'kind', 'due_at', 'payload', 'claimed_by', 'claimed_until', 'sent_at', 'attempts'],
    key: 'dedupe_key',
  },
  { name: 'scheduled_runs', columns: ['key', 'claimed_by', 'claimed_until', 'done_at'], key: 'key' },
  { name: 'shown_questions', columns: ['conversation', 'data', 'at'], key: 'conversation' },
  // Files are up to 20 MB each: a few at a time, so a copy never holds a page of hundreds in memory.
  { name: 'attachments', columns: ['id', 'case_id', 'name', 'media_type', 'size', 'sha256', 'added_by', 'added_at', 'material', 'bytes'], key: 'id', page: 4 },
] as const satisfies readonly { name: string; columns: readonly string[]; key?: string; belongsTo?: { column: string; table: string }; page?: number }[];

const PAGE = 500;

const placeholders = (rows: number, width: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');

/** SQLite's 0/1 for `answers.inferred` is a boolean in PostgreSQL; everything else goes across as it is. */
const toTarget = (table: string, column: string, v: unknown) => (table === 'answers' && column === 'inferred' ? v === 1 || v === true : v);

/**
 * Copy every row of the SQLite database at `sqlitePath` into the PostgreSQL database behind
 * `target`. An empty target is required unless `merge`: then rows whose key the target already
 * has are left as the target has them (and their answers / audit rows are not added again), so
 * running the same copy twice adds nothing.
 */
export async function copySqliteToPostgres(sqlitePath: string, target: PgPool, options: { merge: boolean }): Promise<CopyResult> {
  if (!existsSync(sqlitePath)) return { ok: false, error: `no SQLite database at ${sqlitePath}` };
  await (await openSqliteStore(sqlitePath)).close(); // the source at the current schema version
  await (await openPostgresStoreOn(target)).close(); // the target too (creates the tables in an empty database)
  const source = await openReadOnly(sqlitePath);
  const c = await target.connect();
  let broken = false;
  try {
    if (!options.merge) {
      const counts: string[] = [];
      for (const t of TABLES) {
        const n = Number((await c.query(`SELECT COUNT(*) AS n FROM ${t.name}`)).rows[0]?.n ?? 0);
        if (n > 0) counts.push(`${n} ${t.name}`);
      }
      if (counts.length) return { ok: false, error: `the target database is not empty (${counts.join(', ')}); pass --merge to add to it` };
    }
    await c.query('BEGIN');
    try {
      const report = await copyAll(source, c);
      await c.query('COMMIT');
      return { ok: true, value: report };
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    }
  } finally {
    c.release(broken);
    await new Promise<void>((resolve) => source.close(() => resolve()));
  }
}

async function copyAll(source: sqlite3.Database, c: PgQueryable): Promise<CopyReport> {
  const report = {} as CopyReport;
  const copiedKeys: Record<string, Set<string>> = {};
  for (const t of TABLES) {
    const r: TableReport = { source: 0, copied: 0, skipped: 0 };
    const keyColumn = 'key' in t ? t.key : null;
    const parent = 'belongsTo' in t ? t.belongsTo : null;
    const pageSize = 'page' in t ? t.page : PAGE;
    const keys = keyColumn ? new Set<string>() : null;
    if (keys) copiedKeys[t.name] = keys;
    let after = 0;
    for (;;) {
      const page = await all(source, `SELECT rowid AS _rowid, ${t.columns.join(', ')} FROM ${t.name} WHERE rowid > ? ORDER BY rowid LIMIT ?`, [
        after,
        pageSize,
      ]);
      if (page.length === 0) break;
      after = Number(page[page.length - 1]!._rowid);
      r.source += page.length;
      const rows = parent ? page.filter((row) => copiedKeys[parent.table]!.has(String(row[parent.column]))) : page;
      r.skipped += page.length - rows.length;
      if (rows.length === 0) continue;
      const params = rows.flatMap((row) => t.columns.map((col) => toTarget(t.name, col, row[col])));
      const conflict = keyColumn ? ` ON CONFLICT (${keyColumn}) DO NOTHING RETURNING ${keyColumn} AS k` : '';
      const res = await c.query(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES ${placeholders(rows.length, t.columns.length)}${conflict}`, params);
      const inserted = keyColumn ? res.rows.length : rows.length;
      if (keys) for (const row of res.rows) keys.add(String(row.k));
      r.copied += inserted;
      r.skipped += rows.length - inserted;
    }
    report[t.name] = r;
  }
  return report;
}

function openReadOnly(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(db)));
  });
}

const all = (db: sqlite3.Database, sql: string, params: unknown[]): Promise<Row[]> =>
  new Promise((resolve, reject) => db.all(sql, params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows))));

/** The same, into the database at `url` (the `review-bot migrate-store` command). */
export async function copyIntoPostgresAt(sqlitePath: string, url: string, options: { merge: boolean }): Promise<CopyResult> {
  const pool = await connectPostgres(url, { poolSize: 2, applicationName: 'review-bot migrate-store' });
  try {
    return await copySqliteToPostgres(sqlitePath, pool, options);
  } finally {
    await pool.end().catch(() => undefined);
  }
}
