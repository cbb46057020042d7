import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { state, storeConformance, type Row, type TestDatabase } from './conformance.js';

const tempFile = (name = 'db.sqlite') => join(mkdtempSync(join(tmpdir(), 'rb-')), name);

/** SQL on the file through a connection of its own, as another program would. */
function rawSqlite(path: string) {
  return (sql: string) => new Promise<Row[]>((resolve, reject) => {
    const raw = new sqlite3.Database(path);
    raw.all(sql, (err: Error | null, rows: Row[]) => raw.close(() => (err ? reject(err) : resolve(rows))));
  });
}

/** Stores opened in a test are closed with its database. */
function tracked(open: () => Promise<Store>) {
  const stores: Store[] = [];
  return {
    open: async () => { const s = await open(); stores.push(s); return s; },
    closeAll: () => Promise.all(stores.map((s) => s.close().catch(() => undefined))),
  };
}

storeConformance({
  name: 'SQLite :memory:',
  shared: false,
  raw: false,
  fresh: async (): Promise<TestDatabase> => {
    let opened: Store | null = null;
    return {
      raw: () => Promise.reject(new Error(':memory: has one connection')),
      open: async (options) => {
        if (opened) throw new Error(':memory: has one connection');
        opened = await openSqliteStore(':memory:', options);
        return opened;
      },
      dispose: async () => { await opened?.close().catch(() => undefined); },
    };
  },
});

storeConformance({
  name: 'SQLite file',
  shared: true,
  raw: true,
  fresh: async (): Promise<TestDatabase> => {
    const path = tempFile();
    const stores: Store[] = [];
    return {
      raw: rawSqlite(path),
      open: async (options) => { const s = await openSqliteStore(path, options); stores.push(s); return s; },
      dispose: async () => { await Promise.all(stores.map((s) => s.close().catch(() => undefined))); },
    };
  },
});

describe('sqlite store (SQLite only)', () => {
  let t: ReturnType<typeof tracked> | null = null;
  afterEach(async () => { await t?.closeAll(); t = null; });

  it('WAL is on', async () => {
    const path = tempFile('w.sqlite');
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
    expect(await rawSqlite(path)('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('an unwritable path fails with open_failed', async () => {
    // A regular file where a folder should be: unwritable even for root.
    const file = tempFile('plain-file');
    writeFileSync(file, 'x');
    await expect(openSqliteStore(join(file, 'sub', 'x.sqlite'))).rejects.toMatchObject({ name: 'StoreError', code: 'open_failed' });
  });

  it('a read after close is a StoreError, not a driver error', async () => {
    const s = await openSqliteStore(':memory:');
    await s.close();
    await expect(s.getCase('RB-1')).rejects.toMatchObject({ name: 'StoreError', code: 'io' });
  });
});
