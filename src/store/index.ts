export type {
  CaseUpdate,
  NewReminder,
  PersonRecord,
  Reminder,
  ShownQuestion,
  Store,
  StoreOptions,
  StoredConversation,
  TurnWrite,
} from './store.js';
export { StoreError } from './errors.js';
export { openSqliteStore } from './sqlite.js';
export { backupSqliteDatabase } from './sqlite-files.js';
export { SCHEMA_VERSION } from './migrations.js';
export { copySqliteToPostgresUrl, openStore } from './open.js';
export { describePostgresUrl, describeStoreLocation, type StoreLocation } from './location.js';

export type { PgPool, PgQueryable } from './postgres.js';
export { observeStore } from './observed.js';
