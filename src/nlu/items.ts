// Requests that list several things ("服务器10台、核心交换机2台、数据库授权", "20 routers,
// 2 firewalls and a UPS"): the parts of the list and the quantity each names. Pure text
// work on normalise()d text; the classifier labels each part (category-classifier.ts).

/** List separators: punctuation, "and"/"plus", 和/及/以及/与/还有/另加. */
const SEPARATOR = /\s*(?:[、,，;；+&/]|\band\b|\bplus\b|\bas well as\b|\balong with\b|以及|及|和|与|还有|另加|外加|加上)\s*/u;

// A part that only counts or prices ("500 people", "约20万元", "3 years") is not an item.
const ONLY_AMOUNT =
  /^(?:budget|cost|price|total|预算|总价|金额|费用)?\s*(?:is|of|:)?\s*(?:about|approx\.?|around|roughly|~|约|共|合计|总计|大约|大概)?\s*(?:rmb|cny|usd|¥|\$)?\s*[\d一二两三四五六七八九十百千万.,]+\s*(?:people|persons|users|hosts|seats|staff|employees|units|pcs|pieces|sets|nodes|years?|months?|days?|rmb|cny|usd|yuan|k|m|w|万元|万|元|亿|人|位|名|用户|个|台|套|年|个月|天)?\s*$/u;

/** The parts of a list, in the order written; one part when there is no list. */
export function splitItems(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => /[\p{L}]/u.test(p) && !ONLY_AMOUNT.test(p));
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const EN_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  twenty: 20,
};

/** 两 -> 2, 十二 -> 12, 三十 -> 30, 一百二十 -> 120; null for what is not a Chinese numeral. */
export function chineseNumber(s: string): number | null {
  let total = 0;
  let digit = 0;
  let seen = false;
  for (const c of s) {
    if (c in ZH_DIGITS) {
      digit = ZH_DIGITS[c]!;
      seen = true;
      continue;
    }
    const unit = c === '十' ? 10 : c === '百' ? 100 : c === '千' ? 1000 : c === '万' ? 10000 : 0;
    if (!unit) return null;
    total += (digit || 1) * unit;
    digit = 0;
    seen = true;
  }
  return seen ? total + digit : null;
}

const MEASURE = '(?:台套|台|套|个|块|张|部|只|把|条|份|组|节点|路|件|颗|片|对|根|枚|面|架|辆)';
const ZH_QTY = new RegExp(`(\\d+|[一二两三四五六七八九十百千]+)\\s*${MEASURE}`, 'u');
// Numbers that are sizes, speeds, money or time, not counts.
const NOT_COUNT = /^\s*(?:(?:tb|pb|gb|g|ge|gbps|m|mb|mbps|mhz|ghz|k|w|kw|kva|u|t|inch|in|years?|months?|weeks?|days?|hours?)\b|%|万|元|块钱|亿)/;

/** The quantity a list part names ("2台", "20 routers", "x4", "a UPS"), or null. */
export function quantityOf(part: string): number | null {
  const zh = ZH_QTY.exec(part);
  if (zh) return /^\d+$/.test(zh[1]!) ? Number(zh[1]) : chineseNumber(zh[1]!);
  const times = /(?:^|\s)[x×*]\s*(\d+)\b|\b(\d+)\s*[x×*](?=\s|$)/.exec(part);
  if (times) return Number(times[1] ?? times[2]);
  const units = /\b(\d+)\s*(?:pcs|pieces|units|sets|nodes|boxes|seats|hosts|licen[cs]es|users)\b/.exec(part);
  if (units) return Number(units[1]);
  const lead =
    /^(?:(?:we|i) (?:want|need)(?: to buy)? |buy |need )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+(?=[a-z])(.*)$/.exec(part);
  if (lead && /^an?$/.test(lead[1]!) && /^(few|couple|lot|bunch|batch|number|dozen|set|pair)\b/.test(lead[2]!)) return null;
  if (lead && !NOT_COUNT.test(lead[2]!)) return /^\d+$/.test(lead[1]!) ? Number(lead[1]) : EN_NUMBERS[lead[1]!]!;
  return null;
}

/**
 * The head noun of an English list part: the last word before a preposition ("the server
 * racks" -> racks, "one all-flash array for the branch" -> array), or null for Chinese text
 * or a part without one. A compound names its kind last; the words before only qualify it.
 */
export function headOf(part: string): string | null {
  if (/\p{Script=Han}/u.test(part)) return null;
  const np = part.replace(/^[^a-z0-9]+/, '').split(/\b(?:for|of|with|in|on|at|to|from|by|including|that|which|incl|per|under|into)\b|[(:—–]/)[0]!;
  const words = np.replace(/(?:^|\s)[x×*]\s*\d+\b|\b\d+\s*[x×*](?=\s|$)/g, ' ').match(/[a-z][a-z-]*/g) ?? [];
  const last = words.at(-1);
  return last && last.length > 2 && words.length > 1 ? last : null;
}
