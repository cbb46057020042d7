import { describe, expect, it } from 'vitest';
import { checkUscc, parseContact, parseTypedDate, parseTypedNumber } from '../../src/domain/typed-answers.js';
import { chineseNumeral, formatAmount, formatCount } from '../../src/domain/numerals.js';

// What people type, and what it is recorded as. Today is Wed 2 Dec 2026 throughout.
const TODAY = '2026-12-02';

describe('dates', () => {
  it.each([
    // exact
    ['2027-01-15', { type: 'exact', date: '2027-01-15' }],
    ['2027/01/15', { type: 'exact', date: '2027-01-15' }],
    ['2027/1/5', { type: 'exact', date: '2027-01-05' }],
    ['2027.01.15', { type: 'exact', date: '2027-01-15' }],
    ['20270115', { type: 'exact', date: '2027-01-15' }],
    ['2027年1月15日', { type: 'exact', date: '2027-01-15' }],
    ['２０２７年１月１５号', { type: 'exact', date: '2027-01-15' }],
    ['15 Jan 2027', { type: 'exact', date: '2027-01-15' }],
    ['January 15, 2027', { type: 'exact', date: '2027-01-15' }],
    // understood, to be confirmed
    ['next month', { type: 'understood', date: '2027-01-01' }],
    ['下个月', { type: 'understood', date: '2027-01-01' }],
    ['next week', { type: 'understood', date: '2026-12-07' }], // the Monday after
    ['tomorrow', { type: 'understood', date: '2026-12-03' }],
    ['in 3 months', { type: 'understood', date: '2027-03-02' }],
    ['3个月后', { type: 'understood', date: '2027-03-02' }],
    ['半年后', { type: 'understood', date: '2027-06-02' }],
    ['2027年3月', { type: 'understood', date: '2027-03-01' }],
    ['March 2027', { type: 'understood', date: '2027-03-01' }],
    ['1月15日', { type: 'understood', date: '2027-01-15' }], // next 15 January
    ['12月20日', { type: 'understood', date: '2026-12-20' }], // still to come this year
    ['下月底', { type: 'understood', date: '2027-01-31' }],
    // not a date
    ['2027-02-30', null],
    ['2027-13-01', null],
    ['2150-01-01', null], // no calendar reaches it: refused, not guessed
    ['soon', null],
    ['', null],
  ])('%j -> %j', (text, expected) => {
    expect(parseTypedDate(text, TODAY)).toEqual(expected);
  });
});

describe('amounts and counts', () => {
  it.each([
    ['1,200,000', 1200000],
    ['1200000', 1200000],
    ['1 200 000', 1200000],
    ['120万', 1200000],
    ['120万元', 1200000],
    ['1.2亿', 120000000],
    ['1.2M CNY', 1200000],
    ['RMB 1.2 million', 1200000],
    ['¥1,200,000', 1200000],
    ['￥1,200,000', 1200000],
    ['1200000元', 1200000],
    ['人民币50万元', 500000],
    ['50k', 50000],
    ['约120万', 1200000],
    ['20台', 20],
    ['20 units', 20],
    ['120万用户', 1200000],
    ['0', 0],
    ['99.5', 99.5],
  ])('%j -> %d', (text, value) => {
    expect(parseTypedNumber(text)).toEqual({ ok: true, value });
  });
  it.each([
    ['USD 100,000', 'foreign_currency'],
    ['$5', 'foreign_currency'],
    ['100万美元', 'foreign_currency'],
    ['€20k', 'foreign_currency'],
    ['-3', 'negative'],
    ['twenty', 'not_a_number'],
    ['1,20,000', 'not_a_number'],
    ['12 apples', 'not_a_number'],
    ['', 'not_a_number'],
  ])('%j is refused (%s)', (text, error) => {
    expect(parseTypedNumber(text)).toEqual({ ok: false, error });
  });
});

describe('unified social credit code', () => {
  // Codes published by the companies themselves (Tencent, Huawei, Alibaba) and the GB 32100 example.
  it.each(['91440300708461136T', '914403001922038216', '91330100799655058B', '91350100M000100Y43', ' 91350100m000100y43 '])('%j is valid', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code.trim().toUpperCase() });
  });
  it.each([
    ['91350100M000100Y44', 'checksum'],
    ['914403001922038217', 'checksum'],
    ['9135010OM000100Y43', 'characters'],
    ['91350100M000100Y4', 'length'],
    ['', 'length'],
  ])('%j is refused (%s)', (code, error) => {
    expect(checkUscc(code)).toEqual({ ok: false, error });
  });
});

describe('contact: a name and a phone number or email', () => {
  it.each([
    ['Wang Li, 138 0013 8000', { name: 'Wang Li', phone: '138 0013 8000', email: null }],
    ['王丽 13800138000', { name: '王丽', phone: '13800138000', email: null }],
    ['李雷 010-12345678 lilei@example.cn', { name: '李雷', phone: '010-12345678', email: 'lilei@example.cn' }],
    ['Zhang Wei <zhang.wei@example.com>', { name: 'Zhang Wei', phone: null, email: 'zhang.wei@example.com' }],
    ['联系人：王丽，电话：0755-12345678', { name: '王丽', phone: '0755-12345678', email: null }],
  ])('%j', (text, value) => {
    expect(parseContact(text)).toEqual({ ok: true, value });
  });
  it.each([
    ['Zhang Wei', 'no_phone_or_email'],
    ['Wang, 010-1234', 'no_phone_or_email'],
    ['13800138000', 'no_name'],
    ['zhang@example.com', 'no_name'],
  ])('%j is refused (%s)', (text, error) => {
    expect(parseContact(text)).toEqual({ ok: false, error });
  });
});

describe("numbers in the reader's language", () => {
  it.each([
    [1, '一'],
    [5, '五'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [999, '九百九十九'],
  ])('%d -> %s', (n, zh) => {
    expect(chineseNumeral(n)).toBe(zh);
  });
  it.each([
    [1200000, '¥1,200,000', '120万元'],
    [80000, '¥80,000', '8万元'],
    [1234567, '¥1,234,567', '123.4567万元'],
    [9999, '¥9,999', '9,999元'],
    [150000000, '¥150,000,000', '1.5亿元'],
  ])('amount %d', (n, en, zh) => {
    expect([formatAmount('en', n), formatAmount('zh-CN', n)]).toEqual([en, zh]);
  });
  it('counts', () => {
    expect([formatCount('en', 1200000), formatCount('zh-CN', 1200000), formatCount('zh-CN', 20)]).toEqual(['1,200,000', '120万', '20']);
  });
});
