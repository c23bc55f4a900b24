// The county's government meetings opened to the public (政府会议 / 开门决策) on its timeline: the county
// government's 2025 executive meeting on the school catchment plan (held, streamed, three residents attended,
// minutes published), the water price hearing of the development and reform commission (applications closed,
// to be held next week), and the next executive meeting on waste sorting (announced, applications open).
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { applyToAttend, decideAttendance } from "../domains/meetings/meetings.attendance";
import { listAttendance } from "../domains/meetings/meetings.repo";
import type { CreateMeetingInput } from "../domains/meetings/meetings.schemas";
import { createMeeting, performStep } from "../domains/meetings/meetings.service";
import type { AttendeeIdentity } from "../domains/meetings/meetings.tables";
import type { DemoStaff } from "./publish";
import { addDays, type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

interface DemoApplicant {
  name: string;
  phone: string;
  identity: AttendeeIdentity;
  reason: string;
  /** The office's decision; none: still pending. */
  decision?: { decision: "approve" | "decline"; reason?: string };
}

interface DemoMeeting {
  /** Who prepares it: a clerk of the organising organisation, or the office (for `org`). */
  by: string;
  notice: Omit<CreateMeetingInput, "agenda"> & {
    agenda: Array<{ topic: string; consultation?: string }>;
  };
  /** The day it is prepared and announced. */
  announcedOn: string;
  applicants: DemoApplicant[];
  closeOn?: string;
  minutes?: { on: string; text: string };
}

const SCHOOL_PLAN = "固阳县2025年县城义务教育学校招生学区划分方案（征求意见稿）";
const WASTE_SORTING = "固阳县城乡生活垃圾分类管理办法（征求意见稿）";

function meetings(today: string, cal: DemoCalendar): DemoMeeting[] {
  const nextAnnounced = cal.back(today, 2);
  const hearingAnnounced = cal.back(today, 16);
  return [
    {
      by: "demo-clerk",
      announcedOn: "2025-05-06",
      notice: {
        title: "固阳县人民政府2025年第8次常务会议",
        kind: "executive",
        starts_at: "2025-05-22T09:00",
        place: "县政府三楼第一会议室",
        agenda: [
          { topic: "研究《固阳县2025年县城义务教育学校招生学区划分方案》", consultation: SCHOOL_PLAN },
          { topic: "听取2025年一季度民生实事项目进展情况汇报" },
          { topic: "研究县城老旧小区改造2025年度实施计划" },
        ],
        apply_opens_on: "2025-05-07",
        apply_closes_on: "2025-05-16",
        seats: 3,
        stream_url: "https://live.example.gov.cn/gyx/2025-08",
      },
      applicants: [
        {
          name: "梁红霞",
          phone: "13847201234",
          identity: "stakeholder",
          reason: "孩子今年上小学，家住阳光小区，想了解学区划分方案的最终安排。",
          decision: { decision: "approve" },
        },
        {
          name: "郭建平",
          phone: "13604725678",
          identity: "deputy",
          reason: "县人大代表，长期关注县城教育资源均衡配置，申请列席听取方案研究情况。",
          decision: { decision: "approve" },
        },
        {
          name: "乔丽娟",
          phone: "15904721122",
          identity: "citizen",
          reason: "居住在北环路社区，关心老旧小区改造计划，希望列席会议。",
          decision: { decision: "approve" },
        },
        {
          name: "闫志强",
          phone: "18647203344",
          identity: "business",
          reason: "本公司承接过老旧小区改造项目，希望了解年度计划。",
          decision: { decision: "decline", reason: "公众列席名额已满，会议将进行网络直播，欢迎在线收看。" },
        },
      ],
      closeOn: "2025-05-19",
      minutes: {
        on: "2025-05-26",
        text: [
          "2025年5月22日，县长主持召开县人民政府2025年第8次常务会议，3名市民代表、人大代表列席会议并发言。",
          "一、会议研究了《固阳县2025年县城义务教育学校招生学区划分方案》。会议指出，方案征求意见期间收到的2条意见均已采纳。会议原则通过该方案，由县教育局按程序印发，并于招生前向社会公布。",
          "二、会议听取了2025年一季度民生实事项目进展情况汇报，要求各牵头单位按月公开项目进度。",
          "三、会议研究了县城老旧小区改造2025年度实施计划，原则同意改造东街、西街社区共12个小区，由县住房和城乡建设局组织实施，改造前征求居民意见。",
          "列席代表提出的北环路上下学时段交通安全问题，会议责成县教育局会同交警部门落实护学岗。",
        ].join("\n"),
      },
    },
    {
      by: "demo-office",
      announcedOn: hearingAnnounced,
      notice: {
        title: "固阳县城区居民生活用水价格调整听证会",
        kind: "hearing",
        org: "gyx-fgw",
        starts_at: `${addDays(today, 8)}T09:30`,
        place: "县发展和改革委员会二楼会议室",
        agenda: [
          { topic: "县供水公司陈述水价调整方案及成本监审情况" },
          { topic: "听证参加人发表意见" },
          { topic: "县发展和改革委员会说明定价依据" },
        ],
        apply_opens_on: hearingAnnounced,
        apply_closes_on: addDays(today, -2),
        seats: 9,
        stream_url: null,
      },
      applicants: [
        {
          name: "韩玉梅",
          phone: "13947205566",
          identity: "citizen",
          reason: "城区普通居民，家庭用水量较大，希望就阶梯水价发表意见。",
          decision: { decision: "approve" },
        },
        {
          name: "秦志明",
          phone: "13500472277",
          identity: "business",
          reason: "经营一家洗车店，用水价格调整对经营影响较大，申请作为经营者代表参加。",
          decision: { decision: "approve" },
        },
        {
          name: "武晓东",
          phone: "13704728899",
          identity: "media",
          reason: "县融媒体中心记者，申请采访报道听证会。",
        },
      ],
      closeOn: addDays(today, -1),
    },
    {
      by: "demo-clerk",
      announcedOn: nextAnnounced,
      notice: {
        title: "固阳县人民政府第12次常务会议",
        kind: "executive",
        starts_at: `${addDays(today, 14)}T09:00`,
        place: "县政府三楼第一会议室",
        agenda: [
          { topic: "研究《固阳县城乡生活垃圾分类管理办法》", consultation: WASTE_SORTING },
          { topic: "听取2026年民生实事项目完成情况汇报" },
        ],
        apply_opens_on: nextAnnounced,
        apply_closes_on: addDays(today, 7),
        seats: 6,
        stream_url: "https://live.example.gov.cn/gyx/2026-12",
      },
      applicants: [
        {
          name: "赵永刚",
          phone: "13847209911",
          identity: "stakeholder",
          reason: "所在小区是垃圾分类试点小区，希望列席反映居民的意见。",
        },
      ],
    },
  ];
}

/** The earlier of two dates (a step due after the demo's today happens today). */
const notAfter = (date: string, today: string) => [date, today].sort()[0]!;

export function scheduleMeetings(timeline: Timeline, cal: DemoCalendar, staff: DemoStaff): void {
  const siteId = staff.office.siteId;
  const today = timeline.today;
  const at = (date: string, hhmm: string, run: (d: Deps) => Promise<void>) => {
    if (date <= today) timeline.add(shanghaiAt(date, hhmm), run);
  };
  const user = async (d: Deps, username: string): Promise<CurrentUser> => {
    const u = await findCurrentUser(d, username);
    if (!u) throw new Error(`demo meetings: ${username} missing`);
    return u;
  };
  const consultationId = async (d: Deps, title: string) =>
    (await d.db.kysely.selectFrom("consultations").select("id").where("title", "=", title).executeTakeFirst())
      ?.id;
  for (const m of meetings(today, cal)) {
    let id = "";
    at(m.announcedOn, "09:20", async (d) => {
      const u = await user(d, m.by);
      const agenda = [];
      for (const a of m.notice.agenda)
        agenda.push({
          topic: a.topic,
          consultation_id: a.consultation ? await consultationId(d, a.consultation) : undefined,
        });
      id = (await createMeeting(d, u, { ...m.notice, agenda })).id;
      await performStep(d, u, id, { action: "announce" });
    });
    const opens = [m.notice.apply_opens_on, m.announcedOn].sort()[1]!;
    m.applicants.forEach((a, i) => {
      const on = addDays(opens, Math.min(i + 1, 4));
      at(notAfter(on, today), `${10 + i}:05`, async (d) => {
        await applyToAttend(d, siteId, id, a);
      });
      if (!a.decision) return;
      const decidedOn = m.closeOn ? addDays(m.closeOn, -1) : cal.addWorkingDays(on, 1);
      at(notAfter(decidedOn, today), `15:${10 + i}`, async (d) => {
        const rows = await listAttendance(d.db.kysely, id);
        await decideAttendance(d, staff.office, id, rows[i]!.id, a.decision!);
      });
    });
    if (m.closeOn)
      at(m.closeOn, "08:40", async (d) => {
        await performStep(d, await user(d, m.by), id, { action: "close_applications" });
      });
    const minutes = m.minutes;
    if (minutes) {
      const heldOn = m.notice.starts_at.slice(0, 10);
      at(heldOn, "17:30", async (d) => {
        await performStep(d, await user(d, m.by), id, { action: "mark_held" });
      });
      at(minutes.on, "10:00", async (d) => {
        await performStep(d, await user(d, m.by), id, { action: "publish_minutes", minutes: minutes.text });
      });
    }
  }
}
