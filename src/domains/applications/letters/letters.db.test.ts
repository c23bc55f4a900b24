// Reply letters per replying organ (行政复议法 as revised in 2023): the review body, the remedies by outcome,
// the cited articles of a partial disclosure, and the site settings that decide them, through the API, the
// back office and the rendered Word and PDF files, on both engines.
import mammoth from "mammoth";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import { systemActor } from "../../../deps";
import { fixedClock } from "../../../platform/time";
import type { AppInstance } from "../../../web/types";
import { createOrg } from "../../orgs";
import { renderApplicationLetter } from "../applications.letters";
import { findApplicationRow } from "../applications.service";
import { preloadLetterFonts } from "./letter.pdf";

// Thursday 20 March 2025, 10:00 in Beijing.
const clock = fixedClock("2025-03-20T02:00:00Z");
const CITY = "包头市人民政府";
const COUNTY = "固阳县人民政府";
const ID = { id_type: "resident_id", id_number: "110101199003074514" };

let pdfjsReady: Promise<void> | undefined;
async function pdfText(data: Buffer): Promise<string> {
  const unpdf = await import("unpdf");
  pdfjsReady ??= unpdf.definePDFJSModule(() => import("unpdf/pdfjs"));
  await pdfjsReady;
  const doc = await unpdf.getDocumentProxy(new Uint8Array(data), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  });
  try {
    // One string without line breaks or the page numbers (— 1 —) a paragraph may run across.
    const { text } = await unpdf.extractText(doc, { mergePages: false });
    return (text as string[]).map((page) => page.replace(/\s+/g, "").replace(/—\d+—$/, "")).join("");
  } finally {
    void doc.destroy();
  }
}

describeEachDialect(
  "reply letters name the review body of the replying organ",
  (ctx) => {
    let app: AppInstance;
    let office = "";
    let admin = "";

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      admin = await tokenFor(ctx, "demo-admin");
      await preloadLetterFonts();
    }, 60_000);
    afterAll(async () => app?.close());

    const act = (id: string, payload: Record<string, unknown>) =>
      app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: { on: "2025-03-20", ...payload },
      });

    /** A paper application registered on 18 March; returns its id. */
    async function intake(opts: { delivery?: string; description?: string } = {}) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: {
          channel: "in_person",
          on: "2025-03-18",
          applicant: {
            type: "natural",
            name: "乌云其木格",
            phone: "13912345678",
            email: "w@example.com",
            ...ID,
          },
          description: opts.description ?? "请公开2024年城乡低保资金发放情况（含发放依据文件）。",
          delivery: opts.delivery ?? "pickup",
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    }

    /** A registered paper application held by `org` (the county government when absent), replied as given. */
    async function replied(
      reply: Record<string, unknown>,
      opts: { org?: string; delivery?: string; description?: string } = {},
    ) {
      const id = await intake(opts);
      if (opts.org) expect((await act(id, { action: "assign", org: opts.org })).statusCode).toBe(200);
      const r = await act(id, { action: "reply", ...reply });
      expect(r.statusCode, r.body).toBe(200);
      return id;
    }

    /** The reply letter's text as Word and PDF say it. */
    async function letterText(id: string) {
      const row = (await findApplicationRow(ctx.deps, id))!;
      const docx = await renderApplicationLetter(ctx.deps, row, "reply", "docx");
      const pdf = await renderApplicationLetter(ctx.deps, row, "reply", "pdf");
      const word = (await mammoth.extractRawText({ buffer: docx.body })).value;
      return { word, flatWord: word.replace(/\s+/g, ""), pdf: await pdfText(pdf.body) };
    }

    it("the county government's own reply: the city's government, review first for a withheld one", async () => {
      const id = await replied({ outcome: "withhold.state_secret", note: "该信息已依法确定为国家秘密。" });
      const { word, flatWord, pdf } = await letterText(id);
      expect(word).toContain(`应当自收到本答复之日起60日内先向${CITY}申请行政复议`);
      expect(word).toContain("自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼");
      expect(word).not.toContain("6个月");
      expect(word).not.toContain("上一级主管部门");
      expect(word).toContain("第十四条");
      expect(word).not.toMatch(/第十五条|第十六条/);
      // Issued in the county government's name; the quoted request does not double its full stop.
      expect(word).toContain(COUNTY);
      expect(word).not.toContain("人民政府办公室");
      expect(word).toContain("“请公开2024年城乡低保资金发放情况（含发放依据文件）”。");
      expect(word).not.toContain("。”。");
      // The PDF says the same: every paragraph of the Word file is in it.
      for (const line of word.split("\n").filter((l) => l.trim()))
        expect(pdf).toContain(line.replace(/\s+/g, ""));
      expect(pdf.length).toBeGreaterThanOrEqual(flatWord.length);
    });

    it("a county department's reply: the county government only, review or litigation", async () => {
      const id = await replied({ outcome: "disclose", note: "现提供发放汇总表。" }, { org: "gyx-mzj" });
      const { word, pdf } = await letterText(id);
      const remedies = `如对本答复不服，可以自收到本答复之日起60日内向${COUNTY}申请行政复议，也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼。`;
      expect(word).toContain(remedies);
      expect(pdf).toContain(remedies);
      expect(word).toContain("固阳县民政局");
      expect(word).not.toContain(CITY);
      expect(word).not.toContain("上一级主管部门");
    });

    it("a town government's reply: the county government", async () => {
      const id = await replied({ outcome: "unable.not_held" }, { org: "gyx-jsz" });
      const { word, pdf } = await letterText(id);
      expect(word).toContain(`60日内向${COUNTY}申请行政复议`);
      expect(word).toContain("固阳县金山镇人民政府");
      expect(pdf).toContain(`60日内向${COUNTY}申请行政复议`);
      expect(word).not.toContain(CITY);
    });

    it("a city department's county branch: the city's or the county's government; partial cites its ground", async () => {
      const id = await replied(
        {
          outcome: "partial",
          withheld_ground: "withhold.third_party",
          note: "名单中低保对象的身份证号码属于个人隐私。",
        },
        { org: "gyx-sthjj" },
      );
      const { word, pdf } = await letterText(id);
      expect(word).toContain("包头市生态环境局固阳县分局");
      expect(word).toContain(`先向${CITY}或者${COUNTY}申请行政复议`);
      expect(word).toContain("如对本答复中不予公开的部分不服");
      expect(word).toContain("如对本答复的其他内容不服");
      expect(word).toContain("不予公开的依据：《条例》第三十七条及第十五条");
      expect(word).not.toMatch(/第十四条|第十六条/);
      expect(pdf).toContain("不予公开的依据：《条例》第三十七条及第十五条");
      const row = await findApplicationRow(ctx.deps, id);
      expect(row?.withheld_ground).toBe("withhold.third_party");
    });

    it("the back office's reply form records the ground of the part withheld", async () => {
      const id = await intake();
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const page = (await s.get(`/admin/applications/${id}`)).body;
      expect(page).toContain('name="withheld_ground"');
      expect(page).toContain("部分公开：不予公开部分的依据");
      const csrf = await s.csrfFrom(`/admin/applications/${id}`);
      const wrong = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "reply",
        on: "2025-03-20",
        outcome: "disclose",
        withheld_ground: "withhold.process_info",
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("只有“部分公开”需要选择不予公开部分的依据");
      const ok = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "reply",
        on: "2025-03-20",
        outcome: "partial",
        withheld_ground: "withhold.process_info",
        note: "讨论记录属于过程性信息。",
      });
      expect(ok.statusCode, ok.body).toBe(303);
      expect((await findApplicationRow(ctx.deps, id))?.withheld_ground).toBe("withhold.process_info");
      const { word } = await letterText(id);
      expect(word).toContain("不予公开的依据：《条例》第三十七条及第十六条第二款（过程性信息）。");
    });

    it("refuses a withheld ground with any outcome but partial, and an unknown ground, saving nothing", async () => {
      const id = await intake({ delivery: "pickup", description: "请公开某项信息" });
      const wrong = await act(id, {
        action: "reply",
        outcome: "disclose",
        withheld_ground: "withhold.third_party",
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details.map((d: { code: string }) => d.code)).toContain(
        "ground_without_partial",
      );
      const unknown = await act(id, { action: "reply", outcome: "partial", withheld_ground: "secret" });
      expect(unknown.statusCode).toBe(400);
      expect((await findApplicationRow(ctx.deps, id))?.status).toBe("handling");
    });

    it("a vertically led organ: refused until its next-higher department is set, then named", async () => {
      const site = await ctx.deps.db.kysely
        .selectFrom("sites")
        .select("id")
        .where("code", "=", "guyang")
        .executeTakeFirstOrThrow();
      await createOrg(
        ctx.deps,
        systemActor("test"),
        { parent_code: "gyx", code: "gyx-sw", name: "国家税务总局固阳县税务局", kind: "department" },
        site.id,
      );
      const route = (body: Record<string, unknown>, token = admin) =>
        app.inject({
          method: "PUT",
          url: "/api/v1/orgs/gyx-sw/review-route",
          headers: bearer(token),
          payload: body,
        });
      const missing = await route({ route: "vertical" });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0].code).toBe("required");
      expect((await route({ route: "vertical", review_body: "x" }, office)).statusCode).toBe(403);
      const id = await replied({ outcome: "withhold.internal_affairs" }, { org: "gyx-sw" });
      // Marked vertical without a body is impossible through the API; a letter of an organ so stored fails clearly.
      await ctx.deps.db.kysely
        .updateTable("orgs")
        .set({ review_route: "vertical", review_body: null })
        .where("code", "=", "gyx-sw")
        .execute();
      const row = (await findApplicationRow(ctx.deps, id))!;
      const err = await renderApplicationLetter(ctx.deps, row, "reply", "docx").catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "review_body_missing", status: 409 });
      const ok = await route({ route: "vertical", review_body: "国家税务总局包头市税务局" });
      expect(ok.statusCode, ok.body).toBe(200);
      const { word } = await letterText(id);
      expect(word).toContain("先向国家税务总局包头市税务局申请行政复议");
      expect(word).toContain("第十六条第一款");
      expect(word).not.toContain(`${COUNTY}申请行政复议`);
    });

    it("without the parent government: the county's letters are refused clearly, the back office warns", async () => {
      const settings = (value: string, token = admin) =>
        app.inject({
          method: "PUT",
          url: "/api/v1/sites/current/letter-settings",
          headers: bearer(token),
          payload: { parent_government: value },
        });
      expect((await settings("", office)).statusCode).toBe(403);
      const bad = await settings("包头市");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].code).toBe("not_a_government");
      const cleared = await settings("");
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().parent_government).toBeNull();
      const root = cleared.json().organs.find((o: { code: string }) => o.code === "gyx");
      expect(root.problem).toContain("上一级人民政府名称");

      // A reply sent by e-mail carries the letter: refused before anything is saved.
      const id = await intake({ delivery: "email", description: "请公开某项信息" });
      const refused = await act(id, { action: "reply", outcome: "disclose" });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("parent_government_missing");
      expect((await findApplicationRow(ctx.deps, id))?.status).toBe("handling");
      // A department's letters do not need the setting.
      const dept = await replied({ outcome: "disclose" }, { org: "gyx-czj" });
      expect((await letterText(dept)).word).toContain(`60日内向${COUNTY}申请行政复议`);

      const s = new Session(app);
      await s.login("demo-admin", DEMO_PASSWORD);
      const dashboard = (await s.get("/admin")).body;
      expect(dashboard).toContain("答复书设置");
      expect(dashboard).toContain("尚未设置“上一级人民政府名称”");
      const page = await s.get("/admin/letter-settings");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("以下答复书目前无法生成");
      expect(page.body).toContain("包头市生态环境局固阳县分局");
      const csrf = await s.csrfFrom("/admin/letter-settings");
      const wrong = await s.post("/admin/letter-settings", { _csrf: csrf, parent_government: "包头<市>" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("不能包含换行或");
      const saved = await s.post("/admin/letter-settings", { _csrf: csrf, parent_government: CITY });
      expect(saved.statusCode, saved.body).toBe(303);
      const badRoute = await s.post("/admin/letter-settings/orgs/gyx-mzj", {
        _csrf: csrf,
        route: "vertical",
        review_body: "",
      });
      expect(badRoute.statusCode).toBe(400);
      expect(badRoute.body).toContain("垂直领导机关须填写上一级主管部门名称");
      expect(badRoute.body).toContain('aria-invalid="true"');
      expect((await s.get("/admin/letter-settings")).body).not.toContain("以下答复书目前无法生成");
      expect((await act(id, { action: "reply", outcome: "disclose" })).statusCode).toBe(200);

      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "summary"])
        .where("action", "in", ["site.parent_government", "org.review_route"])
        .orderBy("seq")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["site.parent_government", "org.review_route"]),
      );
      const last = audit.filter((a) => a.action === "site.parent_government").at(-1)!;
      expect(last.summary).toContain(CITY);
    }, 60_000);
  },
  { clock },
);
