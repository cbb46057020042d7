import { normalise } from './normalise.js';

// Is the message about the company listing its shares (Art. 7) rather than a purchase? A
// false "yes" only makes the bot ask the listing question; a false "no" would skip it, so
// any IPO or listing counts (Hong Kong and domestic boards too), but 上市 in the sense of a
// product launch ("新上市的服务器") and "上市公司" (a supplier that is listed) do not.

const EN = [
  /\bipos?\b/,
  /\bgo(ing|es)? public\b/,
  /\b(nasdaq|nyse|hkex|sgx|lse)\b/,
  /\bstock (exchange|market)\b/,
  /\b(overseas|foreign|dual|secondary|us|u\.s\.|hong kong) listing\b/,
  /\blist(ing|ed)?\b(?!\s+of\b).{0,40}\b(abroad|overseas|new york|hong kong|london|singapore|the us|the u\.s\.|the united states|star market|exchange)\b/,
  /\b(public offering|listing application|prospectus|f-1 filing|spac)\b/,
];

const PLACES = '(海外|境外|国外|美国|美股|赴美|纳斯达克|纽交所|纽约|香港|港股|港交所|赴港|伦敦|新加坡|科创板|创业板|北交所|主板|a股|上交所|深交所|证券交易所)';
const ZH = [
  new RegExp(`${PLACES}.{0,12}上市`),
  new RegExp(`上市.{0,6}${PLACES}`),
  /(计划|准备|拟|申请|筹备|推进|谋求|启动|冲刺|递表|争取|赴|去|到)上市/,
  /上市(计划|申请|材料|文件|进程|辅导|备案|前)/,
  /首次公开(发行|募股)|招股(书|说明书)?|递表|ipo/,
  /(纳斯达克|纽交所|港交所|港股|美股)/,
];
const NOT_LISTING_ZH = /上市公司|(新品|新|刚|即将|已经)上市的|上市(的|新品)(产品|新品|型号|机型|设备|服务器|交换机|版本)/g;

export function mentionsListingAbroad(text: string): boolean {
  const s = normalise(text);
  if (EN.some((re) => re.test(s))) return true;
  const zh = s.replace(NOT_LISTING_ZH, ' ');
  return ZH.some((re) => re.test(zh));
}
