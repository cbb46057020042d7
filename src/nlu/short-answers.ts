import { bare } from './normalise.js';

export type YesNo = 'yes' | 'no' | 'unsure';

const YES = [
  'yes',
  'y',
  'yep',
  'yeah',
  'yea',
  'yup',
  'ya',
  'sure',
  'correct',
  'right',
  'ok',
  'okay',
  'true',
  'affirmative',
  'indeed',
  'of course',
  'absolutely',
  'definitely',
  'certainly',
  'exactly',
  'confirm',
  'confirmed',
  'that is right',
  'thats right',
  'it is',
  'it does',
  'we are',
  'we do',
  'yes it is',
  'yes we are',
  'yes it does',
  'yes we do',
  '是',
  '是的',
  '对',
  '对的',
  '有',
  '好',
  '好的',
  '确认',
  '没错',
  '正确',
  '嗯',
  '嗯嗯',
  '是滴',
  '对啊',
  '是啊',
  '对呀',
  '确定',
  '属于',
  '会',
  '涉及',
  '当然',
  '肯定',
  '是我们',
  '有的',
  '需要',
  '要',
];
const NO = [
  'no',
  'n',
  'nope',
  'nah',
  'not really',
  'no it is not',
  'no it isnt',
  'no it does not',
  'no it doesnt',
  'no we are not',
  'no we arent',
  'no we dont',
  'it is not',
  'it isnt',
  'we are not',
  'we arent',
  'false',
  'negative',
  'not at all',
  'none',
  'never',
  'definitely not',
  '否',
  '不是',
  '不',
  '没有',
  '无',
  '不对',
  '不会',
  '不属于',
  '不涉及',
  '没',
  '并不是',
  '不是的',
  '错',
  '没有的',
  '不需要',
  '不用',
  '不要',
  '没涉及',
];
const UNSURE = [
  'unsure',
  'not sure',
  'im not sure',
  'i am not sure',
  'dont know',
  'do not know',
  'i dont know',
  'i do not know',
  'dunno',
  'maybe',
  'unknown',
  'idk',
  'no idea',
  'not certain',
  'perhaps',
  'possibly',
  'unclear',
  'no clue',
  'hard to say',
  'cant say',
  'not known',
  'not sure yet',
  'need to check',
  'i need to check',
  'to be confirmed',
  'tbc',
  'tbd',
  'depends',
  '不确定',
  '不知道',
  '不清楚',
  '说不准',
  '可能',
  '也许',
  '不太确定',
  '不好说',
  '未知',
  '待定',
  '不太清楚',
  '说不清',
  '不一定',
  '或许',
  '待确认',
  '需要确认',
  '还不知道',
  '不晓得',
  '没想好',
  '看情况',
  '大概',
];

const LOOKUP = new Map<string, YesNo>([
  ...YES.map((w) => [w, 'yes'] as const),
  ...NO.map((w) => [w, 'no'] as const),
  ...UNSURE.map((w) => [w, 'unsure'] as const),
]);

// What may follow a short answer without changing it: "yes please", "no thanks", "是的呢".
const TRAILING_EN = /^(please|thanks|thank you|thx|sir|i think|i guess|we are|it is|it does|we do|indeed|of course)$/;
const PARTICLES_ZH = /[呢吧啊呀哦喔噢的了哈]+$/u;

/**
 * A short yes / no / not-sure answer in either language, or null for anything longer or
 * different ("we want to buy routers"). Case, punctuation (ASCII and full-width), emoji and
 * polite trailers are ignored.
 */
export function parseYesNo(text: string): YesNo | null {
  const s = bare(text);
  if (!s || s.length > 40) return null;
  const direct = LOOKUP.get(s) ?? LOOKUP.get(s.replace(PARTICLES_ZH, ''));
  if (direct) return direct;
  const words = s.split(' ');
  // "yes yes", "no, no", "是 是的": the same answer repeated.
  const each = words.map((w) => LOOKUP.get(w) ?? LOOKUP.get(w.replace(PARTICLES_ZH, '')));
  if (each.every((a) => a && a === each[0])) return each[0]!;
  // "yes, we are" / "no thanks": the answer, then filler.
  const first = each[0];
  if (first && TRAILING_EN.test(words.slice(1).join(' '))) return first;
  return null;
}
