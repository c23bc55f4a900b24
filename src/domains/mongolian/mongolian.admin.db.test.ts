import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

const TITLE = "ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ";
const BODY = "<p>ᠡᠨᠡ ᠪᠣᠯ ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠡᠬᠢ ᠪᠢᠴᠢᠭ᠃</p>";

// The 蒙古文版本 page of the back office: a clerk writes and submits with forms, a reviewer finds it in the
// queue and approves it; refusals come back on the page with every problem.
describeEachDialect("Mongolian versions in the back office", (ctx) => {
  let app: AppInstance;
  let itemId = "";
  const s: Record<string, Session> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(await tokenFor(ctx, "demo-clerk")),
      payload: { title: "关于蒙古文版本后台页面的通知", body: "正文。", kind: "notice" },
    });
    itemId = res.json().id;
    for (const u of ["demo-clerk", "demo-reviewer"]) {
      s[u] = new Session(app);
      expect((await s[u].login(u, DEMO_PASSWORD)).statusCode).toBe(303);
    }
  }, 120_000);
  afterAll(async () => app?.close());

  const url = () => `/admin/items/${itemId}/mn`;

  it("the item page links to it, and a clerk drafts and submits through forms", async () => {
    expect((await s["demo-clerk"]!.get(`/admin/items/${itemId}`)).body).toContain(`href="${url()}"`);
    const page = await s["demo-clerk"]!.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("尚无已审核的蒙古文版本");
    expect(page.body).toMatch(
      /<textarea[^>]*name="body"[^>]*lang="mn-Mong"|<textarea[^>]*lang="mn-Mong"[^>]*name="body"/,
    );
    const csrf = await s["demo-clerk"]!.csrfFrom(url());
    const bad = await s["demo-clerk"]!.post(url(), { _csrf: csrf, title: "中文", body: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("error-summary");
    expect(bad.body).toContain("蒙古文标题须用传统蒙古文");
    expect(bad.body).toContain("请填写蒙古文正文。");
    const saved = await s["demo-clerk"]!.post(url(), { _csrf: csrf, title: TITLE, body: BODY, summary: "" });
    expect(saved.statusCode).toBe(303);
    const draft = await s["demo-clerk"]!.get(url());
    expect(draft.body).toContain("正在办理：第 1 稿（草稿）");
    expect(draft.body).toContain(">提交审核</button>");
    expect(draft.body).not.toContain(">审核通过</button>");
    const sub = await s["demo-clerk"]!.post(`${url()}/actions`, { _csrf: csrf, action: "submit" });
    expect(sub.statusCode).toBe(303);
  });

  it("a reviewer finds it in the queue and approves it; the clerk cannot", async () => {
    const queue = await s["demo-reviewer"]!.get("/admin/mn?queue=review");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(TITLE);
    expect(queue.body).toContain(`href="${url()}"`);
    expect((await s["demo-clerk"]!.get(url())).body).not.toContain(">审核通过</button>");
    const page = await s["demo-reviewer"]!.get(url());
    expect(page.body).toContain(">审核通过</button>");
    expect(page.body).toContain(">退回修改</button>");
    const csrf = await s["demo-reviewer"]!.csrfFrom(url());
    const noReason = await s["demo-reviewer"]!.post(`${url()}/actions`, {
      _csrf: csrf,
      action: "reject",
      note: "",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("退回时请写明原因。");
    const ok = await s["demo-reviewer"]!.post(`${url()}/actions`, { _csrf: csrf, action: "approve" });
    expect(ok.statusCode).toBe(303);
    const after = await s["demo-reviewer"]!.get(url());
    expect(after.body).toContain("审核通过。");
    expect(after.body).toContain(TITLE);
  });

  it("a catalogue column's Mongolian name is drafted by its form and reviewed from the same queue", async () => {
    const db = ctx.deps.db.kysely;
    const clerk = await db
      .selectFrom("users")
      .select("org_id")
      .where("username", "=", "demo-clerk")
      .executeTakeFirstOrThrow();
    const node = await db
      .selectFrom("catalog_nodes")
      .select(["id", "name"])
      .where("org_id", "=", clerk.org_id)
      .where("archived", "=", 0)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const nodeUrl = `/admin/catalog/nodes/${node.id}/mn`;
    const name = "ᠵᠠᠰᠠᠭ ᠤᠨ ᠭᠠᠵᠠᠷ ᠤᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠲᠠ";
    // The column's page links to it; its form asks for the name alone.
    expect((await s["demo-clerk"]!.get(`/admin/catalog/nodes/${node.id}`)).body).toContain(
      `href="${nodeUrl}"`,
    );
    const page = await s["demo-clerk"]!.get(nodeUrl);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain("蒙古文名称");
    expect(page.body).not.toContain('name="body"');
    expect(page.body).toContain(`返回目录栏目：${node.name}`);
    const csrf = await s["demo-clerk"]!.csrfFrom(nodeUrl);
    expect((await s["demo-clerk"]!.post(nodeUrl, { _csrf: csrf, title: name })).statusCode).toBe(303);
    expect(
      (await s["demo-clerk"]!.post(`${nodeUrl}/actions`, { _csrf: csrf, action: "submit" })).statusCode,
    ).toBe(303);
    // The reviewer's queue lists it as a catalogue column, linked to its editor; approving it from there.
    const queue = await s["demo-reviewer"]!.get("/admin/mn?queue=review");
    expect(queue.body).toContain(`href="${nodeUrl}"`);
    expect(queue.body).toContain("<td>目录栏目</td>");
    expect(queue.body).toContain(name);
    const rcsrf = await s["demo-reviewer"]!.csrfFrom(nodeUrl);
    const ok = await s["demo-reviewer"]!.post(`${nodeUrl}/actions`, { _csrf: rcsrf, action: "approve" });
    expect(ok.statusCode).toBe(303);
    expect((await s["demo-reviewer"]!.get("/admin/mn?queue=approved")).body).toContain(`href="${nodeUrl}"`);
    const row = await db
      .selectFrom("mn_versions")
      .select(["status", "body_html"])
      .where("subject_type", "=", "catalog_node")
      .where("subject_id", "=", node.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "approved", body_html: null });
  });
});
