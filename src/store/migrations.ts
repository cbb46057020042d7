/** Versioned schema. Append new migrations; never edit a shipped one. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE conversations (
  key        TEXT PRIMARY KEY,
  state      TEXT,              -- ConvState JSON, NULL when idle
  rev        INTEGER NOT NULL,  -- optimistic concurrency across instances
  updated_at TEXT NOT NULL
);
CREATE TABLE answers (             -- append-only: nothing a person answered is lost
  id           INTEGER PRIMARY KEY,
  conversation TEXT NOT NULL,
  flow         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  step         TEXT NOT NULL,
  value        TEXT NOT NULL,
  inferred     INTEGER NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX answers_conversation ON answers(conversation, id);
CREATE TABLE inbound_events (id TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE people (
  key          TEXT PRIMARY KEY,
  lang         TEXT,
  platform     TEXT,
  address      TEXT,
  last_seen_at TEXT
);
CREATE TABLE cases (
  id         TEXT PRIMARY KEY,
  status     TEXT NOT NULL,
  requester  TEXT NOT NULL,
  team       TEXT,
  analyst    TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  data       TEXT NOT NULL      -- CaseRecord JSON
);
CREATE INDEX cases_requester ON cases(requester, created_at);
CREATE INDEX cases_team ON cases(team, created_at);
CREATE INDEX cases_analyst ON cases(analyst, created_at);
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  before  TEXT,
  after   TEXT
);
CREATE INDEX audit_case ON audit(case_id, id);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TABLE reminders (
  id            INTEGER PRIMARY KEY,
  dedupe_key    TEXT NOT NULL UNIQUE,
  case_id       TEXT,
  recipient     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  due_at        TEXT NOT NULL,
  payload       TEXT NOT NULL,
  claimed_by    TEXT,
  claimed_until TEXT,
  sent_at       TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0
);
-- The scan touches unsent rows only, in due order: a partial index keeps it small as history grows.
CREATE INDEX reminders_due ON reminders(due_at) WHERE sent_at IS NULL;
CREATE INDEX reminders_recipient ON reminders(recipient, due_at) WHERE sent_at IS NULL;
`,
  },
  {
    version: 2,
    // Admins and "all cases" listings sort by creation time; without this, 100k cases means a full sort per listing.
    sql: `CREATE INDEX cases_created ON cases(created_at, id);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
