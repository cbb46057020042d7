// Group commit: writes that arrive while one is in flight wait for it and then go out
// together, as one write. Nothing waits on a timer: a write that finds the writer idle goes at
// once (one turn at a time costs what it did), and under load the group is whatever queued up
// meanwhile, so the cost of a commit is shared by every turn waiting for it.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

type Waiting<T, R> = { item: T; resolve: (value: R) => void; reject: (error: unknown) => void };

export type GroupCommitDeps<T, R> = {
  /** Runs `fn` exclusively on the connection (no other statement or transaction interleaves). */
  exclusive: <X>(fn: () => Promise<X>) => Promise<X>;
  /** Writes a group, in order; one outcome per item, so one item's failure need not fail the others. */
  write: (items: T[]) => Promise<Outcome<R>[]>;
  maxGroup: number;
};

/** `submit(item)` resolves once the group holding `item` was written (and rejects with its own error only). */
export function createGroupCommit<T, R>(deps: GroupCommitDeps<T, R>): (item: T) => Promise<R> {
  const waiting: Waiting<T, R>[] = [];
  let draining = false;

  const writeNextGroup = async () => {
    // Taken when the connection is ours, so the group holds everything that queued while waiting for it.
    const group = waiting.splice(0, deps.maxGroup);
    let outcomes: Outcome<R>[];
    try {
      outcomes = await deps.write(group.map((w) => w.item));
    } catch (error) {
      outcomes = group.map(() => ({ ok: false, error }));
    }
    group.forEach((w, i) => {
      const o = outcomes[i] ?? { ok: false, error: new Error('group commit: no outcome for this write') };
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  };

  const drain = async () => {
    while (waiting.length > 0) await deps.exclusive(writeNextGroup).catch(() => undefined);
    draining = false;
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!draining) {
        draining = true;
        void drain();
      }
    });
}
