import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allKeys, t, type MessageKey } from '../../src/i18n/index.js';

// The Chinese wording of domain.md §11, checked over every catalogue and the Teams manifest:
// one term per concept, no police or court words, Chinese article numerals, full-width punctuation.

const zh = allKeys('zh-CN').map((k) => [k, t('zh-CN', k as MessageKey)] as const);
// Messages whose Chinese text quotes what people type or a file's syntax (commands, YAML keys) are allowed their ASCII.
const CODE_LIKE = /^(directory\.(wrong_type\.|colon_in_id|unknown_team|lead_without_role)|calendar\.|terminal\.)/;

// Aliases and alias sets are what people may type (old labels among them), never shown.
const TYPED_ONLY = /\.aliases$|^intake\.choice\.\w+_words\./;

const HAN = '\\p{Script=Han}';
const halfWidthNextToHan = new RegExp(`${HAN}[,:;()?!]|[,:;(?!]${HAN}`, 'u');

describe('Chinese catalogues', () => {
  it.each([
    ['案件', /案件/],
    ['立案', /立案/],
    ['结案', /结案/],
    ['分析员', /分析员/],
    ['申请人 (the requester is 提出人)', /申请人/],
    ['审查员', /审查员/],
    ['申报信息 (the intake is 申报材料填写)', /申报信息/],
    ['填报 (the intake is 申报材料填写)', /填报/],
    ['网络产品或服务 (the term is 网络产品和服务)', /网络产品或服务/],
    ['供应商 or 提供商 (the supplier is 产品和服务提供者, short 提供者)', /供应商|提供商/],
    ['Arabic article numbers', /第\s*\d+\s*[条项]/],
    ['"Art." in Chinese', /Art\./],
  ])('never %s', (_name, re) => {
    expect(zh.filter(([k, v]) => !TYPED_ONLY.test(k) && re.test(v)).map(([k]) => k)).toEqual([]);
  });

  it('full-width punctuation next to Chinese text', () => {
    expect(zh.filter(([k, v]) => !CODE_LIKE.test(k) && halfWidthNextToHan.test(v.replace(/\{\w+\}/g, 'x'))).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('the CII Regulations are named in full, never 《条例》 alone (titles and labels are read on their own)', () => {
    expect(zh.filter(([, v]) => v.includes('《条例》')).map(([k]) => k)).toEqual([]);
    expect(t('zh-CN', 'intake.commitments.title')).toContain('《关键信息基础设施安全保护条例》');
  });

  it('the matter is labelled one way, in the triage answers and the pack', () => {
    expect(t('zh-CN', 'triage.matter.label')).toBe('事项类型');
    expect(t('zh-CN', 'pack.matter')).toBe('事项类型');
  });

  it('the roles are named one way: 提出人, 合规专员, 团队负责人', () => {
    const roles = zh.filter(([k]) => /^(pack\.(requester|analyst|team_lead)|role\.)/.test(k)).map(([, v]) => v);
    expect(roles).toEqual(expect.arrayContaining(['提出人', '合规专员', '团队负责人']));
  });
});

describe('intake field labels', () => {
  // A label is shown after its section ("国家安全风险（第十条）：…", "Materials (Art. 8): …"), so a colon
  // of its own gives two in a row; a half-width space is not Chinese punctuation.
  it.each(['en', 'zh-CN'] as const)('%s: no colon, and in Chinese no half-width space', (lang) => {
    const bad = allKeys(lang)
      .filter((k) => /^intake\.\w+\.\w+\.label$/.test(k))
      .map((k) => [k, t(lang, k as MessageKey)] as const)
      .filter(([, v]) => /[:：]/.test(v) || (lang === 'zh-CN' && new RegExp(`${HAN} | ${HAN}`, 'u').test(v)));
    expect(bad.map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });
  it('a factor reads as its number, its name in （）, then what is asked of it', () => {
    expect(t('zh-CN', 'intake.risk.control_damage_rating.label')).toBe('第一项（被非法控制、干扰或破坏）的评级');
    expect(t('en', 'intake.risk.supply_interruption_mitigation.label')).toBe('Factor 2 (supply interruption) mitigations');
  });
});

describe('Teams manifest (Chinese localization)', () => {
  const files = ['manifest.json', 'adapters/teams/zh-CN.json'].flatMap((f) => {
    try {
      return [readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8')];
    } catch {
      return [];
    }
  });
  it('has no police or court words', () => {
    for (const text of files) expect(text).not.toMatch(/案件|立案|结案/);
  });
});

describe('the Art. 10 rating questions', () => {
  // Each asks how high a risk (or a harm) is: "how high is how far the supplier complies" asked the opposite of a risk.
  const prompts = (lang: 'en' | 'zh-CN') =>
    allKeys(lang)
      .filter((k) => /^intake\.risk\.\w+_rating\.prompt$/.test(k))
      .map((k) => [k, t(lang, k as MessageKey)] as const);
  it('are seven, in both languages', () => {
    expect(prompts('en')).toHaveLength(7);
    expect(prompts('zh-CN')).toHaveLength(7);
  });
  it.each([
    ['en', /how high is the (?:[\w-]+ )?(?:risk|harm)\b/],
    ['zh-CN', /(?:风险|危害)有多高？/],
  ] as const)('%s: ask how high a risk or harm is', (lang, re) => {
    expect(
      prompts(lang)
        .filter(([, v]) => !re.test(v))
        .map(([k, v]) => `${k}: ${v}`),
    ).toEqual([]);
  });
});
