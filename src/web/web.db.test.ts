import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { DEMO_PASSWORD } from "../demo/seed";
import type { AppInstance } from "./types";

describeEachDialect("web shell and foundation API", (ctx) => {
  let app: AppInstance;
  let clerk: string;
  let admin: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    clerk = await tokenFor(ctx, "demo-clerk");
    admin = await tokenFor(ctx, "demo-admin");
  });
  afterAll(async () => app?.close());

  describe("system", () => {
    it("answers /healthz once the database answers", async () => {
      const res = await app.inject("/healthz");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: "ok" });
    });

    it("publishes the OpenAPI document of /api/v1", async () => {
      const doc = (await app.inject("/api/v1/openapi.json")).json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of ["/api/v1/me", "/api/v1/orgs", "/api/v1/users", "/api/v1/tokens", "/api/v1/audit"]) {
        expect(doc.paths).toHaveProperty([p]);
      }
    });

    it("sends a strict CSP and no framework fingerprint", async () => {
      const res = await app.inject("/");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    });

    it("answers unknown paths with JSON under /api and HTML elsewhere", async () => {
      const api = await app.inject("/api/v1/nothing");
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe("not_found");
      const page = await app.inject("/nothing");
      expect(page.statusCode).toBe(404);
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.body).toContain("页面不存在");
      expect(page.body).not.toMatch(/at .*\.ts:\d+/);
    });
  });

  describe("/api/v1/me", () => {
    it("returns the token's user, organisation and roles", async () => {
      const res = await app.inject({ url: "/api/v1/me", headers: bearer(clerk) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        username: "demo-clerk",
        org: { name: "固阳县人民政府办公室" },
        roles: ["clerk"],
      });
    });

    it("gives 401 without a token and with a bad one", async () => {
      const none = await app.inject("/api/v1/me");
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe("unauthorized");
      const bad = await app.inject({ url: "/api/v1/me", headers: bearer("gk_not-a-real-token-at-all-xyz") });
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.code).toBe("invalid_token");
      const malformed = await app.inject({ url: "/api/v1/me", headers: { authorization: "Basic abc" } });
      expect(malformed.statusCode).toBe(401);
    });
  });

  describe("malformed input gets a 4xx with a stable code and stores nothing", () => {
    const cases: Array<{
      name: string;
      url: string;
      token: () => string;
      payload: unknown;
      status: number;
      code: string;
      table: "orgs" | "users" | "api_tokens";
    }> = [
      {
        name: "org: empty body",
        url: "/api/v1/orgs",
        token: () => admin,
        payload: {},
        status: 400,
        code: "validation_failed",
        table: "orgs",
      },
      {
        name: "org: unknown field and wrong kind",
        url: "/api/v1/orgs",
        token: () => admin,
        payload: { code: "x1", name: "某局", kind: "ministry", extra: 1, parent_code: "gyx" },
        status: 400,
        code: "validation_failed",
        table: "orgs",
      },
      {
        name: "org: credit code check character wrong",
        url: "/api/v1/orgs",
        token: () => admin,
        payload: {
          code: "gyx-new",
          name: "新局",
          kind: "department",
          parent_code: "gyx",
          credit_code: "91350100M000100Y44",
        },
        status: 400,
        code: "validation_failed",
        table: "orgs",
      },
      {
        name: "org: duplicate code",
        url: "/api/v1/orgs",
        token: () => admin,
        payload: { code: "gyx-jyj", name: "重复", kind: "department", parent_code: "gyx" },
        status: 409,
        code: "org_exists",
        table: "orgs",
      },
      {
        name: "org: clerk may not manage orgs",
        url: "/api/v1/orgs",
        token: () => clerk,
        payload: { code: "gyx-new2", name: "新局", kind: "department", parent_code: "gyx" },
        status: 403,
        code: "forbidden",
        table: "orgs",
      },
      {
        name: "user: empty body",
        url: "/api/v1/users",
        token: () => admin,
        payload: {},
        status: 400,
        code: "validation_failed",
        table: "users",
      },
      {
        name: "user: bad role, weak password",
        url: "/api/v1/users",
        token: () => admin,
        payload: { username: "new-user", name: "新人", org: "gyx-jyj", roles: ["boss"], password: "x" },
        status: 400,
        code: "validation_failed",
        table: "users",
      },
      {
        name: "user: clerk may not create users",
        url: "/api/v1/users",
        token: () => clerk,
        payload: {
          username: "new-user",
          name: "新人",
          org: "gyx-jyj",
          roles: ["clerk"],
          password: "Long-enough-pass-1",
        },
        status: 403,
        code: "forbidden",
        table: "users",
      },
      {
        name: "token: missing label",
        url: "/api/v1/tokens",
        token: () => clerk,
        payload: {},
        status: 400,
        code: "validation_failed",
        table: "api_tokens",
      },
      {
        name: "token: not JSON",
        url: "/api/v1/tokens",
        token: () => clerk,
        payload: "{oops",
        status: 400,
        code: "bad_request",
        table: "api_tokens",
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const [rowsBefore, auditBefore] = [await countRows(ctx, c.table), await countRows(ctx, "audit_log")];
        const res = await app.inject({
          method: "POST",
          url: c.url,
          headers: { ...bearer(c.token()), "content-type": "application/json" },
          payload: typeof c.payload === "string" ? c.payload : JSON.stringify(c.payload),
        });
        expect(res.statusCode).toBe(c.status);
        const body = res.json();
        expect(body.error.code).toBe(c.code);
        expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await countRows(ctx, c.table)).toBe(rowsBefore);
        expect(await countRows(ctx, "audit_log")).toBe(auditBefore);
      });
    }

    it("lists every problem, not just the first", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: bearer(admin),
        payload: { username: "Bad Name", name: "新人", org: "nope", roles: ["clerk"], password: "short" },
      });
      expect(res.statusCode).toBe(400);
      const codes = res.json().error.details.map((d: { code: string }) => d.code);
      expect(codes).toEqual(
        expect.arrayContaining(["invalid_username", "org_not_found", "password_too_short"]),
      );
    });

    it("refuses a bad audit query", async () => {
      const res = await app.inject({
        url: "/api/v1/audit?from=yesterday&limit=9999",
        headers: bearer(admin),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.length).toBeGreaterThanOrEqual(2);
    });
  });

  describe("valid API use", () => {
    it("adds an organisation with a valid credit code and audits it", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/orgs",
        headers: bearer(admin),
        payload: {
          code: "gyx-tyj",
          name: "固阳县文化旅游体育局",
          kind: "department",
          parent_code: "gyx",
          credit_code: "11441700007280420Y",
        },
      });
      expect(res.statusCode).toBe(201);
      const audit = await app.inject({
        url: "/api/v1/audit?action=org.create&limit=1",
        headers: bearer(admin),
      });
      expect(audit.json().items[0].summary.after.code).toBe("gyx-tyj");
      const list = (await app.inject("/api/v1/orgs")).json().items;
      expect(list.find((o: { code: string }) => o.code === "gyx-tyj")).toBeTruthy();
    });

    it("creates a user that can then get a token", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: bearer(admin),
        payload: {
          username: "jyj-clerk",
          name: "教育局信息员",
          org: "gyx-jyj",
          roles: ["clerk"],
          password: "Jiaoyu-Clerk-2026",
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().roles).toEqual(["clerk"]);
    });
  });

  describe("forms", () => {
    it("refuses a login POST without the CSRF token and does not log in", async () => {
      const s = new Session(app);
      await s.get("/admin/login");
      const res = await s.post("/admin/login", { username: "demo-clerk", password: DEMO_PASSWORD });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("csrf_invalid");
      const admin = await s.get("/admin");
      expect(admin.statusCode).toBe(303);
      expect(admin.headers.location).toContain("/admin/login");
    });

    it("logs in with the token, shows the dashboard, logs out", async () => {
      const s = new Session(app);
      const res = await s.login("demo-office", DEMO_PASSWORD);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/admin");
      const dash = await s.get("/admin");
      expect(dash.statusCode).toBe(200);
      expect(dash.body).toContain("工作台");
      expect(dash.body).toContain("张公开");
      const token = /name="_csrf" value="([^"]+)"/.exec(dash.body)![1]!;
      const out = await s.post("/admin/logout", { _csrf: token });
      expect(out.statusCode).toBe(303);
      expect((await s.get("/admin")).statusCode).toBe(303);
    });

    it("re-renders the login form with the problem and keeps the username", async () => {
      const s = new Session(app);
      const token = await s.csrfFrom("/admin/login");
      const res = await s.post("/admin/login", { _csrf: token, username: "demo-signer", password: "wrong" });
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain("用户名或密码不正确");
      expect(res.body).toContain('value="demo-signer"');
    });

    it("does not redirect off-site after login", async () => {
      const s = new Session(app);
      const token = await s.csrfFrom("/admin/login");
      const res = await s.post("/admin/login", {
        _csrf: token,
        username: "demo-signer",
        password: DEMO_PASSWORD,
        next: "//evil.example/",
      });
      expect(res.headers.location).toBe("/admin");
    });

    it("re-renders the org form with every problem and stores nothing", async () => {
      const s = new Session(app);
      await s.login("demo-admin", DEMO_PASSWORD);
      const token = await s.csrfFrom("/admin/orgs");
      const before = await countRows(ctx, "orgs");
      const res = await s.post("/admin/orgs", {
        _csrf: token,
        parent_code: "gyx",
        code: "bad code!",
        name: "",
        kind: "department",
        credit_code: "123",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("统一社会信用代码应为18位");
      expect(res.body).toContain("机构代码只能包含");
      expect(res.body).toContain("请填写机构全称");
      expect(await countRows(ctx, "orgs")).toBe(before);
    });

    it("shows the audit log to the office with an intact chain", async () => {
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const res = await s.get("/admin/audit?action=auth.");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("哈希链校验通过");
      // People see the action's Chinese name, never its code (auth.login).
      expect(res.body).toContain("<td>登录</td>");
      expect(res.body).not.toContain("auth.login<");
    });

    it("keeps the audit log from a clerk", async () => {
      const s = new Session(app);
      await s.login("demo-clerk", DEMO_PASSWORD);
      expect((await s.get("/admin/audit")).statusCode).toBe(403);
    });
  });

  describe("public portal", () => {
    it("renders the county portal shell in Chinese", async () => {
      const res = await app.inject("/");
      expect(res.statusCode).toBe(200);
      for (const s of [
        "首页",
        "政务公开",
        "政务服务",
        "互动交流",
        "政府公报",
        "网站标识码：1502220001",
        'role="search"',
      ]) {
        expect(res.body).toContain(s);
      }
    });

    it("renders the Mongolian portal under /mn", async () => {
      const res = await app.inject("/mn/");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('lang="mn-Mong"');
      expect(res.body).toContain("ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ");
      expect((await app.inject("/mn")).statusCode).toBe(301);
    });

    it("lists the organisations on the disclosure page and finds them in search", async () => {
      const gk = await app.inject("/gk");
      expect(gk.body).toContain("固阳县教育局");
      expect(gk.body).toContain("兴顺西镇");
      const search = await app.inject("/search?q=%E6%95%99%E8%82%B2");
      expect(search.body).toContain("固阳县教育局");
    });
  });
});
