// Suppliers named in a request ("20 Huawei core routers", "采购浪潮服务器"): a short list of
// vendors that CIIOs commonly buy network products from, English and Chinese names. Used to
// pre-fill the intake's supplier; the person confirms or corrects it there.

const VENDORS: readonly (readonly [string, ...string[]])[] = [
  ['Huawei', 'huawei', '华为'],
  ['ZTE', 'zte', '中兴'],
  ['H3C', 'h3c', 'new h3c', '新华三', '华三'],
  ['Inspur', 'inspur', '浪潮'],
  ['Sugon', 'sugon', '曙光'],
  ['Lenovo', 'lenovo', '联想'],
  ['xFusion', 'xfusion', '超聚变'],
  ['Ruijie', 'ruijie', '锐捷'],
  ['FiberHome', 'fiberhome', '烽火'],
  ['Hikvision', 'hikvision', '海康威视', '海康'],
  ['Dahua', 'dahua', '大华'],
  ['Hytera', 'hytera', '海能达'],
  ['Sangfor', 'sangfor', '深信服'],
  ['Topsec', 'topsec', '天融信'],
  ['Qi An Xin', 'qianxin', 'qi an xin', '奇安信'],
  ['NSFOCUS', 'nsfocus', '绿盟'],
  ['Venustech', 'venustech', '启明星辰'],
  ['Hillstone', 'hillstone', '山石网科'],
  ['MacroSAN', 'macrosan', '宏杉'],
  ['Alibaba Cloud', 'alibaba cloud', 'aliyun', '阿里云'],
  ['Tencent Cloud', 'tencent cloud', '腾讯云'],
  ['Huawei Cloud', 'huawei cloud', '华为云'],
  ['Kingsoft Cloud', 'kingsoft cloud', '金山云'],
  ['China Telecom', 'china telecom', '中国电信', '天翼云'],
  ['China Mobile', 'china mobile', '中国移动', '移动云'],
  ['China Unicom', 'china unicom', '中国联通', '联通云'],
  ['Kingbase', 'kingbase', '人大金仓', '金仓'],
  ['DM', 'dameng', '达梦'],
  ['OceanBase', 'oceanbase'],
  ['TiDB', 'tidb', 'pingcap'],
  ['Yonyou', 'yonyou', '用友'],
  ['Kingdee', 'kingdee', '金蝶'],
  ['Cisco', 'cisco', '思科'],
  ['Juniper', 'juniper', '瞻博'],
  ['Nokia', 'nokia', '诺基亚'],
  ['Ericsson', 'ericsson', '爱立信'],
  ['Dell', 'dell', '戴尔'],
  ['HPE', 'hpe', 'hewlett packard', '惠普'],
  ['IBM', 'ibm'],
  ['Oracle', 'oracle', '甲骨文'],
  ['Microsoft', 'microsoft', '微软'],
  ['SAP', 'sap'],
  ['VMware', 'vmware'],
  ['NetApp', 'netapp'],
  ['Fortinet', 'fortinet', '飞塔'],
  ['Palo Alto Networks', 'palo alto'],
  ['Check Point', 'check point', 'checkpoint'],
  ['F5', 'f5'],
  ['Arista', 'arista'],
  ['Micron', 'micron', '美光'],
  ['Intel', 'intel', '英特尔'],
  ['Nvidia', 'nvidia', '英伟达'],
  ['AWS', 'aws', 'amazon web services', '亚马逊云'],
];

/** The vendor a request names first, as the person wrote it in their script (Huawei / 华为), or null. */
export function supplierNamed(text: string): string | null {
  const lower = text.toLowerCase();
  let best: { at: number; name: string } | null = null;
  for (const [canonical, ...names] of VENDORS) {
    for (const n of names) {
      const han = /\p{Script=Han}/u.test(n);
      const at = han ? lower.indexOf(n) : (new RegExp(`(?:^|[^a-z0-9])${n.replace(/ /g, '\\s+')}(?![a-z0-9])`).exec(lower)?.index ?? -1);
      if (at < 0) continue;
      const name = han ? n : canonical;
      // Earliest mention wins; at one place the longest name ("Huawei Cloud" over "Huawei").
      if (!best || at < best.at || (at === best.at && name.length > best.name.length)) best = { at, name };
    }
  }
  return best?.name ?? null;
}
