import { readFileSync } from 'node:fs';
import { formatWatchlistIssue, parseWatchlist, SHIPPED_WATCHLIST, type Result, type Watchlist, type WatchEntry } from '../domain/index.js';
import { t } from '../i18n/index.js';

/**
 * Read and check the operator's watchlist file (REVIEW_BOT_WATCHLIST). A bad file is a list of
 * `file:line: field: message` lines, in English, for the log and the admin who edits the file.
 */
export function readWatchlistFile(path: string): Result<WatchEntry[], string[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: [t('en', 'watchlist.cannot_read', { file: path, detail: (err as Error).message })] };
  }
  const r = parseWatchlist(text, path, SHIPPED_WATCHLIST);
  return r.ok ? r : { ok: false, error: r.error.map((i) => formatWatchlistIssue(i)) };
}

/** The watchlist of a process: the shipped entries, then the operator's. */
export function loadWatchlist(path: string | null): Result<Watchlist, string[]> {
  if (!path) return { ok: true, value: SHIPPED_WATCHLIST };
  const own = readWatchlistFile(path);
  return own.ok ? { ok: true, value: [...SHIPPED_WATCHLIST, ...own.value] } : own;
}
