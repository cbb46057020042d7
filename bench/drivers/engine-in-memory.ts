import { registry } from '../../flows/index.js';
import { advance, type ConvState, type Nlu } from '../../src/engine/index.js';
import { newCaseId } from '../../src/runtime/ids.js';
import { toReply } from './review-bot.js';
import type { Driver } from './types.js';

// A decomposition aid, not a product configuration: the same engine turn (advance()) with the
// conversation state kept in a Map as a JSON string, i.e. the peer's MemoryStorage model
// without SQLite. ours - this = what persistence costs per turn.

export function engineInMemoryDriver(nlu: Nlu): Driver {
  const states = new Map<number, string>();
  return {
    name: 'review-bot engine, state as JSON in memory (no SQLite)',
    turn: async (conversation, text) => {
      const stored = states.get(conversation);
      const state = stored ? (JSON.parse(stored) as ConvState | null) : null;
      const result = advance({ now: new Date(), registry, nlu, startFlow: 'triage', newCaseId, preferredLang: null }, state, { type: 'text', text });
      if (result.changed) states.set(conversation, JSON.stringify(result.state));
      return toReply(result.out);
    },
    close: async () => {},
  };
}
