import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { findApplicationRow } from "./applications.service";

const ID = "110101199003074514";
const PHONE = "13812345678";
// Thursday 20 March 2025, 10:00 in Beijing.
const clock = fixedClock("2025-03-20T02:00:00Z");

const paper = (over: Record<string, string> = {}) => ({
  channel: "registered_post",
  on: "2025-03-18",
  "applicant.type": "natural",
  "applicant.name": "王小明",
  "applicant.id_type": "resident_id",
  "applicant.id_number": ID,
  "applicant.phone": PHONE,
  "applicant.email": "wxm@example.com",
  "applicant.address": "固阳县金山镇阳光小区3号楼2单元501室",
  description: "申请公开固阳县2024年城乡低保资金发放情况（分镇统计表）。",
  delivery: "email",
  ...over,
});

describeEachDialect(
  "applications back office",
  (ctx) => {
    let app: AppInstance;
    const office = () => new Session(app);
    let s: Session;
    let csrf = "";
    let id = "";

    beforeAll(async () => {
      app = await buildTestApp(ctx);
      s = office();
      await s.login("demo-office", DEMO_PASSWORD);
    });
    afterAll(async () => app?.close());

    /** Registers a paper application through the form; returns its id. */
    async function register(form: Record<string, string>) {
      csrf = await s.csrfFrom("/admin/applications/new");
      const res = await s.post("/admin/applications/new", { _csrf: csrf, ...form });
      expect(res.statusCode, res.body).toBe(303);
      return /\/admin\/applications\/([^/?]+)$/.exec(res.headers.location as string)![1]!;
    }

    it("registers a paper application in a form and shows the tracking code and secret once", async () => {
      csrf = await s.csrfFrom("/admin/applications/new");
      const bad = await s.post("/admin/applications/new", {
        _csrf: csrf,
        ...paper({ "applicant.name": "", "applicant.id_number": "110101199003074515", on: "2025-03-21" }),
      });
      expect(bad.statusCode).toBe(400);
      for (const m of ["请填写申请人姓名或名称", "居民身份证号码不正确", "不能晚于今天"])
        expect(bad.body).toContain(m);

      const res = await s.post("/admin/applications/new", { _csrf: csrf, ...paper() });
      expect(res.statusCode, res.body).toBe(303);
      id = /\/admin\/applications\/([^/?]+)$/.exec(res.headers.location as string)![1]!;
      const page = await s.get(`/admin/applications/${id}`);
      expect(page.statusCode).toBe(200);
      const row = await findApplicationRow(ctx.deps, id);
      expect(row).toMatchObject({
        status: "handling",
        channel: "registered_post",
        received_on: "2025-03-18",
      });
      expect(page.body).toContain(`查询码：${row!.tracking_code}`);
      expect(page.body).toMatch(/查询密码：[A-Z2-9]{10}/);
      const again = await s.get(`/admin/applications/${id}`);
      expect(again.body).not.toContain("查询密码：");
    });

    it("shows the facts, the clock explanation line by line and, to the office, the applicant's ID", async () => {
      const page = (await s.get(`/admin/applications/${id}`)).body;
      expect(page).toContain("期限计算说明");
      expect(page).toMatch(/<ol class="clock-explanation mono"><li>[^<]*2025-03-18[^<]*收到申请/);
      // 20 working days after 18 March 2025, with the Qingming holiday (4–6 April): 16 April.
      expect(page).toContain("2025-04-16");
      expect(page).toContain("已用 2 个工作日");
      expect(page).toContain(ID);
      expect(page).toContain(PHONE);
      expect(page).toContain('name="action" value="request_correction"');
      expect(page).not.toContain('name="action" value="register"');
    });

    it("re-renders a refused step with every problem and changes nothing", async () => {
      const before = await findApplicationRow(ctx.deps, id);
      const res = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "request_correction",
        on: "2025-03-19",
        items: "",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain('href="#request_correction-items"');
      expect(res.body).toContain("请写明需要补正的事项");
      expect(await findApplicationRow(ctx.deps, id)).toEqual(before);

      const tooLong = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "extend",
        on: "2025-03-19",
        days: "21",
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain("延长的工作日数");
      expect(tooLong.body).toContain("请填写批准人");
      expect(tooLong.body).toContain('href="#extend-approved_by"');
    });

    it("takes a correction request and a reply through the forms", async () => {
      const corr = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "request_correction",
        on: "2025-03-19",
        items: "请写明所需统计表的年份",
      });
      expect(corr.statusCode, corr.body).toBe(303);
      expect((await findApplicationRow(ctx.deps, id))!.status).toBe("correction");
      const got = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "receive_correction",
        on: "2025-03-20",
      });
      expect(got.statusCode, got.body).toBe(303);
      const reply = await s.post(`/admin/applications/${id}/actions`, {
        _csrf: csrf,
        action: "reply",
        on: "2025-03-20",
        outcome: "withhold.third_party",
        note: "所申请的分镇名单含低保对象的身份证号码和家庭住址，属于个人隐私。",
      });
      expect(reply.statusCode, reply.body).toBe(303);
      const page = (await s.get(`/admin/applications/${id}`)).body;
      expect(page).toContain("已答复");
      expect(page).toContain("不予公开—保护第三方合法权益");
      expect(page).toContain("已按期答复");
      // Once replied, the only step left is recording how the reply reached the applicant.
      expect([...page.matchAll(/name="action" value="([a-z_]+)"/g)].map((m) => m[1])).toEqual([
        "record_delivery",
      ]);
      expect(page).toContain(`/admin/applications/${id}/letters/reply.docx`);
      expect(page).toContain(`/admin/applications/${id}/letters/correction.pdf`);
    });

    it("downloads the reply and correction letters as Word and PDF", async () => {
      const docx = await s.get(`/admin/applications/${id}/letters/reply.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers["content-type"]).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      expect(docx.headers["content-disposition"]).toContain("filename*=UTF-8''");
      const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
      // The county government's own reply (held by the root), reviewed by the city's government first (H5).
      const expected = [
        "固阳县人民政府",
        "王小明",
        "属于个人隐私",
        "第十五条",
        "先向包头市人民政府申请行政复议",
      ];
      for (const text of expected) expect(xml).toContain(text);
      expect(xml).not.toContain(ID);
      const corrDocx = await s.get(`/admin/applications/${id}/letters/correction.docx`);
      const corrXml = await (await JSZip.loadAsync(corrDocx.rawPayload))
        .file("word/document.xml")!
        .async("string");
      expect(corrXml).toContain("请写明所需统计表的年份");
      expect(corrXml).toContain("补正告知书");
      const pdf = await s.get(`/admin/applications/${id}/letters/correction.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect((await s.get(`/admin/applications/${id}/letters/extension.docx`)).statusCode).toBe(404);
      expect((await s.get(`/admin/applications/${id}/letters/secret.docx`)).statusCode).toBe(404);
    });

    it("queues by due date: overdue and due within 3 working days, with the dashboard's reminders", async () => {
      const late = await register(paper({ "applicant.name": "逾期甲", on: "2025-01-02" }));
      // 20 working days after 24 February 2025: Monday 24 March, 2 working days after today.
      const soon = await register(paper({ "applicant.name": "将到期乙", on: "2025-02-24" }));
      const overdue = (await s.get("/admin/applications?queue=overdue")).body;
      expect(overdue).toContain(`/admin/applications/${late}`);
      expect(overdue).not.toContain(`/admin/applications/${soon}`);
      const dueSoon = (await s.get("/admin/applications?queue=due_soon")).body;
      expect(dueSoon).toContain(`/admin/applications/${soon}`);
      expect(dueSoon).toContain("2025-03-24");
      expect(dueSoon).not.toContain(`/admin/applications/${late}`);
      const replied = (await s.get("/admin/applications?queue=replied")).body;
      expect(replied).toContain(`/admin/applications/${id}`);
      const byId = (await s.get(`/admin/applications?id_number=${ID}`)).body;
      for (const x of [id, late, soon]) expect(byId).toContain(`/admin/applications/${x}`);
      const byName = (await s.get(`/admin/applications?applicant=${encodeURIComponent("将到期")}`)).body;
      expect(byName).toContain(`/admin/applications/${soon}`);
      expect(byName).not.toContain(`/admin/applications/${late}`);
      const dash = (await s.get("/admin")).body;
      expect(dash).toContain("已逾期：1 件");
      expect(dash).toContain("3个工作日内到期：1 件");
      expect(dash).toContain(`/admin/applications/${soon}`);
    });

    it("exports the register to Excel without identity numbers or contacts", async () => {
      const res = await s.get("/admin/applications/export.xlsx?queue=all");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml.sheet");
      expect(res.headers["content-disposition"]).toMatch(
        /^attachment; filename="[^"]*\.xlsx"; filename\*=UTF-8''/,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
        "查询码",
        "申请人类型",
        "申请人",
        "收到渠道",
        "收到日期",
        "答复期限",
        "状态",
        "答复日期",
        "答复结果",
        "年报表三栏目",
      ]);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.rowCount).toBe(4);
      const cells: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
      const all = cells.join("\n");
      for (const secret of [ID, PHONE, "wxm@example.com", "阳光小区"]) expect(all).not.toContain(secret);
      expect(all).toContain("不予公开—保护第三方合法权益");
      expect(all).toContain("三（三）4");
    });

    it("lets an inspector read lists and details without the ID number, contacts or forms", async () => {
      const i = new Session(app);
      await i.login("demo-inspector", DEMO_PASSWORD);
      const list = await i.get("/admin/applications?queue=all");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`/admin/applications/${id}`);
      expect(list.body).not.toContain('name="id_number"');
      expect(list.body).not.toContain("/admin/applications/new");
      const page = await i.get(`/admin/applications/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("期限计算说明");
      for (const secret of [ID, PHONE, "wxm@example.com", "阳光小区"])
        expect(page.body).not.toContain(secret);
      expect(page.body).not.toContain("/actions");
      expect((await i.get("/admin/applications/new")).statusCode).toBe(403);
      const token = await i.csrfFrom(`/admin/applications/${id}`);
      const refused = await i.post(`/admin/applications/${id}/actions`, {
        _csrf: token,
        action: "assign",
        handler: "demo-inspector",
      });
      expect(refused.statusCode).toBe(403);
    });

    it("refuses clerks", async () => {
      const c = new Session(app);
      await c.login("demo-clerk", DEMO_PASSWORD);
      expect((await c.get("/admin/applications")).statusCode).toBe(403);
      expect((await c.get(`/admin/applications/${id}`)).statusCode).toBe(403);
      expect((await c.get("/admin/applications/export.xlsx")).statusCode).toBe(403);
      expect((await c.get(`/admin/applications/${id}/letters/reply.pdf`)).statusCode).toBe(403);
    });
  },
  { clock },
);
