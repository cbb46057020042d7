import { describe, expect, it } from 'vitest';
import { createGroupCommit, type Outcome } from '../../src/store/group-commit.js';

/** A one-at-a-time lock, as the SQLite connection's queue is. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <X>(fn: () => Promise<X>): Promise<X> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** A writer that records every group it is given and finishes each write when told to. */
function recordingWriter(outcome: (item: string) => Outcome<string> = (item) => ({ ok: true, value: `wrote ${item}` })) {
  const groups: string[][] = [];
  const inFlight: (() => void)[] = [];
  return {
    groups,
    finishOne: async () => {
      while (inFlight.length === 0) await new Promise((r) => setImmediate(r));
      inFlight.shift()!();
    },
    write: (items: string[]) =>
      new Promise<Outcome<string>[]>((resolve) => {
        groups.push(items);
        inFlight.push(() => resolve(items.map(outcome)));
      }),
  };
}

describe('group commit', () => {
  it('what is submitted while a write is in flight goes next, together, in order', async () => {
    const w = recordingWriter();
    const submit = createGroupCommit({ exclusive: serial(), write: w.write, maxGroup: 100 });
    const first = submit('a');
    await new Promise((r) => setImmediate(r)); // 'a' is being written
    const rest = ['b', 'c', 'd'].map(submit);
    await w.finishOne();
    expect(await first).toBe('wrote a');
    await w.finishOne();
    expect(await Promise.all(rest)).toEqual(['wrote b', 'wrote c', 'wrote d']);
    expect(w.groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('a group is at most maxGroup items', async () => {
    const w = recordingWriter();
    const submit = createGroupCommit({ exclusive: serial(), write: w.write, maxGroup: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map(submit);
    for (let i = 0; i < 3; i++) await w.finishOne();
    await Promise.all(all);
    expect(w.groups).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('nothing is answered before its group was written', async () => {
    const w = recordingWriter();
    const submit = createGroupCommit({ exclusive: serial(), write: w.write, maxGroup: 100 });
    let answered = false;
    void submit('a').then(() => {
      answered = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    await w.finishOne();
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(true);
  });

  it('each item gets its own outcome: one failure rejects only that item', async () => {
    const w = recordingWriter((item) => (item === 'bad' ? { ok: false, error: new Error('bad write') } : { ok: true, value: item }));
    const submit = createGroupCommit({ exclusive: serial(), write: w.write, maxGroup: 100 });
    const results = ['a', 'b', 'bad', 'c'].map((x) =>
      submit(x).then(
        (v) => v,
        (e: Error) => `failed: ${e.message}`,
      ),
    );
    await w.finishOne();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'failed: bad write', 'c']);
    expect(w.groups).toEqual([['a', 'b', 'bad', 'c']]);
  });

  it('a writer that throws fails its group, and the next group is still written', async () => {
    let calls = 0;
    const submit = createGroupCommit<string, string>({
      exclusive: serial(),
      write: async (items) => {
        calls++;
        if (calls === 1) throw new Error('disk gone');
        return items.map((value) => ({ ok: true, value }));
      },
      maxGroup: 100,
    });
    await expect(submit('a')).rejects.toThrow('disk gone');
    expect(await submit('b')).toBe('b');
  });

  it('waits for the connection: a group is taken when the lock is free, with everything queued by then', async () => {
    const exclusive = serial();
    let release!: () => void;
    const held = exclusive(
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    ); // e.g. another transaction
    const w = recordingWriter();
    const submit = createGroupCommit({ exclusive, write: w.write, maxGroup: 100 });
    const all = ['a', 'b', 'c'].map(submit);
    await new Promise((r) => setTimeout(r, 10));
    expect(w.groups).toEqual([]);
    release();
    await held;
    await w.finishOne();
    await Promise.all(all);
    expect(w.groups).toEqual([['a', 'b', 'c']]);
  });
});
