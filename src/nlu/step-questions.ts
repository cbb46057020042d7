import { bare, normalise } from './normalise.js';

// At a question, people ask back: "what is a CIIO?", "什么是关键信息基础设施？", "what counts as
// important communication products?", "not sure what CIIO means". That is a question, not a
// wrong answer. detectQuestion says so, and what it is about (the ids of the triage facts and
// the categories), so the engine can show the explanation of that step or choice.

/** What a question at a step is about: fact/step ids and category ids, most specific first. */
export type StepQuestion = {
  topics: string[];
  /** The person also says they do not know ("not sure what CIIO means", "不知道什么是关基"). */
  unsure: boolean;
};

const TOPICS: readonly (readonly [string, RegExp])[] = [
  // categories first: "what counts as important communication products" is about that category
  [
    'important_communication_products',
    /important communication|communication products?|重要通信|通信产品|base stations?|基站|trunk(ed|ing) radio|集群通信|microwave|微波|satellite|卫星/,
  ],
  ['core_network_equipment', /core network|核心网络|核心网|core (routers?|switch(es)?)|核心(路由|交换)/],
  ['hpc_servers', /high[- ]performance|supercomput|servers?\b|高性能|服务器/],
  ['large_storage', /(large|mass)[- ]capacity|storage|大容量|存储/],
  ['large_database_software', /databases?|application software|数据库|应用软件/],
  ['network_security_equipment', /security (equipment|products?|services?|devices?)|firewalls?|安全设备|安全服务|防火墙/],
  ['cloud_services', /cloud|云计算|云服务/],
  ['other_network_product', /other network|其他网络/],
  ['not_network_product', /not (a )?network product|non[- ]network|非网络/],
  ['category', /categor(y|ies)|类别|network products?( (and|or) services?)?|网络产品/],
  // facts
  ['ciio', /\bciios?\b|\bcii\b|critical information infrastructure|关键信息基础设施|关基|运营者/],
  ['affects_national_security', /national security|国家安全|risk factors?|风险因素|affect/],
  ['personal_info_users_over_1m', /personal (info|information|data)|million users|1 ?million|100 ?万|一百万|个人信息/],
  ['listing_venue', /hong kong|香港|港股|venue|exchange|交易所/],
  ['matter', /listing|\bipo\b|上市|data processing|数据处理/],
];
const TOPIC_STEPS: Record<string, readonly string[]> = { matter: ['matter', 'listing_abroad'] };

// Asking for a meaning or a boundary, in either language.
const DEFINITION =
  /\b(what('?s| is| are| does| do| counts?| exactly| kind| sort| type)|which|meaning|means?|mean by|define|definition|explain|stands? for|counts? as|included|include|belong|fall under|covered|examples?)\b|什么|啥|哪些|哪个|哪类|哪种|何谓|何为|指的是|指什么|意思|含义|定义|解释|算不算|算是|属于|包括|包含|举例|怎么算|怎么理解|如何理解|怎么判断|如何判断/;
const INTERROGATIVE =
  /^(what|which|how|why|who|where|when|does|do|is|are|can|could|should|would|will|isn'?t|doesn'?t|any)\b|[?？]\s*$|[吗么呢嘛]\s*[?？]?\s*$|什么|啥|哪|怎么|如何|为什么|是否|是不是|算不算|有没有|请问|何谓|何为/;
const UNSURE = /\b(not sure|unsure|don'?t know|do not know|no idea|no clue|not certain|dunno|idk)\b|不确定|不知道|不清楚|不太清楚|不晓得|说不准/;
const NOT_UNDERSTOOD = /\b(don'?t|do not) (understand|get)\b|不懂|不明白|不理解|没看懂|看不懂/;

/** A question about the step or its terms, or null when the text reads as an answer. */
export function detectQuestion(text: string): StepQuestion | null {
  const s = normalise(text);
  if (!s || s.length > 200) return null;
  const unsure = UNSURE.test(s);
  const topics: string[] = [];
  for (const [id, re] of TOPICS) if (re.test(s)) topics.push(...(TOPIC_STEPS[id] ?? [id]));
  const interrogative = INTERROGATIVE.test(s);
  const asking =
    (DEFINITION.test(s) && (interrogative || unsure || /\b(explain|define|meaning)\b|解释|定义|含义|意思/.test(s))) ||
    // "is a VPN gateway security equipment?": a question naming a term of the check
    (interrogative && topics.length > 0);
  if (!asking && !NOT_UNDERSTOOD.test(s)) return null;
  return { topics, unsure };
}

const HEDGES = new Set([
  'maybe',
  'perhaps',
  'possibly',
  'probably',
  'might be',
  'could be',
  'maybe yes',
  'maybe not',
  'probably not',
  'probably yes',
  'i think so',
  'i guess so',
  'i guess',
  'sort of',
  'kind of',
  'kinda',
  'likely',
  'not really sure',
  'maybe maybe',
  '可能',
  '也许',
  '或许',
  '大概',
  '应该是',
  '应该',
  '说不定',
  '有可能',
  '差不多',
  '估计是',
  '估计',
  '好像是',
  '好像',
  '可能是',
  '可能不是',
  '可能会',
  '也许是',
  '大概是',
]);

/** A hedged answer ("maybe", "可能吧"): neither yes nor no, and not a plain "not sure" either. */
export function isHedge(text: string): boolean {
  const s = bare(text)
    .replace(/[吧吧啊呀哦呢的了]+$/u, '')
    .trim();
  return HEDGES.has(s);
}
