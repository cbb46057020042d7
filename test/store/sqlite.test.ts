import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore, StoreError, type Store } from '../../src/store/index.js';
import { RESTART_LOG_AT_FRAMES } from '../../src/store/sqlite-checkpoint.js';
import { kase, state, storeConformance, type Row, type TestDatabase } from './conformance.js';

const tempFile = (name = 'db.sqlite') => join(mkdtempSync(join(tmpdir(), 'rb-')), name);

/** SQL on the file through a connection of its own, as another program would. */
function rawSqlite(path: string) {
  return (sql: string) =>
    new Promise<Row[]>((resolve, reject) => {
      const raw = new sqlite3.Database(path);
      raw.all(sql, (err: Error | null, rows: Row[]) => raw.close(() => (err ? reject(err) : resolve(rows))));
    });
}

/** Stores opened in a test are closed with its database. */
function tracked(open: () => Promise<Store>) {
  const stores: Store[] = [];
  return {
    open: async () => {
      const s = await open();
      stores.push(s);
      return s;
    },
    closeAll: () => Promise.all(stores.map((s) => s.close().catch(() => undefined))),
  };
}

storeConformance({
  name: 'SQLite :memory:',
  shared: false,
  raw: false,
  fresh: async (): Promise<TestDatabase> => {
    let opened: Store | null = null;
    return {
      raw: () => Promise.reject(new Error(':memory: has one connection')),
      open: async (options) => {
        if (opened) throw new Error(':memory: has one connection');
        opened = await openSqliteStore(':memory:', options);
        return opened;
      },
      dispose: async () => {
        await opened?.close().catch(() => undefined);
      },
    };
  },
});

storeConformance({
  name: 'SQLite file',
  shared: true,
  raw: true,
  fresh: async (): Promise<TestDatabase> => {
    const path = tempFile();
    const stores: Store[] = [];
    return {
      raw: rawSqlite(path),
      open: async (options) => {
        const s = await openSqliteStore(path, options);
        stores.push(s);
        return s;
      },
      dispose: async () => {
        await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
      },
    };
  },
});

describe('sqlite store (SQLite only)', () => {
  let t: ReturnType<typeof tracked> | null = null;
  afterEach(async () => {
    await t?.closeAll();
    t = null;
  });

  it('WAL is on', async () => {
    const path = tempFile('w.sqlite');
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
    expect(await rawSqlite(path)('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('the log is copied back by checkpoints of their own: it stays short, and no turn sees them as a change', async () => {
    const path = tempFile('wal.sqlite');
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    const TURNS = 4_000;
    const answer = (i: number) => ({ flow: 'triage', version: 2, step: 'summary', value: 'x'.repeat(200) + i, inferred: false, at: 'now' });
    for (let i = 0; i < TURNS; i++) {
      const conversation = `c${i % 50}`;
      const { rev } = await s.loadConversation(conversation);
      expect(await s.commitTurn({ conversation, expectedRev: rev, state: state({ i }), answers: [answer(i)] })).toBe('ok');
    }
    // The log file keeps the size of its longest run. Every turn writes three pages or more (a frame
    // is a page and a 24-byte header): without checkpoints that start the log over, it holds over
    // 3 x TURNS frames; with them, the frames of one run up to the restart limit and the catch-up.
    const frame = 4096 + 24;
    const logFrames = statSync(`${path}-wal`).size / frame;
    expect(3 * TURNS).toBeGreaterThan(2 * RESTART_LOG_AT_FRAMES);
    expect(logFrames).toBeGreaterThan(0);
    expect(logFrames).toBeLessThan(2 * RESTART_LOG_AT_FRAMES);
    expect(await rawSqlite(path)('SELECT COUNT(*) AS n FROM answers')).toEqual([{ n: TURNS }]);
  });

  it('large writes (a sweep page of reminders) count as their rows, so the log still starts over', async () => {
    const path = tempFile('sweep.sqlite');
    t = tracked(() => openSqliteStore(path, { checkpoints: { every: 250, restartAt: 200 } }));
    const s = await t.open();
    // 80 transactions of 250 rows: as 80 writes they never reach a checkpoint (every 250 writes),
    // and the log would hold all of them; as 20,000 they are checkpointed after each one.
    const BATCHES = 80;
    const ROWS = 250;
    for (let b = 0; b < BATCHES; b++) {
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        dedupeKey: `sweep:${b}:${i}`,
        caseId: null,
        recipient: `lead-${i % 20}`,
        kind: 'digest',
        dueAt: '2026-03-02T01:00:00.000Z',
        payload: { note: 'y'.repeat(100) },
      }));
      expect(await s.scheduleReminders(rows)).toBe(ROWS);
      await new Promise((r) => setTimeout(r, 5)); // the checkpoint's own thread gets its turn, as between sweep pages
    }
    const frame = 4096 + 24;
    const logFrames = statSync(`${path}-wal`).size / frame;
    const dbFrames = statSync(path).size / 4096;
    // What was written was copied back into the database file, and the log started over: it holds
    // less than the database (uncounted, it held every batch and the file had not grown at all).
    expect(await rawSqlite(path)('SELECT COUNT(*) AS n FROM reminders')).toEqual([{ n: BATCHES * ROWS }]);
    expect(logFrames).toBeLessThan(dbFrames / 2);
  });

  it('an unwritable path fails with open_failed', async () => {
    // A regular file where a folder should be: unwritable even for root.
    const file = tempFile('plain-file');
    writeFileSync(file, 'x');
    await expect(openSqliteStore(join(file, 'sub', 'x.sqlite'))).rejects.toMatchObject({ name: 'StoreError', code: 'open_failed' });
  });

  it('a read after close is a StoreError, not a driver error', async () => {
    const s = await openSqliteStore(':memory:');
    await s.close();
    await expect(s.getCase('RB-1')).rejects.toMatchObject({ name: 'StoreError', code: 'io' });
  });
});

describe('sqlite store: what turns read is kept in memory, and never trusted for a write', () => {
  let t: ReturnType<typeof tracked> | null = null;
  afterEach(async () => {
    await t?.closeAll();
    t = null;
  });

  it('a conversation another process changed is a conflict, and the retry sees its row', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const ours = await t.open();
    const other = await t.open(); // its own connection, as another process on the same file
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) })).toBe('ok');
    expect(await ours.loadConversation('c')).toEqual({ state: state({ a: 1 }), rev: 1 });
    // The other process reads before it writes, as every turn does.
    expect(await other.loadConversation('c')).toEqual({ state: state({ a: 1 }), rev: 1 });
    expect(await other.commitTurn({ conversation: 'c', expectedRev: 1, state: state({ a: 'other' }) })).toBe('ok');

    // Our copy still says rev 1; the revision check in the write catches it.
    const stale = await ours.loadConversation('c');
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: stale.rev, state: state({ a: 'ours' }) })).toBe('conflict');
    const fresh = await ours.loadConversation('c');
    expect(fresh).toEqual({ state: state({ a: 'other' }), rev: 2 });
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: fresh.rev, state: state({ a: 'ours' }) })).toBe('ok');
    expect((await rawSqlite(path)("SELECT state, rev FROM conversations WHERE key = 'c'"))[0]).toEqual({ state: JSON.stringify(state({ a: 'ours' })), rev: 3 });
  });

  it('a turn of a process that has not read since another process committed is a conflict, even on another row', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const ours = await t.open();
    const other = await t.open();
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) })).toBe('ok');
    await ours.saveCases({ newCases: [kase('RB-1')] });
    expect(await ours.getCase('RB-1')).toMatchObject({ id: 'RB-1', status: 'open' });
    // The other process changes the case behind our back (not the conversation).
    const theirs = (await other.getCase('RB-1'))!;
    const changed = { ...theirs, status: 'closed' as const, updatedAt: '2026-03-09T00:00:00.000Z' };
    expect(await other.saveCases({ updates: [{ case: changed, expectedUpdatedAt: theirs.updatedAt }] })).toBe('ok');

    // Our copy of conversation and case predates that: the turn computed on them is refused ...
    const cached = await ours.loadConversation('c');
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: cached.rev, state: state({ a: 2 }) })).toBe('conflict');
    // ... and nothing cached is used again: the case as the other process left it, then the turn goes through.
    expect(await ours.getCase('RB-1')).toMatchObject({ status: 'closed', updatedAt: '2026-03-09T00:00:00.000Z' });
    const fresh = await ours.loadConversation('c');
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: fresh.rev, state: state({ a: 2 }) })).toBe('ok');
    expect((await rawSqlite(path)("SELECT state FROM conversations WHERE key = 'c'"))[0]).toEqual({ state: JSON.stringify(state({ a: 2 })) });
  });

  it('a group of turns of a process that has not read since another process committed is refused whole, each turn a conflict', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const ours = await t.open();
    const other = await t.open();
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) })).toBe('ok');
    expect(await other.loadConversation('elsewhere')).toEqual({ state: null, rev: 0 }); // it reads before it writes, as every turn does
    expect(await other.commitTurn({ conversation: 'elsewhere', expectedRev: 0, state: state({ b: 1 }) })).toBe('ok');
    // Submitted together: one group statement, whose first turn finds the data_version moved.
    const statements = vi.spyOn(sqlite3.Statement.prototype, 'run');
    const group = ['g1', 'g2', 'g3'].map((conversation) => ours.commitTurn({ conversation, expectedRev: 0, state: state({ conversation }) }));
    expect(await Promise.all(group)).toEqual(['conflict', 'conflict', 'conflict']);
    expect(statements).toHaveBeenCalledTimes(1); // the group's one statement, refused whole: no turn written again alone
    statements.mockRestore();
    expect(await rawSqlite(path)("SELECT key FROM conversations WHERE key LIKE 'g%'")).toEqual([]);
    // Computed again on what is stored, they go through, together.
    expect(
      await Promise.all(['g1', 'g2', 'g3'].map((conversation) => ours.commitTurn({ conversation, expectedRev: 0, state: state({ conversation }) }))),
    ).toEqual(['ok', 'ok', 'ok']);
  });

  it('a case write of a process whose cache another process made stale is a conflict, and the next one is not', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const ours = await t.open();
    const other = await t.open();
    await ours.saveCases({ newCases: [kase('RB-1')] });
    const k = (await ours.getCase('RB-1'))!;
    await other.touchPerson('alice', 'slack', { channel: 'D1' }, '2026-03-02T00:00:00.000Z'); // any commit elsewhere
    const comment = { caseId: 'RB-1', at: 'now', actor: 'lee', action: 'case.comment', before: null, after: { text: 'x' } };
    expect(await ours.saveCases({ audit: [comment] })).toBe('conflict');
    expect(await ours.auditOf('RB-1')).toEqual([]);
    expect(await ours.getCase('RB-1')).toEqual(k);
    expect(await ours.saveCases({ audit: [comment] })).toBe('ok');
    expect(await ours.auditOf('RB-1')).toHaveLength(1);
  });

  it('cases read, written and refused: reads follow what this process committed', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    expect(await s.getCase('RB-1')).toBeNull();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}), newCases: [kase('RB-1')] });
    const opened = (await s.getCase('RB-1'))!;
    expect(opened).toMatchObject({ id: 'RB-1', status: 'open' });
    const intake = { ...opened, status: 'intake' as const, updatedAt: '2026-03-03T00:00:00.000Z' };
    expect(await s.saveCases({ updates: [{ case: intake, expectedUpdatedAt: opened.updatedAt }] })).toBe('ok');
    expect(await s.getCase('RB-1')).toEqual(intake);
    // A write on an outdated updatedAt is refused and leaves the case as stored.
    const late = { ...opened, status: 'withdrawn' as const, updatedAt: '2026-03-04T00:00:00.000Z' };
    expect(await s.saveCases({ updates: [{ case: late, expectedUpdatedAt: opened.updatedAt }] })).toBe('conflict');
    expect(await s.getCase('RB-1')).toEqual(intake);
    expect(await s.commitTurn({ conversation: 'c', expectedRev: 1, caseUpdates: [{ case: late, expectedUpdatedAt: opened.updatedAt }] })).toBe('conflict');
    expect(await s.getCase('RB-1')).toEqual(intake);
    // What a caller does to a case it was given does not change the next read.
    (await s.getCase('RB-1'))!.summary = 'changed';
    expect(await s.getCase('RB-1')).toEqual(intake);
  });

  it('a person seen again at the same address within the hour is not written again; a new address or a later hour is', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    const stored = async () => (await rawSqlite(path)("SELECT platform, address, last_seen_at FROM people WHERE key = 'lee'"))[0];
    await s.touchPerson('lee', 'slack', { channel: 'D1' }, '2026-03-02T09:00:00.000Z');
    expect(await s.getPerson('lee')).toMatchObject({ platform: 'slack', address: { channel: 'D1' }, lastSeenAt: '2026-03-02T09:00:00.000Z' });
    await s.touchPerson('lee', 'slack', { channel: 'D1' }, '2026-03-02T09:59:00.000Z');
    expect(await stored()).toEqual({ platform: 'slack', address: '{"channel":"D1"}', last_seen_at: '2026-03-02T09:00:00.000Z' });
    await s.touchPerson('lee', 'slack', { channel: 'D2' }, '2026-03-02T09:59:30.000Z');
    expect(await stored()).toEqual({ platform: 'slack', address: '{"channel":"D2"}', last_seen_at: '2026-03-02T09:59:30.000Z' });
    await s.touchPerson('lee', 'teams', { channel: 'D2' }, '2026-03-02T10:00:00.000Z');
    expect(await stored()).toMatchObject({ platform: 'teams' });
    await s.touchPerson('lee', 'teams', { channel: 'D2' }, '2026-03-02T11:00:00.000Z');
    expect(await stored()).toMatchObject({ last_seen_at: '2026-03-02T11:00:00.000Z' });
    expect(await s.getPerson('lee')).toMatchObject({ platform: 'teams', address: { channel: 'D2' }, lastSeenAt: '2026-03-02T11:00:00.000Z' });
  });

  it('the question shown last: set, replaced, cleared, and read back', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    expect(await s.shownQuestion('c')).toBeNull();
    await s.setShownQuestion('c', { step: 'ciio', question: 'Q1', ref: { ts: '1' } }, 'now');
    expect(await s.shownQuestion('c')).toEqual({ step: 'ciio', question: 'Q1', ref: { ts: '1' } });
    const read = (await s.shownQuestion('c'))!;
    (read.ref as { ts: string }).ts = 'changed';
    await s.setShownQuestion('c', { step: 'category', question: 'Q2', ref: { ts: '2' } }, 'now');
    expect(await s.shownQuestion('c')).toEqual({ step: 'category', question: 'Q2', ref: { ts: '2' } });
    await s.setShownQuestion('c', null, 'now');
    expect(await s.shownQuestion('c')).toBeNull();
  });

  it('a conversation created by another process is a conflict for a turn that thought it new', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const ours = await t.open();
    const other = await t.open();
    expect(await ours.loadConversation('c')).toEqual({ state: null, rev: 0 });
    expect(await other.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ by: 'other' }) })).toBe('ok');
    expect(await ours.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ by: 'ours' }) })).toBe('conflict');
    expect(await ours.loadConversation('c')).toEqual({ state: state({ by: 'other' }), rev: 1 });
  });

  it('what a caller does to a loaded state or person does not change the next load', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }), person: { key: 'alice', lang: 'en' } });
    await s.touchPerson('alice', 'teams', { conversation: { id: 'x' } }, '2026-03-02T00:00:00.000Z');
    const loaded = await s.loadConversation('c');
    loaded.state!.answers.a = 'changed';
    const person = await s.getPerson('alice');
    (person!.address as { conversation: { id: string } }).conversation.id = 'changed';
    expect((await s.loadConversation('c')).state?.answers).toEqual({ a: 1 });
    expect(await s.getPerson('alice')).toEqual({
      key: 'alice',
      lang: 'en',
      platform: 'teams',
      address: { conversation: { id: 'x' } },
      lastSeenAt: '2026-03-02T00:00:00.000Z',
    });
  });

  it('reads after writes of this process see the writes (language, address, state, idle)', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    expect(await s.getPerson('bob')).toBeNull(); // remembered as absent ...
    await s.touchPerson('bob', 'slack', { channel: 'D1' }, '2026-03-02T00:00:00.000Z'); // ... until seen
    expect(await s.getPerson('bob')).toMatchObject({ lang: null, platform: 'slack', address: { channel: 'D1' } });
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}), person: { key: 'bob', lang: 'zh-CN' } });
    expect(await s.getPerson('bob')).toMatchObject({ lang: 'zh-CN', platform: 'slack', address: { channel: 'D1' } });
    await s.commitTurn({ conversation: 'c', expectedRev: 1, answers: [] }); // state left alone: same revision
    expect(await s.loadConversation('c')).toEqual({ state: state({}), rev: 1 });
    await s.commitTurn({ conversation: 'c', expectedRev: 1, state: null });
    expect(await s.loadConversation('c')).toEqual({ state: null, rev: 2 });
  });
});

describe('sqlite store: a turn is one statement with its values bound', () => {
  let t: ReturnType<typeof tracked> | null = null;
  afterEach(async () => {
    await t?.closeAll();
    t = null;
  });

  it('stores every value byte for byte as JSON.stringify writes it, quotes and SQL included', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    const tricky = `'); DROP TABLE cases; -- "引号" \\ ${String.fromCharCode(0)}`;
    const value = { f: 0.1 + 0.2, big: 1e21, tiny: 5e-324, zh: '申报预判，第五条', tricky, nested: [null, true, { k: -0 }] };
    const record = kase('RB-1', { summary: tricky });
    expect(
      await s.commitTurn({
        conversation: tricky,
        expectedRev: 0,
        eventId: tricky,
        state: state({ value }),
        answers: [{ flow: 'triage', version: 1, step: tricky, value, inferred: true, at: 'now' }],
        newCases: [record],
        audit: [{ caseId: 'RB-1', at: 'now', actor: tricky, action: 'case.open', before: null, after: value }],
        reminders: [{ dedupeKey: tricky, caseId: null, recipient: 'lee', kind: 'deadline', dueAt: '2026-03-01T00:00:00.000Z', payload: value }],
      }),
    ).toBe('ok');
    const raw = rawSqlite(path);
    expect(await raw('SELECT key, state, rev FROM conversations')).toEqual([{ key: tricky, state: JSON.stringify(state({ value })), rev: 1 }]);
    expect(await raw('SELECT conversation, step, value, inferred FROM answers')).toEqual([
      { conversation: tricky, step: tricky, value: JSON.stringify(value), inferred: 1 },
    ]);
    expect(await raw('SELECT id, data, team, analyst FROM cases')).toEqual([{ id: 'RB-1', data: JSON.stringify(record), team: 'it', analyst: null }]);
    expect(await raw('SELECT actor, before, after FROM audit')).toEqual([{ actor: tricky, before: 'null', after: JSON.stringify(value) }]);
    expect(await raw('SELECT dedupe_key, case_id, payload FROM reminders')).toEqual([{ dedupe_key: tricky, case_id: null, payload: JSON.stringify(value) }]);
    expect(await raw('SELECT id FROM inbound_events')).toEqual([{ id: tricky }]);
    expect(await s.hasEvent(tricky)).toBe(true);
  });

  it('a turn alone (its own parameters) and the same turn in a group (one JSON array) store the same rows', async () => {
    const tricky = `'); DROP TABLE answers; -- "引号" \\ ${String.fromCharCode(0)}`;
    const value = { f: 0.1 + 0.2, zh: '申报预判', tricky, nested: [null, true, { k: -0 }] };
    const turn = (expectedRev: number) => ({
      conversation: 'x',
      expectedRev,
      eventId: `e${expectedRev}`,
      state: state({ value, expectedRev }),
      answers: [tricky, 'b', 'c'].map((step, i) => ({ flow: 'triage', version: 2, step, value: i ? value : tricky, inferred: i === 1, at: `t${i}` })),
      ...(expectedRev === 0
        ? {
            newCases: [kase('RB-1', { summary: tricky })],
            audit: [{ caseId: 'RB-1', at: 'now', actor: tricky, action: 'case.open', before: null, after: value }],
            reminders: [{ dedupeKey: tricky, caseId: 'RB-1', recipient: 'lee', kind: 'deadline', dueAt: '2026-03-01T00:00:00.000Z', payload: value }],
          }
        : {}),
    });
    const rowsOf = async (path: string) => {
      const raw = rawSqlite(path);
      return {
        conversations: await raw("SELECT key, state, rev, typeof(rev) AS t FROM conversations WHERE key = 'x'"),
        answers: await raw(
          "SELECT conversation, flow, version, step, value, inferred, at, typeof(version) || typeof(inferred) || typeof(value) AS t FROM answers WHERE conversation = 'x' ORDER BY id",
        ),
        cases: await raw('SELECT * FROM cases'),
        audit: await raw('SELECT case_id, at, actor, action, before, after FROM audit'),
        reminders: await raw('SELECT dedupe_key, case_id, recipient, kind, due_at, payload FROM reminders'),
        events: await raw("SELECT id FROM inbound_events WHERE id LIKE 'e%' ORDER BY id"),
      };
    };
    const [alone, grouped] = [tempFile(), tempFile()];
    const paths = [alone, grouped];
    t = tracked(() => openSqliteStore(paths.shift()!));
    const a = await t.open();
    expect(await a.commitTurn(turn(0))).toBe('ok');
    expect(await a.commitTurn(turn(1))).toBe('ok');
    const g = await t.open();
    const other = (n: number) => ({
      conversation: `o${n}`,
      expectedRev: 0,
      state: state({ n }),
      answers: [{ flow: 'triage', version: 2, step: 'o', value: n, inferred: false, at: 'x' }],
    });
    // Submitted together: they go out as ONE group statement, the two turns of 'x' in order.
    const statements = vi.spyOn(sqlite3.Statement.prototype, 'run');
    expect(await Promise.all([g.commitTurn(other(1)), g.commitTurn(turn(0)), g.commitTurn(other(2)), g.commitTurn(turn(1))])).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(statements).toHaveBeenCalledTimes(1);
    statements.mockRestore();
    const stored = await rowsOf(alone);
    expect(stored.answers).toHaveLength(6);
    expect(stored.answers.map((a) => [a.step, a.t])).toEqual([tricky, 'b', 'c', tricky, 'b', 'c'].map((step) => [step, 'integerintegertext']));
    expect(stored.conversations).toEqual([{ key: 'x', state: JSON.stringify(state({ value, expectedRev: 1 })), rev: 2, t: 'integer' }]);
    expect(await rowsOf(grouped)).toEqual(stored);
  });

  it('answers, audit rows and reminders keep their order; a reminder twice in one turn is one row', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    const steps = Array.from({ length: 12 }, (_, i) => `s${(i * 7) % 12}`);
    const due = (k: string) => ({ dedupeKey: k, caseId: null, recipient: 'lee', kind: 'deadline', dueAt: '2026-03-01T00:00:00.000Z', payload: k });
    expect(
      await s.commitTurn({
        conversation: 'c',
        expectedRev: 0,
        state: state({}),
        newCases: [kase('RB-1')],
        answers: steps.map((step) => ({ flow: 'triage', version: 1, step, value: step, inferred: false, at: 'x' })),
        audit: steps.map((action) => ({ caseId: 'RB-1', at: 'x', actor: 'ann', action, before: null, after: null })),
        reminders: [due('a'), due('b'), due('a')],
      }),
    ).toBe('ok');
    expect((await s.answersOf('c')).map((a) => a.step)).toEqual(steps);
    expect((await s.auditOf('RB-1')).map((a) => a.action)).toEqual(steps);
    expect((await s.pendingReminders('lee', '2026-03-02T00:00:00.000Z')).map((r) => r.dedupeKey).sort()).toEqual(['a', 'b']);
  });

  it('two updates of one case in one turn apply in order: the second on a stale updatedAt is a conflict', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, newCases: [kase('RB-1')] });
    const v0 = kase('RB-1').updatedAt;
    const v1 = kase('RB-1', { status: 'intake', updatedAt: '2026-03-03T00:00:00.000Z' });
    const v2 = kase('RB-1', { status: 'closed', updatedAt: '2026-03-04T00:00:00.000Z' });
    expect(
      await s.commitTurn({
        conversation: 'c',
        expectedRev: 0,
        caseUpdates: [
          { case: v1, expectedUpdatedAt: v0 },
          { case: v2, expectedUpdatedAt: v0 },
        ],
      }),
    ).toBe('conflict');
    expect(await s.getCase('RB-1')).toEqual(kase('RB-1'));
    expect(
      await s.commitTurn({
        conversation: 'c',
        expectedRev: 0,
        caseUpdates: [
          { case: v1, expectedUpdatedAt: v0 },
          { case: v2, expectedUpdatedAt: v1.updatedAt },
        ],
      }),
    ).toBe('ok');
    expect(await s.getCase('RB-1')).toEqual(v2);
  });

  it('leaves the database file as it was: the turn statement lives on the connection only', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}) });
    expect(await rawSqlite(path)("SELECT name FROM sqlite_schema WHERE name LIKE 'turn%'")).toEqual([]);
  });
});

describe('sqlite store: turns in flight together are committed together', () => {
  let t: ReturnType<typeof tracked> | null = null;
  afterEach(async () => {
    await t?.closeAll();
    t = null;
  });
  const answer = (step: string) => ({ flow: 'triage', version: 1, step, value: step, inferred: false, at: 'x' });

  it('one failing turn of a group fails only itself; duplicates and conflicts are their own too', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    expect(await s.commitTurn({ conversation: 'c0', expectedRev: 0, eventId: 'ev0', state: state({}), newCases: [kase('RB-1')] })).toBe('ok');
    // All submitted at once: they go out as one group statement.
    const results = await Promise.all(
      [
        s.commitTurn({ conversation: 'c1', expectedRev: 0, state: state({ n: 1 }), answers: [answer('c1')] }),
        s.commitTurn({ conversation: 'c0', expectedRev: 0, state: state({ stale: true }), answers: [answer('stale')] }),
        s.commitTurn({
          conversation: 'c4',
          expectedRev: 0,
          state: state({}),
          answers: [answer('c4')],
          newCases: [kase('RB-3', { requester: null as unknown as string })],
        }),
        s.commitTurn({ conversation: 'c5', expectedRev: 0, eventId: 'ev0', state: state({}), answers: [answer('c5')] }),
        s.commitTurn({ conversation: 'c2', expectedRev: 0, eventId: 'ev2', state: state({ n: 2 }), answers: [answer('c2')] }),
        s.commitTurn({ conversation: 'c3', expectedRev: 0, state: state({ n: 3 }), newCases: [kase('RB-2')] }),
      ].map((p) => p.catch((e: unknown) => e)),
    );
    expect(results.slice(0, 2)).toEqual(['ok', 'conflict']);
    expect(results[2]).toBeInstanceOf(StoreError);
    expect(results[2]).toMatchObject({ code: 'io' });
    expect(results.slice(3)).toEqual(['duplicate', 'ok', 'ok']);

    const raw = rawSqlite(path);
    expect(await raw('SELECT key, rev FROM conversations ORDER BY key')).toEqual(['c0', 'c1', 'c2', 'c3'].map((key) => ({ key, rev: 1 })));
    expect(await raw('SELECT conversation FROM answers ORDER BY id')).toEqual([{ conversation: 'c1' }, { conversation: 'c2' }]);
    expect(await raw('SELECT id FROM cases ORDER BY id')).toEqual([{ id: 'RB-1' }, { id: 'RB-2' }]);
    expect(await raw('SELECT id FROM inbound_events ORDER BY id')).toEqual([{ id: 'ev0' }, { id: 'ev2' }]);
    // The rejected turns left no copy behind: reads show what is stored.
    expect(await s.loadConversation('c4')).toEqual({ state: null, rev: 0 });
    expect(await s.loadConversation('c0')).toEqual({ state: state({}), rev: 1 });
  });

  it('a turn is answered only once it is committed: another connection sees it by then', async () => {
    const path = tempFile();
    t = tracked(() => openSqliteStore(path));
    const s = await t.open();
    const raw = rawSqlite(path);
    const seen = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        expect(await s.commitTurn({ conversation: `c${i}`, expectedRev: 0, state: state({ i }), answers: [answer(`s${i}`)] })).toBe('ok');
        return raw(`SELECT (SELECT rev FROM conversations WHERE key = 'c${i}') AS rev, (SELECT COUNT(*) FROM answers WHERE conversation = 'c${i}') AS answers`);
      }),
    );
    expect(seen.map((rows) => rows[0])).toEqual(Array.from({ length: 40 }, () => ({ rev: 1, answers: 1 })));
  });

  it('turns of one conversation in one group apply in order, each on the revision before it', async () => {
    t = tracked(() => openSqliteStore(':memory:'));
    const s = await t.open();
    const results = await Promise.all(
      [0, 1, 2, 1].map((rev, i) => s.commitTurn({ conversation: 'c', expectedRev: rev, state: state({ i }), answers: [answer(`t${i}`)] })),
    );
    expect(results).toEqual(['ok', 'ok', 'ok', 'conflict']);
    expect(await s.loadConversation('c')).toEqual({ state: state({ i: 2 }), rev: 3 });
    expect((await s.answersOf('c')).map((a) => a.step)).toEqual(['t0', 't1', 't2']);
  });
});
