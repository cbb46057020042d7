// Chinese numerals as laws number their articles: 第五条, 第十六条, 第二十一条, 第一百零一条.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..9999 in Chinese numerals (十 alone for 10–19, as article numbers are written); other values as digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) {
      out += '零';
      zero = false;
    }
    out += d === 1 && unit === '十' && out === '' ? unit : DIGITS[d]! + unit;
  });
  return out;
}
