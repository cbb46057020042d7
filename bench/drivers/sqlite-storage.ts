import type { Storage, StoreItems } from 'botbuilder-core';
import sqlite3 from 'sqlite3';

// The durable peer's storage: a botbuilder `Storage` over the same sqlite3 driver, file and
// pragmas review-bot ships (WAL, synchronous=NORMAL), written to be as lean as such a storage
// can be so the comparison is fair: statements prepared once, a turn is one read of its
// conversation's state and one upsert, each in autocommit (itself a transaction). eTags are
// honoured like MemoryStorage does (a stale eTag fails the write), so concurrent writers of one
// conversation are detected, as review-bot's revisions detect them.

type Item = Record<string, unknown> & { eTag?: string };

const call = <T>(fn: (done: (err: Error | null, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));

export async function openSqliteStorage(path: string): Promise<Storage & { close(): Promise<void> }> {
  const db = await call<sqlite3.Database>((done) => {
    const d: sqlite3.Database = new sqlite3.Database(path, (err) => done(err, d));
  });
  await call((done) =>
    db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, value TEXT NOT NULL)`,
      done,
    ),
  );
  const readMany = db.prepare('SELECT key, etag, value FROM bot_state WHERE key IN (SELECT value FROM json_each(?))');
  // One statement: insert, or update when the caller's eTag is '*' / absent or still current.
  const upsert = db.prepare(`INSERT INTO bot_state (key, etag, value) VALUES (?1, 1, ?2)
    ON CONFLICT(key) DO UPDATE SET etag = etag + 1, value = excluded.value WHERE ?3 IS NULL OR ?3 = '*' OR etag = CAST(?3 AS INTEGER)`);
  const remove = db.prepare('DELETE FROM bot_state WHERE key IN (SELECT value FROM json_each(?))');
  const runUpsert = (key: string, item: Item) =>
    new Promise<number>((resolve, reject) => {
      const { eTag, ...value } = item;
      upsert.run([key, JSON.stringify(value), eTag ?? null], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve(this.changes);
      });
    });
  const inTransaction = async (fn: () => Promise<void>) => {
    await call((done) => db.exec('BEGIN IMMEDIATE', done));
    try {
      await fn();
      await call((done) => db.exec('COMMIT', done));
    } catch (err) {
      await call((done) => db.exec('ROLLBACK', done)).catch(() => undefined);
      throw err;
    }
  };
  return {
    read: async (keys) => {
      const rows = await call<{ key: string; etag: number; value: string }[]>((done) => readMany.all([JSON.stringify(keys)], done));
      const items: StoreItems = {};
      for (const r of rows) items[r.key] = { ...(JSON.parse(r.value) as Item), eTag: String(r.etag) };
      return items;
    },
    write: async (changes) => {
      const entries = Object.entries(changes as Record<string, Item>);
      const writeAll = async () => {
        for (const [key, item] of entries) {
          if ((await runUpsert(key, item)) === 0) throw new Error(`storage write: eTag conflict for key ${key}`);
        }
      };
      // A single change is one statement, atomic without BEGIN/COMMIT; several are one transaction.
      await (entries.length === 1 ? writeAll() : inTransaction(writeAll));
    },
    delete: async (keys) => {
      await call((done) => remove.run([JSON.stringify(keys)], done));
    },
    close: async () => {
      for (const st of [readMany, upsert, remove]) await call((done) => st.finalize(done));
      await call((done) => db.close(done));
    },
  };
}
