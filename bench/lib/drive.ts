import type { Driver, Reply } from '../drivers/types.js';
import { percentile } from './stats.js';
import { conversationScript, type Expect, type ScriptedTurn } from './triage-script.js';

// Drive a bot with many interleaved conversations: turn i goes to conversation i mod N, so
// consecutive turns always belong to different conversations (what a busy bot sees).

export type DriveResult = {
  turns: number;
  elapsedMs: number;
  turnsPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every timed turn's latency (ms), for pooling runs of several processes. */
  latencies: number[];
  /** Replies that were not the question/decision the rules call for (must be 0). */
  mismatches: number;
  firstMismatch: string | null;
};

export const scriptsFor = (conversations: number, seed: number): (() => ScriptedTurn)[] =>
  Array.from({ length: conversations }, (_, i) => conversationScript(seed * 100_003 + i));

export function matches(reply: Reply, expect: Expect): boolean {
  if (expect.type === 'question') return reply.type === 'question' && reply.step === expect.step;
  return reply.type === 'decision' && reply.outcome === expect.outcome;
}

function summarise(latencies: number[], elapsedMs: number, mismatches: number, firstMismatch: string | null): DriveResult {
  return {
    turns: latencies.length,
    latencies,
    elapsedMs,
    turnsPerS: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    mismatches,
    firstMismatch,
  };
}

/** One turn at a time (no queueing in the numbers): per-turn latency is the bot's own cost. */
export async function driveSequential(driver: Driver, scripts: (() => ScriptedTurn)[], warmup: number, turns: number): Promise<DriveResult> {
  const n = scripts.length;
  let mismatches = 0;
  let firstMismatch: string | null = null;
  const check = (reply: Reply, s: ScriptedTurn, conv: number) => {
    if (matches(reply, s.expect)) return;
    mismatches++;
    firstMismatch ??= `conversation ${conv}: typed ${JSON.stringify(s.text)}, expected ${JSON.stringify(s.expect)}, got ${JSON.stringify(reply)}`;
  };
  for (let i = 0; i < warmup; i++) {
    const s = scripts[i % n]!();
    check(await driver.turn(i % n, s.text), s, i % n);
  }
  const latencies = new Array<number>(turns);
  const start = performance.now();
  for (let i = 0; i < turns; i++) {
    const conv = (warmup + i) % n;
    const s = scripts[conv]!();
    const t0 = performance.now();
    const reply = await driver.turn(conv, s.text);
    latencies[i] = performance.now() - t0;
    check(reply, s, conv);
  }
  return summarise(latencies, performance.now() - start, mismatches, firstMismatch);
}

/** Every conversation has one turn in flight at once (rounds of N); latency includes waiting for the others. */
export async function driveConcurrent(driver: Driver, scripts: (() => ScriptedTurn)[], warmupRounds: number, rounds: number): Promise<DriveResult> {
  let mismatches = 0;
  let firstMismatch: string | null = null;
  const latencies: number[] = [];
  const round = async (timed: boolean) => {
    await Promise.all(
      scripts.map(async (next, conv) => {
        const s = next();
        const t0 = performance.now();
        const reply = await driver.turn(conv, s.text);
        if (timed) latencies.push(performance.now() - t0);
        if (!matches(reply, s.expect)) {
          mismatches++;
          firstMismatch ??= `conversation ${conv}: typed ${JSON.stringify(s.text)}, expected ${JSON.stringify(s.expect)}, got ${JSON.stringify(reply)}`;
        }
      }),
    );
  };
  for (let r = 0; r < warmupRounds; r++) await round(false);
  const start = performance.now();
  for (let r = 0; r < rounds; r++) await round(true);
  return summarise(latencies, performance.now() - start, mismatches, firstMismatch);
}
