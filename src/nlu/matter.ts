import { mentionsListingAbroad } from './listing.js';
import type { MatterSeen } from '../engine/index.js';
import { normalise } from './normalise.js';

// What a first message is about, when it makes that clear: the company listing its shares (and
// where), a network platform operator's data processing, or a purchase (words for buying). A
// message that says none of these says nothing (the flow may still see a purchase in a product
// the classifier recognises). A wrong guess costs one `edit`; a listing or data-processing guess
// skips the purchase questions, so those guesses need clear words.

// Places that are abroad for Art. 7 (国外上市). "Overseas" / 境外 / 海外 are left open: in Chinese
// usage they include Hong Kong, so the venue question is still asked.
const ABROAD_EN =
  /\b(abroad|foreign|new york|nyse|nasdaq|the us|the u\.s\.|the united states|us (ipo|listing|exchange|market)|u\.s\. (ipo|listing)|america|london|lse|singapore|sgx|frankfurt|tokyo|switzerland|swiss|zurich|gdr|ads|adr)\b/;
const ABROAD_ZH = /国外|美国|美股|赴美|纳斯达克|纽交所|纽约|伦敦|新加坡|法兰克福|东京|瑞士|德国|日本|英国|gdr/;
const HONG_KONG = /\b(hong kong|hkex|hkse|hk (ipo|listing|exchange))\b|香港|港股|港交所|联交所|赴港|在港/;

/** Where a listing is, when the message names it; both named (a dual listing) counts as abroad. */
function venueOf(s: string): MatterSeen['venue'] {
  if (ABROAD_EN.test(s) || ABROAD_ZH.test(s)) return 'abroad';
  if (HONG_KONG.test(s)) return 'hong_kong';
  return null;
}

// The platform's own processing of data, not the purchase of something that processes data.
const PROCESSING_EN = [
  /\b(our|the) (platform|app|apps|service)('?s)? (data processing|processing of (personal |user |customer )?(data|information))\b/,
  /\bdata processing (activities|activity|operations)\b/,
  /\b(we|our platform|our app|the platform) (process|processes|collect|collects|share|shares|transfer|transfers|export|exports) (the )?(personal|user|users'?|customer|customers'?|important|core)? ?(data|information)\b/,
  /\b(cross[- ]border|outbound) (data|transfer of (personal )?(data|information))\b|\bdata (export|transfer) (abroad|overseas|out of china)\b/,
  /\bprocess(ing)? (personal|user|customer) (data|information) of (over |more than )?\d/,
];
const PROCESSING_ZH = [
  /(平台|我们|公司|app|应用).{0,8}(的)?数据处理(活动)?/,
  /数据处理活动/,
  /(处理|收集|共享|汇聚|分析|使用)(了)?.{0,6}(用户|个人|客户|重要|核心)(数据|信息)/,
  /数据出境|向境外提供(数据|个人信息|用户数据)|跨境(传输|提供)?(数据|个人信息)/,
];
const BUYING =
  /\b(buy|buying|bought|purchas\w*|procur\w*|order(ing)?|licen[cs]es?|subscri\w*|renew\w*|quote|tender|rfq|rfp|vendor|supplier)\b|采购|购买|购置|采买|买|招标|询价|续费|续订|订购|供应商|厂商/;

export function detectMatter(text: string): MatterSeen {
  const s = normalise(text);
  if (!s) return { matter: null, venue: null };
  if (mentionsListingAbroad(text)) return { matter: 'listing', venue: venueOf(s) };
  const processing = PROCESSING_EN.some((re) => re.test(s)) || PROCESSING_ZH.some((re) => re.test(s));
  // "in order to" is no order placed.
  const buying = BUYING.test(s.replace(/\bin order (to|that|for)\b/g, ' '));
  if (processing && !buying) return { matter: 'data_processing', venue: null };
  return { matter: buying ? 'purchase' : null, venue: null };
}
