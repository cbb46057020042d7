import { pinyin } from 'pinyin-pro';

// Chinese typed through a pinyin IME goes wrong in two ways: a homophone is picked
// ("路游器" for 路由器, "服物器" for 服务器, "续废" for 续费), or the pinyin is sent as it is
// ("fuwuqi 10 tai"). Both are read against the words of the training corpus, which
// pinyin-pro spells out: a homophone is replaced only where the text has a character pair the
// corpus never uses (so real words stay), and pinyin only where it spells a corpus word.

const HAN_RUN = /\p{Script=Han}+/gu;
const MIN_WORD = 2;
const MAX_WORD = 5;
/** Pinyin shorter than this ("an", "ji") spells too many things to be taken as a word. */
const MIN_PINYIN = 4;

const syllables = (han: string): string[] => pinyin(han, { type: 'array', toneType: 'none', v: true }).map((s) => s.toLowerCase());

export type PinyinReading = {
  /** The text with pinyin words written in characters. */
  text: string;
  /** How many pinyin words were turned into characters. */
  converted: number;
  /** Share of the Latin-letter tokens that are pinyin (0 when there are none). */
  pinyinShare: number;
};

export type PinyinIndex = {
  /** Replace homophone typos inside runs of Chinese characters. */
  fixHomophones(text: string): string;
  /** Turn pinyin spellings of corpus words into the words. */
  readPinyin(text: string): PinyinReading;
};

type Built = {
  knownPairs: Set<string>;
  /** "lu|you|qi" -> the corpus words that read so, most frequent first */
  bySound: Map<string, string[]>;
  /** "luyouqi" -> the most frequent corpus word that reads so */
  byPinyin: Map<string, string>;
  syllableSet: Set<string>;
  longestSyllable: number;
};

/**
 * An index over the Chinese of the corpus texts; built on first use (about 100 ms), so a
 * process that never meets a typo or pinyin never pays for it. `isEnglishWord` keeps English
 * words of the corpus ("aliyun" is a brand, "you" a word) from being read as pinyin alone.
 */
export function pinyinIndex(texts: () => readonly string[], isEnglishWord: (w: string) => boolean): PinyinIndex {
  let built: Built | null = null;
  const get = (): Built => (built ??= build(texts()));

  return {
    fixHomophones(text) {
      if (!/\p{Script=Han}{2}/u.test(text)) return text;
      const b = get();
      return text.replace(HAN_RUN, (run) => fixRun(b, run));
    },
    readPinyin(text) {
      const tokens = [...text.matchAll(/[a-z]+/g)];
      if (tokens.length === 0) return { text, converted: 0, pinyinShare: 0 };
      const b = get();
      const pinyinTokens = tokens.filter((t) => isPinyin(b, t[0])).length;
      let converted = 0;
      let out = '';
      let last = 0;
      for (let i = 0; i < tokens.length; ) {
        let matched = 0;
        let word = '';
        // Longest run of adjacent letter tokens (only spaces between) that spells a corpus word.
        for (let j = Math.min(tokens.length, i + 5); j > i; j--) {
          if (!adjacent(text, tokens, i, j)) continue;
          const key = tokens
            .slice(i, j)
            .map((t) => t[0])
            .join('');
          if (key.length < MIN_PINYIN) continue;
          if (j - i === 1 && isEnglishWord(key)) continue;
          const w = b.byPinyin.get(key);
          if (w) {
            matched = j - i;
            word = w;
            break;
          }
        }
        if (!matched) {
          i++;
          continue;
        }
        const start = tokens[i]!.index!;
        const end = tokens[i + matched - 1]!.index! + tokens[i + matched - 1]![0].length;
        out += `${text.slice(last, start)} ${word} `;
        last = end;
        converted++;
        i += matched;
      }
      out += text.slice(last);
      return { text: converted ? out.replace(/\s+/g, ' ').trim() : text, converted, pinyinShare: pinyinTokens / tokens.length };
    },
  };
}

function adjacent(text: string, tokens: RegExpMatchArray[], i: number, j: number): boolean {
  for (let k = i; k + 1 < j; k++) {
    const gap = text.slice(tokens[k]!.index! + tokens[k]![0].length, tokens[k + 1]!.index!);
    if (!/^ +$/.test(gap)) return false;
  }
  return true;
}

function build(texts: readonly string[]): Built {
  // A pair seen once may be one of the corpus's own typos ("核心路游器" teaches robustness).
  const pairCounts = new Map<string, number>();
  // Character n-grams that recur in the corpus (and whole short runs) are its words; the
  // sound of each comes from the pinyin of the run it stands in, so polyphones read right.
  const grams = new Map<string, { count: number; sound: string[] }>();
  const runs = new Set<string>();
  for (const text of texts) {
    for (const run of text.match(HAN_RUN) ?? []) {
      const chars = [...run];
      if (chars.length < MIN_WORD) continue;
      for (let i = 0; i + 1 < chars.length; i++) pairCounts.set(chars[i]! + chars[i + 1]!, (pairCounts.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
      if (chars.length <= MAX_WORD) runs.add(run);
      const sound = syllables(run);
      if (sound.length !== chars.length) continue;
      for (let n = MIN_WORD; n <= Math.min(MAX_WORD, chars.length); n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const g = chars.slice(i, i + n).join('');
          const seen = grams.get(g);
          if (seen) seen.count++;
          else grams.set(g, { count: 1, sound: sound.slice(i, i + n) });
        }
      }
    }
  }
  const knownPairs = new Set([...pairCounts].filter(([, n]) => n >= 2).map(([p]) => p));
  const bySound = new Map<string, string[]>();
  const byPinyin = new Map<string, string>();
  const syllableSet = new Set<string>();
  // Most frequent first, then alphabetical: deterministic.
  const words = [...grams.entries()].filter(([g, v]) => v.count >= 2 || runs.has(g)).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  for (const [w, { sound }] of words) {
    for (const x of sound) syllableSet.add(x);
    const key = sound.join('|');
    const list = bySound.get(key);
    if (list) list.push(w);
    else bySound.set(key, [w]);
    const spelled = sound.join('');
    if (!byPinyin.has(spelled)) byPinyin.set(spelled, w);
  }
  let longestSyllable = 0;
  for (const x of syllableSet) longestSyllable = Math.max(longestSyllable, x.length);
  return { knownPairs, bySound, byPinyin, syllableSet, longestSyllable };
}

/** Whether a token splits into syllables the corpus's Chinese uses ("fuwuqi" = fu wu qi). */
function isPinyin(b: Built, token: string): boolean {
  const ok = new Array<boolean>(token.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < token.length; i++) {
    if (!ok[i]) continue;
    for (let n = 1; n <= b.longestSyllable && i + n <= token.length; n++) if (b.syllableSet.has(token.slice(i, i + n))) ok[i + n] = true;
  }
  return ok[token.length]!;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** For each character, the index of the dictionary word it belongs to (ICU's Chinese dictionary). */
function wordIds(chars: readonly string[]): number[] {
  const ids: number[] = [];
  let id = 0;
  for (const seg of segmenter.segment(chars.join(''))) {
    for (let i = 0; i < [...seg.segment].length; i++) ids.push(id);
    id++;
  }
  return ids;
}

const inWord = (ids: readonly number[], i: number) => ids[i - 1] === ids[i] || ids[i + 1] === ids[i];

function fixRun(b: Built, run: string): string {
  const chars = [...run];
  const unknown: number[] = [];
  for (let i = 0; i + 1 < chars.length; i++) if (!b.knownPairs.has(chars[i]! + chars[i + 1]!)) unknown.push(i);
  if (unknown.length === 0) return run;
  // A pair the corpus does not know may still be a word of the language ("分行"): leave those.
  const ids = wordIds(chars);
  unknown.splice(0, unknown.length, ...unknown.filter((i) => ids[i] !== ids[i + 1]));
  if (unknown.length === 0) return run;
  const sound = syllables(run);
  if (sound.length !== chars.length) return run;
  const fixed = new Array<boolean>(chars.length).fill(false);
  for (const at of unknown) {
    // The longest window around the unknown pair that sounds like a corpus word one character away.
    search: for (let len = Math.min(MAX_WORD, chars.length); len >= MIN_WORD; len--) {
      for (let start = Math.max(0, at + 2 - len); start <= at && start + len <= chars.length; start++) {
        if (fixed.slice(start, start + len).some(Boolean)) continue;
        const window = chars.slice(start, start + len);
        for (const w of b.bySound.get(sound.slice(start, start + len).join('|')) ?? []) {
          const wc = [...w];
          const diff = wc.reduce((n, c, k) => n + (c === window[k] ? 0 : 1), 0);
          // One character replaced, and it is one of the pair the corpus does not know.
          const k = wc.findIndex((c, i) => c !== window[i]);
          if (diff !== 1 || (start + k !== at && start + k !== at + 1)) continue;
          // ...and not part of a dictionary word of the text as typed (分行 in 放在分行机房).
          if (inWord(ids, start + k)) continue;
          for (let i = 0; i < len; i++) {
            chars[start + i] = wc[i]!;
            fixed[start + i] = true;
          }
          break search;
        }
      }
    }
  }
  return chars.join('');
}
