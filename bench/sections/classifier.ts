import { progress } from '../lib/progress.js';
import { below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { median, percentile, round } from '../lib/stats.js';

// 3. Classifier: training time at start-up, per-message latency, k-fold cross-validated
// accuracy per language, and accuracy on the hand-written requests when they are held out
// of training (the templated corpus alone flatters cross-validation).

type Example = { text: string; label: string; lang: 'en' | 'zh-CN' };
type Nlu = {
  createCategoryClassifier(options?: { examples?: readonly Example[] }): { classify(text: string): { category: string; confidence: number } };
  crossValidate(k?: number): { accuracy: Record<string, number>; examples?: Record<string, number>; confidentPrecision?: number; confidentShare?: number };
  buildCorpus?: () => Example[];
  CONFIDENT_AT?: number;
};

export async function classifierSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('classifier');
  const nlu = (await import('../../src/nlu/index.js')) as unknown as Nlu;
  const notes: string[] = [];

  // Training at start-up: the first one in a fresh process (cold code), then warm repetitions.
  let t0 = performance.now();
  const classifier = nlu.createCategoryClassifier();
  const trainColdMs = performance.now() - t0;
  const trainWarm: number[] = [];
  for (let i = 0; i < (opts.quick ? 3 : 7); i++) {
    t0 = performance.now();
    nlu.createCategoryClassifier();
    trainWarm.push(performance.now() - t0);
  }
  say(`training: first ${trainColdMs.toFixed(1)} ms, then median ${median(trainWarm).toFixed(1)} ms`);

  // Per-message latency over the corpus texts (both languages), after a warm-up pass.
  const corpus: Example[] = nlu.buildCorpus?.() ?? [
    { text: 'we want to buy 20 Huawei core routers', label: 'core_network_equipment', lang: 'en' },
    { text: '采购一批华为核心路由器', label: 'core_network_equipment', lang: 'zh-CN' },
  ];
  const passes = opts.quick ? 3 : 10;
  for (const e of corpus) classifier.classify(e.text);
  const perLang: Record<string, number[]> = { en: [], 'zh-CN': [] };
  const all: number[] = [];
  const batchMs: number[] = [];
  for (let p = 0; p < passes; p++) {
    const start = performance.now();
    for (const e of corpus) {
      const s = performance.now();
      classifier.classify(e.text);
      const d = performance.now() - s;
      all.push(d);
      (perLang[e.lang] ??= []).push(d);
    }
    batchMs.push((performance.now() - start) / corpus.length);
  }
  const msPerMessage = median(batchMs);
  say(`classify: ${msPerMessage.toFixed(4)} ms/message over ${corpus.length} texts x ${passes}`);

  // Cross-validated accuracy per language.
  const k = 5;
  t0 = performance.now();
  const cv = nlu.crossValidate(k);
  const cvMs = performance.now() - t0;
  const accEn = cv.accuracy.en ?? null;
  const accZh = cv.accuracy['zh-CN'] ?? cv.accuracy.zh ?? null;
  say(`${k}-fold cross-validation: en ${accEn}, zh-CN ${accZh} (${cvMs.toFixed(0)} ms)`);

  // Hand-written requests held out: train on everything else, score on them.
  let holdout: { en: number | null; zh: number | null; n: number } | null = null;
  try {
    const { HANDWRITTEN } = (await import('../../src/nlu/corpus/handwritten.js')) as { HANDWRITTEN: { text: string; label: string }[] };
    const held = new Set(HANDWRITTEN.map((h) => h.text));
    const trained = nlu.createCategoryClassifier({ examples: corpus.filter((e) => !held.has(e.text)) });
    const score = (zh: boolean) => {
      const part = HANDWRITTEN.filter((h) => /\p{Script=Han}/u.test(h.text) === zh);
      return part.length ? part.filter((h) => trained.classify(h.text).category === h.label).length / part.length : null;
    };
    holdout = { en: score(false), zh: score(true), n: HANDWRITTEN.length };
  } catch (err) {
    notes.push(`hand-written hold-out not measured: ${(err as Error).message}`);
  }

  notes.push(`${k}-fold cross-validation over the training corpus (${corpus.length} examples; folds by index); the corpus is mostly templated, so the hand-written hold-out row is the harder test.`);
  const rows: Row[] = [
    { section: 'classifier', metric: 'per message (mean)', value: round(msPerMessage, 4), unit: 'ms', target: '< 1 ms', met: below(msPerMessage, 1) },
    { section: 'classifier', metric: 'per message p99', value: round(percentile(all, 99), 4), unit: 'ms' },
    { section: 'classifier', metric: `accuracy en (${k}-fold CV)`, value: round(accEn, 3) },
    { section: 'classifier', metric: `accuracy zh-CN (${k}-fold CV)`, value: round(accZh, 3) },
    ...(holdout
      ? [
          { section: 'classifier', metric: `accuracy en (hand-written held out, n=${holdout.n} both langs)`, value: round(holdout.en, 3) },
          { section: 'classifier', metric: 'accuracy zh-CN (hand-written held out)', value: round(holdout.zh, 3) },
        ]
      : []),
    { section: 'classifier', metric: 'training at start-up (first)', value: round(trainColdMs, 1), unit: 'ms' },
    { section: 'classifier', metric: 'training (warm, median)', value: round(median(trainWarm), 1), unit: 'ms' },
  ];
  return {
    rows,
    notes,
    data: {
      ms_per_message: round(msPerMessage, 4),
      p99_ms_per_message: round(percentile(all, 99), 4),
      ms_per_message_en: round(median(perLang.en ?? []), 4),
      ms_per_message_zh: round(median(perLang['zh-CN'] ?? []), 4),
      accuracy_en: round(accEn, 4),
      accuracy_zh: round(accZh, 4),
      cv_k: k,
      cv_examples: cv.examples ?? null,
      confident_precision: round(cv.confidentPrecision ?? null, 4),
      confident_share: round(cv.confidentShare ?? null, 4),
      confident_at: nlu.CONFIDENT_AT ?? null,
      holdout_handwritten: holdout ? { accuracy_en: round(holdout.en, 4), accuracy_zh: round(holdout.zh, 4), examples: holdout.n } : null,
      training_ms_first: round(trainColdMs, 1),
      training_ms_warm: round(median(trainWarm), 1),
      cross_validation_ms: round(cvMs, 0),
      corpus_examples: corpus.length,
    },
  };
}
