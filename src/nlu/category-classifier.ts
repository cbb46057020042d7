import { CATEGORIES, demandOf, mostDemanding, type Category } from '../domain/index.js';
import type { Lang } from '../i18n/lang.js';
import { CHATTER } from './corpus/chatter.js';
import { buildCorpus, type Example } from './corpus/index.js';
import { stripBoilerplate } from './boilerplate.js';
import { analyse, features, TOKENISATIONS, type Corrector, type Tokenisation } from './features.js';
import { detectLang } from './lang.js';
import { headOf, quantityOf, splitItems } from './items.js';
import { dropNegated } from './negation.js';
import { normalise } from './normalise.js';
import { pinyinIndex, type PinyinIndex } from './pinyin-index.js';
import { NAIVE_BAYES, posterior, train } from './naive-bayes.js';
import { SOFTMAX, softmaxPosterior, trainSoftmax } from './softmax-regression.js';
import { typoCorrector } from './typo-index.js';

export type Classification = { category: Category; confidence: number; lang: Lang };

/** One thing a request names, with its category and the quantity when one is given. */
export type RecognisedItem = { text: string; category: Category; confidence: number; quantity: number | null };

export type CategoryClassifier = {
  /** The category of the request; for a list of items, the most demanding item's (domain/categories.ts). */
  classify(text: string): Classification;
  /** The items a request names, in the order written (one item when it names one thing). */
  items(text: string): RecognisedItem[];
};

/**
 * At or above this confidence the guess is pre-filled and the person is asked to confirm it;
 * below it the bot asks the category question plainly. Greetings and gibberish stay near 0.1
 * or below. The confidence is calibrated (CALIBRATION) so that guesses at or above it are right
 * at least 99% of the time in 5-fold cross-validation, in each language.
 */
export const CONFIDENT_AT = 0.7;

/**
 * The model's probability p is reported as p^k, k per language: English words are shared
 * between categories more than Chinese characters are, so English guesses are more often
 * confidently wrong. Fitted with `fitCalibration(crossValidate(5, { calibrated: false }))`
 * (en about 1.5, zh-CN about 1.0 for 99.2%) and rounded up; a test checks it still holds.
 */
export const CALIBRATION: Readonly<Record<Lang, number>> = { en: 1.7, 'zh-CN': 1.15 };

const calibrate = (p: number, lang: Lang, on: boolean): number => (on ? p ** CALIBRATION[lang] : p);

/**
 * Chinese character uni- and bi-grams. 5-fold CV, zh-CN: 94.7%, against 94.3% with trigrams
 * added and 91.7% with Intl.Segmenter('zh') words (10-fold: 95.4 / 94.9 / 92.4); see
 * compareTokenisations. No dictionary needed, and a word seen once still shares characters
 * with the rest of the corpus, which the segmenter's whole words do not.
 */
export const DEFAULT_TOKENISATION: Tokenisation = 'char-ngrams';

/**
 * Softmax regression beat naive Bayes in 5-fold cross-validation on the same features
 * (en 94.0% vs 92.1%, zh-CN 94.7% vs 91.7%, and more confident guesses), so it is the default;
 * naive Bayes stays available for comparison (`crossValidate(5, { learner: 'naive-bayes' })`).
 */
export type Learner = 'softmax' | 'naive-bayes';
export const DEFAULT_LEARNER: Learner = 'softmax';

export type ClassifierOptions = {
  tokenisation?: Tokenisation;
  learner?: Learner;
  examples?: readonly Example[];
  /** Report calibrated confidences (default); false gives the model's raw probability, for fitting CALIBRATION. */
  calibrated?: boolean;
};

// Character trigrams inside English words help with typos but outnumber the words; they count a quarter.
const featureWeight = (f: string): number => (f.startsWith('c:') ? 0.25 : 1);

// The hidden ninth class of texts without a product (corpus/chatter.ts); always trained, never answered.
const NO_PRODUCT = '~no_product';

type Trained = { labels: string[]; score: (features: string[]) => number[]; correct: Corrector; zh: Tokenisation; pinyin: PinyinIndex };

/** What every text goes through before its features are taken: OA fields and tender formulas out, ruled-out parts out. */
const plain = (text: string): string => dropNegated(stripBoilerplate(normalise(text)));

function fitModels(examples: readonly Example[], zh: Tokenisation, learner: Learner): Trained {
  const counts = new Map<string, number>();
  for (const e of examples) for (const w of analyse(e.text).words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const correct = typoCorrector(counts);
  // Built on first use, with the pinyin index: most processes never meet pinyin.
  let english: Set<string> | null = null;
  const isEnglish = (w: string) => {
    english ??= new Set(examples.flatMap((e) => normalise(e.text).match(/[a-z]+/g) ?? []));
    return english.has(w);
  };
  const pinyin = pinyinIndex(() => examples.filter((e) => e.lang === 'zh-CN').map((e) => normalise(e.text)), isEnglish);
  const docs = [
    ...examples.map((e) => ({ features: features(plain(e.text), zh), label: e.label as string })),
    ...CHATTER.map((text) => ({ features: features(text, zh), label: NO_PRODUCT })),
  ];
  if (learner === 'naive-bayes') {
    const o = { ...NAIVE_BAYES, weight: featureWeight };
    const model = train(docs, o);
    return { labels: model.labels, score: (f) => posterior(model, f), correct, zh, pinyin };
  }
  const o = { ...SOFTMAX, weight: featureWeight };
  const model = trainSoftmax(docs, o);
  return { labels: model.labels, score: (f) => softmaxPosterior(model, f, o), correct, zh, pinyin };
}

/** The text as the model reads it, and its language (pinyin without characters is Chinese). */
function read(pinyin: PinyinIndex, text: string): { text: string; lang: Lang } {
  const s = stripBoilerplate(normalise(text));
  const p = pinyin.readPinyin(s);
  const lang = detectLang(text) === 'en' && p.converted > 0 && p.pinyinShare >= 0.6 ? 'zh-CN' : detectLang(text);
  return { text: dropNegated(pinyin.fixHomophones(p.text)), lang };
}

/** The most probable category; its probability is the confidence (what "no product" takes is not given back). */
function classifyWith({ labels, score, correct, zh, pinyin }: Trained, text: string): Classification {
  const r = read(pinyin, text);
  const p = score(features(r.text, zh, correct));
  let best = -1;
  for (let i = 0; i < p.length; i++) if (labels[i] !== NO_PRODUCT && (best < 0 || p[i]! > p[best]!)) best = i;
  // Trained without any category (an empty custom corpus): nothing to guess.
  if (best < 0) return { category: 'not_network_product', confidence: 0, lang: r.lang };
  return { category: labels[best] as Category, confidence: p[best]!, lang: r.lang };
}

/** A part of a list counts as an item when the model is at least this sure what it is. */
const ITEM_AT = 0.6;

/** Category and confidence of an already read text (no list handling). */
function guess(t: Trained, text: string): { category: Category; confidence: number; p: number[] } | null {
  const p = t.score(features(text, t.zh, t.correct));
  let best = -1;
  for (let i = 0; i < p.length; i++) if (t.labels[i] !== NO_PRODUCT && (best < 0 || p[i]! > p[best]!)) best = i;
  return best < 0 ? null : { category: t.labels[best] as Category, confidence: p[best]!, p };
}

function itemsWith(t: Trained, text: string): RecognisedItem[] {
  const r = read(t.pinyin, text);
  const parts = splitItems(r.text);
  if (parts.length <= 1) {
    const g = guess(t, r.text);
    return g && g.confidence >= ITEM_AT ? [{ text: r.text, category: g.category, confidence: g.confidence, quantity: quantityOf(r.text) }] : [];
  }
  const out: RecognisedItem[] = [];
  for (const part of parts) {
    let g = guess(t, part);
    // "server racks": when the head noun on its own is sure of another category, it wins.
    const head = headOf(part);
    const h = head ? guess(t, head) : null;
    if (g && h && h.confidence >= ITEM_AT && h.category !== g.category) g = h;
    if (g && g.confidence >= ITEM_AT) out.push({ text: part, category: g.category, confidence: g.confidence, quantity: quantityOf(part) });
  }
  return out;
}

/**
 * The whole text's guess, unless it lists items of which a confident one is more demanding
 * ("10 laptops, 2 firewalls and a UPS" reads as laptops-and-UPS as a whole; the firewalls decide).
 */
function classifyFull(t: Trained, text: string, calibrated = true): Classification {
  const c = decideCategory(t, text);
  return { ...c, confidence: calibrate(c.confidence, c.lang, calibrated) };
}

function decideCategory(t: Trained, text: string): Classification {
  const whole = classifyWith(t, text);
  const items = itemsWith(t, text);
  if (items.length < 2) return whole;
  const top = mostDemanding(items.map((i) => i.category))!;
  if (demandOf(top) <= demandOf(whole.category)) return whole;
  const pick = items.find((i) => i.category === top)!;
  // A part read out of context can mislead ("server racks and cable trays"): the whole text
  // must see the item's category too.
  const wholeP = guess(t, read(t.pinyin, text).text)?.p[t.labels.indexOf(pick.category)] ?? 0;
  if (wholeP < OVERRIDE_AT) return whole;
  return { category: pick.category, confidence: pick.confidence, lang: whole.lang };
}
const OVERRIDE_AT = 0.1;

/**
 * Train on the project's corpus (once per call: about 100 ms warm, 170 ms in a fresh process)
 * and classify purchase descriptions (about 0.02 ms each). Deterministic: the same corpus and
 * text give the same answer.
 */
export function createCategoryClassifier(options: ClassifierOptions = {}): CategoryClassifier {
  const trained = fitModels(options.examples ?? buildCorpus(), options.tokenisation ?? DEFAULT_TOKENISATION, options.learner ?? DEFAULT_LEARNER);
  const calibrated = options.calibrated ?? true;
  return { classify: (text) => classifyFull(trained, text, calibrated), items: (text) => itemsWith(trained, text) };
}

type Tally = { right: number; total: number };
const tally = (): Record<Lang, Tally> => ({ en: { right: 0, total: 0 }, 'zh-CN': { right: 0, total: 0 } });
const share = (t: Tally) => (t.total ? t.right / t.total : 1);

export type CrossValidation = {
  k: number;
  tokenisation: Tokenisation;
  learner: Learner;
  /** Share of held-out examples classified right, per language. */
  accuracy: Record<Lang, number>;
  /** Held-out examples per language (every example is held out once). */
  examples: Record<Lang, number>;
  /** Right / total per label and language. */
  perLabel: Record<Category, Record<Lang, Tally>>;
  /** Share of guesses at or above CONFIDENT_AT that were right (both languages, then each). */
  confidentPrecision: number;
  confidentPrecisionByLang: Record<Lang, number>;
  /** Share of all guesses at or above CONFIDENT_AT (how often the bot can pre-fill). */
  confidentShare: number;
  /** The lowest threshold at which confident guesses are right ≥ 97% of the time in each language. */
  exponentFor97: number;
  /** Examples that were classified wrongly, for reading. */
  mistakes: { text: string; label: Category; guess: Category; confidence: number }[];
  /** Every held-out guess: its confidence and whether it was right (for calibration tables). */
  guesses: Record<Lang, { confidence: number; right: boolean }[]>;
};

/** Lowest t such that guesses with confidence ≥ t are right at least `target` of the time (1 if none is). */
function lowestSafeThreshold(guesses: { confidence: number; right: boolean }[], target: number): number {
  const sorted = [...guesses].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let safe = 1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.right) right++;
    // Only at the end of a run of equal confidences is "≥ t" well defined.
    if (i + 1 < sorted.length && sorted[i + 1]!.confidence === sorted[i]!.confidence) continue;
    if (right / (i + 1) >= target) safe = sorted[i]!.confidence;
  }
  return safe;
}

/**
 * k-fold cross-validation over the corpus with a fixed fold assignment (example i goes to fold
 * i mod k; the corpus is grouped by label, so every fold sees every label).
 */
export function crossValidate(k = 5, options: ClassifierOptions = {}): CrossValidation {
  const tokenisation = options.tokenisation ?? DEFAULT_TOKENISATION;
  const learner = options.learner ?? DEFAULT_LEARNER;
  const examples = options.examples ?? buildCorpus();
  const total = tally();
  const confident = tally();
  const perLabel = Object.fromEntries(CATEGORIES.map((c) => [c, tally()])) as Record<Category, Record<Lang, Tally>>;
  const guesses: Record<Lang, { confidence: number; right: boolean }[]> = { en: [], 'zh-CN': [] };
  const mistakes: CrossValidation['mistakes'] = [];
  for (let fold = 0; fold < k; fold++) {
    const trained = fitModels(
      examples.filter((_, i) => i % k !== fold),
      tokenisation,
      learner,
    );
    examples.forEach((e, i) => {
      if (i % k !== fold) return;
      const c = classifyFull(trained, e.text, options.calibrated ?? true);
      const right = c.category === e.label;
      for (const t of [total[e.lang], perLabel[e.label][e.lang]]) {
        t.total++;
        if (right) t.right++;
      }
      if (c.confidence >= CONFIDENT_AT) {
        confident[e.lang].total++;
        if (right) confident[e.lang].right++;
      }
      guesses[e.lang].push({ confidence: c.confidence, right });
      if (!right) mistakes.push({ text: e.text, label: e.label, guess: c.category, confidence: c.confidence });
    });
  }
  const bothConfident = { right: confident.en.right + confident['zh-CN'].right, total: confident.en.total + confident['zh-CN'].total };
  return {
    k,
    tokenisation,
    learner,
    accuracy: { en: share(total.en), 'zh-CN': share(total['zh-CN']) },
    examples: { en: total.en.total, 'zh-CN': total['zh-CN'].total },
    perLabel,
    confidentPrecision: share(bothConfident),
    confidentPrecisionByLang: { en: share(confident.en), 'zh-CN': share(confident['zh-CN']) },
    confidentShare: bothConfident.total / (total.en.total + total['zh-CN'].total),
    exponentFor97: Math.max(lowestSafeThreshold(guesses.en, 0.97), lowestSafeThreshold(guesses['zh-CN'], 0.97)),
    mistakes,
    guesses,
  };
}

/**
 * The smallest exponent per language that makes guesses with p^k ≥ CONFIDENT_AT right at least
 * `target` of the time, from uncalibrated cross-validation guesses.
 */
export function fitCalibration(raw: CrossValidation, target = 0.99): Record<Lang, number> {
  const exponentFor = (guesses: { confidence: number; right: boolean }[]): number => {
    const t = lowestSafeThreshold(guesses, target);
    return t <= CONFIDENT_AT ? 1 : Math.log(CONFIDENT_AT) / Math.log(t);
  };
  return { en: exponentFor(raw.guesses.en), 'zh-CN': exponentFor(raw.guesses['zh-CN']) };
}

export type TokenisationComparison = {
  tokenisation: Tokenisation;
  chosen: boolean;
  accuracy: Record<Lang, number>;
  confidentShare: number;
  confidentPrecision: number;
};

/**
 * The Chinese tokenisations side by side under the same k-fold split: character uni+bi-grams,
 * uni+bi+tri-grams and Intl.Segmenter('zh') words. The benchmark prints this table.
 */
export function compareTokenisations(k = 5, options: Omit<ClassifierOptions, 'tokenisation'> = {}): TokenisationComparison[] {
  const examples = options.examples ?? buildCorpus();
  return TOKENISATIONS.map((t) => {
    const cv = crossValidate(k, { ...options, tokenisation: t, examples });
    return {
      tokenisation: t,
      chosen: t === DEFAULT_TOKENISATION,
      accuracy: cv.accuracy,
      confidentShare: cv.confidentShare,
      confidentPrecision: cv.confidentPrecision,
    };
  });
}
