import type { Result } from './result.js';

// What people actually type for dates, amounts, counts, company codes and contacts, in English
// and Chinese, turned into one canonical value each. Pure: "today" is an argument.

const toHalfWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

// ---------------------------------------------------------------------------------------------
// Dates

/** A date as typed: exact ("2027/01/15", "2027年1月15日"), or understood from a relative or partial one ("next month") and to be confirmed. */
export type TypedDate = { type: 'exact'; date: string } | { type: 'understood'; date: string };

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function real(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? iso(y, m, d) : null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const parts = (today: string) => today.split('-').map(Number) as [number, number, number];

function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The same day `n` months on, or the month's last day when it has no such day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last));
}

const firstOfMonthAfter = (date: string, n: number) => `${addMonths(`${date.slice(0, 8)}01`, n)}`;

function lastOfMonth(date: string): string {
  const [y, m] = parts(date);
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

const weekday = (date: string) => {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};
/** Monday of the week after `date`'s. */
const nextMonday = (date: string) => addDays(date, (8 - weekday(date)) % 7 || 7);

const ZH_NUM: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };
const count = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : (ZH_NUM[s] ?? null));

/** Relative phrases, each understood as one date to confirm (the person may have meant another day of that month). */
function relative(s: string, today: string): string | null {
  if (/^(today|今天|今日)$/.test(s)) return today;
  if (/^(tomorrow|明天|明日)$/.test(s)) return addDays(today, 1);
  if (/^(next week|下周|下星期|下个星期)$/.test(s)) return nextMonday(today);
  if (/^(next month|下个月|下月)$/.test(s)) return firstOfMonthAfter(today, 1);
  if (/^(end of (this )?month|月底|本月底|这个月底)$/.test(s)) return lastOfMonth(today);
  if (/^(end of next month|下个?月底|下月末)$/.test(s)) return lastOfMonth(firstOfMonthAfter(today, 1));
  if (/^(next year|明年)$/.test(s)) return `${parts(today)[0] + 1}-01-01`;
  const inEn = /^in (\d+|a|one|two|three|six) (day|week|month|year)s?$/.exec(s);
  const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, six: 6 };
  if (inEn) {
    const n = /^\d+$/.test(inEn[1]!) ? Number(inEn[1]) : words[inEn[1]!]!;
    return shift(today, n, inEn[2] as 'day' | 'week' | 'month' | 'year');
  }
  const inZh = /^(\d+|[一两二三四五六七八九十半])个?(天|周|星期|月|年)(?:后|以后|之后)$/.exec(s);
  if (inZh) {
    const n = count(inZh[1]!);
    if (n === null) return null;
    const unit = inZh[2] === '天' ? 'day' : inZh[2] === '月' ? 'month' : inZh[2] === '年' ? 'year' : 'week';
    return n === 0.5 ? (unit === 'year' ? addMonths(today, 6) : null) : shift(today, n, unit);
  }
  return null;
}

function shift(today: string, n: number, unit: 'day' | 'week' | 'month' | 'year'): string {
  switch (unit) {
    case 'day':
      return addDays(today, n);
    case 'week':
      return addDays(today, 7 * n);
    case 'month':
      return addMonths(today, n);
    case 'year':
      return addMonths(today, 12 * n);
  }
}

/**
 * A typed date. Exact: 2027-01-15, 2027/1/15, 2027.01.15, 20270115, 2027年1月15日 (or 号),
 * 15 Jan 2027, January 15, 2027. Understood, to be confirmed: relative dates (next month, 下个月,
 * in 3 months, 3个月后), a month without a day (2027年3月, March 2027: its first day), a day
 * without a year (1月15日, 15 Jan: its next occurrence from today). Null when it is no date.
 */
export function parseTypedDate(text: string, today: string): TypedDate | null {
  const s = toHalfWidth(text)
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.。]$/, '');
  let m =
    /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) {
    const date = real(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { type: 'exact', date } : null;
  }
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})$`).exec(s);
  if (m) return exact(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]));
  m = new RegExp(`^${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$`).exec(s);
  if (m) return exact(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]));
  // A month without a day: its first day, to confirm.
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$/.exec(s) ?? /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  if (m) return understood(real(Number(m[1]), Number(m[2]), 1));
  m = new RegExp(`^${MONTH},? (\\d{4})$`).exec(s);
  if (m) return understood(real(Number(m[2]), MONTHS[m[1]!]!, 1));
  // A day without a year: its next occurrence, to confirm.
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  const dayMonth = m ? ([Number(m[1]), Number(m[2])] as const) : null;
  const en = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? ${MONTH}$`).exec(s) ?? null;
  const en2 = new RegExp(`^${MONTH} (\\d{1,2})(?:st|nd|rd|th)?$`).exec(s) ?? null;
  const md = dayMonth ?? (en ? ([MONTHS[en[2]!]!, Number(en[1])] as const) : en2 ? ([MONTHS[en2[1]!]!, Number(en2[2])] as const) : null);
  if (md) {
    const year = parts(today)[0];
    const thisYear = real(year, md[0], md[1]);
    return understood(thisYear && thisYear >= today ? thisYear : real(year + 1, md[0], md[1]));
  }
  return understood(relative(s, today));
}

const exact = (y: number, m: number, d: number): TypedDate | null => {
  const date = real(y, m, d);
  return date ? { type: 'exact', date } : null;
};
const understood = (date: string | null): TypedDate | null => (date ? { type: 'understood', date } : null);

// ---------------------------------------------------------------------------------------------
// Amounts and counts

export type AmountProblem = 'not_a_number' | 'foreign_currency' | 'negative';

const MULTIPLIERS: [RegExp, number][] = [
  [/^(?:亿|亿元)$/, 1e8],
  [/^(?:万|万元|w)$/, 1e4],
  [/^(?:千|k|thousand)$/, 1e3],
  [/^(?:m|mn|mio|million|百万)$/, 1e6],
  [/^(?:b|bn|billion|十亿)$/, 1e9],
  [/^$/, 1],
];

const FOREIGN = /(?:usd|us\$|\$|eur|€|£|gbp|jpy|hkd|美元|欧元|英镑|日元|港币|港元)/;
const CNY = /(?:rmb|cny|yuan|人民币|¥|元整|元)/g;
// Units a count may carry ("20台", "20 units", "120万用户").
const COUNT_UNITS = /(?:台套|台|套|个|块|张|部|件|份|组|节点|人|位|名|户|用户|个用户|units?|pcs|pieces|sets|nodes|licen[cs]es|seats|users|people|persons)$/;

/**
 * A typed amount of money in CNY, or a count: 1,200,000 · 1200000 · 120万 · 120万元 · 1.2亿 ·
 * 1.2M CNY · RMB 1.2 million · ¥1,200,000 · 50k; counts may carry their unit (20台, 120万用户).
 * Another currency is refused rather than taken as CNY.
 */
export function parseTypedNumber(text: string): Result<number, AmountProblem> {
  let s = toHalfWidth(text).trim().toLowerCase().replace(/￥/g, '¥');
  if (FOREIGN.test(s)) return { ok: false, error: 'foreign_currency' };
  s = s
    .replace(CNY, ' ')
    .replace(/\s*(?:approx\.?|about|around|约|大约|共|合计|总计)\s*/g, '')
    .trim();
  s = s
    .replace(COUNT_UNITS, '')
    .trim()
    .replace(/(\d)[\s\u00a0]+(?=\d{3}(?:\D|$))/g, '$1'); // "1 200 000"

  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([a-z\u4e00-\u9fff]*)$/.exec(s.replace(/\s+(?=[a-z\u4e00-\u9fff])/, ''));
  if (!m) return { ok: false, error: 'not_a_number' };
  const mult = MULTIPLIERS.find(([re]) => re.test(m[4]!));
  if (!mult) return { ok: false, error: 'not_a_number' };
  if (m[1] === '-') return { ok: false, error: 'negative' };
  const value = Number(`${m[2]!.replace(/,/g, '')}${m[3] ? `.${m[3]}` : ''}`) * mult[1];
  // 1.2 * 1e6 is 1199999.9999999998 in floating point: amounts are kept to the fen.
  return { ok: true, value: Math.round(value * 100) / 100 };
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码, GB 32100-2015)

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'characters' | 'checksum';

/** An 18-character code whose last character is the check character of the first 17; spaces and case do not matter. */
export function checkUscc(text: string): Result<string, UsccProblem> {
  const code = toHalfWidth(text).replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, error: 'length' };
  if ([...code].some((c) => !USCC_CHARS.includes(c))) return { ok: false, error: 'characters' };
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + USCC_CHARS.indexOf(code[i]!) * w, 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17] ? { ok: true, value: code } : { ok: false, error: 'checksum' };
}

// ---------------------------------------------------------------------------------------------
// Contact: a name and a phone number or an email address

export type Contact = { name: string; phone: string | null; email: string | null };
export type ContactProblem = 'no_phone_or_email' | 'no_name';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// Mainland mobile, landline with area code, or an international number; spaces, dashes and brackets allowed inside.
const PHONE = /(?:\+?\d[\d\s()-]{6,}\d)/;

function phoneOk(raw: string): boolean {
  const digits = raw.replace(/[\s()-]/g, '');
  if (/^(?:\+?86)?1[3-9]\d{9}$/.test(digits)) return true;
  if (/^(?:\+?86)?0\d{9,11}$/.test(digits)) return true; // 010-12345678, 0755-1234567
  return /^\+\d{8,15}$/.test(digits);
}

/** "王丽 138 0013 8000", "Zhang Wei, zhang.wei@example.com, +86 10 1234 5678": the parts, or what is lacking. */
export function parseContact(text: string): Result<Contact, ContactProblem> {
  let rest = toHalfWidth(text);
  const email = EMAIL.exec(rest)?.[0] ?? null;
  if (email) rest = rest.replace(email, ' ');
  let phone: string | null = null;
  for (const m of rest.matchAll(new RegExp(PHONE, 'g'))) {
    if (phoneOk(m[0])) {
      phone = m[0].trim();
      rest = rest.replace(m[0], ' ');
      break;
    }
  }
  if (!email && !phone) return { ok: false, error: 'no_phone_or_email' };
  const name = rest
    .replace(/(?:tel|phone|mobile|email|e-mail|电话|手机|邮箱|联系人|姓名)\s*[:：]?/gi, ' ')
    .replace(/[,;:，；：、/|<>()（）[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{Script=Han}]|[a-z]{2,}/iu.test(name)) return { ok: false, error: 'no_name' };
  return { ok: true, value: { name, phone, email } };
}

/** Stored with ", " between the parts; `sep` "，" shows them in Chinese text. */
export const formatContact = (c: Contact, sep = ', '): string => [c.name, c.phone, c.email].filter((x) => x).join(sep);
