// What one hand-off to sqlite3's thread pool costs on this machine, with nothing else in the way:
//   node --import tsx bench/hand-off.ts            (as the bot runs)
//   taskset -c 0 node --import tsx bench/hand-off.ts   (pinned to one vCPU, for comparison)
// Prints the round trip of `SELECT 1` and of a one-row upsert, and the part of each spent inside
// the synchronous `Statement#all/run` call (binding, queueing the work, waking a worker). Then the
// same upsert with some main-thread work before each call, as in the bot (a turn computes for
// 50-150 µs between two writes): long enough for the worker's vCPU to go idle, so the call has to
// wake it, and the result shows how much that costs and how much it varies.
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

/** Busy main-thread work of `us` microseconds (a turn's computing, without its garbage). */
function work(us: number) {
  const until = performance.now() + us / 1000;
  while (performance.now() < until);
}

async function measure(name: string, call: (i: number, done: (err: Error | null) => void) => void, workUs = 0) {
  let inCall = 0;
  const once = (i: number) =>
    new Promise<void>((resolve, reject) => {
      if (workUs > 0) work(workUs);
      const t0 = performance.now();
      call(i, (err) => (err ? reject(err) : resolve()));
      inCall += performance.now() - t0;
    });
  for (let i = 0; i < WARMUP; i++) await once(i);
  inCall = 0;
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) await once(i);
  const us = (ms: number) => ((ms / ROUNDS) * 1000).toFixed(1);
  const roundTrip = performance.now() - t0 - (ROUNDS * workUs) / 1000;
  process.stdout.write(`${name}: round trip ${us(roundTrip)} µs, in the call ${us(inCall)} µs\n`);
}

await measure('SELECT 1', (_i, done) => select.all([], done));
await measure('upsert of one 1.5 KB row', (i, done) => upsert.run([`k${i % 200}`, value], done));
for (const workUs of [50, 100, 150, 200, 100, 200]) {
  await measure(`the upsert after ${workUs} µs of main-thread work`, (i, done) => upsert.run([`k${i % 200}`, value], done), workUs);
}
await new Promise<void>((resolve) => select.finalize(() => upsert.finalize(() => db.close(() => resolve()))));
rmSync(dir, { recursive: true });
