// Turns that arrive together are started a few at a time, one batch per pass of the event loop.
// A turn whose reads come from the store's in-process copy computes without ever yielding to the
// event loop, so 200 turns arriving at once used to compute back to back while the database sat
// idle, and then all wait for one large write while this thread sat idle. Between two batches the
// event loop delivers the database's finished write and the store starts the next group with the
// turns computed so far: the database writes one batch while this thread computes the next.
// A turn that arrives alone starts at once, as before.

/**
 * Turns started per pass. Measured with 200 conversations in flight on the engine benchmark's
 * turns: 4, 8, 16 and 32 all beat no limit; 8 did best (about 10% more turns/s).
 */
export const TURNS_PER_PASS = 8;

/** `admit()` resolves when the caller may start its turn: at once, or at a later pass, in arrival order. */
export function createAdmission(perPass = TURNS_PER_PASS): () => Promise<void> | null {
  const waiting: (() => void)[] = [];
  let started = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pass);
  };
  function pass() {
    scheduled = false;
    const go = waiting.splice(0, perPass);
    started = go.length;
    if (started > 0) schedule(); // this pass's count is reset at the next one
    for (const resolve of go) resolve();
  }
  return () => {
    schedule();
    if (waiting.length === 0 && started < perPass) {
      started++;
      return null;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
}
