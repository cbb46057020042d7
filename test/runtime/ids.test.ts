import { describe, expect, it } from 'vitest';
import { newCaseId } from '../../src/runtime/ids.js';

describe('case ids', () => {
  it('are RB- and six Crockford base32 characters, and keep changing across refills of the random pool', () => {
    const ids = Array.from({ length: 1024 }, () => newCaseId());
    for (const id of ids) expect(id).toMatch(/^RB-[0-9A-HJKMNP-TV-Z]{6}$/);
    // 256 ids per pool: each run of 256 is fresh randomness, not the previous one again.
    const runs = [0, 1, 2, 3].map((r) => ids.slice(r * 256, r * 256 + 256).join());
    expect(new Set(runs).size).toBe(4);
    // 30 random bits per id: among 1,024 a repeat is about a one-in-two-thousand event.
    expect(new Set(ids).size).toBeGreaterThan(1020);
  });
});
