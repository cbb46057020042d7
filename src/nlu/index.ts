// The language layer: pure functions of text, bilingual (en, zh-CN).
export { detectLang } from './lang.js';
export { parseYesNo, detectIntent, mentionsListingAbroad, type YesNo, type Intent } from './short-answers.js';
export {
  createCategoryClassifier, crossValidate, compareTokenisations, CONFIDENT_AT,
  type CategoryClassifier, type Classification, type CrossValidation,
} from './category-classifier.js';
export { buildCorpus, type Example } from './corpus/index.js';
export { features, type Tokenisation } from './features.js';
