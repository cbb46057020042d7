import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../src/domain/attachments.js';
import type { AuditEntry, CaseRecord } from '../../src/domain/case.js';
import type { ConvState } from '../../src/engine/index.js';
import { SCHEMA_VERSION, StoreError, type NewReminder, type Store, type StoreOptions } from '../../src/store/index.js';

// One store test suite, every backend: SQLite (:memory: and a file), PostgreSQL in-process
// (PGlite) and a real PostgreSQL server. A backend hands out fresh, empty databases; what a
// backend cannot do (a second connection to :memory:, SQL from outside) skips only those tests.

export type Row = Record<string, unknown>;

export type TestDatabase = {
  /** A store on this database. With `shared`, every call is another instance (its own connections). */
  open(options?: StoreOptions): Promise<Store>;
  /** SQL run on the database outside the store (what the database itself enforces); rejects with the database's error. */
  raw(sql: string): Promise<Row[]>;
  dispose(): Promise<void>;
};

export type Backend = {
  name: string;
  /** Several stores can open one database (a file, a server); false for SQLite :memory:. */
  shared: boolean;
  /** `raw` works (false for :memory:, which has one connection). */
  raw: boolean;
  fresh(): Promise<TestDatabase>;
};

export const state = (answers: Record<string, unknown>): ConvState => ({
  flow: 'triage',
  version: 1,
  lang: 'en',
  status: 'active',
  answers,
  inferred: [],
  suggestion: {},
});
export const kase = (id: string, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id,
  createdAt: '2026-03-02T00:00:00.000Z',
  updatedAt: '2026-03-02T00:00:00.000Z',
  status: 'open',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: null,
  lang: 'en',
  summary: 'routers',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock: [],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
  ...over,
});
const entry = (caseId: string, action: string, after: unknown = null): AuditEntry => ({
  caseId,
  at: '2026-03-02T01:00:00.000Z',
  actor: 'ann',
  action,
  before: null,
  after,
});
const reminder = (key: string, dueAt = '2026-03-01T00:00:00.000Z'): NewReminder => ({
  dedupeKey: key,
  caseId: 'A',
  recipient: 'lee',
  kind: 'deadline',
  dueAt,
  payload: { key },
});

export function storeConformance(backend: Backend): void {
  describe(`store conformance: ${backend.name}`, () => {
    let dbs: TestDatabase[] = [];
    const fresh = async () => {
      const d = await backend.fresh();
      dbs.push(d);
      return d;
    };
    /** A fresh database with one store open on it. */
    const open = async (options?: StoreOptions) => {
      const d = await fresh();
      return { d, s: await d.open(options) };
    };
    afterEach(async () => {
      await Promise.all(dbs.map((d) => d.dispose()));
      dbs = [];
    });

    it('remembers the question message a conversation showed last, replaces it, and forgets it', async () => {
      const { s } = await open();
      expect(await s.shownQuestion('slack:U1')).toBeNull();
      await s.setShownQuestion('slack:U1', { step: 'ciio', question: 'CIIO?', ref: { channel: 'D1', ts: '1.1' } }, '2026-03-02T01:00:00.000Z');
      await s.setShownQuestion('slack:U2', { step: 'category', question: 'What?', ref: { channel: 'D2', ts: '2.1' } }, '2026-03-02T01:00:00.000Z');
      await s.setShownQuestion(
        'slack:U1',
        { step: 'affects_national_security', question: 'Security?', ref: { channel: 'D1', ts: '1.2' } },
        '2026-03-02T01:01:00.000Z',
      );
      expect(await s.shownQuestion('slack:U1')).toEqual({ step: 'affects_national_security', question: 'Security?', ref: { channel: 'D1', ts: '1.2' } });
      await s.setShownQuestion('slack:U1', null, '2026-03-02T01:02:00.000Z');
      expect(await s.shownQuestion('slack:U1')).toBeNull();
      expect(await s.shownQuestion('slack:U2')).toMatchObject({ step: 'category' });
    });

    it('a turn writes state, answers, case and audit together', async () => {
      const { s } = await open();
      const r = await s.commitTurn({
        conversation: 'terminal:alice',
        expectedRev: 0,
        eventId: 'e1',
        state: state({ ciio: 'yes' }),
        answers: [
          { flow: 'triage', version: 1, step: 'ciio', value: 'yes', inferred: false, at: 'now' },
          { flow: 'triage', version: 1, step: 'matter', value: { x: 1 }, inferred: true, at: 'now' },
        ],
        newCases: [kase('RB-1')],
        audit: [entry('RB-1', 'case.open', { status: 'open' })],
      });
      expect(r).toBe('ok');
      expect(await s.loadConversation('terminal:alice')).toEqual({ state: state({ ciio: 'yes' }), rev: 1 });
      expect(await s.answersOf('terminal:alice')).toEqual([
        { flow: 'triage', version: 1, step: 'ciio', value: 'yes', inferred: false, at: 'now' },
        { flow: 'triage', version: 1, step: 'matter', value: { x: 1 }, inferred: true, at: 'now' },
      ]);
      expect(await s.getCase('RB-1')).toEqual(kase('RB-1'));
      expect(await s.auditOf('RB-1')).toEqual([entry('RB-1', 'case.open', { status: 'open' })]);
      expect(await s.loadConversation('nobody')).toEqual({ state: null, rev: 0 });
    });

    describe('attachments', () => {
      const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256); // every byte value, not text
      const meta = (id: string, at: string, over: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
        id,
        caseId: 'RB-1',
        name: `${id}.pdf`,
        mediaType: 'application/pdf',
        size: 600,
        sha256: 'ab'.repeat(32),
        by: 'ann',
        at,
        material: 'procurement_documents',
        ...over,
      });
      const ticked = (k: CaseRecord, at: string): CaseRecord => ({ ...k, intake: { materials: { procurement_documents: 'ready' } }, updatedAt: at });

      it('a file is stored with its case change and audit row in one write, listed oldest first, read back byte for byte', async () => {
        const { s } = await open();
        await s.saveCases({ newCases: [kase('RB-1')] });
        const k = (await s.getCase('RB-1'))!;
        const after = ticked(k, '2026-03-03T00:00:00.000Z');
        expect(
          await s.addAttachment(
            { meta: meta('f2', '2026-03-03T00:00:00.000Z'), bytes: bytes(600) },
            { updates: [{ case: after, expectedUpdatedAt: k.updatedAt }], audit: [entry('RB-1', 'case.attachment', { id: 'f2' })], eventId: 'slack:file:1' },
          ),
        ).toBe('ok');
        expect(await s.addAttachment({ meta: meta('f1', '2026-03-04T00:00:00.000Z', { material: null, name: '承诺书.docx' }), bytes: bytes(3) }, {})).toBe(
          'ok',
        );
        expect((await s.listAttachments('RB-1')).map((a) => [a.id, a.name, a.material])).toEqual([
          ['f2', 'f2.pdf', 'procurement_documents'],
          ['f1', '承诺书.docx', null],
        ]);
        expect(await s.listAttachments('RB-2')).toEqual([]);
        const got = await s.getAttachment('f2');
        expect(got?.meta).toEqual(meta('f2', '2026-03-03T00:00:00.000Z'));
        expect([...got!.bytes]).toEqual([...bytes(600)]);
        expect(await s.getAttachment('nope')).toBeNull();
        expect((await s.getCase('RB-1'))?.intake.materials).toEqual({ procurement_documents: 'ready' });
        expect((await s.auditOf('RB-1')).map((a) => a.action)).toEqual(['case.attachment']);
      });

      it('a repeated event or a case changed meanwhile stores nothing; a reused id fails the whole write', async () => {
        const { s } = await open();
        await s.saveCases({ newCases: [kase('RB-1')] });
        const k = (await s.getCase('RB-1'))!;
        expect(await s.addAttachment({ meta: meta('f1', '2026-03-03T00:00:00.000Z'), bytes: bytes(10) }, { eventId: 'e1' })).toBe('ok');
        expect(await s.addAttachment({ meta: meta('f2', '2026-03-03T00:00:00.000Z'), bytes: bytes(10) }, { eventId: 'e1' })).toBe('duplicate');
        const stale = { updates: [{ case: ticked(k, '2026-03-05T00:00:00.000Z'), expectedUpdatedAt: '2026-01-01T00:00:00.000Z' }] };
        expect(await s.addAttachment({ meta: meta('f3', '2026-03-03T00:00:00.000Z'), bytes: bytes(10) }, stale)).toBe('conflict');
        const update = {
          updates: [{ case: ticked(k, '2026-03-05T00:00:00.000Z'), expectedUpdatedAt: k.updatedAt }],
          audit: [entry('RB-1', 'case.attachment')],
        };
        await expect(s.addAttachment({ meta: meta('f1', '2026-03-03T00:00:00.000Z'), bytes: bytes(10) }, update)).rejects.toBeInstanceOf(StoreError);
        expect((await s.listAttachments('RB-1')).map((a) => a.id)).toEqual(['f1']);
        expect((await s.getCase('RB-1'))?.updatedAt).toBe(k.updatedAt);
        expect(await s.auditOf('RB-1')).toEqual([]);
      });
    });

    it('a failing write inside a turn rolls the whole turn back', async () => {
      const { s } = await open();
      await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}), newCases: [kase('RB-1')] });
      // A case without its requester: the insert fails, so the state change, answers and event must not land either.
      await expect(
        s.commitTurn({
          conversation: 'c',
          expectedRev: 1,
          eventId: 'ev-failed',
          state: state({ ciio: 'no' }),
          newCases: [kase('RB-2', { requester: null as unknown as string })],
          answers: [{ flow: 'triage', version: 1, step: 'ciio', value: 'no', inferred: false, at: 'now' }],
        }),
      ).rejects.toBeInstanceOf(StoreError);
      expect(await s.loadConversation('c')).toEqual({ state: state({}), rev: 1 });
      expect(await s.answersOf('c')).toEqual([]);
      expect(await s.hasEvent('ev-failed')).toBe(false);
      expect(await s.getCase('RB-2')).toBeNull();
    });

    it('a new case whose id is taken is a conflict (computed again, it draws a new id): nothing of its write lands', async () => {
      const { s } = await open();
      await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}), newCases: [kase('RB-1')] });
      const taken = kase('RB-1', { requester: 'bob', summary: 'not this one' });
      expect(
        await s.commitTurn({
          conversation: 'c',
          expectedRev: 1,
          eventId: 'ev-taken',
          state: state({ ciio: 'no' }),
          newCases: [taken],
          answers: [{ flow: 'triage', version: 1, step: 'ciio', value: 'no', inferred: false, at: 'now' }],
          audit: [entry('RB-1', 'case.open', { status: 'open' })],
        }),
      ).toBe('conflict');
      expect(await s.saveCases({ newCases: [taken], eventId: 'ev-taken-2', audit: [entry('RB-1', 'case.open', { status: 'open' })] })).toBe('conflict');
      expect(await s.loadConversation('c')).toEqual({ state: state({}), rev: 1 });
      expect(await s.answersOf('c')).toEqual([]);
      expect(await s.hasEvent('ev-taken')).toBe(false);
      expect(await s.hasEvent('ev-taken-2')).toBe(false);
      expect(await s.getCase('RB-1')).toEqual(kase('RB-1'));
      expect(await s.auditOf('RB-1')).toEqual([]);
      // The same turn with a fresh id goes through.
      expect(await s.commitTurn({ conversation: 'c', expectedRev: 1, state: state({ ciio: 'no' }), newCases: [kase('RB-2')] })).toBe('ok');
    });

    it('a repeated event id is a duplicate and changes nothing', async () => {
      const { s } = await open();
      expect(await s.commitTurn({ conversation: 'c', expectedRev: 0, eventId: 'ev', state: state({ a: 1 }) })).toBe('ok');
      expect(await s.commitTurn({ conversation: 'c', expectedRev: 1, eventId: 'ev', state: state({ a: 2 }) })).toBe('duplicate');
      expect(await s.saveCases({ newCases: [kase('RB-9')], eventId: 'ev' })).toBe('duplicate');
      expect((await s.loadConversation('c')).state?.answers).toEqual({ a: 1 });
      expect(await s.getCase('RB-9')).toBeNull();
      expect(await s.hasEvent('ev')).toBe(true);
      expect(await s.hasEvent('other')).toBe(false);
    });

    it('a turn computed on an old revision is a conflict', async () => {
      const { s } = await open();
      await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
      expect(await s.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 2 }) })).toBe('conflict');
      await s.commitTurn({ conversation: 'c', expectedRev: 1, state: state({ a: 3 }) });
      expect(
        await s.commitTurn({
          conversation: 'c',
          expectedRev: 1,
          state: state({ a: 4 }),
          answers: [{ flow: 'triage', version: 1, step: 'a', value: 4, inferred: false, at: 'x' }],
        }),
      ).toBe('conflict');
      expect(await s.loadConversation('c')).toMatchObject({ state: { answers: { a: 3 } }, rev: 2 });
      expect(await s.answersOf('c')).toEqual([]);
      // A turn that leaves the state alone writes its answers without touching the revision.
      expect(
        await s.commitTurn({ conversation: 'c', expectedRev: 2, answers: [{ flow: 'triage', version: 1, step: 'b', value: 1, inferred: false, at: 'x' }] }),
      ).toBe('ok');
      expect((await s.loadConversation('c')).rev).toBe(2);
      // Idle (null) state is stored as such.
      expect(await s.commitTurn({ conversation: 'c', expectedRev: 2, state: null })).toBe('ok');
      expect(await s.loadConversation('c')).toEqual({ state: null, rev: 3 });
    });

    it('case updates are optimistic and audited atomically', async () => {
      const { s } = await open();
      await s.commitTurn({ conversation: 'c', expectedRev: 0, newCases: [kase('RB-1')] });
      const next = kase('RB-1', { status: 'intake', analyst: 'ann', updatedAt: '2026-03-03T00:00:00.000Z' });
      const audit = [entry('RB-1', 'intake.start', 'intake')];
      expect(await s.saveCases({ updates: [{ case: next, expectedUpdatedAt: '2026-03-02T00:00:00.000Z' }], audit })).toBe('ok');
      expect(await s.saveCases({ updates: [{ case: next, expectedUpdatedAt: '2026-03-02T00:00:00.000Z' }], audit })).toBe('conflict');
      expect(await s.auditOf('RB-1')).toHaveLength(1);
      expect(await s.getCase('RB-1')).toEqual(next);
      expect((await s.listCases({ analyst: 'ann' })).map((k) => k.id)).toEqual(['RB-1']);
    });

    it('many case updates in one write (a sweep page): all or nothing, whichever case is stale', async () => {
      const { s } = await open();
      const before = Array.from({ length: 300 }, (_, i) => kase(`RB-${String(i).padStart(3, '0')}`, { team: `t${i % 7}` }));
      await s.commitTurn({ conversation: 'c', expectedRev: 0, newCases: before });
      const next = before.map((k, i) => ({ ...k, summary: `moved ${i}`, analyst: i % 2 ? 'ann' : null, updatedAt: '2026-03-03T00:00:00.000Z' }));
      const updates = next.map((k) => ({ case: k, expectedUpdatedAt: '2026-03-02T00:00:00.000Z' }));
      const audit = next.map((k) => entry(k.id, 'case.touched'));
      // The last case (past the first statement's rows, on backends that write in chunks) is stale.
      const stale = [...updates.slice(0, -1), { ...updates.at(-1)!, expectedUpdatedAt: '2026-01-01T00:00:00.000Z' }];
      expect(await s.saveCases({ updates: stale, audit, reminders: [reminder('r1')] })).toBe('conflict');
      expect((await s.getCase('RB-000'))?.summary).toBe('routers');
      expect(await s.auditOf('RB-000')).toEqual([]);
      expect(await s.pendingReminders('lee', '2026-12-31')).toEqual([]);
      expect(await s.saveCases({ updates, audit, reminders: [reminder('r1')] })).toBe('ok');
      for (const k of next) expect(await s.getCase(k.id)).toEqual(k);
      expect((await s.listCases({ analyst: 'ann', limit: 500 })).length).toBe(150);
      expect(await s.auditOf('RB-299')).toEqual([entry('RB-299', 'case.touched')]);
      // The same case twice in one write: the second update rests on the first.
      const again = { ...next[0]!, summary: 'again', updatedAt: '2026-03-04T00:00:00.000Z' };
      const third = { ...again, summary: 'third', updatedAt: '2026-03-05T00:00:00.000Z' };
      expect(
        await s.saveCases({
          updates: [
            { case: again, expectedUpdatedAt: next[0]!.updatedAt },
            { case: third, expectedUpdatedAt: again.updatedAt },
          ],
        }),
      ).toBe('ok');
      expect((await s.getCase('RB-000'))?.summary).toBe('third');
    });

    it('reminders scheduled many at once: each once, in the order given, duplicates and known keys skipped', async () => {
      const { s } = await open();
      const rows = Array.from({ length: 300 }, (_, i) => reminder(`k${String(i).padStart(3, '0')}`));
      expect(await s.scheduleReminders(rows.slice(0, 10))).toBe(10);
      expect(await s.scheduleReminders([...rows, rows[200]!])).toBe(290);
      const claimed = await s.claimDueReminders('2026-03-02T00:00:00.000Z', 'one', 60_000, 1000);
      // Same due time: claims come in id order, which is the order the rows were given.
      expect(claimed.map((r) => r.dedupeKey)).toEqual(rows.map((r) => r.dedupeKey));
      expect(claimed[299]).toMatchObject({ recipient: 'lee', caseId: 'A', kind: 'deadline', payload: { key: 'k299' } });
    });

    it('saveCases inserts new cases explicitly; an existing id makes the whole write a conflict', async () => {
      const { s } = await open();
      expect(await s.saveCases({ newCases: [kase('RB-1')], audit: [entry('RB-1', 'case.open')], reminders: [reminder('r1')] })).toBe('ok');
      expect(await s.getCase('RB-1')).toEqual(kase('RB-1'));
      expect(
        await s.saveCases({ newCases: [kase('RB-2'), kase('RB-1', { summary: 'other' })], audit: [entry('RB-2', 'case.open')], reminders: [reminder('r2')] }),
      ).toBe('conflict');
      expect(await s.getCase('RB-2')).toBeNull();
      expect((await s.getCase('RB-1'))?.summary).toBe('routers');
      expect(await s.auditOf('RB-2')).toEqual([]);
      expect((await s.pendingReminders('lee', '2026-12-31')).map((r) => r.dedupeKey)).toEqual(['r1']);
      expect(await s.countCases()).toBe(1);
    });

    it.skipIf(!backend.raw)('the store stamps its own instants with the clock it was given', async () => {
      const d = await fresh();
      const s = await d.open({ clock: () => new Date('2030-01-02T03:04:05.000Z') });
      await s.commitTurn({ conversation: 'c', expectedRev: 0, eventId: 'ev', state: state({}) });
      await s.saveCases({ eventId: 'ev2' });
      expect(await d.raw("SELECT updated_at FROM conversations WHERE key = 'c'")).toEqual([{ updated_at: '2030-01-02T03:04:05.000Z' }]);
      expect(await d.raw('SELECT id, at FROM inbound_events ORDER BY id')).toEqual([
        { id: 'ev', at: '2030-01-02T03:04:05.000Z' },
        { id: 'ev2', at: '2030-01-02T03:04:05.000Z' },
      ]);
    });

    it.skipIf(!backend.raw)('a case stored in an older shape is upgraded when read (getCase, listCases)', async () => {
      const d = await fresh();
      const s = await d.open();
      // Before the review clock: the Art. 9 date in `submittedOn`, the extension in `complex`.
      const { clock: _c, announcedDeadlines: _a, acknowledgements: _k, ...rest } = kase('RB-OLD', { status: 'submitted' });
      const old = JSON.stringify({ ...rest, submittedOn: '2026-03-04', complex: true }).replaceAll("'", "''");
      await d.raw(`INSERT INTO cases (id, status, requester, team, analyst, created_at, updated_at, data)
        VALUES ('RB-OLD', 'submitted', 'alice', 'it', NULL, '2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '${old}')`);
      const expected = [
        { type: 'submitted', on: '2026-03-04' },
        { type: 'complex', on: '2026-03-04' },
      ];
      expect((await s.getCase('RB-OLD'))?.clock).toEqual(expected);
      expect((await s.listCases({ requester: 'alice' }))[0]?.clock).toEqual(expected);
      expect(Object.keys((await s.getCase('RB-OLD'))!)).not.toContain('submittedOn');
      expect((await s.getCase('RB-OLD'))?.acknowledgements).toEqual([]);
    });

    it.skipIf(!backend.raw)('the audit log is append-only in the database itself', async () => {
      const d = await fresh();
      const s = await d.open();
      await s.saveCases({ audit: [entry('RB-1', 'comment', 'hi')] });
      await expect(d.raw("UPDATE audit SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(d.raw('DELETE FROM audit')).rejects.toThrow(/append-only/);
      expect(await s.auditOf('RB-1')).toEqual([entry('RB-1', 'comment', 'hi')]);
    });

    it.skipIf(!backend.raw)('a failed read is a StoreError with a code, not a driver error', async () => {
      const d = await fresh();
      const s = await d.open();
      await d.raw('DROP TABLE people');
      const err = await s.getPerson('x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect(err).toMatchObject({ code: 'io', message: expect.stringMatching(/^store read failed/) });
    });

    it('lists cases by requester, team, analyst, status and unassigned, newest first, in pages', async () => {
      const { s } = await open();
      await s.commitTurn({
        conversation: 'c',
        expectedRev: 0,
        newCases: [
          kase('A', { requester: 'alice', team: 'it', createdAt: '2026-01-01' }),
          kase('B', { requester: 'bob', team: 'ops', analyst: 'ann', createdAt: '2026-01-02', status: 'intake' }),
          kase('C', { requester: 'alice', team: 'ops', createdAt: '2026-01-03' }),
          // Same instant as C: the id breaks the tie, bytewise ('Ca' sorts after 'C').
          kase('Ca', { requester: 'carl', team: 'it', createdAt: '2026-01-03', status: 'closed' }),
        ],
      });
      const ids = async (q: Parameters<Store['listCases']>[0]) => (await s.listCases(q)).map((k) => k.id);
      expect(await ids({})).toEqual(['Ca', 'C', 'B', 'A']);
      expect(await ids({ requester: 'alice' })).toEqual(['C', 'A']);
      expect(await ids({ team: 'ops' })).toEqual(['C', 'B']);
      expect(await ids({ requester: 'bob', team: 'it' })).toEqual(['Ca', 'B', 'A']);
      expect(await ids({ analyst: 'ann' })).toEqual(['B']);
      expect(await ids({ analyst: 'ann', includeUnassigned: true })).toEqual(['Ca', 'C', 'B', 'A']);
      expect(await ids({ statuses: ['closed'] })).toEqual(['Ca']);
      expect(await ids({ statuses: ['open', 'intake'], team: 'ops' })).toEqual(['C', 'B']);
      // Pages follow one another without gaps or repeats.
      expect(await ids({ limit: 2 })).toEqual(['Ca', 'C']);
      expect(await ids({ limit: 2, after: { createdAt: '2026-01-03', id: 'C' } })).toEqual(['B', 'A']);
      expect(await ids({ limit: 2, after: { createdAt: '2026-01-02', id: 'B' } })).toEqual(['A']);
      expect(await s.countCases()).toBe(4);
      expect(await s.countCasesByStatus()).toEqual({ open: 2, intake: 1, closed: 1 });
    });

    it('people: where they were seen and the language they chose', async () => {
      const { s } = await open();
      expect(await s.getPerson('slack:U1')).toBeNull();
      await s.touchPerson('slack:U1', 'slack', { user: 'U1', dm: 'D1' }, '2026-03-02T00:00:00.000Z');
      await s.commitTurn({ conversation: 'slack:U1', expectedRev: 0, person: { key: 'slack:U1', lang: 'zh-CN' } });
      await s.touchPerson('slack:U1', 'slack', { user: 'U1', dm: 'D2' }, '2026-03-03T00:00:00.000Z');
      expect(await s.getPerson('slack:U1')).toEqual({
        key: 'slack:U1',
        lang: 'zh-CN',
        platform: 'slack',
        address: { user: 'U1', dm: 'D2' },
        lastSeenAt: '2026-03-03T00:00:00.000Z',
      });
      await s.commitTurn({ conversation: 'terminal:x', expectedRev: 0, person: { key: 'terminal:x', lang: 'en' } });
      expect(await s.getPerson('terminal:x')).toEqual({ key: 'terminal:x', lang: 'en', platform: null, address: null, lastSeenAt: null });
    });

    it('reminders: scheduling twice is a no-op; a claim is exclusive until its lease ends', async () => {
      const { s } = await open();
      const r = { dedupeKey: 'k1', caseId: 'A', recipient: 'lee', kind: 'T-3', dueAt: '2026-03-01T00:00:00.000Z', payload: { x: 1 } };
      expect(await s.scheduleReminders([r, r])).toBe(1);
      expect(await s.scheduleReminders([r])).toBe(0);
      const now = '2026-03-02T00:00:00.000Z';
      const a = await s.claimDueReminders(now, 'one', 60_000, 10);
      expect(a).toEqual([{ ...r, id: a[0]!.id, claimedBy: 'one', claimedUntil: '2026-03-02T00:01:00.000Z', sentAt: null, attempts: 1 }]);
      expect(await s.claimDueReminders(now, 'two', 60_000, 10)).toEqual([]);
      // The first owner's lease ran out: another claims it (a crashed owner's rows are taken over this way).
      const later = '2026-03-02T00:02:00.000Z';
      expect((await s.claimDueReminders(later, 'two', 60_000, 10)).map((x) => x.attempts)).toEqual([2]);
      // 'one' was only slow: its delivery went out, so it is recorded and 'two' must not send it again.
      expect(await s.markReminderSent(a[0]!.id, 'one', later)).toBe(true);
      expect(await s.markReminderSent(a[0]!.id, 'two', later)).toBe(false);
      expect(await s.claimDueReminders('2026-03-02T00:05:00.000Z', 'three', 60_000, 10)).toEqual([]);
      expect(await s.claimDueReminders('2026-03-09T00:00:00.000Z', 'three', 60_000, 10)).toEqual([]);
      expect(await s.pendingReminders('lee', '2026-12-31')).toEqual([]);
    });

    it('reminders: due order, batch limits, release for a later retry, pending by person', async () => {
      const { s } = await open();
      await s.scheduleReminders([
        reminder('late', '2026-03-01T03:00:00.000Z'),
        reminder('early', '2026-03-01T01:00:00.000Z'),
        reminder('mid', '2026-03-01T02:00:00.000Z'),
        reminder('future', '2026-04-01T00:00:00.000Z'),
        { ...reminder('other'), recipient: 'ann' },
      ]);
      const now = '2026-03-02T00:00:00.000Z';
      const first = await s.claimDueReminders(now, 'one', 60_000, 2);
      expect(first.map((r) => r.dedupeKey)).toEqual(['other', 'early']);
      const second = await s.claimDueReminders(now, 'one', 60_000, 10);
      expect(second.map((r) => r.dedupeKey)).toEqual(['mid', 'late']);
      await s.releaseReminder(second[0]!.id, 'one', '2026-03-02T05:00:00.000Z');
      await s.releaseReminder(second[1]!.id, 'somebody-else', '2026-03-02T05:00:00.000Z'); // not theirs: nothing changes
      // Within the leases: nothing for another owner ('mid' is not due before 05:00 any more).
      expect((await s.claimDueReminders('2026-03-02T00:00:30.000Z', 'two', 60_000, 10)).map((r) => r.dedupeKey)).toEqual([]);
      expect((await s.claimDueReminders('2026-03-02T06:00:00.000Z', 'two', 60_000, 10)).map((r) => r.dedupeKey).sort()).toEqual([
        'early',
        'late',
        'mid',
        'other',
      ]);
      expect((await s.pendingReminders('lee', '2026-03-03')).map((r) => r.dedupeKey)).toEqual(['early', 'late', 'mid']);
      expect((await s.pendingReminders('lee', '2026-12-31')).map((r) => r.dedupeKey)).toEqual(['early', 'late', 'mid', 'future']);
    });

    it('one reminder by id (a click on its button names it), sent or not; null for an id that does not exist', async () => {
      const { s } = await open();
      await s.scheduleReminders([reminder('a')]);
      const [a] = await s.claimDueReminders('2026-03-02T00:00:00.000Z', 'one', 60_000, 10);
      expect(await s.getReminder(a!.id)).toEqual(a);
      await s.markReminderSent(a!.id, 'one', '2026-03-02T00:00:01.000Z');
      expect(await s.getReminder(a!.id)).toMatchObject({ dedupeKey: 'a', payload: { key: 'a' }, sentAt: '2026-03-02T00:00:01.000Z' });
      expect(await s.getReminder(a!.id + 1000)).toBeNull();
    });

    it.skipIf(!backend.raw)('a reminder payload that is not JSON comes back as its text; the rest of the claimed batch is unharmed', async () => {
      const d = await fresh();
      const s = await d.open();
      await s.scheduleReminders([reminder('bad'), reminder('good')]);
      await d.raw("UPDATE reminders SET payload = 'not json' WHERE dedupe_key = 'bad'");
      const claimed = await s.claimDueReminders('2026-03-02T00:00:00.000Z', 'one', 60_000, 10);
      expect(claimed.map((r) => [r.dedupeKey, r.payload]).sort()).toEqual([
        ['bad', 'not json'],
        ['good', { key: 'good' }],
      ]);
    });

    it('a once-a-day run is claimed by one owner, taken over after its lease, and done once', async () => {
      const { s } = await open();
      const now = '2026-03-02T01:00:00.000Z';
      expect(await s.claimRun('plan:2026-03-02', 'one', now, 60_000)).toBe('claimed');
      expect(await s.claimRun('plan:2026-03-02', 'two', now, 60_000)).toBe('busy');
      expect(await s.claimRun('plan:2026-03-02', 'one', now, 60_000)).toBe('claimed'); // its own claim, e.g. retrying after a failure
      await s.finishRun('plan:2026-03-02', 'two', now); // not the owner: no effect
      expect(await s.claimRun('plan:2026-03-02', 'two', '2026-03-02T01:00:30.000Z', 60_000)).toBe('busy');
      // 'one' crashed: its lease runs out and 'two' takes over.
      expect(await s.claimRun('plan:2026-03-02', 'two', '2026-03-02T01:02:00.000Z', 60_000)).toBe('claimed');
      await s.finishRun('plan:2026-03-02', 'two', '2026-03-02T01:03:00.000Z');
      expect(await s.claimRun('plan:2026-03-02', 'one', '2026-03-02T09:00:00.000Z', 60_000)).toBe('done');
      expect(await s.claimRun('plan:2026-03-02', 'two', '2026-03-02T09:00:00.000Z', 60_000)).toBe('done');
      expect(await s.claimRun('plan:2026-03-03', 'one', '2026-03-03T01:00:00.000Z', 60_000)).toBe('claimed');
    });

    it('ping answers while the database is there', async () => {
      const { s } = await open();
      await expect(s.ping()).resolves.toBeUndefined();
    });

    it.skipIf(!backend.raw)('refuses a database written by a newer version, with a clear message', async () => {
      const d = await fresh();
      await (await d.open()).close();
      await d.raw(`INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION + 1})`);
      await expect(d.open()).rejects.toMatchObject({
        name: 'StoreError',
        code: 'schema_too_new',
        message: expect.stringMatching(/newer than this review-bot/),
      });
    });

    it.skipIf(!backend.shared || !backend.raw)('reopening runs no migration twice and keeps the data', async () => {
      const d = await fresh();
      const s1 = await d.open();
      await s1.commitTurn({ conversation: 'c', expectedRev: 0, state: state({ a: 1 }) });
      await s1.close();
      const s2 = await d.open();
      expect((await s2.loadConversation('c')).rev).toBe(1);
      const versions = (await d.raw('SELECT version FROM schema_version ORDER BY version')).map((r) => Number(r.version));
      expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    });

    describe.skipIf(!backend.shared)('several instances on one database', () => {
      const instances = async (n: number) => {
        const d = await fresh();
        const list: Store[] = [];
        for (let i = 0; i < n; i++) list.push(await d.open());
        return list;
      };

      it('instances opening an empty database at once all open it, and each migration runs once', async () => {
        for (let round = 0; round < 3; round++) {
          const d = await fresh();
          await Promise.all(Array.from({ length: 4 }, () => d.open()));
          const versions = (await d.raw('SELECT version FROM schema_version ORDER BY version')).map((r) => Number(r.version));
          expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
        }
      });

      it('two turns on one conversation at one revision: one is applied, the other is a conflict', async () => {
        const list = await instances(2);
        const [a, b] = list as [Store, Store];
        await a.commitTurn({ conversation: 'c', expectedRev: 0, state: state({}) });
        for (let round = 1; round <= 5; round++) {
          const results = await Promise.all(
            [a, b].map((s, i) =>
              s.commitTurn({
                conversation: 'c',
                expectedRev: round,
                state: state({ round, by: i }),
                answers: [{ flow: 'triage', version: 1, step: `s${round}`, value: i, inferred: false, at: 'x' }],
              }),
            ),
          );
          expect([...results].sort()).toEqual(['conflict', 'ok']);
        }
        const stored = await b.loadConversation('c');
        expect(stored.rev).toBe(6);
        // Exactly the winners' answers are in the log, one per round, and the state is the last winner's.
        const answers = await a.answersOf('c');
        expect(answers.map((x) => x.step)).toEqual(['s1', 's2', 's3', 's4', 's5']);
        expect(stored.state?.answers).toEqual({ round: 5, by: answers[4]!.value });
      });

      it('one event delivered to two instances at once is one turn', async () => {
        const list = await instances(2);
        const results = await Promise.all(
          list.map((s, i) =>
            s.commitTurn({
              conversation: `c${i}`,
              expectedRev: 0,
              eventId: 'Ev1',
              state: state({ i }),
              answers: [{ flow: 'triage', version: 1, step: 'x', value: i, inferred: false, at: 'x' }],
            }),
          ),
        );
        expect([...results].sort()).toEqual(['duplicate', 'ok']);
        const winner = results.indexOf('ok');
        expect(await list[0]!.answersOf(`c${winner}`)).toHaveLength(1);
        expect(await list[0]!.answersOf(`c${1 - winner}`)).toEqual([]);
        expect((await list[1]!.loadConversation(`c${1 - winner}`)).rev).toBe(0);
      });

      it('reminder claims from three instances at once never overlap and miss nothing', async () => {
        const list = await instances(3);
        await list[0]!.scheduleReminders(Array.from({ length: 60 }, (_, i) => reminder(`r${String(i).padStart(2, '0')}`)));
        const now = '2026-03-02T00:00:00.000Z';
        const claimed: string[][] = [[], [], []];
        await Promise.all(
          list.map(async (s, i) => {
            for (;;) {
              const batch = await s.claimDueReminders(now, `owner-${i}`, 60_000, 4);
              if (batch.length === 0) return;
              for (const r of batch) {
                claimed[i]!.push(r.dedupeKey);
                expect(await s.markReminderSent(r.id, `owner-${i}`, now)).toBe(true);
              }
            }
          }),
        );
        const all = claimed.flat();
        expect(all).toHaveLength(60);
        expect(new Set(all).size).toBe(60);
      });

      it('a once-a-day run claimed by three instances at once goes to exactly one', async () => {
        const list = await instances(3);
        const results = await Promise.all(list.map((s, i) => s.claimRun('plan:2026-03-02', `owner-${i}`, '2026-03-02T01:00:00.000Z', 60_000)));
        expect([...results].sort()).toEqual(['busy', 'busy', 'claimed']);
      });
    });
  });
}
