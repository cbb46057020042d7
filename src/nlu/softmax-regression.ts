// Multinomial logistic (softmax) regression over the feature strings of features.ts, trained
// with AdaGrad in a fixed example order: deterministic, ~80-100 ms on the corpus, microseconds
// per message. It weighs features against each other where naive Bayes only adds them up,
// which matters for the boundary cases ("cloud WAF" is security, "GPU instance" is cloud).

export type SoftmaxModel = {
  labels: string[];
  index: Map<string, number>;
  /** weights[feature * K + label] */
  weights: Float64Array;
  bias: Float64Array;
};

export type SoftmaxOptions = {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of a feature by its kind (the prefix before ':'). */
  weight: (feature: string) => number;
};

/** Chosen by 5-fold cross-validation on the corpus (see category-classifier.ts). */
export const SOFTMAX: SoftmaxOptions = { epochs: 10, learningRate: 0.5, l2: 1e-4, weight: () => 1 };

type Sparse = { ids: Int32Array; values: Float64Array };

/** Feature counts times kind weights, scaled to unit length (long messages do not shout). */
function vectorise(features: readonly string[], index: Map<string, number>, weight: (f: string) => number, grow: boolean): Sparse {
  const acc = new Map<number, number>();
  for (const f of features) {
    let id = index.get(f);
    if (id === undefined) {
      if (!grow) continue;
      id = index.size;
      index.set(f, id);
    }
    acc.set(id, (acc.get(id) ?? 0) + weight(f));
  }
  let norm = 0;
  for (const v of acc.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return { ids: Int32Array.from(acc.keys()), values: Float64Array.from([...acc.values()].map((v) => v / norm)) };
}

function scores(m: SoftmaxModel, x: Sparse, out: Float64Array): void {
  const K = m.labels.length;
  for (let k = 0; k < K; k++) out[k] = m.bias[k]!;
  for (let j = 0; j < x.ids.length; j++) {
    const base = x.ids[j]! * K;
    const v = x.values[j]!;
    for (let k = 0; k < K; k++) out[k]! += m.weights[base + k]! * v;
  }
}

function softmaxInPlace(s: Float64Array): void {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < s.length; k++) sum += s[k] = Math.exp(s[k]! - max);
  for (let k = 0; k < s.length; k++) s[k]! /= sum;
}

export function trainSoftmax(docs: readonly { features: readonly string[]; label: string }[], o: SoftmaxOptions = SOFTMAX): SoftmaxModel {
  const labels = [...new Set(docs.map((d) => d.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const xs = docs.map((d) => vectorise(d.features, index, o.weight, true));
  const ys = docs.map((d) => labelIndex.get(d.label)!);
  const K = labels.length;
  const m: SoftmaxModel = { labels, index, weights: new Float64Array(index.size * K), bias: new Float64Array(K) };
  const g2 = new Float64Array(index.size * K).fill(1e-8);
  const gb2 = new Float64Array(K).fill(1e-8);
  const p = new Float64Array(K);
  const n = xs.length;
  // A fixed stride through the examples (coprime with n) stands in for shuffling.
  let stride = 7919 % n || 1;
  while (gcd(stride, n) !== 1) stride++;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let step = 0, i = epoch % n; step < n; step++, i = (i + stride) % n) {
      const x = xs[i]!;
      scores(m, x, p);
      softmaxInPlace(p);
      const y = ys[i]!;
      for (let k = 0; k < K; k++) {
        const g = p[k]! - (k === y ? 1 : 0);
        gb2[k]! += g * g;
        m.bias[k]! -= (o.learningRate * g) / Math.sqrt(gb2[k]!);
      }
      for (let j = 0; j < x.ids.length; j++) {
        const base = x.ids[j]! * K;
        const v = x.values[j]!;
        for (let k = 0; k < K; k++) {
          const at = base + k;
          const gw = (p[k]! - (k === y ? 1 : 0)) * v + o.l2 * m.weights[at]!;
          g2[at]! += gw * gw;
          m.weights[at]! -= (o.learningRate * gw) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return m;
}

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);

/** Class probabilities. Features the model never saw are ignored; with none known the answer is near uniform. */
export function softmaxPosterior(m: SoftmaxModel, features: readonly string[], o: SoftmaxOptions = SOFTMAX): number[] {
  const x = vectorise(features, m.index, o.weight, false);
  const p = new Float64Array(m.labels.length);
  scores(m, x, p);
  softmaxInPlace(p);
  // Evidence the model has never seen ("asdf", a greeting) pulls the answer towards "don't know".
  const coverage = features.length ? new Set(features.filter((f) => m.index.has(f))).size / new Set(features).size : 0;
  const uniform = 1 / p.length;
  return [...p].map((v) => coverage * v + (1 - coverage) * uniform);
}
