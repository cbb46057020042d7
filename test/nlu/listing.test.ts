import { describe, expect, it } from 'vitest';
import { mentionsListingAbroad } from '../../src/nlu/index.js';

describe('mentionsListingAbroad', () => {
  it.each([
    'we plan to IPO on NASDAQ',
    'list in New York next year',
    'We are preparing an overseas listing',
    'going public in the US via a SPAC',
    'listing on the Hong Kong stock exchange',
    'our F-1 filing for the NYSE',
    'Hong Kong IPO in Q3',
    '赴美上市',
    '海外上市',
    '在纳斯达克上市',
    '港股上市',
    '公司计划明年赴港上市',
    '准备在纽交所上市，用户超过100万',
    '拟境外上市，需要申报吗',
    '我们要去香港IPO',
    '上市申请材料准备',
  ])('%j is about a listing', (text) => {
    expect(mentionsListingAbroad(text)).toBe(true);
  });

  it.each([
    'we want to buy 20 core routers',
    'renew our listing of servers',
    'our firewall supplier is a listed company',
    'Oracle licences',
    '想采购20台华为核心路由器',
    '采购新上市的华为服务器',
    '供应商是上市公司',
    '续费阿里云ECS 50台',
    '即将上市的新品交换机',
    '',
  ])('%j is not about a listing', (text) => {
    expect(mentionsListingAbroad(text)).toBe(false);
  });
});
