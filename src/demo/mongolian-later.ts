// Demo Mongolian versions of the later domains' content (issue 18 part 1): one service guide (办事指南), one
// gazette issue, one consultation, one meeting, one 权责清单, one implementation report, the 新生儿出生一件事 and
// the county's 政务服务中心 of 固阳县, where the demo has them, drafted by a person of the subject's organisation and approved by another through the real
// review (src/domains/mongolian). The translations were written for the demo; a county has its own translated
// by its Mongolian language office.
import { sql } from "kysely";
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { CONSULTATION_MN } from "../domains/consultation/consultation.mn";
import { GAZETTE_MN } from "../domains/gazette/gazette.mn";
import { MEETING_MN } from "../domains/meetings/meetings.mn";
import { actOnMn, type MnSubjectType, registerMnKind, saveMnDraft } from "../domains/mongolian";
import { SERVICE_BUNDLE_MN } from "../domains/services/services.bundles.mn";
import { SERVICE_HALL_MN } from "../domains/services/services.halls.mn";
import { SERVICE_LIST_MN } from "../domains/services/services.lists.mn";
import { SERVICE_MN } from "../domains/services/services.mn";
import { SERVICE_REPORT_MN } from "../domains/services/services.reports.mn";

interface LaterTranslation {
  type: MnSubjectType;
  title: string;
  body: string[];
  /** The demo subject, and who created it. */
  pick(deps: Deps, siteId: string): Promise<{ id: string; creator: string | null } | undefined>;
  /** Who drafts (null: the person who created the subject, a clerk of its organisation) and who approves. */
  drafter: string | null;
  approver: string;
}

const LATER: LaterTranslation[] = [
  {
    type: "service_item",
    title: "ᠲᠥᠷᠥᠭᠰᠡᠨ ᠦ ᠡᠮᠨᠡᠯᠭᠡ ᠶᠢᠨ ᠭᠡᠷᠡᠴᠢᠯᠡᠬᠡ ᠶᠢ ᠠᠩᠬᠠ ᠤᠳᠠᠭ᠎ᠠ ᠣᠯᠭᠣᠬᠤ",
    body: [
      "ᠡᠨᠡ ᠦᠢᠯᠡᠴᠢᠯᠭᠡ ᠶᠢ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠡᠮᠨᠡᠯᠭ ᠳᠤ ᠪᠠᠷᠢᠨ᠎ᠠ᠃",
      "ᠬᠦᠰᠡᠯᠲᠡ ᠭᠠᠷᠭᠠᠬᠤ ᠳᠠᠷᠠᠭᠠᠯᠠᠯ᠄ ᠪᠢᠴᠢᠭ ᠮᠠᠲᠸᠷᠢᠶᠠᠯ ᠢᠶᠡᠨ ᠪᠡᠯᠡᠳᠬᠡᠭᠡᠳ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠦ ᠲᠢᠩᠭᠢᠮ ᠳᠤ ᠢᠷᠡᠨ᠎ᠡ᠃",
      "ᠦᠢᠯᠡᠴᠢᠯᠭᠡ ᠶᠢ ᠲᠦᠯᠪᠦᠷᠢ ᠦᠭᠡᠢ ᠪᠠᠷᠢᠨ᠎ᠠ᠃",
    ],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("service_items")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("status", "=", "published")
        .where("name", "=", "出生医学证明首次签发")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
  {
    type: "gazette_issue",
    title: "ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠰᠤᠨᠢᠨ",
    body: ["ᠡᠨᠡ ᠳᠤᠭᠠᠷ ᠲᠤ ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠪᠢᠴᠢᠭ ᠢ ᠨᠡᠢᠲᠡᠯᠡᠪᠡ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("gazette_issues")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("status", "=", "released")
        .orderBy("year")
        .orderBy("number")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-signer",
  },
  {
    type: "consultation",
    title: "ᠰᠢᠶᠠᠨ ᠤ ᠬᠣᠲᠠ ᠶᠢᠨ ᠳᠦᠯᠡᠭᠦᠷ ᠦᠨ ᠵᠢᠷᠤᠮ ᠤᠨ ᠲᠥᠰᠥᠯ ᠳᠤ ᠰᠠᠨᠠᠯ ᠠᠪᠬᠤ",
    body: ["ᠲᠥᠰᠥᠯ ᠤᠨ ᠪᠦᠷᠢᠨ ᠪᠢᠴᠢᠭ ᠢ ᠣᠯᠠᠨ ᠨᠡᠶᠢᠲᠡ ᠳᠦ ᠨᠡᠢᠲᠡᠯᠡᠵᠦ ᠰᠠᠨᠠᠯ ᠠᠪᠤᠨ᠎ᠠ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("consultations")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("status", "in", ["open", "closed", "report_submitted", "reported"])
        .orderBy("start_on")
        .executeTakeFirst(),
    drafter: null,
    approver: "demo-office",
  },
  {
    type: "meeting",
    title: "ᠰᠢᠶᠠᠨ ᠤ ᠠᠷᠠᠳ ᠤᠨ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠪᠠᠶᠢᠩᠭ᠎ᠠ ᠶᠢᠨ ᠬᠤᠷᠠᠯ",
    body: ["ᠬᠤᠷᠠᠯ ᠳᠤ ᠠᠷᠠᠳ ᠣᠯᠠᠨ ᠤ ᠲᠥᠯᠥᠭᠡᠯᠡᠭᠴᠢᠳ ᠢ ᠤᠷᠢᠵᠤ ᠰᠠᠨᠠᠯ ᠰᠣᠩᠰᠤᠨ᠎ᠠ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("meetings")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("status", "in", ["announced", "applications_closed", "held", "minutes_published"])
        .orderBy("starts_at")
        .executeTakeFirst(),
    drafter: null,
    approver: "demo-office",
  },
  {
    type: "service_list",
    title: "ᠢᠷᠭᠡᠨ ᠦ ᠬᠠᠷᠢᠴᠠᠭ᠎ᠠ ᠶᠢᠨ ᠲᠤᠪᠴᠢᠶ᠎ᠠ ᠶᠢᠨ ᠡᠷᠬᠡ ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢᠨ ᠵᠢᠭᠰᠠᠭᠠᠯᠲᠠ",
    body: [
      "ᠡᠨᠡ ᠵᠢᠭᠰᠠᠭᠠᠯᠲᠠ ᠳᠤ ᠲᠤᠪᠴᠢᠶ᠎ᠠ ᠶᠢᠨ ᠡᠷᠬᠡ ᠮᠡᠳᠡᠯ ᠪᠠ ᠬᠠᠷᠢᠭᠤᠴᠠᠯᠭ᠎ᠠ ᠶᠢ ᠨᠡᠢᠲᠡᠯᠡᠪᠡ᠃",
      "ᠵᠢᠭᠰᠠᠭᠠᠯᠲᠠ ᠶᠢᠨ ᠬᠡᠯᠪᠡᠷᠢ ᠪᠦᠷᠢ ᠶᠢ ᠬᠢᠳᠠᠳ ᠪᠢᠴᠢᠭ ᠦᠨ ᠬᠤᠪᠢ ᠳᠤ ᠦᠵᠡᠨ᠎ᠡ᠃",
    ],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("service_lists")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("kind", "=", "power")
        .where("version", ">", 0)
        .orderBy("org_id")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
  {
    type: "service_report",
    title: "ᠢᠨᠲᠸᠷᠨᠸᠲ ᠲᠦ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡ ᠶᠢ ᠬᠡᠷᠡᠭᠵᠢᠭᠦᠯᠦᠭᠰᠡᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠤᠨ ᠮᠡᠳᠡᠭᠦᠯᠦᠯᠲᠡ",
    body: ["ᠡᠨᠡ ᠤᠯᠠᠷᠢᠯ ᠤᠨ ᠤᠯᠠᠮᠵᠢᠯᠠᠯᠲᠠ ᠳᠤ ᠰᠢᠶᠠᠨ ᠤ ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡ ᠶᠢᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠢ ᠮᠡᠳᠡᠭᠦᠯᠪᠡ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("service_reports")
        .select(["id", "created_by as creator"])
        .where("site_id", "=", siteId)
        .where("status", "=", "published")
        .orderBy("year")
        .orderBy("quarter")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
  {
    // Site-wide rows (a 一件事, the county's hall): the office at the site root drafts them.
    type: "service_bundle",
    title: "ᠨᠢᠶᠠᠯᠬᠠ ᠬᠦᠦᠬᠡᠳ ᠲᠥᠷᠥᠭᠰᠡᠨ ᠨᠢᠭᠡ ᠬᠡᠷᠡᠭ",
    body: ["ᠨᠢᠭᠡ ᠤᠳᠠᠭ᠎ᠠ ᠮᠡᠳᠡᠭᠳᠡᠨ᠎ᠡ᠂ ᠨᠢᠭᠡ ᠴᠣᠩᠬᠣ ᠪᠠᠷ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠤᠨ᠎ᠠ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("service_bundles")
        .select(["id", sql<string | null>`null`.as("creator")])
        .where("site_id", "=", siteId)
        .where("key", "=", "newborn")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
  {
    type: "service_hall",
    title: "ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ ᠤ ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠦ ᠲᠥᠪ",
    body: ["ᠠᠵᠢᠯᠯᠠᠬᠤ ᠡᠳᠦᠷ ᠪᠦᠷᠢ ᠦᠢᠯᠡᠴᠢᠯᠭᠡ ᠦᠵᠡᠭᠦᠯᠦᠨ᠎ᠡ᠃"],
    pick: (deps, siteId) =>
      deps.db.kysely
        .selectFrom("service_halls")
        .select(["id", sql<string | null>`null`.as("creator")])
        .where("site_id", "=", siteId)
        .where("level", "=", "county")
        .orderBy("position")
        .executeTakeFirst(),
    drafter: "demo-office",
    approver: "demo-county-reviewer",
  },
];

async function staff(deps: Deps, username: string): Promise<CurrentUser> {
  const user = await findCurrentUser(deps, username);
  if (!user) throw new Error(`demo user ${username} missing`);
  return user;
}

/** Seeds what of these the demo has; returns the subject ids approved. */
export async function seedDemoLaterMongolian(deps: Deps): Promise<Partial<Record<MnSubjectType, string>>> {
  // Known to the Mongolian domain when the app's routes are registered; the demo may run without them.
  for (const kind of [
    SERVICE_MN,
    GAZETTE_MN,
    CONSULTATION_MN,
    MEETING_MN,
    SERVICE_LIST_MN,
    SERVICE_REPORT_MN,
    SERVICE_BUNDLE_MN,
    SERVICE_HALL_MN,
  ])
    registerMnKind(kind);
  const { siteId } = await staff(deps, "demo-office");
  const out: Partial<Record<MnSubjectType, string>> = {};
  for (const t of LATER) {
    const subject = await t.pick(deps, siteId);
    if (!subject) continue;
    const creator = subject.creator
      ? await deps.db.kysely
          .selectFrom("users")
          .select("username")
          .where("id", "=", subject.creator)
          .executeTakeFirst()
      : undefined;
    const drafterName = t.drafter ?? creator?.username;
    if (!drafterName || drafterName === t.approver) continue;
    const drafter = await staff(deps, drafterName);
    await saveMnDraft(deps, drafter, t.type, subject.id, {
      title: t.title,
      body: t.body.map((l) => `<p>${l}</p>`).join("\n"),
    });
    await actOnMn(deps, drafter, t.type, subject.id, { action: "submit" });
    await actOnMn(deps, await staff(deps, t.approver), t.type, subject.id, { action: "approve" });
    out[t.type] = subject.id;
  }
  return out;
}
