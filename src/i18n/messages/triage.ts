import { defineMessages } from '../define.js';

export default defineMessages({
  en: {
    'triage.title': 'Cybersecurity review check',
    'triage.matter.label': 'what the check is about',
    'triage.matter.prompt': 'What is this check about?',
    'triage.matter.help':
      "A purchase of network products or services by a critical information infrastructure operator follows Art. 5 of the Measures; listing the company abroad follows Art. 7; a network platform operator's data processing that affects or may affect national security is within the review under Art. 2.",
    'triage.matter.purchase': 'Buying a network product or service',
    'triage.matter.listing': 'Listing the company (IPO)',
    'triage.matter.data_processing': "Our platform's data processing",
    'triage.matter.purchase.aliases': 'purchase|a purchase|buy|buying|procurement',
    'triage.matter.listing.aliases': 'listing|a listing|ipo|listing abroad|going public',
    'triage.matter.data_processing.aliases': 'data processing|data|processing',
    'triage.listing_venue.label': 'where the listing is',
    'triage.listing_venue.prompt': 'Where will the company list?',
    'triage.listing_venue.help':
      'Art. 7 covers listing abroad; a secondary or dual listing abroad counts as abroad. A Hong Kong listing is outside Art. 7 by the common reading, so it is checked separately by an analyst.',
    'triage.listing_venue.abroad': 'Abroad (e.g. New York, London, Singapore)',
    'triage.listing_venue.hong_kong': 'Hong Kong',
    'triage.listing_venue.abroad.aliases': 'abroad|foreign|new york|nasdaq|nyse|us|london|singapore',
    'triage.listing_venue.hong_kong.aliases': 'hk|hkex|hong kong stock exchange',
    'triage.personal_info_users_over_1m.label': 'personal information of over 1 million users',
    'triage.personal_info_users_over_1m.prompt': 'Does the company, as a network platform operator, hold personal information of more than 1 million users?',
    'triage.personal_info_users_over_1m.help':
      'Count the users whose personal information the platform processes. The Measures do not define the counting method; if you are not sure, answer "not sure" and an analyst will check.',
    'triage.category.label': 'product category',
    'triage.category.prompt': 'What are you buying?',
    'triage.category.confirm': 'This sounds like {choice}. Is that right? Answer yes, or choose the right category.',
    'triage.category.help':
      'The categories follow Art. 21 of the Measures. Pick the closest: base stations, microwave, satellite and private or trunked radio systems are important communication products (the 5G core and optical transmission stay core network equipment); security services such as penetration tests, a managed SOC or an MLPS assessment count as network security equipment; facility equipment such as UPS or air conditioning is "not a network product".',
    'triage.ciio.label': 'critical information infrastructure operator',
    'triage.ciio.prompt': 'Is the buyer (or the unit you buy for) a critical information infrastructure operator (CIIO)?',
    'triage.ciio.help':
      'An organisation is a CIIO when its protection work department has identified its system as critical information infrastructure and notified it (CII Regulations Art. 10). If you do not know, answer "not sure".',
    'triage.affects_national_security.label': 'national security impact',
    'triage.affects_national_security.prompt': 'Once in use, does or may this product or service affect national security?',
    'triage.affects_national_security.prompt_data': 'Does or may this data processing affect national security?',
    'triage.affects_national_security.help':
      "Think of the Art. 10 risk factors: illegal control of or damage to the infrastructure, supply interruption, supply-chain reliability and cut-off risk, the supplier's legal compliance, theft, leaks or illegal transfer abroad of core data, important data or large volumes of personal information.",
    'category.core_network_equipment.help':
      'Core network equipment: core and aggregation routers, data-centre core and spine switches, carrier-class routers, backbone and metro optical transmission (OTN, DWDM), 5G core network elements (AMF, SMF, UPF), and line cards or expansions for these. A small branch or access switch is an "other network product".',
    'category.core_network_equipment': 'Core network equipment',
    'category.important_communication_products.help':
      'Important communication products (Art. 21): radio access network equipment (4G/5G base stations, gNodeB/eNodeB, AAU/RRU/BBU, small cells), microwave and satellite communication equipment (VSAT, satellite ground stations, BeiDou or satellite terminals for networks), private and trunked radio systems (PDT, TETRA, LTE private networks for power, rail or police), and their network management systems. The 5G core, OTN/DWDM transmission and routers are core network equipment; handheld radios bought as end devices for staff are "other network products".',
    'category.important_communication_products': 'Important communication products',
    'category.hpc_servers.help':
      'High-performance computers and servers: servers of any size (rack, blade, tower), compute nodes, HPC clusters, GPU and AI training servers. A cloud GPU instance is a cloud computing service.',
    'category.hpc_servers': 'High-performance computers and servers',
    'category.large_storage.help':
      'Large-capacity storage: enterprise storage arrays (all-flash, hybrid), SAN, enterprise or scale-out NAS, distributed storage, backup appliances, tape libraries. Cloud object storage is a cloud computing service.',
    'category.large_storage': 'Large-capacity storage',
    'category.large_database_software.help':
      'Large databases and application software: self-hosted database software, data warehouses, big-data platforms, ERP, core banking and similar enterprise-wide systems (licences, renewals, implementation). A managed database on a public cloud is a cloud computing service.',
    'category.large_database_software': 'Large databases and application software',
    'category.network_security_equipment.help':
      'Network security equipment: firewalls and NGFW, IDS/IPS, WAF, VPN gateways, anti-DDoS, bastion hosts, EDR, DLP, SIEM; security services (penetration tests, managed SOC, MLPS assessment) count here too, also when delivered from a cloud (cloud WAF).',
    'category.network_security_equipment': 'Network security equipment',
    'category.cloud_services.help':
      'Cloud computing services: IaaS (cloud servers, block and object storage, GPU instances), PaaS (managed databases, managed Kubernetes, AI and big-data platforms), CDN, dedicated cloud, resource pools.',
    'category.cloud_services': 'Cloud computing services',
    'category.other_network_product.help':
      'Other network products and services: access-layer devices (Wi-Fi APs, branch switches, store routers), IoT and networked endpoints (IP cameras, sensors, VoIP phones, network printers), carrier lines (internet leased lines, MPLS VPN), seat-based end-user SaaS (video meetings, office collaboration).',
    'category.other_network_product': 'Other network product or service',
    'category.other_network_product.aliases': 'other network products or services',
    'category.not_network_product.help':
      'Not a network product or service: furniture, paper, catering, vehicles, renovation, cleaning, training, non-IT consulting, non-networked peripherals (monitors, USB printers), facility equipment (UPS, precision air conditioning) even in a server room.',
    'category.not_network_product': 'Not a network product or service',
    'category.not_network_product.aliases': 'not network products or services',
    'decision.required.title': 'Review required',
    'decision.assess.title': 'Assessment needed',
    'decision.not_required.title': 'Review not required',
    'reason.listing_hong_kong':
      'Art. 7 requires a review before listing abroad; by the common reading a Hong Kong listing is not a listing abroad, but that reading is not officially confirmed.',
    'reason.listing_hong_kong_review':
      'The review authorities may still start a review on their own initiative, and the CSRC filing for a listing outside the mainland expects any review to be done first; an analyst confirms whether to apply.',
    'reason.listing_over_1m':
      'A network platform operator holding personal information of more than 1 million users must apply for review before listing abroad.',
    'reason.listing_materials':
      'The application includes the listing application documents with the declaration form and the national-security impact analysis report.',
    'reason.listing_count_unsure': 'Whether personal information of more than 1 million users is held decides this; an analyst confirms the count.',
    'reason.listing_under_1m':
      'The duty to apply before listing abroad covers operators holding personal information of more than 1 million users; this one does not.',
    'reason.ex_officio': 'The review authorities may still start a review on their own initiative.',
    'reason.data_processing_in_scope':
      "A network platform operator's data processing that affects or may affect national security is within the cybersecurity review.",
    'reason.data_processing_analyst':
      'Outside a listing abroad (Art. 7) the Measures set no duty to apply for data processing; an analyst decides whether to apply, and the authorities may start a review on their own initiative.',
    'reason.data_processing_no_impact':
      'The data processing is predicted not to affect national security, so no application is needed; keep this risk-prediction record.',
    'reason.not_network_product': 'The purchase is not a network product or service, so the review duty for purchases does not apply.',
    'reason.not_ciio': 'The duty to apply for purchases lies on critical information infrastructure operators; the buyer is not one.',
    'reason.ciio_unsure':
      "Critical information infrastructure status is set by the protection work department's notice; an analyst checks whether the buyer has been notified.",
    'reason.affects_yes': 'A CIIO buying a network product or service that affects or may affect national security must apply for review.',
    'reason.supplier_commitments':
      'The procurement documents must bind the supplier to its commitments: no illegal acquisition of user data, no illegal control of user equipment, no cut-off of supply or technical support without justified reason.',
    'reason.affects_unsure':
      "Whether the purchase affects national security is the CIIO's own risk prediction; an analyst assesses it against the Art. 10 factors.",
    'reason.named_category_confirm': 'The product is in a category the Measures name explicitly; an analyst confirms the risk prediction before it is closed.',
    'reason.no_impact_keep_record': 'Predicted to have no national-security impact, so no application is needed; keep the written risk-prediction record.',
    'reason.confidentiality_agreement': 'Still sign a security and confidentiality agreement with the supplier and prefer secure and trusted products.',
    'next.required':
      'Next: an analyst completes the intake (declaration, Art. 10 risk inputs, supplier commitments, materials) so the application pack can be filed. Put the supplier commitments into the procurement documents now.',
    'next.assess': 'Next: an analyst reviews the open points and decides whether an application is needed. You will be told when the status changes.',
    'next.not_required':
      'No review case is opened: this is kept as risk-prediction record {caseId}, closed at once with its reasons. Your team lead can countersign it ("countersign {caseId}"); export it with "export {caseId}".',
    'cite.measures_2022': 'Cybersecurity Review Measures (2022) Art. {articles}',
    'cite.measures_2020': 'Cybersecurity Review Measures (2020, repealed) Art. {articles}',
    'cite.cii_regulations': 'CII Security Protection Regulations Art. {articles}',
    'cite.csl': 'Cybersecurity Law Art. {articles}',
    'cite.article': '{n}',
    'cite.separator': ', ',
  },
  'zh-CN': {
    'triage.title': '网络安全审查申报预判',
    'triage.matter.label': '事项类型',
    'triage.matter.prompt': '本次申报预判涉及什么事项？',
    'triage.matter.help':
      '关键信息基础设施运营者采购网络产品和服务，适用《办法》第五条；公司赴国外上市，适用第七条；网络平台运营者开展数据处理活动，影响或者可能影响国家安全的，依第二条属于审查范围。',
    'triage.matter.purchase': '采购网络产品和服务',
    'triage.matter.listing': '公司上市',
    'triage.matter.data_processing': '平台的数据处理活动',
    'triage.matter.purchase.aliases': '采购|购买|采购网络产品|采购网络产品或服务',
    'triage.matter.listing.aliases': '上市|国外上市|ipo|公司上市|境外上市',
    'triage.matter.data_processing.aliases': '数据处理|数据处理活动|数据',
    'triage.listing_venue.label': '上市地',
    'triage.listing_venue.prompt': '公司拟在哪里上市？',
    'triage.listing_venue.help':
      '第七条适用于国外上市；在国外二次上市或双重上市也属于国外上市。通常理解香港上市不属于第七条所称国外上市，因此由合规专员单独核实。',
    'triage.listing_venue.abroad': '国外（如纽约、伦敦、新加坡）',
    'triage.listing_venue.hong_kong': '香港',
    'triage.listing_venue.abroad.aliases': '国外|美国|纽约|纳斯达克|纽交所|伦敦|新加坡',
    'triage.listing_venue.hong_kong.aliases': '港股|港交所|香港联交所|赴港',
    'triage.personal_info_users_over_1m.label': '超过100万用户个人信息',
    'triage.personal_info_users_over_1m.prompt': '公司作为网络平台运营者，是否掌握超过100万用户的个人信息？',
    'triage.personal_info_users_over_1m.help': '统计平台处理其个人信息的用户数。《办法》未规定计数方法；如不确定，请回答“不确定”，由合规专员核实。',
    'triage.category.label': '产品类别',
    'triage.category.prompt': '您要采购什么？',
    'triage.category.confirm': '这听起来属于“{choice}”。对吗？请回答“是”，或选择正确的类别。',
    'triage.category.help':
      '类别依据《办法》第二十一条。请选择最接近的一项：基站、微波、卫星通信以及专网和集群通信系统属于重要通信产品（5G核心网和光传输设备仍属于核心网络设备）；渗透测试、安全运营托管、等保测评等安全服务归入网络安全设备；UPS、精密空调等设施设备属于“非网络产品和服务”。',
    'triage.ciio.label': '关键信息基础设施运营者',
    'triage.ciio.prompt': '采购方（或您为之采购的单位）是否为关键信息基础设施运营者？',
    'triage.ciio.help':
      '保护工作部门认定其系统为关键信息基础设施并通知运营者后，即为关键信息基础设施运营者（《关键信息基础设施安全保护条例》第十条）。如不清楚，请回答“不确定”。',
    'triage.affects_national_security.label': '国家安全影响',
    'triage.affects_national_security.prompt': '该产品或服务投入使用后，是否影响或者可能影响国家安全？',
    'triage.affects_national_security.prompt_data': '该数据处理活动是否影响或者可能影响国家安全？',
    'triage.affects_national_security.help':
      '参考第十条风险因素：关键信息基础设施被非法控制、遭受干扰或破坏，供应中断，供应链可靠性及断供风险，提供者遵守中国法律情况，核心数据、重要数据或大量个人信息被窃取、泄露、毁损、非法利用或非法出境等。',
    'category.core_network_equipment.help':
      '核心网络设备：核心和汇聚路由器、数据中心核心及Spine交换机、电信级路由器、骨干和城域光传输设备（OTN、DWDM）、5G核心网网元（AMF、SMF、UPF），以及这些设备的板卡和扩容。分支机构或接入层的小型交换机属于“其他网络产品和服务”。',
    'category.core_network_equipment': '核心网络设备',
    'category.important_communication_products.help':
      '重要通信产品（第二十一条）：无线接入网设备（4G/5G基站、gNodeB/eNodeB、AAU/RRU/BBU、小基站）、微波和卫星通信设备（VSAT、卫星地面站、用于组网的北斗或卫星终端）、专网和集群通信系统（PDT、TETRA，电力、铁路、公安等LTE专网）及其网管系统。5G核心网、OTN/DWDM传输设备和路由器属于核心网络设备；作为员工终端采购的手持对讲机属于“其他网络产品和服务”。',
    'category.important_communication_products': '重要通信产品',
    'category.hpc_servers.help':
      '高性能计算机和服务器：各类服务器（机架式、刀片、塔式）、计算节点、高性能计算集群、GPU和AI训练服务器。云上GPU实例属于云计算服务。',
    'category.hpc_servers': '高性能计算机和服务器',
    'category.large_storage.help':
      '大容量存储设备：企业级存储阵列（全闪存、混合闪存）、SAN、企业级或横向扩展NAS、分布式存储、备份一体机、磁带库。云对象存储属于云计算服务。',
    'category.large_storage': '大容量存储设备',
    'category.large_database_software.help':
      '大型数据库和应用软件：本地部署的数据库软件、数据仓库、大数据平台、ERP、核心银行系统等企业级系统（许可、续费、实施）。公有云上的托管数据库属于云计算服务。',
    'category.large_database_software': '大型数据库和应用软件',
    'category.network_security_equipment.help':
      '网络安全设备：防火墙和下一代防火墙、入侵检测和防御系统、Web应用防火墙、VPN网关、抗DDoS、堡垒机、EDR、DLP、SIEM；渗透测试、安全运营托管、等保测评等安全服务也归入此类，云上交付的（如云WAF）亦同。',
    'category.network_security_equipment': '网络安全设备',
    'category.cloud_services.help':
      '云计算服务：IaaS（云服务器、块存储和对象存储、GPU实例）、PaaS（托管数据库、托管Kubernetes、AI和大数据平台）、CDN、专属云、资源池。',
    'category.cloud_services': '云计算服务',
    'category.other_network_product.help':
      '其他网络产品和服务：接入层设备（无线AP、分支交换机、门店路由器）、物联网及联网终端（网络摄像机、传感器、IP电话、网络打印机）、运营商线路（互联网专线、MPLS VPN）、按账号计费的终端用户SaaS（视频会议、协同办公）。',
    'category.other_network_product': '其他网络产品和服务',
    'category.other_network_product.aliases': '其他网络产品或服务',
    'category.not_network_product.help':
      '非网络产品和服务：家具、纸张、餐饮、车辆、装修、保洁、培训、非IT咨询、非联网外设（显示器、USB打印机）、设施设备（UPS、精密空调），即使放在机房。',
    'category.not_network_product': '非网络产品和服务',
    'category.not_network_product.aliases': '非网络产品或服务',
    'decision.required.title': '需要申报审查',
    'decision.assess.title': '需要分析评估',
    'decision.not_required.title': '无需申报审查',
    'reason.listing_hong_kong': '第七条要求国外上市前申报网络安全审查；通常理解香港上市不属于国外上市，但这一理解尚无官方确认。',
    'reason.listing_hong_kong_review': '审查机构仍可依职权主动发起审查，中国证监会的境外发行上市备案也要求先完成所需的网络安全审查；由合规专员确认是否申报。',
    'reason.listing_over_1m': '掌握超过100万用户个人信息的网络平台运营者赴国外上市，必须申报网络安全审查。',
    'reason.listing_materials': '申报材料包括申报书、国家安全影响分析报告以及拟提交的上市申请文件。',
    'reason.listing_count_unsure': '是否掌握超过100万用户个人信息是关键，由合规专员核实用户数量。',
    'reason.listing_under_1m': '国外上市前的申报义务适用于掌握超过100万用户个人信息的运营者，本情形不属于。',
    'reason.ex_officio': '审查机构仍可依职权主动发起审查。',
    'reason.data_processing_in_scope': '网络平台运营者开展数据处理活动，影响或者可能影响国家安全的，属于网络安全审查范围。',
    'reason.data_processing_analyst':
      '除国外上市（第七条）外，《办法》未规定数据处理活动的主动申报义务；由合规专员决定是否申报，审查机构也可依职权主动发起审查。',
    'reason.data_processing_no_impact': '经预判该数据处理活动不影响国家安全，无需申报；请保留本预判记录。',
    'reason.not_network_product': '所购并非网络产品和服务，采购审查义务不适用。',
    'reason.not_ciio': '采购申报义务由关键信息基础设施运营者承担，采购方不属于。',
    'reason.ciio_unsure': '关键信息基础设施由保护工作部门认定并通知；由合规专员核实采购方是否已收到通知。',
    'reason.affects_yes': '关键信息基础设施运营者采购影响或者可能影响国家安全的网络产品和服务，必须申报网络安全审查。',
    'reason.supplier_commitments':
      '采购文件中须要求产品和服务提供者承诺：不非法获取用户数据、不非法控制和操纵用户设备、无正当理由不中断产品供应或必要的技术支持服务。',
    'reason.affects_unsure': '是否影响国家安全由运营者自行预判；由合规专员对照第十条风险因素评估。',
    'reason.named_category_confirm': '该产品属于《办法》明确列举的类别，由合规专员确认风险预判后再关闭。',
    'reason.no_impact_keep_record': '经预判不影响国家安全，无需申报；请保留书面预判记录。',
    'reason.confidentiality_agreement': '仍应与提供者签订安全保密协议，并优先采购安全可信的产品和服务。',
    'next.required': '下一步：由合规专员完成申报材料填写（申报书、第十条风险因素、提供者承诺、材料清单），以便形成申报材料。请现在就把提供者承诺写入采购文件。',
    'next.assess': '下一步：由合规专员评估待定事项并决定是否需要申报。状态变化时会通知您。',
    'next.not_required':
      '无需开启审查事项：本次结论作为预判记录 {caseId} 保存，连同理由即时关闭。团队负责人可以会签（“会签 {caseId}”）；输入“导出 {caseId}”即可导出。',
    'cite.measures_2022': '《网络安全审查办法》{articles}',
    'cite.measures_2020': '2020年版《网络安全审查办法》（已废止）{articles}',
    'cite.cii_regulations': '《关键信息基础设施安全保护条例》{articles}',
    'cite.csl': '《网络安全法》{articles}',
    'cite.article': '第{cn}条',
    'cite.separator': '、',
  },
});
