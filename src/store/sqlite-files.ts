import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { StoreError } from './errors.js';

// The SQLite file holds personal data (names, what people typed, case details), so the bot makes
// it, its folder and its WAL/SHM companions readable by their owner only, whatever the umask; and
// it copies a live database through SQLite's online backup API, never by copying the file (a copy
// of the file misses whatever still sits in the WAL).

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIR = 0o700;

/** Create the folder (0700) and an empty database file (0600) if they are missing. */
export function prepareDatabaseFile(path: string): void {
  const dir = dirname(path);
  try {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
      chmodSync(dir, OWNER_ONLY_DIR); // mkdir's mode is masked by the umask
    }
    if (!existsSync(path)) {
      closeSync(openSync(path, 'a', OWNER_ONLY_FILE));
      chmodSync(path, OWNER_ONLY_FILE);
    }
  } catch (cause) {
    throw new StoreError('open_failed', `cannot create database ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** SQLite creates -wal and -shm with the database file's mode; make sure of it for files we own. */
export function restrictCompanions(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, OWNER_ONLY_FILE);
    } catch {
      // not ours to change (e.g. a read-only mount): opening it worked, so leave it
    }
  }
}

const open = (path: string, mode: number) =>
  new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(db)));
  });
const close = (db: sqlite3.Database) => new Promise<void>((resolve) => db.close(() => resolve()));
const all = (db: sqlite3.Database, sql: string) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) =>
    db.all(sql, (err: Error | null, rows: Record<string, unknown>[]) => (err ? reject(err) : resolve(rows))),
  );

/** The files SQLite may keep beside a database: its WAL, its shared-memory index, its rollback journal. */
const companions = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

export type BackupReport = { pages: number; integrity: 'ok' };

/**
 * An online, consistent copy of the database at `source` into a new file `target` (0600), while
 * the bot may be writing to it: SQLite's backup API copies one snapshot, WAL contents included.
 * The copy is written next to the target, turned into a single self-contained file (rollback
 * journal mode: no -wal or -shm beside it; the bot switches it back to WAL when it opens it) and
 * renamed into place only once complete and checked. The target's folder must exist: a typo in
 * the path should fail, not create folders.
 */
export async function backupSqliteDatabase(source: string, target: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new StoreError('open_failed', `there is no database at ${source}`);
  if (existsSync(target)) throw new StoreError('io', `${target} already exists; choose a new file for the backup`);
  const folder = dirname(target);
  if (!existsSync(folder)) throw new StoreError('io', `there is no folder ${folder} for the backup; create it first, or check the path`);
  const partial = `${target}.partial`;
  const removePartial = () => {
    for (const f of [partial, ...companions(partial)]) rmSync(f, { force: true });
  };
  removePartial(); // what a backup that was killed midway left behind: never replay its WAL into this one
  try {
    closeSync(openSync(partial, 'wx', OWNER_ONLY_FILE));
    chmodSync(partial, OWNER_ONLY_FILE);
  } catch (cause) {
    throw new StoreError('io', `cannot write the backup ${target}: ${(cause as Error).message}`, { cause });
  }
  let db: sqlite3.Database;
  try {
    // Read-write (never created) when allowed, so that if this is the last connection to close, SQLite
    // removes the -wal and -shm it opened beside the source; read-only for a database on a read-only mount.
    db = await open(source, sqlite3.OPEN_READWRITE).catch(() => open(source, sqlite3.OPEN_READONLY));
  } catch (cause) {
    removePartial();
    throw new StoreError('open_failed', `cannot open database ${source}: ${(cause as Error).message}`, { cause });
  }
  try {
    const backup = db.backup(partial);
    const pages = await new Promise<number>((resolve, reject) => {
      const step = () =>
        backup.step(-1, (err: Error | null) => {
          if (err) return reject(err);
          if (backup.completed) return backup.finish(() => resolve(backup.pageCount));
          if (backup.failed) return backup.finish(() => reject(new Error('the backup failed')));
          setTimeout(step, 10); // busy or locked: try again
        });
      step();
    });
    // The copy carries the source's WAL mode: make it one standalone file, then check it whole.
    const copy = await open(partial, sqlite3.OPEN_READWRITE);
    try {
      const journal = await all(copy, 'PRAGMA journal_mode = DELETE');
      if (journal[0]?.journal_mode !== 'delete') throw new Error(`the copy stays in ${JSON.stringify(journal)} journal mode`);
      const check = await all(copy, 'PRAGMA integrity_check');
      if (check[0]?.integrity_check !== 'ok') throw new Error(`the copy failed its integrity check: ${JSON.stringify(check)}`);
    } finally {
      await close(copy);
    }
    const left = companions(partial).filter((f) => existsSync(f));
    if (left.length > 0) throw new Error(`the copy is not one file yet (${left.join(', ')})`);
    renameSync(partial, target);
    chmodSync(target, OWNER_ONLY_FILE);
    return { pages, integrity: 'ok' };
  } catch (cause) {
    removePartial();
    throw new StoreError('io', `backup of ${source} failed: ${(cause as Error).message}`, { cause });
  } finally {
    await close(db);
  }
}
