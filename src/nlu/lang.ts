import type { Lang } from '../i18n/lang.js';

const HAN = /\p{Script=Han}/u;

/** Any Chinese character makes a message Chinese (DESIGN: the language follows the first message). */
export const detectLang = (text: string): Lang => (HAN.test(text) ? 'zh-CN' : 'en');
