import type { Nlu } from '../../src/engine/index.js';

/**
 * A deterministic stand-in for the language layer, so engine tests pin engine behaviour
 * and not the classifier's. Keywords map to categories with a fixed confidence; a list is
 * split on commas and "and"; questions are the ones the tables use.
 */
export function fakeNlu(
  categories: Record<string, string> = {
    router: 'core_network_equipment',
    路由器: 'core_network_equipment',
    chairs: 'not_network_product',
    'base station': 'important_communication_products',
    laptops: 'other_network_product',
    firewalls: 'network_security_equipment',
  },
): Nlu {
  const one = (text: string) => {
    const hit = Object.entries(categories).find(([k]) => text.toLowerCase().includes(k));
    return hit ? { category: hit[1], confidence: 0.99 } : null;
  };
  const items = (text: string) =>
    text.split(/,|\band\b/).flatMap((part) => {
      const g = one(part);
      const q = /\b(\d+)\b/.exec(part);
      return g ? [{ text: part.trim(), ...g, quantity: q ? Number(q[1]) : null }] : [];
    });
  const order = (c: string) => (c === 'not_network_product' ? 0 : c === 'other_network_product' ? 1 : 2);
  return {
    classify: (text) => {
      const lang = /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
      const found = items(text).sort((a, b) => order(b.category) - order(a.category))[0];
      return { category: found?.category ?? 'other_network_product', confidence: found ? 0.99 : 0.2, lang };
    },
    items,
    confidentAt: 0.8,
    yesNo: (text) => {
      const s = text.trim().toLowerCase();
      if (['yes', 'y', '是', '对', 'yeah'].includes(s)) return 'yes';
      if (['no', 'n', '否', '不是'].includes(s)) return 'no';
      if (['not sure', 'unsure', '不确定', '不知道', 'maybe', '可能吧'].includes(s)) return 'unsure';
      return null;
    },
    hedged: (text) => ['maybe', '可能吧'].includes(text.trim().toLowerCase()),
    question: (text) => {
      const s = text.trim().toLowerCase();
      if (s === 'what is a ciio?' || s === '什么是关键信息基础设施？') return { topics: ['ciio'], unsure: false };
      if (s === 'not sure what ciio means') return { topics: ['ciio'], unsure: true };
      if (s === 'what counts as important communication products?') return { topics: ['important_communication_products'], unsure: false };
      if (s === 'is a base station an important communication product?') return { topics: ['important_communication_products'], unsure: false };
      if (s === 'what does this mean?') return { topics: [], unsure: false };
      return null;
    },
    intent: (text) => (/^(hi|hello|你好)$/i.test(text.trim()) ? 'greeting' : null),
    matter: (text) => {
      if (/listing|ipo|上市/i.test(text))
        return { matter: 'listing', venue: /hong kong|香港/i.test(text) ? 'hong_kong' : /new york|nasdaq|美国/i.test(text) ? 'abroad' : null };
      if (/our platform processes|平台处理/i.test(text)) return { matter: 'data_processing', venue: null };
      return { matter: /\b(buy|bought|purchase|procure)\b|采购|购买|买/i.test(text) ? 'purchase' : null, venue: null };
    },
    detectLang: (text) => (/\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en'),
  };
}
