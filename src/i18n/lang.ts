export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** Accepts the spellings people and platforms use for our two languages. */
export function parseLang(value: unknown): Lang | null {
  if (typeof value !== 'string' || !value) return null; // a platform may send anything (Teams: a forged locale)
  const v = value.trim().toLowerCase();
  if (v === 'en' || v.startsWith('en-') || v === 'english' || v === '英文' || v === '英语') return 'en';
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans' || v.startsWith('zh-') || v === 'chinese' || v === '中文') return 'zh-CN';
  return null;
}
