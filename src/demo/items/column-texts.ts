// The texts of a department's or town's statutory columns that items/departments.ts does not write: Art. 20
// (一)(四)(五)(六)(八)–(十三)(十五), Art. 21, 政策解读、回应关切、公众参与 and the 政府信息公开制度, each from the
// organisation's profile (functions, desk, budget, telephone) and a year.
import { budgetOf } from "./departments";
import { art21Text } from "./office-texts";
import type { OrgProfile } from "./profiles";
import { cnIndex, isTown, pick, shortOf, type Text, taskOf } from "./standard-texts";

/** 发文字号 prefixes of the organisations' own documents. */
const DOC_PREFIX: Record<string, string> = {
  "gyx-fgw": "固发改发",
  "gyx-czj": "固财发",
  "gyx-jyj": "固教发",
  "gyx-wjw": "固卫健发",
  "gyx-zrzyj": "固自然资发",
  "gyx-zjj": "固住建发",
  "gyx-nmkjj": "固农科发",
  "gyx-mzj": "固民发",
  "gyx-rsj": "固人社发",
  "gyx-scjgj": "固市监发",
  "gyx-zwfwj": "固政务发",
  "gyx-sthjj": "固环分发",
  "gyx-yjglj": "固应急发",
};

/** Organisations that hold powers of administrative penalty and inspection (towns through 综合行政执法). */
export const ENFORCES = new Set([
  "gyx-fgw",
  "gyx-czj",
  "gyx-jyj",
  "gyx-wjw",
  "gyx-zrzyj",
  "gyx-zjj",
  "gyx-nmkjj",
  "gyx-mzj",
  "gyx-rsj",
  "gyx-scjgj",
  "gyx-sthjj",
  "gyx-yjglj",
]);
/** Organisations that build or run the county's major projects. */
export const BUILDS = new Set([
  "gyx-fgw",
  "gyx-jyj",
  "gyx-wjw",
  "gyx-zrzyj",
  "gyx-zjj",
  "gyx-nmkjj",
  "gyx-sthjj",
]);
/** Art. 21 (county) columns a department keeps, by organisation. */
export const ART21_OWNERS: Record<string, string[]> = {
  "art21-municipal": ["gyx-zjj"],
  "art21-public-services": ["gyx-zwfwj", "gyx-wjw", "gyx-jyj", "gyx-rsj"],
  "art21-public-welfare": ["gyx-mzj"],
  "art21-land-expropriation": ["gyx-zrzyj"],
  "art21-housing-expropriation": ["gyx-zjj"],
  "art21-social-assistance": ["gyx-mzj"],
};

const docPrefix = (p: OrgProfile) => DOC_PREFIX[p.code] ?? `${shortOf(p).slice(0, -1)}政发`;

/** A policy of the organisation with its interpretation (Art. 20 (一) and 政策解读), and its consultation. */
export function policyText(p: OrgProfile, year: number, formed: string): Text[] {
  const task = taskOf(p.functions[pick(p.code, 2) + 1] ?? p.functions[0]!);
  const short = shortOf(p);
  const title = `${p.name}关于进一步做好${task}工作的通知`;
  const n = 3 + pick(`${p.code}${year}`, 20);
  const policy: Text = {
    kind: "policy",
    title,
    doc: `${docPrefix(p)}〔${year}〕${n}号`,
    topic: task.slice(0, 20),
    body: [
      isTown(p) ? "各村（居）民委员会，镇属各单位：" : "各镇人民政府，本单位各股室、所属各单位：",
      `为进一步做好${task}工作，根据国家和自治区有关规定，结合本${isTown(p) ? "镇" : "县"}实际，现就有关事项通知如下：`,
      `一、明确责任分工。${p.units[0]}负责统筹协调，${p.units[1] ?? p.units[0]}负责具体实施，${p.units[2] ?? p.units[0]}负责监督检查，各司其职、密切配合。`,
      `二、规范工作程序。办理事项一律公开条件、流程和时限，承诺办结时限压缩至法定时限的${60 + pick(`${p.code}p`, 20)}%以内，全程留痕、可追溯。`,
      "三、强化公开监督。工作进展和结果按季度在政府门户网站公开，接受社会监督；对群众反映的问题，在5个工作日内核实回复。",
      `四、本通知自印发之日起施行。执行中的问题请向${p.desk}反映，联系电话${p.phone}。`,
      p.name,
    ].join("\n"),
    interpretation: {
      title: `《${p.name}关于进一步做好${task}工作的通知》政策解读`,
      interpreter: `${short}${p.leaders[0]!.post}`,
      form: "text",
      body: [
        "一、起草背景",
        `近年来，${task}工作任务不断增加，群众对办事效率和公开程度提出了更高要求，有必要统一规范工作程序。`,
        "二、主要内容",
        "通知从明确责任分工、规范工作程序、强化公开监督三个方面提出要求，并明确了承诺办结时限。",
        "三、与群众利益相关的变化",
        "办理条件、流程和时限全部公开，办理进展按季度公开，群众反映的问题5个工作日内核实回复。",
        `四、咨询方式\n${p.desk}，联系电话${p.phone}。`,
      ].join("\n"),
    },
  };
  const draft: Text = {
    kind: "notice",
    title: `关于《${title}（征求意见稿）》公开征求意见的公告`,
    body: [
      `为提高决策的科学性和透明度，${p.name}起草了《${title}（征求意见稿）》，现向社会公开征求意见。`,
      "一、征求意见时间：自公告之日起30日。",
      `二、反馈方式：可将意见发送至${p.desk}，或通过政府门户网站“公众参与”栏目留言，也可拨打${p.phone}反映。`,
      "三、意见采纳情况将在文件印发时一并公开说明。",
    ].join("\n"),
    nodes: ["participation"],
    formed: shiftMonths(formed, -2),
  };
  return [policy, draft];
}

const shiftMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** The text of one statutory column of the organisation in a year, or undefined when it keeps none. */
export function statutoryText(p: OrgProfile, code: string, year: number): Text | undefined {
  const short = shortOf(p);
  const k = (s: string, base: number) => base + pick(`${p.code}|${code}|${year}|${s}`, base + 5);
  const b = budgetOf(p, year);
  const task = (i: number) => taskOf(p.functions[i % p.functions.length]!);
  switch (code) {
    case "art20-04":
      return {
        kind: "statistics",
        title: `${short}${year}年主要业务统计数据`,
        body: [
          `${year}年${short}主要业务统计数据如下：`,
          ...p.functions
            .slice(0, 3)
            .map(
              (_, i) =>
                `${cnIndex(i)}、${task(i)}：办理${k(`a${i}`, 40)}件（次），同比增长${k(`g${i}`, 2)}%。`,
            ),
          `${cnIndex(3)}、年末在编人员${p.staff}人，全年财政拨款支出${(b.total * 0.97).toFixed(2)}万元。`,
          "数据来源：本单位业务台账和财务决算，为年度快报数，以统计部门最终核定数据为准。",
        ].join("\n"),
      };
    case "art20-05":
      return {
        kind: "other",
        title: `${short}${isTown(p) ? "便民服务" : "政务服务"}事项办事指南（${year}年版）`,
        body: [
          `根据县政务服务事项目录清单，${short}${year}年对外办理${isTown(p) ? "便民服务" : "行政许可和公共服务"}事项${k("n", 12)}项，其中“最多跑一次”事项${k("m", 8)}项，全程网办事项${k("w", 6)}项。`,
          `办理地点：${isTown(p) ? `${short}便民服务中心` : "固阳县政务服务中心综合受理窗口"}；办理时间：工作日上午8:30—12:00，下午14:30—18:00。`,
          "每个事项的设定依据、申请条件、所需材料、办理流程、承诺时限和收费情况在县政务服务网逐项公开，可在线查询办理进度。",
          `咨询电话：${p.phone}。`,
        ].join("\n"),
      };
    case "art20-06":
      if (!ENFORCES.has(p.code) && !isTown(p)) return undefined;
      return {
        kind: "notice",
        title: `${short}${year}年行政处罚和行政强制实施情况`,
        body: [
          `${year}年，${short}依法作出行政处罚决定${k("p", 6)}件，罚没款${k("f", 8)}.${pick(`${p.code}${year}`, 9)}万元；实施行政强制措施${k("s", 1)}件。`,
          "行政处罚的依据、条件、程序和裁量基准在本栏目公开，具有一定社会影响的行政处罚决定自作出之日起7个工作日内公开。",
          `全年未发生因行政处罚被行政复议纠错或行政诉讼败诉的案件。对执法行为有异议的，可拨打${p.phone}反映。`,
        ].join("\n"),
      };
    case "art20-08":
      return {
        kind: "other",
        title: `${short}${year}年行政事业性收费项目公开`,
        body: [
          `根据自治区财政厅、发展和改革委员会公布的行政事业性收费目录清单，经清理核实，${short}${year}年${p.code === "gyx-zrzyj" ? "执行不动产登记费1项，住宅类每件80元、非住宅类每件550元，小微企业免收" : "无行政事业性收费项目，未设立任何涉企收费"}。`,
          "目录清单之外的收费一律不得执行。对乱收费行为，可向县发展和改革委员会价格举报电话反映。",
        ].join("\n"),
      };
    case "art20-09":
      return {
        kind: "notice",
        title: `${short}${year}年政府采购意向公开`,
        body: [
          `为便于供应商及时了解政府采购信息，现将${short}${year}年政府采购意向公开如下：`,
          `一、办公设备采购，预算金额${(b.project * 0.04).toFixed(2)}万元，预计采购时间${year}年${3 + pick(p.code, 4)}月。`,
          `二、${task(1)}相关服务采购，预算金额${(b.project * 0.08).toFixed(2)}万元，预计采购时间${year}年${6 + pick(p.code, 4)}月。`,
          "本次公开的采购意向是初步安排，具体采购项目情况以相关采购公告和采购文件为准。",
        ].join("\n"),
      };
    case "art20-10":
      if (!BUILDS.has(p.code) && !isTown(p)) return undefined;
      return {
        kind: "notice",
        title: `${short}${year}年重点项目建设进展情况`,
        body: [
          `${year}年，${short}承担重点建设项目${k("n", 2)}个，计划总投资${k("i", 900).toLocaleString("zh-CN")}万元，当年完成投资${k("c", 500).toLocaleString("zh-CN")}万元。`,
          `其中${task(2)}项目已完成主体工程，其余项目按计划推进。`,
          "项目的批准、招标投标、施工和竣工验收信息在“重大建设项目”栏目公开。",
        ].join("\n"),
      };
    case "art20-11":
      return {
        kind: "notice",
        title: `${short}${year}年民生政策落实情况`,
        body: [
          `${year}年，${short}围绕教育、医疗、社会保障和促进就业，落实惠民政策${k("p", 5)}项，惠及群众${k("h", 900).toLocaleString("zh-CN")}人次。`,
          `${task(3)}方面，全年投入资金${(b.project * 0.3).toFixed(2)}万元，资金通过“一卡通”或国库集中支付直接发放。`,
          "各项政策的申请条件、补助标准和办理流程在相关栏目公开，享受对象名单按规定在村（居）务公开栏公示。",
        ].join("\n"),
      };
    case "art20-12":
      return {
        kind: "plan",
        title: `${p.name}突发事件应急预案（${year}年修订）`,
        body: [
          "一、总则",
          `为有效预防和妥善处置${task(pick(p.code, 3))}领域的突发事件，根据《中华人民共和国突发事件应对法》和《固阳县突发事件总体应急预案》，制定本预案。`,
          "二、组织体系",
          `成立由${p.leaders[0]!.post}任组长的应急领导小组，领导小组办公室设在${p.units[0]}。`,
          "三、预警和响应",
          "按照事件严重程度分为四级响应，接报后30分钟内向县应急管理局报告，重大情况1小时内书面报告。",
          "四、保障措施",
          `应急值守电话${p.phone}（24小时）；每年至少组织一次应急演练。`,
        ].join("\n"),
        nodes: ["art20-12"],
      };
    case "art20-13":
      if (!ENFORCES.has(p.code) && !isTown(p)) return undefined;
      return {
        kind: "notice",
        title: `${short}${year}年“双随机、一公开”抽查结果`,
        body: [
          `按照${year}年度“双随机、一公开”抽查计划，${short}从检查对象名录库中随机抽取${k("o", 12)}户，从执法检查人员名录库中随机选派检查人员${k("e", 6)}名，开展监督检查。`,
          `检查发现问题${k("q", 2)}处，已全部责令整改并复查到位，未发现需立案查处的违法行为。`,
          "抽查结果自检查结束之日起20个工作日内公开，并归集到国家企业信用信息公示系统。",
        ].join("\n"),
      };
    case "art20-15":
      return {
        kind: "notice",
        title: `${short}${year}年人大代表建议和政协委员提案办理结果公开`,
        body: [
          `${year}年，${short}共承办县人大代表建议${k("r", 2)}件、政协委员提案${k("t", 2)}件，已全部按期办结，代表委员满意率100%。`,
          `办理内容主要涉及${task(0)}和${task(1)}。办理复文在征得代表委员同意后全文公开。`,
        ].join("\n"),
      };
    default:
      return art21Text(p, code, year);
  }
}
