import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import config from '../../.dependency-cruiser.mjs';

// The layer rules run on the real tree in `npm run lint` (part of `npm test`). Here they run on a
// fixture tree that breaks every rule on purpose: a rule that no longer fires there (a typo in a
// path pattern, a renamed folder) would let its violations through unnoticed.

const fixture = fileURLToPath(new URL('./fixture', import.meta.url));

async function violations(): Promise<{ rule: string; from: string; to: string }[]> {
  const { tsConfig: _ts, ...options } = config.options ?? {};
  const r = await cruise(['src', 'adapters', 'flows'], { ...options, ruleSet: { forbidden: config.forbidden ?? [] }, baseDir: fixture, validate: true });
  const result = r.output as ICruiseResult;
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layer rules', () => {
  it('every rule fires on the fixture that breaks it, at the place it breaks it', async () => {
    const found = await violations();
    const expected: [rule: string, from: string][] = [
      ['no-unresolvable', 'src/runtime/missing.ts'],
      ['no-circular', 'src/runtime/cycle-a.ts'],
      ['pure-layers-no-io', 'src/domain/reads-files.ts'],
      ['pure-layers-no-shell', 'src/engine/uses-runtime.ts'],
      ['domain-stands-alone', 'src/domain/uses-engine.ts'],
      ['engine-knows-no-flows', 'src/engine/uses-flows.ts'],
      ['i18n-is-a-leaf', 'src/i18n/uses-domain.ts'],
      ['through-entry-points', 'adapters/slack/deep.ts'],
      ['slack-sdk-in-slack-adapter', 'src/runtime/uses-slack.ts'],
      ['teams-sdk-in-teams-adapter', 'src/runtime/uses-botbuilder.ts'],
      ['adapters-independent', 'adapters/slack/uses-teams.ts'],
      ['database-drivers-in-store', 'src/runtime/uses-pg.ts'],
    ];
    for (const [rule, from] of expected) expect(found, rule).toContainEqual(expect.objectContaining({ rule, from }));
    // Every configured rule has its fixture.
    expect(new Set(expected.map(([rule]) => rule))).toEqual(new Set((config.forbidden ?? []).map((r) => r.name)));
  });

  it('files that keep to the rules are not reported', async () => {
    const found = await violations();
    for (const clean of ['src/engine/index.ts', 'flows/index.ts', 'src/runtime/index.ts', 'adapters/teams/index.ts']) {
      expect(found.filter((v) => v.from === clean)).toEqual([]);
    }
  });
});
