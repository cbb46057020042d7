import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCheckpointer, type Checkpointer } from '../../src/store/sqlite-checkpoint.js';

// The checkpointer on a real WAL file: a writer connection of the test's own plays the store.
type Db = { run: (sql: string) => Promise<void>; close: () => Promise<void> };

async function walWriter(path: string): Promise<Db> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(d)));
  });
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
  await run('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x TEXT)');
  return { run, close: () => new Promise<void>((resolve) => db.close(() => resolve())) };
}

/** Commits `n` one-row writes (a page or more each), telling the checkpointer after each. */
async function write(db: Db, c: Checkpointer, n: number) {
  for (let i = 0; i < n; i++) {
    await db.run(`INSERT INTO t VALUES (hex(randomblob(3000)))`);
    c.wrote();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('checkpoints off the turn path', () => {
  const open: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of open.splice(0).reverse()) await close();
  });

  async function setUp(restartAt: number) {
    const path = join(mkdtempSync(join(tmpdir(), 'rb-ckpt-')), 'db.sqlite');
    const db = await walWriter(path);
    const catchUps: number[] = [];
    const c = await openCheckpointer(path, { catchUp: async () => void catchUps.push(Date.now()), fallback: async () => undefined }, { every: 10, restartAt });
    open.push(db.close, c.close);
    return { db, c, catchUps };
  }

  it('a log shorter than the restart limit is copied back but not started over', async () => {
    const { db, c, catchUps } = await setUp(1_000_000);
    await write(db, c, 60);
    await settle();
    expect(catchUps).toEqual([]);
  });

  it('a log at the restart limit gets a catch-up on the store connection', async () => {
    const { db, c, catchUps } = await setUp(5);
    await write(db, c, 60);
    await settle();
    expect(catchUps.length).toBeGreaterThan(0);
  });
});
