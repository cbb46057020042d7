import type { CommitResult, TurnWrite } from './store.js';

// A whole turn written by ONE SQLite statement: node-sqlite3 runs every statement on the
// thread pool, and the main thread waited for each of a turn's six (BEGIN, state, answers,
// ..., COMMIT). Here the turn is one row inserted into a view whose INSTEAD OF trigger does all
// the writes; the statement is atomic by itself (its own transaction in autocommit, rolled back
// whole when any part fails), so no BEGIN/COMMIT is needed.
//
// Values are never put into SQL text; they are bound parameters, in one of two forms:
// - one turn (`turnParameters`, INSERT_TURN*): each column its own parameter, the turn's first
//   answer in columns of its own, and only lists (further answers, cases, audit, reminders) as
//   JSON arrays that the trigger takes apart with json_each. This is the form of a turn alone,
//   every turn when one conversation at a time is served. SQLite then parses no JSON but those
//   lists: the statement a turn waits for took about a sixth less time (146 -> 125 µs, median);
// - a group of turns (`encodeTurn`, INSERT_TURNS*, group-commit.ts): ONE parameter, a JSON
//   array with one element per turn, which the statement takes apart with json_each, in order.
// Values that are JSON already (state, answer values, case data) are stored byte for byte as
// JSON.stringify wrote them.
//
// The view and triggers are TEMP: they belong to the connection, are created when it opens,
// and change nothing in the database file or its schema version.
//
// A rejected turn aborts the statement with RAISE(ABORT, 'review-bot:duplicate' | 'review-bot:conflict'
// | 'review-bot:stale') before anything of it is written; `rejectionOf` reads that back. 'stale':
// another connection committed since the store last knew the database (SQLite's data_version),
// so what the turn was computed on may be out of date.

const DUPLICATE = 'review-bot:duplicate';
const CONFLICT = 'review-bot:conflict';
const STALE = 'review-bot:stale';

const CONVERSATION_PART = `
  SELECT RAISE(ABORT, '${DUPLICATE}')
    WHERE NEW.event_id IS NOT NULL AND EXISTS (SELECT 1 FROM inbound_events WHERE id = NEW.event_id);
  INSERT INTO inbound_events (id, at) SELECT NEW.event_id, NEW.at WHERE NEW.event_id IS NOT NULL;
  -- A duplicate is done whatever else changed; anything else rests on what this connection last read.
  -- Checked on a group's first turn only (the others carry NULL): the statement holds the write lock from then on.
  SELECT RAISE(ABORT, '${STALE}') WHERE NEW.data_version IS NOT NULL AND NEW.data_version IS NOT (SELECT data_version FROM pragma_data_version);

  SELECT RAISE(ABORT, '${CONFLICT}') WHERE NEW.has_state AND CASE NEW.expected_rev
    WHEN 0 THEN EXISTS (SELECT 1 FROM conversations WHERE key = NEW.conversation)
    ELSE NOT EXISTS (SELECT 1 FROM conversations WHERE key = NEW.conversation AND rev = NEW.expected_rev) END;
  INSERT INTO conversations (key, state, rev, updated_at)
    SELECT NEW.conversation, NEW.state, 1, NEW.at WHERE NEW.has_state AND NEW.expected_rev = 0;
  UPDATE conversations SET state = NEW.state, rev = rev + 1, updated_at = NEW.at
    WHERE NEW.has_state AND NEW.expected_rev <> 0 AND key = NEW.conversation;

  INSERT INTO answers (conversation, flow, version, step, value, inferred, at)
    SELECT NEW.conversation, NEW.answer_flow, NEW.answer_version, NEW.answer_step, NEW.answer_value, NEW.answer_inferred, NEW.answer_at
    WHERE NEW.answer_flow IS NOT NULL;
  INSERT INTO answers (conversation, flow, version, step, value, inferred, at)
    SELECT NEW.conversation, a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4, a.value ->> 5
    FROM json_each(NEW.answers) a ORDER BY a.key;
`;

const CASE_PART = `
  INSERT INTO cases (id, status, requester, team, analyst, created_at, updated_at, data)
    SELECT k.value ->> 0, k.value ->> 1, k.value ->> 2, k.value ->> 3, k.value ->> 4, k.value ->> 5, k.value ->> 6, k.value ->> 7
    FROM json_each(NEW.new_cases) k ORDER BY k.key;
  INSERT INTO turn_case_update (id, status, team, analyst, updated_at, data, expected_updated_at)
    SELECT u.value ->> 0, u.value ->> 1, u.value ->> 2, u.value ->> 3, u.value ->> 4, u.value ->> 5, u.value ->> 6
    FROM json_each(NEW.case_updates) u ORDER BY u.key;
  INSERT INTO audit (case_id, at, actor, action, before, after)
    SELECT x.value ->> 0, x.value ->> 1, x.value ->> 2, x.value ->> 3, x.value ->> 4, x.value ->> 5
    FROM json_each(NEW.audit) x ORDER BY x.key;
  INSERT OR IGNORE INTO reminders (dedupe_key, case_id, recipient, kind, due_at, payload)
    SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5
    FROM json_each(NEW.reminders) r ORDER BY r.key;
`;

const PERSON_PART = `
  INSERT INTO people (key, lang) SELECT NEW.person_key, NEW.person_lang WHERE NEW.person_key IS NOT NULL
    ON CONFLICT (key) DO UPDATE SET lang = excluded.lang;
`;

export const TURN_WRITE_SCHEMA = `
CREATE TEMP VIEW IF NOT EXISTS turn_write AS SELECT
  NULL AS conversation, NULL AS expected_rev, NULL AS event_id, NULL AS at, NULL AS has_state, NULL AS state,
  NULL AS answer_flow, NULL AS answer_version, NULL AS answer_step, NULL AS answer_value, NULL AS answer_inferred, NULL AS answer_at,
  NULL AS answers, NULL AS new_cases, NULL AS case_updates, NULL AS audit, NULL AS reminders, NULL AS person_key, NULL AS person_lang,
  NULL AS data_version
WHERE 0;

-- One case update: applied only on the updated_at it was computed on, one after another.
CREATE TEMP VIEW IF NOT EXISTS turn_case_update AS SELECT
  NULL AS id, NULL AS status, NULL AS team, NULL AS analyst, NULL AS updated_at, NULL AS data, NULL AS expected_updated_at
WHERE 0;

CREATE TEMP TRIGGER IF NOT EXISTS turn_case_update_insert INSTEAD OF INSERT ON turn_case_update BEGIN
  SELECT RAISE(ABORT, '${CONFLICT}') WHERE NOT EXISTS (SELECT 1 FROM cases WHERE id = NEW.id AND updated_at = NEW.expected_updated_at);
  UPDATE cases SET status = NEW.status, team = NEW.team, analyst = NEW.analyst, updated_at = NEW.updated_at, data = NEW.data WHERE id = NEW.id;
END;

CREATE TEMP TRIGGER IF NOT EXISTS turn_write_insert INSTEAD OF INSERT ON turn_write BEGIN
${CONVERSATION_PART}${CASE_PART}${PERSON_PART}END;

-- The same turn without case writes: most turns, and a shorter program to run.
CREATE TEMP VIEW IF NOT EXISTS turn_write_light AS SELECT * FROM turn_write;
CREATE TEMP TRIGGER IF NOT EXISTS turn_write_light_insert INSTEAD OF INSERT ON turn_write_light BEGIN
${CONVERSATION_PART}${PERSON_PART}END;`;

/** The columns every turn binds; a turn that writes cases binds CASE_COLUMNS after them. */
const TURN_COLUMNS = `conversation, expected_rev, event_id, at, has_state, state,
   answer_flow, answer_version, answer_step, answer_value, answer_inferred, answer_at, answers, person_key, person_lang, data_version`;
const CASE_COLUMNS = 'new_cases, case_updates, audit, reminders';

// Each turn's element is read out of json_each once (MATERIALIZED): every mention of json_each's
// value column would write the element out as text again, and each ->> then parses that text anew.
const insertGroupInto = (view: string) => `WITH g (k, v) AS MATERIALIZED (SELECT key, value FROM json_each(?1))
  INSERT INTO ${view} (${TURN_COLUMNS}, ${CASE_COLUMNS})
  SELECT v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5,
         NULL, NULL, NULL, NULL, NULL, NULL, v -> 6, v ->> 11, v ->> 12, CASE k WHEN 0 THEN ?2 END,
         v -> 7, v -> 8, v -> 9, v -> 10
  FROM g ORDER BY k`;

// Each parameter costs the main thread about a microsecond to bind: a turn without cases binds only TURN_COLUMNS.
const insertOneInto = (view: string, withCases: boolean) => {
  const columns = withCases ? `${TURN_COLUMNS}, ${CASE_COLUMNS}` : TURN_COLUMNS;
  const parameters = columns.split(',').map((_, i) => `?${i + 1}`);
  return `INSERT INTO ${view} (${columns}) VALUES (${parameters.join(', ')})`;
};

/** Writes every turn of the bound JSON array (`?1`, elements from `encodeTurn`), in order, if the data_version is still `?2`. */
export const INSERT_TURNS = insertGroupInto('turn_write');
/** The same for turns that write no case, audit row or reminder (`writesCases` false): most turns. */
export const INSERT_TURNS_WITHOUT_CASES = insertGroupInto('turn_write_light');
/** Writes one turn, its parameters from `turnParameters`. */
export const INSERT_TURN = insertOneInto('turn_write', true);
/** The same for a turn that writes no case, audit row or reminder. */
export const INSERT_TURN_WITHOUT_CASES = insertOneInto('turn_write_light', false);

/** Whether a turn writes cases, case updates, audit rows or reminders. */
export const writesCases = (w: TurnWrite): boolean => !!(w.newCases?.length || w.caseUpdates?.length || w.audit?.length || w.reminders?.length);

/** The data_version this connection sees (changes only when another connection commits). */
export const DATA_VERSION = 'SELECT data_version AS v FROM pragma_data_version';

const json = (v: unknown) => JSON.stringify(v ?? null);

type Row = unknown[];
/** A new case as INSERT_TURN reads it (the column order of the trigger's json_each reads). */
type NewCaseRow = [
  id: string,
  status: string,
  requester: string,
  team: string | null,
  analyst: string | null,
  createdAt: string,
  updatedAt: string,
  data: string,
];
/** A case update, likewise; `expectedUpdatedAt` is the optimistic check. */
type CaseUpdateRow = [id: string, status: string, team: string | null, analyst: string | null, updatedAt: string, data: string, expectedUpdatedAt: string];
/** One turn, every value encoded, in the order INSERT_TURN reads it. */
export type EncodedTurn = [
  conversation: string,
  expectedRev: number,
  eventId: string | null,
  at: string,
  hasState: 0 | 1,
  state: string | null,
  answers: Row[],
  newCases: NewCaseRow[],
  caseUpdates: CaseUpdateRow[],
  audit: Row[],
  reminders: Row[],
  personKey: string | null,
  personLang: string | null,
];

/** One turn as an element of INSERT_TURNS' parameter; `stateJson` undefined leaves the state alone. */
export function encodeTurn(w: TurnWrite, stateJson: string | null | undefined, at: string): EncodedTurn {
  return [
    w.conversation,
    w.expectedRev,
    w.eventId ?? null,
    at,
    stateJson === undefined ? 0 : 1,
    stateJson ?? null,
    (w.answers ?? []).map((a) => [a.flow, a.version, a.step, json(a.value), a.inferred ? 1 : 0, a.at]),
    (w.newCases ?? []).map((k) => [k.id, k.status, k.requester, k.team, k.analyst, k.createdAt, k.updatedAt, json(k)]),
    (w.caseUpdates ?? []).map(({ case: k, expectedUpdatedAt }) => [k.id, k.status, k.team, k.analyst, k.updatedAt, json(k), expectedUpdatedAt]),
    (w.audit ?? []).map((a) => [a.caseId, a.at, a.actor, a.action, json(a.before), json(a.after)]),
    (w.reminders ?? []).map((r) => [r.dedupeKey, r.caseId, r.recipient, r.kind, r.dueAt, json(r.payload)]),
    w.person?.key ?? null,
    w.person?.lang ?? null,
  ];
}

/** The cases an encoded turn writes, in order: id and data, as stored. */
export function writtenCases(t: EncodedTurn): [id: string, data: string][] {
  const [, , , , , , , newCases, caseUpdates] = t;
  return [
    ...newCases.map(([id, , , , , , , data]) => [id, data] as [string, string]),
    ...caseUpdates.map(([id, , , , , data]) => [id, data] as [string, string]),
  ];
}

/** A list as INSERT_TURN takes it: a JSON array, or NULL for none (json_each then reads nothing). */
const list = (rows: Row[]) => (rows.length === 0 ? null : JSON.stringify(rows));
const NO_ANSWER = [null, null, null, null, null, null];

/** INSERT_TURN's parameters for one encoded turn (INSERT_TURN_WITHOUT_CASES': `withCases` false), written only if the data_version is still `dataVersion`. */
export function turnParameters(t: EncodedTurn, dataVersion: number, withCases: boolean): unknown[] {
  const [conversation, expectedRev, eventId, at, hasState, state, [first, ...more], newCases, caseUpdates, audit, reminders, personKey, personLang] = t;
  const turn = [conversation, expectedRev, eventId, at, hasState, state, ...(first ?? NO_ANSWER), list(more), personKey, personLang, dataVersion];
  return withCases ? [...turn, list(newCases), list(caseUpdates), list(audit), list(reminders)] : turn;
}

/** The rejection a failed turn statement stands for, or null when it is a real failure. */
export function rejectionOf(err: unknown): Exclude<CommitResult, 'ok'> | 'stale' | null {
  const message = String((err as Error)?.message ?? '');
  if (message.includes(STALE)) return 'stale';
  if (message.includes(DUPLICATE) || message.includes('UNIQUE constraint failed: inbound_events.id')) return 'duplicate';
  // A new case whose random id is taken: the turn is computed again, with a new id.
  if (message.includes(CONFLICT) || message.includes('UNIQUE constraint failed: conversations.key') || message.includes('UNIQUE constraint failed: cases.id')) {
    return 'conflict';
  }
  return null;
}
