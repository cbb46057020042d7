import { describe, expect, it } from 'vitest';
import { registry, triageFlow } from '../../flows/index.js';
import { SHIPPED_WATCHLIST } from '../../src/domain/index.js';
import { checkFlow, type ConvState } from '../../src/engine/index.js';
import { replay } from '../support/replay.js';

describe('shipped flows pass the flow checker', () => {
  it.each(registry.flows.map((f) => [`${f.id}@${f.version}`, f] as const))('%s', (_n, flow) => {
    expect(checkFlow(flow)).toEqual([]);
  });
});

// (what the person types) -> (questions asked, in order) and the outcome, written by hand from
// DESIGN.md's triage v2. The language layer is the deterministic fake (test/support/fake-nlu.ts).
type Script = { name: string; inputs: string[]; asked: string[]; outcome: string | null };
const PURCHASE = ['matter', 'category', 'ciio', 'affects_national_security'];
const scripts: Script[] = [
  // purchases
  { name: 'CIIO buys security-relevant servers', inputs: ['review', 'purchase', 'hpc_servers', 'yes', 'yes'], asked: PURCHASE, outcome: 'required' },
  { name: 'choices by number', inputs: ['review', '1', '3', '1', '1'], asked: PURCHASE, outcome: 'required' },
  {
    name: 'choices by label, either language',
    inputs: ['review', 'Buying a network product or service', '云计算服务', 'Yes', 'not sure'],
    asked: PURCHASE,
    outcome: 'assess',
  },
  {
    name: 'the matter by its short name in Chinese',
    inputs: ['审查', '采购', '高性能计算机和服务器', '否'],
    asked: ['matter', 'category', 'ciio'],
    outcome: 'not_required',
  },
  {
    name: 'the Chinese labels say 网络产品和服务, and the labels worded 或 before still count',
    inputs: ['审查', '采购网络产品和服务', '非网络产品和服务'],
    asked: ['matter', 'category'],
    outcome: 'not_required',
  },
  { name: 'the old matter label', inputs: ['审查', '采购网络产品或服务', '非网络产品或服务'], asked: ['matter', 'category'], outcome: 'not_required' },
  {
    name: 'other network products by the old label',
    inputs: ['审查', '采购', '其他网络产品或服务', '是', '否'],
    asked: PURCHASE,
    outcome: 'not_required',
  },
  { name: 'other network products by the new label', inputs: ['审查', '采购', '其他网络产品和服务', '是', '否'], asked: PURCHASE, outcome: 'not_required' },
  { name: 'furniture stops after the category', inputs: ['review', 'purchase', 'not_network_product'], asked: ['matter', 'category'], outcome: 'not_required' },
  {
    name: 'not a CIIO stops before national security',
    inputs: ['review', 'purchase', 'cloud_services', 'no'],
    asked: ['matter', 'category', 'ciio'],
    outcome: 'not_required',
  },
  {
    name: 'CIIO status unclear needs an analyst',
    inputs: ['review', 'purchase', 'cloud_services', 'unsure'],
    asked: ['matter', 'category', 'ciio'],
    outcome: 'assess',
  },
  {
    name: 'named category without impact is confirmed by an analyst',
    inputs: ['review', 'purchase', 'large_storage', 'yes', 'no'],
    asked: PURCHASE,
    outcome: 'assess',
  },
  {
    name: 'important communication products are a named category too',
    inputs: ['review', 'purchase', 'important_communication_products', 'yes', 'no'],
    asked: PURCHASE,
    outcome: 'assess',
  },
  {
    name: 'other network product without impact',
    inputs: ['review', 'purchase', 'other_network_product', 'yes', 'no'],
    asked: PURCHASE,
    outcome: 'not_required',
  },
  // listings
  {
    name: 'listing abroad with over 1M users',
    inputs: ['review', 'listing', 'abroad', 'yes'],
    asked: ['matter', 'listing_venue', 'personal_info_users_over_1m'],
    outcome: 'required',
  },
  {
    name: 'listing abroad, user count unknown',
    inputs: ['review', 'listing', 'abroad', 'unsure'],
    asked: ['matter', 'listing_venue', 'personal_info_users_over_1m'],
    outcome: 'assess',
  },
  {
    name: 'listing abroad, few users, in Chinese',
    inputs: ['审查', '上市', '国外', '否'],
    asked: ['matter', 'listing_venue', 'personal_info_users_over_1m'],
    outcome: 'not_required',
  },
  {
    name: 'a Hong Kong listing goes to an analyst without the user count',
    inputs: ['review', 'listing', 'hong_kong'],
    asked: ['matter', 'listing_venue'],
    outcome: 'assess',
  },
  { name: 'Hong Kong in Chinese', inputs: ['审查', '公司上市', '香港'], asked: ['matter', 'listing_venue'], outcome: 'assess' },
  // a platform's data processing
  {
    name: 'data processing that affects national security',
    inputs: ['review', 'data_processing', 'yes'],
    asked: ['matter', 'affects_national_security'],
    outcome: 'assess',
  },
  { name: 'data processing, impact unclear', inputs: ['review', '3', 'not sure'], asked: ['matter', 'affects_national_security'], outcome: 'assess' },
  {
    name: 'data processing without impact',
    inputs: ['review', 'data processing', 'no'],
    asked: ['matter', 'affects_national_security'],
    outcome: 'not_required',
  },
  // a first message that makes facts clear
  {
    name: 'free text: a purchase is inferred, the confident guess is confirmed',
    inputs: ['we want to buy 20 core routers', 'yes', 'yes', 'yes'],
    asked: ['category', 'ciio', 'affects_national_security'],
    outcome: 'required',
  },
  {
    name: 'free text: the guess is rejected and the category asked plainly',
    inputs: ['we want to buy 20 core routers', 'no', 'hpc_servers', 'no'],
    asked: ['category', 'category', 'ciio'],
    outcome: 'not_required',
  },
  {
    name: 'free text: words for buying, no product known, ask the category plainly',
    inputs: ['we want to buy something for the office', 'not_network_product'],
    asked: ['category'],
    outcome: 'not_required',
  },
  {
    name: 'free text: a product the classifier knows, without words for buying, is a purchase too',
    inputs: ['20 core routers for the data centre', 'yes', 'no'],
    asked: ['category', 'ciio'],
    outcome: 'not_required',
  },
  {
    name: 'free text: neither buying words nor a known product asks what the check is about',
    inputs: ['we need something for the office', 'purchase', 'not_network_product'],
    asked: ['matter', 'category'],
    outcome: 'not_required',
  },
  { name: 'free text: gibberish asks the matter', inputs: ['xyz qwerty', 'listing', 'hong_kong'], asked: ['matter', 'listing_venue'], outcome: 'assess' },
  {
    name: 'free text: a lone number is no answer to a question not yet asked',
    inputs: ['3', '3', 'no'],
    asked: ['matter', 'affects_national_security'],
    outcome: 'not_required',
  },
  {
    name: 'free text: 检查一下 asks the matter, in Chinese',
    inputs: ['检查一下', '采购', '高性能计算机和服务器', '否'],
    asked: ['matter', 'category', 'ciio'],
    outcome: 'not_required',
  },
  {
    name: 'free text: 想买 is a purchase',
    inputs: ['我们想买一些办公用品', '非网络产品或服务'],
    asked: ['category'],
    outcome: 'not_required',
  },
  {
    name: 'free text: an IPO in New York is a listing abroad',
    inputs: ['we plan an IPO in New York', 'yes'],
    asked: ['personal_info_users_over_1m'],
    outcome: 'required',
  },
  { name: 'free text: 香港上市 decides at once', inputs: ['我们计划在香港上市'], asked: [], outcome: 'assess' },
  {
    name: 'free text: a listing without a venue asks where',
    inputs: ['we plan a listing next year', 'abroad', 'no'],
    asked: ['listing_venue', 'personal_info_users_over_1m'],
    outcome: 'not_required',
  },
  {
    name: "free text: the platform's data processing asks only the impact",
    inputs: ['our platform processes user data of 5 million people', 'no'],
    asked: ['affects_national_security'],
    outcome: 'not_required',
  },
  {
    name: 'an inferred fact is corrected with edit',
    inputs: ['we plan an IPO in New York', 'edit 1', 'purchase', 'hpc_servers', 'no'],
    asked: ['personal_info_users_over_1m', 'matter', 'category', 'ciio'],
    outcome: 'not_required',
  },
  // wrong answers
  {
    name: 'a wrong answer is re-asked and nothing moves',
    inputs: ['review', 'maybe later', 'purchase', 'hpc_servers', 'yes', 'yes'],
    asked: ['matter', 'matter', ...PURCHASE.slice(1)],
    outcome: 'required',
  },
  {
    name: 'yes at "what is this check about?" is no answer',
    inputs: ['review', 'yes', 'listing', 'hong_kong'],
    asked: ['matter', 'matter', 'listing_venue'],
    outcome: 'assess',
  },
  {
    name: 'typing a product at the category question suggests it',
    inputs: ['review', 'purchase', 'chairs for the office', 'yes'],
    asked: ['matter', 'category', 'category'],
    outcome: 'not_required',
  },
];

describe('triage flow v2: answers -> questions and decision', () => {
  it.each(scripts)('$name', ({ inputs, asked, outcome }) => {
    const run = replay(inputs);
    expect(run.asked).toEqual(asked);
    const decisions = run.out.flat().filter((m) => m.type === 'decision');
    expect(decisions.at(-1)?.outcome ?? null).toBe(outcome);
  });

  it('the flow has the six fact steps of DESIGN.md and nothing else', () => {
    expect(Object.keys(triageFlow.steps).sort()).toEqual([
      'affects_national_security',
      'category',
      'ciio',
      'listing_venue',
      'matter',
      'personal_info_users_over_1m',
    ]);
    expect(triageFlow.steps.matter!.choices!.map((c) => c.id)).toEqual(['purchase', 'listing', 'data_processing']);
    expect(triageFlow.steps.listing_venue!.choices!.map((c) => c.id)).toEqual(['abroad', 'hong_kong']);
  });

  it('the national-security question is asked of the data processing when that is the matter', () => {
    const q = replay(['review', 'data_processing']).last[0];
    expect(q).toMatchObject({ type: 'question', step: 'affects_national_security', text: 'Does or may this data processing affect national security?' });
    const zh = replay(['审查', '采购', 'hpc_servers', '是']).last[0];
    expect(zh).toMatchObject({ step: 'affects_national_security', text: '该产品或服务投入使用后，是否影响或者可能影响国家安全？' });
  });
});

describe('decisions', () => {
  it('required opens a case and names its id and the next step', () => {
    const run = replay(['review', 'purchase', 'hpc_servers', 'yes', 'yes']);
    expect(run.decision).toMatchObject({ outcome: 'required', caseId: 'RB-TEST1' });
    expect(run.effects.filter((e) => e.type === 'openCase')).toEqual([
      expect.objectContaining({ caseId: 'RB-TEST1', decision: expect.objectContaining({ openCase: true }) }),
    ]);
    const info = run.last.find((m) => m.type === 'info');
    expect(info && 'text' in info ? info.text : '').toContain('Case RB-TEST1 is open');
  });

  it('not_required is kept as a risk-prediction record with its own reference, and says how to countersign and export it', () => {
    const run = replay(['review', 'purchase', 'not_network_product']);
    expect(run.decision).toMatchObject({ outcome: 'not_required', caseId: 'RB-TEST1' });
    expect(run.effects.filter((e) => e.type === 'openCase')).toEqual([
      expect.objectContaining({ caseId: 'RB-TEST1', decision: expect.objectContaining({ openCase: false }) }),
    ]);
    const info = run.last.find((m) => m.type === 'info');
    expect(info && 'text' in info ? info.text : '').toMatch(/risk-prediction record RB-TEST1.*"countersign RB-TEST1".*"export RB-TEST1"/);
    const zh = replay(['审查', '采购', 'not_network_product']).last.find((m) => m.type === 'info');
    expect(zh && 'text' in zh ? zh.text : '').toMatch(/预判记录 RB-TEST1.*“会签 RB-TEST1”/);
    expect(zh && 'text' in zh ? zh.text : '').not.toMatch(/案件|立案/);
  });

  it('reasons carry rendered citations; Chinese ones with Chinese numerals, as the Measures number their articles', () => {
    const en = replay(['review', 'listing', 'abroad', 'yes']).decision!;
    expect(en.reasons.map((r) => r.citation)).toEqual(['Cybersecurity Review Measures (2022) Art. 7', 'Cybersecurity Review Measures (2022) Art. 8']);
    const zh = replay(['审查', '上市', '国外', '是']).decision!;
    expect(zh.reasons.map((r) => r.citation)).toEqual(['《网络安全审查办法》第七条', '《网络安全审查办法》第八条']);
    expect(zh.title).toBe('需要申报审查');
    const several = replay(['审查', '采购', 'not_network_product']).decision!;
    expect(several.reasons[0]!.citation).toBe('《网络安全审查办法》第二条、第二十一条');
    const regs = replay(['审查', '采购', 'hpc_servers', '是', '否']).decision!;
    expect(regs.reasons[0]!.citation).toBe('《网络安全审查办法》第五条、第二十一条');
    const ciiRegs = replay(['审查', '采购', 'other_network_product', '是', '否']).decision!;
    expect(ciiRegs.reasons[1]!.citation).toBe('《关键信息基础设施安全保护条例》第十九条、第二十条');
  });
});

describe('why: in words, never internal ids', () => {
  const whyText = (inputs: string[]) =>
    replay(inputs)
      .last.map((m) => ('text' in m ? m.text : ''))
      .join('\n');

  it('each question by its name with the answer, inferred ones with how to change them, and the deciding reasons', () => {
    const text = whyText(['we want to buy 20 core routers', 'yes', 'yes', 'yes', 'why']);
    expect(text).toContain('1. what the check is about: Buying a network product or service (inferred from your message; "edit 1" to change it)');
    expect(text).toContain('2. product category: Core network equipment');
    expect(text).toContain('Decision: Review required, because:');
    expect(text).toContain(
      '- A CIIO buying a network product or service that affects or may affect national security must apply for review. (Cybersecurity Review Measures (2022) Art. 5)',
    );
    expect(text).not.toMatch(/\bR\d+\b|rule |listing_abroad|\bmatter\b|affects_national_security|core_network_equipment/);
  });

  it('in Chinese', () => {
    const text = whyText(['审查', '上市', '香港', '为什么']);
    expect(text).toContain('1. 事项类型：公司上市');
    expect(text).toContain('2. 上市地：香港');
    expect(text).toContain('结论：需要分析评估。理由：');
    expect(text).toContain('（《网络安全审查办法》第七条）');
    expect(text).not.toMatch(/\bR\d+\b|规则|listing_venue|hong_kong/);
  });

  it('while pending it names what is still needed', () => {
    expect(whyText(['review', 'purchase', 'why'])).toMatch(
      /1\. what the check is about: Buying a network product or service\nStill needed: product category\./,
    );
  });
});

describe('why 2020: how the 2020 Measures differed, without changing the decision', () => {
  const lastText = (run: ReturnType<typeof replay>) => run.last.map((m) => ('text' in m ? m.text : '')).join('\n');

  it('for a purchase of important communication products, after the decision', () => {
    const before = replay(['review', 'purchase', 'important_communication_products', 'yes', 'no']);
    const run = replay(['review', 'purchase', 'important_communication_products', 'yes', 'no', 'why 2020']);
    const text = lastText(run);
    expect(text).toMatch(/Important communication products, the category of this purchase, were not named in the 2020 product list/);
    expect(text).toMatch(/a special review took 45 working days in 2020 and takes 90 now/);
    expect(text).toMatch(/Cybersecurity Review Measures \(2020, repealed\) Art\. 20; Cybersecurity Review Measures \(2022\) Art\. 21/);
    expect(text).toMatch(/None of this changes the decision/);
    expect(run.state).toEqual(before.state);
    expect(run.effects).toEqual(before.effects);
  });

  it('for a listing: the 2020 Measures had no listing trigger; asked in words at a question, which is asked again', () => {
    const run = replay(['review', 'listing', 'what about the 2020 measures?']);
    expect(lastText(run)).toMatch(/The 2020 Measures had no listing trigger/);
    expect(run.last.at(-1)).toMatchObject({ type: 'question', step: 'listing_venue' });
    expect(run.state?.answers).toEqual({ matter: 'listing' });
  });

  it('in Chinese, and without a check in progress', () => {
    const zh = lastText(replay(['审查', '平台的数据处理活动', '为什么 2020']));
    expect(zh).toMatch(/2020年版不涵盖数据处理活动/);
    expect(zh).toMatch(/2020年版《网络安全审查办法》（已废止）第二条/);
    expect(zh).not.toMatch(/案件|立案/);
    const general = replay(['2020年版办法有什么不同？']);
    expect(lastText(general)).toMatch(/适用范围：2020年版仅适用于关键信息基础设施运营者采购网络产品和服务/);
    expect(general.state).toBeNull();
  });

  it('a purchase that mentions 2020 is not taken for the question', () => {
    expect(replay(['we bought 20 core routers in 2020 and need 10 more']).asked).toEqual(['category']);
  });
});

describe('the watchlist on a decision', () => {
  const watch = { ctx: { watchlist: SHIPPED_WATCHLIST } };

  it('a purchase naming Micron gets a warning with its official source, and the same outcome as without it', () => {
    const inputs = ['we want to buy 20 core routers with Micron memory', 'yes', 'no'];
    const plain = replay(inputs).decision!;
    const warned = replay(inputs, watch).decision!;
    expect(plain.warnings).toBeUndefined();
    expect(warned.outcome).toBe(plain.outcome);
    expect(warned.reasons).toEqual(plain.reasons);
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings![0]!.text).toMatch(
      /^Watchlist: "Micron" names Micron products sold in China\..*stop purchasing Micron products.*\(published 2023-05-21\)/,
    );
    expect(warned.warnings![0]!.source).toMatch(/美光公司在华销售的产品未通过网络安全审查.*cac\.gov\.cn.*2023-05-21/);
    const effect = replay(inputs, watch).effects.find((e) => e.type === 'openCase');
    expect(effect?.type === 'openCase' && effect.decision.warnings.map((w) => w.entry)).toEqual(['micron-2023']);
  });

  it('in Chinese, by its Chinese name', () => {
    const d = replay(['想采购20台路由器，内存用美光的', '是', '否'], watch).decision!;
    expect(d.warnings![0]!.text).toMatch(/^关注名单提示：“美光”涉及美光公司在华销售的产品。.*应停止采购美光公司产品/);
  });

  it('nothing is warned for a purchase that names no listed supplier, nor for a listing', () => {
    expect(replay(['we want to buy 20 core routers', 'yes', 'no'], watch).decision!.warnings).toBeUndefined();
    expect(replay(['we plan an IPO in New York, our memory supplier is Micron', 'no'], watch).decision!.warnings).toBeUndefined();
  });

  // The supplier named after the first message: in a product described at the category question.
  const described = ['review', 'purchase', 'core routers with Micron memory', 'yes', 'yes', 'no'];

  it('a supplier named in a later text answer is warned about too', () => {
    const run = replay(described, watch);
    expect(run.asked).toEqual(['matter', 'category', 'category', 'ciio', 'affects_national_security']);
    expect(run.decision).toMatchObject({ outcome: 'assess', warnings: [{ text: expect.stringMatching(/^Watchlist: "Micron"/) }] });
    const effect = run.effects.find((e) => e.type === 'openCase');
    expect(effect?.type === 'openCase' && effect.decision.warnings.map((w) => w.entry)).toEqual(['micron-2023']);
    expect(replay(['审查', '采购', '核心路由器，内存用美光的', '是', '是', '否'], watch).decision?.warnings).toHaveLength(1);
  });

  it('the words are kept in the stored state: a conversation saved and read back mid-way still warns', () => {
    const first = replay(described.slice(0, 3), watch).state!;
    expect(first.texts).toEqual(['core routers with Micron memory']);
    const stored = JSON.parse(JSON.stringify(first)) as ConvState;
    expect(replay(described.slice(3), { ...watch, state: stored }).decision?.warnings).toHaveLength(1);
  });

  it('choices by name or number and plain yes or no are not kept as words', () => {
    expect(replay(['review', '1', 'Large-capacity storage', 'yes', 'no'], watch).state?.texts).toBeUndefined();
  });

  it('a state stored before texts were kept still decides, on its first message', () => {
    const old = (summary?: string): ConvState => ({
      flow: 'triage',
      version: 2,
      lang: 'en',
      status: 'active',
      answers: { matter: 'purchase', category: 'large_storage', ciio: 'yes' },
      inferred: ['matter'],
      suggestion: {},
      ...(summary ? { summary } : {}),
    });
    expect(replay(['no'], { ...watch, state: old('Micron storage arrays') }).decision?.warnings).toHaveLength(1);
    expect(replay(['no'], { ...watch, state: old() }).decision).toMatchObject({ outcome: 'assess' });
    expect(replay(['no'], { ...watch, state: old() }).decision?.warnings).toBeUndefined();
  });

  it('restart starts a new check: the earlier words are dropped', () => {
    const run = replay(['review', 'purchase', 'core routers with Micron memory', 'restart', 'purchase', 'hpc_servers', 'yes', 'no'], watch);
    expect(run.decision).toMatchObject({ outcome: 'assess' });
    expect(run.decision?.warnings).toBeUndefined();
  });

  it('why repeats the warning with its source', () => {
    const text = replay(['we want to buy 20 core routers with Micron memory', 'yes', 'no', 'why'], watch)
      .last.map((m) => ('text' in m ? m.text : ''))
      .join('\n');
    expect(text).toMatch(/- Watchlist: "Micron".*\(source: 网络安全审查办公室《美光公司在华销售的产品未通过网络安全审查》/);
  });
});

describe('conversations stored under flow v1 are migrated to v2', () => {
  const v1 = (over: Partial<ConvState>): ConvState => ({
    flow: 'triage',
    version: 1,
    lang: 'en',
    status: 'active',
    answers: {},
    inferred: [],
    suggestion: {},
    ...over,
  });

  it('a purchase in progress goes on with the question it still needs; what was inferred stays marked', () => {
    const state = v1({ answers: { listing_abroad: 'no', category: 'hpc_servers' }, inferred: ['listing_abroad'], summary: 'servers' });
    const run = replay(['yes'], { state });
    expect(run.asked).toEqual(['affects_national_security']);
    expect(run.state).toMatchObject({ version: 2, answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'yes' }, inferred: ['matter'] });
  });

  it('"listing abroad" becomes a listing abroad, and the decision follows', () => {
    const run = replay(['yes'], { state: v1({ answers: { listing_abroad: 'yes' } }) });
    expect(run.decision).toMatchObject({ outcome: 'required' });
    expect(run.state?.answers).toEqual({ matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' });
  });

  it('a v1 conversation with nothing answered asks what the check is about', () => {
    const run = replay(['help'], { state: v1({}) });
    expect(run.last.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
  });

  it('a finished v1 check still explains itself', () => {
    const state = v1({ status: 'done', caseId: 'RB-OLD001', answers: { listing_abroad: 'no', category: 'cloud_services', ciio: 'no' } });
    const text = replay(['why'], { state })
      .last.map((m) => ('text' in m ? m.text : ''))
      .join('\n');
    expect(text).toContain('1. what the check is about: Buying a network product or service');
    expect(text).toContain('Decision: Review not required, because:');
  });
});
