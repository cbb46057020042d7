import { t, type Lang } from '../../src/i18n/index.js';
import type { Labels } from './outbound.js';

/** The catalogue's words around engine messages on Teams cards, in one language (src/i18n/messages/platform.ts). */
export const teamsLabels = (lang: Lang): Omit<Labels, 'owner'> => ({
  openForm: t(lang, 'platform.open_form'),
  reasons: t(lang, 'platform.reasons'),
  warnings: t(lang, 'platform.warnings'),
  choose: t(lang, 'platform.choose'),
  submitChoice: t(lang, 'platform.submit_choice'),
  confirmSuggestion: t(lang, 'platform.confirm_suggestion'),
  suggested: (label) => t(lang, 'platform.suggested_choice', { label }),
});
