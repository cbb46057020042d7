// The online backup API of the sqlite3 package (lib/sqlite3.js, src/backup.cc), which its own
// type declarations leave out.
import 'sqlite3';

declare module 'sqlite3' {
  interface Backup {
    readonly completed: boolean;
    readonly failed: boolean;
    readonly pageCount: number;
    step(pages: number, callback: (err: Error | null) => void): void;
    finish(callback?: () => void): void;
  }
  interface Database {
    backup(filename: string): Backup;
  }
}
