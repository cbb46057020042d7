// `npm run bench [-- --quick] [-- --only engine,reminders]`: every section runs in its own
// Node process (a crash or a heap left behind by one cannot bill another), then one table
// is printed on stdout and bench/results.json is written. Progress goes to stderr.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sqlite3 from 'sqlite3';
import { describeMachine } from './lib/machine.js';
import { progress } from './lib/progress.js';
import { renderTable, type Row, type SectionOptions, type SectionResult } from './lib/report.js';
import { clusterEnv, startBenchCluster } from './lib/postgres.js';
import { tempDir } from './lib/tmp.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');

type SectionName = 'engine' | 'engine_pg' | 'classifier' | 'reminders' | 'growth' | 'footprint' | 'acks' | 'edge';
/** Run order: the turn benchmark first on a quiet machine, the platform acks last. */
const ORDER: readonly SectionName[] = ['engine', 'engine_pg', 'classifier', 'reminders', 'growth', 'footprint', 'acks', 'edge'];

/** Keys results.json always has, null when a section could not measure them. */
const REQUIRED: Record<SectionName, string[]> = {
  engine: ['turns_per_s', 'p50_ms', 'p99_ms', 'peer_turns_per_s', 'ratio', 'concurrent_200', 'durable_peer'],
  engine_pg: ['one_instance', 'three_instances'],
  acks: ['slack_p99_ms', 'teams_p99_ms'],
  classifier: ['ms_per_message', 'accuracy_en', 'accuracy_zh'],
  reminders: ['scan_ms_100k'],
  footprint: ['start_ms', 'rss_mb_100k'],
  growth: ['rows'],
  edge: ['baseline_mb', 'slack_slow_unsigned', 'slack_no_signature', 'teams_slow_unauthenticated'],
};

/** Wall-clock budget per section before it is stopped and reported as null. */
const BUDGET_S: Record<SectionName, { quick: number; full: number }> = {
  engine: { quick: 75, full: 300 },
  engine_pg: { quick: 50, full: 240 },
  classifier: { quick: 30, full: 120 },
  reminders: { quick: 40, full: 90 },
  growth: { quick: 40, full: 150 },
  footprint: { quick: 40, full: 180 },
  acks: { quick: 60, full: 150 },
  edge: { quick: 60, full: 120 },
};

async function loadSection(name: SectionName): Promise<(o: SectionOptions) => Promise<SectionResult>> {
  switch (name) {
    case 'engine':
      return (await import('./sections/engine.js')).engineSection;
    case 'engine_pg':
      return (await import('./sections/engine-pg.js')).enginePgSection;
    case 'classifier':
      return (await import('./sections/classifier.js')).classifierSection;
    case 'reminders':
      return (await import('./sections/reminders.js')).remindersSection;
    case 'growth':
      return (await import('./sections/growth.js')).growthSection;
    case 'footprint':
      return (await import('./sections/footprint.js')).footprintSection;
    case 'acks':
      return (await import('./sections/acks.js')).acksSection;
    case 'edge':
      return (await import('./sections/edge.js')).edgeSection;
  }
}

/** Child mode: run one section and write its result as JSON to `out`. */
async function runOne(name: SectionName, quick: boolean, out: string): Promise<void> {
  const section = await loadSection(name);
  const result = await section({ quick, root: ROOT });
  writeFileSync(out, JSON.stringify(result));
}

function spawnSection(
  name: SectionName,
  quick: boolean,
  out: string,
  seedCache: string,
  env: Record<string, string>,
): Promise<{ ok: boolean; reason: string | null }> {
  const budget = BUDGET_S[name][quick ? 'quick' : 'full'];
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(BENCH, 'run.ts'), '--section', name, '--out', out, ...(quick ? ['--quick'] : [])],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SEED_CACHE: seedCache, ...env } },
    );
    child.stdout.pipe(process.stderr); // keep stdout for the table
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, budget * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done({ ok: true, reason: null });
      else done({ ok: false, reason: signal === 'SIGKILL' ? `stopped after its ${budget} s budget` : `exited with code ${code ?? signal}` });
    });
  });
}

const sqliteVersion = (): Promise<string | null> =>
  new Promise((resolveVersion) => {
    const db = new sqlite3.Database(':memory:');
    db.get('SELECT sqlite_version() AS v', (err, row: { v?: string } | undefined) => {
      db.close();
      resolveVersion(err ? null : (row?.v ?? null));
    });
  });

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      section: { type: 'string' },
      out: { type: 'string' },
      'results-file': { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  if (values.section) {
    await runOne(values.section as SectionName, quick, values.out ?? '/dev/stdout');
    return 0;
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  const unknown = (only ?? []).filter((s) => !ORDER.includes(s as SectionName));
  if (unknown.length) {
    process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; sections: ${ORDER.join(', ')}\n`);
    return 2;
  }
  const say = progress('run');
  const started = performance.now();
  say(`${quick ? 'quick' : 'full'} run: ${(only ?? ORDER).join(', ')}`);
  const tmp = tempDir('results');
  const seedCache = tempDir('seed-cache'); // seeded databases shared by the sections of this run
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    machine: describeMachine(ROOT, await sqliteVersion()),
    mode: quick ? 'quick' : 'full',
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    started_at: new Date().toISOString(),
  };
  const notes: Record<string, string[]> = {};
  // The PostgreSQL rows' server belongs to this process: stopped here even when a section is killed.
  const cluster = !only || only.includes('engine_pg') ? startBenchCluster(ROOT) : null;
  for (const name of ORDER) {
    if (only && !only.includes(name)) continue;
    say(`section ${name} (budget ${BUDGET_S[name][quick ? 'quick' : 'full']} s)`);
    const out = tmp.file(`${name}.json`);
    const status = await spawnSection(name, quick, out, seedCache.path, name === 'engine_pg' && cluster ? clusterEnv(cluster) : {});
    let result: SectionResult | null = null;
    if (status.ok) {
      try {
        result = JSON.parse(readFileSync(out, 'utf8')) as SectionResult;
      } catch (err) {
        status.reason = `wrote no result (${(err as Error).message})`;
      }
    }
    const data: Record<string, unknown> = Object.fromEntries(REQUIRED[name].map((k) => [k, null]));
    if (result) {
      Object.assign(data, result.data);
      rows.push(...result.rows);
      notes[name] = result.notes;
    } else {
      notes[name] = [`section failed: ${status.reason}`];
      rows.push({ section: name, metric: 'section failed', value: null, target: status.reason ?? '' });
    }
    results[name] = data;
  }
  if (cluster && 'stop' in cluster) cluster.stop();
  results.notes = notes;
  results.duration_s = Math.round((performance.now() - started) / 100) / 10;
  tmp.dispose();
  seedCache.dispose();

  const file = values['results-file'] ?? join(BENCH, 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine as ReturnType<typeof describeMachine>;
  process.stdout.write(
    `\nreview-bot benchmarks (${quick ? 'quick' : 'full'}) on ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}, Node ${m.node}, SQLite ${m.sqlite}, load ${m.load_avg_1m} at start\n\n`,
  );
  process.stdout.write(`${renderTable(rows)}\n\n`);
  for (const [section, lines] of Object.entries(notes)) {
    for (const line of lines) process.stdout.write(`- ${section}: ${line}\n`);
  }
  process.stdout.write(`\nwrote ${file} in ${results.duration_s} s\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
