import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";
import { listUserEmails } from "./accounts.email";
import { findCurrentUser } from "./accounts.service";

describeEachDialect("staff reminder e-mail in the account admin", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  it("edits, validates and audits a staff account's e-mail without logging the address", async () => {
    const s = new Session(app);
    await s.login("demo-admin", DEMO_PASSWORD);
    const target = (await findCurrentUser(ctx.deps, "demo-office"))!;
    const page = await s.get("/admin/users");
    expect(page.body).toContain("提醒邮箱");
    expect(page.body).toContain(`action="/admin/users/${target.id}/email"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;

    const bad = await s.post(`/admin/users/${target.id}/email`, { _csrf: csrf, email: "zhang at example" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("电子邮箱格式不正确");
    expect((await listUserEmails(ctx.deps, [target.id])).size).toBe(0);

    const ok = await s.post(`/admin/users/${target.id}/email`, {
      _csrf: csrf,
      email: " zhang@example.gov.cn ",
    });
    expect(ok.statusCode).toBe(303);
    expect((await listUserEmails(ctx.deps, [target.id])).get(target.id)).toBe("zhang@example.gov.cn");
    expect((await s.get("/admin/users")).body).toContain('value="zhang@example.gov.cn"');

    const cleared = await s.post(`/admin/users/${target.id}/email`, { _csrf: csrf, email: "" });
    expect(cleared.statusCode).toBe(303);
    expect((await listUserEmails(ctx.deps, [target.id])).size).toBe(0);

    const audit = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("action", "=", "user.email")
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("zhang@example.gov.cn");

    // Only those who manage accounts may change them.
    const office = new Session(app);
    await office.login("demo-office", DEMO_PASSWORD);
    const officeCsrf = await office.csrfFrom("/admin/users");
    const denied = await office.post(`/admin/users/${target.id}/email`, {
      _csrf: officeCsrf,
      email: "x@example.gov.cn",
    });
    expect(denied.statusCode).toBe(403);
  });
});
