import type { Lang } from '../i18n/lang.js';

/**
 * Where a person's language can come from, most deliberate first: what they chose (`lang zh`,
 * stored), what the directory says, the conversation they are in, what their platform reports.
 */
export type LangSources = {
  chosen?: Lang | null | undefined;
  directory?: Lang | null | undefined;
  conversation?: Lang | null | undefined;
  platform?: Lang | null | undefined;
};

/** The person's language when any source knows it; null when only their words could tell. */
export const preferredLang = (s: LangSources): Lang | null => s.chosen ?? s.directory ?? s.conversation ?? s.platform ?? null;

/** The person's language, falling back to what their text is written in (or English). */
export const resolveLang = (s: LangSources, detected?: () => Lang): Lang => preferredLang(s) ?? detected?.() ?? 'en';
