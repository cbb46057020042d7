import { describe, expect, it } from 'vitest';
import { crashTorture } from '../../scripts/crash-torture.js';

// The short mode of scripts/crash-torture.ts (its long mode: README "Reliability"): real
// `review-bot chat --json` processes on one database, SIGKILLed at random moments of triage
// conversations. A new seed each run covers more schedules over time; a failure names its seed,
// and `node --import tsx scripts/crash-torture.ts --kills 10 --seed <seed>` replays its choices.

describe('crash torture (short mode)', () => {
  it('ten SIGKILLs between turns, mid-turn and at start lose no acknowledged answer, duplicate none, and resume at the pending question', async () => {
    const seed = Number(process.env.TORTURE_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const report = await crashTorture({ kills: 10, seed, users: 3 });
    expect(report.violations, `seed ${seed}`).toEqual([]);
    expect(report.kills.total).toBe(10);
    expect(report.answersAcknowledged).toBeGreaterThan(0);
    expect(report.integrityChecks).toBeGreaterThanOrEqual(10 + 3);
  }, 120_000);
});
