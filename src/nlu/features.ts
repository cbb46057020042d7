import NGrams from 'natural/lib/natural/ngrams/ngrams.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { normalise } from './normalise.js';

// Purchase description -> feature strings for the classifier. Three kinds of text
// are treated apart: English words, product codes (NE40E, S5735, 2288H) and runs of
// Chinese characters. Quantities and prices say nothing about the category and go first.

/** How runs of Chinese characters become features (compared by `compareTokenisations`). */
export type Tokenisation = 'char-ngrams' | 'char-trigrams' | 'segmenter';
export const TOKENISATIONS: readonly Tokenisation[] = ['char-ngrams', 'char-trigrams', 'segmenter'];

/** A text split into what the features are made of. */
export type Analysis = { words: string[]; codes: string[]; han: string[] };

/** Replaces a word the model never saw by a known one a typo away, or returns null. */
export type Corrector = (word: string) => string | null;

const MONEY_UNIT = '(?:million|billion|mn|bn|k|m|w|千元|万元|亿元|万|亿|元|块钱|块)';
const MONEY = [
  // ¥1,200,000 / $30k / ￥80万 / RMB 3.5 million / 45 million RMB / 600k / 300万元
  new RegExp(`(?:[¥$€]|rmb|cny|usd|eur)\\s*\\d[\\d,.]*\\s*${MONEY_UNIT}?(?![a-z])`, 'g'),
  new RegExp(`\\d[\\d,.]*\\s*${MONEY_UNIT}?\\s*(?:rmb|cny|usd|yuan|dollars?)\\b`, 'g'),
  /\d[\d,.]*\s*(?:千元|万元|亿元|万|亿|元|块钱)/g,
  /\b\d[\d,.]*\s*(?:k|million|billion|mn|bn)\b/g,
];
// Quantities with a measure word (Arabic or Chinese numerals), and bandwidths.
const QUANTITY = [
  /[\d一二两三四五六七八九十百千几数]+\s*(?:台|套|个|张|块|件|把|箱|只|条|根|对|批|份|家|间|口|年|个月|月|周|天|人|位|用户|核|颗|盘|片|组)/g,
  // 100G, 400GE, 500M, 512GB, 200kVA, 2U, 27 inch, 10 pcs, 10x; but 5G and 4G are products, not bandwidths.
  /\b(?:\d{2,}|\d+[.,]\d+)\s*(?:g|ge|gbps)\b/g,
  /\b\d[\d,.]*\s*(?:m|mbps|gb|kva|kw|u|inch|in|pcs|x)\b/g,
  /(?:\bx\s+|[×*]\s*)\d+\b/g,
];
// Storage capacity is a hint of its own: keep the unit, drop the number.
const CAPACITY = /\b\d[\d,.]*\s*(tb|pb)\b/g;
// "Does this need a (cybersecurity) review?" is in every category; "网络安全" in it is not a security product.
const REVIEW_QUESTION =
  /(需要|要|是否|用不用|要不要)?(做|进行|申报|通过)?(网络安全审查|安全审查|审查|申报)(吗|么|嘛)?|\b(cyber ?security|network security|security)? ?(review|approval)s?\b/g;
const ZH_FILLER =
  /我们|我司|想要|想|计划|准备|打算|采购|购买|购置|买|一批|一些|几台|预算|大约|大概|约|左右|合计|总价|单价|需要|用于|看看|帮忙|请问|请|是否|吗|呢|的|了|和|及|与|或/g;
const STOP = new Set(
  (
    'we want to buy buying bought buys purchased purchases the a an of for and with from our need needs new some please about around in on at by is are be ' +
    'this that it its i us plan planning plans purchase purchasing procure procurement order ordering get getting would like looking quote ' +
    'budget total unit units piece pieces set sets pcs approx roughly year years month months rmb cny usd yuan do does did will can could ' +
    'should review need needed needs there here all each per more few pair next last currently also then than so as or but if any one two ' +
    'three four five six ten twenty thirty forty fifty hundred thousand million k m x vs via etc including include includes incl abt ' +
    'which what who whom whose my me you your they them their has have had was were been being am not no yes ok thanks'
  ).split(' '),
);

/** A purchase description fits in far less; the rest of a pasted document is not read. */
const MAX_TEXT = 2000;

/** Run-of-Chinese, Latin-and-digit tokens; everything else separates them. */
const HAN_RUN = /\p{Script=Han}+/gu;
const TOKEN = /[a-z0-9]+/g;

/** Split normalised text into English words, product codes and Chinese runs; quantities and prices removed. */
export function analyse(text: string): Analysis {
  let s = normalise(text.slice(0, MAX_TEXT))
    .replace(REVIEW_QUESTION, ' ')
    .replace(/\bwi[- ]?fi\b/g, 'wifi')
    .replace(/\be-?mail/g, 'email')
    // Words people split ("fire wall", "data base", "back up") and British spellings.
    .replace(/\bfire ?wal+s?\b/g, (w) => w.replace(' ', ''))
    .replace(/\bdata ?bases?\b/g, (w) => w.replace(' ', ''))
    .replace(/\bback[- ]up\b/g, 'backup')
    .replace(/\bcentre/g, 'center')
    .replace(/\blicenc/g, 'licens')
    .replace(/isation/g, 'ization')
    .replace(/\b(\d+)\s*-\s*(gpu|card|node|socket|port|bay)/g, '$1 $2')
    // Model numbers written with a hyphen after the series letters: PA-5450, LTO-9, USG-6650 -> pa5450, lto9, usg6650.
    .replace(/\b([a-z]{1,5})-([a-z]?\d[a-z0-9]*)\b/g, '$1$2');
  for (const re of MONEY) s = s.replace(re, ' ');
  s = s.replace(CAPACITY, ' $1 ');
  for (const re of QUANTITY) s = s.replace(re, ' ');
  const han = s.match(HAN_RUN) ?? [];
  const words: string[] = [];
  const codes: string[] = [];
  for (const t of s.replace(HAN_RUN, ' ').match(TOKEN) ?? []) {
    const digits = /\d/.test(t);
    const letters = /[a-z]/.test(t);
    if (digits && letters) codes.push(t);
    else if (letters && t.length > 1 && !STOP.has(t)) words.push(t);
  }
  return { words, codes, han };
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

function hanFeatures(run: string, zh: Tokenisation): string[] {
  const cleaned = run.replace(ZH_FILLER, ' ');
  if (zh === 'segmenter') return cleaned.split(' ').flatMap((part) => segmented(part));
  const out: string[] = [];
  for (const part of cleaned.split(' ')) {
    if (!part) continue;
    const chars = [...part];
    for (const c of chars) out.push(`h:${c}`);
    for (const g of NGrams.ngrams(chars, 2)) out.push(`h:${g.join('')}`);
    if (zh === 'char-trigrams') for (const g of NGrams.ngrams(chars, 3)) out.push(`h:${g.join('')}`);
  }
  return out;
}

function segmented(part: string): string[] {
  if (!part) return [];
  if (!segmenter) return hanFeatures(part, 'char-ngrams');
  return [...segmenter.segment(part)].filter((seg) => seg.isWordLike).map((seg) => `h:${seg.segment}`);
}

/** A product code keeps its exact form, its letter prefix and its shape: s5735 -> s5735, p:s, s:s####. */
function codeFeatures(code: string): string[] {
  // Versions and generations (v6, g5, m7) and bare "5g"/"4g" are carried by the exact form only.
  if (/^(v|g|m|gen)\d{1,2}$/.test(code)) return [];
  const out = [`t:${code}`];
  const prefix = code.match(/^[a-z]+/)?.[0];
  if (prefix && prefix.length <= 5) out.push(`p:${prefix}`);
  out.push(`s:${code.replace(/\d/g, '#')}`);
  return out;
}

// Stemming is the slowest step of feature extraction and the vocabulary is small: remember stems.
const stems = new Map<string, string>();
function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stems.size < 50_000) stems.set(word, s);
  }
  return s;
}

function wordFeatures(word: string, correct: Corrector | undefined): string[] {
  const fixed = correct?.(word) ?? word;
  const out = [`w:${stem(fixed)}`];
  // Acronyms (WAF, SAN, ERP, ECS, UPS, NAS, OTN) carry the meaning and have few trigrams to vote with.
  if (fixed.length <= 4) out.push(`w:${fixed}`);
  // Trigrams inside the word as typed: "firewal" and "swtich" still share most of them with the right word.
  if (word.length >= 5) {
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  return out;
}

/** The features of a text. `correct` maps unknown English words to known ones (see typo-index.ts). */
export function features(text: string, zh: Tokenisation = 'char-ngrams', correct?: Corrector): string[] {
  const a = analyse(text);
  const out: string[] = [];
  for (const w of a.words) out.push(...wordFeatures(w, correct));
  for (const c of a.codes) out.push(...codeFeatures(c));
  for (const run of a.han) out.push(...hanFeatures(run, zh));
  return out;
}
