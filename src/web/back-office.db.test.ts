import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app";
import { describeEachDialect } from "../../test/helpers/db";
import { Session } from "../../test/helpers/forms";
import { DEMO_PASSWORD } from "../demo/seed";
import { isBackOfficePath } from "./auth";
import type { AppInstance } from "./types";

/** A path of the route with its parameters filled with an id that does not exist. */
const fill = (url: string) => url.replace(/:(\w+)/g, "no-such-$1");

// Issue 11, item 8: the back office is guarded by one hook (src/web/auth.ts, backOffice), not per route. This
// runs every /admin route the app registers, so a route added later without its own checks is covered too.
describeEachDialect("back office: one sign-in and CSRF hook for every /admin route", (ctx) => {
  let app: AppInstance;
  let admin: Session;
  let routes: Array<{ method: string; url: string; policy?: string }>;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    admin = new Session(app);
    expect((await admin.login("demo-admin", DEMO_PASSWORD)).statusCode).toBe(303);
    routes = app.routeTable.filter((r) => isBackOfficePath(r.url) && r.method !== "HEAD");
  });
  afterAll(async () => app?.close());

  it("sends anonymous people to the login page from every back-office page, coming back afterwards", async () => {
    const pages = routes.filter((r) => r.method === "GET" && r.policy !== "login");
    expect(pages.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of pages) {
      const url = fill(r.url);
      const res = await app.inject({ method: "GET", url });
      if (res.statusCode !== 303 || res.headers.location !== `/admin/login?next=${encodeURIComponent(url)}`)
        wrong.push(`GET ${r.url} → ${res.statusCode} ${res.headers.location ?? ""}`);
    }
    expect(wrong).toEqual([]);
    expect((await app.inject("/admin/login")).statusCode).toBe(200);
  });

  it("refuses every unsafe back-office request without the session's CSRF token, signed in or not", async () => {
    const writes = routes.filter((r) => r.method !== "GET");
    expect(writes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of writes)
      for (const who of [admin, undefined]) {
        const res = await app.inject({
          method: r.method as "POST",
          url: fill(r.url),
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(who ? { cookie: who.cookieHeader } : {}),
          },
          payload: "_csrf=forged",
        });
        // The CSRF refusal (csrf_invalid), as the error page words it.
        if (res.statusCode !== 403 || !res.body.includes("页面已过期或来源不明"))
          wrong.push(`${who ? "admin" : "anonymous"} ${r.method} ${r.url} → ${res.statusCode}`);
      }
    expect(wrong).toEqual([]);
  });

  it("accepts a back-office form with the token, with no check of its own in the route", async () => {
    const token = await admin.csrfFrom("/admin/password");
    const res = await admin.post("/admin/logout", { _csrf: token });
    expect(res.statusCode).toBe(303);
    expect((await admin.get("/admin")).headers.location).toBe("/admin/login?next=%2Fadmin");
  });
});
