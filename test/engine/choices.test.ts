import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/index.js';
import type { Outbound } from '../../src/engine/index.js';
import { replay } from '../support/replay.js';

// Choices keep the flow's order everywhere; a classifier's guess is marked `suggested`, never moved.
// The expectations come from CATEGORIES (the flow's order), so they hold for any number of categories.
// The fake language layer guesses core_network_equipment for "routers" and not_network_product for "chairs".

const N = CATEGORIES.length;
const FIRST = 'core_network_equipment';
const NOT_FIRST = 'not_network_product';
const at = (n: number) => CATEGORIES[n - 1]!;
const numberOf = (id: string) => String(CATEGORIES.indexOf(id as never) + 1);

/** The category the person's own answer recorded (not a pre-filled one), or null. */
const recordedCategory = (inputs: string[]) => {
  const e = replay(inputs).effects.find((x) => x.type === 'recordAnswer' && x.step === 'category' && !x.inferred);
  return e && e.type === 'recordAnswer' ? e.value : null;
};
const chairs = 'we need new chairs for the office';
const routers = 'we want to buy 20 core routers';

describe('a typed number means the choice at that place in the flow, with or without a guess', () => {
  it('the two guesses used below sit at different places (so the table can tell a moved guess)', () => {
    expect(CATEGORIES.indexOf(NOT_FIRST)).toBeGreaterThan(0);
    expect(CATEGORIES[0]).toBe(FIRST);
  });

  type Row = { name: string; inputs: string[]; recorded: string | null };
  const rows: Row[] = [
    { name: 'guess not first, "1" is the first category', inputs: [chairs, '1'], recorded: at(1) },
    { name: 'guess not first, "2" is the second', inputs: [chairs, '2'], recorded: at(2) },
    { name: 'guess not first, the last number is the last category', inputs: [chairs, String(N)], recorded: at(N) },
    { name: 'guess not first, its own number is the guess', inputs: [chairs, numberOf(NOT_FIRST)], recorded: NOT_FIRST },
    { name: 'guess first, the last number is the last category', inputs: [routers, String(N)], recorded: at(N) },
    { name: 'guess first, "2" is the second', inputs: [routers, '2'], recorded: at(2) },
    { name: 'full-width digits count the same', inputs: [chairs, '１'], recorded: at(1) },
    { name: '"yes" takes the guess', inputs: [chairs, 'yes'], recorded: NOT_FIRST },
    { name: '"是" takes the guess', inputs: ['我们需要采购办公室的chairs', '是'], recorded: NOT_FIRST },
    { name: 'after "no" the numbers are the same', inputs: [chairs, 'no', '1'], recorded: at(1) },
    { name: 'a guess made at the question itself, then a number', inputs: ['review', 'purchase', 'chairs', '1'], recorded: at(1) },
    { name: 'a number past the end records nothing', inputs: [chairs, String(N + 1)], recorded: null },
    { name: '"0" records nothing', inputs: [chairs, '0'], recorded: null },
    { name: 'after a refused number the next one still counts from the top', inputs: [chairs, String(N + 1), '1'], recorded: at(1) },
    { name: 'a click on a choice is that choice', inputs: [chairs, at(1)], recorded: at(1) },
  ];
  it.each(rows)('$name', ({ inputs, recorded }) => {
    expect(recordedCategory(inputs)).toBe(recorded);
  });

  it.each(CATEGORIES.map((id, i) => [i + 1, id] as const))('no guess: %i records %s', (n, id) => {
    expect(recordedCategory(['review', 'purchase', String(n)])).toBe(id);
  });
});

describe('the question with a guess', () => {
  const category = (inputs: string[]) =>
    replay(inputs)
      .out.flat()
      .filter((m): m is Extract<Outbound, { type: 'question' }> => m.type === 'question' && m.step === 'category')
      .at(-1)!;

  it.each([
    [chairs, NOT_FIRST],
    [routers, FIRST],
    ['我们想采购20台核心路由器', FIRST],
  ])('"%s": every category in the flow order, only %s marked', (said, guess) => {
    const q = category([said]);
    expect(q.choices!.map((c) => c.id)).toEqual([...CATEGORIES]);
    expect(q.choices!.filter((c) => c.suggested).map((c) => c.id)).toEqual([guess]);
  });

  it('without a guess nothing is marked', () => {
    expect(category(['review', 'purchase']).choices!.some((c) => 'suggested' in c)).toBe(false);
  });

  it('after the guess is rejected the question is asked plainly, nothing marked', () => {
    const q = category([chairs, 'no']);
    expect(q.choices!.map((c) => c.id)).toEqual([...CATEGORIES]);
    expect(q.choices!.some((c) => c.suggested)).toBe(false);
  });

  it('a re-ask after a wrong answer keeps the guess marked in place', () => {
    const r = replay([chairs, String(N + 1)]);
    expect(r.last.map((m) => m.type)).toEqual(['error', 'question']);
    const q = r.last[1] as Extract<Outbound, { type: 'question' }>;
    expect(q.choices!.map((c) => [c.id, c.suggested ?? false])).toEqual(CATEGORIES.map((c) => [c, c === NOT_FIRST]));
  });
});
