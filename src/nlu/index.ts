// The language layer: pure functions of text, bilingual (en, zh-CN). No I/O, no clock.

// Commonly used
export { detectLang } from './lang.js';
export { parseYesNo, type YesNo } from './short-answers.js';
export { detectIntent, type Intent } from './intents.js';
export { mentionsListingAbroad } from './listing.js';
export {
  createCategoryClassifier, CONFIDENT_AT,
  type CategoryClassifier, type Classification, type ClassifierOptions, type Learner,
} from './category-classifier.js';

// Measurement (tests and the benchmark)
export { crossValidate, compareTokenisations, type CrossValidation, type TokenisationComparison } from './category-classifier.js';
export type { Tokenisation } from './features.js';
export { buildCorpus, type Example } from './corpus/index.js';
