import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

const TITLE = "ᠵᠠᠰᠠᠭ ᠤᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠢᠯᠡ ᠪᠣᠯᠭᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ";
const BODY = "<p>ᠡᠨᠡ ᠪᠣᠯ ᠲᠤᠷᠰᠢᠯᠲᠠ ᠶᠢᠨ ᠡᠬᠢ ᠪᠢᠴᠢᠭ᠃</p>";

// The 蒙古文版本 page of the back office: a clerk writes and submits with forms, a reviewer finds it in the
// queue and approves it; refusals come back on the page with every problem.
describeEachDialect("Mongolian versions in the back office", (ctx) => {
  let app: AppInstance;
  let itemId = "";
  const s: Record<string, Session> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/items",
      headers: bearer(await tokenFor(ctx, "demo-clerk")),
      payload: { title: "关于蒙古文版本后台页面的通知", body: "正文。", kind: "notice" },
    });
    itemId = res.json().id;
    for (const u of ["demo-clerk", "demo-reviewer"]) {
      s[u] = new Session(app);
      expect((await s[u].login(u, DEMO_PASSWORD)).statusCode).toBe(303);
    }
  }, 120_000);
  afterAll(async () => app?.close());

  const url = () => `/admin/items/${itemId}/mn`;

  it("the item page links to it, and a clerk drafts and submits through forms", async () => {
    expect((await s["demo-clerk"]!.get(`/admin/items/${itemId}`)).body).toContain(`href="${url()}"`);
    const page = await s["demo-clerk"]!.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("尚无已审核的蒙古文版本");
    expect(page.body).toMatch(
      /<textarea[^>]*name="body"[^>]*lang="mn-Mong"|<textarea[^>]*lang="mn-Mong"[^>]*name="body"/,
    );
    const csrf = await s["demo-clerk"]!.csrfFrom(url());
    const bad = await s["demo-clerk"]!.post(url(), { _csrf: csrf, title: "中文", body: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("error-summary");
    expect(bad.body).toContain("蒙古文标题须用传统蒙古文");
    expect(bad.body).toContain("请填写蒙古文正文。");
    const saved = await s["demo-clerk"]!.post(url(), { _csrf: csrf, title: TITLE, body: BODY, summary: "" });
    expect(saved.statusCode).toBe(303);
    const draft = await s["demo-clerk"]!.get(url());
    expect(draft.body).toContain("正在办理：第 1 稿（草稿）");
    expect(draft.body).toContain(">提交审核</button>");
    expect(draft.body).not.toContain(">审核通过</button>");
    const sub = await s["demo-clerk"]!.post(`${url()}/actions`, { _csrf: csrf, action: "submit" });
    expect(sub.statusCode).toBe(303);
  });

  it("a reviewer finds it in the queue and approves it; the clerk cannot", async () => {
    const queue = await s["demo-reviewer"]!.get("/admin/mn?queue=review");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(TITLE);
    expect(queue.body).toContain(`href="${url()}"`);
    expect((await s["demo-clerk"]!.get(url())).body).not.toContain(">审核通过</button>");
    const page = await s["demo-reviewer"]!.get(url());
    expect(page.body).toContain(">审核通过</button>");
    expect(page.body).toContain(">退回修改</button>");
    const csrf = await s["demo-reviewer"]!.csrfFrom(url());
    const noReason = await s["demo-reviewer"]!.post(`${url()}/actions`, {
      _csrf: csrf,
      action: "reject",
      note: "",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("退回时请写明原因。");
    const ok = await s["demo-reviewer"]!.post(`${url()}/actions`, { _csrf: csrf, action: "approve" });
    expect(ok.statusCode).toBe(303);
    const after = await s["demo-reviewer"]!.get(url());
    expect(after.body).toContain("审核通过。");
    expect(after.body).toContain(TITLE);
  });
});
