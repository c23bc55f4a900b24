import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { mnTestSubject } from "../../../test/helpers/mn-subjects";
import { invalidatePublicPages } from "../../web/page-cache";
import type { AppInstance } from "../../web/types";
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
  table:
    | "service_items"
    | "gazette_issues"
    | "consultations"
    | "meetings"
    | "service_reports"
    | "service_bundles"
    | "service_halls";
  /** Not in the site search (a hall: its Chinese is not either). */
  unsearched?: true;
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
  {
    // Site-wide: the office at the site root drafts and approves it; a department's clerk is refused.
    type: "service_bundle",
    api: (id) => `/api/v1/services/bundles/${id}/mn`,
    admin: (id) => `/admin/services/bundles/${id}/mn`,
    subjectAdmin: (id) => `/admin/services/bundles/${id}`,
    page: (id) => `/fw/bundles/mn-${id}`,
    drafter: "demo-office",
    approver: "demo-county-reviewer",
    outsider: "demo-jyj-clerk",
    table: "service_bundles",
    column: "name",
  },
  {
    type: "service_hall",
    api: (id) => `/api/v1/services/halls/${id}/mn`,
    admin: (id) => `/admin/services/halls/${id}/mn`,
    subjectAdmin: (id) => `/admin/services/halls/${id}`,
    page: (id) => `/fw/halls/${id}`,
    drafter: "demo-office",
    approver: "demo-county-reviewer",
    outsider: "demo-jyj-clerk",
    table: "service_halls",
    column: "name",
    unsearched: true,
  },
];

// Issue 18 part 1 for the later domains: a service guide, a gazette issue, a consultation, a meeting, a
// department's 权责清单, an implementation report, a 一件事 and a service hall each carry a Mongolian version with
// the items' review (four eyes), outdated when the Chinese changes, authorised by the subject's own policy, shown
// vertically at /mn and marked when missing.
describeEachDialect("Mongolian versions of the later domains' content", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
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
    }
  }, 600_000);
  afterAll(async () => app?.close());

  const api = (who: string | null, method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    app.inject({ method, url, headers: who ? bearer(tok[who]!) : {}, ...(payload ? { payload } : {}) });
  const db = () => ctx.deps.db.kysely;

  const subject = (type: MnSubjectType, title: string) => mnTestSubject(ctx.deps, type, title);

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
      service_bundle: "/mn/fw",
      service_hall: "/mn/fw/halls",
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
        // A site-wide row (a 一件事): the department's clerk is told who keeps it.
        if (c.type === "service_bundle") expect(outsider.json().error.code).toBe("service_site_office_only");
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
        if (c.unsearched) expect(found.body).not.toContain(`/mn${c.page(id)}`);
        else expect(found.body).toContain(`/mn${c.page(id)}`);

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
});
