import { describe, expect, it } from 'vitest';
import { detectIntent, detectLang, mentionsListingAbroad, parseYesNo } from '../../src/nlu/index.js';

describe('parseYesNo', () => {
  it.each([
    ['yes', 'yes'], ['Y', 'yes'], ['yep!', 'yes'], ['Yeah', 'yes'], ['correct', 'yes'], ['是', 'yes'], ['是的', 'yes'], ['对', 'yes'], ['是的。', 'yes'],
    ['no', 'no'], ['N', 'no'], ['nope', 'no'], ['nah', 'no'], ['not really', 'no'], ['否', 'no'], ['不是', 'no'], ['没有', 'no'], ['不', 'no'],
    ['not sure', 'unsure'], ["don't know", 'unsure'], ['dunno', 'unsure'], ['maybe', 'unsure'], ['idk', 'unsure'], ['不确定', 'unsure'],
    ['不知道', 'unsure'], ['不清楚', 'unsure'], ['说不准', 'unsure'], ['ＹＥＳ', 'yes'],
    ['we want to buy routers', null], ['purple', null], ['', null], ['是否需要审查这批服务器的采购', null],
  ])('%s -> %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
});

describe('detectIntent', () => {
  it.each([
    ['review', 'start_review'], ['/review', 'start_review'], ['审查', 'start_review'], ['start a review', 'start_review'], ['开始审查', 'start_review'],
    ['status', 'status'], ['my cases', 'status'], ['我的案件', 'status'], ['进度', 'status'],
    ['help', 'help'], ['?', 'help'], ['帮助', 'help'], ['怎么用', 'help'],
    ['cancel', 'cancel'], ['取消', 'cancel'], ['算了', 'cancel'],
    ['hi', 'greeting'], ['Hello!', 'greeting'], ['你好', 'greeting'], ['在吗', 'greeting'],
    ['we want to buy 20 core routers for the review of our network', null], ['想采购20台华为核心路由器', null], ['yes', null],
  ])('%s -> %s', (text, expected) => {
    expect(detectIntent(text)).toBe(expected);
  });
});

describe('mentionsListingAbroad', () => {
  it.each([
    ['we plan to IPO on NASDAQ', true], ['list in New York next year', true], ['赴美上市', true], ['海外上市', true], ['在纳斯达克上市', true],
    ['港股上市', true], ['we want to buy 20 core routers', false], ['想采购20台华为核心路由器', false], ['renew our listing of servers', false],
  ])('%s -> %s', (text, expected) => {
    expect(mentionsListingAbroad(text)).toBe(expected);
  });
});

describe('detectLang', () => {
  it.each([['hello', 'en'], ['采购', 'zh-CN'], ['Huawei 路由器', 'zh-CN'], ['NE40E', 'en']])('%s -> %s', (t, l) => expect(detectLang(t)).toBe(l));
});
