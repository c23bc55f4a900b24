import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { seedDemoMongolian } from "../../demo/mongolian";
import type { AppInstance } from "../../web/types";

const NNBSP = "\u202F";
const FVS1 = "\u180B";
const MVS = "\u180E";
const TITLE = `ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ`;
const BODY = `<p>ᠵᠠᠰᠠᠭ${NNBSP}ᠤᠨ ᠮᠡᠳᠡᠭᠡ${NNBSP}ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠬᠦᠷᠢᠶᠡᠯᠡᠩ ᠰᠢᠯᠭᠠᠯᠲᠠ</p><script>alert(1)</script>`;

// Issue 18 part 1: Mongolian versions with their own review, shown at /mn, linked to the Chinese, searchable.
describeEachDialect("Mongolian versions of items", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  let seeded = 0;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    seeded = await seedDemoMongolian(ctx.deps);
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "demo-jyj-clerk", "demo-county-reviewer"])
      tok[u] = await tokenFor(ctx, u);
  }, 120_000);
  afterAll(async () => app?.close());

  const api = (who: string | null, method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    app.inject({ method, url, headers: who ? bearer(tok[who]!) : {}, ...(payload ? { payload } : {}) });
  const publishedId = async (title: string) =>
    (
      await ctx.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("title", "=", title)
        .where("status", "=", "published")
        .executeTakeFirstOrThrow()
    ).id;
  const newNotice = async (title: string) => {
    const res = await api("demo-clerk", "POST", "/api/v1/items", {
      title,
      body: "测试正文。",
      kind: "notice",
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  describe("the demo", () => {
    it("has six approved translations, one outdated by a revision of the Chinese", async () => {
      expect(seeded).toBe(6);
      const rows = await ctx.deps.db.kysely
        .selectFrom("mn_versions")
        .select(["status", "subject_type"])
        .where("status", "=", "approved")
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(6);
      const meeting = await publishedId("县政府召开第十五次常务会议");
      const json = (await api(null, "GET", `/api/v1/items/${meeting}`)).json();
      expect(json.version).toBe(2);
      expect(json.mn.outdated).toBe(true);
      expect(json.mn.translates_version).toBe(1);
      const open = (await api(null, "GET", `/api/v1/public/items/${meeting}`)).json();
      expect(open.mn).toMatchObject({
        outdated: true,
        translates_version: 1,
        url: `/mn/gk/items/${meeting}`,
      });
      expect(open.title_mn).toBe(json.mn.title);
      const page = await app.inject(`/mn/gk/items/${meeting}`);
      expect(page.body).toContain('class="notice warn mn-outdated"');
    });
  });

  describe("public pages", () => {
    it("show the approved Mongolian vertically at /mn, linked both ways", async () => {
      const id = await publishedId("固阳县举办“政府开放日”活动");
      const mn = await app.inject(`/mn/gk/items/${id}`);
      expect(mn.statusCode).toBe(200);
      expect(mn.body).toContain('class="item mn-item" lang="mn-Mong"');
      expect(mn.body).toContain('class="mn-text"');
      expect(mn.body).toContain("ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ");
      expect(mn.body).toContain(`href="/gk/items/${id}" lang="zh-CN" hreflang="zh-CN"`);
      expect(mn.body).not.toContain("mn-outdated");
      const zh = await app.inject(`/gk/items/${id}`);
      expect(zh.body).toContain('class="mn-version-link"><a href="/mn/gk/items/');
    });

    it("say so in Mongolian where there is no approved version, and mark the Chinese", async () => {
      const id = await publishedId("固阳县突发事件总体应急预案");
      const mn = await app.inject(`/mn/gk/items/${id}`);
      expect(mn.body).toContain('<article class="item" lang="zh-CN">');
      expect(mn.body).toContain('class="notice mn-missing" role="note" lang="mn-Mong"');
      expect(mn.body).toContain("ᠮᠣᠩᠭᠣᠯ ᠣᠷᠴᠢᠭᠤᠯᠭ᠎ᠠ ᠦᠭᠡᠢ");
      expect((await app.inject(`/gk/items/${id}`)).body).not.toContain("mn-version-link");
    });

    it("list Mongolian titles at /mn and mark the items without one", async () => {
      const list = await app.inject("/mn/gk/list");
      expect(list.statusCode).toBe(200);
      expect(list.body).toMatch(/<a href="\/mn\/gk\/items\/[^"]+" lang="mn-Mong">ᠭᠦᠶᠠᠩ ᠰᠢᠶᠠᠨ/);
      expect(list.body).toMatch(
        /lang="zh-CN">固阳县突发事件总体应急预案<\/a> <span class="tag mn-missing-tag">/,
      );
      expect((await app.inject("/gk/list")).body).not.toContain("mn-missing-tag");
    });
  });

  describe("drafting and review", () => {
    it("a clerk drafts, a reviewer approves; the public API then carries it", async () => {
      const id = await newNotice("蒙古文审核流程测试");
      const put = await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().draft.status).toBe("draft");
      expect(put.json().draft.body).not.toContain("script");
      expect(put.json().draft.translates.version).toBe(1);
      for (const [who, action] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
      ] as const) {
        const res = await api(who, "POST", `/api/v1/items/${id}/mn/actions`, { action });
        expect(res.statusCode, res.body).toBe(200);
      }
      const state = (await api("demo-clerk", "GET", `/api/v1/items/${id}/mn`)).json();
      expect(state.approved.title).toBe(TITLE);
      expect(state.draft).toBeNull();
      expect(state.outdated).toBe(false);
      // Not public before the item is published.
      expect((await api(null, "GET", `/api/v1/items/${id}`)).statusCode).toBe(404);
      for (const [who, action] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
        ["demo-signer", "publish"],
      ] as const)
        expect((await api(who, "POST", `/api/v1/items/${id}/actions`, { action })).statusCode).toBe(200);
      const pub = (await api(null, "GET", `/api/v1/items/${id}`)).json();
      expect(pub.title_mn).toBe(TITLE);
      expect(pub.mn).toMatchObject({ title: TITLE, outdated: false, url: `/mn/gk/items/${id}` });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_type", "=", "mn_version")
        .where("action", "like", "mn.%")
        .execute();
      expect(new Set(audit.map((a) => a.action))).toEqual(new Set(["mn.save", "mn.submit", "mn.approve"]));
    });

    it("refuses bad input naming each problem, and nothing is saved", async () => {
      const id = await newNotice("蒙古文输入检查");
      const bad = await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: "中文标题", body: "" });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["mn_body_required", "mn_not_mongolian"]);
      const none = await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, {
        title: " ",
        body: "<p>中文</p>",
      });
      expect(
        none
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["mn_not_mongolian", "mn_title_required"]);
      expect((await api("demo-clerk", "GET", `/api/v1/items/${id}/mn`)).json().revisions).toEqual([]);
    });

    it("keeps the review's rules: roles, organisations, four eyes, a reason to send back, no edits under review", async () => {
      const id = await newNotice("蒙古文审核规则");
      expect(
        (await api(null, "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY })).statusCode,
      ).toBe(401);
      const other = await api("demo-jyj-clerk", "PUT", `/api/v1/items/${id}/mn`, {
        title: TITLE,
        body: BODY,
      });
      expect(other.statusCode).toBe(404);
      expect(
        (await api("demo-reviewer", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY })).json()
          .error.code,
      ).toBe("role_not_allowed");
      expect(
        (await api("demo-clerk", "POST", `/api/v1/items/${id}/mn/actions`, { action: "submit" })).json().error
          .code,
      ).toBe("mn_no_draft");
      await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY });
      const clerkApproves = await api("demo-clerk", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "approve",
      });
      expect(clerkApproves.json().error.code).toBe("role_not_allowed");
      await api("demo-clerk", "POST", `/api/v1/items/${id}/mn/actions`, { action: "submit" });
      const edit = await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY });
      expect([edit.statusCode, edit.json().error.code]).toEqual([409, "mn_submitted"]);
      const noReason = await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "reject",
      });
      expect(noReason.json().error.details[0].code).toBe("note_required");
      const back = await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "reject",
        note: "第二段译文漏译。",
      });
      expect(back.json().draft).toMatchObject({ status: "draft", note: "第二段译文漏译。" });
      const again = await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "approve",
      });
      expect([again.statusCode, again.json().error.code]).toEqual([409, "invalid_transition"]);
    });

    it("refuses to approve a translation of Chinese that has changed since, and marks an approved one outdated", async () => {
      const id = await newNotice("蒙古文与中文版本");
      await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY });
      await api("demo-clerk", "POST", `/api/v1/items/${id}/mn/actions`, { action: "submit" });
      await api("demo-clerk", "PATCH" as "PUT", `/api/v1/items/${id}`, { body: "修改后的中文正文。" });
      const refused = await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "approve",
      });
      expect([refused.statusCode, refused.json().error.code]).toEqual([409, "step_refused"]);
      expect(refused.json().error.details[0].code).toBe("mn_source_changed");
      await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, {
        action: "reject",
        note: "请按新中文修改。",
      });
      await api("demo-clerk", "PUT", `/api/v1/items/${id}/mn`, { title: TITLE, body: BODY });
      await api("demo-clerk", "POST", `/api/v1/items/${id}/mn/actions`, { action: "submit" });
      expect(
        (await api("demo-reviewer", "POST", `/api/v1/items/${id}/mn/actions`, { action: "approve" }))
          .statusCode,
      ).toBe(200);
      await api("demo-clerk", "PATCH" as "PUT", `/api/v1/items/${id}`, { title: "蒙古文与中文版本（修改）" });
      const state = (await api("demo-clerk", "GET", `/api/v1/items/${id}/mn`)).json();
      expect(state.outdated).toBe(true);
      expect(state.approved.source_changed).toBe(true);
    });
  });

  describe("search", () => {
    it("finds approved Mongolian versions whatever the variant spelling of the query", async () => {
      const id = await publishedId("固阳县举办“政府开放日”活动");
      for (const q of [
        "ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ",
        `ᠨ${FVS1}ᠡᠭᠡᠭᠡᠯᠲᠡᠢ`, // a variant selector typed
        "ᠨᠠᠭᠠᠭᠠᠯᠲᠠᠢ", // a for e
        `ᠠᠵᠢᠯᠯᠠᠭ${MVS}ᠠ ᠶᠢ`,
      ]) {
        const res = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
        expect(res.statusCode, q).toBe(200);
        const hits = res.json().items as Array<{ type: string; url: string }>;
        expect(
          hits.some((h) => h.type === "mn_item" && h.url === `/mn/gk/items/${id}`),
          q,
        ).toBe(true);
      }
      const page = await app.inject(`/mn/search?q=${encodeURIComponent("ᠨᠡᠭᠡᠭᠡᠯᠲᠡᠢ")}`);
      expect(page.body).toContain(`href="/mn/gk/items/${id}" lang="mn-Mong"`);
      // A Chinese query finds the Chinese item, not the Mongolian entry.
      const zh = (await app.inject({ url: `/api/v1/search?q=${encodeURIComponent("政府开放日")}` })).json();
      expect(zh.items.some((h: { type: string }) => h.type === "mn_item")).toBe(false);
    });

    it("a catalogue column's Mongolian name is reviewed and found", async () => {
      const node = await ctx.deps.db.kysely
        .selectFrom("catalog_nodes")
        .innerJoin("orgs", "orgs.id", "catalog_nodes.org_id")
        .select("catalog_nodes.id")
        .where("orgs.code", "=", "gyx-zfb")
        .where("catalog_nodes.kind", "=", "column")
        .executeTakeFirstOrThrow();
      const url = `/api/v1/catalog/nodes/${node.id}/mn`;
      const put = await api("demo-clerk", "PUT", url, { title: "ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠠᠶᠢᠯᠪᠤᠷᠢ" });
      expect(put.statusCode, put.body).toBe(200);
      expect(
        (await api("demo-clerk", "PUT", url, { title: TITLE, body: BODY })).json().error.details[0].code,
      ).toBe("field_not_used");
      await api("demo-clerk", "POST", `${url}/actions`, { action: "submit" });
      expect((await api("demo-reviewer", "POST", `${url}/actions`, { action: "approve" })).statusCode).toBe(
        200,
      );
      const catalogue = await app.inject("/mn/gk/catalog/gyx-zfb");
      expect(catalogue.body).toContain('<span lang="mn-Mong">ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠲᠠᠶᠢᠯᠪᠤᠷᠢ</span>');
      expect(catalogue.body).toContain('class="tag mn-missing-tag"');
      expect((await app.inject("/gk/catalog/gyx-zfb")).body).not.toContain("mn-missing-tag");
      const hits = (await app.inject({ url: `/api/v1/search?q=${encodeURIComponent("ᠲᠠᠶᠢᠯᠪᠤᠷᠢ")}` })).json()
        .items;
      expect(
        hits.some((h: { type: string; id: string }) => h.type === "mn_catalog" && h.id === node.id),
      ).toBe(true);
    });
  });
});
