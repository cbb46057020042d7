import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { progress } from '../lib/progress.js';
import { below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { SEED_PEOPLE, seededDatabase } from '../lib/seed.js';
import { median, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 5. Footprint: cold start of `review-bot chat --json` to its first question, and resident
// memory of a process with 100,000 stored cases after listing and scanning them. Both run
// the compiled build (dist/, made by `npm run build`, which `npm run bench` runs first).

const CASES = 100_000;

type ChatRun = { ms: number; firstLine: string; rssMb: number | null };

/** Spawn the CLI, type the given line at once, and time until the first JSON line on stdout. */
function timeChat(root: string, db: string, line: string, readRss: boolean): Promise<ChatRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/review-bot.js'), 'chat', '--json', '--db', db, '--user', 'bench-user-1'], {
      cwd: root,
      env: { ...process.env, REVIEW_BOT_LOG: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdin.write(`${line}\n`);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no reply within 30 s; stderr: ${stderr.slice(0, 400)}`));
    }, 30_000);
    const rl = createInterface({ input: child.stdout });
    let done = false;
    rl.on('line', (text) => {
      if (done) return;
      try {
        JSON.parse(text);
      } catch {
        return;
      }
      done = true;
      const ms = performance.now() - t0;
      let rssMb: number | null = null;
      if (readRss) {
        try {
          const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
          rssMb = kb ? Number(kb) / 1024 : null;
        } catch {
          /* not Linux */
        }
      }
      child.stdin.end();
      clearTimeout(timer);
      child.once('exit', () => resolve({ ms, firstLine: text, rssMb }));
    });
    child.once('exit', (code) => {
      if (!done) {
        clearTimeout(timer);
        reject(new Error(`chat exited ${code} before replying; stderr: ${stderr.slice(0, 400)}`));
      }
    });
  });
}

function runRssChild(root: string, db: string, sweep: boolean): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', join(root, 'bench/children/rss-child.mjs'), db, String(SEED_PEOPLE), ...(sweep ? ['sweep'] : [])];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`rss child exited ${code}: ${err.slice(0, 400)}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>);
    });
  });
}

export async function footprintSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('footprint');
  const notes: string[] = [];
  if (!existsSync(join(opts.root, 'dist/src/cli.js'))) {
    return {
      rows: [{ section: 'footprint', metric: 'not measured', value: null, target: 'needs `npm run build` (dist/)' }],
      notes: ['dist/ is missing: run `npm run build` (npm run bench does it first).'],
      data: { start_ms: null, rss_mb_100k: null },
    };
  }
  const tmp = tempDir('footprint');
  const starts = opts.quick ? 3 : 7;
  const startMs: number[] = [];
  await timeChat(opts.root, tmp.file('start-warm.sqlite'), 'review', false); // fills the OS file cache once
  for (let i = 0; i < starts; i++) {
    const r = await timeChat(opts.root, tmp.file(`start-${i}.sqlite`), 'review', false);
    const first = JSON.parse(r.firstLine) as { type?: string };
    if (first.type !== 'question') throw new Error(`first line was not a question: ${r.firstLine.slice(0, 200)}`);
    startMs.push(r.ms);
  }
  say(`cold start to first question: median ${median(startMs).toFixed(0)} ms of ${starts}`);

  say(`seeding ${CASES} cases (not timed)`);
  const db = tmp.file('footprint-100k.sqlite');
  await seededDatabase(db, CASES);
  // The daily planning sweep only in the full run: it reads every active case and takes seconds to minutes.
  const sweep = !opts.quick;
  const rss = await runRssChild(opts.root, db, sweep);
  say(`RSS with ${rss.cases} cases after listing/scanning: ${rss.rss_mb} MB (peak ${rss.rss_mb_peak} MB)`);
  if (sweep) say(`daily planning sweep over ${rss.cases} cases: ${rss.sweep_ms} ms, ${rss.sweep_rows} rows, peak RSS ${rss.rss_mb_peak_with_sweep} MB`);
  // The CLI itself on the same database: start, `status` (lists the person's cases), read its RSS.
  let chat: ChatRun | null = null;
  try {
    chat = await timeChat(opts.root, db, 'status', true);
  } catch (err) {
    notes.push(`chat on the 100k database failed: ${(err as Error).message}`);
  }
  const start100k = chat?.ms ?? null;
  tmp.dispose();

  const start = median(startMs);
  const rows: Row[] = [
    {
      section: 'footprint',
      metric: 'cold start `chat --json` to first question (median)',
      value: round(start, 0),
      unit: 'ms',
      target: '< 2000 ms',
      met: below(start, 2000),
    },
    {
      section: 'footprint',
      metric: 'RSS, 100k cases, after listing + scanning',
      value: rss.rss_mb ?? null,
      unit: 'MB',
      target: '< 200 MB',
      met: below(rss.rss_mb ?? null, 200),
    },
    {
      section: 'footprint',
      metric: 'RSS peak (same process)',
      value: rss.rss_mb_peak ?? null,
      unit: 'MB',
      target: '< 200 MB',
      met: below(rss.rss_mb_peak ?? null, 200),
    },
    sweep
      ? {
          section: 'footprint',
          metric: `RSS peak incl. the daily planning sweep (${rss.sweep_ms ?? '?'} ms, ${rss.sweep_rows ?? '?'} rows)`,
          value: rss.rss_mb_peak_with_sweep ?? null,
          unit: 'MB',
          target: '< 200 MB',
          met: below(rss.rss_mb_peak_with_sweep ?? null, 200),
        }
      : { section: 'footprint', metric: 'RSS peak incl. the daily planning sweep', value: 'full run only' },
    { section: 'footprint', metric: 'RSS of `chat --json` on 100k cases after `status`', value: round(chat?.rssMb ?? null, 1), unit: 'MB' },
    { section: 'footprint', metric: 'start to first reply on 100k cases (`status`)', value: round(start100k, 0), unit: 'ms' },
  ];
  notes.push(
    `Cold start: spawn \`node bin/review-bot.js chat --json\` on a new database, write "review", time to the first JSON line; ${starts} runs, median (one unmeasured run first fills the OS file cache). It includes Node start-up, module loading, classifier training, opening and migrating the database, and the first turn.`,
    `RSS: a plain Node process on dist/ opens the 100k-case database with createApp, lists cases (200 requesters, 50 teams, 20 analysts, 50 each), runs 30 reminder claim scans and 200 pending lists, 200 \`status\` turns and 1,000 triage turns; RSS read from /proc after a GC.${sweep ? ' Then the same process runs the daily planning sweep (planDueReminders) over all active cases, as a serving process does once a day; its peak RSS is VmHWM.' : ''}`,
  );
  return {
    rows,
    notes,
    data: {
      start_ms: round(start, 0),
      start_runs_ms: startMs.map((m) => round(m, 0)),
      rss_mb_100k: rss.rss_mb ?? null,
      rss_mb_100k_peak: rss.rss_mb_peak ?? null,
      rss_mb_after_start_100k: rss.rss_mb_after_start ?? null,
      heap_used_mb_100k: rss.heap_used_mb ?? null,
      rss_mb_chat_100k: round(chat?.rssMb ?? null, 1),
      plan_sweep_ms_100k: rss.sweep_ms ?? null,
      plan_sweep_rows_100k: rss.sweep_rows ?? null,
      rss_mb_100k_peak_with_sweep: rss.rss_mb_peak_with_sweep ?? null,
      start_ms_100k_status: round(start100k, 0),
      cases: rss.cases ?? null,
    },
  };
}
