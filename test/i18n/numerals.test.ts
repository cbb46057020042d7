import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../src/i18n/numerals.js';

describe('Chinese numerals as article numbers are written', () => {
  it.each([
    [1, '一'],
    [5, '五'],
    [7, '七'],
    [10, '十'],
    [11, '十一'],
    [16, '十六'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [35, '三十五'],
    [65, '六十五'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [245, '二百四十五'],
    [1000, '一千'],
    [1010, '一千零一十'],
  ])('%d -> %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });
  it('what is not an article number stays as digits', () => {
    expect([0, -3, 2.5, 10_000].map(chineseNumeral)).toEqual(['0', '-3', '2.5', '10000']);
  });
});
