import { describe, expect, it } from 'vitest';
import { detectQuestion, isHedge } from '../../src/nlu/index.js';

describe('questions asked back at a step', () => {
  it.each([
    ['what is a CIIO?', ['ciio'], false],
    ['What is a CIIO', ['ciio'], false],
    ['什么是关键信息基础设施？', ['ciio'], false],
    ['关基是什么意思', ['ciio'], false],
    ['what counts as important communication products?', ['important_communication_products'], false],
    ['重要通信产品包括哪些？', ['important_communication_products'], false],
    ['not sure what CIIO means', ['ciio'], true],
    ['不知道什么是关键信息基础设施运营者', ['ciio'], true],
    ['what does national security mean here?', ['affects_national_security'], false],
    ['是否影响国家安全怎么判断？', ['affects_national_security'], false],
    ['how do you count the 1 million users?', ['personal_info_users_over_1m'], false],
    ['is a VPN gateway security equipment?', ['network_security_equipment'], false],
    ['这个算不算网络产品', ['category'], false],
    ['which category is a UPS?', ['category'], false],
    ['what does this mean?', [], false],
    ["I don't understand", [], false],
    ['不明白这个问题', [], false],
  ] as const)('%j is a question about %j (unsure: %j)', (text, topics, unsure) => {
    expect(detectQuestion(text)).toEqual({ topics: [...topics], unsure });
  });

  it.each([
    'yes',
    'no',
    'not sure',
    '不确定',
    'maybe',
    'hpc_servers',
    '2',
    'we want to buy 20 core routers',
    '采购路由器需要审查吗',
    'routers?',
    'core routers',
    '云计算服务',
    'A purchase',
    'why?',
  ])('%j is not', (text) => {
    expect(detectQuestion(text)).toBeNull();
  });
});

describe('hedged answers', () => {
  it.each(['maybe', 'Maybe.', 'perhaps', 'probably', 'I think so', '可能吧', '也许吧', '或许', '大概吧', '应该是吧', '可能'])('%j is hedged', (text) => {
    expect(isHedge(text)).toBe(true);
  });
  it.each(['yes', 'no', 'not sure', '不确定', '是的', 'maybe later we buy routers', '可能需要采购服务器'])('%j is not', (text) => {
    expect(isHedge(text)).toBe(false);
  });
});
