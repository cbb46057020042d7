import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../src/nlu/index.js';

describe('detectIntent', () => {
  it.each([
    ['review', 'start_review'],
    ['/review', 'start_review'],
    ['Review', 'start_review'],
    ['审查', 'start_review'],
    ['start a review', 'start_review'],
    ['Start a new review!', 'start_review'],
    ['new check', 'start_review'],
    ['开始审查', 'start_review'],
    ['我要申报', 'start_review'],
    ['发起审查', 'start_review'],
    ['status', 'status'],
    ['my cases', 'status'],
    ['Show my cases', 'status'],
    ['我的案件', 'status'],
    ['进度', 'status'],
    ['状态', 'status'],
    ['查看进度', 'status'],
    ['help', 'help'],
    ['?', 'help'],
    ['？', 'help'],
    ['Help!', 'help'],
    ['what can you do?', 'help'],
    ['帮助', 'help'],
    ['怎么用', 'help'],
    ['怎么用？', 'help'],
    ['cancel', 'cancel'],
    ['stop', 'cancel'],
    ['never mind', 'cancel'],
    ['取消', 'cancel'],
    ['算了', 'cancel'],
    ['算了吧', 'cancel'],
    ['不用了', 'cancel'],
    ['hi', 'greeting'],
    ['Hello!', 'greeting'],
    ['hey there', 'greeting'],
    ['good morning', 'greeting'],
    ['你好', 'greeting'],
    ['您好！', 'greeting'],
    ['在吗', 'greeting'],
    ['在吗？', 'greeting'],
  ] as const)('%j -> %s', (text, expected) => {
    expect(detectIntent(text)).toBe(expected);
  });

  it.each([
    'we want to buy 20 Huawei core routers',
    'we want to buy 20 core routers for the review of our network',
    '想采购20台华为核心路由器',
    '审查一下我们采购的防火墙',
    'status of the firewall order from Sangfor, 2 units',
    'help me buy 10 servers',
    'cancel the Oracle licence renewal',
    'hello, we need 3 storage arrays',
    'yes',
    '是的',
    'no',
    '',
    'asdf',
    'review the contract with Cisco for core switches',
  ])('%j is not an intent', (text) => {
    expect(detectIntent(text)).toBeNull();
  });
});
