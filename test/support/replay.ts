import { registry } from '../../flows/index.js';
import { advance, type ConvState, type Effect, type FlowRegistry, type Inbound, type Nlu, type Outbound, type TurnContext } from '../../src/engine/index.js';
import { fakeNlu } from './fake-nlu.js';

export const FIXED_NOW = new Date('2026-03-02T02:00:00Z');

export function context(over: Partial<TurnContext> = {}): TurnContext {
  let n = 0;
  return {
    now: FIXED_NOW,
    registry,
    nlu: fakeNlu(),
    startFlow: 'triage',
    newCaseId: () => `RB-TEST${++n}`,
    preferredLang: null,
    ...over,
  };
}

export type Replay = {
  state: ConvState | null;
  out: Outbound[][];
  effects: Effect[];
  /** Step ids of every question asked, in order. */
  asked: string[];
  decision: Extract<Outbound, { type: 'decision' }> | undefined;
  last: Outbound[];
};

/** Drive the engine with typed lines (or structured inputs) from an empty conversation. */
export function replay(
  inputs: (string | Inbound)[],
  opts: { registry?: FlowRegistry; nlu?: Nlu; state?: ConvState | null; ctx?: Partial<TurnContext> } = {},
): Replay {
  const ctx = context({ ...(opts.registry ? { registry: opts.registry } : {}), ...(opts.nlu ? { nlu: opts.nlu } : {}), ...opts.ctx });
  let state: ConvState | null = opts.state ?? null;
  const out: Outbound[][] = [];
  const effects: Effect[] = [];
  for (const i of inputs) {
    const r = advance(ctx, state, typeof i === 'string' ? { type: 'text', text: i } : i);
    state = r.state;
    out.push(r.out);
    effects.push(...r.effects);
  }
  const flat = out.flat();
  return {
    state,
    out,
    effects,
    asked: flat.filter((m) => m.type === 'question').map((m) => (m as { step: string }).step),
    decision: flat.find((m) => m.type === 'decision') as Replay['decision'],
    last: out[out.length - 1] ?? [],
  };
}
