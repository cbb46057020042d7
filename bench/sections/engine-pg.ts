import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createNlu } from '../../src/app.js';
import { reviewBotDriver } from '../drivers/review-bot.js';
import { driveSequential, scriptsFor } from '../lib/drive.js';
import { benchPostgres } from '../lib/postgres.js';
import { progress } from '../lib/progress.js';
import type { Row, SectionOptions, SectionResult } from '../lib/report.js';
import { median, percentile, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 1b. The engine benchmark's turns on PostgreSQL (DATABASE_URL): one instance driven like the
// SQLite rows (one turn in flight), and three instances (three processes, each its own createApp
// and pool, each driving a third of the conversations one turn at a time) on one local server,
// so the scaling shows next to SQLite. A fresh database per repetition.

const CONVERSATIONS = 200;
type Plan = { turns: number; warmup: number; reps: number };
/**
 * Two settings of the same server: its durable default (every commit waits for its WAL fsync)
 * and synchronous_commit=off per connection (commits return before the fsync; a server crash can
 * lose the last fraction of a second, never corrupt: the counterpart of SQLite's WAL NORMAL).
 */
const VARIANTS = [
  {
    key: 'durable',
    label: 'synchronous_commit=on (default)',
    params: {},
    full: { turns: 1_200, warmup: 200, reps: 2 },
    quick: { turns: 200, warmup: 40, reps: 1 },
  },
  {
    key: 'async_commit',
    label: 'synchronous_commit=off',
    params: { options: '-c synchronous_commit=off' },
    full: { turns: 3_000, warmup: 300, reps: 2 },
    quick: { turns: 800, warmup: 150, reps: 1 },
  },
] as const;

type Run = { turnsPerS: number; p50Ms: number; p99Ms: number; mismatches: number; firstMismatch: string | null };

/** One instance on `url` (PostgreSQL), or on an SQLite file when `url` is null (the reference in the same run). */
async function oneInstance(url: string | null, plan: Plan, seed: number, sqlitePath = ':memory:'): Promise<Run> {
  const driver = await reviewBotDriver({ dbPath: sqlitePath, durability: 'normal', nlu: createNlu(), ...(url ? { databaseUrl: url } : {}) });
  try {
    const r = await driveSequential(driver, scriptsFor(CONVERSATIONS, seed), plan.warmup, plan.turns);
    return { turnsPerS: r.turnsPerS, p50Ms: r.p50Ms, p99Ms: r.p99Ms, mismatches: r.mismatches, firstMismatch: r.firstMismatch };
  } finally {
    await driver.close();
  }
}

type WorkerResult = { latencies: number[]; mismatches: number; firstMismatch: string | null };

/** Three worker processes on one database; they start their timed turns together. */
async function threeInstances(root: string, url: string, plan: Plan, seed: number): Promise<Run> {
  const worker = join(root, 'bench', 'children', 'pg-turn-worker.ts');
  const share = Math.ceil(CONVERSATIONS / 3);
  const children = [0, 1, 2].map((w) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', worker, url, String(w), String(share), String(Math.ceil(plan.warmup / 3)), String(Math.ceil(plan.turns / 3)), String(seed * 10 + w)],
      { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  );
  const lines = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
  const next = async (i: number) => {
    const r = await lines[i]!.next();
    if (r.done) throw new Error(`PostgreSQL worker ${i} exited early`);
    return r.value;
  };
  await Promise.all(
    children.map(async (_c, i) => {
      if ((await next(i)) !== 'ready') throw new Error(`worker ${i}: expected ready`);
    }),
  );
  const started = performance.now();
  for (const c of children) c.stdin!.write('go\n');
  const results = await Promise.all(children.map(async (_c, i) => JSON.parse(await next(i)) as WorkerResult));
  const elapsed = performance.now() - started;
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))));
  const all = results.flatMap((r) => r.latencies);
  return {
    turnsPerS: (all.length / elapsed) * 1000,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    mismatches: results.reduce((n, r) => n + r.mismatches, 0),
    firstMismatch: results.find((r) => r.firstMismatch)?.firstMismatch ?? null,
  };
}

const summary = (runs: Run[]) => ({
  turns_per_s: round(median(runs.map((r) => r.turnsPerS)), 0),
  p50_ms: round(median(runs.map((r) => r.p50Ms)), 3),
  p99_ms: round(median(runs.map((r) => r.p99Ms)), 3),
  per_rep_turns_per_s: runs.map((r) => Math.round(r.turnsPerS)),
});

export async function enginePgSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('engine_pg');
  const server = await benchPostgres();
  if ('unavailable' in server) {
    say(server.unavailable);
    return {
      rows: [
        { section: 'engine', metric: 'turns/s on PostgreSQL, 1 instance', value: null, target: server.unavailable },
        { section: 'engine', metric: 'turns/s on PostgreSQL, 3 instances', value: null, target: server.unavailable },
      ],
      notes: [server.unavailable],
      data: { one_instance: null, three_instances: null, reason: server.unavailable },
    };
  }
  try {
    say(`PostgreSQL ${server.version}: ${server.source}`);
    const rows: Row[] = [];
    const data: Record<string, unknown> = { server: { version: server.version, source: server.source } };
    const wrong: Run[] = [];
    // --quick measures the server's default only; synchronous_commit=off is for the full run.
    for (const v of opts.quick ? VARIANTS.filter((x) => x.key === 'durable') : VARIANTS) {
      const plan: Plan = opts.quick ? v.quick : v.full;
      const one: Run[] = [];
      const three: Run[] = [];
      for (let rep = 0; rep < plan.reps; rep++) {
        one.push(await oneInstance(await server.createDatabase(v.params), plan, rep + 1));
        say(
          `${v.label} rep ${rep + 1}/${plan.reps} 1 instance: ${Math.round(one.at(-1)!.turnsPerS)} turns/s, p50 ${one.at(-1)!.p50Ms.toFixed(3)} ms, p99 ${one.at(-1)!.p99Ms.toFixed(3)} ms`,
        );
        three.push(await threeInstances(opts.root, await server.createDatabase(v.params), plan, rep + 1));
        say(
          `${v.label} rep ${rep + 1}/${plan.reps} 3 instances: ${Math.round(three.at(-1)!.turnsPerS)} turns/s, p50 ${three.at(-1)!.p50Ms.toFixed(3)} ms, p99 ${three.at(-1)!.p99Ms.toFixed(3)} ms`,
        );
      }
      const o = summary(one);
      const t = summary(three);
      wrong.push(...[...one, ...three].filter((r) => r.mismatches > 0));
      rows.push(
        { section: 'engine', metric: `PostgreSQL ${v.label}, 1 instance: turns/s`, value: o.turns_per_s, unit: 'turns/s' },
        { section: 'engine', metric: `PostgreSQL ${v.label}, 1 instance: p50 / p99`, value: `${o.p50_ms} / ${o.p99_ms} ms` },
        {
          section: 'engine',
          metric: `PostgreSQL ${v.label}, 3 instances: turns/s`,
          value: t.turns_per_s,
          unit: 'turns/s',
          ratio: o.turns_per_s ? round((t.turns_per_s ?? 0) / o.turns_per_s, 2) : null,
        },
        { section: 'engine', metric: `PostgreSQL ${v.label}, 3 instances: p50 / p99`, value: `${t.p50_ms} / ${t.p99_ms} ms` },
      );
      data[v.key] = { one_instance: o, three_instances: t, timed_turns_per_rep: plan.turns, warmup_turns: plan.warmup, reps: plan.reps };
      // The keys the orchestrator always reports: the server's default (durable) setting.
      if (v.key === 'durable') Object.assign(data, { one_instance: o, three_instances: t });
    }
    // SQLite in the same run and conditions, so the rows above compare with something measured alongside.
    const ref = opts.quick ? VARIANTS[1].quick : VARIANTS[1].full;
    const tmp = tempDir('engine-pg-sqlite');
    const sqlite: Run[] = [];
    for (let rep = 0; rep < ref.reps; rep++) sqlite.push(await oneInstance(null, ref, rep + 1, tmp.file(`ref-${rep}.sqlite`)));
    tmp.dispose();
    const q = summary(sqlite);
    say(`SQLite reference: ${q.turns_per_s} turns/s, p50 ${q.p50_ms} ms, p99 ${q.p99_ms} ms`);
    rows.push(
      { section: 'engine', metric: 'SQLite WAL NORMAL, 1 instance, same run: turns/s', value: q.turns_per_s, unit: 'turns/s' },
      { section: 'engine', metric: 'SQLite WAL NORMAL, 1 instance, same run: p50 / p99', value: `${q.p50_ms} / ${q.p99_ms} ms` },
    );
    data.sqlite_same_run = q;
    wrong.push(...sqlite.filter((r) => r.mismatches > 0));
    if (wrong.length) rows.push({ section: 'engine', metric: 'PostgreSQL wrong replies', value: wrong.length, target: '0', met: false });
    return {
      rows,
      notes: [
        `PostgreSQL ${server.version}, ${server.source}; ${CONVERSATIONS} conversations, one turn in flight per instance, a fresh database per repetition, medians.`,
        '3 instances: three processes, each with its own createApp and pool and a third of the conversations, started together; turns/s over the wall time until the last finished, latencies pooled. Ratio: 3 instances / 1 instance.',
        'synchronous_commit=off is set per connection through the URL (?options=-c synchronous_commit=off).',
        ...wrong.map((r) => `wrong reply: ${r.firstMismatch}`),
      ],
      data: { ...data, wrong_replies: wrong.length },
    };
  } finally {
    await server.dispose();
  }
}
