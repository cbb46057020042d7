import type { Category } from '../../domain/index.js';
import type { Lang } from '../../i18n/lang.js';
import { HANDWRITTEN } from './handwritten.js';
import { TERMS_CORPUS } from './terms.js';

export type Example = { text: string; label: Category; lang: Lang };

/**
 * The training corpus: hand-written requests (one file per category), then the product terms
 * that are not already among them, each tagged with its language. Same order on every call,
 * so folds and models are deterministic.
 */
export function buildCorpus(): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const { text, label } of [...HANDWRITTEN, ...TERMS_CORPUS]) {
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text, label, lang: /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en' });
  }
  return out;
}
