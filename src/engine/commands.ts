import { parseLang, type Lang } from '../i18n/lang.js';

/** Commands available at every step, in English and Chinese (DESIGN.md, Engine). */
export type Command =
  | { type: 'back' }
  | { type: 'edit'; step: string }
  | { type: 'restart' }
  | { type: 'cancel' }
  | { type: 'help' }
  /** `about`: "why 2020" / "what about the 2020 measures?" asks how the 2020 Measures differed. */
  | { type: 'why'; about?: 'measures_2020' }
  | { type: 'status' }
  | { type: 'review' }
  | { type: 'lang'; lang: Lang | null };

const WORDS: Record<Exclude<Command['type'], 'edit' | 'lang'>, readonly string[]> = {
  back: ['back', 'go back', 'previous', '返回', '上一步', '后退'],
  restart: ['restart', 'start over', '重新开始', '重来', '重新来'],
  cancel: ['cancel', 'quit', 'exit', 'stop', '取消', '算了', '退出'],
  help: ['help', '?', '？', 'commands', '帮助', '怎么用', '命令'],
  why: ['why', 'why?', 'explain', '为什么', '为何', '原因', '依据'],
  status: ['status', 'my cases', 'cases', '状态', '我的案件', '进度', '案件'],
  review: ['review', 'new', 'start', 'check', '审查', '开始', '新检查', '开始审查'],
};
const EDIT = ['edit', 'change', '修改', '编辑', '更改'];
const LANG = ['lang', 'language', '语言', '切换语言'];

const normalise = (text: string) =>
  text
    .trim()
    .replace(/^[/／]/, '')
    .replace(/[.!。！]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();

const WHY_2020 = /^(why|explain|为什么|为何|原因|依据)\s*2020(\s*(measures?|version|年版?|版|办法|年版办法))?\s*[?？]?$/;
// A question about the 2020 Measures: the year with a word for the rules, short enough to be a question, not a description.
const ABOUT_2020 =
  /\b2020\b.{0,30}\b(measures?|rules|version|regulation)\b|\b(old|previous|earlier|former) (measures|rules|version)\b|2020\s*年?版?.{0,12}(办法|规定|版本)|(旧版|老版|之前的|以前的)(办法|审查办法)/;

const ASKING = /[?？]|\b(what|how|which|differ|difference|different|changed?|compare|explain)\b|区别|不同|差异|变化|有什么|什么|怎么|如何|吗|呢|对比|比较/;

/** Exact command words only: "no" or a sentence is never mistaken for a command. */
export function parseCommand(text: string): Command | null {
  const s = normalise(text);
  if (WHY_2020.test(s) || (s.length <= 120 && ABOUT_2020.test(s) && ASKING.test(s))) return { type: 'why', about: 'measures_2020' };
  for (const [type, words] of Object.entries(WORDS)) {
    if (words.includes(s)) return { type } as Command;
  }
  for (const w of EDIT) {
    if (s.startsWith(w)) {
      const rest = s.slice(w.length).trim();
      if (rest && (/^[a-z]/.test(w) ? s[w.length] === ' ' : true)) return { type: 'edit', step: rest };
    }
  }
  for (const w of LANG) {
    if (s === w) return { type: 'lang', lang: null };
    if (s.startsWith(w)) {
      const rest = s.slice(w.length).trim();
      if (/^[a-z]/.test(w) && s[w.length] !== ' ') continue;
      return { type: 'lang', lang: parseLang(rest) };
    }
  }
  return null;
}

/**
 * Words that end a terminal session (the conversation is kept and resumes next time). Chat
 * platforms have no session to leave, so there they cancel the check in progress.
 */
export const isLeaveWord = (text: string): boolean => ['quit', 'exit', '退出'].includes(normalise(text));

/** Looks like an attempted command ("/foo"), so an unknown one gets a clear message. */
export const looksLikeCommand = (text: string) => /^\s*[/／]\S/.test(text);
