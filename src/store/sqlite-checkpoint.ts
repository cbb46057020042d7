import sqlite3 from 'sqlite3';

// WAL checkpoints off the turn path. By default SQLite copies the write-ahead log back into the
// database file inside whichever commit takes the log past 1,000 pages: that commit (a turn, and
// every turn grouped with it) waits several milliseconds for it. The store's own connection turns
// that off (`wal_autocheckpoint = 0`), and every `every` writes this second connection on the
// same file runs a PASSIVE checkpoint, on a thread of its own: writers go on appending meanwhile.
//
// SQLite starts the log over only at a write that finds every frame already copied back, which
// under steady writes never happens by itself (new frames always arrive while a checkpoint runs,
// and the log grows without bound). So once the bulk is copied and the log holds `restartAt`
// frames or more, `catchUp` copies the few frames written meanwhile on the store's own
// connection, between two of its writes: a short pause instead of a long one, and the next write
// starts the log over. The pause is mostly two fsyncs (log and database, about 5 ms on this
// project's bench machine) whatever the log's length, so it is paid once per few thousand frames
// rather than after every bulk copy.
//
// A checkpoint changes no content, so it does not move the store connection's data_version.
// When a checkpoint fails, the store connection is handed automatic checkpoints back
// (`fallback`), so the log never grows without bound.

/** Writes between checkpoints: a turn writes a few pages, so about SQLite's default of 1,000 pages. */
export const CHECKPOINT_EVERY_WRITES = 250;

/**
 * Frames in the log at which it is started over: about 16 MB at 4 KiB pages. Starting it over
 * after every bulk copy (every 250 turns) cost 200 turns in flight 15-35% of their turns/s, in
 * pauses of the store's connection while the turns behind them had nothing left to compute
 * (bench/README.md, issue 17).
 */
export const RESTART_LOG_AT_FRAMES = 4_000;

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

export type CheckpointLimits = { every: number; restartAt: number };

export async function openCheckpointer(
  path: string,
  deps: CheckpointDeps,
  { every, restartAt }: CheckpointLimits = { every: CHECKPOINT_EVERY_WRITES, restartAt: RESTART_LOG_AT_FRAMES },
): Promise<Checkpointer> {
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
  /** Copies what it can; resolves with the frames in the log, or null when it failed. */
  const bulk = () =>
    new Promise<number | null>((resolve) => {
      db.all<{ log: number }>('PRAGMA wal_checkpoint(PASSIVE)', (err, rows) => {
        if (err) giveUp();
        resolve(err ? null : (rows[0]?.log ?? 0));
      });
    });
  const checkpoint = async () => {
    const frames = await bulk();
    if (frames !== null && frames >= restartAt && !closed) await deps.catchUp().catch(giveUp);
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
