// Resident memory of a review-bot process holding 100,000 stored cases after it has listed
// and scanned them. Plain Node on the compiled build (dist/), as production runs it; run by
// bench/sections/footprint.ts as: node --expose-gc bench/children/rss-child.mjs <db> <people> [sweep]
// With `sweep`, it then runs the scheduler's daily planning sweep over every active case, as a
// serving process does once a day, and reports its time and the peak RSS it causes.
import { readFileSync } from 'node:fs';
import { createApp } from '../../dist/src/app.js';
import { loadConfig } from '../../dist/src/config.js';
import { silentLogger } from '../../dist/src/runtime/logger.js';

const [db, peopleArg, sweepArg] = process.argv.slice(2);
const people = Number(peopleArg ?? 2000);
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
const status = () => {
  try {
    const s = readFileSync('/proc/self/status', 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: process.memoryUsage().rss, hwm: NaN };
  }
};

const baseline = status().rss;
const config = loadConfig({ REVIEW_BOT_DB: db, REVIEW_BOT_LOG: 'silent' });
if (!config.ok) throw new Error(config.error);
const app = await createApp(config.value, { log: silentLogger });
const afterStart = status().rss;

const { store, bot } = app;
const counted = await store.countCases();
let listed = 0;
for (let i = 0; i < 200; i++) listed += (await store.listCases({ requester: `terminal:bench-user-${(i * 7) % people}`, limit: 50 })).length;
for (let i = 0; i < 50; i++) listed += (await store.listCases({ team: `team-${i}`, limit: 50 })).length;
for (let i = 0; i < 20; i++) listed += (await store.listCases({ analyst: `terminal:analyst-${i}`, includeUnassigned: true, limit: 50 })).length;
let scanned = 0;
const base = Date.parse('2026-03-02T01:00:00.000Z');
for (let i = 0; i < 30; i++) scanned += (await store.claimDueReminders(new Date(base + i * 61_000).toISOString(), 'rss-child', 60_000, 100)).length;
for (let i = 0; i < 200; i++) scanned += (await store.pendingReminders(`terminal:bench-user-${i}`, new Date(base + 7 * 86_400_000).toISOString())).length;
for (let i = 0; i < 200; i++) await bot.handle({ platform: 'terminal', userId: `bench-user-${i}`, input: { type: 'text', text: 'status' } });
for (const text of ['review', 'purchase', 'core_network_equipment', 'yes', 'yes']) {
  for (let i = 0; i < 200; i++) await bot.handle({ platform: 'terminal', userId: `bench-user-${i}`, input: { type: 'text', text } });
}
const peak = status().hwm;
globalThis.gc?.();
await new Promise((r) => setTimeout(r, 50));
const after = status();
const heap = process.memoryUsage();
let sweep = {};
if (sweepArg === 'sweep') {
  const { planDueReminders } = await import('../../dist/src/scheduler/index.js');
  const t0 = performance.now();
  const rows = await planDueReminders({ store, deadlines: app.deadlines, log: app.log }, new Date(base));
  const ms = performance.now() - t0;
  const s = status();
  sweep = { sweep_ms: Math.round(ms), sweep_rows: rows, rss_mb_after_sweep: mb(s.rss), rss_mb_peak_with_sweep: mb(s.hwm) };
}
await app.close();
process.stdout.write(
  `${JSON.stringify({
    cases: counted,
    listed,
    scanned,
    rss_mb_baseline: mb(baseline),
    rss_mb_after_start: mb(afterStart),
    rss_mb: mb(after.rss),
    rss_mb_peak: mb(Math.max(peak, after.hwm)),
    heap_used_mb: mb(heap.heapUsed),
    external_mb: mb(heap.external),
    ...sweep,
  })}\n`,
);
