import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/index.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, pgServerRequired, TEST_PG_URL } from '../support/test-postgres.js';

// `review-bot migrate-store` end to end: the real CLI from an SQLite file written by a real chat
// into a real PostgreSQL database, then the same CLI reading the copy (cases --json).

describe.skipIf(!TEST_PG_URL && !pgServerRequired)('review-bot migrate-store (real server)', () => {
  it('copies a database a chat wrote; a second run is refused, --merge copies nothing twice', async () => {
    if (!TEST_PG_URL) throw new Error('CI is set but REVIEW_BOT_TEST_PG_URL is not');
    const sqlite = join(mkdtempSync(join(tmpdir(), 'rb-migrate-')), 'bot.sqlite');
    const chat = await runCli(['chat', '--json', '--user', 'alice', '--db', sqlite], 'review\npurchase\nhpc_servers\nyes\nyes\n');
    expect(chat.code).toBe(0);
    const db = await createTestDatabase('rb_migrate');
    try {
      const first = await runCli(['migrate-store', '--from', `sqlite:${sqlite}`, '--to', db.url]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^conversations: 1 copied\nanswers: 4 copied\n/);
      expect(first.stdout).toMatch(/\ncases: 1 copied\naudit: \d+ copied\n/);
      // Both sides through the store: the same conversation, answers and case.
      const src = await openSqliteStore(sqlite);
      const dst = await openPostgresStore(db.url);
      try {
        expect(await dst.loadConversation('terminal:alice')).toEqual(await src.loadConversation('terminal:alice'));
        expect(await dst.answersOf('terminal:alice')).toEqual(await src.answersOf('terminal:alice'));
        expect(await dst.listCases({})).toEqual(await src.listCases({}));
      } finally {
        await src.close();
        await dst.close();
      }
      // The bot itself reads the copy: DATABASE_URL, no --db.
      const cases = await runCli(['cases', '--user', 'alice', '--json'], '', { DATABASE_URL: db.url });
      expect(cases.code).toBe(0);
      expect((JSON.parse(cases.stdout) as { cases: { requester: string }[] }).cases.map((k) => k.requester)).toEqual(['terminal:alice']);
      const again = await runCli(['migrate-store', '--from', `sqlite:${sqlite}`, '--to', db.url]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^review-bot: the target database is not empty \(1 conversations, 4 answers, .*\); pass --merge to add to it\n$/);
      const merged = await runCli(['migrate-store', '--from', `sqlite:${sqlite}`, '--to', db.url, '--merge']);
      expect(merged.code).toBe(0);
      expect(merged.stdout).toMatch(/^conversations: 0 copied, 1 already in the target/);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
