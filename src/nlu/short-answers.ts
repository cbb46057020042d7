import { bare, normalise } from './normalise.js';

export type YesNo = 'yes' | 'no' | 'unsure';
export type Intent = 'start_review' | 'status' | 'help' | 'cancel' | 'greeting';

const YES = ['yes', 'y', 'yep', 'yeah', 'yup', 'ya', 'sure', 'correct', 'right', 'ok', 'okay', 'true', 'affirmative', 'indeed', 'of course',
  'yes it is', 'yes we are', 'yes it does', 'that is right', 'thats right', "that's right", 'exactly', 'confirm', 'confirmed',
  '是', '是的', '对', '对的', '有', '好', '好的', '确认', '没错', '正确', '嗯', '是滴', '对啊', '是啊', '确定', '属于', '会', '涉及', '对呀'];
const NO = ['no', 'n', 'nope', 'nah', 'not really', 'no it is not', 'no it does not', 'no we are not', 'false', 'negative', 'not at all', 'none',
  '否', '不是', '不', '没有', '无', '不对', '不会', '不属于', '不涉及', '没', '并不是', '不是的', '错'];
const UNSURE = ['unsure', 'not sure', "i'm not sure", 'im not sure', 'i am not sure', "don't know", 'dont know', 'do not know', 'i don\'t know',
  'i dont know', 'dunno', 'maybe', 'unknown', 'idk', 'no idea', 'not certain', 'perhaps', 'possibly', 'unclear', 'no clue', 'hard to say',
  '不确定', '不知道', '不清楚', '说不准', '可能', '也许', '不太确定', '不好说', '未知', '待定', '不太清楚', '说不清'];

const lookup = new Map<string, YesNo>([
  ...YES.map((w) => [w, 'yes'] as const),
  ...NO.map((w) => [w, 'no'] as const),
  ...UNSURE.map((w) => [w, 'unsure'] as const),
]);

/** A short yes / no / not-sure answer in either language; null for anything longer or different. */
export function parseYesNo(text: string): YesNo | null {
  const s = bare(text);
  if (!s || s.length > 40) return null;
  const direct = lookup.get(s);
  if (direct) return direct;
  // "yes, we are" / "no thanks" / "是的呢": judge by the first word when the rest is filler.
  const first = s.split(' ')[0]!;
  const rest = s.slice(first.length).trim();
  if (rest && /^(please|thanks|thank you|we are|it is|it does|i think|sir)$/.test(rest)) return lookup.get(first) ?? null;
  const zh = s.replace(/[呢吧啊呀哦喔的]+$/u, '');
  return lookup.get(zh) ?? null;
}

const INTENTS: [Intent, RegExp][] = [
  ['start_review', /^(\/?review|start( a)? review|new (review|check)|start( a)? check|check a purchase|does this need (a )?review|审查|开始审查|新检查|开始检查|我要申报|申报审查|发起审查|网络安全审查)$/],
  ['status', /^(status|my cases|cases|case status|show my cases|my open cases|状态|我的案件|进度|案件|案件状态|查看案件)$/],
  ['help', /^(help|\?|what can you do|how does this work|commands|帮助|怎么用|使用帮助|你能做什么|命令)$/],
  ['cancel', /^(cancel|stop|quit|abort|never mind|nevermind|forget it|取消|算了|退出|不用了|停止)$/],
  ['greeting', /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|你好|您好|在吗|哈喽|嗨|早上好|下午好|晚上好)( there| bot)?$/],
];

/** What a short message asks for, or null when it is not one of the known intents (e.g. a purchase description). */
export function detectIntent(text: string): Intent | null {
  if (/^\s*[?？]+\s*$/.test(text)) return 'help';
  const s = bare(text).replace(/^(please |请)/, '');
  if (s.length > 40) return null;
  for (const [intent, re] of INTENTS) if (re.test(s)) return intent;
  return null;
}

const LISTING = [
  /\bipo\b/, /\blist(ing|ed)?\b.*\b(abroad|overseas|exchange|nasdaq|nyse|new york|london|hong kong|us|u\.s\.)\b/, /\b(nasdaq|nyse)\b/,
  /\bgo(ing)? public\b/, /\bstock exchange\b/,
  /上市/, /纳斯达克/, /纽交所/, /港股/, /港交所/, /首次公开募股/, /招股/,
];

/** The message is about listing the company abroad rather than a purchase. */
export const mentionsListingAbroad = (text: string): boolean => {
  const s = normalise(text);
  return LISTING.some((re) => re.test(s));
};
