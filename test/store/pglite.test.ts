import { afterAll, beforeAll } from 'vitest';
import { openPostgresStoreOn } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/index.js';
import { closeSharedPglite, pglitePool, sharedPglite } from '../support/pglite-pool.js';
import { storeConformance, type TestDatabase } from './conformance.js';
import { postgresConformance } from './postgres-conformance.js';

// PostgreSQL in-process (PGlite), inside every `npm test`: the PostgreSQL store's SQL, migrations
// and triggers on a real PostgreSQL engine. Each test database is a schema of its own on one PGlite.

let n = 0;
async function freshSchema(): Promise<TestDatabase> {
  const schema = `t${process.pid}_${++n}`;
  const raw = await pglitePool(schema);
  const stores: Store[] = [];
  return {
    raw: async (sql) => (await raw.query(sql)).rows,
    open: async (options) => {
      const s = await openPostgresStoreOn(await pglitePool(schema), options);
      stores.push(s);
      return s;
    },
    dispose: async () => {
      await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    },
  };
}

// PGlite starts in seconds (more on a busy machine): once per file, outside any test's timeout.
beforeAll(async () => {
  await sharedPglite();
}, 120_000);
afterAll(() => closeSharedPglite());

storeConformance({ name: 'PostgreSQL (PGlite in-process)', shared: true, raw: true, fresh: freshSchema });
postgresConformance({
  name: 'PostgreSQL (PGlite in-process)',
  fresh: async () => {
    const schema = `p${process.pid}_${++n}`;
    return { pool: () => pglitePool(schema), dispose: async () => {} };
  },
});
