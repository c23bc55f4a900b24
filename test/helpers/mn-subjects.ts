// Subjects of the later domains' Mongolian versions for tests (src/domains/mongolian): a public service item,
// gazette issue, consultation, meeting, 权责清单, implementation report, 一件事 or
// service hall of the demo county.
import type { Deps } from "../../src/deps";
import type { MnSubjectType } from "../../src/domains/mongolian";
import { newId } from "../../src/platform/ids";

let n = 0;

async function demoRefs(deps: Deps) {
  const db = deps.db.kysely;
  const [orgs, people] = await Promise.all([
    db.selectFrom("orgs").select(["id", "code", "site_id"]).execute(),
    db.selectFrom("users").select(["id", "username"]).execute(),
  ]);
  const users = Object.fromEntries(people.map((u) => [u.username, u]));
  return {
    siteId: orgs.find((o) => o.code === "gyx")!.site_id,
    rootOrg: orgs.find((o) => o.code === "gyx")!.id,
    zfb: orgs.find((o) => o.code === "gyx-zfb")!.id,
    jyj: orgs.find((o) => o.code === "gyx-jyj")!.id,
    users,
  };
}

const departments = async (deps: Deps) =>
  (
    await deps.db.kysely
      .selectFrom("orgs")
      .select("id")
      .where("kind", "=", "department")
      .orderBy("code")
      .execute()
  ).map((o) => o.id);

/**
 * A public subject of this type (a published demo service item, or a row as its domain leaves it) of the demo
 * county (seeded with services); each call makes a new one where the type allows.
 */
export async function mnTestSubject(deps: Deps, type: MnSubjectType, title: string): Promise<string> {
  const db = () => deps.db.kysely;
  const id = newId();
  const at = new Date().toISOString();
  const { siteId, rootOrg, zfb, jyj, users } = await demoRefs(deps);
  n++;
  if (type === "service_item") {
    const row = await db()
      .selectFrom("service_items")
      .select("id")
      .where("status", "=", "published")
      .where("org_id", "not in", [rootOrg, jyj])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }
  if (type === "gazette_issue") {
    await db()
      .insertInto("gazette_issues")
      .values({
        id,
        site_id: siteId,
        org_id: rootOrg,
        source: "compiled",
        status: "released",
        year: 2026,
        number: 90 + n,
        total_number: null,
        published_on: "2026-12-01",
        note: null,
        file_sha256: null,
        file_size: null,
        file_type: null,
        file_name: null,
        body_text: null,
        created_by: null,
        submitted_by: null,
        reviewed_by: null,
        released_by: null,
        submitted_at: null,
        reviewed_at: null,
        released_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db()
      .insertInto("gazette_entries")
      .values({
        id: newId(),
        issue_id: id,
        position: 1,
        category: "government_normative",
        item_id: null,
        org_id: rootOrg,
        org_name: "固阳县人民政府",
        title,
        doc_number: "固政发〔2026〕1号",
        formed_on: "2026-11-20",
        body_text: "第一条 为了规范管理，制定本办法。",
      })
      .execute();
    return id;
  }
  if (type === "consultation") {
    await db()
      .insertInto("consultations")
      .values({
        id,
        site_id: siteId,
        org_id: zfb,
        title,
        draft_html: "<p>第一条 为了加强城乡生活垃圾分类管理，制定本办法。</p>",
        draft_text: "第一条 为了加强城乡生活垃圾分类管理，制定本办法。",
        major: 0,
        start_on: "2026-12-01",
        end_on: "2027-01-05",
        short_reason: null,
        status: "open",
        close_note: null,
        report_summary: null,
        final_item_id: null,
        comment_count: 0,
        created_by: users["demo-clerk"]!.id,
        opened_at: at,
        closed_at: null,
        reported_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }
  if (type === "service_list") {
    // A department's 权责清单 where it has none (the 政府办's first), its first version published.
    const taken = await db()
      .selectFrom("service_lists")
      .select("org_id")
      .where("kind", "=", "power")
      .execute();
    const org = [zfb, ...(await departments(deps))].find((o) => !taken.some((t) => t.org_id === o))!;
    await db()
      .insertInto("service_lists")
      .values({
        id,
        site_id: siteId,
        org_id: org,
        kind: "power",
        version: 1,
        published_at: at,
        created_by: users["demo-office"]!.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db()
      .insertInto("service_list_versions")
      .values({
        id: newId(),
        list_id: id,
        number: 1,
        status: "published",
        entries_json: JSON.stringify([{ code: "XK-001", name: title, type: "行政许可" }]),
        decision: "固政办发〔2026〕31号",
        reason: "",
        review_note: null,
        created_by: users["demo-office"]!.id,
        submitted_by: users["demo-office"]!.id,
        submitted_at: at,
        decided_by: users["demo-county-reviewer"]!.id,
        decided_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }
  if (type === "service_report") {
    await db()
      .insertInto("service_reports")
      .values({
        id,
        site_id: siteId,
        org_id: rootOrg,
        year: 2020 - Math.floor((n - 1) / 4),
        quarter: ((n - 1) % 4) + 1,
        title,
        body: "一、总体情况\n\n本季度网上办理率稳步提高。",
        status: "published",
        figures_json: "{}",
        figures_at: at,
        created_by: users["demo-office"]!.id,
        published_by: users["demo-office"]!.id,
        published_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }
  if (type === "service_bundle") {
    // A 一件事 of two published items (arranged directly, as the back office leaves it); its page is
    // /fw/bundles/mn-{id}.
    const items = await db()
      .selectFrom("service_items")
      .select("id")
      .where("site_id", "=", siteId)
      .where("status", "=", "published")
      .orderBy("id")
      .limit(2)
      .execute();
    await db()
      .insertInto("service_bundles")
      .values({
        id,
        site_id: siteId,
        key: `mn-${id}`,
        name: title,
        life_event: "birth",
        notice: "一次告知：请携带身份证件到综合受理窗口办理。",
        window: "县政务服务中心综合受理窗口",
        items_json: JSON.stringify(items.map((i) => ({ item_id: i.id, parallel: true }))),
        promised_days: 5,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }
  if (type === "service_hall") {
    await db()
      .insertInto("service_halls")
      .values({
        id,
        site_id: siteId,
        org_id: rootOrg,
        name: title,
        level: "town",
        address: "固阳县金山镇政务服务中心一楼",
        hours: "工作日 8:30—12:00，14:30—18:00",
        phone: "0472-8121234",
        position: 100 + n,
      })
      .execute();
    return id;
  }
  await db()
    .insertInto("meetings")
    .values({
      id,
      site_id: siteId,
      org_id: zfb,
      title,
      kind: "executive",
      starts_at: "2026-12-20T01:00:00.000Z",
      place: "县政府三楼第一会议室",
      agenda_json: JSON.stringify([{ topic: "研究城乡生活垃圾分类管理办法" }]),
      apply_opens_on: "2026-12-01",
      apply_closes_on: "2026-12-15",
      seats: 2,
      stream_url: null,
      status: "announced",
      cancel_reason: null,
      minutes: null,
      decision_item_id: null,
      application_count: 0,
      approved_count: 0,
      created_by: users["demo-clerk"]!.id,
      announced_at: at,
      held_at: null,
      minutes_published_at: null,
      cancelled_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
