import { describe, expect, it } from 'vitest';
import { detectMatter } from '../../src/nlu/index.js';

// What a first message makes clear, written out by hand: a listing and where, a platform's data
// processing, a purchase (words for buying), or nothing (the flow then asks, unless the classifier
// recognises a product).
describe('detectMatter', () => {
  it.each([
    ['we plan an IPO in New York', 'listing', 'abroad'],
    ['listing on NASDAQ next year', 'listing', 'abroad'],
    ['赴美上市', 'listing', 'abroad'],
    ['准备在纽交所上市，用户超过100万', 'listing', 'abroad'],
    ['a dual listing in Hong Kong and New York', 'listing', 'abroad'],
    ['香港上市', 'listing', 'hong_kong'],
    ['公司计划明年赴港上市', 'listing', 'hong_kong'],
    ['Hong Kong IPO in Q3', 'listing', 'hong_kong'],
    ['listing on the Hong Kong stock exchange', 'listing', 'hong_kong'],
    ['拟境外上市，需要申报吗', 'listing', null], // 境外 includes Hong Kong: the venue is asked
    ['We are preparing an overseas listing', 'listing', null],
    ['our platform processes personal data of 5 million users', 'data_processing', null],
    ['we share user data with our overseas parent', 'data_processing', null],
    ['我们平台处理大量用户数据，需要审查吗', 'data_processing', null],
    ['数据出境需要网络安全审查吗', 'data_processing', null],
  ])('%j -> %s, %s', (text, matter, venue) => {
    expect(detectMatter(text)).toEqual({ matter, venue });
  });

  it.each([
    'we want to buy 20 core routers',
    'We plan to PURCHASE storage arrays',
    'procuring a SIEM',
    'we want to buy a data processing platform', // buying something that processes data is a purchase
    '采购大数据处理平台',
    '我们想买一批服务器',
    '购买防火墙',
    '供应商会处理我们的客户数据', // the supplier's processing, in a purchase
    '采购新上市的华为服务器', // 上市 as a product launch
    'our firewall supplier is a listed company',
  ])('%j is a purchase', (text) => {
    expect(detectMatter(text)).toEqual({ matter: 'purchase', venue: null });
  });

  it('"in order to" is no order: the platform\'s processing stays that', () => {
    expect(detectMatter('we process user data in order to improve the app')).toEqual({ matter: 'data_processing', venue: null });
    expect(detectMatter('I need a check in order to know')).toEqual({ matter: null, venue: null });
  });

  it.each(['xyz qwerty', '3', '检查一下', 'hello', 'need a check', ''])('%j says nothing about the matter', (text) => {
    expect(detectMatter(text)).toEqual({ matter: null, venue: null });
  });
});
