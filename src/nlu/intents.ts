import { bare } from './normalise.js';

export type Intent = 'start_review' | 'status' | 'help' | 'cancel' | 'greeting';

// Whole-message patterns over bare() text (lower case, punctuation gone). Only short, clear
// messages match; a purchase description never does.
const INTENTS: readonly (readonly [Intent, RegExp])[] = [
  [
    'start_review',
    new RegExp(
      `^(${[
        'review',
        'start',
        'begin',
        'start( a| the)? (new )?(review|check|case)',
        'begin( a)? (review|check)',
        'new (review|check|case|request)',
        '(i want|i would like|id like|i need) to (start|begin|open|request) a (new )?(review|check|case)',
        'check (a|my) purchase',
        'lets start',
        'does (this|my purchase) need (a )?review',
        'start triage',
        'triage',
        '审查',
        '开始审查',
        '我要审查',
        '我要申报',
        '申报',
        '开始申报',
        '发起审查',
        '发起申报',
        '新建审查',
        '新审查',
        '新的审查',
        '新检查',
        '开始检查',
        '开始',
        '网络安全审查',
        '审查一下',
        '我想申报',
        '申请审查',
        '开始吧',
      ].join('|')})$`,
    ),
  ],
  [
    'status',
    new RegExp(
      `^(${[
        'status',
        'my status',
        'case status',
        'status of my case(s)?',
        'my cases',
        'my case',
        'cases',
        'show( me)? my cases',
        'list my cases',
        'my open cases',
        'open cases',
        'check status',
        'show status',
        'where is my case',
        'progress',
        'my progress',
        '状态',
        '我的案件',
        '案件',
        '案件状态',
        '查看案件',
        '我的申报',
        '进度',
        '查看进度',
        '案件进度',
        '申报进度',
        '我的进度',
        '审查进度',
        '我的审查',
      ].join('|')})$`,
    ),
  ],
  [
    'help',
    new RegExp(
      `^(${[
        'help',
        'help me',
        'help please',
        'what can you do',
        'how does this work',
        'how do i use this',
        'how to use',
        'commands',
        'menu',
        'usage',
        'instructions',
        '帮助',
        '帮忙',
        '怎么用',
        '如何使用',
        '使用帮助',
        '使用说明',
        '你能做什么',
        '命令',
        '菜单',
        '帮我',
        '说明',
      ].join('|')})$`,
    ),
  ],
  [
    'cancel',
    new RegExp(
      `^(${[
        'cancel',
        'cancel it',
        'cancel that',
        'cancel this',
        'stop',
        'stop it',
        'quit',
        'exit',
        'abort',
        'never mind',
        'nevermind',
        'forget it',
        'end',
        '取消',
        '算了',
        '退出',
        '不用了',
        '不要了',
        '停止',
        '结束',
        '取消吧',
        '算了吧',
        '不做了',
        '不弄了',
      ].join('|')})$`,
    ),
  ],
  [
    'greeting',
    new RegExp(
      `^(${[
        '(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day))( there| bot| team| all)?',
        'hello world',
        '你好',
        '您好',
        '你好呀',
        '你好啊',
        '在吗',
        '在不在',
        '哈喽',
        '嗨',
        '早',
        '早上好',
        '上午好',
        '中午好',
        '下午好',
        '晚上好',
        '大家好',
        'hi你好',
      ].join('|')})$`,
    ),
  ],
];

/** What a short message asks for, or null when it is not one of the known intents (e.g. a purchase description). */
export function detectIntent(text: string): Intent | null {
  if (/^\s*[?？]+\s*$/.test(text)) return 'help';
  const s = bare(text)
    .replace(/^(please |pls |请|麻烦)/, '')
    .trim();
  if (!s || s.length > 40) return null;
  // "算了" keeps its 了; "开始吧" and "在吗呀" lose the particle.
  for (const candidate of [s, s.replace(/[吧啊呀哦呢了]+$/u, '')]) {
    for (const [intent, re] of INTENTS) if (re.test(candidate)) return intent;
  }
  return null;
}
