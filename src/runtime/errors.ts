// Failures at the runtime's I/O boundaries, as coded errors (style.md, Errors): callers switch on
// `code`, never on the message. The store has its own (StoreError, src/store/errors.ts).

/** The people file (REVIEW_BOT_DIRECTORY) cannot be used; `lines` say where and why (`file:line: field: message`). */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  readonly code = 'directory_invalid';
  constructor(readonly lines: string[]) {
    super(`the people file has problems:\n${lines.join('\n')}`);
  }
}

/** The holiday calendar file (REVIEW_BOT_CALENDAR) cannot be used; `lines` say where and why (`file:line: field: message`). */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  readonly code = 'calendar_invalid';
  constructor(readonly lines: string[]) {
    super(`the holiday calendar file has problems:\n${lines.join('\n')}`);
  }
}

/** The operator's watchlist file (REVIEW_BOT_WATCHLIST) cannot be used; `lines` say where and why (`file:line: field: message`). */
export class WatchlistError extends Error {
  override readonly name = 'WatchlistError';
  readonly code = 'watchlist_invalid';
  constructor(readonly lines: string[]) {
    super(`the watchlist file has problems:\n${lines.join('\n')}`);
  }
}

export type PlatformErrorCode = 'api_refused' | 'unreachable' | 'no_address';

/**
 * A chat platform did not take what an adapter sent: its API answered no (`api_refused`, with the
 * platform's own error string in `detail`), the call failed (`unreachable`), or the person has no
 * stored address on it (`no_address`). The scheduler retries; handlers log and carry on.
 */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  constructor(
    readonly platform: 'slack' | 'teams',
    readonly code: PlatformErrorCode,
    message: string,
    readonly detail: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
