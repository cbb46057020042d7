// Negation and contrast: "不是 core switch，是 NGFW", "not a VPN gateway — the carrier's MPLS
// VPN service", "servers, not storage", "instead of renting cloud GPUs we buy servers". The
// part a person rules out names a product too, and would pull the guess its way; it is cut
// out before the features are taken. Works on normalise()d text.

// Where a ruled-out part ends: punctuation, a dash, or the word that starts the real request.
const EN_END = String.raw`(?=\s*(?:[,;:.!?()\[\]]|\s[-–—]+\s|[–—]|\bbut\b|\bjust\b|\bonly\b|\binstead\b|\brather\b|\bit'?s\b|\bit is\b|\bthis is\b|\bthat is\b|\bwe\b|\bi\b|\bour\b|\bthey\b|\blet'?s\b|$))`;
const EN = [
  // "not a core switch, it's an NGFW"; "not the 5G core, just the base stations"; "servers, not storage"
  new RegExp(
    String.raw`\b(?:not|isn'?t|aren'?t|never)\s+(?:a|an|the|any|our|for)?\s*(?!sure\b|only\b|just\b|yet\b|needed\b|required\b)[^,;:.!?()]*?` + EN_END,
    'g',
  ),
  // "instead of X", "rather than X", "as opposed to X", "other than X", "without X", "except X"
  new RegExp(
    String.raw`\b(?:instead of|rather than|as opposed to|other than|without|except(?: for)?|excluding|not including|apart from)\s+[^,;:.!?()]*?` + EN_END,
    'g',
  ),
  // "the storage is already bought", "the base stations are a separate purchase", "we already have the core"
  /[^,;:.!?()—–]*\b(?:is|are) (?:already (?:bought|purchased|ordered|in place|covered|there|done)|a separate purchase|bought separately|purchased separately)\b/g,
  /[^,;:.!?()—–]*\balready exists?\b/g,
  /\bwe already have\b[^,;:.!?()]*/g,
  // "we don't need X", "no longer need X", "no need for X"
  new RegExp(String.raw`\b(?:(?:we |i )?(?:don'?t|do not|no longer) (?:need|want|buy)|no need for)\s+[^,;:.!?()]*?` + EN_END, 'g'),
];

// Chinese: the ruled-out part ends at punctuation or at the word that brings in the real request.
const ZH_END = '(?=[，,；;。.！!？?：:（）()]|而是|而|是|只是|只要|只买|就是|改成|改为|换成|换为|要的是|我们要|需要|$)';
const ZH = [
  // 不是X，是Y / 不是X而是Y / 并非X / 不要X / 不买X / 不含X — but not 是不是 (a question) or 不是很… .
  new RegExp(`(?<!是)(?:不是|并非|并不是|不要|不买|不采购|不含|不包括|不包含|无需|不需要|不用)(?!很|太|说|的话)[^，,；;。！!？?：:（）()]*?${ZH_END}`, 'gu'),
  // 核心网已有 / 基站另行采购 / 存储已经买了: what is already there or bought apart.
  /[^，,；;。！!？?：:（）()]*?(?:已有|已经有了|已经有|已经买了|已买|已采购|已购买|另行采购|另外采购|单独采购|系统已有)/gu,
  // X而不是Y / X而非Y
  /而(?:不是|非)[^，,；;。！!？?]*/gu,
];

const CUES =
  /\b(?:not|isn'?t|aren'?t|never|instead|rather|opposed|other than|without|except|excluding|apart|don'?t|do not|no longer|no need|already|separate|separately)\b|不|并非|而非|已|另行|另外采购|单独采购/u;

/** The text with the parts the person rules out removed; the original when nothing is left. */
export function dropNegated(text: string): string {
  // Most messages have none of the cue words; the patterns below are not cheap.
  if (!CUES.test(text)) return text;
  let s = text;
  for (const re of [...EN, ...ZH]) s = s.replace(re, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  // Only punctuation left ("not a router."): nothing to go on but the negated words.
  return /[\p{L}\p{N}]/u.test(s) ? s : text;
}
