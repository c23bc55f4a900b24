// The county's public consultations (征求意见) on its timeline: the heating regulation of 2024 (closed, its
// feedback report published and linked to the final policy), the 2025 school catchment plan (closed, with its
// report), and the waste-sorting regulation open at the demo's today, a major decision with public comments.
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { moderateComment, saveReport, submitComment } from "../domains/consultation/consultation.comments";
import { listComments } from "../domains/consultation/consultation.repo";
import { createConsultation, performStep } from "../domains/consultation/consultation.service";
import type { DemoItemSpec, DemoStaff } from "./publish";
import { addDays, type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

interface DemoComment {
  name?: string;
  body: string;
  /** Hidden by moderation with this reason; otherwise approved. */
  hidden?: string;
  decision?: { decision: "adopted" | "partly" | "not_adopted"; reason: string };
}

interface DemoConsultation {
  org: string;
  clerk: string;
  title: string;
  draft: string;
  major: boolean;
  /** First day of the period; `days` its length in calendar days. */
  start: string;
  days: number;
  comments: DemoComment[];
  report?: string;
  /** The title of the final policy item it is linked to. */
  policy?: string;
}

/** The final heating regulation, published after the 2024 consultation (history.ts publishes and tallies it). */
export const HEATING_POLICY: DemoItemSpec = {
  org: "gyx-zjj",
  kind: "policy",
  title: "固阳县城区集中供热管理办法",
  doc: "固住建发〔2024〕21号",
  formed: "2024-05-20",
  topic: "集中供热",
  keywords: "供热 室温 报修",
  body: [
    "第一条　为规范城区集中供热管理，保障供热质量，维护供热企业和热用户的合法权益，根据《内蒙古自治区城市供热条例》等规定，结合本县实际，制定本办法。",
    "第二条　城区集中供热期为每年10月15日至次年4月15日；遇气温异常，县住房和城乡建设局可报县人民政府同意后提前或延长供热。",
    "第三条　供热期间，热用户卧室、起居室室内温度不得低于18℃。室温不达标的，供热企业应按日退还相应热费。",
    "第四条　供热企业应设立24小时报修电话，接到报修后城区4小时内上门处理，并在供热期结束后一个月内公开报修处理情况。",
    "第五条　老旧小区供热管网改造纳入年度城市更新计划，由县住房和城乡建设局会同相关部门组织实施。",
    "第六条　本办法自2024年10月1日起施行。",
  ].join("\n"),
  interpretation: {
    title: "《固阳县城区集中供热管理办法》政策解读",
    interpreter: "县住房和城乡建设局局长",
    form: "text",
    body: "一、制定背景\n为解决群众反映集中的室温不达标、报修不及时等问题，县住房和城乡建设局起草了本办法，并于2024年3月至4月向社会公开征求意见。\n二、主要内容\n办法明确了供热期、室温标准和不达标按日退费、24小时报修和城区4小时上门、老旧小区管网改造等内容。\n三、征求意见采纳情况\n征求意见期间收到的3条意见，采纳2条、部分采纳1条，反馈报告已在征求意见栏目公开。",
  },
};

const CONSULTATIONS: DemoConsultation[] = [
  {
    org: "gyx-zjj",
    clerk: "demo-zjj-clerk",
    title: "固阳县城区集中供热管理办法（征求意见稿）",
    draft: HEATING_POLICY.body.replace(
      "第六条　本办法自2024年10月1日起施行。",
      "第六条　本办法自印发之日起施行。",
    ),
    major: true,
    start: "2024-03-05",
    days: 31,
    comments: [
      {
        name: "刘桂芳",
        body: "建议明确室温不达标时退费的计算方法，按天数和户型面积退还，并在热费单上列明。",
        decision: {
          decision: "adopted",
          reason: "已在第三条明确按日退还相应热费，具体标准由供热企业在收费公示中列明。",
        },
      },
      {
        name: "陆振东",
        body: "报修后上门时限建议写成具体小时数，城区不超过4小时，否则群众无从监督。",
        decision: { decision: "adopted", reason: "第四条已写明城区接到报修后4小时内上门处理。" },
      },
      {
        body: "建议供暖期统一延长到次年4月底，本县春季气温偏低。",
        decision: {
          decision: "partly",
          reason: "供热期保持10月15日至次年4月15日，同时明确遇气温异常可报县人民政府同意后延长供热。",
        },
      },
    ],
    report:
      "征求意见期间共收到意见3条，全部予以公开。其中采纳2条，部分采纳1条：室温不达标按日退费、报修4小时内上门已写入正式文件；供暖期延长的意见，改为遇气温异常可报县人民政府同意后延长。",
    policy: HEATING_POLICY.title,
  },
  {
    org: "gyx-jyj",
    clerk: "demo-jyj-clerk",
    title: "固阳县2025年县城义务教育学校招生学区划分方案（征求意见稿）",
    draft: [
      "一、划分原则：坚持免试就近入学，以街道、社区和居民小区为单位，兼顾学校办学规模和学位供给划定学区。",
      "二、小学学区：县第一小学学区为东街社区、西街社区；县第二小学学区为北环路社区及阳光小区等新建小区。",
      "三、初中学区：县第一中学初中部对应县第一小学学区，县第二中学对应县第二小学学区。",
      "四、新建小区业主子女凭不动产权证书或购房合同及契税完税证明在房产所在学区登记入学。",
    ].join("\n"),
    major: false,
    start: "2025-04-08",
    days: 15,
    comments: [
      {
        name: "梁红霞",
        body: "阳光小区到县第二小学要穿过北环路主干道，建议同步设置上下学时段护学岗和人行横道。",
        decision: {
          decision: "adopted",
          reason: "已商交警部门在上下学时段设置护学岗，并在北环路施划人行横道。",
        },
      },
      {
        name: "程晓宇",
        body: "建议允许已在原学区就读的二孩家庭，弟弟妹妹可以随哥哥姐姐在同一学校就读。",
        decision: { decision: "adopted", reason: "方案增加多孩家庭子女可申请在同一学校就读的规定。" },
      },
    ],
    report:
      "征求意见期间共收到意见2条，均予以采纳：已协调设置北环路上下学护学岗和人行横道，并在方案中增加多孩家庭子女可在同一学校就读的规定。",
  },
  {
    org: "gyx-zjj",
    clerk: "demo-zjj-clerk",
    title: "固阳县城乡生活垃圾分类管理办法（征求意见稿）",
    draft: [
      "第一条　为加强城乡生活垃圾分类管理，改善人居环境，根据《中华人民共和国固体废物污染环境防治法》等法律法规，结合本县实际，制定本办法。",
      "第二条　生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。",
      "第三条　城区居民小区应设置分类投放点，定时定点投放；农村地区推行“户分类、村收集、镇转运、县处理”。",
      "第四条　县住房和城乡建设局负责城区生活垃圾分类的组织实施和监督管理，各镇人民政府负责本辖区农村生活垃圾分类工作。",
      "第五条　本办法自印发之日起施行。",
    ].join("\n"),
    major: true,
    start: "",
    days: 35,
    comments: [
      { name: "韩玉梅", body: "建议在每个小区公布厨余垃圾的收运时间，并在投放点设置洗手池。" },
      { name: "秦志明", body: "农村地区居住分散，建议每个自然村至少设一处集中投放点，由镇里统一清运。" },
      { body: "建议对分类投放做得好的小区和家庭给予积分奖励，可以兑换生活用品。" },
      {
        body: "加微信领取垃圾分类补贴，名额有限，联系电话见个人主页。",
        hidden: "含有广告推销内容，与征求意见稿无关。",
      },
    ],
  },
];

export function scheduleConsultations(
  timeline: Timeline,
  cal: DemoCalendar,
  staff: DemoStaff,
  itemId: (title: string) => string | undefined,
): void {
  const office = staff.office;
  const siteId = office.siteId;
  const today = timeline.today;
  const at = (date: string, hhmm: string, run: (d: Deps) => Promise<void>) => {
    if (date <= today) timeline.add(shanghaiAt(date, hhmm), run);
  };
  const clerk = async (d: Deps, username: string): Promise<CurrentUser> => {
    const user = await findCurrentUser(d, username);
    if (!user) throw new Error(`demo consultations: ${username} missing`);
    return user;
  };
  for (const c of CONSULTATIONS) {
    const start = c.start || cal.back(today, 3);
    const end = addDays(start, c.days);
    const drafted = cal.back(start, 1);
    let id = "";
    at(drafted, "15:00", async (d) => {
      const u = await clerk(d, c.clerk);
      id = (
        await createConsultation(d, u, {
          title: c.title,
          draft: c.draft,
          major: c.major,
          start_on: start,
          end_on: end,
        })
      ).id;
      await performStep(d, u, id, { action: "submit" });
    });
    at(start, "08:50", async (d) => {
      await performStep(d, office, id, { action: "approve" });
    });
    c.comments.forEach((m, i) => {
      const on = c.start
        ? cal.addWorkingDays(start, 2 + i * 3)
        : cal.onOrAfter(addDays(start, i < 2 ? 1 : 2));
      const moderatedOn = cal.addWorkingDays(on, 1);
      at(on, `${10 + i}:15`, async (d) => {
        await submitComment(d, siteId, id, { body: m.body, name: m.name });
      });
      at(moderatedOn <= today ? moderatedOn : on, "16:40", async (d) => {
        const row = (await listComments(d.db.kysely, id)).find((x) => x.number === i + 1)!;
        await moderateComment(d, await clerk(d, c.clerk), id, row.id, {
          decision: m.hidden ? "hide" : "approve",
          reason: m.hidden,
        });
      });
    });
    const report = c.report;
    if (!report) continue;
    const closedOn = cal.onOrAfter(addDays(end, 1));
    at(closedOn, "09:10", async (d) => {
      await performStep(d, await clerk(d, c.clerk), id, { action: "close" });
    });
    const reportOn = cal.addWorkingDays(closedOn, 3);
    at(reportOn, "10:00", async (d) => {
      const u = await clerk(d, c.clerk);
      const approved = await listComments(d.db.kysely, id, "approved");
      const decisions = Object.fromEntries(
        approved.map((r) => [r.id, c.comments[r.number - 1]!.decision!] as const),
      );
      await saveReport(d, u, id, { summary: report, decisions });
      await performStep(d, u, id, { action: "submit_report" });
    });
    at(cal.addWorkingDays(reportOn, 1), "09:30", async (d) => {
      await performStep(d, office, id, { action: "approve_report" });
    });
    const policy = c.policy;
    if (policy)
      at(cal.addWorkingDays(cal.onOrAfter(HEATING_POLICY.formed), 2), "11:00", async (d) => {
        await performStep(d, await clerk(d, c.clerk), id, { action: "link_policy", item_id: itemId(policy) });
      });
  }
}
