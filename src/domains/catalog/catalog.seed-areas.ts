import type { UpdateRule } from "./catalog.tables";

// The 26 areas of 基层政务公开标准化规范化 (国办发〔2019〕54号) and, for each, a few representative rows of
// its standard catalogue, condensed from the ministries' 2019 standard guidelines (标准指引). The office
// edits them per county; these are a starting point, not the guidelines' full text.

export type Audience = "全社会" | "特定群众";
export type DisclosureMode = "主动" | "依申请";
export type StandardLevel = "县级" | "乡级";

/** One row of a standard catalogue (基层政务公开标准目录). */
export interface StandardRow {
  item_l1: string; // 公开事项（一级）
  item_l2: string; // 公开事项（二级）
  content: string; // 公开内容（要素）
  basis: string; // 公开依据
  time_limit: string; // 公开时限
  subject: string; // 公开主体
  channels: string; // 公开渠道和载体
  audience: Audience; // 公开对象
  mode: DisclosureMode; // 公开方式
  level: StandardLevel; // 公开层级
}

export interface AreaRow {
  l1: string;
  l2: string;
  content: string;
  basis: string;
  timeLimit: string;
  /** The county-level body; departments and the county government file it as such. */
  subject?: string;
  channels?: string;
  audience?: Audience;
  /** Also disclosed at township level, by this body (乡级). */
  town?: string;
  rule?: [UpdateRule, number?];
}

export interface AreaDef {
  slug: string;
  name: string;
  subject: string;
  rows: AreaRow[];
}

export const WEB = "政府网站、政务新媒体";
export const WEB_BOARD = "政府网站、政务新媒体、村（居）务公开栏";
const TOWN = "乡镇人民政府";
const D20 = "信息形成或者变更之日起20个工作日内";
const D7 = "作出决定之日起7个工作日内";
const GOV_INFO = "《中华人民共和国政府信息公开条例》";

export const KEY_PROJECT_AREA: AreaDef = {
  slug: "key-projects",
  name: "重大建设项目",
  subject: "县发展和改革委员会等项目审批、监管部门",
  rows: [
    {
      l1: "批准服务信息",
      l2: "申报要求",
      content: "申报材料清单、办理流程、办理时限、受理机构联系方式、申报审批结果",
      basis: `${GOV_INFO}、《企业投资项目核准和备案管理条例》`,
      timeLimit: D20,
      channels: "政府网站、投资项目在线审批监管平台",
    },
    {
      l1: "批准结果信息",
      l2: "审批、核准、备案结果",
      content: "项目建议书、可行性研究报告、初步设计审批结果，项目核准、备案结果",
      basis: `${GOV_INFO}、《企业投资项目核准和备案管理条例》`,
      timeLimit: D20,
      channels: "政府网站、投资项目在线审批监管平台",
    },
    {
      l1: "招标投标信息",
      l2: "招标公告、中标候选人、中标结果",
      content: "资格预审公告、招标公告、中标候选人公示、中标结果公示、投诉处理决定",
      basis: "《中华人民共和国招标投标法》《中华人民共和国招标投标法实施条例》",
      timeLimit: "按招标投标法律法规规定的时限",
      subject: "招标人、县公共资源交易中心",
      channels: "全国公共资源交易平台（内蒙古自治区）、政府网站",
      rule: ["realtime"],
    },
    {
      l1: "征收土地信息",
      l2: "征地告知、批准文件、补偿安置",
      content: "征地告知书、征收土地公告、征地补偿安置方案、征地补偿标准",
      basis: "《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》",
      timeLimit: "收到批准文件之日起15个工作日内",
      subject: "县人民政府、县自然资源局",
      channels: "政府网站、拟征收土地所在乡（镇）和村、村民小组公告栏",
      rule: ["days", 15],
    },
    {
      l1: "重大设计变更信息",
      l2: "设计变更",
      content: "项目设计变更原因、主要变更内容、变更依据、批准单位、变更结果",
      basis: `${GOV_INFO}、《建设工程勘察设计管理条例》`,
      timeLimit: D20,
    },
    {
      l1: "施工有关信息",
      l2: "参建单位",
      content: "项目法人单位及其主要负责人，设计、施工、监理单位及其主要负责人，施工单位资质",
      basis: "《中华人民共和国建筑法》《建设工程质量管理条例》",
      timeLimit: D20,
      subject: "县住房和城乡建设局、项目单位",
    },
    {
      l1: "质量安全监督信息",
      l2: "质量安全监督",
      content: "质量安全监督机构及联系方式、质量安全行政处罚情况",
      basis: "《建设工程质量管理条例》《建设工程安全生产管理条例》",
      timeLimit: D20,
      subject: "县住房和城乡建设局",
    },
    {
      l1: "竣工有关信息",
      l2: "竣工验收",
      content: "竣工验收时间、工程质量验收结果、竣工验收备案时间和备案编号",
      basis: "《建设工程质量管理条例》",
      timeLimit: D20,
      subject: "县住房和城乡建设局、项目单位",
    },
  ],
};

/** The 25 other areas; with KEY_PROJECT_AREA first, the 26 of 国办发〔2019〕54号 in its order. */
const OTHER_AREAS: AreaDef[] = [
  {
    slug: "public-resources",
    name: "公共资源交易",
    subject: "县公共资源交易中心",
    rows: [
      {
        l1: "交易信息",
        l2: "交易公告",
        content: "工程建设项目招标投标、政府采购、国有土地使用权和矿业权出让、国有产权交易公告",
        basis: "《中华人民共和国招标投标法》《中华人民共和国政府采购法》《公共资源交易平台管理暂行办法》",
        timeLimit: "按相关法律法规规定的时限",
        channels: "全国公共资源交易平台（内蒙古自治区）、政府网站",
        rule: ["realtime"],
      },
      {
        l1: "交易信息",
        l2: "交易结果",
        content: "中标（成交）结果、合同订立情况",
        basis: "《中华人民共和国政府采购法实施条例》《公共资源交易平台管理暂行办法》",
        timeLimit: "结果确定之日起2个工作日内",
        channels: "全国公共资源交易平台（内蒙古自治区）、政府网站",
        rule: ["days", 2],
      },
      {
        l1: "交易服务信息",
        l2: "服务指南",
        content: "交易场所、服务项目、办事指南、收费标准、联系方式",
        basis: "《公共资源交易平台管理暂行办法》",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "budget",
    name: "财政预决算",
    subject: "县财政局",
    rows: [
      {
        l1: "政府预决算",
        l2: "政府预算",
        content: "一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算报表及说明",
        basis: "《中华人民共和国预算法》第十四条",
        timeLimit: "经本级人民代表大会或者其常务委员会批准后20日内",
        town: TOWN,
        rule: ["yearly"],
      },
      {
        l1: "政府预决算",
        l2: "政府决算",
        content: "一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金决算报表及说明",
        basis: "《中华人民共和国预算法》第十四条",
        timeLimit: "经本级人民代表大会常务委员会批准后20日内",
        town: TOWN,
        rule: ["yearly"],
      },
      {
        l1: "部门预决算",
        l2: "部门预算",
        content: "部门收支总表、财政拨款收支表等报表及部门职责、机构设置、绩效目标说明",
        basis: "《中华人民共和国预算法》第十四条、《地方预决算公开操作规程》",
        timeLimit: "财政部门批复后20日内",
        subject: "县级各预算部门",
        rule: ["yearly"],
      },
      {
        l1: "部门预决算",
        l2: "部门决算",
        content: "部门决算报表及收支增减变化、绩效评价结果说明",
        basis: "《中华人民共和国预算法》第十四条、《地方预决算公开操作规程》",
        timeLimit: "财政部门批复后20日内",
        subject: "县级各预算部门",
        rule: ["yearly"],
      },
      {
        l1: "部门预决算",
        l2: "“三公”经费",
        content: "因公出国（境）费、公务用车购置及运行费、公务接待费预决算及增减变化原因",
        basis: "《中华人民共和国预算法》、《地方预决算公开操作规程》",
        timeLimit: "随部门预决算同步公开",
        subject: "县级各预算部门",
        rule: ["yearly"],
      },
    ],
  },
  {
    slug: "work-safety",
    name: "安全生产",
    subject: "县应急管理局",
    rows: [
      {
        l1: "行政许可",
        l2: "安全生产许可",
        content: "许可事项、依据、条件、程序、办理时限及许可结果",
        basis: "《中华人民共和国安全生产法》《安全生产许可证条例》",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "行政处罚",
        l2: "安全生产行政处罚",
        content: "处罚依据、程序及行政处罚决定",
        basis: "《中华人民共和国安全生产法》《中华人民共和国行政处罚法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "事故调查处理",
        l2: "生产安全事故调查报告",
        content: "事故调查报告、处理结果及整改措施落实情况",
        basis: "《生产安全事故报告和调查处理条例》",
        timeLimit: "调查报告批复之日起20个工作日内",
      },
    ],
  },
  {
    slug: "tax",
    name: "税收管理",
    subject: "国家税务总局固阳县税务局",
    rows: [
      {
        l1: "税收政策",
        l2: "税收法律法规和政策文件",
        content: "税收法律、法规、规章及规范性文件，政策解读",
        basis: "《中华人民共和国税收征收管理法》",
        timeLimit: D20,
      },
      {
        l1: "纳税服务",
        l2: "办税指南",
        content: "办税事项、办税地点、办税时间、所需资料、联系方式",
        basis: "《中华人民共和国税收征收管理法》",
        timeLimit: D20,
      },
      {
        l1: "税收执法",
        l2: "欠税公告",
        content: "欠税纳税人名称、欠税税种、欠税余额",
        basis: "《中华人民共和国税收征收管理法》第四十五条",
        timeLimit: "每季度公告一次",
        rule: ["quarterly"],
      },
    ],
  },
  {
    slug: "housing-expropriation",
    name: "国有土地上房屋征收与补偿",
    subject: "县人民政府、县住房和城乡建设局（房屋征收部门）",
    rows: [
      {
        l1: "征收启动",
        l2: "征收补偿方案征求意见",
        content: "征收补偿方案、征求意见情况及根据公众意见修改的情况",
        basis: "《国有土地上房屋征收与补偿条例》第十条、第十一条",
        timeLimit: "征求意见期限不少于30日；修改情况及时公布",
      },
      {
        l1: "征收决定",
        l2: "房屋征收决定公告",
        content: "征收补偿方案、行政复议和行政诉讼权利等事项",
        basis: "《国有土地上房屋征收与补偿条例》第十三条",
        timeLimit: "作出房屋征收决定后及时公告",
        rule: ["realtime"],
      },
      {
        l1: "补偿情况",
        l2: "分户补偿情况",
        content: "被征收人分户补偿情况",
        basis: "《国有土地上房屋征收与补偿条例》第二十九条",
        timeLimit: D20,
        channels: "房屋征收范围内公告栏",
        audience: "特定群众",
      },
    ],
  },
  {
    slug: "land-expropriation",
    name: "农村集体土地征收",
    subject: "县人民政府、县自然资源局",
    rows: [
      {
        l1: "征收前",
        l2: "征收土地预公告",
        content: "征收范围、征收目的、开展土地现状调查的安排",
        basis: "《中华人民共和国土地管理法》第四十七条、《中华人民共和国土地管理法实施条例》第二十六条",
        timeLimit: "拟申请征收土地前，公告不少于10个工作日",
        channels: "政府网站、拟征收土地所在乡（镇）和村、村民小组公告栏",
        town: "乡镇人民政府（协助）",
        rule: ["days", 10],
      },
      {
        l1: "征收前",
        l2: "征地补偿安置方案",
        content: "征收范围、土地现状、征收目的、补偿方式和标准、安置对象、安置方式、社会保障",
        basis: "《中华人民共和国土地管理法》第四十七条",
        timeLimit: "公告时间不少于30日",
        channels: "政府网站、拟征收土地所在乡（镇）和村、村民小组公告栏",
        town: "乡镇人民政府（协助）",
      },
      {
        l1: "征收实施",
        l2: "征收土地公告",
        content: "征地批准机关、批准文号、征收范围、补偿标准、救济途径",
        basis: "《中华人民共和国土地管理法实施条例》第三十一条",
        timeLimit: "收到批准文件之日起15个工作日内",
        channels: "政府网站、被征收土地所在乡（镇）和村、村民小组公告栏",
        rule: ["days", 15],
      },
    ],
  },
  {
    slug: "rural-housing",
    name: "农村危房改造",
    subject: "县住房和城乡建设局",
    rows: [
      {
        l1: "政策文件",
        l2: "补助政策",
        content: "补助对象、补助标准、申请条件、办理程序",
        basis: "住房和城乡建设部、财政部农村危房改造政策文件",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "对象认定",
        l2: "改造对象审核公示",
        content: "申请对象、评议和审核结果",
        basis: "住房和城乡建设部、财政部农村危房改造政策文件",
        timeLimit: "审核后及时公示，公示期不少于7日",
        channels: WEB_BOARD,
        audience: "特定群众",
        town: TOWN,
      },
      {
        l1: "资金管理",
        l2: "补助资金分配和发放",
        content: "补助资金分配结果、发放对象和金额",
        basis: "《中央财政农村危房改造补助资金管理办法》",
        timeLimit: D20,
        channels: WEB_BOARD,
        town: TOWN,
      },
    ],
  },
  {
    slug: "poverty",
    name: "扶贫",
    subject: "县扶贫开发办公室",
    rows: [
      {
        l1: "扶贫政策",
        l2: "政策文件及解读",
        content: "脱贫攻坚政策文件、扶持措施及政策解读",
        basis: GOV_INFO,
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "扶贫对象",
        l2: "贫困人口识别和退出",
        content: "贫困户识别、退出的标准、程序和结果",
        basis: "《扶贫开发建档立卡工作方案》",
        timeLimit: "评议、审核后及时公示",
        channels: WEB_BOARD,
        audience: "特定群众",
        town: TOWN,
      },
      {
        l1: "扶贫资金",
        l2: "资金分配结果",
        content: "扶贫资金分配结果、年度计划、项目安排",
        basis: "《关于完善扶贫资金项目公告公示制度的指导意见》（国开办发〔2017〕50号）",
        timeLimit: "资金分配结果下达后10个工作日内",
        town: TOWN,
        rule: ["days", 10],
      },
      {
        l1: "扶贫项目",
        l2: "项目实施情况",
        content: "项目名称、实施地点、资金规模、实施单位、带贫减贫机制、绩效目标及完成情况",
        basis: "《关于完善扶贫资金项目公告公示制度的指导意见》（国开办发〔2017〕50号）",
        timeLimit: D20,
        channels: WEB_BOARD,
        town: TOWN,
      },
    ],
  },
  {
    slug: "social-assistance",
    name: "社会救助",
    subject: "县民政局",
    rows: [
      {
        l1: "最低生活保障",
        l2: "城乡低保",
        content: "政策文件、申请条件、办理流程、保障标准、咨询电话",
        basis: "《社会救助暂行办法》",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "特困人员救助供养",
        l2: "特困供养",
        content: "政策文件、认定条件、办理流程、供养标准",
        basis: "《社会救助暂行办法》",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "临时救助",
        l2: "临时救助",
        content: "救助对象、申请条件、办理流程、救助标准",
        basis: "《社会救助暂行办法》",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "救助对象",
        l2: "救助对象公示",
        content: "低保对象、特困人员的姓名、保障人数、救助金额（隐去身份证号码等个人信息）",
        basis: "《最低生活保障审核审批办法（试行）》",
        timeLimit: "审批后按月公示",
        channels: WEB_BOARD,
        audience: "特定群众",
        town: TOWN,
        rule: ["monthly"],
      },
    ],
  },
  {
    slug: "elderly-care",
    name: "养老服务",
    subject: "县民政局",
    rows: [
      {
        l1: "养老服务政策",
        l2: "补贴和津贴",
        content: "养老服务补贴、高龄津贴的对象、标准和申请程序",
        basis: "《中华人民共和国老年人权益保障法》",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "养老机构",
        l2: "养老机构信息",
        content: "养老机构名称、地址、床位数、收费标准、备案信息",
        basis: "《养老机构管理办法》",
        timeLimit: D20,
      },
      {
        l1: "高龄津贴",
        l2: "发放情况",
        content: "发放对象、标准和金额",
        basis: "自治区高龄津贴政策文件",
        timeLimit: "每季度公布",
        channels: WEB_BOARD,
        audience: "特定群众",
        town: TOWN,
        rule: ["quarterly"],
      },
    ],
  },
  {
    slug: "household-registration",
    name: "户籍管理",
    subject: "固阳县公安局",
    rows: [
      {
        l1: "户口登记",
        l2: "出生登记和户口迁移",
        content: "办理条件、所需材料、办理流程、办理时限、办理地点",
        basis: "《中华人民共和国户口登记条例》",
        timeLimit: D20,
        town: "辖区公安派出所",
      },
      {
        l1: "居民身份证",
        l2: "居民身份证办理",
        content: "申领条件、所需材料、办理流程、收费标准",
        basis: "《中华人民共和国居民身份证法》",
        timeLimit: D20,
        town: "辖区公安派出所",
      },
      {
        l1: "居住证",
        l2: "居住证申领",
        content: "申领条件、所需材料、办理流程、持证人享有的服务",
        basis: "《居住证暂行条例》",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "farm-subsidies",
    name: "涉农补贴",
    subject: "县农牧和科技局、县财政局",
    rows: [
      {
        l1: "补贴政策",
        l2: "政策文件",
        content: "补贴项目、补贴对象、补贴标准、申请程序",
        basis: "中央和自治区涉农补贴政策文件",
        timeLimit: D20,
        town: TOWN,
      },
      {
        l1: "补贴发放",
        l2: "补贴对象和金额",
        content: "耕地地力保护补贴等补贴对象、面积（数量）、补贴金额",
        basis: "《农业相关转移支付资金管理办法》",
        timeLimit: "资金发放后20个工作日内",
        channels: WEB_BOARD,
        town: TOWN,
      },
      {
        l1: "农机购置补贴",
        l2: "实施情况",
        content: "补贴机具目录、补贴额、受益农户和资金使用情况",
        basis: "农业农村部、财政部农机购置补贴实施指导意见",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "compulsory-education",
    name: "义务教育",
    subject: "县教育局",
    rows: [
      {
        l1: "招生入学",
        l2: "招生政策和结果",
        content: "招生政策、划片范围、招生计划、报名时间、录取结果",
        basis: "《中华人民共和国义务教育法》",
        timeLimit: "招生工作开始前公布，录取结果及时公布",
        town: "乡镇中心学校",
        rule: ["yearly"],
      },
      {
        l1: "学生资助",
        l2: "资助政策和对象",
        content: "资助项目、资助标准、申请条件、资助对象",
        basis: "《学生资助资金管理办法》",
        timeLimit: D20,
        town: "乡镇中心学校",
      },
      {
        l1: "学校信息",
        l2: "学校基本信息",
        content: "学校名称、地址、联系方式、办学规模、收费项目和标准",
        basis: "《中华人民共和国义务教育法》、教育收费公示制度",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "employment",
    name: "就业",
    subject: "县人力资源和社会保障局",
    rows: [
      {
        l1: "就业政策",
        l2: "就业创业扶持政策",
        content: "扶持政策、补贴项目、补贴标准、申请条件和流程",
        basis: "《中华人民共和国就业促进法》",
        timeLimit: D20,
        town: "乡镇劳动保障事务所",
      },
      {
        l1: "就业服务",
        l2: "招聘岗位信息",
        content: "用人单位招聘岗位、数量、条件、薪酬待遇、联系方式",
        basis: "《就业服务与就业管理规定》",
        timeLimit: "收到招聘信息后及时发布",
        town: "乡镇劳动保障事务所",
        rule: ["realtime"],
      },
      {
        l1: "就业补贴",
        l2: "补贴资金发放",
        content: "职业培训补贴、社会保险补贴等享受对象和金额",
        basis: "《就业补助资金管理办法》",
        timeLimit: "按季度公布",
        rule: ["quarterly"],
      },
    ],
  },
  {
    slug: "social-insurance",
    name: "社会保险",
    subject: "县人力资源和社会保障局、县医疗保障局",
    rows: [
      {
        l1: "参保登记",
        l2: "参保办理",
        content: "参保范围、条件、所需材料、办理流程",
        basis: "《中华人民共和国社会保险法》",
        timeLimit: D20,
        town: "乡镇劳动保障事务所",
      },
      {
        l1: "待遇标准",
        l2: "待遇标准及调整",
        content: "养老、医疗、工伤、失业保险待遇标准及调整情况",
        basis: "《中华人民共和国社会保险法》",
        timeLimit: D20,
      },
      {
        l1: "基金管理",
        l2: "社会保险基金收支",
        content: "社会保险基金收入、支出、结余和收益情况",
        basis: "《中华人民共和国社会保险法》第七十条",
        timeLimit: "每年公布",
        rule: ["yearly"],
      },
    ],
  },
  {
    slug: "public-culture",
    name: "公共文化服务",
    subject: "县文化和旅游局",
    rows: [
      {
        l1: "公共文化设施",
        l2: "设施开放",
        content: "图书馆、文化馆、综合文化站的开放时间、服务项目",
        basis: "《中华人民共和国公共文化服务保障法》",
        timeLimit: D20,
        town: "乡镇综合文化站",
      },
      {
        l1: "文化活动",
        l2: "文化惠民活动",
        content: "文化惠民活动的时间、地点、内容",
        basis: "《中华人民共和国公共文化服务保障法》",
        timeLimit: "活动开展前发布",
        town: "乡镇综合文化站",
        rule: ["monthly"],
      },
      {
        l1: "非物质文化遗产",
        l2: "代表性项目和传承人",
        content: "非物质文化遗产代表性项目名录和代表性传承人",
        basis: "《中华人民共和国非物质文化遗产法》",
        timeLimit: "每年更新",
        rule: ["yearly"],
      },
    ],
  },
  {
    slug: "health",
    name: "卫生健康",
    subject: "县卫生健康委员会",
    rows: [
      {
        l1: "公共卫生",
        l2: "基本公共卫生服务",
        content: "服务项目、服务内容、服务对象、服务机构",
        basis: "《中华人民共和国基本医疗卫生与健康促进法》",
        timeLimit: D20,
        town: "乡镇卫生院",
      },
      {
        l1: "医疗服务",
        l2: "医疗机构执业信息",
        content: "医疗机构名称、地址、诊疗科目、执业许可信息",
        basis: "《医疗机构管理条例》",
        timeLimit: D20,
      },
      {
        l1: "疾病防控",
        l2: "法定传染病疫情信息",
        content: "法定传染病疫情概况",
        basis: "《中华人民共和国传染病防治法》第三十八条",
        timeLimit: "每月公布",
        rule: ["monthly"],
      },
      {
        l1: "卫生监督",
        l2: "卫生行政处罚",
        content: "行政处罚决定",
        basis: "《中华人民共和国行政处罚法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
    ],
  },
  {
    slug: "municipal-services",
    name: "市政服务",
    subject: "县住房和城乡建设局",
    rows: [
      {
        l1: "公用事业",
        l2: "供水、供气、供热服务",
        content: "服务单位、收费标准、办理流程，计划停水、停气、停热通知",
        basis: "《城市供水条例》《城镇燃气管理条例》",
        timeLimit: "停水、停气、停热前及时发布",
        rule: ["realtime"],
      },
      {
        l1: "市政设施",
        l2: "市政工程建设",
        content: "道路、桥梁、排水等市政工程建设计划及进展",
        basis: GOV_INFO,
        timeLimit: D20,
      },
      {
        l1: "市容环卫",
        l2: "环境卫生",
        content: "生活垃圾收运处理、公共厕所设置",
        basis: "《城市市容和环境卫生管理条例》",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "environment",
    name: "生态环境",
    subject: "包头市生态环境局固阳县分局",
    rows: [
      {
        l1: "环境质量",
        l2: "环境质量状况",
        content: "空气质量、水环境质量状况",
        basis: "《中华人民共和国环境保护法》第五十四条",
        timeLimit: "每月公布",
        rule: ["monthly"],
      },
      {
        l1: "环境影响评价",
        l2: "建设项目环评审批",
        content: "环评文件受理情况、拟审批意见、审批决定",
        basis: "《中华人民共和国环境影响评价法》",
        timeLimit: "受理、拟作出审批意见和作出审批决定时分别公开",
        rule: ["realtime"],
      },
      {
        l1: "环境监管",
        l2: "环境行政处罚",
        content: "行政处罚决定",
        basis: "《中华人民共和国环境保护法》《中华人民共和国行政处罚法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "环境监管",
        l2: "重点排污单位名录",
        content: "重点排污单位名录",
        basis: "《企业事业单位环境信息公开办法》",
        timeLimit: "每年3月底前",
        rule: ["yearly"],
      },
    ],
  },
  {
    slug: "legal-services",
    name: "公共法律服务",
    subject: "县司法局",
    rows: [
      {
        l1: "法律援助",
        l2: "法律援助办理",
        content: "申请条件、受理机构、所需材料、办理流程",
        basis: "《法律援助条例》",
        timeLimit: D20,
        town: "乡镇司法所",
      },
      {
        l1: "人民调解",
        l2: "调解组织",
        content: "人民调解委员会、调解员名册、联系方式",
        basis: "《中华人民共和国人民调解法》",
        timeLimit: D20,
        town: "乡镇司法所",
      },
      {
        l1: "公证服务",
        l2: "公证事项",
        content: "公证机构、公证事项、办理流程、收费标准",
        basis: "《中华人民共和国公证法》",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "planning",
    name: "城乡规划",
    subject: "县自然资源局",
    rows: [
      {
        l1: "规划编制",
        l2: "国土空间规划",
        content: "规划草案征求意见、批准后的规划成果",
        basis: "《中华人民共和国城乡规划法》第八条、第二十六条",
        timeLimit: "草案公告不少于30日；批准后20个工作日内",
      },
      {
        l1: "规划许可",
        l2: "建设用地和建设工程规划许可",
        content: "建设用地规划许可证、建设工程规划许可证核发结果",
        basis: "《中华人民共和国城乡规划法》第三十七条、第四十条",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "规划许可",
        l2: "乡村建设规划许可",
        content: "乡村建设规划许可证申请条件、流程、核发结果",
        basis: "《中华人民共和国城乡规划法》第四十一条",
        timeLimit: D20,
        town: TOWN,
      },
    ],
  },
  {
    slug: "food-drug",
    name: "食品药品监管",
    subject: "县市场监督管理局",
    rows: [
      {
        l1: "行政许可",
        l2: "食品生产经营许可",
        content: "许可依据、条件、程序、办理时限及许可结果",
        basis: "《中华人民共和国食品安全法》《食品经营许可管理办法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "监督检查",
        l2: "食品安全监督抽检",
        content: "抽检计划、抽检结果、不合格产品核查处置情况",
        basis: "《中华人民共和国食品安全法》第一百一十八条",
        timeLimit: D20,
      },
      {
        l1: "行政处罚",
        l2: "食品药品行政处罚",
        content: "行政处罚决定",
        basis: "《中华人民共和国行政处罚法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
    ],
  },
  {
    slug: "disaster-relief",
    name: "救灾",
    subject: "县应急管理局",
    rows: [
      {
        l1: "灾情信息",
        l2: "灾情和救灾工作动态",
        content: "灾害种类、受灾范围、损失情况、救灾工作进展",
        basis: "《自然灾害救助条例》",
        timeLimit: "灾害发生后及时发布",
        town: TOWN,
        rule: ["realtime"],
      },
      {
        l1: "救灾款物",
        l2: "款物管理使用",
        content: "救灾款物来源、数量、分配和发放情况",
        basis: "《自然灾害救助条例》第二十九条",
        timeLimit: D20,
        channels: WEB_BOARD,
        town: TOWN,
      },
      {
        l1: "应急准备",
        l2: "应急避难场所",
        content: "应急避难场所的位置、容量、联系方式",
        basis: "《中华人民共和国突发事件应对法》",
        timeLimit: D20,
        town: TOWN,
      },
    ],
  },
  {
    slug: "urban-enforcement",
    name: "城市综合执法",
    subject: "县城市管理综合执法局",
    rows: [
      {
        l1: "执法依据",
        l2: "权责清单",
        content: "执法事项、执法依据、执法程序、监督方式",
        basis: "《中华人民共和国行政处罚法》",
        timeLimit: D20,
      },
      {
        l1: "执法结果",
        l2: "行政处罚决定",
        content: "行政处罚决定",
        basis: "《中华人民共和国行政处罚法》",
        timeLimit: D7,
        rule: ["days", 7],
      },
      {
        l1: "执法监督",
        l2: "投诉举报",
        content: "投诉举报渠道、受理和处理情况",
        basis: "《城市管理执法办法》",
        timeLimit: D20,
      },
    ],
  },
  {
    slug: "affordable-housing",
    name: "保障性住房",
    subject: "县住房和城乡建设局",
    rows: [
      {
        l1: "规划计划",
        l2: "年度建设计划",
        content: "保障性安居工程年度建设计划及完成情况",
        basis: GOV_INFO,
        timeLimit: "每年公布",
        rule: ["yearly"],
      },
      {
        l1: "申请审核",
        l2: "保障对象审核",
        content: "申请条件、办理流程、审核结果公示",
        basis: "《公共租赁住房管理办法》",
        timeLimit: "审核后及时公示，公示期不少于15日",
        channels: WEB_BOARD,
      },
      {
        l1: "分配管理",
        l2: "分配结果",
        content: "房源信息、分配对象、分配结果",
        basis: "《公共租赁住房管理办法》",
        timeLimit: D20,
      },
    ],
  },
];

export const STANDARD_AREAS: readonly AreaDef[] = [KEY_PROJECT_AREA, ...OTHER_AREAS];

/** Which areas a county department owns, by a keyword of its name (the office adjusts the result). */
export const DEPARTMENT_AREAS: ReadonlyArray<[keyword: RegExp, areas: string[]]> = [
  [/发展和改革/, ["key-projects"]],
  [/财政/, ["budget"]],
  [/教育/, ["compulsory-education"]],
  [/卫生健康|卫健/, ["health"]],
  [/民政/, ["social-assistance", "elderly-care"]],
  [/自然资源/, ["land-expropriation", "planning"]],
  [
    /住房和城乡建设|住建/,
    ["housing-expropriation", "affordable-housing", "rural-housing", "municipal-services"],
  ],
  [/人力资源和社会保障|人社/, ["employment", "social-insurance"]],
  [/市场监督|市场监管/, ["food-drug"]],
  [/生态环境/, ["environment"]],
  [/应急管理/, ["work-safety", "disaster-relief"]],
  [/农牧|农业农村/, ["farm-subsidies"]],
  [/乡村振兴|扶贫/, ["poverty"]],
  [/政务服务|公共资源交易/, ["public-resources"]],
  [/税务/, ["tax"]],
  [/公安/, ["household-registration"]],
  [/司法/, ["legal-services"]],
  [/文化|文旅/, ["public-culture"]],
  [/综合执法|城市管理/, ["urban-enforcement"]],
  [/医疗保障|医保/, ["social-insurance"]],
];
