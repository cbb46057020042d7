import { describe, expect, it } from 'vitest';
import { createAdmission } from '../../src/runtime/admission.js';

// Turns arriving in one pass of the event loop start `perPass` at a time, in arrival order; a turn
// arriving alone starts at once. Each row: turns arriving together -> which start in which pass.

const nextPass = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls admit() for `ids` in one pass; returns, per id, the pass it started in (0 = at once). */
async function passesOf(admit: () => Promise<void> | null, ids: string[], passes = 6): Promise<Record<string, number>> {
  const startedIn: Record<string, number> = {};
  let pass = 0;
  for (const id of ids) {
    const wait = admit();
    if (wait === null) startedIn[id] = 0;
    else
      void wait.then(() => {
        startedIn[id] = pass;
      });
  }
  for (pass = 1; pass <= passes; pass++) await nextPass();
  return startedIn;
}

const ids = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('turn admission', () => {
  it.each([
    { perPass: 8, arriving: 1, expected: [0] },
    { perPass: 8, arriving: 8, expected: [0, 0, 0, 0, 0, 0, 0, 0] },
    { perPass: 3, arriving: 7, expected: [0, 0, 0, 1, 1, 1, 2] },
    { perPass: 2, arriving: 5, expected: [0, 0, 1, 1, 2] },
  ])('$arriving turns at once, $perPass per pass -> started in passes $expected', async ({ perPass, arriving, expected }) => {
    const started = await passesOf(createAdmission(perPass), ids(arriving));
    expect(ids(arriving).map((id) => started[id])).toEqual(expected);
  });

  it('turns one after another, each in its own pass, all start at once', async () => {
    const admit = createAdmission(2);
    for (let i = 0; i < 10; i++) {
      expect(admit()).toBeNull();
      await nextPass();
    }
  });

  it('a turn arriving once a pass is full starts in the next pass, after the turns before it', async () => {
    const admit = createAdmission(2);
    const order: string[] = [];
    const go = (id: string) => {
      const wait = admit();
      if (wait === null) order.push(id);
      else void wait.then(() => order.push(id));
    };
    for (const id of ['a', 'b', 'c', 'd']) go(id);
    await nextPass(); // c and d start
    go('e'); // arrives after this pass started two: it waits for the next one
    for (let i = 0; i < 3; i++) await nextPass();
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
