import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";

// Issue 10, defects 3 (four eyes) and 8 (impossible dates on items).
describeEachDialect("publishing workflow rules: four eyes and real dates", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    // One person holding every role of the government office: the case the four-eyes rule is for.
    await createUser(ctx.deps, systemActor("test"), {
      username: "zfb-all",
      name: "身兼数职",
      orgCode: "gyx-zfb",
      roles: ["clerk", "reviewer", "signer"],
      password: "Zfb-All-Roles-2026",
    });
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "demo-office", "demo-admin", "zfb-all"])
      tok[u] = await tokenFor(ctx, u);
  });
  afterAll(async () => app?.close());

  const call = (method: "POST" | "PATCH" | "PUT" | "GET", url: string, who: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(tok[who]!), ...(payload ? { payload } : {}) });
  const act = (id: string, who: string, action: string, extra: Record<string, unknown> = {}) =>
    call("POST", `/api/v1/items/${id}/actions`, who, { action, ...extra });
  const create = async (who: string, body: Record<string, unknown> = {}) => {
    const res = await call("POST", "/api/v1/items", who, {
      title: "关于调整城区公交线路的通告",
      body: "自下月起调整3路公交线路。",
      kind: "notice",
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const refusal = (res: {
    statusCode: number;
    json(): { error: { code: string; details: { code: string }[] } };
  }) => [res.statusCode, res.json().error.code, res.json().error.details[0]?.code];
  const auditOf = async (entityId: string) =>
    ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute();

  describe("four eyes", () => {
    it("refuses approval and signature by the drafter, whatever roles they hold", async () => {
      const item = await create("zfb-all");
      expect((await act(item.id, "zfb-all", "submit")).statusCode).toBe(200);
      const selfApprove = await act(item.id, "zfb-all", "approve");
      expect(refusal(selfApprove)).toEqual([403, "four_eyes_required", "drafter_cannot_check"]);
      expect(selfApprove.json().error.message).toContain("四眼原则");
      expect((await act(item.id, "demo-reviewer", "approve")).statusCode).toBe(200);
      expect(refusal(await act(item.id, "zfb-all", "sign"))).toEqual([
        403,
        "four_eyes_required",
        "drafter_cannot_check",
      ]);
      expect((await act(item.id, "demo-signer", "sign")).statusCode).toBe(200);
      const published = await act(item.id, "demo-signer", "publish");
      expect(published.json().status).toBe("published");
      const row = await ctx.deps.db.kysely
        .selectFrom("items")
        .select(["created_by", "submitted_by", "reviewed_by", "signed_by", "published_by"])
        .where("id", "=", item.id)
        .executeTakeFirstOrThrow();
      const ids = await ctx.deps.db.kysely.selectFrom("users").select(["id", "username"]).execute();
      const name = (id: string | null) => ids.find((u) => u.id === id)?.username;
      expect(Object.values(row).map(name)).toEqual([
        "zfb-all",
        "zfb-all",
        "demo-reviewer",
        "demo-signer",
        "demo-signer",
      ]);
    });

    it("refuses approval by the submitter of someone else's draft", async () => {
      const item = await create("demo-clerk");
      expect((await act(item.id, "zfb-all", "submit")).statusCode).toBe(200);
      expect(refusal(await act(item.id, "zfb-all", "approve"))).toEqual([
        403,
        "four_eyes_required",
        "submitter_cannot_check",
      ]);
      // The county office holds every publishing role below it, and is not the submitter.
      expect((await act(item.id, "demo-office", "approve")).json().status).toBe("reviewed");
    });

    it("refuses a signature by the reviewer; a rejection clears who reviewed", async () => {
      const item = await create("demo-clerk");
      await act(item.id, "demo-clerk", "submit");
      expect((await act(item.id, "zfb-all", "approve")).statusCode).toBe(200);
      const sign = await act(item.id, "zfb-all", "sign");
      expect(refusal(sign)).toEqual([403, "four_eyes_required", "reviewer_cannot_sign"]);
      expect(sign.json().error.message).toContain("审查和审签须由不同人员");
      expect((await act(item.id, "demo-signer", "reject", { note: "请补充线路图" })).json().status).toBe(
        "draft",
      );
      await act(item.id, "demo-clerk", "submit");
      await act(item.id, "demo-reviewer", "approve");
      // zfb-all reviewed the earlier round only: now it may sign.
      expect((await act(item.id, "zfb-all", "sign")).json().status).toBe("signed");
    });

    it("checks the interpretations that move with a policy too", async () => {
      const policy = await create("demo-clerk", {
        kind: "policy",
        title: "固阳县城区停车管理办法",
        body: "第一条 为规范停车秩序，制定本办法。",
      });
      await create("zfb-all", {
        kind: "interpretation",
        interprets: policy.id,
        title: "《固阳县城区停车管理办法》解读",
        body: "一、出台背景",
      });
      await act(policy.id, "demo-clerk", "submit");
      expect(refusal(await act(policy.id, "zfb-all", "approve"))).toEqual([
        403,
        "four_eyes_required",
        "drafter_cannot_check",
      ]);
    });

    it("may be relaxed for a site only by its admin, with a reason, audited, and every relaxed step says so", async () => {
      const url = "/api/v1/sites/current/four-eyes";
      expect((await call("GET", url, "demo-clerk")).json()).toEqual({ relaxed: false });
      expect(refusal(await call("PUT", url, "demo-office", { relaxed: true, reason: "人手不足" }))).toEqual([
        403,
        "role_not_allowed",
        undefined,
      ]);
      const noReason = await call("PUT", url, "demo-admin", { relaxed: true, reason: " " });
      expect(refusal(noReason)).toEqual([400, "validation_failed", "required"]);
      expect((await call("GET", url, "demo-clerk")).json()).toEqual({ relaxed: false });

      const on = await call("PUT", url, "demo-admin", {
        relaxed: true,
        reason: "本站点仅一名工作人员，经县政府办批准",
      });
      expect(on.json()).toEqual({ relaxed: true });
      const site = (await call("GET", "/api/v1/me", "demo-admin")).json();
      const settingAudit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary", "actor_label"])
        .where("action", "=", "site.four_eyes")
        .execute();
      expect(settingAudit).toHaveLength(1);
      expect(JSON.parse(settingAudit[0]!.summary)).toMatchObject({
        before: { relaxed: false },
        after: { relaxed: true },
        reason: "本站点仅一名工作人员，经县政府办批准",
      });
      expect(site).toBeTruthy();

      const item = await create("zfb-all");
      for (const a of ["submit", "approve", "sign", "publish"])
        expect((await act(item.id, "zfb-all", a)).statusCode, a).toBe(200);
      const entries = await auditOf(item.id);
      const approve = entries.find((e) => e.action === "item.approve")!;
      expect(JSON.parse(approve.summary).after.four_eyes).toBe("relaxed");
      // A step the rule allows anyway is not marked.
      expect(
        JSON.parse(entries.find((e) => e.action === "item.submit")!.summary).after.four_eyes,
      ).toBeUndefined();

      expect(
        (await call("PUT", url, "demo-admin", { relaxed: false, reason: "已增配审签人员" })).json(),
      ).toEqual({
        relaxed: false,
      });
      const again = await create("zfb-all");
      await act(again.id, "zfb-all", "submit");
      expect((await act(again.id, "zfb-all", "approve")).statusCode).toBe(403);
    });
  });

  describe("impossible dates on items", () => {
    it("refuses 2026-02-30 on create and edit, through the API", async () => {
      const bad = await call("POST", "/api/v1/items", "demo-clerk", {
        title: "通知",
        body: "内容",
        kind: "notice",
        formed_on: "2026-02-30",
      });
      expect(refusal(bad)).toEqual([400, "validation_failed", "invalid_date"]);
      expect(bad.json().error.details[0]).toMatchObject({ field: "formed_on" });
      expect(bad.json().error.details[0].message).toContain("2026-02-30 不存在");
      const item = await create("demo-clerk");
      const edit = await call("PATCH", `/api/v1/items/${item.id}`, "demo-clerk", { formed_on: "2025-13-01" });
      expect(refusal(edit)).toEqual([400, "validation_failed", "invalid_date"]);
      const ok = await call("PATCH", `/api/v1/items/${item.id}`, "demo-clerk", { formed_on: "2024-02-29" });
      expect(ok.json().formed_on).toBe("2024-02-29");
    });

    it("refuses it on the back-office form, re-showing the form with the message", async () => {
      const s = new Session(app);
      await s.login("demo-clerk", DEMO_PASSWORD);
      const csrf = await s.csrfFrom("/admin/items/new");
      const res = await s.post("/admin/items/new", {
        _csrf: csrf,
        kind: "notice",
        title: "表单日期测试",
        body: "内容",
        formed_on: "2026-02-30",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("2026-02-30 不存在");
      const n = await ctx.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("title", "=", "表单日期测试")
        .execute();
      expect(n).toHaveLength(0);
    });

    it("never leaves an item saved with one before the check stuck: publication names the field, rejection and editing still work", async () => {
      const item = await create("demo-clerk", { title: "旧数据日期" });
      await act(item.id, "demo-clerk", "submit");
      await act(item.id, "demo-reviewer", "approve");
      await act(item.id, "demo-signer", "sign");
      // As saved by the old code, which let 2026-02-30 through.
      await ctx.deps.db.kysely
        .updateTable("items")
        .set({ formed_on: "2026-02-30" })
        .where("id", "=", item.id)
        .execute();
      const publish = await act(item.id, "demo-signer", "publish");
      expect(refusal(publish)).toEqual([422, "invalid_date", "invalid_date"]);
      expect(publish.json().error.details[0].field).toBe("formed_on");
      expect(publish.json().error.message).toContain("退回");
      const later = await act(item.id, "demo-signer", "publish", { at: "2099-01-01T00:00:00Z" });
      expect(refusal(later)).toEqual([422, "invalid_date", "invalid_date"]);
      expect((await act(item.id, "demo-signer", "reject", { note: "成文日期有误" })).json().status).toBe(
        "draft",
      );
      const resubmit = await act(item.id, "demo-clerk", "submit");
      expect(refusal(resubmit)).toEqual([422, "invalid_date", "invalid_date"]);
      expect(
        (await call("PATCH", `/api/v1/items/${item.id}`, "demo-clerk", { formed_on: "2024-02-28" }))
          .statusCode,
      ).toBe(200);
      await act(item.id, "demo-clerk", "submit");
      await act(item.id, "demo-reviewer", "approve");
      await act(item.id, "demo-signer", "sign");
      const done = (await act(item.id, "demo-signer", "publish")).json();
      expect(done).toMatchObject({ status: "published", formed_on: "2024-02-28" });
      expect(done.index_number).toBeTruthy();
    });
  });
});
