import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/categories.js';
import { buildCorpus, compareTokenisations, CONFIDENT_AT, createCategoryClassifier, crossValidate } from '../../src/nlu/index.js';
import { HOLDOUT } from './holdout.js';

const classifier = createCategoryClassifier();
const isZh = (s: string) => /\p{Script=Han}/u.test(s);

describe('training corpus', () => {
  const corpus = buildCorpus();
  it('has at least 600 examples, both languages, every label in each', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    for (const label of CATEGORIES) {
      expect(corpus.filter((e) => e.label === label && e.lang === 'en').length).toBeGreaterThanOrEqual(30);
      expect(corpus.filter((e) => e.label === label && e.lang === 'zh-CN').length).toBeGreaterThanOrEqual(30);
    }
    expect(corpus.filter((e) => e.lang === 'zh-CN').length / corpus.length).toBeGreaterThan(0.4);
  });
});

describe('accuracy', () => {
  it('5-fold cross-validated accuracy is at least 90% in each language', () => {
    const cv = crossValidate(5);
    expect(cv.accuracy.en).toBeGreaterThanOrEqual(0.9);
    expect(cv.accuracy['zh-CN']).toBeGreaterThanOrEqual(0.9);
  });

  it('guesses at or above the confidence threshold are right at least 97% of the time', () => {
    expect(crossValidate(5).confidentPrecision).toBeGreaterThanOrEqual(0.97);
  });

  it('character n-grams are kept because they are at least as good as Intl.Segmenter words at the same precision', () => {
    const [chars, words] = compareTokenisations(5);
    // Within a point of accuracy, and more guesses confident enough to pre-fill.
    expect(chars!.accuracy['zh-CN']).toBeGreaterThan(words!.accuracy['zh-CN'] - 0.01);
    expect(chars!.confidentShare).toBeGreaterThanOrEqual(words!.confidentShare);
  });

  it.each([['en', false], ['zh-CN', true]] as const)('held-out descriptions (%s) are at least 90% right', (_lang, zh) => {
    const set = HOLDOUT.filter((h) => isZh(h.text) === zh);
    const wrong = set.filter((h) => classifier.classify(h.text).category !== h.label);
    const report = wrong.map((w) => `${w.text} -> ${classifier.classify(w.text).category}`).join('; ');
    expect(1 - wrong.length / set.length, report).toBeGreaterThanOrEqual(0.9);
  });
});

describe('boundaries from domain.md', () => {
  it.each([
    ['a branch access switch', 'other_network_product'],
    ['cloud WAF for the website', 'network_security_equipment'],
    ['GPU instances on Alibaba Cloud', 'cloud_services'],
    ['UPS and precision air conditioning for the server room', 'not_network_product'],
    ['MPLS VPN line from China Telecom', 'other_network_product'],
    ['VPN gateway appliance', 'network_security_equipment'],
    ['等保测评', 'network_security_equipment'],
    ['核心银行系统', 'large_database_software'],
    ['视频会议账号200个', 'other_network_product'],
  ])('%s -> %s', (text, label) => {
    expect(classifier.classify(text).category).toBe(label);
  });
});

describe('confidence and language', () => {
  it.each(['hello', 'asdf', 'ok thanks', '？？？'])('"%s" is not a confident guess', (text) => {
    expect(classifier.classify(text).confidence).toBeLessThan(CONFIDENT_AT);
  });
  it('clear requests are confident', () => {
    expect(classifier.classify('想采购20台华为核心路由器').confidence).toBeGreaterThan(CONFIDENT_AT);
    expect(classifier.classify('we want to buy 20 Huawei core routers').confidence).toBeGreaterThan(CONFIDENT_AT);
  });
  it('reports the language of the text and is deterministic', () => {
    expect(classifier.classify('采购服务器').lang).toBe('zh-CN');
    expect(classifier.classify('servers').lang).toBe('en');
    expect(createCategoryClassifier().classify('Oracle licences')).toEqual(classifier.classify('Oracle licences'));
  });
  it('quantities and prices do not change the answer', () => {
    const a = classifier.classify('Huawei core routers');
    const b = classifier.classify('20 x Huawei core routers, ¥1,200,000');
    expect(b.category).toBe(a.category);
  });
});
