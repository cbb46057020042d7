/**
 * Failures at the storage boundary; `code` is stable so callers can act on it:
 * `open_failed` (cannot open or reach the database at start), `schema_too_new`, `migration_failed`,
 * `unavailable` (the database stopped answering: connection lost or refused),
 * `io` (any other failed read or write).
 */
export type StoreErrorCode = 'open_failed' | 'schema_too_new' | 'migration_failed' | 'unavailable' | 'io';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
