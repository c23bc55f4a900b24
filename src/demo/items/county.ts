// The county government's own yearly items: the 政府工作报告, a normative document with its interpretation
// each year (固政发〔YYYY〕N号), the key project's information, the 双随机 results, and the villages' and
// institutions' basic pages.
import type { DemoItemSpec } from "../publish";

const GDP: Record<number, number> = {
  2019: 98.6,
  2020: 101.2,
  2021: 108.9,
  2022: 115.4,
  2023: 121.7,
  2024: 128.3,
  2025: 134.6,
};

function workReport(year: number): DemoItemSpec {
  const last = year - 1;
  const gdp = GDP[last] ?? 134.6;
  return {
    org: "gyx",
    kind: "plan",
    title: `${year}年固阳县人民政府工作报告`,
    body: [
      `——${year}年1月在固阳县第十八届人民代表大会第${year - 2016}次会议上`,
      `一、${last}年工作回顾`,
      `${last}年，全县地区生产总值完成${gdp.toFixed(1)}亿元，按可比价计算增长${(5 + ((last * 7) % 10) / 10).toFixed(1)}%；一般公共预算收入完成${(5.1 + (last - 2019) * 0.22).toFixed(2)}亿元；城乡常住居民人均可支配收入分别达到${(38210 + (last - 2019) * 1860).toLocaleString("zh-CN")}元和${(15340 + (last - 2019) * 1120).toLocaleString("zh-CN")}元。`,
      `民生支出占一般公共预算支出的比重保持在78%以上，新建改建农村牧区公路${36 + (last % 5) * 4}公里，完成农村牧区危房改造${28 - (last - 2019) * 2}户。`,
      `二、${year}年主要目标和重点工作`,
      `${year}年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长4%以上，城乡居民收入增长与经济增长基本同步，城镇新增就业1,500人以上。`,
      "重点抓好以下工作：（一）做强新能源和农畜产品加工产业；（二）全面推进乡村振兴；（三）持续优化营商环境；（四）办好民生实事；（五）加强政府自身建设，全面推进政务公开，让权力在阳光下运行。",
    ].join("\n"),
    nodes: ["art20-03"],
    formed: `${year}-01-${year % 2 ? "12" : "15"}`,
    topic: "政府工作报告",
    keywords: "政府工作报告",
  };
}

const NORMATIVE: Array<{ title: string; subject: string; gist: string[] }> = [
  {
    title: "固阳县城乡居民最低生活保障实施办法",
    subject: "最低生活保障",
    gist: [
      "第一条　为规范城乡居民最低生活保障工作，根据《社会救助暂行办法》，结合本县实际，制定本办法。",
      "第二条　共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。",
      "第三条　申请由镇人民政府受理，经入户调查、民主评议和公示后，报县民政局审批。",
      "第四条　县民政局对最低生活保障家庭实行分类动态管理，并按月公开保障人数和资金发放情况。",
    ],
  },
  {
    title: "固阳县政府投资项目管理办法",
    subject: "政府投资",
    gist: [
      "第一条　为规范政府投资行为，提高政府投资效益，根据《政府投资条例》，制定本办法。",
      "第二条　政府投资资金应当投向市场不能有效配置资源的公共领域项目，以非经营性项目为主。",
      "第三条　政府投资项目实行审批制，项目单位应当编制项目建议书、可行性研究报告和初步设计。",
      "第四条　政府投资项目的审批结果、招标投标、施工和竣工验收信息应当依法公开。",
    ],
  },
  {
    title: "固阳县城镇老旧小区改造实施办法",
    subject: "老旧小区改造",
    gist: [
      "第一条　为推进城镇老旧小区改造，改善居民居住条件，制定本办法。",
      "第二条　改造对象为2000年底前建成、失养失修失管的城镇老旧小区。",
      "第三条　改造内容分为基础类、完善类和提升类，改造方案应当征求居民意见，经三分之二以上居民同意后实施。",
      "第四条　改造项目清单、资金安排和实施进度向社会公开。",
    ],
  },
  {
    title: "固阳县农村牧区人居环境整治提升实施办法",
    subject: "人居环境整治",
    gist: [
      "第一条　为持续改善农村牧区人居环境，建设宜居宜业和美乡村，制定本办法。",
      "第二条　各镇人民政府是本行政区域人居环境整治的责任主体，村民委员会组织村民参与。",
      "第三条　重点推进农村牧区户厕改造、生活垃圾收运处置和生活污水治理。",
      "第四条　整治项目资金使用情况和验收结果在村务公开栏和县政府门户网站公开。",
    ],
  },
  {
    title: "固阳县促进就业创业若干措施",
    subject: "就业创业",
    gist: [
      "第一条　为稳定和扩大就业，鼓励创业带动就业，制定本措施。",
      "第二条　对首次创业且正常经营1年以上的高校毕业生、返乡农牧民工，给予一次性创业补贴5,000元。",
      "第三条　对吸纳就业困难人员的企业，按规定给予社会保险补贴和岗位补贴。",
      "第四条　补贴的申请条件、办理流程和发放结果由县人力资源和社会保障局公开。",
    ],
  },
  {
    title: "固阳县行政规范性文件管理办法",
    subject: "规范性文件",
    gist: [
      "第一条　为加强行政规范性文件管理，推进依法行政，制定本办法。",
      "第二条　行政规范性文件应当经过评估论证、公开征求意见、合法性审核和集体审议决定等程序。",
      "第三条　行政规范性文件应当统一登记、统一编号、统一印发，并在印发之日起20个工作日内在县政府门户网站公开。",
      "第四条　县司法局每两年组织一次行政规范性文件清理，清理结果向社会公布。",
    ],
  },
];

/** One normative document a year from 2021, with its interpretation (谁起草谁解读). */
function normativeOf(year: number, i: number): DemoItemSpec {
  const n = NORMATIVE[i % NORMATIVE.length]!;
  return {
    org: "gyx",
    kind: "normative",
    title: `固阳县人民政府关于印发《${n.title}》的通知`,
    doc: `固政发〔${year}〕${3 + i}号`,
    body: [
      "各镇人民政府，县直各部门、各单位：",
      `现将《${n.title}》印发给你们，请认真贯彻执行。`,
      "固阳县人民政府",
      n.title,
      ...n.gist,
      "第五条　本办法自印发之日起施行，有效期5年。",
    ].join("\n"),
    nodes: ["art20-01"],
    formed: `${year}-0${3 + (i % 6)}-1${i % 9}`,
    topic: n.subject,
    interpretation: {
      title: `《${n.title}》政策解读`,
      body: [
        `一、制定背景：为贯彻落实国家和自治区关于${n.subject}工作的部署要求，解决我县工作中存在的突出问题，县人民政府制定了本办法。`,
        `二、主要内容：${n.gist
          .slice(1)
          .map((g) => g.replace(/^第.条　/, ""))
          .join("")}`,
        "三、解读机关及联系方式：固阳县人民政府办公室，联系电话0472-8121234。",
      ].join("\n"),
      interpreter: "县政府办公室主任 高志远",
      form: i % 2 ? "graphic" : "text",
    },
  };
}

const KEY_PROJECT: Array<[code: string, title: string, body: string, month: string]> = [
  [
    "kp-approval-service",
    "固阳县金山工业园区供水工程项目可行性研究报告审批服务信息",
    "项目单位：固阳县供水公司。审批部门：县发展和改革委员会。受理日期和办理时限已在县政务服务网公开，审批依据为《政府投资条例》第九条。",
    "03",
  ],
  [
    "kp-approval-result",
    "关于固阳县金山工业园区供水工程项目可行性研究报告的批复",
    "同意建设固阳县金山工业园区供水工程，新建输水管线18.6公里、加压泵站1座，日供水能力2万立方米，总投资8,640万元。",
    "04",
  ],
  [
    "kp-bidding",
    "固阳县金山工业园区供水工程施工招标公告及中标结果",
    "本项目施工招标于县公共资源交易中心公开进行，共有7家投标人参与，经评标委员会评审，确定内蒙古河套水利建设工程有限公司为中标人，中标价7,912.36万元。",
    "06",
  ],
  [
    "kp-land",
    "固阳县金山工业园区供水工程建设用地批准信息",
    "项目加压泵站用地0.86公顷，已由县自然资源局依法办理国有建设用地划拨手续；管线工程采取临时用地方式，施工结束后复垦。",
    "06",
  ],
  [
    "kp-construction",
    "固阳县金山工业园区供水工程施工进展情况",
    "截至本月，已完成输水管线敷设12.4公里，加压泵站主体结构封顶，累计完成投资5,210万元，占总投资的60.3%。",
    "09",
  ],
  [
    "kp-quality-safety",
    "固阳县金山工业园区供水工程质量安全监督检查情况",
    "县住房和城乡建设局质量安全监督站对项目开展监督检查3次，发现一般隐患5处，已全部整改到位，未发生质量安全事故。",
    "10",
  ],
];

const DEPARTMENT_LIST =
  "县人民政府办公室、县发展和改革委员会、县教育局、县民政局、县财政局、县人力资源和社会保障局、县自然资源局、县住房和城乡建设局、县农牧和科技局、县卫生健康委员会、县应急管理局、县市场监督管理局、县政务服务局";

/** The county government's own 机构职能 and 领导分工, and its budget reports to the people's congress. */
function governmentItems(thisYear: number): DemoItemSpec[] {
  const out: DemoItemSpec[] = [
    {
      org: "gyx",
      kind: "other",
      title: "固阳县人民政府机构设置",
      body: [
        "固阳县人民政府是固阳县人民代表大会的执行机关，是县级国家行政机关，对县人民代表大会和包头市人民政府负责并报告工作。",
        `县人民政府设置工作部门：${DEPARTMENT_LIST}等。`,
        "县人民政府辖金山镇、西斗铺镇、下湿壕镇、银号镇、怀朔镇、兴顺西镇6个镇。",
        "办公地址：固阳县金山镇阿塔山大街1号。办公时间：法定工作日上午8:30—12:00，下午14:30—18:00。联系电话：0472-8121234。",
      ].join("\n"),
      nodes: ["art20-02"],
      formed: "2020-03-16",
      topic: "机构职能",
    },
    {
      org: "gyx",
      kind: "other",
      title: "固阳县人民政府领导分工",
      body: [
        "县长：主持县人民政府全面工作，负责审计方面的工作。",
        "常务副县长：负责县人民政府常务工作，负责发展改革、财政、税务、政务服务、政务公开方面的工作。",
        "副县长：负责教育、卫生健康、民政、人力资源和社会保障方面的工作。",
        "副县长：负责农牧业、乡村振兴、自然资源、生态环境方面的工作。",
        "副县长：负责住房和城乡建设、应急管理、市场监管方面的工作。",
        "县领导的姓名、简历以固阳县人民代表大会常务委员会公告为准。",
      ].join("\n"),
      nodes: ["art20-02"],
      formed: "2021-10-11",
      topic: "机构职能",
    },
  ];
  for (let y = 2020; y < thisYear; y++)
    out.push({
      org: "gyx",
      kind: "budget",
      title: `关于固阳县${y}年财政预算执行情况和${y + 1}年财政预算草案的报告`,
      body: [
        `一、${y}年财政预算执行情况`,
        `${y}年，全县一般公共预算收入完成${(5.1 + (y - 2019) * 0.22).toFixed(2)}亿元，增长${(3.6 + (y % 4) * 0.7).toFixed(1)}%；一般公共预算支出完成${(24.2 + (y - 2019) * 0.74).toFixed(2)}亿元。政府性基金预算收入完成${(1.8 + (y % 3) * 0.3).toFixed(2)}亿元。`,
        `二、${y + 1}年财政预算草案`,
        `${y + 1}年全县一般公共预算收入预期增长4%左右，一般公共预算支出安排${(24.9 + (y - 2019) * 0.74).toFixed(2)}亿元，优先保障基本民生、工资发放和机构运转。`,
        "三、完成预算任务的主要措施",
        "（一）依法组织收入，提高收入质量；（二）坚持过紧日子，压减一般性支出；（三）全面实施预算绩效管理；（四）防范化解政府债务风险；（五）深化预决算公开。",
      ].join("\n"),
      nodes: ["art20-07"],
      formed: `${y + 1}-01-${y % 2 ? "16" : "19"}`,
      topic: "财政预决算",
    });
  return out;
}

/** Every yearly item of the county up to today. */
export function countyItemSpecs(today: string): DemoItemSpec[] {
  const thisYear = Number(today.slice(0, 4));
  const out: DemoItemSpec[] = governmentItems(thisYear);
  for (let y = 2020; y <= thisYear; y++) {
    out.push(workReport(y));
    if (y >= 2021) out.push(normativeOf(y, y - 2021));
    out.push({
      org: "gyx-scjgj",
      kind: "notice",
      title: `固阳县市场监督管理局${y}年“双随机、一公开”抽查结果公示`,
      body: [
        `根据《固阳县${y}年度“双随机、一公开”抽查工作计划》，县市场监督管理局从检查对象名录库中随机抽取市场主体${96 + (y - 2020) * 8}户，随机选派执法检查人员，开展了营业执照使用、年度报告公示、食品经营许可等事项的检查。`,
        `检查结果：未发现问题${84 + (y - 2020) * 7}户，发现问题已责令整改${9 + (y % 3)}户，未按规定公示年度报告已列入经营异常名录${3 - (y % 2)}户。`,
        "抽查结果已同步归集到国家企业信用信息公示系统（内蒙古）。",
      ].join("\n"),
      nodes: ["art20-13", "std-food-drug-1"],
      formed: `${y}-11-0${3 + (y % 5)}`,
      topic: "监督检查",
    });
    out.push({
      org: "gyx-rsj",
      kind: "notice",
      title: `固阳县${y}年公开招聘社区工作者公告`,
      doc: `固人社发〔${y}〕${8 + (y % 4)}号`,
      body: [
        `为加强城乡社区工作者队伍建设，经县委、县人民政府同意，面向社会公开招聘社区工作者${20 + (y % 3) * 5}名。`,
        "一、报考条件：具有中华人民共和国国籍，年龄在18周岁以上、40周岁以下，具有大专以上学历，本县户籍或在本县居住满1年。",
        "二、招聘程序：报名、资格审查、笔试、面试、体检、考察、公示和聘用。",
        "三、待遇：聘用后签订劳动合同，按规定缴纳社会保险，薪酬按照县社区工作者薪酬体系执行。",
        "四、咨询电话：0472-8121560。",
      ].join("\n"),
      nodes: ["art20-14", "std-employment-1"],
      formed: `${y}-04-2${y % 6}`,
      topic: "人事信息",
    });
  }
  for (const [node, title, body, month] of KEY_PROJECT)
    out.push({
      org: "gyx-fgw",
      kind: "other",
      title,
      body,
      nodes: [node],
      formed: `2023-${month}-16`,
      topic: "重大建设项目",
    });
  return out.filter((s) => s.formed <= today);
}

/** The villages' and communities' own pages, and the two public institutions'. */
export function grassrootsSpecs(
  communities: Array<{ code: string; name: string; town: string }>,
  today: string,
): DemoItemSpec[] {
  const year = Number(today.slice(0, 4));
  const out: DemoItemSpec[] = [];
  for (const c of communities) {
    out.push({
      org: c.code,
      kind: "other",
      title: `${c.name}基本情况`,
      body: `${c.name}隶属${c.town}，设主任1名、委员4名，下设人民调解、治安保卫、公共卫生等委员会。办公地点在本村（社区）党群服务中心，工作日8:30—18:00有人值守，代办低保、养老保险、残疾人补贴等事项。`,
      nodes: ["basics"],
      formed: "2021-06-15",
    });
    for (const q of [1, 2, 3]) {
      const formed = `${year}-${String(q * 3 + 1).padStart(2, "0")}-05`;
      if (formed <= today)
        out.push({
          org: c.code,
          kind: "other",
          title: `${c.name}${year}年第${"一二三"[q - 1]}季度财务收支公开`,
          body: `本季度集体经济收入${(3.2 + q * 0.8).toFixed(2)}万元，主要为集体土地承包费和上级转移支付；支出${(2.7 + q * 0.6).toFixed(2)}万元，主要用于村（社区）办公经费、公益设施维护和环境卫生整治。收支明细已在公开栏张贴，经民主理财小组审核。`,
          nodes: ["finance"],
          formed,
        });
    }
  }
  const institutions: Array<[string, string, string]> = [
    [
      "gyx-rmyy",
      "固阳县人民医院",
      "二级甲等综合医院，开放床位300张，设内科、外科、妇产科、儿科、中医科等临床科室21个。门诊时间：每日8:00—12:00，14:30—17:30；急诊24小时开放。",
    ],
    [
      "gyx-gsgs",
      "固阳县供水公司",
      "负责县城集中供水，日供水能力3万立方米，供水管网186公里。营业厅服务时间：工作日8:30—18:00。居民生活用水价格每立方米3.65元（含污水处理费）。",
    ],
  ];
  for (const [code, name, profile] of institutions) {
    out.push({
      org: code,
      kind: "other",
      title: `${name}单位概况`,
      body: `${name}是${profile}`,
      nodes: ["profile"],
      formed: "2021-03-10",
    });
    out.push({
      org: code,
      kind: "other",
      title: `${name}信息公开指南`,
      body: `依据《公共企事业单位信息公开规定制定办法》，${name}通过固阳县人民政府门户网站和服务场所公告栏公开服务信息。公众需要了解其他信息的，可在工作日向本单位办公室咨询，本单位在10个工作日内答复。对信息公开工作有意见的，可向主管部门反映。`,
      nodes: ["guide"],
      formed: "2021-03-10",
    });
  }
  return out.filter((s) => s.formed <= today);
}
