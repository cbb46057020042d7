import { CATEGORIES, type Category } from '../domain/categories.js';
import type { Lang } from '../i18n/lang.js';
import { buildCorpus, type Example } from './corpus/index.js';
import { features, type Tokenisation } from './features.js';
import { detectLang } from './lang.js';
import { posterior, train, type Model } from './naive-bayes.js';

export type Classification = { category: Category; confidence: number; lang: Lang };
export type CategoryClassifier = { classify(text: string): Classification };

/** Chosen from cross-validation: above it the guess is right about 97% of the time or better (see test/nlu). */
export const CONFIDENT_AT = 0.6;
const TEMPERATURE = 1;

function fit(examples: readonly Example[], zh: Tokenisation): Model {
  return train(examples.map((e) => ({ features: features(e.text, zh), label: e.label })));
}

function classifyWith(model: Model, text: string, zh: Tokenisation): Classification {
  const p = posterior(model, features(text, zh), TEMPERATURE);
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return { category: model.labels[best] as Category, confidence: p[best]!, lang: detectLang(text) };
}

/** Train on the project's corpus (a few milliseconds) and classify purchase descriptions. */
export function createCategoryClassifier(options: { tokenisation?: Tokenisation; examples?: readonly Example[] } = {}): CategoryClassifier {
  const zh = options.tokenisation ?? 'char-ngrams';
  const model = fit(options.examples ?? buildCorpus(), zh);
  return { classify: (text) => classifyWith(model, text, zh) };
}

export type CrossValidation = {
  k: number;
  tokenisation: Tokenisation;
  accuracy: Record<Lang, number>;
  examples: Record<Lang, number>;
  /** Share of guesses at or above CONFIDENT_AT that were right, and how many there were. */
  confidentPrecision: number;
  confidentShare: number;
};

/** k-fold cross-validation with a fixed fold assignment (example i goes to fold i mod k). */
export function crossValidate(k = 5, tokenisation: Tokenisation = 'char-ngrams', examples: readonly Example[] = buildCorpus()): CrossValidation {
  const right: Record<Lang, number> = { en: 0, 'zh-CN': 0 };
  const total: Record<Lang, number> = { en: 0, 'zh-CN': 0 };
  let confident = 0;
  let confidentRight = 0;
  for (let fold = 0; fold < k; fold++) {
    const model = fit(examples.filter((_, i) => i % k !== fold), tokenisation);
    examples.forEach((e, i) => {
      if (i % k !== fold) return;
      const c = classifyWith(model, e.text, tokenisation);
      total[e.lang]++;
      if (c.category === e.label) right[e.lang]++;
      if (c.confidence >= CONFIDENT_AT) {
        confident++;
        if (c.category === e.label) confidentRight++;
      }
    });
  }
  return {
    k,
    tokenisation,
    accuracy: { en: right.en / total.en, 'zh-CN': right['zh-CN'] / total['zh-CN'] },
    examples: total,
    confidentPrecision: confident ? confidentRight / confident : 1,
    confidentShare: confident / (total.en + total['zh-CN']),
  };
}

/** Both Chinese tokenisations side by side, so the choice of character n-grams stays justified. */
export const compareTokenisations = (k = 5) => (['char-ngrams', 'segmenter'] as const).map((t) => crossValidate(k, t));

export { CATEGORIES };
