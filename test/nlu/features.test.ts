import { describe, expect, it } from 'vitest';
import { analyse, features } from '../../src/nlu/features.js';
import { typoCorrector } from '../../src/nlu/typo-index.js';

describe('analyse', () => {
  it.each([
    ['20 x Huawei core routers, ¥1,200,000', { words: ['huawei', 'core', 'routers'], codes: [], han: [] }],
    ['4 x NE40E-X16A with 100G line cards, budget RMB 3.5 million', { words: ['line', 'cards'], codes: ['ne40e', 'x16a'], han: [] }],
    ['5G core network elements', { words: ['core', 'network', 'elements'], codes: ['5g'], han: [] }],
    ['x86 servers, 2U, 512GB', { words: ['servers'], codes: ['x86'], han: [] }],
    ['all flash 300TB', { words: ['flash', 'tb'], codes: [], han: [] }],
    ['Fire wall licences for the data centre', { words: ['firewall', 'licenses', 'data', 'center'], codes: [], han: [] }],
    ['Does this need a cybersecurity review?', { words: [], codes: [], han: [] }],
    ['想采购20台华为核心路由器，预算约300万元', { words: [], codes: [], han: ['想采购', '华为核心路由器', '预算约'] }],
    ['请问采购达梦数据库需要做网络安全审查吗', { words: [], codes: [], han: ['请问采购达梦数据库'] }],
    ['续费阿里云ECS 50台', { words: ['ecs'], codes: [], han: ['续费阿里云'] }],
  ])('%j', (text, expected) => {
    expect(analyse(text)).toEqual(expected);
  });
});

describe('features', () => {
  it('gives product codes their exact form, letter prefix and shape', () => {
    expect(features('S5735')).toEqual(['t:s5735', 'p:s', 's:s####']);
    expect(features('v6')).toEqual([]);
  });

  it('turns Chinese runs into character uni- and bi-grams, or into Intl.Segmenter words', () => {
    expect(features('核心路由器')).toEqual(['h:核', 'h:心', 'h:路', 'h:由', 'h:器', 'h:核心', 'h:心路', 'h:路由', 'h:由器']);
    expect(features('核心路由器', 'char-trigrams')).toContain('h:路由器');
    const words = features('核心路由器', 'segmenter');
    expect(words.length).toBeGreaterThan(0);
    expect(words.every((f) => f.startsWith('h:') && f.length > 2)).toBe(true);
  });

  it('uses the corrected word for the stem but the typed word for the trigrams', () => {
    const correct = (w: string) => (w === 'firewal' ? 'firewall' : null);
    const f = features('firewal', 'char-ngrams', correct);
    expect(f).toContain('w:firewal');
    expect(f).toContain('c:al$');
    expect(features('firewal')).toContain('w:firew');
  });
});

describe('typoCorrector', () => {
  const correct = typoCorrector(
    new Map([
      ['switch', 5],
      ['server', 9],
      ['firewall', 4],
      ['storage', 3],
      ['sever', 0],
      ['router', 2],
      ['routes', 1],
    ]),
  );

  it.each([
    ['swtich', 'switch'],
    ['sevrer', 'server'],
    ['firewal', 'firewall'],
    ['fierwall', 'firewall'],
    ['stroage', 'storage'],
    ['storge', 'storage'],
  ])('%s -> %s', (typed, known) => {
    expect(correct(typed)).toBe(known);
  });

  it('leaves known, short, long and far-off words alone', () => {
    expect(correct('server')).toBeNull();
    expect(correct('sever')).toBeNull(); // a known word, even if rare
    expect(correct('ups')).toBeNull();
    expect(correct('x'.repeat(100))).toBeNull();
    expect(correct('kubernetes')).toBeNull();
  });

  it('breaks ties by frequency, then alphabetically', () => {
    expect(correct('routex')).toBe('router');
  });
});
