import sqlite3 from 'sqlite3';
import { upgradeCase, type AttachmentMeta, type AuditEntry, type CaseRecord, type CaseStatus } from '../domain/index.js';
import type { ConvState } from '../engine/index.js';
import type { Lang } from '../i18n/lang.js';
import { StoreError } from './errors.js';
import { SCHEMA_VERSION, SQLITE_MIGRATIONS } from './migrations.js';
import { prepareDatabaseFile, restrictCompanions } from './sqlite-files.js';
import type {
  AnswerRow,
  CaseQuery,
  CaseUpdate,
  CaseWrite,
  CommitResult,
  NewReminder,
  PersonRecord,
  Reminder,
  RunClaim,
  Store,
  StoreOptions,
  ShownQuestion,
  StoredConversation,
  TurnWrite,
} from './store.js';
import { byDue } from './store.js';
import { createTurnCache } from './sqlite-turn-cache.js';
import {
  DATA_VERSION,
  type EncodedTurn,
  encodeTurn,
  INSERT_TURN,
  INSERT_TURN_WITHOUT_CASES,
  INSERT_TURNS,
  INSERT_TURNS_WITHOUT_CASES,
  rejectionOf,
  TURN_WRITE_SCHEMA,
  turnParameters,
  writesCases,
  writtenCases,
} from './sqlite-turn-write.js';
import { createGroupCommit, type Outcome } from './group-commit.js';
import { openCheckpointer, type Checkpointer, type CheckpointLimits } from './sqlite-checkpoint.js';

type Row = Record<string, unknown>;
export type Durability = 'normal' | 'full';

/** A thin promise layer over one sqlite3 connection; every use goes through one queue. */
class Connection {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly db: sqlite3.Database) {}

  /** Serialise: a transaction must not interleave with other statements on this connection. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
  /** Prepared once, reused: the turn path runs the same few statements over and over. */
  private readonly statements = new Map<string, sqlite3.Statement>();
  private prepared(sql: string): sqlite3.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }
  run(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.prepared(sql).run(params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }
  get<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return this.all<T>(sql, params).then((rows) => rows[0]);
  }
  all<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.prepared(sql).all(params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows as T[]))));
  }
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }
  async close(): Promise<void> {
    await Promise.all([...this.statements.values()].map((st) => new Promise<void>((r) => st.finalize(() => r()))));
    this.statements.clear();
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}

function openRaw(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(db)));
  });
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const parse = <T>(s: unknown): T => JSON.parse(String(s)) as T;
/** A reminder payload that is not JSON (a damaged row) comes back as its text: the reader rejects it, the rest of the batch is unharmed. */
const parseLenient = (s: unknown): unknown => {
  try {
    return JSON.parse(String(s));
  } catch {
    return String(s);
  }
};

export type SqliteOptions = StoreOptions & {
  durability?: Durability;
  /** When checkpoints run and the log starts over (sqlite-checkpoint.ts); the defaults outside tests. */
  checkpoints?: CheckpointLimits;
};

const ATTACHMENT_COLUMNS = 'id, case_id, name, media_type, size, sha256, added_by, added_at, material';
const toAttachment = (r: Record<string, unknown>): AttachmentMeta => ({
  id: String(r.id),
  caseId: String(r.case_id),
  name: String(r.name),
  mediaType: String(r.media_type),
  size: Number(r.size),
  sha256: String(r.sha256),
  by: String(r.added_by),
  at: String(r.added_at),
  material: r.material === null ? null : String(r.material),
});

/** Open (creating folders and schema as needed) the embedded SQLite store. */
export async function openSqliteStore(path: string, options: SqliteOptions = {}): Promise<Store> {
  if (path !== ':memory:') prepareDatabaseFile(path);
  let db: sqlite3.Database;
  try {
    db = await openRaw(path);
  } catch (cause) {
    throw new StoreError('open_failed', `cannot open database ${path}: ${(cause as Error).message}`, { cause });
  }
  const c = new Connection(db);
  try {
    await c.exec('PRAGMA busy_timeout = 5000');
    await intoWal(c);
    await c.exec(`PRAGMA synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}; PRAGMA foreign_keys = ON;`);
    await migrate(c);
    if (path !== ':memory:') restrictCompanions(path);
    await c.exec(TURN_WRITE_SCHEMA);
  } catch (cause) {
    await c.close().catch(() => undefined);
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('open_failed', `cannot use database ${path}: ${(cause as Error).message}`, { cause });
  }
  const dataVersion = (await c.get<{ v: number }>(DATA_VERSION))?.v ?? 0;
  return sqliteStore(c, options.clock ?? (() => new Date()), dataVersion, path === ':memory:' ? null : await checkpointsApart(c, path, options.checkpoints));
}

/** Checkpoints on a connection of their own (sqlite-checkpoint.ts); without one, SQLite's automatic ones stay. */
async function checkpointsApart(c: Connection, path: string, limits?: CheckpointLimits): Promise<Checkpointer | null> {
  const checkpointer = await openCheckpointer(
    path,
    {
      catchUp: () => c.exclusive(() => c.exec('PRAGMA wal_checkpoint(PASSIVE)')),
      fallback: () => c.exclusive(() => c.exec('PRAGMA wal_autocheckpoint = 1000')),
    },
    limits,
  ).catch(() => null);
  if (!checkpointer) return null;
  try {
    await c.exec('PRAGMA wal_autocheckpoint = 0');
    return checkpointer;
  } catch {
    await checkpointer.close();
    return null;
  }
}

const isBusy = (e: unknown) => (e as { code?: string })?.code === 'SQLITE_BUSY';

/**
 * Switching a new file to WAL needs a lock that another process opening the same new file may
 * hold, and SQLite answers SQLITE_BUSY at once there instead of waiting out busy_timeout:
 * wait and try again, for about as long as busy_timeout would have.
 */
async function intoWal(c: Connection): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (e) {
      if (!isBusy(e) || attempt >= 100) throw e;
      await new Promise((r) => setTimeout(r, Math.min(5 * attempt, 100)));
    }
  }
}

const schemaVersion = async (c: Connection): Promise<number> => (await c.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version'))?.v ?? 0;

const tooNew = (current: number) =>
  new StoreError(
    'schema_too_new',
    `database schema version ${current} is newer than this review-bot understands (${SCHEMA_VERSION}); upgrade review-bot or use another database`,
  );

async function migrate(c: Connection): Promise<void> {
  await c.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const seen = await schemaVersion(c);
  if (seen > SCHEMA_VERSION) throw tooNew(seen);
  for (const m of SQLITE_MIGRATIONS) {
    if (m.version <= seen) continue;
    try {
      await c.exec('BEGIN IMMEDIATE');
      // Read again under the write lock: another process opening the same new file may have
      // applied this migration since our first read.
      const current = await schemaVersion(c);
      if (current > SCHEMA_VERSION) throw tooNew(current);
      if (current < m.version) {
        await c.exec(m.sql);
        await c.run('INSERT INTO schema_version (version) VALUES (?)', [m.version]);
      }
      await c.exec('COMMIT');
    } catch (cause) {
      await c.exec('ROLLBACK').catch(() => undefined);
      if (cause instanceof StoreError) throw cause;
      throw new StoreError('migration_failed', `migration ${m.version} failed: ${(cause as Error).message}`, { cause });
    }
  }
}

/** Bounds one group statement's parameter (a turn is about 1-2 KB of JSON; 256 turns stay well under a megabyte). */
const MAX_TURNS_PER_GROUP = 256;

/**
 * Rows for multi-row statements, in chunks of 128, 64, … 1: one round trip per chunk, and a few
 * statement texts to prepare however many rows there are (8 columns x 128 stays under the
 * 999 parameters of SQLite's oldest limit).
 */
function chunked<T>(rows: readonly T[]): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  for (let at = 0, size = 128; at < rows.length; size >>= 1) for (; rows.length - at >= size; at += size) out.push(rows.slice(at, at + size));
  return out;
}
/** `(?, ?), (?, ?)` for `n` rows of `columns` bound parameters. */
const tuples = (n: number, columns: number) =>
  Array(n)
    .fill(`(${Array(columns).fill('?').join(', ')})`)
    .join(', ');

/** Rows a case write adds or changes (the checkpointer's measure of it). */
const rowsOf = (w: CaseWrite): number => 1 + (w.newCases?.length ?? 0) + (w.updates?.length ?? 0) + (w.audit?.length ?? 0) + (w.reminders?.length ?? 0);
/** An attachment's bytes counted as writes of a few pages each, like a turn's. */
const ATTACHMENT_BYTES_PER_WRITE = 16 * 1024;

const isUniqueViolation = (e: unknown) => String((e as Error)?.message ?? '').includes('UNIQUE constraint failed');

function sqliteStore(c: Connection, clock: () => Date, initialDataVersion: number, checkpointer: Checkpointer | null): Store {
  const wrote = (n = 1) => checkpointer?.wrote(n);
  // What turns read, as this process last wrote or read it (see sqlite-turn-cache.ts).
  const cache = createTurnCache();
  /** SQLite's data_version when the cache was last known good: it moves only when another connection commits. */
  let dataVersion = initialDataVersion;
  /** Another connection committed: nothing cached can be trusted, read what is stored from now on. Runs on the connection. */
  const resync = async () => {
    cache.clear();
    dataVersion = (await c.get<{ v: number }>(DATA_VERSION))?.v ?? 0;
  };
  /**
   * A read that fills the cache also reads the data_version (one statement, `dv`): when another
   * connection committed meanwhile, what else is cached is dropped, and what was just read is
   * good as of that version. So a turn computed on rows it read is refused as stale only when
   * something was committed elsewhere after it read them.
   */
  const observe = (dv: unknown) => {
    if (Number(dv) === dataVersion) return;
    cache.clear();
    dataVersion = Number(dv);
  };
  /** The `data` column of one row (null: none), read with the data_version. Table and column are ours, never a value. */
  const readData = async (table: 'shown_questions' | 'cases', key: 'conversation' | 'id', value: string): Promise<string | null> => {
    const found = await c.get<{ data: string | null; dv: number }>(
      `SELECT t.data, d.data_version AS dv FROM pragma_data_version d LEFT JOIN ${table} t ON t.${key} = ?`,
      [value],
    );
    observe(found?.dv);
    return found?.data ?? null;
  };
  /**
   * BEGIN IMMEDIATE .. COMMIT with rollback on any failure; `fn` may abort with a result.
   * `committed` runs after COMMIT, still on the connection, so the cache follows the order of commits.
   * `rows`: about how many rows it writes, which the checkpointer counts as that many writes: a
   * sweep page of hundreds of cases is not one turn's few pages, and counted as one it let the log
   * grow to several times the database.
   */
  const transaction = <T>(fn: () => Promise<T>, committed?: () => void, rows = 1): Promise<T> =>
    c.exclusive(async () => {
      await c.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        await c.exec('COMMIT');
        wrote(rows);
        committed?.();
        return result;
      } catch (err) {
        await c.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  /** A read; a driver failure becomes a StoreError so callers see one vocabulary. */
  const read = <T>(fn: () => Promise<T>): Promise<T> =>
    c.exclusive(fn).catch((err: unknown) => {
      throw err instanceof StoreError ? err : new StoreError('io', `store read failed: ${(err as Error).message}`, { cause: err });
    });
  /** A write outside the turn path: same wrapping. */
  const write = <T>(fn: () => Promise<T>, rows = 1): Promise<T> =>
    transaction(fn, undefined, rows).catch((err: unknown) => {
      throw err instanceof StoreError ? err : new StoreError('io', `store write failed: ${(err as Error).message}`, { cause: err });
    });

  /** One write statement outside a transaction (atomic by itself): same wrapping. */
  const statement = <T>(fn: () => Promise<T>): Promise<T> =>
    c
      .exclusive(async () => {
        const result = await fn();
        wrote();
        return result;
      })
      .catch((err: unknown) => {
        throw err instanceof StoreError ? err : new StoreError('io', `store write failed: ${(err as Error).message}`, { cause: err });
      });

  class Abort {
    constructor(readonly result: CommitResult) {}
  }
  /**
   * A case write: refused as a 'conflict' when another connection committed since the cache was
   * last known good (the write may rest on what the cache said); the cache follows it when it commits.
   */
  const orAbort = async (w: CaseWrite, fn: () => Promise<void>, extraRows = 0): Promise<CommitResult> => {
    try {
      await transaction(
        async () => {
          if ((await c.get<{ v: number }>(DATA_VERSION))?.v !== dataVersion) {
            await resync();
            throw new Abort('conflict');
          }
          await fn();
        },
        () => cache.committedCases(w.newCases, w.updates),
        rowsOf(w) + extraRows,
      );
      return 'ok';
    } catch (err) {
      if (err instanceof Abort) {
        cache.forgetCases(w.updates);
        return err.result;
      }
      throw new StoreError('io', `store write failed: ${(err as Error).message}`, { cause: err });
    }
  };

  const insertEvent = async (eventId: string | undefined, at: string) => {
    if (!eventId) return;
    try {
      await c.run('INSERT INTO inbound_events (id, at) VALUES (?, ?)', [eventId, at]);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Abort('duplicate');
      throw e;
    }
  };
  const insertAudit = async (rows: readonly AuditEntry[]) => {
    for (const chunk of chunked(rows))
      await c.run(
        `INSERT INTO audit (case_id, at, actor, action, before, after) VALUES ${tuples(chunk.length, 6)}`,
        chunk.flatMap((a) => [a.caseId, a.at, a.actor, a.action, json(a.before), json(a.after)]),
      );
  };
  const insertCase = async (k: CaseRecord) => {
    try {
      await c.run('INSERT INTO cases (id, status, requester, team, analyst, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        k.id,
        k.status,
        k.requester,
        k.team,
        k.analyst,
        k.createdAt,
        k.updatedAt,
        json(k),
      ]);
    } catch (e) {
      // A new case whose random id is taken: the write is computed again, with a new id.
      if (isUniqueViolation(e)) throw new Abort('conflict');
      throw e;
    }
  };
  const updateCase = async (u: CaseUpdate) => {
    const k = u.case;
    const r = await c.run('UPDATE cases SET status = ?, team = ?, analyst = ?, updated_at = ?, data = ? WHERE id = ? AND updated_at = ?', [
      k.status,
      k.team,
      k.analyst,
      k.updatedAt,
      json(k),
      k.id,
      u.expectedUpdatedAt,
    ]);
    if (r.changes === 0) throw new Abort('conflict');
  };
  /**
   * Many updates (the daily sweep saves a page of cases at once) as one statement per chunk
   * instead of one round trip each: every case must match its expected `updated_at`, or the write
   * is a conflict. A case updated twice in one write goes one by one, each on the one before.
   */
  const updateCases = async (updates: readonly CaseUpdate[]) => {
    if (updates.length < 2 || new Set(updates.map((u) => u.case.id)).size < updates.length) {
      for (const u of updates) await updateCase(u);
      return;
    }
    for (const chunk of chunked(updates)) {
      const r = await c.run(
        `WITH u (id, expected, status, team, analyst, updated_at, data) AS (VALUES ${tuples(chunk.length, 7)})
         UPDATE cases SET status = u.status, team = u.team, analyst = u.analyst, updated_at = u.updated_at, data = u.data
         FROM u WHERE cases.id = u.id AND cases.updated_at = u.expected`,
        chunk.flatMap(({ case: k, expectedUpdatedAt }) => [k.id, expectedUpdatedAt, k.status, k.team, k.analyst, k.updatedAt, json(k)]),
      );
      if (r.changes !== chunk.length) throw new Abort('conflict');
    }
  };
  const insertReminders = async (rows: readonly NewReminder[]) => {
    let n = 0;
    for (const chunk of chunked(rows)) {
      const res = await c.run(
        `INSERT OR IGNORE INTO reminders (dedupe_key, case_id, recipient, kind, due_at, payload) VALUES ${tuples(chunk.length, 6)}`,
        chunk.flatMap((r) => [r.dedupeKey, r.caseId, r.recipient, r.kind, r.dueAt, json(r.payload)]),
      );
      n += res.changes;
    }
    return n;
  };
  const toReminder = (r: Row): Reminder => ({
    id: Number(r.id),
    dedupeKey: String(r.dedupe_key),
    caseId: (r.case_id as string | null) ?? null,
    recipient: String(r.recipient),
    kind: String(r.kind),
    dueAt: String(r.due_at),
    payload: parseLenient(r.payload),
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedUntil: (r.claimed_until as string | null) ?? null,
    sentAt: (r.sent_at as string | null) ?? null,
    attempts: Number(r.attempts),
  });

  /**
   * Turns are written in groups (group-commit.ts): every turn waiting while a write is in flight
   * goes out in the next one, as ONE statement (sqlite-turn-write.ts), itself one transaction
   * in autocommit: when it returns, every turn of the group is committed, and only then is any of
   * them answered. When the group statement fails (one turn a duplicate, a conflict or a failed
   * insert), SQLite has rolled all of it back, and each turn is written again on its own, in order,
   * each its own statement and transaction: a turn's failure is its own, the others commit.
   */
  type PendingTurn = { w: TurnWrite; stateJson: string | null | undefined; encoded: EncodedTurn; writesCases: boolean };
  /** A turn alone goes as its own parameters (less for SQLite to parse), a group as one JSON array. */
  const insertTurns = (turns: PendingTurn[]) => {
    const cases = turns.some((t) => t.writesCases);
    const written =
      turns.length === 1
        ? c.run(cases ? INSERT_TURN : INSERT_TURN_WITHOUT_CASES, turnParameters(turns[0]!.encoded, dataVersion, cases))
        : c.run(cases ? INSERT_TURNS : INSERT_TURNS_WITHOUT_CASES, [JSON.stringify(turns.map((t) => t.encoded)), dataVersion]);
    return written.then(
      () => null,
      (err: unknown) => err,
    );
  };
  const settle = (t: PendingTurn, err: unknown): Outcome<CommitResult> => {
    if (err === null) {
      cache.committed(t.w, t.stateJson, writtenCases(t.encoded));
      return { ok: true, value: 'ok' };
    }
    cache.forget(t.w);
    const rejected = rejectionOf(err);
    if (rejected) return { ok: true, value: rejected === 'stale' ? 'conflict' : rejected };
    return { ok: false, error: new StoreError('io', `store write failed: ${(err as Error).message}`, { cause: err }) };
  };
  /** Turns computed on a cache another process made stale: each is a conflict, computed again on what is stored. */
  const stale = async (turns: PendingTurn[]): Promise<Outcome<CommitResult>[]> => {
    await resync();
    return turns.map(() => ({ ok: true, value: 'conflict' }));
  };
  const writeTurns = async (turns: PendingTurn[]): Promise<Outcome<CommitResult>[]> => {
    wrote(turns.length);
    const err = await insertTurns(turns);
    if (rejectionOf(err) === 'stale') return stale(turns);
    if (err === null || turns.length === 1) return turns.map((t) => settle(t, err));
    const outcomes: Outcome<CommitResult>[] = [];
    for (const [i, t] of turns.entries()) {
      const e = await insertTurns([t]);
      if (rejectionOf(e) === 'stale') return [...outcomes, ...(await stale(turns.slice(i)))];
      outcomes.push(settle(t, e));
    }
    return outcomes;
  };
  const submitTurn = createGroupCommit<PendingTurn, CommitResult>({ exclusive: (fn) => c.exclusive(fn), write: writeTurns, maxGroup: MAX_TURNS_PER_GROUP });

  return {
    close: () =>
      c.exclusive(async () => {
        cache.clear();
        await checkpointer?.close();
        return c.close();
      }),

    ping: () =>
      read(async () => {
        await c.get('SELECT 1');
      }),

    loadConversation: async (key) =>
      cache.conversation(key) ??
      read(async () => {
        const found = await c.get<{ state: string | null; rev: number | null; dv: number }>(
          'SELECT c.state, c.rev, d.data_version AS dv FROM pragma_data_version d LEFT JOIN conversations c ON c.key = ?',
          [key],
        );
        observe(found?.dv);
        const row = found?.rev == null ? undefined : { state: found.state, rev: found.rev };
        cache.loadedConversation(key, row?.state ?? null, row?.rev ?? 0);
        const out: StoredConversation = row ? { state: row.state ? parse<ConvState>(row.state) : null, rev: row.rev } : { state: null, rev: 0 };
        return out;
      }),

    hasEvent: (id) => read(async () => !!(await c.get('SELECT 1 FROM inbound_events WHERE id = ?', [id]))),

    commitTurn: (w: TurnWrite) => {
      const stateJson = w.state === undefined ? undefined : w.state === null ? null : json(w.state);
      return submitTurn({ w, stateJson, encoded: encodeTurn(w, stateJson, clock().toISOString()), writesCases: writesCases(w) });
    },

    shownQuestion: async (conversation) => {
      const cached = cache.shownQuestion(conversation);
      if (cached !== undefined) return cached;
      return read(async () => {
        const data = await readData('shown_questions', 'conversation', conversation);
        cache.shown(conversation, data);
        return data === null ? null : parse<ShownQuestion>(data);
      });
    },

    // One statement, atomic by itself; the cache follows once it is committed.
    setShownQuestion: (conversation, shown, at) =>
      statement(async () => {
        if (shown === null) await c.run('DELETE FROM shown_questions WHERE conversation = ?', [conversation]);
        else {
          await c.run(
            'INSERT INTO shown_questions (conversation, data, at) VALUES (?, ?, ?) ON CONFLICT(conversation) DO UPDATE SET data = excluded.data, at = excluded.at',
            [conversation, json(shown), at],
          );
        }
        cache.shown(conversation, shown === null ? null : json(shown));
      }),

    answersOf: (conversation) =>
      read(async () => {
        const rows = await c.all('SELECT flow, version, step, value, inferred, at FROM answers WHERE conversation = ? ORDER BY id', [conversation]);
        return rows.map(
          (r): AnswerRow => ({
            flow: String(r.flow),
            version: Number(r.version),
            step: String(r.step),
            value: parse(r.value),
            inferred: r.inferred === 1,
            at: String(r.at),
          }),
        );
      }),

    getPerson: async (key) => {
      const cached = cache.person(key);
      if (cached !== undefined) return cached;
      return read(async () => {
        const found = await c.get(
          'SELECT p.key, p.lang, p.platform, p.address, p.last_seen_at, d.data_version AS dv FROM pragma_data_version d LEFT JOIN people p ON p.key = ?',
          [key],
        );
        observe(found?.dv);
        const r = found?.key == null ? undefined : found;
        const row = r
          ? {
              lang: (r.lang as Lang | null) ?? null,
              platform: (r.platform as string | null) ?? null,
              address: (r.address as string | null) ?? null,
              lastSeenAt: (r.last_seen_at as string | null) ?? null,
            }
          : null;
        cache.loadedPerson(key, row);
        const p: PersonRecord | null = row && {
          key,
          lang: row.lang,
          platform: row.platform,
          address: row.address ? parse(row.address) : null,
          lastSeenAt: row.lastSeenAt,
        };
        return p;
      });
    },

    // One statement, atomic by itself, and none at all when only the time moved within the hour.
    touchPerson: async (key, platform, address, at) => {
      const addressJson = json(address);
      if (cache.seenRecently(key, platform, addressJson, at)) return;
      return statement(async () => {
        await c.run(
          `INSERT INTO people (key, platform, address, last_seen_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET platform = excluded.platform, address = excluded.address, last_seen_at = excluded.last_seen_at`,
          [key, platform, addressJson, at],
        );
        cache.touchedPerson(key, platform, addressJson, at);
      });
    },

    getCase: async (id) => {
      const cached = cache.case(id);
      if (cached) return upgradeCase(cached);
      return read(async () => {
        const data = await readData('cases', 'id', id);
        // A missing case is not remembered: another process may be creating it.
        if (data !== null) cache.loadedCase(id, data);
        return data === null ? null : upgradeCase(parse<CaseRecord>(data));
      });
    },

    listCases: (q: CaseQuery) =>
      read(async () => {
        const where: string[] = [];
        const params: unknown[] = [];
        const or: string[] = [];
        if (q.requester) {
          or.push('requester = ?');
          params.push(q.requester);
        }
        if (q.team) {
          or.push('team = ?');
          params.push(q.team);
        }
        if (q.analyst) {
          or.push('analyst = ?');
          params.push(q.analyst);
        }
        if (q.includeUnassigned) or.push('analyst IS NULL');
        if (or.length) where.push(`(${or.join(' OR ')})`);
        if (q.statuses?.length) {
          where.push(`status IN (${q.statuses.map(() => '?').join(', ')})`);
          params.push(...q.statuses);
        }
        if (q.after) {
          // A row value, so the page starts where the index says instead of scanning down to it.
          where.push('(created_at, id) < (?, ?)');
          params.push(q.after.createdAt, q.after.id);
        }
        const sql = `SELECT data FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`;
        params.push(q.limit ?? 50);
        const rows = await c.all<{ data: string }>(sql, params);
        return rows.map((r) => upgradeCase(parse<CaseRecord>(r.data)));
      }),

    countCases: () => read(async () => Number((await c.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n ?? 0)),

    countCasesByStatus: () =>
      read(async () => {
        const rows = await c.all<{ status: CaseStatus; n: number }>('SELECT status, COUNT(*) AS n FROM cases GROUP BY status');
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      }),

    saveCases: (w: CaseWrite) =>
      orAbort(w, async () => {
        await insertEvent(w.eventId, clock().toISOString());
        for (const k of w.newCases ?? []) await insertCase(k);
        await updateCases(w.updates ?? []);
        await insertAudit(w.audit ?? []);
        await insertReminders(w.reminders ?? []);
      }),

    addAttachment: ({ meta: a, bytes }, w: CaseWrite) =>
      orAbort(
        w,
        async () => {
          await insertEvent(w.eventId, clock().toISOString());
          await c.run(
            'INSERT INTO attachments (id, case_id, name, media_type, size, sha256, added_by, added_at, material, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [a.id, a.caseId, a.name, a.mediaType, a.size, a.sha256, a.by, a.at, a.material, Buffer.from(bytes)],
          );
          await updateCases(w.updates ?? []);
          await insertAudit(w.audit ?? []);
          await insertReminders(w.reminders ?? []);
        },
        Math.ceil(bytes.byteLength / ATTACHMENT_BYTES_PER_WRITE),
      ),

    listAttachments: (caseId) =>
      read(async () => (await c.all(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE case_id = ? ORDER BY added_at, id`, [caseId])).map(toAttachment)),

    getAttachment: (id) =>
      read(async () => {
        const r = await c.get<Record<string, unknown>>(`SELECT ${ATTACHMENT_COLUMNS}, bytes FROM attachments WHERE id = ?`, [id]);
        return r ? { meta: toAttachment(r), bytes: new Uint8Array(r.bytes as Buffer) } : null;
      }),

    auditOf: (caseId) =>
      read(async () => {
        const rows = await c.all('SELECT case_id, at, actor, action, before, after FROM audit WHERE case_id = ? ORDER BY id', [caseId]);
        return rows.map(
          (r): AuditEntry => ({
            caseId: String(r.case_id),
            at: String(r.at),
            actor: String(r.actor),
            action: String(r.action),
            before: parse(r.before),
            after: parse(r.after),
          }),
        );
      }),

    scheduleReminders: (rows) => write(() => insertReminders(rows), rows.length),

    claimDueReminders: (now, owner, leaseMs, limit) =>
      write(async () => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        const rows = await c.all(
          `UPDATE reminders SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
         WHERE id IN (SELECT id FROM reminders WHERE sent_at IS NULL AND due_at <= ?
                        AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at LIMIT ?)
         RETURNING *`,
          [owner, until, now, now, limit],
        );
        return rows.map(toReminder).sort(byDue);
      }),

    markReminderSent: (id, owner, at) =>
      write(
        async () =>
          (await c.run('UPDATE reminders SET sent_at = ?, claimed_by = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL', [at, owner, id])).changes ===
          1,
      ),

    releaseReminder: (id, owner, retryAt) =>
      write(async () => {
        await c.run('UPDATE reminders SET claimed_by = NULL, claimed_until = NULL, due_at = ? WHERE id = ? AND claimed_by = ? AND sent_at IS NULL', [
          retryAt,
          id,
          owner,
        ]);
      }),

    pendingReminders: (recipient, until) =>
      read(async () =>
        (await c.all('SELECT * FROM reminders WHERE recipient = ? AND sent_at IS NULL AND due_at <= ? ORDER BY due_at', [recipient, until])).map(toReminder),
      ),

    getReminder: (id) =>
      read(async () => {
        const r = await c.get('SELECT * FROM reminders WHERE id = ?', [id]);
        return r ? toReminder(r) : null;
      }),

    claimRun: (key, owner, now, leaseMs) =>
      write(async (): Promise<RunClaim> => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        const won = await c.get(
          `INSERT INTO scheduled_runs (key, claimed_by, claimed_until) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
         WHERE scheduled_runs.done_at IS NULL AND (scheduled_runs.claimed_until < ? OR scheduled_runs.claimed_by = excluded.claimed_by)
         RETURNING key`,
          [key, owner, until, now],
        );
        if (won) return 'claimed';
        const row = await c.get<{ done_at: string | null }>('SELECT done_at FROM scheduled_runs WHERE key = ?', [key]);
        return row?.done_at ? 'done' : 'busy';
      }),

    finishRun: (key, owner, at) =>
      write(async () => {
        await c.run('UPDATE scheduled_runs SET done_at = ?, claimed_until = NULL WHERE key = ? AND claimed_by = ?', [at, key, owner]);
      }),
  };
}
