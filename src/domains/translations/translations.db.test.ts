import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { mnMong } from "../../web/i18n/mn-Mong";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";
import { overrideLoads } from "./translations.service";

// The county's wording of the portal's UI strings (issue 18 item 2): overrides per site and language, audited,
// the office and administrators at the site root only, shown at once on the portal (the per-site cache and
// the page cache are cleared by a change), untranslated keys listed and marked on the page.
const PASSWORD = "Translations-Test-Pw-2026!";

describeEachDialect("UI strings: the site's overrides, audit, policy, cache, untranslated keys", (ctx) => {
  let app: AppInstance;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    await createUser(ctx.deps, systemActor("test"), {
      username: "dept-office",
      name: "部门公开员",
      orgCode: "gyx-zjj",
      roles: ["office"],
      password: PASSWORD,
    });
    await createOtherSite(ctx, [{ username: "site-b-office", roles: ["office"], password: PASSWORD }]);
    for (const u of ["demo-office", "demo-admin", "demo-clerk", "dept-office", "site-b-office"])
      tokens[u] = await tokenFor(ctx, u);
  });
  afterAll(async () => app?.close());

  const put = (lang: string, key: string, text: string, who = "demo-office") =>
    app.inject({
      method: "PUT",
      url: `/api/v1/translations/${lang}/${key}`,
      headers: bearer(tokens[who]!),
      payload: { text },
    });
  const del = (lang: string, key: string, who = "demo-office") =>
    app.inject({
      method: "DELETE",
      url: `/api/v1/translations/${lang}/${key}`,
      headers: bearer(tokens[who]!),
    });
  const list = (q: string, who = "demo-office") =>
    app.inject({ url: `/api/v1/translations?${q}`, headers: bearer(tokens[who]!) });
  const auditOf = (action: string) =>
    ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action", "entity_id", "summary"])
      .where("action", "=", action)
      .orderBy("seq")
      .execute();

  it("lists every key with the shipped texts; nothing untranslated on the public portal", async () => {
    const res = await list("lang=mn-Mong");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const home = body.items.find((e: { key: string }) => e.key === "nav.home");
    expect(home).toMatchObject({
      source: "首页",
      shipped: mnMong["nav.home"],
      override: null,
      untranslated: false,
    });
    expect(body.untranslated).toBe(0);
    expect((await list("lang=mn-Mong&filter=untranslated")).json().items).toEqual([]);
  });

  it("renders an override at once on the portal, reads overrides once per site, and reverts", async () => {
    const before = await app.inject({ url: "/mn/" });
    expect(before.body).toContain(mnMong["nav.home"]!);
    const loads = overrideLoads.n;
    await app.inject({ url: "/mn/gk" });
    await app.inject({ url: "/mn/hd" });
    expect(overrideLoads.n).toBe(loads); // the site's overrides came from memory

    const res = await put("mn-Mong", "nav.home", "ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: "nav.home", override: "ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ", effective: "ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ" });
    // The cached home page and the site's overrides were both dropped by the change.
    const after = await app.inject({ url: "/mn/" });
    expect(after.body).toContain("ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ");
    expect(overrideLoads.n).toBe(loads + 1);
    await app.inject({ url: "/mn/gk" });
    expect(overrideLoads.n).toBe(loads + 1);
    // Only Mongolian pages change; Chinese pages keep their text.
    expect((await app.inject({ url: "/" })).body).toContain(">首页<");
    expect(
      (await list("lang=mn-Mong&filter=overridden")).json().items.map((e: { key: string }) => e.key),
    ).toEqual(["nav.home"]);

    const back = await del("mn-Mong", "nav.home");
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ override: null, effective: mnMong["nav.home"] });
    const reverted = await app.inject({ url: "/mn/" });
    expect(reverted.body).not.toContain("ᠡᠬᠢᠨ ᠨᠢᠭᠤᠷ");
    expect(reverted.body).toContain(mnMong["nav.home"]!);
    expect((await del("mn-Mong", "nav.home")).json().error.code).toBe("translation_override_not_found");
  });

  it("covers the domains' own page catalogs too (namespace.key)", async () => {
    const listed = (await list("lang=mn-Mong&q=services.title")).json().items;
    expect(listed.map((e: { key: string }) => e.key)).toContain("services.title");
    expect((await put("mn-Mong", "services.title", "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠨᠢᠭᠤᠷ")).statusCode).toBe(200);
    expect((await app.inject({ url: "/mn/fw" })).body).toContain("ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠨᠢᠭᠤᠷ");
    expect((await put("mn-Mong", "services.results_count", "ᠪᠦᠭᠦᠳᠡ")).json().error.details[0].code).toBe(
      "translation_placeholders",
    );
    expect((await del("mn-Mong", "services.title")).statusCode).toBe(200);
    expect((await app.inject({ url: "/mn/fw" })).body).not.toContain("ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠨᠢᠭᠤᠷ");
    expect((await put("mn-Mong", "services.no_such_key", "x")).statusCode).toBe(404);
  });

  it("audits each change with the text before and after", async () => {
    await put("zh-CN", "footer.staff_login", "工作人员入口");
    await put("zh-CN", "footer.staff_login", "工作人员登录入口");
    await del("zh-CN", "footer.staff_login");
    const made = await auditOf("translation.override");
    const changes = made
      .filter((a) => a.entity_id === "zh-CN:footer.staff_login")
      .map((a) => JSON.parse(a.summary));
    expect(changes).toEqual([
      { lang: "zh-CN", key: "footer.staff_login", before: "工作人员登录", after: "工作人员入口" },
      { lang: "zh-CN", key: "footer.staff_login", before: "工作人员入口", after: "工作人员登录入口" },
    ]);
    const reverted = (await auditOf("translation.revert")).filter(
      (a) => a.entity_id === "zh-CN:footer.staff_login",
    );
    expect(JSON.parse(reverted[0]!.summary)).toMatchObject({
      before: "工作人员登录入口",
      after: "工作人员登录",
    });
  });

  it("names every problem: empty text, placeholders that differ from the source, unknown key or language", async () => {
    const empty = await put("mn-Mong", "footer.sponsor", "  ");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.map((d: { code: string }) => d.code)).toEqual(["required"]);
    const holes = await put("mn-Mong", "footer.sponsor", "ᠡᠷᠬᠢᠯᠡᠭᠴᠢ {name}");
    expect(holes.statusCode).toBe(400);
    const detail = holes.json().error.details[0];
    expect(detail.code).toBe("translation_placeholders");
    expect(detail.message).toContain("{site}");
    expect(detail.message).toContain("{name}");
    expect((await put("mn-Mong", "no.such.key", "x")).json().error.code).toBe("translation_key_not_found");
    expect((await put("en", "nav.home", "Home")).json().error.code).toBe("translation_lang_not_found");
    expect(await auditOf("translation.override")).not.toContainEqual(
      expect.objectContaining({ entity_id: "mn-Mong:footer.sponsor" }),
    );
  });

  it("lets only the office and administrators at the site root change texts, for their own site", async () => {
    expect((await put("mn-Mong", "nav.home", "ᠠ", "demo-clerk")).statusCode).toBe(403);
    expect((await put("mn-Mong", "nav.home", "ᠠ", "dept-office")).statusCode).toBe(403);
    expect((await list("lang=mn-Mong", "dept-office")).statusCode).toBe(403);
    expect((await app.inject({ url: "/api/v1/translations?lang=mn-Mong" })).statusCode).toBe(401);
    expect((await put("mn-Mong", "nav.services", "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ", "demo-admin")).statusCode).toBe(200);
    await del("mn-Mong", "nav.services", "demo-admin");
    // Another county's office changes its own site's text; this county's pages do not show it.
    expect((await put("mn-Mong", "nav.home", "ᠪᠤᠰᠤᠳ ᠰᠢᠶᠠᠨ", "site-b-office")).statusCode).toBe(200);
    expect((await list("lang=mn-Mong&filter=overridden")).json().items).toEqual([]);
    expect((await app.inject({ url: "/mn/" })).body).not.toContain("ᠪᠤᠰᠤᠳ ᠰᠢᠶᠠᠨ");
    expect((await list("lang=mn-Mong&filter=overridden", "site-b-office")).json().items).toHaveLength(1);
  });

  describe("a key the Mongolian catalog lacks", () => {
    const key = "nav.gazette";
    const shipped = mnMong[key]!;
    beforeAll(async () => {
      delete mnMong[key];
      // A page cached before the catalog changed is not what this test is about.
      await put("mn-Mong", "site.skip", mnMong["site.skip"]!);
      await del("mn-Mong", "site.skip");
    });
    afterAll(() => {
      mnMong[key] = shipped;
    });

    it("is listed as untranslated, shown in Chinese visibly marked, and counted", async () => {
      const body = (await list("lang=mn-Mong&filter=untranslated")).json();
      expect(body.untranslated).toBe(1);
      expect(body.items.map((e: { key: string }) => e.key)).toEqual([key]);
      const page = await app.inject({ url: "/mn/" });
      expect(page.body).toContain('<span lang="zh-CN" class="untranslated">政府公报</span>');
      expect(page.body).not.toMatch(/[\uE0F0\uE0F1]/);
      const again = (await list("lang=mn-Mong&filter=untranslated")).json();
      expect(again.items[0].missing_renders).toBeGreaterThan(0);
      // Overriding it translates it for the site.
      await put("mn-Mong", key, "ᠮᠡᠳᠡᠭᠳᠡᠯ");
      expect((await list("lang=mn-Mong&filter=untranslated")).json().untranslated).toBe(0);
      expect((await app.inject({ url: "/mn/" })).body).not.toContain('class="untranslated"');
      await del("mn-Mong", key);
    });

    it("is listed on the back office's page, where the office edits and reverts it", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = await s.get("/admin/translations?lang=mn-Mong&filter=untranslated");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("政府公报");
      expect(page.body).toContain("未翻译：页面显示中文");
      const edit = `/admin/translations/mn-Mong/${key}`;
      const csrf = await s.csrfFrom(edit);
      const bad = await s.post(edit, { _csrf: csrf, text: "{x}" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("不能有占位符 {x}");
      const saved = await s.post(edit, { _csrf: await s.csrfFrom(edit), text: "ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ" });
      expect(saved.statusCode).toBe(303);
      expect((await app.inject({ url: "/mn/" })).body).toContain("ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ");
      const reverted = await s.post(`${edit}/revert`, { _csrf: await s.csrfFrom(edit) });
      expect(reverted.statusCode).toBe(303);
      expect((await app.inject({ url: "/mn/" })).body).toContain('class="untranslated"');
      const clerk = new Session(app);
      await clerk.login("demo-clerk", DEMO_PASSWORD);
      expect((await clerk.get("/admin/translations")).statusCode).toBe(403);
    });
  });
});
