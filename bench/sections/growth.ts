import { statSync } from 'node:fs';
import { createNlu } from '../../src/app.js';
import { reviewBotDriver } from '../drivers/review-bot.js';
import { driveSequential, scriptsFor, type DriveResult } from '../lib/drive.js';
import { progress } from '../lib/progress.js';
import type { Row, SectionOptions, SectionResult } from '../lib/report.js';
import { SEED_NOW, seededDatabase } from '../lib/seed.js';
import { collectGarbage, median, percentile, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 6. Growth: the turn benchmark, `status` turns, the reminder claim scan and the daily
// reminder-planning sweep on databases holding 1k, 10k and 100k cases, so the cost curve is
// visible. Sizes are interleaved across repetitions so machine drift bills all of them alike.

const SIZES = [1_000, 10_000, 100_000] as const;
const CONVERSATIONS = 200;

type SizeRow = {
  cases: number;
  turns_per_s: number | null;
  turn_p50_ms: number | null;
  turn_p99_ms: number | null;
  status_p50_ms: number | null;
  status_p99_ms: number | null;
  scan_ms: number | null;
  plan_sweep_ms: number | null;
  plan_sweep_rows: number | null;
  plan_sweep_rss_growth_mb: number | null;
  db_mb: number | null;
};

type PlanDueReminders = (deps: { store: unknown; deadlines: unknown; log: unknown }, now: Date) => Promise<number>;

async function loadSweep(): Promise<PlanDueReminders | null> {
  try {
    const m = (await import('../../src/scheduler/index.js')) as { planDueReminders?: PlanDueReminders };
    return m.planDueReminders ?? null;
  } catch {
    return null;
  }
}

export async function growthSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('growth');
  const plan = opts.quick
    ? { turns: 1_500, warmup: 300, status: 150, reps: 1, scans: 15, sweepSizes: [1_000] }
    : { turns: 5_000, warmup: 500, status: 400, reps: 2, scans: 40, sweepSizes: [1_000, 10_000] };
  const tmp = tempDir('growth');
  const nlu = createNlu();
  const sweep = await loadSweep();
  const notes: string[] = [];
  const acc = new Map<number, { turns: DriveResult[]; status: number[]; scan: number[]; dbMb: number }>();

  {
    const d = await reviewBotDriver({ dbPath: tmp.file('warm.sqlite'), durability: 'normal', nlu, userPrefix: 'warm-' });
    await driveSequential(d, scriptsFor(CONVERSATIONS, 900), plan.warmup, plan.turns); // JIT warm-up, discarded
    await d.close();
  }
  for (let rep = 0; rep < plan.reps; rep++) {
    for (const size of SIZES) {
      const path = tmp.file(`growth-${size}-${rep}.sqlite`);
      const seed = await seededDatabase(path, size);
      if (rep === 0) say(`${size} cases seeded in ${(seed.ms / 1000).toFixed(1)} s${seed.fromCache ? ' (copied)' : ''} (not timed)`);
      const a = acc.get(size) ?? { turns: [], status: [], scan: [], dbMb: statSync(path).size / 2 ** 20 };
      acc.set(size, a);
      const driver = await reviewBotDriver({ dbPath: path, durability: 'normal', nlu });
      collectGarbage();
      const r = await driveSequential(driver, scriptsFor(CONVERSATIONS, 300 + rep), plan.warmup, plan.turns);
      if (r.mismatches) throw new Error(`wrong replies at ${size} cases: ${r.firstMismatch}`);
      a.turns.push(r);
      for (let i = 0; i < plan.status; i++) {
        const t0 = performance.now();
        const reply = await driver.app.bot.handle({ platform: 'terminal', userId: `bench-user-${i % CONVERSATIONS}`, input: { type: 'text', text: 'status' } });
        a.status.push(performance.now() - t0);
        if (!reply.messages.some((m) => m.type === 'info')) throw new Error(`status gave no list at ${size} cases: ${JSON.stringify(reply).slice(0, 200)}`);
      }
      for (let i = 0; i < plan.scans + 3; i++) {
        const now = new Date(SEED_NOW.getTime() + i * 61_000).toISOString();
        const t0 = performance.now();
        await driver.app.store.claimDueReminders(now, 'bench-growth', 60_000, 100);
        if (i >= 3) a.scan.push(performance.now() - t0);
      }
      await driver.close();
      say(
        `rep ${rep + 1}/${plan.reps}, ${size} cases: turn p50 ${r.p50Ms.toFixed(3)} ms p99 ${r.p99Ms.toFixed(3)} ms, status p50 ${percentile(a.status, 50).toFixed(2)} ms, scan ${median(a.scan).toFixed(2)} ms`,
      );
    }
  }

  // The scheduler's daily planning sweep (src/scheduler/plan.ts planDueReminders) reads every
  // active case and computes its deadlines; it is timed once per size where it fits the budget.
  const sweeps = new Map<number, { ms: number; rows: number; rssMb: number }>();
  if (sweep) {
    for (const size of plan.sweepSizes) {
      const path = tmp.file(`sweep-${size}.sqlite`);
      await seededDatabase(path, size);
      const driver = await reviewBotDriver({ dbPath: path, durability: 'normal', nlu });
      collectGarbage();
      const rss0 = process.memoryUsage().rss;
      const t0 = performance.now();
      const rows = await sweep({ store: driver.app.store, deadlines: driver.app.deadlines, log: driver.app.log }, SEED_NOW);
      const ms = performance.now() - t0;
      const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
      await driver.close();
      sweeps.set(size, { ms, rows, rssMb });
      say(`${size} cases: daily planning sweep ${(ms / 1000).toFixed(2)} s, ${rows} reminder rows added, RSS +${rssMb.toFixed(0)} MB`);
    }
  } else {
    notes.push('planDueReminders not found in src/scheduler: the planning sweep was not measured.');
  }
  tmp.dispose();

  const out: SizeRow[] = SIZES.map((size) => {
    const a = acc.get(size)!;
    const s = sweeps.get(size);
    return {
      cases: size,
      turns_per_s: round(median(a.turns.map((r) => r.turnsPerS)), 0),
      turn_p50_ms: round(median(a.turns.map((r) => r.p50Ms)), 3),
      turn_p99_ms: round(median(a.turns.map((r) => r.p99Ms)), 3),
      status_p50_ms: round(percentile(a.status, 50), 3),
      status_p99_ms: round(percentile(a.status, 99), 3),
      scan_ms: round(median(a.scan), 3),
      plan_sweep_ms: s ? round(s.ms, 0) : null,
      plan_sweep_rows: s ? s.rows : null,
      plan_sweep_rss_growth_mb: s ? round(s.rssMb, 0) : null,
      db_mb: round(a.dbMb, 0),
    };
  });
  // Linear extrapolation of the sweep from the largest size measured (it is O(cases x days overdue)).
  const largest = [...sweeps.entries()].sort((x, y) => y[0] - x[0])[0];
  const sweep100k = largest ? (largest[1].ms / largest[0]) * 100_000 : null;

  const rows: Row[] = out.flatMap((r): Row[] => [
    { section: 'growth', metric: `${r.cases} cases: turn p50 / p99`, value: `${r.turn_p50_ms} / ${r.turn_p99_ms}`, unit: 'ms' },
    { section: 'growth', metric: `${r.cases} cases: \`status\` turn p50 / p99`, value: `${r.status_p50_ms} / ${r.status_p99_ms}`, unit: 'ms' },
    {
      section: 'growth',
      metric: `${r.cases} cases: reminder claim scan`,
      value: r.scan_ms,
      unit: 'ms',
      target: '< 50 ms',
      met: r.scan_ms === null ? null : r.scan_ms < 50,
    },
    r.plan_sweep_ms !== null
      ? { section: 'growth', metric: `${r.cases} cases: daily planning sweep (${r.plan_sweep_rows} rows)`, value: r.plan_sweep_ms, unit: 'ms' }
      : {
          section: 'growth',
          metric: `${r.cases} cases: daily planning sweep`,
          value: r.cases === 100_000 && sweep100k !== null ? `~${Math.round(sweep100k / 1000)} s (extrapolated)` : 'not run',
          unit: '',
        },
  ]);
  notes.push(
    `Per size: ${plan.reps} repetition(s) of ${plan.turns} triage turns (${CONVERSATIONS} interleaved conversations, after ${plan.warmup} warm-up turns), ${plan.status} \`status\` turns, ${plan.scans} claim scans (batch 100).`,
    'The bench users resolve with every role (no directory file), so `status` takes the admin path: the newest 20 of all cases.',
    'Daily planning sweep: src/scheduler/plan.ts planDueReminders over all active cases at SEED_NOW; seeded cases were opened over the last two years, so most are past their intake target (its worst case). 100k is extrapolated linearly, not run: it takes minutes and GBs of memory.',
  );
  return { rows, notes, data: { rows: out, plan_sweep_ms_100k_extrapolated: round(sweep100k, 0) } };
}
