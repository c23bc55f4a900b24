// The county government's information-disclosure applications of the years since 2020: received by letter or
// online, registered, sometimes corrected or extended, answered with the outcomes a county really gives, a few
// taken to administrative review or court. The same list feeds the annual reports (reports.ts), so the
// published tables match the archive. Every step runs on the timeline at its own date.
import type { Deps } from "../deps";
import { performApplicationAction } from "../domains/applications";
import type { ApplyInput } from "../domains/applications/applications.schemas";
import { intakeApplication, recordDispute } from "../domains/applications/applications.service";
import { buildCreditCode } from "../platform/credit-code";
import { demoIdNumber } from "./applications";
import type { DemoStaff } from "./publish";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

export type ApplicantColumn =
  | "natural"
  | "commercial"
  | "research"
  | "public_interest"
  | "legal_service"
  | "other";

interface Request {
  type: ApplicantColumn;
  description: (year: number) => string;
  outcome: string;
  note: string;
  correction?: boolean;
  extend?: boolean;
}

const REQUESTS: Request[] = [
  {
    type: "natural",
    description: (y) => `申请公开固阳县${y - 1}年城乡最低生活保障资金发放情况（按镇汇总）。`,
    outcome: "disclose",
    note: "随本答复书提供按镇汇总的低保资金发放情况表。",
  },
  {
    type: "natural",
    description: () => "申请公开金山镇北环路片区房屋征收补偿方案及补偿标准的批准文件。",
    outcome: "disclose",
    note: "该补偿方案已在县政府门户网站“房屋征收”栏目公开，随本答复书提供全文。",
  },
  {
    type: "commercial",
    description: (y) => `申请公开固阳县${y}年政府投资项目计划中市政道路类项目的名称、投资额和建设单位。`,
    outcome: "partial",
    note: "项目名称和投资额予以公开；部分项目尚处于前期论证阶段，属于过程性信息，不予公开。",
  },
  {
    type: "natural",
    description: () => "申请公开本人承包土地所在地块的征收土地批复文件及勘测定界图。",
    outcome: "disclose",
    note: "随本答复书提供自治区人民政府征收土地批复文件和勘测定界图复印件。",
  },
  {
    type: "natural",
    description: () => "申请公开县政府常务会议研究城北商住小区开发项目的会议记录。",
    outcome: "withhold.process_info",
    note: "会议记录属于行政机关在履行行政管理职能过程中形成的讨论记录，依据《条例》第十六条第二款不予公开。",
  },
  {
    type: "legal_service",
    description: (y) => `申请公开固阳县${y - 1}年度行政复议案件办理情况统计。`,
    outcome: "unable.not_held",
    note: "经检索，本机关未制作、获取该统计信息；行政复议案件统计由县司法局负责，联系电话可向县政府总机查询。",
  },
  {
    type: "natural",
    description: () => "申请公开有关部门对本人举报的养殖场污染问题的调查处理结果。",
    outcome: "not_handled.petition",
    note: "该申请属于以政府信息公开申请形式进行的举报，已转包头市生态环境局固阳县分局依法处理并告知申请人。",
  },
  {
    type: "research",
    description: (y) => `申请公开固阳县${y - 1}年农村牧区人居环境整治项目资金使用和绩效评价情况。`,
    outcome: "disclose",
    note: "随本答复书提供项目资金使用情况表和绩效评价报告。",
    extend: true,
  },
  {
    type: "natural",
    description: () => "申请公开银号镇银号村集体土地流转合同。",
    outcome: "unable.not_held",
    note: "土地流转合同由村集体经济组织与受让方签订，本机关未制作、获取该信息；请向银号镇人民政府咨询。",
  },
  {
    type: "commercial",
    description: (y) => `申请公开固阳县${y}年政府集中采购目录及限额标准。`,
    outcome: "disclose",
    note: "该信息已在县政府门户网站“政府集中采购”栏目主动公开，随本答复书告知获取方式。",
  },
  {
    type: "natural",
    description: () => "申请公开本人房屋所在片区的房屋征收决定及评估机构选定过程材料。",
    outcome: "partial",
    note: "房屋征收决定予以公开；评估机构选定过程中涉及第三方商业秘密的投标材料，依据《条例》第十五条不予公开。",
    correction: true,
  },
  {
    type: "public_interest",
    description: (y) => `申请公开固阳县${y - 1}年饮用水水源地水质监测报告。`,
    outcome: "disclose",
    note: "随本答复书提供县环境监测站出具的水质监测报告。",
  },
  {
    type: "natural",
    description: () => "申请公开县人民医院内科医护人员的绩效工资发放明细。",
    outcome: "withhold.third_party",
    note: "绩效工资发放明细涉及个人隐私，公开会对第三方合法权益造成损害，依据《条例》第十五条不予公开。",
  },
  {
    type: "natural",
    description: () => "申请公开县住房和城乡建设局对本人小区物业服务企业的检查记录。",
    outcome: "disclose",
    note: "随本答复书提供检查记录和整改通知书。",
  },
];

/** Applications received in each year (the current year's are its first nine months). */
const PER_YEAR: Record<number, number> = { 2020: 5, 2021: 7, 2022: 8, 2023: 9, 2024: 8, 2025: 10 };
const CURRENT_YEAR_COUNT = 6;
/** Years whose last application, received just before Christmas, is answered in January. */
const CARRIED = new Set([2021, 2023, 2025]);

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = [
  "秀兰",
  "建华",
  "桂英",
  "志强",
  "海燕",
  "永平",
  "丽娟",
  "国庆",
  "春梅",
  "文斌",
  "玉珍",
  "振华",
];

export interface HistoryApplication {
  year: number;
  received: string;
  replied: string;
  type: ApplicantColumn;
  outcome: string;
  request: Request;
  index: number;
  dispute?: {
    kind: "review" | "litigation_direct";
    filed: string;
    result: "upheld" | "corrected";
    decided: string;
  };
}

/** The applications of 2020 up to three months before today, with their dates on the county's calendar. */
export function historyApplications(cal: DemoCalendar, today: string): HistoryApplication[] {
  const thisYear = Number(today.slice(0, 4));
  const out: HistoryApplication[] = [];
  let serial = 0;
  for (let year = 2020; year <= thisYear; year++) {
    const n = year === thisYear ? CURRENT_YEAR_COUNT : (PER_YEAR[year] ?? 9);
    for (let i = 0; i < n; i++) {
      const request = REQUESTS[(year * 5 + i) % REQUESTS.length]!;
      const lastOfYear = CARRIED.has(year) && i === n - 1;
      const month = lastOfYear
        ? 12
        : Math.min(11, 1 + Math.floor((i * (year === thisYear ? 8 : 11)) / n) + 1);
      const day = lastOfYear ? 22 : 3 + ((i * 7 + year) % 22);
      const received = cal.onOrAfter(
        `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      );
      const replied = cal.addWorkingDays(
        received,
        lastOfYear
          ? 16
          : 6 + ((i * 5 + year) % 12) + (request.extend ? 22 : 0) + (request.correction ? 10 : 0),
      );
      if (replied > cal.back(today, 40)) continue;
      const app: HistoryApplication = {
        year,
        received,
        replied,
        type: request.type,
        outcome: request.outcome,
        request,
        index: serial++,
      };
      if (year === 2022 && request.outcome === "withhold.process_info")
        app.dispute = {
          kind: "review",
          filed: cal.addWorkingDays(replied, 20),
          result: "upheld",
          decided: cal.addWorkingDays(replied, 60),
        };
      if (
        year === 2024 &&
        request.outcome === "partial" &&
        !out.some((a) => a.dispute?.result === "corrected")
      )
        app.dispute = {
          kind: "review",
          filed: cal.addWorkingDays(replied, 15),
          result: "corrected",
          decided: cal.addWorkingDays(replied, 55),
        };
      if (year === 2025 && request.outcome === "withhold.third_party")
        app.dispute = {
          kind: "litigation_direct",
          filed: cal.addWorkingDays(replied, 30),
          result: "upheld",
          decided: cal.addWorkingDays(replied, 110),
        };
      if (app.dispute && app.dispute.decided > today) delete app.dispute;
      out.push(app);
    }
  }
  return out;
}

/** Organisations that apply: [name, credit-code prefix, registering division, code letters]. */
const ORGANISATIONS: Record<Exclude<ApplicantColumn, "natural">, [string, string, string, string]> = {
  commercial: ["包头市鑫源市政工程有限责任公司", "91", "150222", "MA"],
  legal_service: ["内蒙古固信律师事务所", "31", "150000", "MD"],
  research: ["内蒙古农业大学乡村振兴研究院", "12", "150000", "MB"],
  public_interest: ["包头市绿源环境保护志愿者协会", "51", "150200", "MJ"],
  other: ["固阳县金山镇东街社区业主委员会", "53", "150222", "MK"],
};

const ADDRESS = "内蒙古自治区包头市固阳县金山镇";

function applicantOf(a: HistoryApplication): ApplyInput["applicant"] {
  const name = `${SURNAMES[a.index % SURNAMES.length]}${GIVEN[a.index % GIVEN.length]}`;
  const phone = `139${String(4721000 + a.index * 137).padStart(8, "0")}`;
  if (a.type === "natural") {
    const birth = `19${55 + (a.index % 40)}0${1 + (a.index % 9)}1${a.index % 10}`;
    const id_number = demoIdNumber("150222", birth, String(100 + a.index).slice(-3));
    return { type: "natural", name, id_type: "resident_id", id_number, phone, address: ADDRESS };
  }
  const [org, prefix, division, letters] = ORGANISATIONS[a.type];
  const credit_code = buildCreditCode(prefix, division, `${letters}0${String(a.index).padStart(3, "0")}B0`);
  return { type: a.type, name: org, credit_code, legal_rep: name, phone, address: ADDRESS };
}

export function scheduleHistoryApplications(
  timeline: Timeline,
  cal: DemoCalendar,
  staff: DemoStaff,
  apps: HistoryApplication[],
): void {
  for (const a of apps) {
    let id = "";
    const act = async (deps: Deps, input: Record<string, unknown>) => {
      await performApplicationAction(deps, staff.office, id, input as never);
    };
    timeline.add(shanghaiAt(a.received, "10:30"), async (deps) => {
      const r = await intakeApplication(deps, staff.office, {
        applicant: applicantOf(a),
        description: a.request.description(a.year),
        delivery: "post",
        channel: a.index % 3 === 0 ? "registered_post" : "letter",
        on: a.received,
      });
      id = r.row.id;
    });
    if (a.request.correction) {
      const asked = cal.addWorkingDays(a.received, 3);
      timeline.add(shanghaiAt(asked, "11:00"), (deps) =>
        act(deps, {
          action: "request_correction",
          on: asked,
          items: "请写明所需信息涉及的房屋征收项目名称或者征收决定的文号",
        }),
      );
      const back = cal.addWorkingDays(asked, 4);
      timeline.add(shanghaiAt(back, "11:00"), (deps) =>
        act(deps, { action: "receive_correction", on: back }),
      );
    }
    if (a.request.extend) {
      const on = cal.addWorkingDays(a.received, 17);
      timeline.add(shanghaiAt(on, "16:00"), (deps) =>
        act(deps, {
          action: "extend",
          on,
          days: 20,
          note: "需要汇总多个镇的项目资料，经政府信息公开工作机构负责人同意延长答复期限。",
        }),
      );
    }
    timeline.add(shanghaiAt(a.replied, "15:00"), (deps) =>
      act(deps, { action: "reply", on: a.replied, outcome: a.outcome, note: a.request.note }),
    );
    const d = a.dispute;
    if (d) {
      timeline.add(shanghaiAt(d.decided, "16:30"), async (deps) => {
        await recordDispute(deps, staff.office, id, {
          kind: d.kind,
          filed_on: d.filed,
          result: d.result,
          decided_on: d.decided,
          note:
            d.result === "upheld"
              ? "复议机关（法院）认为答复认定事实清楚、适用依据正确，予以维持。"
              : "复议机关认为部分信息可以区分处理，责令重新答复；本机关已重新答复并提供可公开部分。",
        });
      });
    }
  }
}
