import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Nlu, Outbound } from '../../src/engine/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import type { Driver, Reply } from './types.js';

// Our side: the real runtime (createApp -> SQLite store, engine, bot) on a database file,
// every turn persisted in one transaction before the reply comes back.

export type ReviewBotDriver = Driver & { app: App };

/** SQLite at `dbPath`, or PostgreSQL at `databaseUrl` (DATABASE_URL) when given. */
export async function reviewBotDriver(opts: {
  dbPath: string;
  durability: 'normal' | 'full';
  nlu: Nlu;
  userPrefix?: string;
  databaseUrl?: string;
}): Promise<ReviewBotDriver> {
  const config = loadConfig({
    REVIEW_BOT_DB: opts.dbPath,
    REVIEW_BOT_DURABILITY: opts.durability,
    REVIEW_BOT_LOG: 'silent',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  });
  if (!config.ok) throw new Error(config.error);
  const app = await createApp(config.value, { nlu: opts.nlu, log: silentLogger });
  const prefix = opts.userPrefix ?? 'bench-user-';
  return {
    name: opts.databaseUrl ? 'review-bot (PostgreSQL)' : `review-bot (SQLite WAL, synchronous=${opts.durability.toUpperCase()})`,
    app,
    turn: async (conversation, text) =>
      toReply((await app.bot.handle({ platform: 'terminal', userId: `${prefix}${conversation}`, input: { type: 'text', text } })).messages),
    close: () => app.close(),
  };
}

export function toReply(out: readonly Outbound[]): Reply {
  for (const m of out) {
    if (m.type === 'question') return { type: 'question', step: m.step };
    if (m.type === 'decision') return { type: 'decision', outcome: m.outcome };
    if (m.type === 'error') return { type: 'error', text: m.text };
  }
  return { type: 'none' };
}
