import pg from 'pg';

// The real PostgreSQL server of `.ci/run` (REVIEW_BOT_TEST_PG_URL): each test gets a database of
// its own, created from the URL's and dropped afterwards.

export const TEST_PG_URL = process.env.REVIEW_BOT_TEST_PG_URL ?? '';

/** In CI the server suites must run: a missing URL is a failure there, a skip on a laptop. */
export const pgServerRequired = !!process.env.CI;

let counter = 0;

export type TestPgDatabase = { name: string; url: string; drop(): Promise<void> };

export async function createTestDatabase(prefix = 'rb_test'): Promise<TestPgDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`); // a generated identifier (letters, digits, _), never user input
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
