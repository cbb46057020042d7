// What one hand-off to sqlite3's thread pool costs on this machine, with nothing else in the way:
//   node --import tsx bench/hand-off.ts            (as the bot runs)
//   taskset -c 0 node --import tsx bench/hand-off.ts   (pinned to one vCPU, for comparison)
// Prints the round trip of `SELECT 1` and of a one-row upsert, and the part of each spent inside
// the synchronous `Statement#all/run` call (binding, queueing the work, waking a worker).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';

const ROUNDS = 10_000;
const WARMUP = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'rb-hand-off-'));
const db = new sqlite3.Database(join(dir, 'hand-off.sqlite'));
await new Promise<void>((resolve, reject) =>
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)', (e) => (e ? reject(e) : resolve())),
);
const select = db.prepare('SELECT 1');
const upsert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v');
const value = 'x'.repeat(1_500);

async function measure(name: string, call: (i: number, done: (err: Error | null) => void) => void) {
  let inCall = 0;
  const once = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      call(i, (err) => (err ? reject(err) : resolve()));
      inCall += performance.now() - t0;
    });
  for (let i = 0; i < WARMUP; i++) await once(i);
  inCall = 0;
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) await once(i);
  const us = (ms: number) => ((ms / ROUNDS) * 1000).toFixed(1);
  process.stdout.write(`${name}: round trip ${us(performance.now() - t0)} µs, in the call ${us(inCall)} µs\n`);
}

await measure('SELECT 1', (_i, done) => select.all([], done));
await measure('upsert of one 1.5 KB row', (i, done) => upsert.run([`k${i % 200}`, value], done));
await new Promise<void>((resolve) => select.finalize(() => upsert.finalize(() => db.close(() => resolve()))));
rmSync(dir, { recursive: true });
