export type {
  AnswerRow, CaseQuery, CaseUpdate, CaseWrite, CommitResult, NewReminder, PersonRecord, Reminder, RunClaim, Store, StoredConversation,
  StoreOptions, TurnWrite,
} from './store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { openSqliteStore, type Durability, type SqliteOptions } from './sqlite.js';
export { SCHEMA_VERSION } from './migrations.js';
