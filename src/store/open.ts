import type { CopyResult } from './copy.js';
import type { StoreLocation } from './location.js';
import { openSqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './store.js';

/** Open the configured store; the PostgreSQL driver is loaded only when it is used. */
export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  if (location.type === 'postgres') {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location.url, { ...options, poolSize: location.poolSize });
  }
  return openSqliteStore(location.path, { ...options, durability: location.durability });
}

/** Copy an SQLite database into the PostgreSQL database at `url` (`review-bot migrate-store`). */
export async function copySqliteToPostgresUrl(sqlitePath: string, url: string, options: { merge: boolean }): Promise<CopyResult> {
  const { copyIntoPostgresAt } = await import('./copy.js');
  return copyIntoPostgresAt(sqlitePath, url, options);
}
