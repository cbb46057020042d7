import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createdDb, runCli, runInProcess } from '../support/cli.js';

// `cases` and `export` only read: pointed (by --db or REVIEW_BOT_DB) at a path where no SQLite
// database is, they say so and exit 2, and create nothing: no file, no folder, no -wal or -shm.
// Opening the path would have created and migrated an empty database, hiding the typo.

const inProcess = runInProcess;
const refusal = (path: string) => `review-bot: there is no database at ${path}; check --db or REVIEW_BOT_DB (nothing was created)\n`;

describe('reading commands on a path with no database', () => {
  it.each([
    ['cases --db', (db: string) => inProcess(['cases', '--db', db])],
    ['cases --json --db', (db: string) => inProcess(['cases', '--json', '--user', 'alice', '--db', db])],
    ['cases with REVIEW_BOT_DB', (db: string) => inProcess(['cases'], { REVIEW_BOT_DB: db })],
    ['export --db', (db: string) => inProcess(['export', 'RB-NOPE00', '--db', db])],
    ['export --format json with REVIEW_BOT_DB', (db: string) => inProcess(['export', 'RB-NOPE00', '--format', 'json'], { REVIEW_BOT_DB: db })],
    ['export (the built binary)', (db: string) => runCli(['export', 'RB-NOPE00', '--db', db])],
    ['cases (the built binary)', (db: string) => runCli(['cases', '--db', db])],
  ])('%s: exit 2, the path named, nothing created', async (_name, run) => {
    const base = mkdtempSync(join(tmpdir(), 'rb-read-'));
    for (const db of [join(base, 'fresh.sqlite'), join(base, 'no-folder', 'fresh.sqlite')]) {
      const r = await run(db);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', refusal(db)]);
      expect(existsSync(dirname(db)) ? readdirSync(dirname(db)) : 'no folder').toEqual(dirname(db) === base ? [] : 'no folder');
    }
    expect(readdirSync(base)).toEqual([]);
  });

  it('bad arguments are still told first, and a database that exists is read as before', async () => {
    const base = mkdtempSync(join(tmpdir(), 'rb-read-'));
    const missing = join(base, 'fresh.sqlite');
    expect((await inProcess(['export', '--db', missing])).stderr).toBe('review-bot: export needs exactly one case id, e.g. review-bot export RB-4K7Q2M\n');
    expect(readdirSync(base)).toEqual([]);

    const db = await createdDb();
    const before = readdirSync(dirname(db)).sort();
    const list = await inProcess(['cases', '--json', '--user', 'alice', '--db', db]);
    expect([list.code, JSON.parse(list.stdout)]).toEqual([0, { cases: [], reminders: [] }]);
    const none = await inProcess(['export', 'RB-NOPE00', '--user', 'alice', '--db', db]);
    expect([none.code, none.stderr]).toEqual([2, 'review-bot: There is no case RB-NOPE00 that you can see.\n']);
    expect(readdirSync(dirname(db)).sort()).toEqual(before);
  });

  it('with DATABASE_URL (PostgreSQL) there is no file to look for: the connection answers', async () => {
    const r = await inProcess(['cases'], { DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/reviews', REVIEW_BOT_DB: '/nonexistent/x.sqlite' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^review-bot: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/reviews: /);
  });
});
