import NGrams from 'natural/lib/natural/ngrams/ngrams.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { normalise } from './normalise.js';

export type Tokenisation = 'char-ngrams' | 'segmenter';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z]+/g;
// Quantities, prices and units say nothing about the category; drop them with their numbers.
const NOISE = /(\d+([.,]\d+)?\s*(万元|万|元|台|套|个|张|块|件|把|年|月|天|人|tb|pb|gb|g|t|u|x|k|w|rmb|cny|usd|yuan)?)|[¥$￥]/g;
const STOP = new Set(['we', 'want', 'to', 'buy', 'the', 'a', 'an', 'of', 'for', 'and', 'with', 'from', 'our', 'need', 'needs', 'new', 'some',
  'please', 'about', 'around', 'in', 'on', 'at', 'by', 'is', 'are', 'be', 'this', 'that', 'it', 'i', 'us', 'plan', 'planning', 'purchase',
  'purchasing', 'procure', 'procurement', 'order', 'ordering', 'get', 'getting', 'would', 'like', 'looking', 'quote', 'budget', 'total',
  'unit', 'units', 'piece', 'pieces', 'set', 'sets', 'pcs', 'x', 'approx', 'roughly', 'year', 'years', 'month', 'months', 'rmb', 'cny']);
const ZH_STOP = /我们|想要|计划|准备|采购|购买|购置|一批|一些|预算|大约|左右|合计|需要|用于|看看|帮忙|请问/g;

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** Character uni- and bi-grams of each run of Chinese characters (no dictionary needed, robust to new brand names). */
function hanCharGrams(run: string): string[] {
  const chars = [...run];
  return [...chars.map((c) => `h:${c}`), ...NGrams.ngrams(chars, 2).map((g) => `h:${g.join('')}`)];
}

function hanWords(run: string): string[] {
  if (!segmenter) return hanCharGrams(run);
  return [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => `h:${s.segment}`);
}

/**
 * Features of a purchase description: stemmed English words plus character trigrams inside
 * each word (so "firewal" and "swtich" still share most features with the right word), and
 * Chinese character n-grams or Intl.Segmenter words.
 */
export function features(text: string, zh: Tokenisation = 'char-ngrams'): string[] {
  const s = normalise(text).replace(NOISE, ' ');
  const out: string[] = [];
  for (const word of s.match(LATIN_WORD) ?? []) {
    if (STOP.has(word)) continue;
    if (word.length === 1) continue;
    out.push(`w:${PorterStemmer.stem(word)}`);
    // Acronyms (WAF, SAN, ERP, ECS, UPS) carry the meaning but have no trigrams to vote with.
    if (word.length <= 4) out.push(`w:${word}`, `w:${word}`);
    if (word.length >= 4) {
      const padded = `^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
    }
  }
  for (const run of s.replace(ZH_STOP, ' ').match(HAN_RUN) ?? []) out.push(...(zh === 'char-ngrams' ? hanCharGrams(run) : hanWords(run)));
  return out;
}
