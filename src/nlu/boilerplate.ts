// What OA request forms and tender documents wrap around a product: field labels, the values
// of fields that say nothing about the product (department, requester, budget, dates), and
// tender formulas. "申请部门：网络安全部" names a department, not a security product, and
// "Bidders shall supply" is in every tender. Works on normalise()d text.

// Fields whose values describe the product (kept) and fields whose values do not (dropped).
const KEEP_ZH =
  '申请事项|采购事项|采购内容|采购需求|项目名称|项目内容|品名|名称|产品名称|产品|设备名称|规格型号|规格|型号|用途|用途说明|需求说明|备注|说明|供应商|厂商|品牌';
const DROP_ZH =
  '数量|预算|预算金额|金额|单价|总价|合计|申请部门|需求部门|使用部门|部门|申请人|经办人|联系人|联系电话|电话|邮箱|期限|服务期|交付时间|交付日期|到货时间|完成时间|资金来源|采购方式|日期|申请日期|审批人|紧急程度|优先级|编号|单号|申请单号';
const KEEP_EN =
  'request|requested item|item|items|subject|description|product|products|model|models|spec|specs|specification|purpose|use|usage|remarks|notes|note|comments|supplier|vendor|brand|project|need';
const DROP_EN =
  'qty|quantity|quantities|budget|amount|price|unit price|total|cost|dept|department|team|requester|requested by|applicant|contact|phone|tel|email|period|term|duration|delivery|delivery date|due|date|funding|procurement method|method|priority|ref|reference|no|id|cost centre|cost center';

// "label：value" up to the next field separator. Values stop at ；; or a newline, or at the next label.
const FIELD = new RegExp(
  `(^|[;；\\n,，|/]\\s*)(${KEEP_ZH}|${DROP_ZH}|${KEEP_EN}|${DROP_EN})\\s*[:：]\\s*([^;；\\n|]*?)(?=\\s*(?:[;；\\n|]|[,，]\\s*(?:${KEEP_ZH}|${DROP_ZH}|${KEEP_EN}|${DROP_EN})\\s*[:：]|$))`,
  'g',
);
const DROPPED = new RegExp(`^(${DROP_ZH}|${DROP_EN})$`);

const TENDER = [
  // Chinese tender and OA formulas
  /本(项目|次采购|次招标|次申请)(为|是|包括|包含|内容为|拟|采购)?/g,
  /(采用|通过)?(公开招标|邀请招标|竞争性谈判|竞争性磋商|单一来源|询价)(采购)?(方式)?/g,
  /(投标人|供应商|中标人|响应人)(须|需|应|必须|应当)(具备|提供|具有|满足|承诺|负责)?/g,
  /欢迎符合(资格|条件)的(供应商|投标人)参加(投标)?/g,
  /(原厂)?[一二三四五六七八九十\d]+年(原厂)?(质保|保修|维保服务)/g,
  /(含|包括|包含)?(安装调试|安装|调试|培训|运输)(服务)?/g,
  /采购项目|建设项目|招标项目|招标公告|采购公告/g,
  // English tender formulas
  /\b(the )?(purchaser|buyer|employer|client|owner) invites (sealed )?(bids|tenders|offers|quotations) (for|from)( the)?( (supply|provision|procurement|delivery))?( and installation)?( of)?/g,
  /\b(bidders?|tenderers?|suppliers?|contractors?|vendors?|the service provider|the supplier|the contractor) (shall|must|should|will|is to|are to)( (supply|provide|deliver|offer|furnish))?/g,
  /\b(the|this) (tender|procurement|project|contract|lot|rfp|rfq|scope) (is for|covers|includes|comprises|concerns|relates to)( the)?( (supply|provision|procurement|delivery))?( and installation)?( of)?/g,
  /\bprocurement of\b/g,
  /\b(lot|package|section) \d+\b/g,
  /\b(including |incl\.? |with )?(installation|commissioning|rails|shipping|delivery)( and (installation|commissioning|training))?\b/g,
  /\b(\d+|one|two|three|four|five)[- ]years?( of)? (onsite |on-site )?(warranty|guarantee|support|maintenance)\b/g,
];

const TENDER_CUES =
  /本|招标|谈判|磋商|单一来源|询价|投标|供应商|中标|响应人|欢迎|质保|保修|维保|安装|调试|培训|运输|项目|公告|\b(?:invites|bidders?|tenderers?|suppliers?|contractors?|vendors?|provider|tender|procurement|project|contract|lot|rfp|rfq|scope|package|section|installation|commissioning|rails|shipping|delivery|warranty|guarantee|years?)\b/u;

/** The text without OA field labels, non-product field values and tender formulas. */
export function stripBoilerplate(text: string): string {
  let s = /[:：]/.test(text)
    ? text.replace(FIELD, (_m, lead: string, label: string, value: string) => {
        const sep = lead.trim() ? ' ; ' : ' ';
        return DROPPED.test(label.trim()) ? sep : `${sep}${value} `;
      })
    : text;
  if (!TENDER_CUES.test(s)) return s;
  for (const re of TENDER) s = s.replace(re, ' ');
  return s.replace(/\s+/g, ' ').trim();
}
