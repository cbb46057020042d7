import { describe, expect, it } from 'vitest';
import { rewatchCase } from '../../src/domain/case-watch.js';
import { SHIPPED_WATCHLIST } from '../../src/domain/watchlist-data.js';
import { formatWatchlistIssue, matchWatchlist, parseWatchlist, warningText, type WatchEntry } from '../../src/domain/watchlist.js';
import { aCase } from '../support/fixtures.js';

const names = (texts: string[]) => matchWatchlist(SHIPPED_WATCHLIST, texts).map((w) => w.matched);

describe('the shipped watchlist', () => {
  it('holds only entries with an official source and date: Micron, failed its review on 2023-05-21', () => {
    expect(SHIPPED_WATCHLIST.map((e) => [e.id, e.date])).toEqual([['micron-2023', '2023-05-21']]);
    const micron = SHIPPED_WATCHLIST[0]!;
    expect(micron.source).toMatch(/美光公司在华销售的产品未通过网络安全审查.*cac\.gov\.cn.*2023-05-21/);
    expect(micron.decision.en).toMatch(/2023-03-31.*should stop purchasing Micron products/);
    expect(micron.decision['zh-CN']).toMatch(/2023年3月31日.*应停止采购美光公司产品/);
  });
});

describe('matching names in what people write', () => {
  it.each([
    ['we want to buy 200 Micron SSDs', 'Micron'],
    ['MICRON DDR5 RDIMM 64GB x 40', 'Micron'],
    ['Ｍｉｃｒｏｎ 内存条', 'Micron'], // full-width, as typed on a Chinese IME
    ["Micron's 9400 NVMe drives", 'Micron'],
    ['采购美光固态硬盘100块', '美光'],
    ['镁光内存 32G', '镁光'],
    ['Crucial P5 Plus for the lab', 'Crucial'],
    ['英睿达内存条', '英睿达'],
    ['servers; memory: micron', 'Micron'],
  ])('%j names %s', (text, name) => {
    expect(names([text])).toEqual([name]);
  });

  it.each([
    'a trip to Micronesia for the team',
    'replace the 5 micron filters in the air handling unit',
    '0.5-micron particle sensors',
    'a crucially important core router', // "Crucial" inside a word
    '完美光线的会议室照明',
    '欧美光模块厂商的报价',
    '采购美光纤配线架', // 美 + 光纤
    '摄影用镁光灯',
    '想采购20台华为核心路由器',
    '',
  ])('%j names nobody', (text) => {
    expect(names([text])).toEqual([]);
  });

  it('each entry once, whichever of the texts names it', () => {
    expect(matchWatchlist(SHIPPED_WATCHLIST, ['Micron SSDs', '美光内存', 'Crucial']).map((w) => w.entry)).toEqual(['micron-2023']);
  });

  it('the warning reads in either language and keeps its source', () => {
    const [w] = matchWatchlist(SHIPPED_WATCHLIST, ['Micron SSDs']);
    expect(warningText('en', w!)).toMatch(
      /^Watchlist: "Micron" names Micron products sold in China\. .* \(published 2023-05-21\) This warning does not change the outcome/,
    );
    expect(warningText('zh-CN', w!)).toMatch(/^关注名单提示：“Micron”涉及美光公司在华销售的产品。.*（2023-05-21发布）本提示不改变预判结论/);
  });
});

describe('a case is checked again when the intake declares what is bought', () => {
  it('a declared supplier on the list adds its warning, with an audit row; a second time adds nothing', () => {
    const k = aCase({ summary: 'memory for the data centre', intake: { supplier: { name: 'Micron Technology, Inc.' } } });
    const first = rewatchCase(k, SHIPPED_WATCHLIST, 'ann', '2026-03-03T01:00:00.000Z');
    expect(first.added.map((w) => w.entry)).toEqual(['micron-2023']);
    expect(first.case.warnings).toHaveLength(1);
    expect(first.audit).toEqual([expect.objectContaining({ actor: 'ann', action: 'case.warnings', before: [], after: first.case.warnings })]);
    const again = rewatchCase(first.case, SHIPPED_WATCHLIST, 'ann', '2026-03-03T02:00:00.000Z');
    expect(again).toEqual({ case: first.case, audit: [], added: [] });
  });

  it('a warning once raised stays, even when the supplier is changed afterwards', () => {
    const warned = rewatchCase(aCase({ intake: { 'item-1': { product: 'Crucial SSD' } } }), SHIPPED_WATCHLIST, 'ann', '2026-03-03T01:00:00.000Z').case;
    const changed = { ...warned, intake: { 'item-1': { product: 'Samsung SSD' } } };
    expect(rewatchCase(changed, SHIPPED_WATCHLIST, 'ann', '2026-03-03T02:00:00.000Z').case.warnings).toHaveLength(1);
  });
});

describe("the operator's watchlist file", () => {
  const good = `entries:
  - id: acme-2026
    names: [Acme, 阿克米]
    except: [Acme Street]
    subject: { en: Acme routers, zh-CN: 阿克米路由器 }
    decision: Example decision text.
    source: "Example publication, https://example.org/notice"
    date: 2026-01-15
`;

  it('a valid file gives entries; one string stands for both languages; except is optional', () => {
    const r = parseWatchlist(good, 'own.yaml', SHIPPED_WATCHLIST);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const acme: WatchEntry = r.value[0]!;
    expect(acme).toEqual({
      id: 'acme-2026',
      names: ['Acme', '阿克米'],
      except: ['Acme Street'],
      subject: { en: 'Acme routers', 'zh-CN': '阿克米路由器' },
      decision: { en: 'Example decision text.', 'zh-CN': 'Example decision text.' },
      source: 'Example publication, https://example.org/notice',
      date: '2026-01-15',
    });
    expect(matchWatchlist([acme], ['2 Acme routers']).map((w) => w.entry)).toEqual(['acme-2026']);
    expect(matchWatchlist([acme], ['deliver to Acme Street 5'])).toEqual([]);
  });

  const problems: [string, string, string][] = [
    ['source missing', good.replace(/ {4}source:.*\n/, ''), 'own.yaml:2: entries.0.source: required'],
    ['date missing', good.replace(/ {4}date:.*\n/, ''), 'own.yaml:2: entries.0.date: required'],
    ['a date that is no date', good.replace('2026-01-15', '2026-02-30'), 'own.yaml:8: entries.0.date: a date as YYYY-MM-DD'],
    ['an unknown field', good.replace('    date:', '    url: x\n    date:'), 'own.yaml:8: entries.0.url: unknown field "url"'],
    ['a one-letter name', good.replace('[Acme, 阿克米]', '[A]'), 'own.yaml:3: entries.0.names.0: a name needs at least 2 characters'],
    [
      'a shipped id',
      good.replace('acme-2026', 'micron-2023'),
      'own.yaml:2: entries.0.id: the id "micron-2023" is already used (ids are unique, and shipped entries cannot be replaced)',
    ],
    ['broken YAML', 'entries:\n  - id: [unclosed\n', 'own.yaml:3: the file cannot be read:'],
  ];
  it.each(problems)('%s: `file:line: field: message`', (_n, text, first) => {
    const r = parseWatchlist(text, 'own.yaml', SHIPPED_WATCHLIST);
    if (r.ok) throw new Error('expected problems');
    expect(formatWatchlistIssue(r.error[0]!)).toContain(first);
  });
});
