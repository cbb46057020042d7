import type { Lang } from './lang.js';

/**
 * One area's catalogue: English is the reference, and the compiler insists that
 * zh-CN has exactly the same keys, so a missing translation is a type error.
 */
export function defineMessages<const E extends Record<string, string>>(m: {
  en: E;
  'zh-CN': { [K in keyof E]: string };
}): { [L in Lang]: { [K in keyof E]: string } } {
  return m;
}
