import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { findOrgByCodeAnySite } from "../orgs";
import { PER_PAGE } from "./audit.page";
import { recordAudit } from "./index";

// The back office's audit log: Chinese names and 字段：值 details, 50 to a page with page numbers, filters
// by area, action, person, organisation, dates and object, all as plain links and a GET form.
describeEachDialect("audit log page", (ctx) => {
  let app: AppInstance;
  let office: Session;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const jyj = await findOrgByCodeAnySite(ctx.deps, "gyx-jyj");
    const actor = systemActor("测试");
    await ctx.deps.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < PER_PAGE + 10; i++) {
        await recordAudit(trx, ctx.deps.clock, actor, {
          action: "item.reject",
          entityType: "item",
          entityId: `page-test-${i}`,
          orgId: jyj!.id,
          summary: { before: { status: "submitted" }, after: { status: "draft" }, note: `退回第${i}号` },
        });
      }
    });
    office = new Session(app);
    await office.login("demo-office", DEMO_PASSWORD);
  });
  afterAll(async () => app?.close());

  it("names actions and objects in Chinese and shows details as lines, never codes or JSON", async () => {
    const res = await office.get("/admin/audit?action=item.reject");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<td>退回修改</td>");
    expect(res.body).toContain("<li>状态：待审查 → 草稿</li>");
    expect(res.body).toContain("<li>备注：退回第59号</li>");
    expect(res.body).not.toContain("item.reject<");
    expect(res.body).not.toContain("&quot;status&quot;");
    expect(res.body).not.toMatch(/\{"before"/);
  });

  it("pages 50 entries at a time with 上一页/下一页 and page numbers", async () => {
    const first = await office.get("/admin/audit?action=item.reject");
    expect(first.body.match(/退回第\d+号/g)).toHaveLength(PER_PAGE);
    expect(first.body).toContain(`共 ${PER_PAGE + 10} 条记录，第 1 / 2 页`);
    expect(first.body).toContain('href="/admin/audit?action=item.reject&page=2" rel="next"');
    expect(first.body).not.toContain("上一页");
    const second = await office.get("/admin/audit?action=item.reject&page=2");
    expect(second.body.match(/退回第\d+号/g)).toHaveLength(10);
    expect(second.body).toContain("<li>备注：退回第0号</li>");
    expect(second.body).toContain('rel="prev"');
    expect(second.body).not.toContain("下一页");
    // Past the end: the last page, not an empty one.
    const beyond = await office.get("/admin/audit?action=item.reject&page=9");
    expect(beyond.body).toContain("第 2 / 2 页");
  });

  it("filters by area, person, organisation, object and dates", async () => {
    const area = await office.get("/admin/audit?action=group:item");
    expect(area.body).toContain("<td>退回修改</td>");
    expect(area.body).toContain('<option value="group:item" selected');
    const auth = await office.get("/admin/audit?action=group:auth");
    expect(auth.body).not.toContain("<td>退回修改</td>");
    const one = await office.get("/admin/audit?entity_id=page-test-7");
    expect(one.body).toContain("共 1 条记录");
    const czj = await findOrgByCodeAnySite(ctx.deps, "gyx-czj");
    const other = await office.get(`/admin/audit?action=item.reject&org=${czj!.id}`);
    expect(other.body).toContain("没有符合条件的记录。");
    const jyj = await findOrgByCodeAnySite(ctx.deps, "gyx-jyj");
    const mine = await office.get(`/admin/audit?action=item.reject&org=${jyj!.id}`);
    expect(mine.body).toContain(`共 ${PER_PAGE + 10} 条记录`);
    const past = await office.get("/admin/audit?action=item.reject&to=2000-01-01");
    expect(past.body).toContain("没有符合条件的记录。");
    const users = await ctx.deps.db.kysely.selectFrom("users").select(["id", "username"]).execute();
    const admin = users.find((u) => u.username === "demo-admin")!;
    const byAdmin = await office.get(`/admin/audit?action=item.reject&actor=${admin.id}`);
    expect(byAdmin.body).toContain("没有符合条件的记录。");
    expect(byAdmin.body).toContain(`<option value="${admin.id}" selected`);
  });

  it("refuses a malformed filter with a 400, not a 5xx", async () => {
    const res = await office.get("/admin/audit?page=0");
    expect(res.statusCode).toBe(400);
    expect((await office.get("/admin/audit?from=yesterday")).statusCode).toBe(400);
  });
});
