// Work an adapter does after the platform has its answer (Slack's ack; Teams' response to a
// message once its turn is committed): kept in arrival order per person where asked, and counted
// so that closing the server can wait for it instead of cutting a turn off halfway.

export type Work = {
  /** Run `fn` after the earlier work for `key` (one person's messages stay in order); other keys run concurrently. */
  serial<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Count a piece of work until it settles. */
  track<T>(p: Promise<T>): Promise<T>;
  /** Wait until all counted work has settled (work started meanwhile included). */
  drain(): Promise<void>;
};

export function createWork(): Work {
  const tails = new Map<string, Promise<unknown>>();
  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    running.add(settled);
    void settled.then(() => running.delete(settled));
    return p;
  };
  return {
    track,
    serial: (key, fn) => {
      const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return track(run);
    },
    drain: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
