import type { Lang } from './lang.js';
import common from './messages/common.js';
import engine from './messages/engine.js';
import triage from './messages/triage.js';
import runtime from './messages/runtime.js';
import intake from './messages/intake.js';
import platform from './messages/platform.js';
import pack from './messages/pack.js';
import cases from './messages/cases.js';
import teams from './messages/teams.js';
import terminal from './messages/terminal.js';
import calendar from './messages/calendar.js';
import clock from './messages/clock.js';
import watchlist from './messages/watchlist.js';
import measures2020 from './messages/measures-2020.js';
import reminders from './messages/reminders.js';
import actions from './messages/actions.js';

export { LANGS, parseLang, type Lang } from './lang.js';
export { chineseNumeral } from './numerals.js';

// Every area's catalogue, merged. Add an area here when you add a file under messages/.
const areas = [
  common,
  engine,
  triage,
  runtime,
  intake,
  platform,
  pack,
  cases,
  teams,
  terminal,
  calendar,
  clock,
  watchlist,
  measures2020,
  reminders,
  actions,
] as const;

type Union<T> = T extends readonly (infer U)[] ? U : never;
type KeysOf<A> = A extends { en: infer E } ? keyof E : never;
export type MessageKey = KeysOf<Union<typeof areas>> & string;
export type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<string, string>> = { en: {}, 'zh-CN': {} };
for (const area of areas) {
  Object.assign(catalogues.en, area.en);
  Object.assign(catalogues['zh-CN'], area['zh-CN']);
}

/** Look up a message and fill `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogues[lang][key] ?? catalogues.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const hasMessage = (key: string): key is MessageKey => key in catalogues.en;
/** True when the key has non-empty text in that language (the flow checker's test). */
export const isTranslated = (key: string, lang: Lang): boolean => (catalogues[lang][key] ?? '').trim() !== '';
/** Every key of a language's catalogue (the wording tests read them all; the property tests check replies against them). */
export const allKeys = (lang: Lang): string[] => Object.keys(catalogues[lang]);
