// The language layer: pure functions of text, bilingual (en, zh-CN). No I/O, no clock.

// Commonly used
export { detectLang } from './lang.js';
export { parseYesNo, type YesNo } from './short-answers.js';
export { detectIntent, type Intent } from './intents.js';
export { mentionsListingAbroad } from './listing.js';
export { detectQuestion, isHedge, type StepQuestion } from './step-questions.js';
export {
  createCategoryClassifier, CONFIDENT_AT,
  type CategoryClassifier, type Classification, type ClassifierOptions, type Learner, type RecognisedItem,
} from './category-classifier.js';

// Text work the classifier is built from (also usable alone)
export { splitItems, quantityOf } from './items.js';
export { dropNegated } from './negation.js';
export { stripBoilerplate } from './boilerplate.js';

// Measurement (tests and the benchmark)
export {
  crossValidate, compareTokenisations, fitCalibration, CALIBRATION,
  type CrossValidation, type TokenisationComparison,
} from './category-classifier.js';
export type { Tokenisation } from './features.js';
export { buildCorpus, type Example } from './corpus/index.js';
