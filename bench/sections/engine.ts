import { createNlu } from '../../src/app.js';
import type { Nlu } from '../../src/engine/index.js';
import { botbuilderDialogsDriver } from '../drivers/botbuilder-dialogs.js';
import { engineInMemoryDriver } from '../drivers/engine-in-memory.js';
import { reviewBotDriver } from '../drivers/review-bot.js';
import { openSqliteStorage } from '../drivers/sqlite-storage.js';
import type { Driver } from '../drivers/types.js';
import { driveConcurrent, driveSequential, scriptsFor, type DriveResult } from '../lib/drive.js';
import { progress } from '../lib/progress.js';
import { atLeast, below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { collectGarbage, median, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';

// 1. Engine turns: the triage flow, 200 interleaved conversations, review-bot (real runtime,
// SQLite file in WAL, every turn committed) against botbuilder-dialogs, twice: with MemoryStorage
// (persists nothing) and, the fairer peer, with a durable Storage over the same sqlite3 driver.

const CONVERSATIONS = 200;

type Plan = { turns: number; warmup: number; reps: number; fullReps: number; concurrentRounds: number; concurrentReps: number };
const FULL: Plan = { turns: 12_000, warmup: 1_000, reps: 5, fullReps: 3, concurrentRounds: 50, concurrentReps: 3 };
const QUICK: Plan = { turns: 1_500, warmup: 300, reps: 3, fullReps: 2, concurrentRounds: 8, concurrentReps: 2 };
/** Turns of the discarded JIT warm-up of each bot: enough for the optimising compiler, not a measurement. */
const JIT_TURNS = 1_000;

type Summary = { turnsPerS: number; p50Ms: number; p99Ms: number; maxMs: number; turns: number; reps: number; perRep: number[] };

const summarise = (runs: DriveResult[]): Summary => ({
  turnsPerS: median(runs.map((r) => r.turnsPerS)),
  p50Ms: median(runs.map((r) => r.p50Ms)),
  p99Ms: median(runs.map((r) => r.p99Ms)),
  maxMs: median(runs.map((r) => r.maxMs)),
  turns: runs[0]?.turns ?? 0,
  reps: runs.length,
  perRep: runs.map((r) => Math.round(r.turnsPerS)),
});

export async function engineSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('engine');
  const plan = opts.quick ? QUICK : FULL;
  const tmp = tempDir('engine');
  let dbCounter = 0;
  say('training the classifier once (not timed)');
  const nlu: Nlu = createNlu();
  const ours = (durability: 'normal' | 'full') => () => reviewBotDriver({ dbPath: tmp.file(`turns-${dbCounter++}.sqlite`), durability, nlu });
  const peer = async () => botbuilderDialogsDriver();
  const durablePeer = async () => {
    const storage = await openSqliteStorage(tmp.file(`peer-${dbCounter++}.sqlite`));
    return botbuilderDialogsDriver({ storage, name: 'SQLite Storage (sqlite3, WAL NORMAL)', close: () => storage.close() });
  };

  const failures: string[] = [];
  /** Every repetition gets a fresh bot (new database / new MemoryStorage) and the same scripts for both bots. */
  const once = async (make: () => Promise<Driver>, seed: number, mode: 'sequential' | 'concurrent', turns = plan.turns): Promise<DriveResult> => {
    const driver = await make();
    try {
      collectGarbage();
      const scripts = scriptsFor(CONVERSATIONS, seed);
      const r =
        mode === 'sequential' ? await driveSequential(driver, scripts, plan.warmup, turns) : await driveConcurrent(driver, scripts, 2, plan.concurrentRounds);
      if (r.mismatches > 0) failures.push(`${driver.name}: ${r.mismatches} wrong replies; first: ${r.firstMismatch}`);
      return r;
    } finally {
      await driver.close();
    }
  };

  say('JIT warm-up of both bots (discarded)');
  await once(ours('normal'), 999, 'sequential', Math.min(plan.turns, JIT_TURNS));
  await once(peer, 999, 'sequential', Math.min(plan.turns, JIT_TURNS));
  await once(durablePeer, 999, 'sequential', Math.min(plan.turns, JIT_TURNS));

  const bots = { ours: ours('normal'), peer, durable_peer: durablePeer } as const;
  type Who = keyof typeof bots;
  const WHO: readonly Who[] = ['ours', 'peer', 'durable_peer'];
  /** Rotate who goes first so drift on a noisy machine bills every bot alike. */
  const rotation = (rep: number): Who[] => WHO.map((_, i) => WHO[(i + rep) % WHO.length]!);
  const seqRuns: Record<Who, DriveResult[]> = { ours: [], peer: [], durable_peer: [] };
  for (let rep = 0; rep < plan.reps; rep++) {
    for (const who of rotation(rep)) {
      const r = await once(bots[who], rep + 1, 'sequential');
      seqRuns[who].push(r);
      say(`rep ${rep + 1}/${plan.reps} ${who}: ${Math.round(r.turnsPerS)} turns/s, p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms`);
    }
  }
  const { ours: oursRuns, peer: peerRuns, durable_peer: durableRuns } = seqRuns;
  const memRuns: DriveResult[] = [];
  for (let rep = 0; rep < plan.fullReps; rep++) {
    const r = await once(async () => engineInMemoryDriver(nlu), rep + 1, 'sequential');
    memRuns.push(r);
    say(`rep ${rep + 1}/${plan.fullReps} engine only, state in memory: ${Math.round(r.turnsPerS)} turns/s, p50 ${r.p50Ms.toFixed(3)} ms`);
  }
  const fullRuns: DriveResult[] = [];
  for (let rep = 0; rep < plan.fullReps; rep++) {
    const r = await once(ours('full'), rep + 1, 'sequential');
    fullRuns.push(r);
    say(`rep ${rep + 1}/${plan.fullReps} ours synchronous=FULL: ${Math.round(r.turnsPerS)} turns/s, p99 ${r.p99Ms.toFixed(3)} ms`);
  }
  const concRuns: Record<Who, DriveResult[]> = { ours: [], peer: [], durable_peer: [] };
  for (let rep = 0; rep < plan.concurrentReps; rep++) {
    for (const who of rotation(rep)) concRuns[who].push(await once(bots[who], 50 + rep, 'concurrent'));
    const tps = (who: Who) => Math.round(concRuns[who].at(-1)!.turnsPerS);
    say(`rep ${rep + 1}/${plan.concurrentReps} 200 in flight: ours ${tps('ours')}, peer ${tps('peer')}, durable peer ${tps('durable_peer')} turns/s`);
  }
  const { ours: oursConc, peer: peerConc, durable_peer: durableConc } = concRuns;
  tmp.dispose();

  const o = summarise(oursRuns);
  const p = summarise(peerRuns);
  const f = summarise(fullRuns);
  const mem = summarise(memRuns);
  const oc = summarise(oursConc);
  const pc = summarise(peerConc);
  const d = summarise(durableRuns);
  const dc = summarise(durableConc);
  const ratio = o.turnsPerS / p.turnsPerS;
  const durableRatio = o.turnsPerS / d.turnsPerS;
  const durableConcRatio = oc.turnsPerS / dc.turnsPerS;
  // The ratio of medians and the median of per-repetition ratios (pairs run back to back).
  const pairRatio = median(oursRuns.map((r, i) => r.turnsPerS / peerRuns[i]!.turnsPerS));
  const notes = [
    `${CONVERSATIONS} conversations interleaved round-robin, ${plan.turns} timed turns per repetition after ${plan.warmup} warm-up turns, ${plan.reps} repetitions, medians.`,
    'Sequential driving: one turn in flight at a time, so latency is the bot\'s own cost; "200 in flight" rows send one turn for every conversation at once.',
    'review-bot persists every turn (conversation state, answer row, cases + audit on decisions) in one SQLite transaction; the peer keeps state in MemoryStorage; the durable peer writes its dialog state to SQLite (one read + one upsert per turn, same driver and pragmas).',
    ...failures,
  ];
  const rows: Row[] = [
    {
      section: 'engine',
      metric: 'turns/s (sequential, WAL NORMAL)',
      value: round(o.turnsPerS, 0),
      unit: 'turns/s',
      target: '>= 1.5x peer',
      met: atLeast(ratio, 1.5),
      peer: round(p.turnsPerS, 0),
      ratio: round(ratio, 2),
    },
    { section: 'engine', metric: 'p50 per turn', value: round(o.p50Ms, 3), unit: 'ms', peer: round(p.p50Ms, 3) },
    { section: 'engine', metric: 'p99 per turn', value: round(o.p99Ms, 3), unit: 'ms', target: '< 1 ms', met: below(o.p99Ms, 1), peer: round(p.p99Ms, 3) },
    {
      section: 'engine',
      metric: 'turns/s vs durable peer (SQLite Storage), sequential',
      value: round(o.turnsPerS, 0),
      unit: 'turns/s',
      target: '>= 2x durable peer',
      met: atLeast(durableRatio, 2),
      peer: round(d.turnsPerS, 0),
      ratio: round(durableRatio, 2),
    },
    { section: 'engine', metric: 'durable peer: p50 / p99 per turn', value: `${round(d.p50Ms, 3)} / ${round(d.p99Ms, 3)} ms` },
    {
      section: 'engine',
      metric: 'turns/s (synchronous=FULL)',
      value: round(f.turnsPerS, 0),
      unit: 'turns/s',
      peer: round(p.turnsPerS, 0),
      ratio: round(f.turnsPerS / p.turnsPerS, 2),
    },
    {
      section: 'engine',
      metric: 'p99 per turn (synchronous=FULL)',
      value: round(f.p99Ms, 3),
      unit: 'ms',
      target: '< 2 ms',
      met: below(f.p99Ms, 2),
      peer: round(p.p99Ms, 3),
    },
    {
      section: 'engine',
      metric: 'engine only, state in memory (no SQLite)',
      value: round(mem.turnsPerS, 0),
      unit: 'turns/s',
      peer: round(p.turnsPerS, 0),
      ratio: round(mem.turnsPerS / p.turnsPerS, 2),
    },
    { section: 'engine', metric: 'engine only: p50 per turn', value: round(mem.p50Ms, 3), unit: 'ms', peer: round(p.p50Ms, 3) },
    {
      section: 'engine',
      metric: 'turns/s (200 in flight)',
      value: round(oc.turnsPerS, 0),
      unit: 'turns/s',
      target: '>= 3x peer',
      met: atLeast(oc.turnsPerS / pc.turnsPerS, 3),
      peer: round(pc.turnsPerS, 0),
      ratio: round(oc.turnsPerS / pc.turnsPerS, 2),
    },
    { section: 'engine', metric: 'p99 per turn (200 in flight)', value: round(oc.p99Ms, 2), unit: 'ms', peer: round(pc.p99Ms, 2) },
    {
      section: 'engine',
      metric: 'turns/s (200 in flight) vs durable peer',
      value: round(oc.turnsPerS, 0),
      unit: 'turns/s',
      target: '>= 2x durable peer',
      met: atLeast(durableConcRatio, 2),
      peer: round(dc.turnsPerS, 0),
      ratio: round(durableConcRatio, 2),
    },
  ];
  if (failures.length) rows.push({ section: 'engine', metric: 'wrong replies', value: failures.length, target: '0', met: false });
  return {
    rows,
    notes,
    data: {
      turns_per_s: round(o.turnsPerS, 0),
      p50_ms: round(o.p50Ms, 3),
      p99_ms: round(o.p99Ms, 3),
      peer_turns_per_s: round(p.turnsPerS, 0),
      ratio: round(ratio, 2),
      ratio_pairwise_median: round(pairRatio, 2),
      peer_p50_ms: round(p.p50Ms, 3),
      peer_p99_ms: round(p.p99Ms, 3),
      max_ms: round(o.maxMs, 2),
      durability: 'normal',
      full_durability: { turns_per_s: round(f.turnsPerS, 0), p50_ms: round(f.p50Ms, 3), p99_ms: round(f.p99Ms, 3), ratio: round(f.turnsPerS / p.turnsPerS, 2) },
      engine_in_memory: {
        turns_per_s: round(mem.turnsPerS, 0),
        p50_ms: round(mem.p50Ms, 3),
        p99_ms: round(mem.p99Ms, 3),
        ratio: round(mem.turnsPerS / p.turnsPerS, 2),
      },
      concurrent_200: {
        turns_per_s: round(oc.turnsPerS, 0),
        p50_ms: round(oc.p50Ms, 2),
        p99_ms: round(oc.p99Ms, 2),
        peer_turns_per_s: round(pc.turnsPerS, 0),
        peer_p50_ms: round(pc.p50Ms, 2),
        peer_p99_ms: round(pc.p99Ms, 2),
        ratio: round(oc.turnsPerS / pc.turnsPerS, 2),
      },
      durable_peer: {
        ratio: round(durableRatio, 2),
        concurrent_200_ratio: round(durableConcRatio, 2),
        turns_per_s: round(d.turnsPerS, 0),
        p50_ms: round(d.p50Ms, 3),
        p99_ms: round(d.p99Ms, 3),
        concurrent_200_turns_per_s: round(dc.turnsPerS, 0),
        concurrent_200_p99_ms: round(dc.p99Ms, 2),
        ratio_pairwise_median: round(median(oursRuns.map((r, i) => r.turnsPerS / durableRuns[i]!.turnsPerS)), 2),
        per_rep_turns_per_s: d.perRep,
        storage: 'botbuilder Storage over sqlite3 (bench/drivers/sqlite-storage.ts): one SELECT + one upsert per turn, WAL, synchronous=NORMAL',
      },
      conversations: CONVERSATIONS,
      timed_turns_per_rep: plan.turns,
      warmup_turns: plan.warmup,
      reps: plan.reps,
      per_rep_turns_per_s: { ours: o.perRep, peer: p.perRep, durable_peer: d.perRep, full: f.perRep, engine_in_memory: mem.perRep },
      wrong_replies: failures.length,
      peer: 'botbuilder-dialogs WaterfallDialog + ChoicePrompt, TestAdapter, MemoryStorage + ConversationState',
    },
  };
}
