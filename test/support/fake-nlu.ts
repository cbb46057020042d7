import type { Nlu } from '../../src/engine/index.js';

/**
 * A deterministic stand-in for the language layer, so engine tests pin engine behaviour
 * and not the classifier's. Keywords map to categories with a fixed confidence.
 */
export function fakeNlu(categories: Record<string, string> = { router: 'core_network_equipment', 路由器: 'core_network_equipment', chairs: 'not_network_product' }): Nlu {
  return {
    classify: (text) => {
      const hit = Object.entries(categories).find(([k]) => text.toLowerCase().includes(k));
      return { category: hit?.[1] ?? 'other_network_product', confidence: hit ? 0.99 : 0.2, lang: /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en' };
    },
    confidentAt: 0.8,
    yesNo: (text) => {
      const s = text.trim().toLowerCase();
      if (['yes', 'y', '是', '对'].includes(s)) return 'yes';
      if (['no', 'n', '否', '不是'].includes(s)) return 'no';
      if (['not sure', 'unsure', '不确定', '不知道'].includes(s)) return 'unsure';
      return null;
    },
    intent: (text) => (/^(hi|hello|你好)$/i.test(text.trim()) ? 'greeting' : null),
    mentionsListingAbroad: (text) => /listing|ipo|上市/i.test(text),
    detectLang: (text) => (/\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en'),
  };
}
