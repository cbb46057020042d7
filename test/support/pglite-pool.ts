import { PGlite } from '@electric-sql/pglite';
import type { PgPool, PgQueryable } from '../../src/store/index.js';

// PostgreSQL in-process for `npm test`: PGlite (PostgreSQL compiled to WASM) behind the small
// pool interface the PostgreSQL store uses, so the store's own SQL runs unchanged. PGlite has a
// single session, so "connections" take turns on it (a queue), and each works in its own schema:
// one PGlite serves many fresh test databases without paying its start-up (seconds) each time.

type Session = { db: PGlite; queue: Promise<unknown> };
let shared: Promise<Session> | null = null;

/** One PGlite per test file (worker), started on first use. */
export function sharedPglite(): Promise<Session> {
  shared ??= PGlite.create().then((db) => ({ db, queue: Promise.resolve() }));
  return shared;
}

export async function closeSharedPglite(): Promise<void> {
  if (!shared) return;
  const s = await shared;
  shared = null;
  await s.db.close();
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A pool over the shared PGlite whose connections all work in `schema` (created if missing). */
export async function pglitePool(schema: string): Promise<PgPool & { ended: boolean }> {
  if (!IDENT.test(schema)) throw new Error(`bad schema name ${schema}`);
  const session = await sharedPglite();
  const run = async (sql: string, params?: unknown[]) => {
    if (params?.length) {
      const r = await session.db.query<Record<string, unknown>>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    }
    // No parameters: the simple protocol, which (as in pg) allows several statements.
    const results = await session.db.exec(sql);
    const last = results[results.length - 1];
    return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
  };
  /** Wait for the session, point it at this schema, hand it over until release. */
  const acquire = (): Promise<PgQueryable & { release(): void }> =>
    new Promise((resolve, reject) => {
      const turn = session.queue.then(async () => {
        let released!: () => void;
        const done = new Promise<void>((r) => {
          released = r;
        });
        try {
          await run(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
        } catch (err) {
          reject(err);
          return;
        }
        resolve({ query: run, release: () => released() });
        await done;
      });
      session.queue = turn.catch(() => undefined);
    });
  const pool = {
    ended: false,
    connect: () => (pool.ended ? Promise.reject(new Error('Cannot use a pool after calling end on the pool')) : acquire()),
    query: async (sql: string, params?: unknown[]) => {
      const c = await pool.connect();
      try {
        return await c.query(sql, params);
      } finally {
        c.release();
      }
    },
    end: async () => {
      pool.ended = true;
    },
  };
  return pool;
}
