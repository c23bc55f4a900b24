// The residents' messages (互动交流) of the demo county on its timeline: each received, accepted by the
// office, transferred (some returned and transferred again), answered by the department or town, approved
// by the office (four eyes) and published as Q&A or kept private, some rated; a few rejected; error reports
// handled; and a handful still open at the demo's today so the back office has work to show.
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { createErrorReport, createMessage } from "../domains/interaction/messages.service";
import { actOnMessage, rateMessage } from "../domains/interaction/messages.workflow";
import { type DemoMessage, EARLIER_MESSAGES } from "./messages-data";
import { DEMO_OPEN_MESSAGES, RECENT_MESSAGES } from "./messages-data-recent";
import type { DemoStaff } from "./publish";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

const DEMO_MESSAGES = [...EARLIER_MESSAGES, ...RECENT_MESSAGES];

const CLERKS: Record<string, string> = {
  "gyx-zfb": "demo-clerk",
  "gyx-jyj": "demo-jyj-clerk",
  "gyx-zjj": "demo-zjj-clerk",
  "gyx-rsj": "demo-rsj-clerk",
  "gyx-nmkjj": "demo-nmkjj-clerk",
  "gyx-scjgj": "demo-scjgj-clerk",
  "gyx-jsz": "demo-jsz-clerk",
  "gyx-xdpz": "demo-xdpz-clerk",
};

interface Ref {
  id: string;
  code: string;
  secret: string;
}

async function clerkOf(deps: Deps, org: string): Promise<CurrentUser> {
  const user = await findCurrentUser(deps, CLERKS[org] ?? "");
  if (!user) throw new Error(`demo messages: no clerk for ${org}`);
  return user;
}

export function scheduleMessages(timeline: Timeline, cal: DemoCalendar, staff: DemoStaff): void {
  const office = staff.office;
  const siteId = office.siteId;
  const today = timeline.today;
  const at = (date: string, hhmm: string, run: (d: Deps) => Promise<void>) => {
    if (date <= today) timeline.add(shanghaiAt(date, hhmm), run);
  };
  const refs = new Map<string, Ref>();
  const post =
    (m: Pick<DemoMessage, "type" | "name" | "phone" | "title" | "body">, wantsPublic = true) =>
    async (d: Deps) => {
      const r = await createMessage(
        d,
        { type: m.type, title: m.title, body: m.body, name: m.name, phone: m.phone, public: wantsPublic },
        { siteId },
      );
      refs.set(m.title, { id: r.id, code: r.tracking_code, secret: r.secret });
    };
  const id = (title: string) => refs.get(title)!.id;

  for (const m of DEMO_MESSAGES) {
    const d0 = cal.onOrAfter(m.on);
    let d = d0;
    const next = () => {
      d = cal.addWorkingDays(d, 1);
      return d;
    };
    at(d0, "09:12", post(m, m.private !== "asker"));
    at(d0, "10:05", (x) => actOnMessage(x, office, id(m.title), { action: "accept" }));
    if (m.via) {
      const via = m.via;
      at(d0, "10:20", (x) => actOnMessage(x, office, id(m.title), { action: "transfer", org: via.org }));
      at(next(), "09:40", async (x) =>
        actOnMessage(x, await clerkOf(x, via.org), id(m.title), {
          action: "return",
          reason: via.reason,
        }),
      );
      at(d, "14:30", (x) => actOnMessage(x, office, id(m.title), { action: "transfer", org: m.org }));
    } else at(d0, "10:20", (x) => actOnMessage(x, office, id(m.title), { action: "transfer", org: m.org }));
    at(next(), "15:10", async (x) =>
      actOnMessage(x, await clerkOf(x, m.org), id(m.title), { action: "draft_reply", body: m.reply }),
    );
    at(next(), "10:00", (x) => actOnMessage(x, office, id(m.title), { action: "approve_reply" }));
    if (m.private === "office")
      at(d, "10:10", (x) => actOnMessage(x, office, id(m.title), { action: "make_private" }));
    else if (!m.private) at(d, "10:30", (x) => actOnMessage(x, office, id(m.title), { action: "publish" }));
    const rating = m.rating;
    if (rating) {
      const fu = m.followUp;
      at(cal.addWorkingDays(d, 2), "20:15", async (x) => {
        const r = refs.get(m.title)!;
        await rateMessage(x, r.code, { code: r.code, secret: r.secret, rating, follow_up: fu?.question });
      });
      if (fu) {
        d = cal.addWorkingDays(d, 3);
        at(d, "10:20", (x) => actOnMessage(x, office, id(m.title), { action: "transfer", org: m.org }));
        at(next(), "16:00", async (x) =>
          actOnMessage(x, await clerkOf(x, m.org), id(m.title), { action: "draft_reply", body: fu.reply }),
        );
        at(next(), "09:50", (x) => actOnMessage(x, office, id(m.title), { action: "approve_reply" }));
      }
    }
  }

  // Rejected: one the same asker sent twice (linked to the first), one outside the county's remit.
  const dup = DEMO_MESSAGES.find((m) => m.on === "2021-11-09")!;
  const dupMessage = { ...dup, title: `${dup.title}（再次反映）` };
  const dupOn = cal.addWorkingDays(cal.onOrAfter(dup.on), 1);
  at(dupOn, "08:55", post(dupMessage));
  at(dupOn, "09:30", (x) =>
    actOnMessage(x, office, id(dupMessage.title), {
      action: "reject",
      reason: "duplicate",
      duplicate_of: refs.get(dup.title)!.code,
    }),
  );
  const outside = {
    type: "complain" as const,
    name: "魏德才",
    phone: "13800001070",
    title: "包头市区某商场购买的冰箱质量问题",
    body: "我在包头市昆都仑区一家商场购买的冰箱使用三个月就不制冷了，商场拒绝退换，请求帮助维权。",
  };
  const outOn = cal.onOrAfter("2024-07-09");
  at(outOn, "11:02", post(outside));
  at(outOn, "15:20", (x) =>
    actOnMessage(x, office, id(outside.title), { action: "reject", reason: "out_of_scope" }),
  );

  // Still open at today: received, transferred and waiting, near its deadline, drafted and awaiting approval.
  for (const m of DEMO_OPEN_MESSAGES) {
    const d0 = cal.back(today, m.daysAgo);
    at(d0, "09:25", post(m));
    if (m.stage === "received") continue;
    at(d0, "10:40", (x) => actOnMessage(x, office, id(m.title), { action: "accept" }));
    at(d0, "10:50", (x) => actOnMessage(x, office, id(m.title), { action: "transfer", org: m.org! }));
    if (m.stage === "drafted")
      at(cal.addWorkingDays(d0, 1), "15:30", async (x) =>
        actOnMessage(x, await clerkOf(x, m.org!), id(m.title), { action: "draft_reply", body: m.draft! }),
      );
  }

  // Error reports (找错) of different kinds, corrected by the county government's office.
  const reports = [
    {
      on: "2022-04-12",
      kind: "broken_link" as const,
      page_url: "/xxgk",
      description: "政府信息公开指南页面中“依申请公开”的办事指南附件链接打开后显示页面不存在。",
      contact: "13800001080",
      reply: "您好！经核查，该附件在栏目调整时地址发生变化，已于当日修复链接。感谢您的指正。",
    },
    {
      on: "2024-10-15",
      kind: "content_error" as const,
      page_url: "/search",
      description: "县教育局发布的招生公告中咨询电话少了一位数字，无法拨通。",
      contact: "13800001081",
      reply: "您好！已通知县教育局核实，正确的咨询电话为0472-8122301，公告已更正。感谢您的指正。",
    },
    {
      on: "2026-02-10",
      kind: "unusable_service" as const,
      page_url: "/hd/apply",
      description: "用手机填写依申请公开表单时，上传身份证照片一直没有反应。",
      contact: "13800001082",
      reply:
        "您好！经技术人员排查，系手机浏览器对大尺寸图片处理超时所致，已优化上传功能并在页面提示图片大小要求。",
    },
  ];
  for (const r of reports) {
    const d0 = cal.onOrAfter(r.on);
    let ref = "";
    at(d0, "16:20", async (x) => {
      ref = (
        await createErrorReport(
          x,
          { page_url: r.page_url, kind: r.kind, description: r.description, contact: r.contact },
          siteId,
        )
      ).id;
    });
    const d1 = cal.addWorkingDays(d0, 1);
    at(d1, "09:05", (x) => actOnMessage(x, office, ref, { action: "accept" }));
    at(d1, "09:10", (x) => actOnMessage(x, office, ref, { action: "transfer", org: "gyx-zfb" }));
    at(d1, "14:00", (x) => actOnMessage(x, staff.clerk, ref, { action: "draft_reply", body: r.reply }));
    at(cal.addWorkingDays(d1, 1), "09:30", (x) => actOnMessage(x, office, ref, { action: "approve_reply" }));
  }
}
