import { beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { addDays } from "../../platform/calendar";
import { fixedClock, shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser, findCurrentUser } from "../accounts";
import { setUserEmail } from "../accounts/accounts.email";
import { minimalPdf } from "../publishing/attachments/attachments.test-helpers";
import { moderateComment, saveReport } from "./consultation.comments";
import { closeExpiredConsultations, REPORT_REMINDER_KIND, runConsultationDaily } from "./consultation.jobs";
import { performStep, periodDays } from "./consultation.service";

// 2026-12-07 10:00 in Shanghai.
const clock = fixedClock("2026-12-07T02:00:00Z");
const PHONE = "13912345678";

describeEachDialect(
  "public consultation (征求意见)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    const today = () => shanghaiDateOf(clock.now());

    const api = (method: "GET" | "POST" | "PATCH", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never);

    async function open(title: string, days = 30): Promise<string> {
      clock.set("2026-12-07T02:00:00Z");
      const created = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title,
        draft: "第一条 为了加强城乡生活垃圾分类管理，制定本办法。",
        major: true,
        start_on: today(),
        end_on: addDays(today(), days),
        ...(days < 30 ? { short_reason: "测试用较短期限。" } : {}),
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect(
        (await api("POST", `/api/v1/consultations/${id}/actions`, "demo-clerk", { action: "submit" }))
          .statusCode,
      ).toBe(200);
      const approved = await api("POST", `/api/v1/consultations/${id}/actions`, "demo-office", {
        action: "approve",
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().status).toBe("open");
      return id;
    }

    const comment = (id: string, body: string, extra: Record<string, string> = {}) =>
      api("POST", `/api/v1/consultations/${id}/comments`, undefined, { body, ...extra });

    const auditOf = (id: string) =>
      ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor_id", "actor_label"])
        .where("entity_id", "=", id)
        .orderBy("seq")
        .execute();

    const commentRows = (id: string) =>
      ctx.deps.db.kysely
        .selectFrom("consultation_comments")
        .select(["id", "number", "status", "name", "phone_enc", "body"])
        .where("consultation_id", "=", id)
        .orderBy("number")
        .execute();

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      await createOtherSite(ctx, [
        { username: "site-b-office", roles: ["office", "clerk"], password: "Site-B-Pw-2026!" },
      ]);
      await createUser(ctx.deps, systemActor("test"), {
        username: "dept-y-clerk",
        name: "财政信息员",
        orgCode: "gyx-czj",
        roles: ["clerk"],
        password: "Dept-Y-Pw-2026!",
      });
      for (const u of [
        "demo-clerk",
        "demo-office",
        "demo-reviewer",
        "demo-signer",
        "dept-y-clerk",
        "site-b-office",
      ])
        tok[u] = await tokenFor(ctx, u);
    });

    it("asks a major decision for 30 days or a public reason, naming every problem", async () => {
      clock.set("2026-12-07T02:00:00Z");
      const short = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "",
        draft: "草案",
        major: true,
        start_on: today(),
        end_on: addDays(today(), 29),
      });
      expect(short.statusCode).toBe(400);
      const codes = short.json().error.details.map((d: { code: string }) => d.code);
      expect(codes).toEqual(expect.arrayContaining(["title_required", "period_reason_required"]));
      const before = await ctx.deps.db.kysely.selectFrom("consultations").select("id").execute();
      const withReason = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "防汛应急预案（征求意见稿）",
        draft: "草案",
        major: true,
        start_on: today(),
        end_on: addDays(today(), 10),
        short_reason: "汛期临近，须在汛前印发。",
      });
      expect(withReason.statusCode, withReason.body).toBe(201);
      expect(withReason.json().short_reason).toBe("汛期临近，须在汛前印发。");
      const minor = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "一般事项（征求意见稿）",
        draft: "草案",
        start_on: today(),
        end_on: addDays(today(), 7),
        short_reason: "不需要",
      });
      expect(minor.statusCode).toBe(201);
      expect(minor.json().short_reason).toBeNull();
      const past = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "日期有误",
        draft: "草案",
        start_on: addDays(today(), -1),
        end_on: "2027-02-30",
      });
      expect(
        past
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["invalid_date", "start_in_past"]);
      const after = await ctx.deps.db.kysely.selectFrom("consultations").select("id").execute();
      expect(after.length).toBe(before.length + 2);
    });

    it("shows nothing before approval; moderated comments appear de-identified; closed refuses with 409", async () => {
      const id = await open("城乡生活垃圾分类管理办法（征求意见稿）");
      const sent = await comment(id, `我住在幸福小区，电话${PHONE}，建议增设厨余垃圾投放点。`, {
        name: "王小明",
        phone: PHONE,
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toEqual({ number: 1, status: "pending" });
      const [row] = await commentRows(id);
      expect(row!.phone_enc).not.toContain(PHONE);
      // Pending: not public.
      let page = await api("GET", `/api/v1/consultations/${id}`);
      expect(page.json().comments).toEqual([]);

      const moderate = await app.inject({
        method: "POST",
        url: `/api/v1/consultations/${id}/actions`,
        headers: bearer(tok["demo-clerk"]!),
        payload: { action: "close" },
      });
      // Closing before the last day needs a reason.
      expect(moderate.statusCode).toBe(400);
      expect(moderate.json().error.details[0].code).toBe("note_required");

      const clerk = await findCurrentUser(ctx.deps, "demo-clerk");
      await expect(
        moderateComment(ctx.deps, clerk!, id, row!.id, { decision: "hide" }),
      ).rejects.toMatchObject({ status: 400 });
      await moderateComment(ctx.deps, clerk!, id, row!.id, { decision: "approve" });
      page = await api("GET", `/api/v1/consultations/${id}`);
      const shown = page.json().comments[0];
      expect(shown.text).not.toContain(PHONE);
      expect(shown.text).toContain("139****5678");
      expect(shown.name).toBe("王**");
      const html = await app.inject({ url: `/hd/consultations/${id}` });
      expect(html.body).not.toContain(PHONE);
      expect(html.body).not.toContain("王小明");

      // After the last day: refused, clearly, and nothing stored.
      clock.set("2027-01-07T02:00:00Z");
      const late = await comment(id, "截止后才提交的意见内容。");
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe("consultation_closed");
      expect((await commentRows(id)).length).toBe(1);
      const closed = await api("POST", `/api/v1/consultations/${id}/actions`, "demo-clerk", {
        action: "close",
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json().status).toBe("closed");
    });

    it("answers another department and another site 404 for reads and writes", async () => {
      const id = await open("哨兵征求意见");
      const created = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "未发布的草稿",
        draft: "草案",
        start_on: today(),
        end_on: addDays(today(), 40),
      });
      const draftId = created.json().id as string;
      for (const who of ["dept-y-clerk", "site-b-office"]) {
        const r = await api("POST", `/api/v1/consultations/${id}/actions`, who, {
          action: "close",
          note: "x",
        });
        expect(r.statusCode, `${who} ${r.body}`).toBe(404);
        const d = await api("POST", `/api/v1/consultations/${draftId}/actions`, who, { action: "submit" });
        expect(d.statusCode).toBe(404);
      }
      // A role that cannot approve: 403, nothing changes.
      await api("POST", `/api/v1/consultations/${draftId}/actions`, "demo-clerk", { action: "submit" });
      const self = await api("POST", `/api/v1/consultations/${draftId}/actions`, "demo-clerk", {
        action: "approve",
      });
      expect(self.statusCode).toBe(403);
      // The public never sees a draft.
      expect((await api("GET", `/api/v1/consultations/${draftId}`)).statusCode).toBe(404);
      expect((await app.inject({ url: `/hd/consultations/${draftId}` })).statusCode).toBe(404);
      const list = await api("GET", "/api/v1/consultations");
      expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
      expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(draftId);
    });

    it("takes a comment sent while the department closes either whole or not at all", async () => {
      for (let round = 0; round < 6; round++) {
        const id = await open(`竞态测试${round}`);
        const [c, closed] = await Promise.all([
          comment(id, `第${round}轮同时提交的意见内容。`),
          api("POST", `/api/v1/consultations/${id}/actions`, "demo-clerk", {
            action: "close",
            note: "提前结束测试",
          }),
        ]);
        expect(closed.statusCode, closed.body).toBe(200);
        const rows = await commentRows(id);
        const count = await ctx.deps.db.kysely
          .selectFrom("consultations")
          .select("comment_count")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        if (c.statusCode === 201) expect(rows.length).toBe(1);
        else {
          expect(c.statusCode).toBe(409);
          expect(c.json().error.code).toBe("consultation_closed");
          expect(rows.length).toBe(0);
        }
        expect(Number(count.comment_count)).toBe(rows.length);
      }
    });

    it("takes documents through the file checks while a draft, serves them once published, and is found by search", async () => {
      clock.set("2026-12-07T02:00:00Z");
      const created = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "草原生态补奖资金管理办法（征求意见稿）",
        draft: "第一条 为规范草原生态保护补助奖励资金管理，制定本办法。",
        start_on: today(),
        end_on: addDays(today(), 30),
      });
      const id = created.json().id as string;
      const session = new Session(app);
      expect((await session.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const csrf = await session.csrfFrom(`/admin/consultations/${id}`);
      const fake = await session.postMultipart(`/admin/consultations/${id}/documents`, [
        { name: "_csrf", value: csrf },
        {
          name: "file",
          filename: "说明.pdf",
          data: Buffer.from("not a pdf at all"),
          contentType: "application/pdf",
        },
      ]);
      expect(fake.statusCode).toBeGreaterThanOrEqual(400);
      expect(fake.statusCode).toBeLessThan(500);
      const ok = await session.postMultipart(`/admin/consultations/${id}/documents`, [
        { name: "_csrf", value: csrf },
        {
          name: "file",
          filename: "起草说明.pdf",
          data: minimalPdf("Grassland subsidy draft"),
          contentType: "application/pdf",
        },
      ]);
      expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
      const docs = await ctx.deps.db.kysely
        .selectFrom("consultation_documents")
        .select(["id", "filename", "extracted_text"])
        .where("consultation_id", "=", id)
        .execute();
      expect(docs.map((d) => d.filename)).toEqual(["起草说明.pdf"]);
      expect(docs[0]!.extracted_text).toContain("Grassland subsidy draft");
      // Not public before approval.
      expect((await app.inject({ url: `/hd/consultations/${id}/documents/${docs[0]!.id}` })).statusCode).toBe(
        404,
      );
      await api("POST", `/api/v1/consultations/${id}/actions`, "demo-clerk", { action: "submit" });
      await api("POST", `/api/v1/consultations/${id}/actions`, "demo-office", { action: "approve" });
      const file = await app.inject({ url: `/hd/consultations/${id}/documents/${docs[0]!.id}` });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toContain("application/pdf");
      const found = await api("GET", `/api/v1/search?q=${encodeURIComponent("草原生态保护补助")}`);
      expect(found.json().items.map((i: { url: string }) => i.url)).toContain(`/hd/consultations/${id}`);
    });

    it("shows staff a draft through the API and lets the department edit it until it is submitted", async () => {
      clock.set("2026-12-07T02:00:00Z");
      const created = await api("POST", "/api/v1/consultations", "demo-clerk", {
        title: "农村饮水安全管理办法（草稿）",
        draft: "第一条 为保障农村饮水安全，制定本办法。",
        start_on: today(),
        end_on: addDays(today(), 20),
      });
      const id = created.json().id as string;
      const mine = await api("GET", `/api/v1/consultations/${id}`, "demo-clerk");
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json()).toMatchObject({ status: "draft", staff: { editable: true, actions: ["submit"] } });
      expect((await api("GET", `/api/v1/consultations/${id}`, "demo-office")).json().staff.editable).toBe(
        true,
      );
      // Another department, another site and the public: as if it did not exist.
      for (const who of ["dept-y-clerk", "site-b-office", undefined])
        expect((await api("GET", `/api/v1/consultations/${id}`, who)).statusCode).toBe(404);
      expect(
        (await api("PATCH", `/api/v1/consultations/${id}`, "dept-y-clerk", { title: "x" })).statusCode,
      ).toBe(404);

      // Every problem at once; nothing saved.
      const bad = await api("PATCH", `/api/v1/consultations/${id}`, "demo-clerk", {
        title: " ",
        major: true,
        start_on: addDays(today(), -3),
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["period_reason_required", "start_in_past", "title_required"]);
      const edited = await api("PATCH", `/api/v1/consultations/${id}`, "demo-clerk", {
        title: "农村饮水安全管理办法（征求意见稿）",
        end_on: addDays(today(), 35),
        major: true,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ title: "农村饮水安全管理办法（征求意见稿）", major: true });

      // The back office's edit form: the shared Field component, filled from the row.
      const session = new Session(app);
      expect((await session.login("demo-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      const page = await session.get(`/admin/consultations/${id}/edit`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('value="农村饮水安全管理办法（征求意见稿）"');
      const csrf = await session.csrfFrom(`/admin/consultations/${id}/edit`);
      const form = {
        _csrf: csrf,
        title: "农村饮水安全管理办法（征求意见稿·修改）",
        draft: "<p>第一条 为保障农村饮水安全，制定本办法。</p>",
        major: "yes",
        start_on: today(),
        end_on: addDays(today(), 10),
        short_reason: "",
      };
      const refused = await session.post(`/admin/consultations/${id}/edit`, {
        ...form,
        title: "长".repeat(201),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain("须说明理由");
      expect(refused.body).toContain("标题不能超过 200 个字");
      const saved = await session.post(`/admin/consultations/${id}/edit`, {
        ...form,
        end_on: addDays(today(), 31),
      });
      expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);

      await api("POST", `/api/v1/consultations/${id}/actions`, "demo-clerk", { action: "submit" });
      const late = await api("PATCH", `/api/v1/consultations/${id}`, "demo-clerk", { title: "再改" });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe("consultation_not_editable");
      expect((await session.get(`/admin/consultations/${id}/edit`)).statusCode).toBe(409);
      const row = await api("GET", `/api/v1/consultations/${id}`, "demo-clerk");
      expect(row.json()).toMatchObject({
        title: "农村饮水安全管理办法（征求意见稿·修改）",
        status: "submitted",
      });
      expect((await auditOf(id)).filter((a) => a.action === "consultation.edit").length).toBe(2);
    });

    it("closes a consultation past its last day by the daily job, once, and reminds the department of the report", async () => {
      const clerk = (await findCurrentUser(ctx.deps, "demo-clerk"))!;
      await setUserEmail(ctx.deps, systemActor("test"), clerk.id, "clerk@example.gov.cn");
      const id = await open("城市供热管理办法（征求意见稿）", 10);
      expect((await comment(id, "建议延长供暖期至次年四月。")).statusCode).toBe(201);
      clock.set("2026-12-18T02:00:00Z");
      // The day after the last: shown closed before the job has run.
      const shown = await api("GET", `/api/v1/consultations/${id}`);
      expect(shown.json()).toMatchObject({ status: "closed", accepting_comments: false });
      const result = await runConsultationDaily(ctx.deps);
      expect(result.date).toBe("2026-12-18");
      expect(result.closed).toBeGreaterThanOrEqual(1);
      expect(result.queued).toBeGreaterThanOrEqual(1);
      const stored = await ctx.deps.db.kysely
        .selectFrom("consultations")
        .select(["status", "closed_at", "close_note"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: "closed", close_note: null });
      expect(await auditOf(id)).toContainEqual({
        action: "consultation.auto_close",
        actor_id: null,
        actor_label: "征求意见期满自动结束",
      });
      const mail = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select(["subject", "body_text"])
        .where("kind", "=", REPORT_REMINDER_KIND)
        .where("recipient_user_id", "=", clerk.id)
        .execute();
      expect(mail.length).toBe(1);
      expect(mail[0]!.body_text).toContain("城市供热管理办法（征求意见稿）");
      expect(mail[0]!.body_text).toContain("1 条尚未审核");
      // Again the same day: nothing closed twice, no second mail.
      const again = await runConsultationDaily(ctx.deps);
      expect(again).toMatchObject({ closed: 0, queued: 0 });
      expect((await auditOf(id)).filter((a) => a.action.endsWith("close")).length).toBe(1);

      // The job and the department closing at the same moment: one close, one audit entry.
      clock.set("2026-12-07T02:00:00Z");
      const raced = await open("竞态自动结束", 5);
      clock.set("2026-12-14T02:00:00Z");
      const [auto, manual] = await Promise.allSettled([
        closeExpiredConsultations(ctx.deps),
        performStep(ctx.deps, clerk, raced, { action: "close" }),
      ]);
      expect(auto.status).toBe("fulfilled");
      const closes = (await auditOf(raced)).filter((a) => a.action.endsWith("close"));
      expect(closes.length).toBe(1);
      if (manual.status === "rejected")
        expect(manual.reason).toMatchObject({ code: "invalid_transition", status: 409 });
      else expect(closes[0]!.action).toBe("consultation.close");
    });

    it("groups the published feedback report's comments by adopted, partly adopted and not adopted", async () => {
      const id = await open("社区养老服务设施建设规划（征求意见稿）");
      for (const text of ["建议每个社区建设日间照料中心。", "建议增加助餐点。", "建议全部免费。"])
        expect((await comment(id, text)).statusCode).toBe(201);
      const clerk = (await findCurrentUser(ctx.deps, "demo-clerk"))!;
      const rows = await commentRows(id);
      for (const r of rows) await moderateComment(ctx.deps, clerk, id, r.id, { decision: "approve" });
      await performStep(ctx.deps, clerk, id, { action: "close", note: "测试提前结束" });
      const [a, b, c] = rows;
      await saveReport(ctx.deps, clerk, id, {
        summary: "共收到意见3条，采纳1条，部分采纳1条，未采纳1条。",
        decisions: {
          [a!.id]: { decision: "adopted", reason: "已写入规划第三条。" },
          [b!.id]: { decision: "partly", reason: "先在中心城区试点。" },
          [c!.id]: { decision: "not_adopted", reason: "超出财政承受能力。" },
        },
      });
      await performStep(ctx.deps, clerk, id, { action: "submit_report" });
      const office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      await performStep(ctx.deps, office, id, { action: "approve_report" });
      const json = (await api("GET", `/api/v1/consultations/${id}`)).json();
      expect(json.report.counts).toEqual({ adopted: 1, partly: 1, not_adopted: 1 });
      const html = (await app.inject({ url: `/hd/consultations/${id}` })).body;
      const order = ["采纳（1条）", "部分采纳（1条）", "未采纳（1条）", "超出财政承受能力。"].map((t) =>
        html.indexOf(t),
      );
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      const mn = (await app.inject({ url: `/mn/hd/consultations/${id}` })).body;
      expect(mn).toContain("超出财政承受能力。");
    });

    it("takes a comment through the public form, naming the spam defences and the comment's problems at once", async () => {
      const id = await open("牧区道路养护办法（征求意见稿）");
      const session = new Session(app);
      const page = await session.get(`/hd/consultations/${id}`);
      expect(page.statusCode).toBe(200);
      const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
      const m = /(.)加(.)等于几/.exec(page.body)!;
      const form = {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
        check_token: /name="check_token" value="([^"]+)"/.exec(page.body)![1]!,
        check_answer: String(NUM[m[1]!]! + NUM[m[2]!]!),
        body: "好",
        phone: "12345",
        website: "http://spam.example",
      };
      const bad = await session.post(`/hd/consultations/${id}/comments`, form);
      expect(bad.statusCode).toBe(400);
      for (const text of ["至少5个字", "联系电话格式不正确", "验证问题回答不正确"])
        expect(bad.body).toContain(text);
      expect((await commentRows(id)).length).toBe(0);
      const ok = await session.post(`/hd/consultations/${id}/comments`, {
        ...form,
        body: "建议雨季前完成砂石路面的修补。",
        phone: "+86 139 1234 5678",
        website: "",
      });
      expect(ok.statusCode, ok.body.slice(0, 300)).toBe(303);
      expect(ok.headers.location).toContain("sent=1");
      expect((await commentRows(id)).length).toBe(1);
    });

    it("numbers concurrent comments without gaps or duplicates", async () => {
      const id = await open("并发意见编号");
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => comment(id, `并发提交的第${i}条意见。`)),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect((await commentRows(id)).map((r) => Number(r.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });
  },
  { clock },
);

describe("period length", () => {
  it("does not count the first day", async () => {
    expect(periodDays("2026-12-07", "2027-01-06")).toBe(30);
  });
});
