import { describe, expect, it } from 'vitest';
import { detectLang, parseYesNo } from '../../src/nlu/index.js';

describe('parseYesNo', () => {
  it.each([
    // yes
    ['yes', 'yes'],
    ['Y', 'yes'],
    ['yep!', 'yes'],
    ['Yeah', 'yes'],
    ['sure', 'yes'],
    ['Correct.', 'yes'],
    ['right', 'yes'],
    ['OK', 'yes'],
    ['yes, we are', 'yes'],
    ['Yes please', 'yes'],
    ['yes yes', 'yes'],
    ['ＹＥＳ', 'yes'],
    ['yes 👍', 'yes'],
    ['是', 'yes'],
    ['是的', 'yes'],
    ['是的。', 'yes'],
    ['是的呢', 'yes'],
    ['对', 'yes'],
    ['对的！', 'yes'],
    ['有', 'yes'],
    ['好', 'yes'],
    ['确认', 'yes'],
    // no
    ['no', 'no'],
    ['N', 'no'],
    ['nope', 'no'],
    ['nah', 'no'],
    ['Not really.', 'no'],
    ['no thanks', 'no'],
    ['No, we are not', 'no'],
    ['否', 'no'],
    ['不是', 'no'],
    ['不是的', 'no'],
    ['不', 'no'],
    ['没有', 'no'],
    ['没有。', 'no'],
    ['无', 'no'],
    ['不涉及', 'no'],
    // unsure
    ['not sure', 'unsure'],
    ["I'm not sure", 'unsure'],
    ["don't know", 'unsure'],
    ['Dunno', 'unsure'],
    ['maybe', 'unsure'],
    ['unknown', 'unsure'],
    ['idk', 'unsure'],
    ['no idea', 'unsure'],
    ['不确定', 'unsure'],
    ['不知道', 'unsure'],
    ['不知道啊', 'unsure'],
    ['不清楚', 'unsure'],
    ['说不准', 'unsure'],
    ['可能', 'unsure'],
    ['可能吧', 'unsure'],
    ['不确定？', 'unsure'],
    // not a short answer
    ['we want to buy routers', null],
    ['purple', null],
    ['', null],
    ['   ', null],
    ['yes but only for the branch offices next year', null],
    ['是否需要审查这批服务器的采购', null],
    ['想采购20台华为核心路由器', null],
    ['yes no', null],
    ['hello', null],
  ] as const)('%j -> %s', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
});

describe('detectLang', () => {
  it.each([
    ['hello', 'en'],
    ['NE40E', 'en'],
    ['we want 20 Huawei core routers', 'en'],
    ['', 'en'],
    ['１２３', 'en'],
    ['采购', 'zh-CN'],
    ['Huawei 路由器', 'zh-CN'],
    ['续费阿里云ECS 50台', 'zh-CN'],
    ['ok，好', 'zh-CN'],
  ] as const)('%j -> %s', (text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });
});
