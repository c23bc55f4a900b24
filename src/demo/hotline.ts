// The demo county's 12345 hotline: the register of its hotline numbers (most merged into 12345 in 2021, the
// emergency lines 110/119/120/122 kept, one low-volume line withdrawn) and a dozen tickets 12345 pushed in
// 2025–2026 through the integration account demo-hotline, routed and answered through the messages' workflow
// (transferred, one returned and transferred again, answered by the department, approved by the office, the
// caller's satisfaction reported back), some still open at today, one of them overdue.
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { createNumber } from "../domains/interaction/hotline.numbers";
import { pushTicket, reportSatisfaction } from "../domains/interaction/hotline.service";
import { actOnMessage } from "../domains/interaction/messages.workflow";
import type { DemoStaff } from "./publish";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

const NUMBERS = [
  ["12315", "市场监管投诉举报热线", "gyx-scjgj", "merged", null],
  ["12369", "环保举报热线", "gyx-sthjj", "merged", null],
  ["12358", "价格举报热线", "gyx-fgw", "merged", null],
  ["12319", "城建服务热线", "gyx-zjj", "merged", null],
  ["12336", "国土资源违法举报热线", "gyx-zrzyj", "merged", null],
  ["0472-8125678", "县长公开电话", "gyx-zfb", "withdrawn", null],
  [
    "110",
    "110报警服务台",
    "gyx",
    "kept",
    "紧急类热线，按国办发〔2020〕53号保留，与12345建立警务和非警务警情分流、转接机制。",
  ],
  ["119", "119火警电话", "gyx-yjglj", "kept", "紧急类热线，按国办发〔2020〕53号保留。"],
  ["120", "120医疗急救电话", "gyx-wjw", "kept", "紧急类热线，按国办发〔2020〕53号保留。"],
  ["122", "122交通事故报警电话", "gyx", "kept", "紧急类热线，按国办发〔2020〕53号保留。"],
] as const;

const CLERKS: Record<string, string> = {
  "gyx-zjj": "demo-zjj-clerk",
  "gyx-rsj": "demo-rsj-clerk",
  "gyx-scjgj": "demo-scjgj-clerk",
  "gyx-jyj": "demo-jyj-clerk",
  "gyx-jsz": "demo-jsz-clerk",
  "gyx-nmkjj": "demo-nmkjj-clerk",
};

interface DemoTicket {
  no: string;
  type: "consult" | "suggest" | "complain" | "help";
  title: string;
  body: string;
  caller: string;
  phone: string;
  org: string;
  /** A date, or days before today for the open ones. */
  on: string | number;
  /** answered (with a reply and a satisfaction), transferred (waiting at org), received (not yet accepted). */
  stage: "answered" | "transferred" | "received";
  reply?: string;
  satisfaction?: "satisfied" | "basic" | "unsatisfied";
  /** First transferred here and returned with this reason. */
  returnedBy?: { org: string; reason: string };
}

const TICKETS: DemoTicket[] = [
  {
    no: "GY2025030400112",
    type: "complain",
    title: "金山镇某超市出售过期食品",
    body: "来电人反映在金山镇新建街一家超市购买的酸奶已过保质期，要求相关部门查处。",
    caller: "王先生",
    phone: "13904721101",
    org: "gyx-scjgj",
    on: "2025-03-04",
    stage: "answered",
    reply:
      "县市场监管局已于3月6日对该超市进行检查，下架过期食品12件，依法立案调查，并责令其整改进货查验制度。",
    satisfaction: "satisfied",
  },
  {
    no: "GY2025052000345",
    type: "consult",
    title: "灵活就业人员如何缴纳养老保险",
    body: "来电人咨询灵活就业人员在本县缴纳城镇职工养老保险的办理地点、所需材料和缴费档次。",
    caller: "刘女士",
    phone: "15647221102",
    org: "gyx-rsj",
    on: "2025-05-20",
    stage: "answered",
    reply:
      "可携带身份证到县政务服务中心社保窗口或通过“蒙速办”办理参保登记；缴费基数可在全区上年度平均工资的60%至300%之间自选。",
    satisfaction: "satisfied",
  },
  {
    no: "GY2025071500508",
    type: "help",
    title: "东街小区停水三天无人处理",
    body: "来电人反映金山镇东街小区自7月12日起停水，物业称是供水管道问题，请求尽快恢复供水。",
    caller: "赵先生",
    phone: "13614721103",
    org: "gyx-zjj",
    on: "2025-07-15",
    stage: "answered",
    returnedBy: {
      org: "gyx-jsz",
      reason: "供水管网维修属县住建局和供水公司职责，非镇政府职权，请转住建局。",
    },
    reply: "经县住建局协调县供水公司，已于7月16日完成东街小区供水主管道抢修，恢复正常供水。",
    satisfaction: "basic",
  },
  {
    no: "GY2025092200733",
    type: "suggest",
    title: "建议在县城增设公交站点",
    body: "来电人建议在县城北环路与阿塔山路交叉口增设公交站点，方便周边居民出行。",
    caller: "孙女士",
    phone: "18647221104",
    org: "gyx-zjj",
    on: "2025-09-22",
    stage: "answered",
    reply: "感谢您的建议。县住建局已会同公交公司实地查看，计划在2026年公交线路优化时在该路口增设站点。",
    satisfaction: "basic",
  },
  {
    no: "GY2025111000861",
    type: "complain",
    title: "学校周边商户占道经营",
    body: "来电人反映县第二小学门口早晚有商户占道摆摊，影响学生上下学安全。",
    caller: "李先生",
    phone: "13947221105",
    org: "gyx-jsz",
    on: "2025-11-10",
    stage: "answered",
    reply: "金山镇已联合县城管部门对学校周边占道经营进行整治，并在上下学时段安排人员巡查。",
    satisfaction: "unsatisfied",
  },
  {
    no: "GY2026031600215",
    type: "consult",
    title: "2026年义务教育招生报名时间",
    body: "来电人咨询县城小学一年级2026年秋季招生报名的时间和需要准备的材料。",
    caller: "周女士",
    phone: "15047221106",
    org: "gyx-jyj",
    on: "2026-03-16",
    stage: "answered",
    reply: "县城小学一年级报名时间为2026年7月1日至10日，需准备户口簿、房产证明或居住证明、儿童预防接种证。",
    satisfaction: "satisfied",
  },
  {
    no: "GY2026060300402",
    type: "help",
    title: "农机购置补贴申请进度",
    body: "来电人去年申请的农机购置补贴至今未到账，请求帮助查询进度。",
    caller: "郝先生",
    phone: "13847221107",
    org: "gyx-nmkjj",
    on: "2026-06-03",
    stage: "answered",
    reply: "经核实，您的补贴已于6月5日审核通过，资金将在15个工作日内通过“一卡通”发放。",
  },
  {
    no: "GY2026111300918",
    type: "help",
    title: "冬季供暖温度不达标",
    body: "来电人反映所住小区供暖后室内温度只有14度，多次向供热公司反映未解决。",
    caller: "吴女士",
    phone: "15147221108",
    org: "gyx-zjj",
    on: 14,
    stage: "transferred",
  },
  {
    no: "GY2026120100977",
    type: "consult",
    title: "个体工商户年报如何填报",
    body: "来电人咨询个体工商户年度报告的填报渠道和截止时间。",
    caller: "马先生",
    phone: "13704721109",
    org: "gyx-scjgj",
    on: 3,
    stage: "transferred",
  },
  {
    no: "GY2026120401003",
    type: "suggest",
    title: "建议延长政务服务中心周末开放时间",
    body: "来电人建议县政务服务中心周六全天开放，方便上班族办事。",
    caller: "陈女士",
    phone: "18747221110",
    org: "gyx-zwfwj",
    on: 1,
    stage: "received",
  },
];

export function scheduleHotline(timeline: Timeline, cal: DemoCalendar, staff: DemoStaff): void {
  const office = staff.office;
  const today = timeline.today;
  const at = (date: string, hhmm: string, run: (d: Deps) => Promise<unknown>) => {
    if (date <= today) timeline.add(shanghaiAt(date, hhmm), async (d) => void (await run(d)));
  };
  const user = async (d: Deps, username: string): Promise<CurrentUser> => {
    const u = await findCurrentUser(d, username);
    if (!u) throw new Error(`demo hotline: no user ${username}`);
    return u;
  };

  // The register: the merger of the county's lines into 12345 (30 June 2021), kept and withdrawn lines.
  at("2021-07-01", "10:00", async (d) => {
    let order = 0;
    for (const [number, name, org, status, reason] of NUMBERS)
      await createNumber(d, office, {
        number,
        name,
        org,
        status,
        reason: reason ?? undefined,
        merged_on: status === "merged" ? "2021-06-30" : undefined,
        sort_order: order++,
      });
  });

  const ids = new Map<string, string>();
  for (const t of TICKETS) {
    const d0 = typeof t.on === "string" ? cal.onOrAfter(t.on) : cal.back(today, t.on);
    // 12345's numbers carry the dispatch date: the open tickets' follow the demo's today.
    const no = typeof t.on === "string" ? t.no : `GY${d0.replaceAll("-", "")}${t.no.slice(-5)}`;
    let d = d0;
    const next = () => {
      d = cal.addWorkingDays(d, 1);
      return d;
    };
    at(d0, "08:40", async (x) => {
      const r = await pushTicket(x, await user(x, "demo-hotline"), {
        ticket_no: no,
        type: t.type,
        title: t.title,
        body: t.body,
        caller_name: t.caller,
        caller_phone: t.phone,
        dispatched_on: d0,
        org: t.org,
      });
      ids.set(no, r.id);
    });
    if (t.stage === "received") continue;
    const id = () => ids.get(no)!;
    at(d0, "09:30", (x) => actOnMessage(x, office, id(), { action: "accept" }));
    if (t.returnedBy) {
      const back = t.returnedBy;
      at(d0, "09:40", (x) => actOnMessage(x, office, id(), { action: "transfer", org: back.org }));
      at(d0, "15:20", async (x) =>
        actOnMessage(x, await user(x, CLERKS[back.org]!), id(), { action: "return", reason: back.reason }),
      );
      at(next(), "09:10", (x) => actOnMessage(x, office, id(), { action: "transfer", org: t.org }));
    } else at(d0, "09:40", (x) => actOnMessage(x, office, id(), { action: "transfer", org: t.org }));
    if (t.stage !== "answered") continue;
    at(next(), "16:00", async (x) =>
      actOnMessage(x, await user(x, CLERKS[t.org]!), id(), { action: "draft_reply", body: t.reply! }),
    );
    at(next(), "10:30", (x) => actOnMessage(x, office, id(), { action: "approve_reply" }));
    const rating = t.satisfaction;
    if (rating)
      at(cal.addWorkingDays(d, 2), "14:00", async (x) =>
        reportSatisfaction(x, await user(x, "demo-hotline"), no, { rating, on: cal.addWorkingDays(d, 2) }),
      );
  }
}
