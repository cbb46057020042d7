// The language layer: pure functions of text, bilingual (en, zh-CN). No I/O, no clock.

// Commonly used
export { detectLang } from './lang.js';
export { parseYesNo } from './short-answers.js';
export { detectIntent } from './intents.js';
export { mentionsListingAbroad } from './listing.js';
export { supplierNamed } from './suppliers.js';
export { detectMatter } from './matter.js';
export { detectQuestion, isHedge } from './step-questions.js';
export {
  createCategoryClassifier,
  CONFIDENT_AT,
} from './category-classifier.js';

// Text work the classifier is built from (also usable alone)
export { splitItems, quantityOf } from './items.js';
export { dropNegated } from './negation.js';
export { stripBoilerplate } from './boilerplate.js';

// Measurement (tests and the benchmark)
export {
  crossValidate,
  compareTokenisations,
  fitCalibration,
  CALIBRATION,
} from './category-classifier.js';

export { buildCorpus } from './corpus/index.js';
