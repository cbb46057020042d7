import { defineMessages } from '../define.js';

// "What about the 2020 Measures?": how they differed from the 2022 Measures the bot applies (domain.md §1).
export default defineMessages({
  en: {
    'measures2020.header':
      'The bot applies the Cybersecurity Review Measures of 2022, in force since 2022-02-15; the 2020 Measures applied from 2020-06-01 until then. How the 2020 Measures differed:',
    'measures2020.scope':
      "Scope: the 2020 Measures covered only critical information infrastructure operators buying network products and services; the 2022 Measures also cover a network platform operator's data processing that affects or may affect national security.",
    'measures2020.purchase_same':
      "For a CIIO's purchase the duty was the same: predict the national-security risk, apply when the product or service affects or may affect national security, and bind the supplier to the same three commitments.",
    'measures2020.products':
      'The 2020 product list did not name important communication products, and its catch-all covered only products and services that matter to the security of critical information infrastructure.',
    'measures2020.important_communication':
      'Important communication products, the category of this purchase, were not named in the 2020 product list; they were added in 2022 (the 2020 catch-all could still cover them where they matter to critical information infrastructure security).',
    'measures2020.listing':
      'The 2020 Measures had no listing trigger: the duty of a network platform operator holding personal information of more than 1 million users to apply before listing abroad, and the listing documents among the materials, are new in 2022.',
    'measures2020.csrc':
      'The China Securities Regulatory Commission joined the review work mechanism in 2022: the 2020 Measures were issued by the CAC with 11 other departments, the 2022 Measures with 12.',
    'measures2020.data_processing':
      "The 2020 Measures did not cover data processing: a network platform operator's data processing came within the review with the 2022 Measures.",
    'measures2020.risk_factors':
      "Risk factors: the 2020 list had today's items 1–4 and 7; the theft or leak of core data, important data or large volumes of personal information was only part of its first item, and the risks of a listing (today's item 6) were not there.",
    'measures2020.timeline':
      'Timeline: deciding whether to review (10 working days) and the preliminary review (30 working days, +15 if complex) were the same; a special review took 45 working days in 2020 and takes 90 now, extendable in both.',
    'measures2020.unchanged': 'None of this changes the decision of this check: it follows the 2022 Measures.',
    'measures2020.title': 'The 2020 Measures',
  },
  'zh-CN': {
    'measures2020.header':
      '本助手适用2022年2月15日起施行的《网络安全审查办法》；2020年版《办法》自2020年6月1日起施行，于2022年2月15日废止。2020年版的不同之处：',
    'measures2020.scope':
      '适用范围：2020年版仅适用于关键信息基础设施运营者采购网络产品和服务；现行《办法》还涵盖网络平台运营者开展数据处理活动，影响或者可能影响国家安全的情形。',
    'measures2020.purchase_same':
      '关键信息基础设施运营者采购的义务相同：预判国家安全风险，影响或者可能影响国家安全的应当申报，并要求提供者作出同样的三项承诺。',
    'measures2020.products': '2020年版的产品和服务范围未列明重要通信产品，兜底条款也仅限于关系关键信息基础设施安全的产品和服务。',
    'measures2020.important_communication':
      '本次采购所属的重要通信产品未列入2020年版的产品和服务范围，2022年才明确列入（关系关键信息基础设施安全的，仍可纳入2020年版的兜底条款）。',
    'measures2020.listing':
      '2020年版没有上市情形：掌握超过100万用户个人信息的网络平台运营者赴国外上市前必须申报，以及申报材料中的上市申请文件，均为2022年新增。',
    'measures2020.csrc': '中国证监会于2022年加入网络安全审查工作机制：2020年版由国家网信办与其他11个部门联合发布，2022年版为12个部门。',
    'measures2020.data_processing': '2020年版不涵盖数据处理活动：网络平台运营者的数据处理活动自2022年版起才纳入审查范围。',
    'measures2020.risk_factors':
      '风险因素：2020年版的清单包含现行第十条第一至四项和第七项；核心数据、重要数据或大量个人信息被窃取、泄露的风险仅体现在其第一项中，上市相关风险（现行第六项）当时没有。',
    'measures2020.timeline':
      '时限：决定是否审查（10个工作日）和初步审查（30个工作日，情况复杂的延长15个工作日）相同；特别审查程序2020年版为45个工作日，现为90个工作日，情况复杂的均可延长。',
    'measures2020.unchanged': '以上均不改变本次申报预判的结论：结论依据现行2022年版《办法》。',
    'measures2020.title': '2020年版《办法》',
  },
});
