import { evaluateTriage, FACT_VALUES, type Fact, type Facts } from '../../src/domain/triage-rules.js';
import type { Outcome } from '../../src/domain/case.js';
import { rng } from './stats.js';

// What a person types in the triage flow, decided up front from the rules themselves, so
// review-bot and the peer receive exactly the same texts in the same order. Each typed line
// carries what the bot must answer with, for the correctness check.

export type Expect = { type: 'question'; step: Fact } | { type: 'decision'; outcome: Outcome; rule: string };
export type ScriptedTurn = { text: string; expect: Expect };

// A realistic mix: mostly purchases, most buyers know whether they are a CIIO.
const WEIGHTS: Record<Fact, Record<string, number>> = {
  matter: { purchase: 0.8, listing: 0.12, data_processing: 0.08 },
  listing_venue: { abroad: 0.7, hong_kong: 0.3 },
  personal_info_users_over_1m: { yes: 0.4, no: 0.4, unsure: 0.2 },
  category: {},
  ciio: { yes: 0.6, no: 0.25, unsure: 0.15 },
  affects_national_security: { yes: 0.3, no: 0.5, unsure: 0.2 },
};

function pick(fact: Fact, random: () => number): string {
  const values = FACT_VALUES[fact] as readonly string[];
  const weights = WEIGHTS[fact];
  if (Object.keys(weights).length === 0) return values[Math.floor(random() * values.length)]!;
  let r = random();
  for (const v of values) {
    r -= weights[v] ?? 0;
    if (r <= 0) return v;
  }
  return values[values.length - 1]!;
}

/** One complete triage: `review`, then one answer per question the rules still need. */
export function triageRun(random: () => number): ScriptedTurn[] {
  const facts: Record<string, string> = {};
  const turns: ScriptedTurn[] = [];
  let text = 'review';
  for (;;) {
    const state = evaluateTriage(facts as Facts);
    if (state.type === 'decided') {
      turns.push({ text, expect: { type: 'decision', outcome: state.rule.outcome, rule: state.rule.id } });
      return turns;
    }
    turns.push({ text, expect: { type: 'question', step: state.fact } });
    text = pick(state.fact, random);
    facts[state.fact] = text;
  }
}

/** An endless, deterministic stream of triage turns for one conversation. */
export function conversationScript(seed: number): () => ScriptedTurn {
  const random = rng(seed);
  let queue: ScriptedTurn[] = [];
  return () => {
    if (queue.length === 0) queue = triageRun(random);
    return queue.shift()!;
  };
}
