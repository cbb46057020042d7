import pg from 'pg';
import { upgradeCase, type AttachmentMeta, type AuditEntry, type CaseRecord, type CaseStatus } from '../domain/index.js';
import type { ConvState } from '../engine/index.js';
import type { Lang } from '../i18n/lang.js';
import { StoreError } from './errors.js';
import { describePostgresUrl } from './location.js';
import { POSTGRES_MIGRATIONS, type Migration } from './migrations.js';
import { byDue } from './store.js';
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

// The PostgreSQL backend: several review-bot instances on one database. What makes that safe:
// - every turn is one transaction; its state write is `UPDATE … WHERE key AND rev` (the row lock
//   and the revision check in one statement), so two instances serialise on a conversation and
//   the one computed on an old revision gets 'conflict' and recomputes;
// - platform event ids have a primary key: the second delivery of an event waits for the first
//   transaction and then inserts nothing ('duplicate');
// - reminders are claimed with FOR UPDATE SKIP LOCKED and a lease (claimed_until), so no two
//   instances hold one row and a crashed instance's rows are taken over when its lease ends;
// - once-a-day runs are claimed by row the same way (scheduled_runs).
// Every value goes in as a query parameter; no SQL is built from values.

type Row = Record<string, unknown>;

/** What the store needs of a connection or pool: pg's Pool and PoolClient fit; so does a PGlite shim in tests. */
export type PgQueryable = { query(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }> };
type PgClient = PgQueryable & {
  release(destroy?: boolean | Error): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  removeListener?(event: 'error', listener: (err: Error) => void): unknown;
};
export type PgPool = PgQueryable & { connect(): Promise<PgClient>; end(): Promise<void> };

/**
 * A pooled connection held for several statements. The pool listens for errors on idle
 * connections only: one the server ends while it is held (a restart, a failover) would emit an
 * error nobody listens to and crash the process. Held here, the error fails the pending or next
 * statement instead, and the connection is discarded when released.
 */
async function checkout(pool: PgPool): Promise<{ c: PgClient; release: (broken: boolean) => void }> {
  const c = await pool.connect();
  let lost = false;
  const onError = () => {
    lost = true;
  };
  c.on?.('error', onError);
  return {
    c,
    release: (broken) => {
      c.removeListener?.('error', onError);
      c.release(broken || lost);
    },
  };
}

export type PostgresOptions = StoreOptions & {
  /** Connections per instance (default 10); instances x pool size must stay under the server's max_connections. */
  poolSize?: number;
  connectTimeoutMs?: number;
};

/** A pool on `url`, checked with one query: an unreachable server or a bad login is an `open_failed` StoreError. */
export async function connectPostgres(url: string, options: { poolSize?: number; connectTimeoutMs?: number; applicationName?: string } = {}): Promise<PgPool> {
  const where = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    application_name: options.applicationName ?? 'review-bot',
  });
  // An idle connection the server drops emits here; without a listener it would crash the process.
  // The next query on the pool reconnects or fails with a StoreError.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new StoreError('open_failed', `cannot connect to PostgreSQL at ${where}: ${(cause as Error).message}`, { cause });
  }
  return pool;
}

/** Open the shared PostgreSQL store at `url` (postgres://user:pass@host:port/db), migrating its schema. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = await connectPostgres(url, options);
  return openPostgresStoreOn(pool, { ...options, ownsPool: true, where: describePostgresUrl(url) });
}

/** The store over an existing pool (tests run it over PGlite); `ownsPool`: close() ends the pool. */
export async function openPostgresStoreOn(pool: PgPool, options: StoreOptions & { ownsPool?: boolean; where?: string } = {}): Promise<Store> {
  try {
    await migratePostgres(pool);
  } catch (cause) {
    if (options.ownsPool) await pool.end().catch(() => undefined);
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('open_failed', `cannot use PostgreSQL database ${options.where ?? ''}: ${(cause as Error).message}`, { cause });
  }
  return postgresStore(pool, options.clock ?? (() => new Date()), options.ownsPool ?? false);
}

/** One key for the migration lock, so instances starting together migrate one after another. */
const MIGRATION_LOCK = 7_204_311;

/** Bring the schema to the newest of `migrations`, each in its own transaction (exported for the rollback test). */
export async function migratePostgres(pool: PgPool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  const { c, release } = await checkout(pool);
  let broken = false;
  try {
    // A session lock: the other instances wait here and then find the schema current.
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const row = (await c.query('SELECT MAX(version) AS v FROM schema_version')).rows[0];
      const current = row?.v === null || row?.v === undefined ? 0 : Number(row.v);
      if (current > newest) {
        throw new StoreError(
          'schema_too_new',
          `database schema version ${current} is newer than this review-bot understands (${newest}); upgrade review-bot or use another database`,
        );
      }
      for (const m of migrations) {
        if (m.version <= current) continue;
        try {
          await c.query('BEGIN');
          await c.query(m.sql);
          await c.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
          await c.query('COMMIT');
        } catch (cause) {
          await c.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw new StoreError('migration_failed', `migration ${m.version} failed: ${(cause as Error).message}`, { cause });
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {
        broken = true;
      });
    }
  } finally {
    release(broken);
  }
}

// SQLSTATE classes: 08 connection exception, 57P01-03 server shutting down / cannot connect now.
const CONNECTION_CODES = /^(08|57P0[123])/;
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
const isConnectionError = (err: unknown): boolean => {
  const code = String((err as { code?: unknown })?.code ?? '');
  const message = String((err as Error)?.message ?? '');
  return (
    CONNECTION_CODES.test(code) ||
    CONNECTION_ERRNOS.has(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(message)
  );
};
/** 40001 serialization failure, 40P01 deadlock: the transaction was rolled back and can be recomputed. */
const isRetryable = (err: unknown) => ['40001', '40P01'].includes(String((err as { code?: unknown })?.code ?? ''));

const wrap = (what: 'read' | 'write', err: unknown): StoreError => {
  if (err instanceof StoreError) return err;
  const message = (err as Error)?.message ?? String(err);
  return isConnectionError(err)
    ? new StoreError('unavailable', `store ${what} failed: PostgreSQL is unavailable: ${message}`, { cause: err })
    : new StoreError('io', `store ${what} failed: ${message}`, { cause: err });
};

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
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** `($1, $2, $3), ($4, $5, $6)` for `rows` rows of `width` parameters: placeholders only, never values. */
const placeholders = (rows: number, width: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');

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

class Abort {
  constructor(readonly result: CommitResult) {}
}

function postgresStore(pool: PgPool, clock: () => Date, ownsPool: boolean): Store {
  /** One statement on any pooled connection (no transaction needed). */
  const single =
    (what: 'read' | 'write') =>
    async <T>(fn: (q: PgQueryable) => Promise<T>): Promise<T> => {
      try {
        return await fn(pool);
      } catch (err) {
        throw wrap(what, err);
      }
    };
  const read = single('read');
  const upsert = single('write');

  /** BEGIN .. COMMIT on one pooled connection, rolled back on any failure. */
  const transaction = async <T>(fn: (q: PgQueryable) => Promise<T>): Promise<T> => {
    const { c, release } = await checkout(pool);
    let broken = false;
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      release(broken);
    }
  };
  const write = async <T>(fn: (q: PgQueryable) => Promise<T>): Promise<T> => {
    try {
      return await transaction(fn);
    } catch (err) {
      throw wrap('write', err);
    }
  };
  /** A turn or case write: 'duplicate' / 'conflict' come back as results, failures as StoreError. */
  const orAbort = async (fn: (q: PgQueryable) => Promise<void>): Promise<CommitResult> => {
    try {
      await transaction(fn);
      return 'ok';
    } catch (err) {
      if (err instanceof Abort) return err.result;
      if (isRetryable(err)) return 'conflict';
      throw wrap('write', err);
    }
  };

  const insertEvent = async (q: PgQueryable, eventId: string | undefined, at: string) => {
    if (!eventId) return;
    const r = await q.query('INSERT INTO inbound_events (id, at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [eventId, at]);
    if (r.rowCount === 0) throw new Abort('duplicate');
  };
  const insertAudit = async (q: PgQueryable, rows: AuditEntry[]) => {
    if (!rows.length) return;
    await q.query(
      `INSERT INTO audit (case_id, at, actor, action, before, after) VALUES ${placeholders(rows.length, 6)}`,
      rows.flatMap((a) => [a.caseId, a.at, a.actor, a.action, json(a.before), json(a.after)]),
    );
  };
  const insertCases = async (q: PgQueryable, rows: CaseRecord[]) => {
    if (!rows.length) return;
    const r = await q.query(
      `INSERT INTO cases (id, status, requester, team, analyst, created_at, updated_at, data) VALUES ${placeholders(rows.length, 8)} ON CONFLICT (id) DO NOTHING`,
      rows.flatMap((k) => [k.id, k.status, k.requester, k.team, k.analyst, k.createdAt, k.updatedAt, json(k)]),
    );
    // A new case whose random id is taken: the write is computed again, with a new id.
    if (r.rowCount !== rows.length) throw new Abort('conflict');
  };
  const updateCase = async (q: PgQueryable, u: CaseUpdate) => {
    const k = u.case;
    const r = await q.query('UPDATE cases SET status = $1, team = $2, analyst = $3, updated_at = $4, data = $5 WHERE id = $6 AND updated_at = $7', [
      k.status,
      k.team,
      k.analyst,
      k.updatedAt,
      json(k),
      k.id,
      u.expectedUpdatedAt,
    ]);
    if (r.rowCount === 0) throw new Abort('conflict');
  };
  /**
   * A sweep page's updates in one statement per 1,000 (PostgreSQL's parameter limit), each row
   * still checked against the `updated_at` it was computed from: one stale case makes the whole
   * write a conflict. A case updated twice in one write rests on its own first update, which one
   * statement cannot express: such a write goes a case at a time.
   */
  const updateCases = async (q: PgQueryable, updates: readonly CaseUpdate[]) => {
    if (updates.length < 2 || new Set(updates.map((u) => u.case.id)).size < updates.length) {
      for (const u of updates) await updateCase(q, u);
      return;
    }
    for (let i = 0; i < updates.length; i += 1000) {
      const page = updates.slice(i, i + 1000);
      const r = await q.query(
        `UPDATE cases SET status = u.status, team = u.team, analyst = u.analyst, updated_at = u.updated_at, data = u.data
         FROM (VALUES ${placeholders(page.length, 7)}) AS u (id, expected, status, team, analyst, updated_at, data)
         WHERE cases.id = u.id AND cases.updated_at = u.expected`,
        page.flatMap(({ case: k, expectedUpdatedAt }) => [k.id, expectedUpdatedAt, k.status, k.team, k.analyst, k.updatedAt, json(k)]),
      );
      if (r.rowCount !== page.length) throw new Abort('conflict');
    }
  };
  const insertReminders = async (q: PgQueryable, rows: NewReminder[]): Promise<number> => {
    let added = 0;
    // Pages keep each statement under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < rows.length; i += 1000) {
      const page = rows.slice(i, i + 1000);
      const r = await q.query(
        `INSERT INTO reminders (dedupe_key, case_id, recipient, kind, due_at, payload) VALUES ${placeholders(page.length, 6)} ON CONFLICT (dedupe_key) DO NOTHING`,
        page.flatMap((x) => [x.dedupeKey, x.caseId, x.recipient, x.kind, x.dueAt, json(x.payload)]),
      );
      added += r.rowCount ?? 0;
    }
    return added;
  };
  const toReminder = (r: Row): Reminder => ({
    id: Number(r.id),
    dedupeKey: String(r.dedupe_key),
    caseId: str(r.case_id),
    recipient: String(r.recipient),
    kind: String(r.kind),
    dueAt: String(r.due_at),
    payload: parseLenient(r.payload),
    claimedBy: str(r.claimed_by),
    claimedUntil: str(r.claimed_until),
    sentAt: str(r.sent_at),
    attempts: Number(r.attempts),
  });

  return {
    close: async () => {
      if (ownsPool) await pool.end();
    },

    ping: () =>
      read(async (q) => {
        await q.query('SELECT 1');
      }),

    loadConversation: (key) =>
      read(async (q) => {
        const row = (await q.query('SELECT state, rev FROM conversations WHERE key = $1', [key])).rows[0];
        const out: StoredConversation = row ? { state: row.state ? parse<ConvState>(row.state) : null, rev: Number(row.rev) } : { state: null, rev: 0 };
        return out;
      }),

    hasEvent: (id) => read(async (q) => (await q.query('SELECT 1 FROM inbound_events WHERE id = $1', [id])).rows.length > 0),

    commitTurn: (w: TurnWrite) =>
      orAbort(async (q) => {
        const at = clock().toISOString();
        await insertEvent(q, w.eventId, at);
        if (w.state !== undefined) {
          const state = w.state === null ? null : json(w.state);
          if (w.expectedRev === 0) {
            const r = await q.query('INSERT INTO conversations (key, state, rev, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (key) DO NOTHING', [
              w.conversation,
              state,
              at,
            ]);
            if (r.rowCount === 0) throw new Abort('conflict');
          } else {
            // Takes the row lock: a concurrent turn on this conversation waits here, then sees the new rev and matches nothing.
            const r = await q.query('UPDATE conversations SET state = $1, rev = rev + 1, updated_at = $2 WHERE key = $3 AND rev = $4', [
              state,
              at,
              w.conversation,
              w.expectedRev,
            ]);
            if (r.rowCount === 0) throw new Abort('conflict');
          }
        }
        const answers = w.answers ?? [];
        if (answers.length) {
          await q.query(
            `INSERT INTO answers (conversation, flow, version, step, value, inferred, at) VALUES ${placeholders(answers.length, 7)}`,
            answers.flatMap((a) => [w.conversation, a.flow, a.version, a.step, json(a.value), a.inferred, a.at]),
          );
        }
        await insertCases(q, w.newCases ?? []);
        for (const u of w.caseUpdates ?? []) await updateCase(q, u);
        await insertAudit(q, w.audit ?? []);
        await insertReminders(q, w.reminders ?? []);
        if (w.person) {
          await q.query('INSERT INTO people (key, lang) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET lang = excluded.lang', [w.person.key, w.person.lang]);
        }
      }),

    shownQuestion: (conversation) =>
      read(async (q) => {
        const row = (await q.query('SELECT data FROM shown_questions WHERE conversation = $1', [conversation])).rows[0];
        return row ? parse<ShownQuestion>(String(row.data)) : null;
      }),

    setShownQuestion: (conversation, shown, at) =>
      write(async (q) => {
        if (shown === null) await q.query('DELETE FROM shown_questions WHERE conversation = $1', [conversation]);
        else {
          await q.query(
            'INSERT INTO shown_questions (conversation, data, at) VALUES ($1, $2, $3) ON CONFLICT (conversation) DO UPDATE SET data = excluded.data, at = excluded.at',
            [conversation, json(shown), at],
          );
        }
      }),

    answersOf: (conversation) =>
      read(async (q) => {
        const rows = (await q.query('SELECT flow, version, step, value, inferred, at FROM answers WHERE conversation = $1 ORDER BY id', [conversation])).rows;
        return rows.map(
          (r): AnswerRow => ({
            flow: String(r.flow),
            version: Number(r.version),
            step: String(r.step),
            value: parse(r.value),
            inferred: r.inferred === true,
            at: String(r.at),
          }),
        );
      }),

    getPerson: (key) =>
      read(async (q) => {
        const r = (await q.query('SELECT key, lang, platform, address, last_seen_at FROM people WHERE key = $1', [key])).rows[0];
        if (!r) return null;
        const p: PersonRecord = {
          key: String(r.key),
          lang: (r.lang as Lang | null) ?? null,
          platform: str(r.platform),
          address: r.address ? parse(r.address) : null,
          lastSeenAt: str(r.last_seen_at),
        };
        return p;
      }),

    touchPerson: (key, platform, address, at) =>
      upsert(async (q) => {
        await q.query(
          `INSERT INTO people (key, platform, address, last_seen_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (key) DO UPDATE SET platform = excluded.platform, address = excluded.address, last_seen_at = excluded.last_seen_at`,
          [key, platform, json(address), at],
        );
      }),

    getCase: (id) =>
      read(async (q) => {
        const r = (await q.query('SELECT data FROM cases WHERE id = $1', [id])).rows[0];
        return r ? upgradeCase(parse<CaseRecord>(r.data)) : null;
      }),

    listCases: (query: CaseQuery) =>
      read(async (q) => {
        const where: string[] = [];
        const params: unknown[] = [];
        const p = (v: unknown) => {
          params.push(v);
          return `$${params.length}`;
        };
        const or: string[] = [];
        if (query.requester) or.push(`requester = ${p(query.requester)}`);
        if (query.team) or.push(`team = ${p(query.team)}`);
        if (query.analyst) or.push(`analyst = ${p(query.analyst)}`);
        if (query.includeUnassigned) or.push('analyst IS NULL');
        if (or.length) where.push(`(${or.join(' OR ')})`);
        if (query.statuses?.length) where.push(`status = ANY(${p([...query.statuses])})`);
        // A row value, so the page starts where the index says instead of scanning down to it.
        if (query.after) where.push(`(created_at, id) < (${p(query.after.createdAt)}, ${p(query.after.id)})`);
        const sql = `SELECT data FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${p(query.limit ?? 50)}`;
        return (await q.query(sql, params)).rows.map((r) => upgradeCase(parse<CaseRecord>(r.data)));
      }),

    countCases: () => read(async (q) => Number((await q.query('SELECT COUNT(*) AS n FROM cases')).rows[0]?.n ?? 0)),

    countCasesByStatus: () =>
      read(async (q) => {
        const rows = (await q.query('SELECT status, COUNT(*) AS n FROM cases GROUP BY status')).rows;
        return Object.fromEntries(rows.map((r) => [r.status as CaseStatus, Number(r.n)]));
      }),

    saveCases: (w: CaseWrite) =>
      orAbort(async (q) => {
        await insertEvent(q, w.eventId, clock().toISOString());
        await insertCases(q, w.newCases ?? []);
        await updateCases(q, w.updates ?? []);
        await insertAudit(q, w.audit ?? []);
        await insertReminders(q, w.reminders ?? []);
      }),

    addAttachment: ({ meta: a, bytes }, w: CaseWrite) =>
      orAbort(async (q) => {
        await insertEvent(q, w.eventId, clock().toISOString());
        await q.query(
          'INSERT INTO attachments (id, case_id, name, media_type, size, sha256, added_by, added_at, material, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [a.id, a.caseId, a.name, a.mediaType, a.size, a.sha256, a.by, a.at, a.material, Buffer.from(bytes)],
        );
        await updateCases(q, w.updates ?? []);
        await insertAudit(q, w.audit ?? []);
        await insertReminders(q, w.reminders ?? []);
      }),

    listAttachments: (caseId) =>
      read(async (q) =>
        (await q.query(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE case_id = $1 ORDER BY added_at, id`, [caseId])).rows.map(toAttachment),
      ),

    getAttachment: (id) =>
      read(async (q) => {
        const r = (await q.query(`SELECT ${ATTACHMENT_COLUMNS}, bytes FROM attachments WHERE id = $1`, [id])).rows[0];
        return r ? { meta: toAttachment(r), bytes: new Uint8Array(r.bytes as Buffer) } : null;
      }),

    auditOf: (caseId) =>
      read(async (q) => {
        const rows = (await q.query('SELECT case_id, at, actor, action, before, after FROM audit WHERE case_id = $1 ORDER BY id', [caseId])).rows;
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

    scheduleReminders: (rows) => write((q) => insertReminders(q, rows)),

    claimDueReminders: (now, owner, leaseMs, limit) =>
      write(async (q) => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for.
        const rows = (
          await q.query(
            `UPDATE reminders SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
         WHERE id IN (SELECT id FROM reminders WHERE sent_at IS NULL AND due_at <= $3
                        AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
            [owner, until, now, limit],
          )
        ).rows;
        return rows.map(toReminder).sort(byDue);
      }),

    markReminderSent: (id, owner, at) =>
      write(
        async (q) =>
          (await q.query('UPDATE reminders SET sent_at = $1, claimed_by = $3, claimed_until = NULL WHERE id = $2 AND sent_at IS NULL', [at, id, owner]))
            .rowCount === 1,
      ),

    releaseReminder: (id, owner, retryAt) =>
      write(async (q) => {
        await q.query('UPDATE reminders SET claimed_by = NULL, claimed_until = NULL, due_at = $1 WHERE id = $2 AND claimed_by = $3 AND sent_at IS NULL', [
          retryAt,
          id,
          owner,
        ]);
      }),

    pendingReminders: (recipient, until) =>
      read(async (q) =>
        (await q.query('SELECT * FROM reminders WHERE recipient = $1 AND sent_at IS NULL AND due_at <= $2 ORDER BY due_at, id', [recipient, until])).rows.map(
          toReminder,
        ),
      ),

    getReminder: (id) =>
      read(async (q) => {
        const r = (await q.query('SELECT * FROM reminders WHERE id = $1', [id])).rows[0];
        return r ? toReminder(r) : null;
      }),

    claimRun: (key, owner, now, leaseMs) =>
      write(async (q): Promise<RunClaim> => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        const won = await q.query(
          `INSERT INTO scheduled_runs (key, claimed_by, claimed_until) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
         WHERE scheduled_runs.done_at IS NULL AND (scheduled_runs.claimed_until < $4 OR scheduled_runs.claimed_by = excluded.claimed_by)
         RETURNING key`,
          [key, owner, until, now],
        );
        if (won.rows.length) return 'claimed';
        const row = (await q.query('SELECT done_at FROM scheduled_runs WHERE key = $1', [key])).rows[0];
        return row?.done_at ? 'done' : 'busy';
      }),

    finishRun: (key, owner, at) =>
      write(async (q) => {
        await q.query('UPDATE scheduled_runs SET done_at = $1, claimed_until = NULL WHERE key = $2 AND claimed_by = $3', [at, key, owner]);
      }),
  };
}
