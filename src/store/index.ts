export type {
  AnswerRow, CaseQuery, CaseUpdate, CaseWrite, CommitResult, NewReminder, PersonRecord, Reminder, RunClaim, Store, StoredConversation,
  StoreOptions, TurnWrite,
} from './store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { openSqliteStore, type Durability, type SqliteOptions } from './sqlite.js';
export { backupSqliteDatabase, type BackupReport } from './sqlite-files.js';
export { SCHEMA_VERSION } from './migrations.js';
export { copySqliteToPostgresUrl, openStore } from './open.js';
export { describePostgresUrl, describeStoreLocation, type StoreLocation } from './location.js';
export type { CopyReport, CopyResult, TableReport } from './copy.js';
export type { PgPool, PgQueryable, PostgresOptions } from './postgres.js';
export { observeStore, type StoreObserver } from './observed.js';
