import { CATEGORIES, type Category } from '../../domain/categories.js';
import { LEXICON } from './lexicon.js';
import { HANDWRITTEN } from './handwritten.js';

export type Example = { text: string; label: Category; lang: 'en' | 'zh-CN' };

// How staff phrase a request in chat. `{b}` brand, `{i}` item, `{q}` quantity, `{p}` price.
const EN_TEMPLATES = [
  'we want to buy {q} {b} {i}', 'purchase of {i} from {b}', 'need a quote for {q} {i}', '{b} {i} x{q}, about ¥{p}', '{i}',
  'planning to procure {i} ({b}), budget {p} RMB', 'renewal: {b} {i} for 3 years', 'can we order {q} {i}?', 'buying {i} for the new site',
  'request to purchase {b} {i}', 'PO for {q} units of {i}', 'does buying {i} need a review?', 'IT wants {i} from {b} next quarter', 'replace old {i} with {b}',
];
const ZH_TEMPLATES = [
  '想采购{q}台{b}{i}', '计划购买{i}', '采购{b}{i}{q}套，预算{p}万元', '{i}', '续费{b}{i}三年', '申请采购{i}（{b}）', '需要买一批{i}', '{b}{i}，约{p}万元',
  '新机房要上{i}', '替换旧的{i}，选{b}', '我们部门要采购{i}，需要审查吗', '明年一季度采购{q}个{i}', '{b}的{i}报价{p}万',
];

/** Deterministic typos: swap two inner letters of the longest word ("swtich", "firewlal"). */
function typo(text: string, seed: number): string {
  const words = text.split(' ');
  let at = 0;
  words.forEach((w, i) => { if (w.length > (words[at]?.length ?? 0)) at = i; });
  const w = words[at]!;
  if (w.length < 5 || !/^[a-z]+$/i.test(w)) return text;
  const k = 1 + (seed % (w.length - 3));
  words[at] = seed % 3 === 0 ? w.slice(0, k) + w.slice(k + 1) : w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return words.join(' ');
}

const fill = (tpl: string, b: string, i: string, n: number) =>
  tpl.replace('{b}', b).replace('{i}', i).replace('{q}', String([2, 4, 10, 20, 50, 120][n % 6])).replace('{p}', String([8, 35, 120, 460, 1300][n % 5]));

/** The training corpus: every item of the lexicon in a few phrasings, plus hand-written requests. */
export function buildCorpus(): Example[] {
  const out: Example[] = [];
  let n = 0;
  for (const label of CATEGORIES) {
    const lx = LEXICON[label];
    lx.en.forEach((item, k) => {
      for (let r = 0; r < 3; r++) {
        const text = fill(EN_TEMPLATES[(k * 3 + r) % EN_TEMPLATES.length]!, lx.brandsEn[(k + r) % lx.brandsEn.length]!, item, n++);
        out.push({ text: r === 2 && k % 2 === 0 ? typo(text, n) : text, label, lang: 'en' });
      }
    });
    lx.zh.forEach((item, k) => {
      for (let r = 0; r < 3; r++) {
        const brand = r === 1 ? lx.brandsEn[(k + r) % lx.brandsEn.length]! : lx.brandsZh[(k + r) % lx.brandsZh.length]!;
        out.push({ text: fill(ZH_TEMPLATES[(k * 3 + r) % ZH_TEMPLATES.length]!, brand, item, n++), label, lang: 'zh-CN' });
      }
    });
  }
  for (const h of HANDWRITTEN) out.push({ ...h, lang: /\p{Script=Han}/u.test(h.text) ? 'zh-CN' : 'en' });
  return out;
}
