import type { Lang } from '../i18n/lang.js';

// Numbers as the reader's language writes them: article numbers in Chinese numerals (第二十一条,
// as the Measures themselves), money as ¥1,200,000 or 120万元, counts as 1,200,000 or 120万.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五; for article and item numbers (1–999). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest);
  return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
}

const grouped = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** 10,000 and above in 万 (up to 4 decimals, trailing zeros dropped), 亿 from 100,000,000. */
function inWan(n: number): string {
  const trim = (x: number) => String(Math.round(x * 10000) / 10000);
  if (Math.abs(n) >= 1e8) return `${trim(n / 1e8)}亿`;
  if (Math.abs(n) >= 1e4) return `${trim(n / 1e4)}万`;
  return grouped(n);
}

/** An amount of CNY: "¥1,200,000" in English, "120万元" in Chinese. */
export const formatAmount = (lang: Lang, n: number): string => (lang === 'zh-CN' ? `${inWan(n)}元` : `¥${grouped(n)}`);

/** A count: "1,200,000" in English, "120万" in Chinese. */
export const formatCount = (lang: Lang, n: number): string => (lang === 'zh-CN' ? inWan(n) : grouped(n));
