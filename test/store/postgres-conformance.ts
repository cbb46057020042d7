import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../../src/store/copy.js';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../src/store/migrations.js';
import { migratePostgres, openPostgresStoreOn } from '../../src/store/postgres.js';
import { openSqliteStore, type PgPool, type Store } from '../../src/store/index.js';
import { kase, state } from './conformance.js';

// What only the PostgreSQL backend has to show: migrations that roll back, TRUNCATE refused on the
// audit log, and the copy of an SQLite database into PostgreSQL (`review-bot migrate-store`).
// Instances starting at once on an empty database: the shared suite (conformance.ts).

export type PgBackend = { name: string; fresh(): Promise<{ pool(): Promise<PgPool>; dispose(): Promise<void> }> };

const rows = async (pool: PgPool, sql: string) => (await pool.query(sql)).rows;
/** Every byte value: a file must cross from BLOB to BYTEA unchanged. */
const FILE_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

export function postgresConformance(backend: PgBackend): void {
  describe(`PostgreSQL store: ${backend.name}`, () => {
    let cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanup.reverse()) await c().catch(() => undefined);
      cleanup = [];
    });
    const fresh = async () => {
      const d = await backend.fresh();
      cleanup.push(d.dispose);
      return d;
    };
    const pool = async (d: { pool(): Promise<PgPool> }) => {
      const p = await d.pool();
      cleanup.push(() => p.end());
      return p;
    };
    const store = async (p: PgPool) => {
      const s = await openPostgresStoreOn(p);
      cleanup.push(() => s.close());
      return s;
    };

    it('has a migration for every SQLite migration, with the same versions', () => {
      expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    });

    it('a failing migration is rolled back and the version stays where it was', async () => {
      const p = await pool(await fresh());
      const good = { version: 1, sql: 'CREATE TABLE first_table (x INTEGER)' };
      const bad = { version: 2, sql: 'CREATE TABLE second_table (x INTEGER); SELECT no_such_function()' };
      await expect(migratePostgres(p, [good, bad])).rejects.toMatchObject({
        name: 'StoreError',
        code: 'migration_failed',
        message: expect.stringMatching(/^migration 2 failed/),
      });
      expect(await rows(p, 'SELECT version FROM schema_version')).toEqual([{ version: 1 }]);
      expect(await rows(p, "SELECT to_regclass('first_table') IS NOT NULL AS first, to_regclass('second_table') IS NOT NULL AS second")).toEqual([
        { first: true, second: false },
      ]);
      // Fixed, it runs from where it stopped.
      await migratePostgres(p, [good, { version: 2, sql: 'CREATE TABLE second_table (x INTEGER)' }]);
      expect((await rows(p, 'SELECT version FROM schema_version ORDER BY version')).map((r) => r.version)).toEqual([1, 2]);
    });

    it('the audit log refuses TRUNCATE as well as UPDATE and DELETE', async () => {
      const p = await pool(await fresh());
      const s = await store(p);
      await s.saveCases({ audit: [{ caseId: 'RB-1', at: 'x', actor: 'a', action: 'comment', before: null, after: 'hi' }] });
      await expect(p.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
      expect(await s.auditOf('RB-1')).toHaveLength(1);
    });

    describe('copying an SQLite database into PostgreSQL (migrate-store)', () => {
      /** An SQLite database with some of everything, written through the store. */
      async function sqliteWithData(): Promise<{ path: string; s: Store }> {
        const path = join(mkdtempSync(join(tmpdir(), 'rb-copy-')), 'source.sqlite');
        const s = await openSqliteStore(path, { clock: () => new Date('2026-03-02T01:00:00.000Z') });
        cleanup.push(() => s.close());
        await s.commitTurn({
          conversation: 'slack:U1',
          expectedRev: 0,
          eventId: 'Ev1',
          state: state({ matter: 'purchase', ciio: 'yes' }),
          answers: [
            { flow: 'triage', version: 2, step: 'matter', value: 'purchase', inferred: true, at: '2026-03-02T01:00:00.000Z' },
            { flow: 'triage', version: 2, step: 'ciio', value: 'yes', inferred: false, at: '2026-03-02T01:01:00.000Z' },
          ],
          newCases: [kase('RB-1', { requester: 'slack:U1' })],
          audit: [{ caseId: 'RB-1', at: '2026-03-02T01:01:00.000Z', actor: 'slack:U1', action: 'case.open', before: null, after: { status: 'open' } }],
          person: { key: 'slack:U1', lang: 'zh-CN' },
        });
        await s.commitTurn({
          conversation: 'teams:T1',
          expectedRev: 0,
          state: null,
          answers: [{ flow: 'triage', version: 2, step: 'matter', value: 'listing', inferred: false, at: 'x' }],
        });
        await s.saveCases({
          newCases: [kase('RB-2', { status: 'closed', createdAt: '2026-03-03T00:00:00.000Z' })],
          audit: [
            { caseId: 'RB-2', at: 'a1', actor: 'ann', action: 'case.open', before: null, after: null },
            { caseId: 'RB-2', at: 'a2', actor: 'ann', action: 'case.status', before: 'open', after: 'closed' },
          ],
          eventId: 'Ev2',
        });
        await s.touchPerson('slack:U1', 'slack', { user: 'U1', dm: 'D1' }, '2026-03-02T01:00:00.000Z');
        await s.touchPerson('teams:T1', 'teams', { conversation: { id: 'c1' } }, '2026-03-02T02:00:00.000Z');
        await s.scheduleReminders([
          { dedupeKey: 'due', caseId: 'RB-1', recipient: 'slack:U1', kind: 'deadline', dueAt: '2026-03-02T00:00:00.000Z', payload: { due: '2026-03-05' } },
          { dedupeKey: 'sent', caseId: 'RB-1', recipient: 'slack:U1', kind: 'deadline', dueAt: '2026-03-01T00:00:00.000Z', payload: {} },
        ]);
        const [sent] = (await s.claimDueReminders('2026-03-01T12:00:00.000Z', 'old', 60_000, 10)).filter((r) => r.dedupeKey === 'sent');
        await s.markReminderSent(sent!.id, 'old', '2026-03-01T12:00:01.000Z');
        await s.claimRun('plan:2026-03-02', 'old', '2026-03-02T00:00:00.000Z', 60_000);
        await s.finishRun('plan:2026-03-02', 'old', '2026-03-02T00:00:05.000Z');
        for (const [i, id] of ['f1', 'f2', 'f3', 'f4', 'f5'].entries()) {
          // more than one page of files
          await s.addAttachment(
            {
              meta: {
                id,
                caseId: 'RB-1',
                name: `${id}.pdf`,
                mediaType: 'application/pdf',
                size: 256,
                sha256: 'cd'.repeat(32),
                by: 'slack:U1',
                at: `2026-03-02T01:0${i}:00.000Z`,
                material: i === 0 ? 'procurement_documents' : null,
              },
              bytes: FILE_BYTES,
            },
            {},
          );
        }
        await s.setShownQuestion('slack:U1', { step: 'ciio', question: 'CIIO?', ref: { channel: 'D1', ts: '1.1' } }, '2026-03-02T01:00:00.000Z');
        return { path, s };
      }

      it('copies every conversation, answer, case, audit row, person, reminder, event and run', async () => {
        const { path, s: src } = await sqliteWithData();
        const p = await pool(await fresh());
        const r = await copySqliteToPostgres(path, p, { merge: false });
        expect(r).toEqual({
          ok: true,
          value: {
            conversations: { source: 2, copied: 2, skipped: 0 },
            answers: { source: 3, copied: 3, skipped: 0 },
            people: { source: 2, copied: 2, skipped: 0 },
            cases: { source: 2, copied: 2, skipped: 0 },
            audit: { source: 3, copied: 3, skipped: 0 },
            inbound_events: { source: 2, copied: 2, skipped: 0 },
            reminders: { source: 2, copied: 2, skipped: 0 },
            scheduled_runs: { source: 1, copied: 1, skipped: 0 },
            attachments: { source: 5, copied: 5, skipped: 0 },
            shown_questions: { source: 1, copied: 1, skipped: 0 },
          },
        });
        const dst = await store(p);
        for (const key of ['slack:U1', 'teams:T1']) {
          expect(await dst.loadConversation(key)).toEqual(await src.loadConversation(key));
          expect(await dst.answersOf(key)).toEqual(await src.answersOf(key));
          expect(await dst.getPerson(key)).toEqual(await src.getPerson(key));
        }
        for (const id of ['RB-1', 'RB-2']) {
          expect(await dst.getCase(id)).toEqual(await src.getCase(id));
          expect(await dst.auditOf(id)).toEqual(await src.auditOf(id));
        }
        expect(await dst.listCases({})).toEqual(await src.listCases({}));
        expect(await dst.listAttachments('RB-1')).toEqual(await src.listAttachments('RB-1'));
        expect([...(await dst.getAttachment('f5'))!.bytes]).toEqual([...FILE_BYTES]);
        const strip = (list: Awaited<ReturnType<Store['pendingReminders']>>) => list.map(({ id: _id, ...rest }) => rest);
        expect(strip(await dst.pendingReminders('slack:U1', '2026-12-31'))).toEqual(strip(await src.pendingReminders('slack:U1', '2026-12-31')));
        expect(await rows(p, "SELECT sent_at FROM reminders WHERE dedupe_key = 'sent'")).toEqual([{ sent_at: '2026-03-01T12:00:01.000Z' }]);
        expect(await dst.shownQuestion('slack:U1')).toEqual(await src.shownQuestion('slack:U1'));
        expect(await dst.hasEvent('Ev1')).toBe(true);
        expect(await dst.hasEvent('Ev2')).toBe(true);
        expect(await dst.claimRun('plan:2026-03-02', 'new', '2026-03-02T09:00:00.000Z', 60_000)).toBe('done');
        // The copied revision carries on: the next turn on the target is computed on rev 1.
        expect(await dst.commitTurn({ conversation: 'slack:U1', expectedRev: 1, state: state({}) })).toBe('ok');
      });

      it('refuses a target that is not empty; with merge, adds only what it lacks', async () => {
        const { path, s: src } = await sqliteWithData();
        const p = await pool(await fresh());
        expect((await copySqliteToPostgres(path, p, { merge: false })).ok).toBe(true);
        const again = await copySqliteToPostgres(path, p, { merge: false });
        expect(again).toEqual({ ok: false, error: expect.stringMatching(/^the target database is not empty \(2 conversations, 3 answers, .*pass --merge/) });
        // Merging the same source again adds nothing: no answer or audit row twice.
        const merged = await copySqliteToPostgres(path, p, { merge: true });
        expect(merged.ok && Object.values(merged.value).every((t) => t.copied === 0)).toBe(true);
        expect(await rows(p, 'SELECT COUNT(*)::int AS n FROM answers')).toEqual([{ n: 3 }]);
        expect(await rows(p, 'SELECT COUNT(*)::int AS n FROM audit')).toEqual([{ n: 3 }]);
        // Something new in the source: only that comes across.
        await src.commitTurn({
          conversation: 'slack:U9',
          expectedRev: 0,
          state: state({ a: 1 }),
          answers: [{ flow: 'triage', version: 2, step: 'a', value: 1, inferred: false, at: 'y' }],
        });
        const third = await copySqliteToPostgres(path, p, { merge: true });
        expect(third.ok && third.value.conversations).toEqual({ source: 3, copied: 1, skipped: 2 });
        expect(third.ok && third.value.answers).toEqual({ source: 4, copied: 1, skipped: 3 });
        const dst = await store(p);
        expect(await dst.answersOf('slack:U9')).toEqual(await src.answersOf('slack:U9'));
        expect(await dst.answersOf('slack:U1')).toEqual(await src.answersOf('slack:U1'));
      });

      it('a missing source file is an error, and the target is left alone', async () => {
        const p = await pool(await fresh());
        expect(await copySqliteToPostgres('/nonexistent/x.sqlite', p, { merge: false })).toEqual({
          ok: false,
          error: 'no SQLite database at /nonexistent/x.sqlite',
        });
        expect(await rows(p, "SELECT to_regclass('cases') IS NULL AS absent")).toEqual([{ absent: true }]);
      });
    });
  });
}
