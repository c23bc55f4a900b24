import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";

describeEachDialect("publishing API and workflow", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "demo-office", "demo-inspector"])
      tok[u] = await tokenFor(ctx, u);
    await createUser(ctx.deps, systemActor("test"), {
      username: "jyj-reviewer",
      name: "教育局审查员",
      orgCode: "gyx-jyj",
      roles: ["reviewer", "signer"],
      password: "Jyj-Reviewer-2026",
    });
    await createUser(ctx.deps, systemActor("test"), {
      username: "jyj-clerk",
      name: "教育局信息员",
      orgCode: "gyx-jyj",
      roles: ["clerk"],
      password: "Jyj-Clerk-Pass-2026",
    });
    tok["jyj-reviewer"] = await tokenFor(ctx, "jyj-reviewer");
    tok["jyj-clerk"] = await tokenFor(ctx, "jyj-clerk");
  });
  afterAll(async () => app?.close());

  const post = (url: string, who: string, payload: unknown) =>
    app.inject({ method: "POST", url, headers: bearer(tok[who]!), payload: payload as object });
  const act = (id: string, who: string, action: string, extra: Record<string, unknown> = {}) =>
    post(`/api/v1/items/${id}/actions`, who, { action, ...extra });
  const create = async (who: string, body: Record<string, unknown>) => {
    const res = await post("/api/v1/items", who, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string; [k: string]: unknown };
  };

  let policy: { id: string };
  let interp: { id: string };

  describe("a policy and its interpretation move together", () => {
    it("drafts a policy, normalising its document number", async () => {
      policy = await create("demo-clerk", {
        title: "固阳县人民政府办公室关于印发2020年政务公开工作要点的通知",
        body: "各镇人民政府，县直各部门：\n现将《2020年政务公开工作要点》印发给你们，请认真贯彻落实。",
        kind: "normative",
        doc_number: "固政办发[2020]第012号",
        formed_on: "2020-05-06",
      });
      expect(policy).toMatchObject({
        status: "draft",
        doc_number: "固政办发〔2020〕12号",
        url: null,
        index_number: null,
      });
      expect((await app.inject(`/api/v1/items/${policy.id}`)).statusCode).toBe(404);
    });

    it("refuses to submit a policy without an interpretation, with a clear message", async () => {
      const res = await act(policy.id, "demo-clerk", "submit");
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("interpretation_required");
      expect(res.json().error.message).toContain("解读");
      const item = await app.inject({
        url: `/api/v1/items/${policy.id}`,
        headers: bearer(tok["demo-clerk"]!),
      });
      expect(item.json().status).toBe("draft");
    });

    it("refuses an interpretation from another organisation (谁起草谁解读) and fields a kind does not use", async () => {
      const other = await post("/api/v1/items", "jyj-clerk", {
        title: "解读",
        body: "内容",
        kind: "interpretation",
        interprets: policy.id,
      });
      expect(other.statusCode).toBe(400);
      expect(other.json().error.details.map((d: { code: string }) => d.code)).toContain(
        "interpreter_org_mismatch",
      );
      const bad = await post("/api/v1/items", "demo-clerk", {
        title: "通知",
        body: "内容",
        kind: "notice",
        interprets: policy.id,
        interpreter: "某人",
        doc_number: "乱写",
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["field_not_used", "field_not_used", "invalid_doc_number"]);
    });

    it("drafts the interpretation with its interpreter; it cannot go alone", async () => {
      interp = await create("demo-clerk", {
        title: "《固阳县2020年政务公开工作要点》解读",
        body: "一、出台背景\n二、主要内容",
        kind: "interpretation",
        interprets: policy.id,
        interpreter: "县政府办公室主任 王某",
        form: "text",
      });
      expect(interp).toMatchObject({
        status: "draft",
        interprets: policy.id,
        interpreter: "县政府办公室主任 王某",
        form: "text",
      });
      const alone = await act(interp.id, "demo-clerk", "submit");
      expect(alone.statusCode).toBe(409);
      expect(alone.json().error.code).toBe("moves_with_policy");
    });

    it("refuses wrong roles, wrong organisations and wrong states with stable codes", async () => {
      const clerkApproves = await act(policy.id, "demo-clerk", "approve");
      expect([clerkApproves.statusCode, clerkApproves.json().error.code]).toEqual([403, "role_not_allowed"]);
      const signEarly = await act(policy.id, "demo-signer", "sign");
      expect([signEarly.statusCode, signEarly.json().error.code]).toEqual([409, "invalid_transition"]);
      const otherOrg = await act(policy.id, "jyj-clerk", "submit");
      // Another department's draft is not visible to it: answered as if it did not exist.
      expect([otherOrg.statusCode, otherOrg.json().error.code]).toEqual([404, "item_not_found"]);
      const unknown = await act(policy.id, "demo-clerk", "explode");
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, "validation_failed"]);
    });

    it("submits, reviews, signs and publishes both together", async () => {
      expect((await act(policy.id, "demo-clerk", "submit")).json().status).toBe("submitted");
      const otherReviewer = await act(policy.id, "jyj-reviewer", "approve");
      expect([otherReviewer.statusCode, otherReviewer.json().error.code]).toEqual([404, "item_not_found"]);
      expect((await act(policy.id, "demo-reviewer", "approve")).json().status).toBe("reviewed");
      expect((await act(policy.id, "demo-signer", "sign")).json().status).toBe("signed");
      // A 规范性文件 is released only with its legality review in the ledger (src/domains/normative).
      const noReview = await act(policy.id, "demo-signer", "publish");
      expect([noReview.statusCode, noReview.json().error.code]).toEqual([409, "legality_review_missing"]);
      const review = await app.inject({
        method: "PUT",
        url: `/api/v1/normative/${policy.id}/review`,
        headers: bearer(tok["demo-clerk"]!),
        payload: { review_body: "固阳县司法局", reviewed_on: "2020-05-01", review_opinion: "同意。" },
      });
      expect(review.statusCode, review.body).toBe(200);
      const auditBefore = await countRows(ctx, "audit_log");
      const published = (await act(policy.id, "demo-signer", "publish")).json();
      expect(published.status).toBe("published");
      expect(published.index_number).toMatch(/^[0-9A-Z]{18}\/\d{4}-\d{5}$/);
      expect(published.url).toBe(`/gk/items/${policy.id}`);
      expect(published.interpretations).toEqual([interp.id]);
      // Formed in May 2020, published years later: flagged under Art. 26.
      expect(published.timeliness).toBe("late");
      const i = (await app.inject(`/api/v1/items/${interp.id}`)).json();
      expect(i).toMatchObject({ status: "published", interprets: policy.id });
      expect(i.index_number).not.toBe(published.index_number);
      expect(await countRows(ctx, "audit_log")).toBe(auditBefore + 2);
    });

    it("shows both on the portal, linked, with the metadata table", async () => {
      const page = await app.inject(`/gk/items/${policy.id}`);
      expect(page.statusCode).toBe(200);
      for (const s of [
        "索引号",
        "主题分类",
        "发布机构",
        "成文日期",
        "发布日期",
        "文号",
        "有效性",
        "固政办发〔2020〕12号",
        "2020-05-06",
        "相关解读",
        `/gk/items/${interp.id}`,
        "发布时间",
      ]) {
        expect(page.body).toContain(s);
      }
      const ip = await app.inject(`/gk/items/${interp.id}`);
      expect(ip.body).toContain("解读的政策文件");
      expect(ip.body).toContain(`/gk/items/${policy.id}`);
      expect(ip.body).toContain("县政府办公室主任 王某");
      expect((await app.inject(`/gk/items/${policy.id}/print`)).body).toContain("固政办发〔2020〕12号");
      const mn = await app.inject(`/mn/gk/items/${policy.id}`);
      expect(mn.body).toContain('lang="mn-Mong"');
      expect(mn.body).toContain('lang="zh-CN"');
      const list = await app.inject("/gk/list?kind=normative");
      expect(list.body).toContain("2020年政务公开工作要点");
    });
  });

  describe("rejection, withdrawal, revision and validity", () => {
    it("rejects back to draft only with a reason", async () => {
      const n = await create("demo-clerk", {
        title: "关于开展政务公开日活动的通知",
        body: "定于5月15日开展活动。",
        kind: "notice",
      });
      await act(n.id, "demo-clerk", "submit");
      const noReason = await act(n.id, "demo-reviewer", "reject");
      expect([noReason.statusCode, noReason.json().error.details[0].code]).toEqual([400, "note_required"]);
      const back = (await act(n.id, "demo-reviewer", "reject", { note: "日期有误" })).json();
      expect(back).toMatchObject({ status: "draft", last_note: "日期有误" });
      const edited = await app.inject({
        method: "PATCH",
        url: `/api/v1/items/${n.id}`,
        headers: bearer(tok["demo-clerk"]!),
        payload: { body: "定于5月16日开展活动。" },
      });
      expect(edited.statusCode).toBe(200);
      const history = (
        await app.inject({ url: `/api/v1/items/${n.id}/history`, headers: bearer(tok["demo-clerk"]!) })
      ).json();
      expect(history.events.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "reject"]);
    });

    it("revises a published document as a new version that replaces it on publication", async () => {
      const v1 = await create("demo-clerk", {
        title: "固阳县政务服务事项清单",
        body: "第一项\n第二项",
        kind: "other",
      });
      for (const [who, a] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const)
        await act(v1.id, who, a);
      const v2 = (await act(v1.id, "demo-clerk", "revise")).json();
      expect(v2).toMatchObject({ status: "draft", version: 2, supersedes: v1.id, lineage_id: v1.id });
      expect((await act(v1.id, "demo-clerk", "revise")).json().error.code).toBe("revision_in_progress");
      await app.inject({
        method: "PATCH",
        url: `/api/v1/items/${v2.id}`,
        headers: bearer(tok["demo-clerk"]!),
        payload: { body: "第一项\n第二项（已调整）\n第三项" },
      });
      for (const [who, a] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const) {
        expect((await act(v2.id, who, a)).statusCode).toBe(200);
      }
      expect((await app.inject(`/api/v1/items/${v1.id}`)).json().status).toBe("superseded");
      const old = await app.inject(`/gk/items/${v1.id}`);
      expect(old.body).toContain("本信息已被新版本替换");
      expect(old.body).toContain(`/gk/items/${v2.id}`);
      const history = (
        await app.inject({ url: `/api/v1/items/${v2.id}/history`, headers: bearer(tok["demo-office"]!) })
      ).json();
      expect(history.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual(
        [
          [1, "superseded"],
          [2, "published"],
        ],
      );
    });

    it("withdraws with a public reason, and records validity with a link onward", async () => {
      const a = await create("demo-clerk", { title: "旧办法", body: "内容", kind: "other" });
      const b = await create("demo-clerk", { title: "新办法", body: "内容", kind: "other" });
      for (const id of [a.id, b.id])
        for (const [who, x] of [
          ["demo-clerk", "submit"],
          ["demo-reviewer", "approve"],
          ["demo-signer", "sign"],
          ["demo-signer", "publish"],
        ] as const)
          await act(id, who, x);
      const v = await app.inject({
        method: "PUT",
        url: `/api/v1/items/${a.id}/validity`,
        headers: bearer(tok["demo-signer"]!),
        payload: { validity: "revised", on: "2026-11-01", replaced_by: b.id },
      });
      expect(v.statusCode).toBe(200);
      const page = await app.inject(`/gk/items/${a.id}`);
      expect(page.body).toContain("本文件已于 2026-11-01 修订");
      expect(page.body).toContain(`/gk/items/${b.id}`);
      const noReason = await act(b.id, "demo-signer", "withdraw");
      expect(noReason.statusCode).toBe(400);
      expect(
        (await act(b.id, "demo-signer", "withdraw", { note: "内容有误，修改后重新发布" })).json().status,
      ).toBe("withdrawn");
      const wp = await app.inject(`/gk/items/${b.id}`);
      expect(wp.body).toContain("撤回原因：内容有误，修改后重新发布");
    });
  });

  it("keeps index numbers unique when 50 items are published concurrently", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const it = await create("demo-clerk", { title: `并发发布测试 ${i}`, body: "内容", kind: "news" });
      for (const [who, a] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
      ] as const)
        await act(it.id, who, a);
      ids.push(it.id);
    }
    const results = await Promise.all(ids.map((id) => act(id, "demo-signer", "publish")));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const numbers = results.map((r) => r.json().index_number as string);
    expect(new Set(numbers).size).toBe(50);
    const serials = numbers.map((n) => Number(n.slice(-5))).sort((x, y) => x - y);
    expect(serials[49]! - serials[0]!).toBe(49);
  });
});
