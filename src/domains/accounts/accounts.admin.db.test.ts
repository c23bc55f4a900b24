import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, countRows } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

describeEachDialect("account administration pages", (ctx) => {
  let app: AppInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
  });
  afterAll(async () => app?.close());

  it("lets the admin create an account in a form, re-rendering every problem first", async () => {
    const s = new Session(app);
    await s.login("demo-admin", DEMO_PASSWORD);
    const token = await s.csrfFrom("/admin/users");
    const before = await countRows(ctx, "users");
    const bad = await s.post("/admin/users", {
      _csrf: token,
      username: "A B",
      name: "",
      org: "gyx-jyj",
      password: "123",
    });
    expect(bad.statusCode).toBe(400);
    for (const m of ["用户名为3-40位", "请填写姓名", "请至少选择一个角色", "密码至少10位"])
      expect(bad.body).toContain(m);
    expect(await countRows(ctx, "users")).toBe(before);

    const form = new URLSearchParams({
      _csrf: token,
      username: "jyj-reviewer",
      name: "教育局审查员",
      org: "gyx-jyj",
      password: "Reviewer-Pass-2026",
    });
    form.append("roles", "reviewer");
    form.append("roles", "signer");
    const ok = await s.post("/admin/users", form);
    expect(ok.statusCode).toBe(303);
    const list = await s.get("/admin/users");
    expect(list.body).toContain("已创建账户 jyj-reviewer");
    expect(list.body).toContain("保密审查员、审签领导");
  });

  it("lets the admin unlock a locked account", async () => {
    const victim = new Session(app);
    for (let i = 0; i < 5; i++) await victim.login("demo-signer", "not-the-password");
    const s = new Session(app);
    await s.login("demo-admin", DEMO_PASSWORD);
    const page = await s.get("/admin/users");
    expect(page.body).toContain("锁定至");
    const id = /action="\/admin\/users\/([^/]+)\/unlock"/.exec(page.body)![1]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    expect((await s.post(`/admin/users/${id}/unlock`, { _csrf: token })).statusCode).toBe(303);
    expect((await victim.login("demo-signer", DEMO_PASSWORD)).statusCode).toBe(303);
  });

  it("shows the list but no management to the office, and refuses the page to a clerk", async () => {
    const office = new Session(app);
    await office.login("demo-office", DEMO_PASSWORD);
    const page = await office.get("/admin/users");
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("新建账户");
    expect(page.body).not.toContain("/unlock");
    const clerk = new Session(app);
    await clerk.login("demo-clerk", DEMO_PASSWORD);
    expect((await clerk.get("/admin/users")).statusCode).toBe(403);
  });
});
