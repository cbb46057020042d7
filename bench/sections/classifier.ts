import { progress } from '../lib/progress.js';
import { atLeast, below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { median, percentile, round } from '../lib/stats.js';

// 3. Classifier: corpus size per label and language; training time at start-up and the one-off
// pinyin index; per-message latency; 5-fold cross-validated accuracy per language; accuracy on
// the two sets never trained on (test/nlu/holdout.ts and the evaluation set
// test/nlu/evaluation.ts); precision and coverage of the confident guesses (those pre-filled).

type Lang = 'en' | 'zh-CN';
type Labelled = { text: string; label: string; lang?: Lang };
const LANGS: readonly Lang[] = ['en', 'zh-CN'];
const langOf = (e: Labelled): Lang => e.lang ?? (/\p{Script=Han}/u.test(e.text) ? 'zh-CN' : 'en');

type Scores = { accuracy: Record<Lang, number>; n: Record<Lang, number>; confidentPrecision: Record<Lang, number>; confidentShare: Record<Lang, number> };

function score(classify: (t: string) => { category: string; confidence: number }, set: readonly Labelled[], confidentAt: number): Scores {
  const s: Scores = {
    accuracy: { en: 0, 'zh-CN': 0 },
    n: { en: 0, 'zh-CN': 0 },
    confidentPrecision: { en: 0, 'zh-CN': 0 },
    confidentShare: { en: 0, 'zh-CN': 0 },
  };
  const conf = { en: [0, 0], 'zh-CN': [0, 0] };
  for (const e of set) {
    const lang = langOf(e);
    const g = classify(e.text);
    const right = g.category === e.label;
    s.n[lang]++;
    if (right) s.accuracy[lang]++;
    if (g.confidence >= confidentAt) {
      conf[lang][1]!++;
      if (right) conf[lang][0]!++;
    }
  }
  for (const l of LANGS) {
    s.confidentPrecision[l] = conf[l][1]! ? conf[l][0]! / conf[l][1]! : 1;
    s.confidentShare[l] = s.n[l] ? conf[l][1]! / s.n[l] : 0;
    s.accuracy[l] = s.n[l] ? s.accuracy[l] / s.n[l] : 0;
  }
  return s;
}

export async function classifierSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('classifier');
  let t0 = performance.now();
  const nlu = await import('../../src/nlu/index.js');
  const importMs = performance.now() - t0;
  const { HOLDOUT } = await import('../../test/nlu/holdout.js');
  const { EVALUATION } = await import('../../test/nlu/evaluation.js');
  const notes: string[] = [];

  // Training at start-up: the first one in a fresh process (cold code), then warm repetitions.
  t0 = performance.now();
  const classifier = nlu.createCategoryClassifier();
  const trainColdMs = performance.now() - t0;
  const trainWarm: number[] = [];
  for (let i = 0; i < (opts.quick ? 3 : 7); i++) {
    t0 = performance.now();
    nlu.createCategoryClassifier();
    trainWarm.push(performance.now() - t0);
  }
  say(`training: first ${trainColdMs.toFixed(1)} ms, then median ${median(trainWarm).toFixed(1)} ms`);
  // The pinyin index is built on the first message that needs it (a Chinese typo or pinyin).
  t0 = performance.now();
  classifier.classify('核心路游器两台');
  const pinyinIndexMs = performance.now() - t0;

  const corpus = nlu.buildCorpus();
  const perLabel: Record<string, Record<Lang, number>> = {};
  for (const e of corpus) {
    perLabel[e.label] ??= { en: 0, 'zh-CN': 0 };
    perLabel[e.label]![e.lang]++;
  }

  // Per-message latency over the corpus and evaluation texts (both languages), after a warm-up pass.
  const texts = [...corpus.map((e) => e.text), ...EVALUATION.map((e) => e.text)];
  const passes = opts.quick ? 3 : 10;
  for (const t of texts) classifier.classify(t);
  const all: number[] = [];
  const batchMs: number[] = [];
  for (let p = 0; p < passes; p++) {
    const start = performance.now();
    for (const t of texts) {
      const s = performance.now();
      classifier.classify(t);
      all.push(performance.now() - s);
    }
    batchMs.push((performance.now() - start) / texts.length);
  }
  const msPerMessage = median(batchMs);
  say(`classify: ${msPerMessage.toFixed(4)} ms/message over ${texts.length} texts x ${passes}`);

  // Cross-validated accuracy per language, and the confident guesses.
  const k = 5;
  t0 = performance.now();
  const cv = nlu.crossValidate(k);
  const cvMs = performance.now() - t0;
  say(`${k}-fold cross-validation: en ${cv.accuracy.en.toFixed(3)}, zh-CN ${cv.accuracy['zh-CN'].toFixed(3)} (${cvMs.toFixed(0)} ms)`);
  const cvShare = (lang: Lang) => cv.guesses[lang].filter((g) => g.confidence >= nlu.CONFIDENT_AT).length / cv.guesses[lang].length;

  const held = score((t) => classifier.classify(t), HOLDOUT, nlu.CONFIDENT_AT);
  const evaluation = score((t) => classifier.classify(t), EVALUATION, nlu.CONFIDENT_AT);
  say(`evaluation set: en ${evaluation.accuracy.en.toFixed(3)}, zh-CN ${evaluation.accuracy['zh-CN'].toFixed(3)}`);

  notes.push(
    `corpus ${corpus.length} examples; ${k}-fold CV with folds by index; held-out set ${HOLDOUT.length} texts, evaluation set ${EVALUATION.length} texts (neither trained on).`,
  );
  notes.push(
    `confident = confidence >= CONFIDENT_AT (${nlu.CONFIDENT_AT}), calibrated per language (en ${nlu.CALIBRATION.en}, zh-CN ${nlu.CALIBRATION['zh-CN']}).`,
  );
  const pct = (v: number) => round(v * 100, 1);
  const rows: Row[] = [
    { section: 'classifier', metric: 'per message (mean)', value: round(msPerMessage, 4), unit: 'ms', target: '< 1 ms', met: below(msPerMessage, 1) },
    { section: 'classifier', metric: 'per message p99', value: round(percentile(all, 99), 4), unit: 'ms' },
    ...LANGS.map((l): Row => ({ section: 'classifier', metric: `accuracy ${l} (${k}-fold CV, n=${cv.examples[l]})`, value: pct(cv.accuracy[l]), unit: '%' })),
    ...LANGS.map(
      (l): Row => ({
        section: 'classifier',
        metric: `CV confident precision ${l} / coverage`,
        value: `${pct(cv.confidentPrecisionByLang[l])}% / ${pct(cvShare(l))}%`,
        target: '>= 99%',
        met: atLeast(cv.confidentPrecisionByLang[l], 0.99),
      }),
    ),
    ...LANGS.map((l): Row => ({ section: 'classifier', metric: `accuracy ${l} (held-out, n=${held.n[l]})`, value: pct(held.accuracy[l]), unit: '%' })),
    ...LANGS.map(
      (l): Row => ({
        section: 'classifier',
        metric: `accuracy ${l} (evaluation set, n=${evaluation.n[l]})`,
        value: pct(evaluation.accuracy[l]),
        unit: '%',
        target: '>= 97%',
        met: atLeast(evaluation.accuracy[l], 0.97),
      }),
    ),
    ...LANGS.map(
      (l): Row => ({
        section: 'classifier',
        metric: `evaluation confident precision ${l} / coverage`,
        value: `${pct(evaluation.confidentPrecision[l])}% / ${pct(evaluation.confidentShare[l])}%`,
        target: '>= 99%',
        met: atLeast(evaluation.confidentPrecision[l], 0.99),
      }),
    ),
    { section: 'classifier', metric: 'training at start-up (first)', value: round(trainColdMs, 1), unit: 'ms' },
    { section: 'classifier', metric: 'training (warm, median)', value: round(median(trainWarm), 1), unit: 'ms' },
    { section: 'classifier', metric: 'pinyin index, once, on first use', value: round(pinyinIndexMs, 1), unit: 'ms' },
    { section: 'classifier', metric: 'import of src/nlu (incl. corpus, pinyin-pro)', value: round(importMs, 1), unit: 'ms' },
  ];
  return {
    rows,
    notes,
    data: {
      ms_per_message: round(msPerMessage, 4),
      p99_ms_per_message: round(percentile(all, 99), 4),
      accuracy_en: round(cv.accuracy.en, 4),
      accuracy_zh: round(cv.accuracy['zh-CN'], 4),
      cv_k: k,
      cv_examples: cv.examples,
      cv_confident_precision: { en: round(cv.confidentPrecisionByLang.en, 4), zh: round(cv.confidentPrecisionByLang['zh-CN'], 4) },
      cv_confident_share: { en: round(cvShare('en'), 4), zh: round(cvShare('zh-CN'), 4) },
      confident_at: nlu.CONFIDENT_AT,
      calibration: nlu.CALIBRATION,
      holdout: { examples: held.n, accuracy: held.accuracy, confident_precision: held.confidentPrecision, confident_share: held.confidentShare },
      evaluation: {
        examples: evaluation.n,
        accuracy: evaluation.accuracy,
        confident_precision: evaluation.confidentPrecision,
        confident_share: evaluation.confidentShare,
      },
      corpus_examples: corpus.length,
      corpus_per_label: perLabel,
      training_ms_first: round(trainColdMs, 1),
      training_ms_warm: round(median(trainWarm), 1),
      pinyin_index_ms: round(pinyinIndexMs, 1),
      import_ms: round(importMs, 1),
      cross_validation_ms: round(cvMs, 0),
    },
  };
}
