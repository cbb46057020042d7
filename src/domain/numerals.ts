import type { Lang } from '../i18n/lang.js';

// Numbers as the reader's language writes them: article numbers in Chinese numerals (第二十一条,
// as the Measures themselves), money as ¥1,200,000 or 120万元, counts as 1,200,000 or 120万.

// Article and item numbers: one implementation, the catalogues' (i18n/numerals.ts).
export { chineseNumeral } from '../i18n/numerals.js';

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
