import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { AppError } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { invalidatePublicPages } from "../../web/page-cache";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, findCurrentUser } from "../accounts";
import { actOnMn, saveMnDraft } from "./mongolian.service";
import type { MnSubjectType } from "./mongolian.tables";

const TITLE = "ᠠᠵᠢᠯ ᠬᠡᠷᠡᠭ ᠦᠨ ᠵᠢᠭᠠᠪᠤᠷᠢ";
const BODY = "<p>ᠪᠢᠴᠢᠭ ᠮᠠᠲᠸᠷᠢᠶᠠᠯ ᠢᠶᠡᠨ ᠪᠡᠯᠡᠳᠬᠡᠭᠡᠳ ᠢᠷᠡᠨ᠎ᠡ</p><script>alert(1)</script>";

/** One later domain's subject as the test drives it: where it lives and who takes which step. */
interface Case {
  type: MnSubjectType;
  api: (id: string) => string;
  admin: (id: string) => string;
  /** The subject's own back-office page, which links to its Mongolian editor. */
  subjectAdmin: (id: string) => string;
  /** The public page (without /mn). */
  page: (id: string) => string;
  /** Drafts the revision that is approved (the first draft is the office's, refused its own approval). */
  drafter: string;
  approver: string;
  /** A clerk of another organisation. */
  outsider: string;
  table: "service_items" | "gazette_issues" | "consultations" | "meetings" | "service_reports";
  /** The column that changes the Chinese (a list: the decision of its version in force). */
  column: "name" | "note" | "title" | "decision";
}

const CASES: Case[] = [
  {
    type: "service_item",
    api: (id) => `/api/v1/services/${id}/mn`,
    admin: (id) => `/admin/services/${id}/mn`,
    subjectAdmin: (id) => `/admin/services/${id}`,
    page: (id) => `/fw/items/${id}`,
    drafter: "demo-office",
    approver: "demo-county-reviewer",
    outsider: "demo-jyj-clerk",
    table: "service_items",
    column: "name",
  },
  {
    type: "gazette_issue",
    api: (id) => `/api/v1/gazette/issues/${id}/mn`,
    admin: (id) => `/admin/gazette/${id}/mn`,
    subjectAdmin: (id) => `/admin/gazette/${id}`,
    page: (id) => `/gb/issues/${id}`,
    drafter: "demo-office",
    approver: "demo-county-signer",
    outsider: "demo-jyj-clerk",
    table: "gazette_issues",
    column: "note",
  },
  {
    type: "consultation",
    api: (id) => `/api/v1/consultations/${id}/mn`,
    admin: (id) => `/admin/consultations/${id}/mn`,
    subjectAdmin: (id) => `/admin/consultations/${id}`,
    page: (id) => `/hd/consultations/${id}`,
    drafter: "demo-clerk",
    approver: "demo-office",
    outsider: "demo-jyj-clerk",
    table: "consultations",
    column: "title",
  },
  {
    type: "meeting",
    api: (id) => `/api/v1/meetings/${id}/mn`,
    admin: (id) => `/admin/meetings/${id}/mn`,
    subjectAdmin: (id) => `/admin/meetings/${id}`,
    page: (id) => `/hd/meetings/${id}`,
    drafter: "demo-clerk",
    approver: "demo-office",
    outsider: "demo-jyj-clerk",
    table: "meetings",
    column: "title",
  },
  {
    type: "service_list",
    api: (id) => `/api/v1/services/lists/${id}/mn`,
    admin: (id) => `/admin/services/lists/${id}/mn`,
    subjectAdmin: (id) => `/admin/services/lists/${id}`,
    page: () => "/fw/lists/gyx-zfb/power",
    drafter: "demo-office",
    approver: "demo-county-reviewer",
    outsider: "demo-jyj-clerk",
    table: "service_items",
    column: "decision",
  },
  {
    type: "service_report",
    api: (id) => `/api/v1/services/reports/${id}/mn`,
    admin: (id) => `/admin/services/reports/${id}/mn`,
    subjectAdmin: (id) => `/admin/services/reports/${id}`,
    page: (id) => `/fw/reports/${id}`,
    drafter: "demo-office",
    approver: "demo-county-reviewer",
    outsider: "demo-jyj-clerk",
    table: "service_reports",
    column: "title",
  },
];

// Issue 18 part 1 for the later domains: a service guide, a gazette issue, a consultation, a meeting, a
// department's 权责清单 and an implementation report each carry a Mongolian version with the items' review
// (four eyes), outdated when the Chinese changes, authorised by the subject's own policy, shown vertically at
// /mn and marked when missing.
describeEachDialect("Mongolian versions of the later domains' content", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  const users: Record<string, CurrentUser> = {};
  let siteId = "";
  let rootOrg = "";
  let zfb = "";
  let jyj = "";
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    const names = [
      "demo-clerk",
      "demo-office",
      "demo-county-reviewer",
      "demo-county-signer",
      "demo-jyj-clerk",
    ];
    for (const u of names) {
      tok[u] = await tokenFor(ctx, u);
      users[u] = (await findCurrentUser(ctx.deps, u))!;
    }
    siteId = users["demo-office"]!.siteId;
    const orgs = await ctx.deps.db.kysely.selectFrom("orgs").select(["id", "code"]).execute();
    rootOrg = orgs.find((o) => o.code === "gyx")!.id;
    zfb = orgs.find((o) => o.code === "gyx-zfb")!.id;
    jyj = orgs.find((o) => o.code === "gyx-jyj")!.id;
  }, 600_000);
  afterAll(async () => app?.close());

  const api = (who: string | null, method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    app.inject({ method, url, headers: who ? bearer(tok[who]!) : {}, ...(payload ? { payload } : {}) });
  const now = () => new Date().toISOString();
  const db = () => ctx.deps.db.kysely;

  /** A public subject of this type (a published demo service item, or a row as its domain leaves it). */
  async function subject(type: MnSubjectType, title: string): Promise<string> {
    const id = newId();
    const at = now();
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
          number: 90 + CASES.length,
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
      // The 政府办's 权责清单 (the demo has none), its first version published.
      await db()
        .insertInto("service_lists")
        .values({
          id,
          site_id: siteId,
          org_id: zfb,
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
          year: 2020,
          quarter: 1,
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

  /** The /mn list page that shows this subject's row (on its first page). */
  async function listPage(type: MnSubjectType, id: string): Promise<string> {
    if (type === "service_item") {
      const { name } = await db()
        .selectFrom("service_items")
        .select("name")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      return `/mn/fw?q=${encodeURIComponent(name)}`;
    }
    return {
      gazette_issue: "/mn/gb",
      consultation: "/mn/hd/consultations",
      meeting: "/mn/hd/meetings",
      service_list: "/mn/fw/lists",
      service_report: "/mn/fw/reports",
    }[type as string]!;
  }
  /** The gazette's 年第N期 and a list's kind are given in the page's language, so not marked as Chinese. */
  const LOCALISED: MnSubjectType[] = ["gazette_issue", "service_list"];
  /** What the list's link to the page holds. */
  const rowTitle = (html: string, page: string) => {
    const at = html.indexOf(`href="/mn${page}">`);
    expect(at, `no link to /mn${page}`).toBeGreaterThan(-1);
    const from = at + `href="/mn${page}">`.length;
    return html.slice(from, html.indexOf("</a>", from)).trim();
  };

  for (const c of CASES)
    describe(c.type, () => {
      it("drafts, refuses its own approval and other organisations, approves by another person, marks outdated", async () => {
        const id = await subject(c.type, `蒙古文测试${c.type}`);
        // Missing: the Chinese heading marked as Chinese, with the notice (never silently).
        const missing = await app.inject(`/mn${c.page(id)}`);
        expect(missing.statusCode, missing.body).toBe(200);
        expect(missing.body).toContain('class="notice mn-missing" role="note" lang="mn-Mong"');
        expect(missing.body).not.toContain('class="mn-text"');
        // The subject's back office links to its Mongolian editor.
        // The /mn list shows the row in Chinese, marked (or the page's own label of a gazette issue or a list).
        const listed = await app.inject(await listPage(c.type, id));
        expect(listed.statusCode).toBe(200);
        expect(listed.body).toContain(`href="/mn${c.page(id)}"`);
        expect(rowTitle(listed.body, c.page(id))).toMatch(
          LOCALISED.includes(c.type) ? /^[^<]/ : /^<span lang="zh-CN" class="mn-untranslated">/,
        );
        const back = await api(c.drafter, "GET", c.subjectAdmin(id));
        expect(back.body).toContain(`href="${c.admin(id)}"`);

        // Another organisation's clerk neither sees nor writes it; the public cannot.
        const outsider = await api(c.outsider, "PUT", c.api(id), { title: TITLE, body: BODY });
        expect([403, 404]).toContain(outsider.statusCode);
        expect((await api(null, "GET", c.api(id))).statusCode).toBe(401);
        // Bad input names every problem and saves nothing.
        const bad = await api("demo-office", "PUT", c.api(id), { title: "中文标题", body: "" });
        expect(bad.statusCode).toBe(400);
        expect(
          bad
            .json()
            .error.details.map((d: { code: string }) => d.code)
            .sort(),
        ).toEqual(["mn_body_required", "mn_not_mongolian"]);
        expect((await api("demo-office", "GET", c.api(id))).json().draft).toBeNull();

        // The office drafts and submits; its own approval is refused (four eyes), then it sends it back.
        const saved = await api("demo-office", "PUT", c.api(id), { title: TITLE, body: BODY });
        expect(saved.statusCode, saved.body).toBe(200);
        expect(saved.json().draft.body).not.toContain("<script");
        expect(
          (await api("demo-office", "POST", `${c.api(id)}/actions`, { action: "submit" })).statusCode,
        ).toBe(200);
        const own = await api("demo-office", "POST", `${c.api(id)}/actions`, { action: "approve" });
        expect(own.statusCode).toBe(409);
        expect(own.json().error.details.map((d: { code: string }) => d.code)).toContain("mn_four_eyes");
        const back2 = await api("demo-office", "POST", `${c.api(id)}/actions`, {
          action: "reject",
          note: "请核对术语。",
        });
        expect(back2.statusCode, back2.body).toBe(200);

        // The drafter revises and submits; another person approves.
        expect((await api(c.drafter, "PUT", c.api(id), { title: TITLE, body: BODY })).statusCode).toBe(200);
        expect((await api(c.drafter, "POST", `${c.api(id)}/actions`, { action: "submit" })).statusCode).toBe(
          200,
        );
        if (c.drafter !== "demo-office") {
          const self = await api(c.drafter, "POST", `${c.api(id)}/actions`, { action: "approve" });
          expect(self.statusCode).toBe(403);
        }
        const approved = await api(c.approver, "POST", `${c.api(id)}/actions`, { action: "approve" });
        expect(approved.statusCode, approved.body).toBe(200);
        expect(approved.json()).toMatchObject({ outdated: false, draft: null, approved: { title: TITLE } });
        const audit = await db()
          .selectFrom("audit_log")
          .select("action")
          .where("entity_type", "=", "mn_version")
          .where("entity_id", "=", approved.json().approved.id)
          .execute();
        expect(audit.map((a) => a.action).sort()).toEqual(
          ["mn.approve", "mn.reject", "mn.save", "mn.save", "mn.submit", "mn.submit"].sort(),
        );

        // Its /mn list row shows the approved Mongolian title; the Chinese list does not.
        const row = rowTitle((await app.inject(await listPage(c.type, id))).body, c.page(id));
        expect(row.startsWith(`<span lang="mn-Mong">${TITLE}</span>`), row).toBe(true);
        expect(row).not.toContain('lang="zh-CN"');
        const zhList = await app.inject((await listPage(c.type, id)).slice(3));
        expect(zhList.body).toContain(`href="${c.page(id)}"`);
        expect(zhList.body).not.toContain(TITLE);
        // Shown vertically at /mn, linked to the Chinese, and the Chinese page links to it.
        const page = await app.inject(`/mn${c.page(id)}`);
        expect(page.body).toContain('class="mn-item" lang="mn-Mong"');
        expect(page.body).toContain('class="mn-text"');
        expect(page.body).toContain(TITLE);
        expect(page.body).toContain(`href="${c.page(id)}" hreflang="zh-CN"`);
        expect(page.body).not.toContain("mn-missing");
        const zh = await app.inject(c.page(id));
        expect(zh.body).toContain(`href="/mn${c.page(id)}"`);
        // Found by the site search in Mongolian.
        const found = await app.inject(`/api/v1/search?q=${encodeURIComponent("ᠵᠢᠭᠠᠪᠤᠷᠢ")}`);
        expect(found.body).toContain(`/mn${c.page(id)}`);

        // The Chinese changes: the translation is outdated, on the page and in the API.
        if (c.column === "decision")
          await db()
            .updateTable("service_list_versions")
            .set({ decision: "固政办发〔2026〕32号" })
            .where("list_id", "=", id)
            .execute();
        else
          await db()
            .updateTable(c.table)
            .set({ [c.column]: "修改后的中文" } as never)
            .where("id", "=", id)
            .execute();
        invalidatePublicPages(ctx.deps);
        expect((await api(c.approver, "GET", c.api(id))).json().outdated).toBe(true);
        expect((await app.inject(`/mn${c.page(id)}`)).body).toContain("mn-outdated");
        // The queue lists it.
        const queue = await api(c.approver, "GET", "/admin/mn?queue=approved");
        expect(queue.body).toContain(c.admin(id));
      });
    });

  it("a double-clicked approval of a later domain's translation is taken once", async () => {
    const id = await subject("meeting", "蒙古文并发审核会议");
    const clerk = users["demo-clerk"]!;
    const office = users["demo-office"]!;
    await saveMnDraft(ctx.deps, clerk, "meeting", id, { title: TITLE, body: BODY });
    await actOnMn(ctx.deps, clerk, "meeting", id, { action: "submit" });
    await Promise.all(
      Array.from({ length: 4 }, () => db().selectFrom("sites").select("id").limit(1).execute()),
    );
    const results = await Promise.allSettled([
      actOnMn(ctx.deps, office, "meeting", id, { action: "approve" }),
      actOnMn(ctx.deps, office, "meeting", id, { action: "approve" }),
    ]);
    const outcomes = results
      .map((r) =>
        r.status === "fulfilled"
          ? "200"
          : r.reason instanceof AppError
            ? `${r.reason.status} ${r.reason.code}`
            : "?",
      )
      .sort();
    expect(outcomes).toEqual(["200", "409 mn_no_draft"]);
    const rows = await db()
      .selectFrom("mn_versions")
      .select("status")
      .where("subject_type", "=", "meeting")
      .where("subject_id", "=", id)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(["approved"]);
  });
});
