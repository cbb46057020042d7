import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/case.js';
import type { ConvState } from '../../src/engine/index.js';
import { openSqliteStore, SCHEMA_VERSION, StoreError, type Store } from '../../src/store/index.js';

const state = (answers: Record<string, unknown>): ConvState =>
  ({ flow: 'triage', version: 1, lang: 'en', status: 'active', answers, inferred: [], suggestion: {} });
const kase = (id: string, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id, createdAt: '2026-03-02T00:00:00.000Z', updatedAt: '2026-03-02T00:00:00.000Z', status: 'open', requester: 'alice', team: 'it',
  teamLead: 'lee', analyst: null, lang: 'en', summary: 'routers',
  triage: { answers: {}, outcome: 'required', reasons: [] }, intake: {}, clock: [], announcedDeadlines: null, authorityOutcome: null, ...over,
});

let stores: Store[] = [];
const open = async (path = ':memory:') => { const s = await openSqliteStore(path); stores.push(s); return s; };
afterEach(async () => { await Promise.all(stores.map((s) => s.close().catch(() => undefined))); stores = []; });

describe('sqlite store', () => {
  it('a turn writes state, answers, case and audit together', async () => {
    const s = await open();
    const r = await s.commitTurn({
      conversation: 'terminal:alice', expectedRev: 0, eventId: 'e1', state: state({ ciio: 'yes' }),
      answers: [{ flow: 'triage', version: 1, step: 'ciio', value: 'yes', inferred: false, at: 'now' }],
      newCases: [kase('RB-1')], audit: [{ caseId: 'RB-1', at: 'now', actor: 'alice', action: 'case.open', before: null, after: { status: 'open' } }],
    });
    expect(r).toBe('ok');
    expect(await s.loadConversation('terminal:alice')).toEqual({ state: state({ ciio: 'yes' }), rev: 1 });
    expect(await s.answersOf('terminal:alice')).toHaveLength(1);
    expect((await s.getCase('RB-1'))?.summary).toBe('routers');
    expect(await s.auditOf('RB-1')).toHaveLength(1);
  });

  it('a failing write inside a turn rolls the whole turn back', async () => {
    const s = await open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}), newCases: [kase('RB-1')] });
    // Same case id again: the insert fails, so the state change and answers must not land either.
    await expect(s.commitTurn({
      conversation: 'c', expectedRev: 1, state: state({ ciio: 'no' }), newCases: [kase('RB-1')],
      answers: [{ flow: 'triage', version: 1, step: 'ciio', value: 'no', inferred: false, at: 'now' }],
    })).rejects.toBeInstanceOf(StoreError);
    expect((await s.loadConversation('c')).state?.answers).toEqual({});
    expect(await s.answersOf('c')).toEqual([]);
  });

  it('a repeated event id is a duplicate and changes nothing', async () => {
    const s = await open();
    expect(await s.commitTurn({ conversation: 'c', expectedRev: 0, eventId: 'ev', state: state({ a: 1 }) })).toBe('ok');
    expect(await s.commitTurn({ conversation: 'c', expectedRev: 1, eventId: 'ev', state: state({ a: 2 }) })).toBe('duplicate');
    expect((await s.loadConversation('c')).state?.answers).toEqual({ a: 1 });
    expect(await s.hasEvent('ev')).toBe(true);
  });

  it('a turn computed on an old revision is a conflict', async () => {
    const s = await open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
    expect(await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 2 }) })).toBe('conflict');
    await s.commitTurn({ conversation: 'c', expectedRev: 1, state: state({ a: 3 }) });
    expect(await s.commitTurn({ conversation: 'c', expectedRev: 1, state: state({ a: 4 }) })).toBe('conflict');
    expect(await s.loadConversation('c')).toMatchObject({ state: { answers: { a: 3 } }, rev: 2 });
  });

  it('case updates are optimistic and audited atomically', async () => {
    const s = await open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, newCases: [kase('RB-1')] });
    const next = kase('RB-1', { status: 'intake', updatedAt: '2026-03-03T00:00:00.000Z' });
    const audit = [{ caseId: 'RB-1', at: 'x', actor: 'ann', action: 'intake.start', before: 'open', after: 'intake' }];
    expect(await s.saveCases([{ case: next, expectedUpdatedAt: '2026-03-02T00:00:00.000Z' }], audit)).toBe('ok');
    expect(await s.saveCases([{ case: next, expectedUpdatedAt: '2026-03-02T00:00:00.000Z' }], audit)).toBe('conflict');
    expect(await s.auditOf('RB-1')).toHaveLength(1);
    expect((await s.getCase('RB-1'))?.status).toBe('intake');
  });

  it('the audit log is append-only in the database itself', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rb-')), 'a.sqlite');
    const s = await open(path);
    await s.saveCases([], [{ caseId: 'RB-1', at: 'x', actor: 'a', action: 'comment', before: null, after: 'hi' }]);
    await s.close();
    const raw = new sqlite3.Database(path);
    const err = await new Promise<Error | null>((resolve) => raw.run("UPDATE audit SET actor = 'mallory'", (e) => resolve(e)));
    expect(String(err)).toMatch(/append-only/);
    await new Promise((r) => raw.close(r));
  });

  it('lists cases by requester, team, analyst and unassigned, newest first', async () => {
    const s = await open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, newCases: [
      kase('A', { requester: 'alice', team: 'it', createdAt: '2026-01-01' }),
      kase('B', { requester: 'bob', team: 'ops', analyst: 'ann', createdAt: '2026-01-02' }),
      kase('C', { requester: 'alice', team: 'ops', createdAt: '2026-01-03' }),
    ] });
    const ids = async (q: Parameters<Store['listCases']>[0]) => (await s.listCases(q)).map((k) => k.id);
    expect(await ids({ requester: 'alice' })).toEqual(['C', 'A']);
    expect(await ids({ team: 'ops' })).toEqual(['C', 'B']);
    expect(await ids({ analyst: 'ann' })).toEqual(['B']);
    expect(await ids({ analyst: 'ann', includeUnassigned: true })).toEqual(['C', 'B', 'A']);
    expect(await ids({ statuses: ['closed'] })).toEqual([]);
    // Pages follow one another without gaps or repeats.
    expect(await ids({ limit: 2 })).toEqual(['C', 'B']);
    expect(await ids({ limit: 2, after: { createdAt: '2026-01-02', id: 'B' } })).toEqual(['A']);
  });

  it('reminders: scheduling twice is a no-op; a claim is exclusive until its lease ends', async () => {
    const s = await open();
    const r = { dedupeKey: 'k1', caseId: 'A', recipient: 'lee', kind: 'T-3', dueAt: '2026-03-01T00:00:00.000Z', payload: { x: 1 } };
    expect(await s.scheduleReminders([r, r])).toBe(1);
    const now = '2026-03-02T00:00:00.000Z';
    const a = await s.claimDueReminders(now, 'one', 60_000, 10);
    expect(a.map((x) => x.dedupeKey)).toEqual(['k1']);
    expect(await s.claimDueReminders(now, 'two', 60_000, 10)).toEqual([]);
    // The first owner crashed: after the lease another claims it, and the first may no longer mark it.
    const later = '2026-03-02T00:02:00.000Z';
    expect((await s.claimDueReminders(later, 'two', 60_000, 10)).map((x) => x.attempts)).toEqual([2]);
    expect(await s.markReminderSent(a[0]!.id, 'one', later)).toBe(false);
    expect(await s.markReminderSent(a[0]!.id, 'two', later)).toBe(true);
    expect(await s.claimDueReminders('2026-03-09T00:00:00.000Z', 'three', 60_000, 10)).toEqual([]);
  });

  it('refuses a database written by a newer version, with a clear message', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rb-')), 'new.sqlite');
    await (await open(path)).close();
    stores = [];
    const raw = new sqlite3.Database(path);
    await new Promise((r) => raw.run(`INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION + 1})`, r));
    await new Promise((r) => raw.close(r));
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: 'schema_too_new', message: expect.stringMatching(/newer than this review-bot/) });
  });

  it('reopening runs no migration twice and keeps data; WAL is on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rb-')), 'w.sqlite');
    const s1 = await open(path);
    await s1.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
    await s1.close(); stores = [];
    const s2 = await open(path);
    expect((await s2.loadConversation('c')).rev).toBe(1);
    const raw = new sqlite3.Database(path);
    const mode = await new Promise<unknown>((r) => raw.get('PRAGMA journal_mode', (_e, row) => r(row)));
    await new Promise((r) => raw.close(r));
    expect(mode).toEqual({ journal_mode: 'wal' });
  });

  it('an unwritable path fails with open_failed', async () => {
    // A regular file where a folder should be: unwritable even for root.
    const file = join(mkdtempSync(join(tmpdir(), 'rb-')), 'plain-file');
    writeFileSync(file, 'x');
    const target = join(file, 'sub', 'x.sqlite');
    await expect(openSqliteStore(target)).rejects.toMatchObject({ name: 'StoreError', code: 'open_failed' });
  });
});
