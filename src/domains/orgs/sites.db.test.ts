import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";
import { addClosure } from "../calendar";
import { createOrg, createSiteWithRoot, getSite, type Site } from "./index";

// Sites are tenants: next to the demo county (site A, 固阳县), a second county (site B, 达茂旗) with its own
// root organisation, department and staff. Nothing of A may show to B's staff, and a site's own admin
// never reaches the platform's site management.
const B_HOST = "gk.damao.example.gov.cn";
const PASSWORD = "Damao-Pass-2026!";
const A_MARK = "固阳"; // in every name of site A (its site, organisations and demo content)

describeEachDialect("sites are tenants", (ctx) => {
  let app: AppInstance;
  let siteA: Site;
  let siteB: Site;
  const actor = systemActor("test");

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    siteA = await getSite(ctx.deps, "guyang");
    ({ site: siteB } = await createSiteWithRoot(ctx.deps, actor, {
      code: "damao",
      name: "达茂旗人民政府",
      division_code: "150223",
      identifier_code: "1502230001",
      hosts: `${B_HOST}, www.damao.example.gov.cn`,
      root: { code: "dmq", name: "达尔罕茂明安联合旗人民政府", short_name: "旗政府" },
    }));
    await createOrg(
      ctx.deps,
      actor,
      { parent_code: "dmq", code: "dmq-jyj", name: "达尔罕茂明安联合旗教育局", kind: "department" },
      siteB.id,
    );
    const user = (
      username: string,
      orgCode: string,
      roles: string[],
      siteId: string,
      platformAdmin = false,
    ) =>
      createUser(ctx.deps, actor, {
        username,
        name: username,
        orgCode,
        roles,
        password: PASSWORD,
        siteId,
        platformAdmin,
      });
    await user("dm-admin", "dmq", ["admin"], siteB.id);
    await user("dm-office", "dmq", ["office"], siteB.id);
    await user("dm-clerk", "dmq-jyj", ["clerk"], siteB.id);
    await user("platform-admin", "gyx", ["admin"], siteA.id, true);
    // A closure of site A's own: never on site B's calendar.
    await addClosure(ctx.deps, actor, { date: "2026-06-15", reason: "固阳县城区停水" }, siteA.id);
  });
  afterAll(async () => app?.close());

  const signIn = async (username: string, password = PASSWORD) => {
    const s = new Session(app);
    const r = await s.login(username, password);
    expect(r.statusCode, `${username} signs in`).toBe(303);
    return s;
  };

  describe("site B's staff see nothing of site A", () => {
    it("the organisation tree", async () => {
      for (const who of ["dm-admin", "dm-office", "dm-clerk"]) {
        const page = await (await signIn(who)).get("/admin/orgs");
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain("达茂旗人民政府");
        expect(page.body).toContain("达尔罕茂明安联合旗人民政府");
        expect(page.body).not.toContain(A_MARK);
      }
      const api = await app.inject({
        url: "/api/v1/orgs",
        headers: bearer(await tokenFor(ctx, "dm-office")),
      });
      expect(api.json().items.map((o: { code: string }) => o.code)).toEqual(["dmq", "dmq-jyj"]);
    });

    it("the user list, and no account may be made in site A's organisations", async () => {
      const admin = await signIn("dm-admin");
      const page = await admin.get("/admin/users");
      expect(page.statusCode).toBe(200);
      for (const u of ["dm-admin", "dm-office", "dm-clerk"]) expect(page.body).toContain(u);
      expect(page.body).not.toContain("demo-");
      expect(page.body).not.toContain("platform-admin");
      expect(page.body).not.toContain(A_MARK);

      const token = await admin.csrfFrom("/admin/users");
      const before = await countRows(ctx, "users");
      const form = new URLSearchParams({
        _csrf: token,
        username: "dm-intruder",
        name: "越界",
        org: "gyx-jyj",
        password: "Intruder-Pass-2026",
        platformAdmin: "true",
      });
      form.append("roles", "admin");
      const r = await admin.post("/admin/users", form);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(await countRows(ctx, "users")).toBe(before);
      const api = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: bearer(await tokenFor(ctx, "dm-admin")),
        payload: {
          username: "dm-intruder",
          name: "越界",
          org: "gyx",
          roles: ["admin"],
          password: "Intruder-Pass-2026",
        },
      });
      expect(api.statusCode).toBeGreaterThanOrEqual(400);
      expect(await countRows(ctx, "users")).toBe(before);
    });

    it("the catalogue administration", async () => {
      const page = await (await signIn("dm-office")).get("/admin/catalog");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("达茂旗人民政府");
      expect(page.body).not.toContain(A_MARK);
      const gyx = await (await signIn("dm-office")).get("/admin/catalog?org=gyx");
      expect(gyx.body).not.toContain(A_MARK);
      const api = await app.inject({
        url: "/api/v1/catalog/orgs",
        headers: bearer(await tokenFor(ctx, "dm-office")),
      });
      expect(JSON.stringify(api.json())).not.toContain(A_MARK);
    });

    it("the dashboard counts", async () => {
      // Site A has a draft waiting, so its office's count is not zero and the comparison means something.
      const draft = await app.inject({
        method: "POST",
        url: "/api/v1/items",
        headers: bearer(await tokenFor(ctx, "demo-clerk")),
        payload: { title: "关于固阳县城区停水的通知", body: "因管网检修停水一天。", kind: "notice" },
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const a = await (await signIn("demo-office", DEMO_PASSWORD)).get("/admin");
      expect(a.body).toMatch(/：[1-9]\d* (条|件)/);
      for (const who of ["dm-office", "dm-admin", "dm-clerk"]) {
        const b = await (await signIn(who)).get("/admin");
        expect(b.statusCode).toBe(200);
        expect(b.body).toContain("达茂旗人民政府");
        expect(b.body).not.toMatch(/：[1-9]\d* (条|件)/);
        expect(b.body).not.toContain(A_MARK);
        expect(b.body).not.toContain("demo-");
      }
    });

    it("the calendar administration", async () => {
      const a = await (await signIn("demo-office", DEMO_PASSWORD)).get("/admin/calendar");
      expect(a.body).toContain("固阳县城区停水");
      const b = await (await signIn("dm-office")).get("/admin/calendar");
      expect(b.statusCode).toBe(200);
      expect(b.body).toContain("达茂旗人民政府");
      expect(b.body).not.toContain(A_MARK);
    });
  });

  it("the audit log, both ways", async () => {
    const b = await (await signIn("dm-admin")).get("/admin/audit");
    expect(b.statusCode).toBe(200);
    expect(b.body).toContain("新建站点");
    expect(b.body).not.toContain(A_MARK);
    expect(b.body).not.toContain("demo-");
    const a = await (await signIn("demo-admin", DEMO_PASSWORD)).get("/admin/audit");
    expect(a.body).toContain("demo-admin");
    expect(a.body).not.toContain("dm-");
    expect(a.body).not.toContain("达茂");
  });

  describe("the public portal by host", () => {
    it("shows site B under its host names and site A elsewhere, each from its own cache entry", async () => {
      for (const host of [
        "localhost",
        B_HOST,
        `${B_HOST.toUpperCase()}:8443`,
        "www.damao.example.gov.cn",
        "x.test",
      ]) {
        const r = await app.inject({ url: "/", headers: { host } });
        expect(r.statusCode).toBe(200);
        const isB = host.toLowerCase().includes("damao");
        expect(r.body).toContain(isB ? "达茂旗人民政府" : "固阳县人民政府");
        if (isB) expect(r.body).not.toContain(A_MARK);
      }
      const orgs = await app.inject({ url: "/gk", headers: { host: B_HOST } });
      expect(orgs.body).toContain("达尔罕茂明安联合旗教育局");
      expect(orgs.body).not.toContain(A_MARK);
      const api = await app.inject({ url: "/api/v1/orgs", headers: { host: B_HOST } });
      expect(api.json().items.map((o: { code: string }) => o.code)).toEqual(["dmq", "dmq-jyj"]);
    });

    it("does not show site A's published items under site B's host", async () => {
      const item = await ctx.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("site_id", "=", siteA.id)
        .where("status", "=", "published")
        .executeTakeFirstOrThrow();
      expect(
        (await app.inject({ url: `/gk/items/${item.id}`, headers: { host: "localhost" } })).statusCode,
      ).toBe(200);
      expect((await app.inject({ url: `/gk/items/${item.id}`, headers: { host: B_HOST } })).statusCode).toBe(
        404,
      );
    });
  });

  describe("platform administration of sites", () => {
    const NEW_SITE = {
      code: "baiyun",
      name: "白云鄂博矿区人民政府",
      division_code: "150206",
      identifier_code: "1502060001",
      hosts: "gk.baiyun.example.gov.cn",
      root_org: "byq",
      root_name: "白云鄂博矿区人民政府",
    };

    it("is closed to a site's own administrators and other staff (403), page and API alike", async () => {
      for (const [who, password] of [
        ["dm-admin", PASSWORD],
        ["demo-admin", DEMO_PASSWORD],
        ["demo-office", DEMO_PASSWORD],
      ] as const) {
        const s = await signIn(who, password);
        expect((await s.get("/admin/sites")).statusCode).toBe(403);
        expect((await s.get("/admin")).body).not.toContain('href="/admin/sites"');
        const token = await s.csrfFrom("/admin/orgs");
        const before = await countRows(ctx, "sites");
        expect((await s.post("/admin/sites", { _csrf: token, ...NEW_SITE })).statusCode).toBe(403);
        const headers = bearer(await tokenFor(ctx, who));
        expect((await app.inject({ url: "/api/v1/sites", headers })).statusCode).toBe(403);
        const post = await app.inject({ method: "POST", url: "/api/v1/sites", headers, payload: NEW_SITE });
        expect(post.statusCode).toBe(403);
        expect(await countRows(ctx, "sites")).toBe(before);
        // Nor may they give themselves, or anyone, an account on another site.
        const users = await countRows(ctx, "users");
        const admin = { username: `${who}-x`, name: "越界", password: "Intruder-Pass-2026" };
        const form = await s.post("/admin/sites/admins", {
          _csrf: token,
          site: "damao",
          ...admin,
          admin_name: "越界",
        });
        expect(form.statusCode).toBe(403);
        const api = await app.inject({
          method: "POST",
          url: "/api/v1/sites/guyang/admins",
          headers,
          payload: admin,
        });
        expect(api.statusCode).toBe(403);
        expect(await countRows(ctx, "users")).toBe(users);
      }
      expect((await app.inject({ url: "/api/v1/sites" })).statusCode).toBe(401);
      expect((await app.inject({ url: "/admin/sites" })).statusCode).toBe(303);
    });

    it("lets a platform administrator list sites and create one with its root organisation in a form", async () => {
      const s = await signIn("platform-admin");
      const list = await s.get("/admin/sites");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain("固阳县人民政府");
      expect(list.body).toContain("达茂旗人民政府");
      expect(list.body).toContain(B_HOST);
      expect((await s.get("/admin")).body).toContain('href="/admin/sites"');

      const token = await s.csrfFrom("/admin/sites");
      const before = await countRows(ctx, "sites");
      const bad = await s.post("/admin/sites", {
        _csrf: token,
        code: "damao",
        name: "",
        division_code: "15",
        identifier_code: "12",
        hosts: `${B_HOST}, https://x.example.gov.cn`,
        root_org: "",
        root_name: "",
      });
      expect(bad.statusCode).toBe(400);
      for (const m of [
        "请填写站点名称",
        "行政区划代码应为6位数字",
        "网站标识码应为10位数字",
        `主机名 ${B_HOST} 已用于站点 达茂旗人民政府（damao）`,
        "不含 http://",
        "站点代码 damao 已存在",
        "请填写机构全称",
      ])
        expect(bad.body).toContain(m);
      expect(bad.body).toContain('value="15"');
      expect(await countRows(ctx, "sites")).toBe(before);

      const ok = await s.post("/admin/sites", { _csrf: token, ...NEW_SITE });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe("/admin/sites");
      const after = await s.get("/admin/sites");
      expect(after.body).toContain("已创建站点：白云鄂博矿区人民政府（baiyun）");
      expect(after.body).toContain("gk.baiyun.example.gov.cn");
      const portal = await app.inject({ url: "/", headers: { host: "gk.baiyun.example.gov.cn" } });
      expect(portal.body).toContain("白云鄂博矿区人民政府");

      // Its first administrator, so the new county can take over its own organisations and accounts.
      const users = await countRows(ctx, "users");
      const badAdmin = await s.post("/admin/sites/admins", {
        _csrf: token,
        site: "baiyun",
        username: "A",
        admin_name: "",
        password: "short",
      });
      expect(badAdmin.statusCode).toBe(400);
      for (const m of ["用户名为3-40位", "请填写姓名", "密码至少10位"]) expect(badAdmin.body).toContain(m);
      expect(badAdmin.body).toContain('href="#admin_name"');
      expect(badAdmin.body).not.toContain("short");
      expect(await countRows(ctx, "users")).toBe(users);
      const okAdmin = await s.post("/admin/sites/admins", {
        _csrf: token,
        site: "baiyun",
        username: "by-admin",
        admin_name: "白管理",
        password: "Baiyun-Pass-2026",
      });
      expect(okAdmin.statusCode).toBe(303);
      expect((await s.get("/admin/sites")).body).toContain("已为站点 baiyun 添加管理员 by-admin（白管理）");
      const by = await signIn("by-admin", "Baiyun-Pass-2026");
      const orgs = await by.get("/admin/orgs");
      expect(orgs.body).toContain("白云鄂博矿区人民政府 政务公开管理");
      expect(orgs.body).not.toContain(A_MARK);
      expect((await by.get("/admin/sites")).statusCode).toBe(403);
    });

    it("lets a platform administrator list and create sites through the API", async () => {
      const headers = bearer(await tokenFor(ctx, "platform-admin"));
      const list = await app.inject({ url: "/api/v1/sites", headers });
      expect(list.statusCode).toBe(200);
      const damao = list.json().items.find((x: { code: string }) => x.code === "damao");
      expect(damao).toMatchObject({
        name: "达茂旗人民政府",
        hosts: [B_HOST, "www.damao.example.gov.cn"],
        root_org: { code: "dmq", name: "达尔罕茂明安联合旗人民政府" },
      });
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/sites",
        headers,
        payload: {
          code: "shiguai",
          name: "石拐区人民政府",
          division_code: "150205",
          identifier_code: "1502050001",
          hosts: ["gk.shiguai.example.gov.cn"],
          root_org: "sgq",
          root_name: "包头市石拐区人民政府",
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        code: "shiguai",
        hosts: ["gk.shiguai.example.gov.cn"],
        root_org: { code: "sgq", name: "包头市石拐区人民政府" },
      });
      const root = await ctx.deps.db.kysely
        .selectFrom("orgs")
        .select(["kind", "division_code", "parent_id"])
        .where("id", "=", created.json().root_org.id)
        .executeTakeFirstOrThrow();
      expect(root).toEqual({ kind: "government", division_code: "150205", parent_id: null });
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor_label"])
        .where("entity_id", "in", [created.json().id, created.json().root_org.id])
        .orderBy("seq")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["site.create", "org.create"]);
      expect(audit[0]!.actor_label).toContain("platform-admin");

      const dup = await app.inject({
        method: "POST",
        url: "/api/v1/sites",
        headers,
        payload: {
          code: "shiguai",
          name: "石拐区人民政府",
          division_code: "150205",
          identifier_code: "1502050001",
          root_org: "sgq",
          root_name: "包头市石拐区人民政府",
        },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe("site_exists");

      const admin = await app.inject({
        method: "POST",
        url: "/api/v1/sites/shiguai/admins",
        headers,
        payload: { username: "sg-admin", name: "石管理", password: "Shiguai-Pass-2026" },
      });
      expect(admin.statusCode, admin.body).toBe(201);
      expect(admin.json()).toMatchObject({
        username: "sg-admin",
        site: "shiguai",
        org: { code: "sgq" },
        roles: ["admin"],
      });
      const me = await app.inject({ url: "/api/v1/me", headers: bearer(await tokenFor(ctx, "sg-admin")) });
      expect(me.json()).toMatchObject({ username: "sg-admin" });
      const nowhere = await app.inject({
        method: "POST",
        url: "/api/v1/sites/nowhere/admins",
        headers,
        payload: { username: "x-admin", name: "某", password: "Nowhere-Pass-2026" },
      });
      expect(nowhere.statusCode).toBe(404);
      expect(nowhere.json().error.code).toBe("site_not_found");
    });
  });
});
