import distance from 'natural/lib/natural/distance/levenshtein_distance.js';
import type { Corrector } from './features.js';

// Spelling correction against the training vocabulary ("swtich" -> switch, "sever" -> server,
// "firewal" -> firewall). Symmetric deletes: every known word is indexed under itself and each
// of its one-letter deletions; an unknown word looks up the same keys, and candidates are
// confirmed with natural's (restricted) Damerau-Levenshtein distance. Only unknown words pay.

const MIN_LENGTH = 4;
// Longer strings are not words anyone mistyped (and their deletions would cost quadratic memory).
const MAX_LENGTH = 24;

function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Build a corrector from word counts; deterministic (ties go to the more frequent, then alphabetical). */
export function typoCorrector(counts: ReadonlyMap<string, number>): Corrector {
  const index = new Map<string, string[]>();
  for (const word of [...counts.keys()].sort()) {
    if (word.length < MIN_LENGTH || word.length > MAX_LENGTH) continue;
    for (const key of new Set(deletions(word))) {
      const list = index.get(key);
      if (list) list.push(word);
      else index.set(key, [word]);
    }
  }
  const cache = new Map<string, string | null>();
  return (word) => {
    if (counts.has(word) || word.length < MIN_LENGTH || word.length > MAX_LENGTH) return null;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const maxDistance = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = Infinity;
    let bestCount = 0;
    for (const key of new Set(deletions(word))) {
      for (const candidate of index.get(key) ?? []) {
        const d = distance.DamerauLevenshteinDistance(word, candidate, { restricted: true });
        const n = counts.get(candidate) ?? 0;
        if (d > maxDistance) continue;
        if (d < bestDistance || (d === bestDistance && (n > bestCount || (n === bestCount && best !== null && candidate < best)))) {
          best = candidate;
          bestDistance = d;
          bestCount = n;
        }
      }
    }
    if (cache.size < 10_000) cache.set(word, best);
    return best;
  };
}
