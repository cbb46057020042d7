/** Failures at the storage boundary; `code` is stable so callers can act on it. */
export type StoreErrorCode = 'open_failed' | 'schema_too_new' | 'migration_failed' | 'io';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(readonly code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
