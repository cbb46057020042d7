import { describe, expect, it } from 'vitest';
import { createCategoryClassifier, dropNegated, quantityOf, splitItems, stripBoilerplate } from '../../src/nlu/index.js';
import { normalise } from '../../src/nlu/normalise.js';

// The clean-up steps before classification, each as a table of (typed) -> (what is left),
// then the classifier on the same phenomena end to end.

describe('negation and contrast drop the ruled-out part', () => {
  it.each([
    ['不是 core switch，是 NGFW', 'ngfw', 'core switch'],
    ["not a VPN gateway — the carrier's MPLS VPN service", 'mpls vpn service', 'gateway'],
    ['servers, not storage', 'servers', 'storage'],
    ['instead of renting cloud GPUs we will buy 4 GPU servers', 'gpu servers', 'cloud'],
    ['rather than a firewall we need a core router', 'core router', 'firewall'],
    ['不是云主机，是买物理服务器', '物理服务器', '云主机'],
    ['不要防火墙了，改成采购核心交换机', '核心交换机', '防火墙'],
    ['核心交换机，而不是接入交换机', '核心交换机', '接入'],
    ['只要无线接入：12个站点的gNodeB，核心网已有', 'gnodeb', '核心网'],
    ['the 5G core; the base stations are a separate purchase', '5g core', 'base stations'],
  ])('%j keeps %j and drops %j', (text, kept, dropped) => {
    const left = dropNegated(normalise(text));
    expect(left).toContain(kept);
    expect(left).not.toContain(dropped);
  });

  it.each(['是不是需要审查', 'UPS不间断电源两台', 'we want to buy 20 core routers', '采购20台服务器'])('%j is left as it is', (text) => {
    expect(dropNegated(normalise(text))).toBe(normalise(text));
  });

  it('keeps the text when nothing but the negated words would be left', () => {
    expect(dropNegated('not a router.')).toBe('not a router.');
  });
});

describe('OA fields and tender formulas are stripped', () => {
  it.each([
    ['申请事项：数据中心核心交换机；数量：2台；预算：260万元；申请部门：网络安全部', '数据中心核心交换机', ['网络安全部', '预算', '260']],
    ['Request: core switches; Qty: 2; Budget: RMB 2.8m; Dept: Network Security', 'core switches', ['security', 'budget', 'qty']],
    ['Item: WAF, Department: Infrastructure', 'waf', ['infrastructure']],
    ['The purchaser invites bids for the supply of backbone routers (Lot 1).', 'backbone routers', ['invites', 'bids', 'lot']],
    ['Bidders shall supply 40 x86 servers including rails and 5-year onsite support.', 'x86 servers', ['bidders', 'rails', 'support']],
    ['本项目为省级骨干网核心路由器采购项目，采用公开招标方式。', '骨干网核心路由器', ['本项目', '公开招标']],
    ['本次采购X86服务器30台，投标人须提供原厂三年质保。', 'x86服务器', ['投标人', '质保']],
  ])('%j', (text, kept, dropped) => {
    const left = stripBoilerplate(normalise(text));
    expect(left).toContain(kept);
    for (const d of dropped) expect(left).not.toContain(d);
  });

  it('leaves plain requests alone', () => {
    for (const t of ['oracle support renewal', '华为核心路由器20台', 'we need servers']) expect(stripBoilerplate(t)).toBe(t);
  });
});

describe('lists of items and their quantities', () => {
  it.each([
    [
      '服务器10台、核心交换机2台、数据库授权',
      [
        ['服务器10台', 10],
        ['核心交换机2台', 2],
        ['数据库授权', null],
      ],
    ],
    [
      '20 routers, 2 firewalls and a UPS',
      [
        ['20 routers', 20],
        ['2 firewalls', 2],
        ['a ups', 1],
      ],
    ],
    [
      'UPS两台、精密空调一台，接入交换机5台',
      [
        ['ups两台', 2],
        ['精密空调一台', 1],
        ['接入交换机5台', 5],
      ],
    ],
    [
      'Wi-Fi APs x30 plus one all-flash array',
      [
        ['wi-fi aps x30', 30],
        ['one all-flash array', 1],
      ],
    ],
    ['catering for the annual dinner, 500 people', [['catering for the annual dinner', null]]],
    ['华为核心路由器20台，预算约120万元', [['华为核心路由器20台', 20]]],
  ] as const)('%j', (text, expected) => {
    const parts = splitItems(normalise(text));
    expect(parts.map((p) => [p, quantityOf(p)])).toEqual(expected);
  });

  it.each([
    ['a few servers', null],
    ['27 inch monitors', null],
    ['3 years of support', null],
    ['十二台服务器', 12],
    ['两套存储', 2],
    ['CE12800 x 2', 2],
  ] as const)('quantity of %j is %j', (text, q) => expect(quantityOf(normalise(text))).toBe(q));
});

describe('the classifier on these phenomena', () => {
  const classifier = createCategoryClassifier();
  it.each([
    // negation and contrast
    ['不是 core switch，是 NGFW', 'network_security_equipment'],
    ["not a VPN gateway — the carrier's MPLS VPN service", 'other_network_product'],
    ['not a VPN line — a VPN gateway appliance', 'network_security_equipment'],
    ['不是云主机，是物理服务器', 'hpc_servers'],
    ['不是服务器，只是机柜', 'not_network_product'],
    // OA lines whose department would mislead
    ['申请事项：办公椅；数量：20把；申请部门：网络安全部', 'not_network_product'],
    ['Request: office chairs; Qty: 20; Dept: Network Security', 'not_network_product'],
    // Chinese homophone typos and pinyin
    ['核心路游器两台', 'core_network_equipment'],
    ['防火樯一对', 'network_security_equipment'],
    ['fuwuqi 10 tai', 'hpc_servers'],
    ['fanghuoqiang liang tai', 'network_security_equipment'],
    ['5G jizhan 20 ge', 'important_communication_products'],
    // full-width characters
    ['ＧＰＵ服务器４台', 'hpc_servers'],
    // several items: the most demanding one
    ['10 laptops, 2 firewalls and a UPS', 'network_security_equipment'],
    ['UPS两台、精密空调一台、接入交换机5台', 'other_network_product'],
    ['办公椅20把、核心交换机2台', 'core_network_equipment'],
  ] as const)('%j -> %s', (text, label) => {
    expect(classifier.classify(text).category).toBe(label);
  });

  it('names every item of a list with its category and quantity', () => {
    const items = classifier.items('服务器10台、核心交换机2台、数据库授权');
    expect(items.map((i) => [i.category, i.quantity])).toEqual([
      ['hpc_servers', 10],
      ['core_network_equipment', 2],
      ['large_database_software', null],
    ]);
    expect(classifier.items('20 x Huawei core routers, ¥1,200,000').map((i) => i.category)).toEqual(['core_network_equipment']);
    expect(classifier.items('hello')).toEqual([]);
  });
});
