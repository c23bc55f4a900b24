import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";
import { STEPS } from "./workflow.steps";

/** The action buttons of an item page, by their text. */
const buttonsOf = (html: string) =>
  [
    ...html.matchAll(
      /<form method="post" action="\/admin\/items\/[^"]+\/actions"[\s\S]*?<button[^>]*>([^<]+)<\/button>/g,
    ),
  ].map((m) => m[1]);
const count = (html: string, text: string) => html.split(text).length - 1;

// Issue 11: item history in Chinese, each refusal once, and the buttons read from the workflow table.
describeEachDialect("publishing back office pages", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  const sessions: Record<string, Session> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    await createUser(ctx.deps, systemActor("test"), {
      username: "zfb-all",
      name: "身兼数职",
      orgCode: "gyx-zfb",
      roles: ["clerk", "reviewer", "signer"],
      password: "Zfb-All-Roles-2026",
    });
    for (const u of ["demo-clerk", "demo-reviewer", "demo-signer", "zfb-all"]) {
      tok[u] = await tokenFor(ctx, u);
      sessions[u] = new Session(app);
      const res = await sessions[u].login(u, u === "zfb-all" ? "Zfb-All-Roles-2026" : DEMO_PASSWORD);
      expect(res.statusCode, res.body).toBe(303);
    }
  });
  afterAll(async () => app?.close());

  const act = async (who: string, id: string, action: string) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/items/${id}/actions`,
      headers: bearer(tok[who]!),
      payload: { action, ...(action === "reject" ? { note: "请补充依据。" } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const submitted = async (who: string, body = "自下月起调整3路公交线路。") => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(tok[who]!),
      payload: { title: "关于调整城区公交线路的通告", body, kind: "notice" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: string };
    await act(who, id, "submit");
    return id;
  };
  const postAction = async (who: string, id: string, action: string) => {
    const s = sessions[who]!;
    const token = await s.csrfFrom(`/admin/items/${id}`);
    return s.post(`/admin/items/${id}/actions`, { _csrf: token, action, note: "" });
  };

  it("shows the history in Chinese: who, when, what, the change of status and the note", async () => {
    const id = await submitted("demo-clerk");
    await act("demo-reviewer", id, "reject");
    const page = await sessions["demo-clerk"]!.get(`/admin/items/${id}`);
    expect(page.statusCode).toBe(200);
    const history = page.body.slice(page.body.indexOf('id="events-title"'));
    for (const text of [
      "创建草稿",
      "提交审查",
      "退回修改",
      "草稿 → 待审查",
      "待审查 → 草稿",
      "请补充依据。",
      "李信息",
    ])
      expect(history).toContain(text);
    for (const code of ["create", "submit", "reject", "：草稿"])
      expect(history).not.toMatch(new RegExp(`>${code}|${code}：`));
  });

  it("offers exactly the actions the workflow table allows from the state for the user", async () => {
    const id = await submitted("demo-clerk");
    expect(buttonsOf((await sessions["demo-clerk"]!.get(`/admin/items/${id}`)).body)).toEqual([]);
    expect(buttonsOf((await sessions["demo-reviewer"]!.get(`/admin/items/${id}`)).body)).toEqual([
      STEPS.approve.label,
      STEPS.reject.label,
    ]);
    expect(buttonsOf((await sessions["demo-signer"]!.get(`/admin/items/${id}`)).body)).toEqual([]);
    await act("demo-reviewer", id, "approve");
    expect(buttonsOf((await sessions["demo-signer"]!.get(`/admin/items/${id}`)).body)).toEqual([
      STEPS.sign.label,
      STEPS.reject.label,
    ]);
    await act("demo-signer", id, "sign");
    expect(buttonsOf((await sessions["demo-signer"]!.get(`/admin/items/${id}`)).body)).toEqual([
      STEPS.publish.label,
      STEPS.reject.label,
    ]);
    const done = await postAction("demo-signer", id, "publish");
    expect(done.statusCode, done.body).toBe(303);
    const published = (await sessions["demo-signer"]!.get(`/admin/items/${id}`)).body;
    expect(published).toContain("已发布");
    expect(buttonsOf(published)).toEqual([STEPS.withdraw.label]);
    expect(buttonsOf((await sessions["demo-clerk"]!.get(`/admin/items/${id}`)).body)).toEqual([
      "修订（生成新版本草稿）",
    ]);
  });

  it("names a four-eyes refusal once, on the item's page", async () => {
    const id = await submitted("zfb-all");
    const res = await postAction("zfb-all", id, "approve");
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('id="events-title"');
    expect(count(res.body, "按照四眼原则，起草人不能审查通过自己起草的信息")).toBe(1);
  });

  it("names unresolved review findings once and points to the review panel that lists them", async () => {
    const id = await submitted("demo-clerk", "请联系张三，电话13812345678，或13987654321，或13700001111。");
    const res = await postAction("demo-reviewer", id, "approve");
    expect(res.statusCode).toBe(409);
    const summary = res.body.slice(
      res.body.indexOf('class="error-summary"'),
      res.body.indexOf("</div>", res.body.indexOf('class="error-summary"')),
    );
    expect(count(res.body, "处问题尚未处理")).toBe(1);
    expect(summary).toContain('href="#review-title"');
    expect(summary).not.toContain("手机号码");
  });
});
