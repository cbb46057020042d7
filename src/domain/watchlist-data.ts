import type { WatchEntry } from './watchlist.js';

// The watchlist the project ships: only decisions with an official source (domain.md §9).
// Reports of other reviews that no official publication confirms are left out; an operator
// can add entries of their own (REVIEW_BOT_WATCHLIST), each with its source.

export const SHIPPED_WATCHLIST: readonly WatchEntry[] = [
  {
    id: 'micron-2023',
    // Micron Technology, its Chinese names (美光; 镁光 as buyers often write it) and its consumer brand Crucial (英睿达).
    names: ['Micron', '美光', '镁光', 'Crucial', '英睿达'],
    // 美光 and 镁光 also occur inside ordinary words: 完美光线, 欧美光模块, 美光纤, 镁光灯 (a flash lamp);
    // "micron" is also the unit (a 5 micron filter).
    except: [
      'micron filter',
      'micron mesh',
      'micron particle',
      'micron rating',
      'micron thick',
      'micron size',
      'micron pore',
      '完美光',
      '精美光',
      '优美光',
      '甜美光',
      '华美光',
      '欧美光',
      '中美光',
      '北美光',
      '南美光',
      '美光纤',
      '美光伏',
      '美光缆',
      '美光线',
      '美光泽',
      '美光源',
      '镁光灯',
      '镁光棒',
      '镁光弹',
    ],
    subject: { en: 'Micron products sold in China', 'zh-CN': '美光公司在华销售的产品' },
    decision: {
      en: 'The Cybersecurity Review Office, which started reviewing them on 2023-03-31, announced that they failed the cybersecurity review (serious hidden network-security problems, major risks to the critical information infrastructure supply chain): critical information infrastructure operators should stop purchasing Micron products.',
      'zh-CN':
        '网络安全审查办公室于2023年3月31日对其启动网络安全审查，审查发现美光公司产品存在较严重网络安全问题隐患，对关键信息基础设施供应链造成重大安全风险，作出不予通过网络安全审查的结论：关键信息基础设施的运营者应停止采购美光公司产品。',
    },
    source: '网络安全审查办公室《美光公司在华销售的产品未通过网络安全审查》，国家互联网信息办公室网站 www.cac.gov.cn，2023-05-21',
    date: '2023-05-21',
  },
];
