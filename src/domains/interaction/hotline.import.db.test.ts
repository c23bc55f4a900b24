import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";

// 12345's export uploaded by the office: a real .xlsx (exceljs) and a CSV with a BOM and English keys, read in
// the file worker; every bad row named by row and column, nothing saved until a clean file is confirmed; the
// confirmation imports in one transaction and a number seen before is updated, never duplicated.
const clock = fixedClock("2026-03-10T02:00:00Z");
const HEADER = [
  "工单编号",
  "诉求类型",
  "标题",
  "诉求内容",
  "来电人",
  "联系电话",
  "派单日期",
  "承办单位",
  "满意度",
];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("工单");
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDialect(
  "12345 hotline: uploading 12345's export",
  (ctx) => {
    let app: AppInstance;
    let s: Session;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
    });
    afterAll(async () => app?.close());

    const upload = async (filename: string, data: Buffer, contentType: string) => {
      const csrf = await s.csrfFrom("/admin/hotline/import");
      return s.postMultipart("/admin/hotline/import", [
        { name: "_csrf", value: csrf },
        { name: "file", filename, contentType, data },
      ]);
    };
    const count = async (table: "hotline_tickets" | "hotline_imports") =>
      Number(
        (
          await ctx.deps.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    it("names every bad row's column in Chinese and saves nothing", async () => {
      const bad = await xlsx([
        [
          "GY001",
          "咨询",
          "社保卡补办",
          "社保卡丢失如何补办？",
          "甲来电",
          "13912345611",
          new Date("2026-03-02"),
          "县人社局",
          "",
        ],
        [
          "GY002",
          "闲聊",
          "<script>x</script>标题",
          "内容",
          "乙来电",
          "12345",
          "2026-13-01",
          "不存在单位",
          "很好",
        ],
        ["GY001", "投诉", "重复", "重复的工单编号", "", "", "2026-03-03", "", ""],
      ]);
      const res = await upload("export.xlsx", bad, XLSX);
      expect(res.statusCode).toBe(400);
      for (const text of [
        "第3行“诉求类型”",
        "第3行“联系电话”",
        "第3行“派单日期”",
        "第3行“承办单位”",
        "第3行“满意度”",
        "第4行“工单编号”：与第2行的工单编号“GY001”重复",
      ])
        expect(res.body).toContain(text);
      expect(res.body).not.toContain("<script>x</script>");
      expect(res.body).not.toContain("确认导入</button>");
      expect(await count("hotline_tickets")).toBe(0);
      expect(await count("hotline_imports")).toBe(0);
    });

    it("imports a clean .xlsx after the preview, in one go", async () => {
      const good = await xlsx([
        [
          "GY001",
          "咨询",
          "社保卡补办",
          "社保卡丢失如何补办？",
          "甲来电",
          "13912345611",
          new Date("2026-03-02"),
          "县人社局",
          "",
        ],
        [
          "GY002",
          "举报",
          "夜间施工扰民",
          "北环路工地夜间施工。",
          "乙来电",
          "0472-8123456",
          "2026/3/3",
          "gyx-zjj",
          "",
        ],
      ]);
      const res = await upload("export.xlsx", good, XLSX);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("确认导入");
      const importId = /name="import_id" value="([^"]+)"/.exec(res.body)![1]!;
      const staged = await ctx.deps.db.kysely
        .selectFrom("hotline_imports")
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(staged.rows_enc).not.toContain("甲来电");
      const csrf = await s.csrfFrom("/admin/hotline/import");
      const done = await s.post("/admin/hotline/import/confirm", { _csrf: csrf, import_id: importId });
      expect(done.statusCode).toBe(303);
      expect(await count("hotline_tickets")).toBe(2);
      const again = await s.post("/admin/hotline/import/confirm", { _csrf: csrf, import_id: importId });
      expect(again.statusCode).toBe(409);
      const msgs = await ctx.deps.db.kysely
        .selectFrom("messages")
        .select(["type", "received_on", "name_enc"])
        .where("channel", "=", "hotline")
        .orderBy("received_on")
        .execute();
      expect(msgs.map((m) => [m.type, m.received_on])).toEqual([
        ["consult", "2026-03-02"],
        ["complain", "2026-03-03"],
      ]);
      expect(JSON.stringify(msgs)).not.toContain("来电");
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "hotline.import")
        .execute();
      expect(audit).toHaveLength(1);
    });

    it("reads a CSV with a BOM and English keys; a known number is updated, not duplicated", async () => {
      const csv =
        "\uFEFFticket_no,type,title,body,caller_name,caller_phone,dispatched_on,org,satisfaction\r\n" +
        'GY001,consult,社保卡补办,"社保卡丢失如何补办？",甲来电,13912345611,2026-03-02,县人社局,满意\r\n' +
        'GY003,help,"供暖""不热""",暖气不热，请求帮助。,,,2026-03-05,,\r\n';
      const res = await upload("export.csv", Buffer.from(csv, "utf8"), "text/csv");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("更新");
      expect(res.body).toContain("新增");
      expect(res.body).toContain("供暖&#34;不热&#34;");
      expect(res.body).toContain("<td>求助</td>");
      const importId = /name="import_id" value="([^"]+)"/.exec(res.body)![1]!;
      const csrf = await s.csrfFrom("/admin/hotline/import");
      expect(
        (await s.post("/admin/hotline/import/confirm", { _csrf: csrf, import_id: importId })).statusCode,
      ).toBe(303);
      expect(await count("hotline_tickets")).toBe(3);
      const t = await ctx.deps.db.kysely
        .selectFrom("hotline_tickets")
        .select("satisfaction")
        .where("ticket_no", "=", "GY001")
        .executeTakeFirstOrThrow();
      expect(t.satisfaction).toBe("satisfied");
    });

    it("refuses a file that is not .xlsx or .csv, and a CSV that is not UTF-8", async () => {
      const other = await upload("export.xls", Buffer.from("x"), "application/vnd.ms-excel");
      expect(other.statusCode).toBe(400);
      expect(other.body).toContain("Excel（.xlsx）或 CSV");
      const gbk = await upload("export.csv", Buffer.from([0xb9, 0xa4, 0xb5, 0xa5, 0x0a]), "text/csv");
      expect(gbk.statusCode).toBe(400);
      expect(gbk.body).toContain("UTF-8");
    });
  },
  { clock },
);
