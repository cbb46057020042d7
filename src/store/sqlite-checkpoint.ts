import sqlite3 from 'sqlite3';

// WAL checkpoints off the turn path. By default SQLite copies the write-ahead log back into the
// database file inside whichever commit takes the log past 1,000 pages: that commit (a turn, and
// every turn grouped with it) waits several milliseconds for it. The store's own connection turns
// that off (`wal_autocheckpoint = 0`), and every `every` writes this second connection on the
// same file runs a PASSIVE checkpoint, on a thread of its own: writers go on appending meanwhile.
//
// SQLite starts the log over only at a write that finds every frame already copied back, which
// under steady writes never happens by itself (new frames always arrive while a checkpoint runs,
// and the log grows without bound). So once the bulk is copied, `catchUp` copies the few frames
// written meanwhile on the store's own connection, between two of its writes: a short pause
// instead of a long one, and the next write starts the log over.
//
// A checkpoint changes no content, so it does not move the store connection's data_version.
// When a checkpoint fails, the store connection is handed automatic checkpoints back
// (`fallback`), so the log never grows without bound.

/** Writes between checkpoints: a turn writes a few pages, so about SQLite's default of 1,000 pages. */
export const CHECKPOINT_EVERY_WRITES = 250;

export type Checkpointer = {
  /** `n` writes were committed on the store connection. */
  wrote(n?: number): void;
  /** Waits for a running checkpoint, then closes the connection. */
  close(): Promise<void>;
};

export type CheckpointDeps = {
  /** A PASSIVE checkpoint on the store's connection, between two of its writes. */
  catchUp: () => Promise<void>;
  /** Automatic checkpoints back on the store's connection. */
  fallback: () => Promise<void>;
};

export async function openCheckpointer(path: string, deps: CheckpointDeps, every = CHECKPOINT_EVERY_WRITES): Promise<Checkpointer> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(d)));
  });
  let writes = 0;
  let running: Promise<void> | null = null;
  let closed = false;
  let failed = false;

  const giveUp = () => {
    if (failed) return;
    failed = true;
    void deps.fallback().catch(() => undefined);
  };
  const bulk = () =>
    new Promise<boolean>((resolve) => {
      db.all('PRAGMA wal_checkpoint(PASSIVE)', (err) => {
        if (err) giveUp();
        resolve(!err);
      });
    });
  const checkpoint = async () => {
    if ((await bulk()) && !closed) await deps.catchUp().catch(giveUp);
  };

  return {
    wrote(n = 1) {
      writes += n;
      if (writes < every || running || closed || failed) return;
      writes = 0;
      running = checkpoint().finally(() => {
        running = null;
      });
    },
    async close() {
      closed = true;
      await running;
      await new Promise<void>((resolve) => db.close(() => resolve()));
    },
  };
}
