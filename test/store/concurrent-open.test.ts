import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations.js';

// Found by the crash torture (scripts/crash-torture.ts): processes that open a new database at the
// same moment raced through the migrations. Each read the schema version before taking the write
// lock, so a second one ran migration 1 again after the first had committed it and failed with
// "migration 1 failed: SQLITE_ERROR: table conversations already exists" (a `review-bot chat`
// started that way exited before its first reply). Real processes, because the race is between
// connections of different processes on one file.

const STORE = fileURLToPath(new URL('../../dist/src/store/index.js', import.meta.url));
const open = (db: string) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const script =
      `import(${JSON.stringify(STORE)}).then(async (m) => { const s = await m.openSqliteStore(${JSON.stringify(db)}); await s.close(); })` +
      '.catch((e) => { console.error(e.message); process.exit(1); })';
    const child = spawn(process.execPath, ['-e', script]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });

const versions = (db: string) =>
  new Promise<number[]>((resolve, reject) => {
    const raw = new sqlite3.Database(db);
    raw.all('SELECT version FROM schema_version ORDER BY version', (err: Error | null, rows: { version: number }[]) =>
      raw.close(() => (err ? reject(err) : resolve(rows.map((r) => r.version)))),
    );
  });

describe('opening a new database from several processes at once', () => {
  it('every process opens it, and the schema is migrated once', async () => {
    for (let round = 0; round < 3; round++) {
      const db = join(mkdtempSync(join(tmpdir(), 'rb-open-')), 'review-bot.sqlite');
      const results = await Promise.all(Array.from({ length: 6 }, () => open(db)));
      expect(results.filter((r) => r.code !== 0).map((r) => r.stderr.trim())).toEqual([]);
      // Each migration recorded exactly once: none was applied twice, none skipped.
      expect(await versions(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    }
  }, 60_000);
});
