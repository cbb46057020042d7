import type { Durability } from './sqlite.js';

/** Which database: the embedded SQLite file (default) or a shared PostgreSQL (DATABASE_URL). */
export type StoreLocation = { type: 'sqlite'; path: string; durability: Durability } | { type: 'postgres'; url: string; poolSize: number };

/** Where a PostgreSQL URL points, without user or password: safe for messages and logs. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** The database a process uses, as shown to people: the SQLite path, or PostgreSQL's host:port/database. */
export const describeStoreLocation = (l: StoreLocation): string => (l.type === 'sqlite' ? l.path : `postgres://${describePostgresUrl(l.url)}`);
