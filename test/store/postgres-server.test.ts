import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/index.js';
import { createTestDatabase, pgServerRequired, TEST_PG_URL } from '../support/test-postgres.js';
import { storeConformance, type TestDatabase } from './conformance.js';
import { postgresConformance } from './postgres-conformance.js';

// The same suites against a real PostgreSQL server (REVIEW_BOT_TEST_PG_URL; `.ci/run` starts one):
// real connections, so the concurrency tests really race (row locks, SKIP LOCKED, unique keys).

if (!TEST_PG_URL) {
  describe('PostgreSQL server', () => {
    // In CI a missing server is a broken setup, not a reason to skip.
    if (pgServerRequired) {
      it('REVIEW_BOT_TEST_PG_URL is set (CI runs every store test against a real server)', () => {
        throw new Error('CI is set but REVIEW_BOT_TEST_PG_URL is not: .ci/run must start PostgreSQL and export it');
      });
    } else {
      it.skip('against a server: set REVIEW_BOT_TEST_PG_URL=postgres://… (scripts/throwaway-postgres.sh starts one)', () => {});
    }
  });
} else {
  storeConformance({
    name: 'PostgreSQL server',
    shared: true,
    raw: true,
    fresh: async (): Promise<TestDatabase> => {
      const db = await createTestDatabase();
      const raw = new pg.Pool({ connectionString: db.url, max: 2 });
      // Dropping the database (WITH FORCE) ends whatever connection is still open: not a test failure.
      raw.on('error', () => undefined);
      const stores: Store[] = [];
      return {
        raw: async (sql) => (await raw.query(sql)).rows,
        open: async (options) => {
          const s = await openPostgresStore(db.url, options ?? {});
          stores.push(s);
          return s;
        },
        dispose: async () => {
          await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
          await raw.end();
          await db.drop();
        },
      };
    },
  });
  postgresConformance({
    name: 'PostgreSQL server',
    fresh: async () => {
      const db = await createTestDatabase();
      const pools: pg.Pool[] = [];
      return {
        pool: async () => {
          const p = new pg.Pool({ connectionString: db.url, max: 4 });
          p.on('error', () => undefined);
          pools.push(p);
          return p;
        },
        // Pools a test left open are ended before the database goes (a store that owns one has ended it already).
        dispose: async () => {
          await Promise.all(pools.map((p) => (p.ended ? undefined : p.end().catch(() => undefined))));
          await db.drop();
        },
      };
    },
  });
}
