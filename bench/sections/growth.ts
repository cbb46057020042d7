import { createNlu } from '../../src/app.js';
import { reviewBotDriver } from '../drivers/review-bot.js';
import { driveSequential, scriptsFor } from '../lib/drive.js';
import { progress } from '../lib/progress.js';
import type { Row, SectionOptions, SectionResult } from '../lib/report.js';
import { SEED_NOW, seededDatabase } from '../lib/seed.js';
import { collectGarbage, median, percentile, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 6. Growth: the same turn benchmark and the reminder scan on databases holding 1k, 10k and
// 100k cases, so the cost curve is visible. `status` turns read the person's cases (the
// seeded requesters are the bench users, ~50 cases each at 100k).

const SIZES = [1_000, 10_000, 100_000] as const;
const CONVERSATIONS = 200;

export async function growthSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('growth');
  const plan = opts.quick ? { turns: 1_500, warmup: 300, status: 400, reps: 1, scans: 15 } : { turns: 5_000, warmup: 500, status: 1_000, reps: 2, scans: 40 };
  const tmp = tempDir('growth');
  const nlu = createNlu();
  const out: { cases: number; turn_p50_ms: number | null; turn_p99_ms: number | null; turns_per_s: number | null; status_p50_ms: number | null; status_p99_ms: number | null; scan_ms: number | null; db_mb: number | null }[] = [];

  // JIT warm-up on an empty database (discarded).
  {
    const d = await reviewBotDriver({ dbPath: tmp.file('warm.sqlite'), durability: 'normal', nlu, userPrefix: 'warm-' });
    await driveSequential(d, scriptsFor(CONVERSATIONS, 900), plan.warmup, plan.turns);
    await d.close();
  }
  for (const size of SIZES) {
    say(`${size} cases: seeding (not timed)`);
    const turnP50: number[] = [];
    const turnP99: number[] = [];
    const tps: number[] = [];
    const statusMs: number[] = [];
    const scanMs: number[] = [];
    let dbMb: number | null = null;
    for (let rep = 0; rep < plan.reps; rep++) {
      const path = tmp.file(`growth-${size}-${rep}.sqlite`);
      await seededDatabase(path, size);
      const { statSync } = await import('node:fs');
      dbMb = statSync(path).size / 2 ** 20;
      const driver = await reviewBotDriver({ dbPath: path, durability: 'normal', nlu });
      collectGarbage();
      const r = await driveSequential(driver, scriptsFor(CONVERSATIONS, 300 + rep), plan.warmup, plan.turns);
      if (r.mismatches) throw new Error(`wrong replies at ${size} cases: ${r.firstMismatch}`);
      turnP50.push(r.p50Ms);
      turnP99.push(r.p99Ms);
      tps.push(r.turnsPerS);
      for (let i = 0; i < plan.status; i++) {
        const t0 = performance.now();
        const reply = await driver.app.bot.handle({ platform: 'terminal', userId: `bench-user-${i % CONVERSATIONS}`, input: { type: 'text', text: 'status' } });
        statusMs.push(performance.now() - t0);
        if (!reply.some((m) => m.type === 'info')) throw new Error(`status gave no list at ${size} cases: ${JSON.stringify(reply).slice(0, 200)}`);
      }
      for (let i = 0; i < plan.scans + 3; i++) {
        const now = new Date(SEED_NOW.getTime() + i * 61_000).toISOString();
        const t0 = performance.now();
        await driver.app.store.claimDueReminders(now, 'bench-growth', 60_000, 100);
        if (i >= 3) scanMs.push(performance.now() - t0);
      }
      await driver.close();
    }
    const row = {
      cases: size,
      turns_per_s: round(median(tps), 0),
      turn_p50_ms: round(median(turnP50), 3),
      turn_p99_ms: round(median(turnP99), 3),
      status_p50_ms: round(percentile(statusMs, 50), 3),
      status_p99_ms: round(percentile(statusMs, 99), 3),
      scan_ms: round(median(scanMs), 3),
      db_mb: round(dbMb, 0),
    };
    out.push(row);
    say(`${size} cases: turn p50 ${row.turn_p50_ms} ms p99 ${row.turn_p99_ms} ms, status p50 ${row.status_p50_ms} ms, scan ${row.scan_ms} ms`);
  }
  tmp.dispose();
  const rows: Row[] = out.flatMap((r) => [
    { section: 'growth', metric: `${r.cases} cases: turn p50 / p99`, value: `${r.turn_p50_ms} / ${r.turn_p99_ms}`, unit: 'ms' },
    { section: 'growth', metric: `${r.cases} cases: status turn p50 / p99`, value: `${r.status_p50_ms} / ${r.status_p99_ms}`, unit: 'ms' },
    { section: 'growth', metric: `${r.cases} cases: reminder scan`, value: r.scan_ms, unit: 'ms' },
  ]);
  return {
    rows,
    notes: [`Per size: ${plan.reps} repetition(s) of ${plan.turns} triage turns (${CONVERSATIONS} interleaved conversations) on a seeded database, ${plan.status} \`status\` turns (each lists up to 20 of the person's cases), ${plan.scans} claim scans (batch 100).`],
    data: { rows: out },
  };
}
