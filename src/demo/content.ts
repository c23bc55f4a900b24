import { readFileSync } from "node:fs";
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { findCatalogNodeByCode } from "../domains/catalog";
import { findOrgByCodeAnySite } from "../domains/orgs";
import { createItem, type ItemKind, performAction } from "../domains/publishing";
import { shanghaiDateOf } from "../platform/time";

// Demo content of 固阳县: the 2020 work plan as a published normative document with its interpretation, and
// items across departments, kinds and catalogue columns, all moved through the real workflow.

const PLAN = readFileSync(new URL("./work-plan-2020.txt", import.meta.url), "utf8");

interface DemoItem {
  org: string;
  kind: ItemKind;
  title: string;
  body: string;
  node?: string;
  doc?: string;
  daysAgo: number;
  interpretation?: {
    title: string;
    body: string;
    interpreter: string;
    form: "text" | "graphic" | "video" | "press_conference";
  };
}

const ITEMS: DemoItem[] = [
  {
    org: "gyx-fgw",
    kind: "plan",
    title: "固阳县国民经济和社会发展第十五个五年规划纲要",
    body: "第一章 发展基础和发展环境\n“十四五”时期，全县地区生产总值年均增长……\n第二章 指导思想和主要目标\n……",
    node: "art20-03",
    daysAgo: 12,
  },
  {
    org: "gyx-czj",
    kind: "budget",
    title: "固阳县2026年县级一般公共预算草案的报告",
    body: "一、2025年预算执行情况\n二、2026年预算安排\n三、“三公”经费预算情况说明",
    node: "art20-07",
    daysAgo: 9,
  },
  {
    org: "gyx-czj",
    kind: "budget",
    title: "固阳县财政局2026年部门预算公开说明",
    body: "一、部门职责及机构设置\n二、收支预算总体情况\n三、政府采购预算情况",
    node: "art20-07",
    daysAgo: 7,
  },
  {
    org: "gyx-fgw",
    kind: "statistics",
    title: "2026年1—10月固阳县主要经济指标",
    body: "1—10月，全县规模以上工业增加值同比增长6.2%，社会消费品零售总额同比增长4.8%。",
    node: "art20-04",
    daysAgo: 3,
  },
  {
    org: "gyx-jyj",
    kind: "policy",
    title: "固阳县义务教育阶段家庭经济困难学生资助实施办法",
    doc: "固教发〔2026〕15号",
    body: "第一条 为做好义务教育阶段家庭经济困难学生资助工作，制定本办法。\n第二条 资助对象为具有本县学籍的义务教育阶段家庭经济困难学生。\n第三条 生活补助标准为小学每生每年1000元，初中每生每年1250元。",
    node: "art20-11",
    daysAgo: 10,
    interpretation: {
      title: "图解《固阳县义务教育阶段家庭经济困难学生资助实施办法》",
      body: "一、谁能申请？具有本县学籍的义务教育阶段家庭经济困难学生。\n二、补助多少？小学每生每年1000元，初中每生每年1250元。\n三、怎么申请？向就读学校提出，学校评议公示后报县教育局审核。",
      interpreter: "县教育局局长",
      form: "graphic",
    },
  },
  {
    org: "gyx-jyj",
    kind: "notice",
    title: "关于做好2026年秋季学期义务教育招生入学工作的通知",
    body: "各镇中心校、县直各学校：\n现就2026年秋季学期招生入学工作通知如下……",
    node: "art20-11",
    daysAgo: 40,
  },
  {
    org: "gyx-wjw",
    kind: "notice",
    title: "关于做好2026—2027年冬春季传染病防控工作的通知",
    body: "各医疗卫生机构：\n冬春季是呼吸道传染病高发季节，现将有关工作通知如下……",
    node: "art20-13",
    daysAgo: 4,
  },
  {
    org: "gyx-wjw",
    kind: "news",
    title: "县人民医院开展“送医下乡”义诊活动",
    body: "11月18日，县人民医院组织专家团队赴银号镇开展义诊活动，为群众免费测量血压、血糖200余人次。",
    daysAgo: 6,
  },
  {
    org: "gyx-zrzyj",
    kind: "notice",
    title: "固阳县2026年度第一批次城镇建设用地征收土地预公告",
    body: "根据《中华人民共和国土地管理法》第四十七条规定，现将拟征收土地有关事项预公告如下……",
    node: "art21-land-expropriation",
    daysAgo: 8,
  },
  {
    org: "gyx-mzj",
    kind: "statistics",
    title: "2026年10月固阳县城乡最低生活保障资金发放情况",
    body: "10月份，全县共发放城市低保金……万元，农村牧区低保金……万元。",
    node: "art21-social-assistance",
    daysAgo: 2,
  },
  {
    org: "gyx-rsj",
    kind: "notice",
    title: "固阳县2026年事业单位公开招聘工作人员公告",
    body: "根据工作需要，经研究决定，面向社会公开招聘事业单位工作人员30名。",
    node: "art20-14",
    daysAgo: 11,
  },
  {
    org: "gyx-scjgj",
    kind: "notice",
    title: "2026年第三季度食品安全监督抽检信息公告",
    body: "本季度共抽检食品样品320批次，其中合格315批次，不合格5批次，已依法处置。",
    node: "art20-13",
    daysAgo: 5,
  },
  {
    org: "gyx-zwfwj",
    kind: "other",
    title: "固阳县政务服务事项清单（2026年版）",
    body: "本清单共收录依申请类政务服务事项1126项，公共服务事项215项。",
    node: "art20-05",
    daysAgo: 14,
  },
  {
    org: "gyx-yjglj",
    kind: "other",
    title: "固阳县突发事件总体应急预案",
    body: "1 总则\n1.1 编制目的\n1.2 编制依据\n2 组织体系",
    node: "art20-12",
    daysAgo: 13,
  },
  {
    org: "gyx-jsz",
    kind: "notice",
    title: "金山镇2026年耕地地力保护补贴发放公示",
    body: "根据上级文件精神，现将本镇2026年耕地地力保护补贴发放情况公示如下，公示期7天。",
    node: "art21-agri-policy",
    daysAgo: 1,
  },
  {
    org: "gyx-zfb",
    kind: "news",
    title: "县政府召开第十五次常务会议",
    body: "11月20日，县长主持召开县政府第十五次常务会议，研究部署冬季安全生产等工作。",
    daysAgo: 5,
  },
  {
    org: "gyx-zfb",
    kind: "news",
    title: "固阳县举办“政府开放日”活动",
    body: "为深入推进政务公开，县政府办公室邀请群众代表、人大代表走进政务服务大厅。",
    daysAgo: 3,
  },
  {
    org: "gyx-zfb",
    kind: "notice",
    title: "关于2027年元旦放假安排的通知",
    body: "各镇人民政府，县直各部门：\n根据国务院办公厅通知精神，现将2027年元旦放假安排通知如下……",
    daysAgo: 1,
  },
];

/** Through the real workflow, four eyes included: the drafter submits, others approve, sign and publish. */
async function publish(
  deps: Deps,
  by: { drafter: CurrentUser; reviewer: CurrentUser; signer: CurrentUser },
  id: string,
): Promise<void> {
  for (const [who, action] of [
    [by.drafter, "submit"],
    [by.reviewer, "approve"],
    [by.signer, "sign"],
    [by.signer, "publish"],
  ] as const)
    await performAction(deps, who, id, { action });
}

async function nodeOrDefault(deps: Deps, orgCode: string, code?: string): Promise<string | undefined> {
  if (!code) return undefined;
  const org = await findOrgByCodeAnySite(deps, orgCode);
  const node = await findCatalogNodeByCode(deps, org.id, code);
  return node && !node.inactive && node.kind === "column" ? node.id : undefined;
}

export async function seedDemoContent(deps: Deps): Promise<number> {
  const office = await findCurrentUser(deps, "demo-office");
  const clerk = await findCurrentUser(deps, "demo-clerk");
  const reviewer = await findCurrentUser(deps, "demo-reviewer");
  const signer = await findCurrentUser(deps, "demo-signer");
  const countyReviewer = await findCurrentUser(deps, "demo-county-reviewer");
  const countySigner = await findCurrentUser(deps, "demo-county-signer");
  if (!office || !clerk || !reviewer || !signer || !countyReviewer || !countySigner)
    throw new Error("demo users missing");
  const day = (daysAgo: number) =>
    shanghaiDateOf(new Date(deps.clock.now().getTime() - daysAgo * 86_400_000));

  // The work plan itself, as 固阳县人民政府办公室 published it, with its interpretation, through the
  // department's own clerk, reviewer and signer.
  const plan = await createItem(deps, clerk, {
    kind: "normative",
    title: "固阳县人民政府办公室关于印发《固阳县2020年政务公开工作要点》的通知",
    doc_number: "固政办发〔2020〕12号",
    formed_on: "2020-05-06",
    topic: "政务公开",
    keywords: "政务公开 工作要点",
    body: `各镇人民政府，县直各部门、各单位：\n现将《固阳县2020年政务公开工作要点》印发给你们，请结合实际，认真贯彻落实。\n固阳县人民政府办公室\n2020年5月6日\n固阳县2020年政务公开工作要点\n${PLAN}`,
    catalog_node: await nodeOrDefault(deps, "gyx-zfb", "art20-01"),
  });
  await createItem(deps, clerk, {
    kind: "interpretation",
    interprets: plan.id,
    interpreter: "县政府办公室主任",
    form: "text",
    title: "《固阳县2020年政务公开工作要点》政策解读",
    body: "一、制定背景\n为深入贯彻落实国务院办公厅和自治区、包头市关于全面推进政务公开工作的部署，结合我县实际，制定本要点。\n二、主要内容\n要点从加强公开解读回应、提升政务服务实效、推进政务公开平台建设、推进政务公开制度化规范化四个方面部署了年度任务。\n三、工作要求\n按照“谁起草谁解读”的原则，政策性文件与解读材料同步组织、同步审签、同步部署；县政府督查室将政务公开工作纳入督查内容。",
  });
  for (const [who, action] of [
    [clerk, "submit"],
    [reviewer, "approve"],
    [signer, "sign"],
    [signer, "publish"],
  ] as const) {
    await performAction(deps, who, plan.id, { action });
  }

  let n = 2;
  for (const d of ITEMS) {
    const item = await createItem(deps, office, {
      org: d.org,
      kind: d.kind,
      title: d.title,
      body: d.body,
      doc_number: d.doc,
      formed_on: day(d.daysAgo),
      catalog_node: await nodeOrDefault(deps, d.org, d.node),
    });
    if (d.interpretation) {
      await createItem(deps, office, {
        org: d.org,
        kind: "interpretation",
        interprets: item.id,
        ...d.interpretation,
        formed_on: day(d.daysAgo),
      });
      n++;
    }
    await publish(deps, { drafter: office, reviewer: countyReviewer, signer: countySigner }, item.id);
    n++;
  }
  return n;
}
