import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { multipartBody } from "../publishing/attachments/attachments.test-helpers";

// Table 二 figures of many organisations from the Excel template: the template lists the organisations the user
// enters figures for (prefilled); a file with bad cells is refused with every one named by row and column and
// nothing saved (not even its good rows); a clean file (xlsx or CSV) replaces every listed organisation's
// figures in one go, audited; a department's clerk may import only their own organisation.
const clock = fixedClock("2026-02-10T02:00:00Z");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = [
  "机构代码",
  "机构名称",
  "行政许可",
  "行政处罚",
  "行政强制",
  "行政事业性收费（万元）",
  "规章本年制发",
  "规章本年废止",
  "规章现行有效",
];

async function xlsx(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表二数据");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDialect(
  "annual report: table 二 figures imported from Excel",
  (ctx) => {
    let app: AppInstance;
    let s: Session;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      for (const u of ["demo-office", "demo-zjj-clerk", "demo-reviewer"]) tokens[u] = await tokenFor(ctx, u);
    }, 120_000);
    afterAll(async () => app?.close());

    const apiUpload = (who: string, filename: string, data: Buffer, contentType = XLSX) => {
      const mp = multipartBody([{ name: "file", filename, contentType, data }]);
      return app.inject({
        method: "POST",
        url: "/api/v1/reports/annual/2025/figures/import",
        headers: { ...bearer(tokens[who]!), ...mp.headers },
        payload: mp.payload,
      });
    };
    const figures = async () =>
      ctx.deps.db.kysely
        .selectFrom("report_figures as f")
        .innerJoin("orgs as o", "o.id", "f.org_id")
        .select(["o.code", "f.licensing", "f.penalty", "f.coercion", "f.fees_fen", "f.regulations_in_force"])
        .where("f.year", "=", 2025)
        .orderBy("o.code")
        .execute();
    const audits = async () =>
      (
        await ctx.deps.db.kysely
          .selectFrom("audit_log")
          .select("summary")
          .where("action", "=", "report.figures")
          .execute()
      ).length;

    it("gives a template listing the organisations, documented, prefilled with what is entered", async () => {
      const put = await app.inject({
        method: "PUT",
        url: "/api/v1/reports/annual/2025/figures",
        headers: bearer(tokens["demo-office"]!),
        payload: { org: "gyx-zjj", licensing: 41, penalty: 3, coercion: 0, fees_wan_yuan: 1.25 },
      });
      expect(put.statusCode, put.body).toBe(200);
      const res = await app.inject({
        url: "/api/v1/reports/annual/2025/figures/template",
        headers: bearer(tokens["demo-office"]!),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const ws = wb.getWorksheet("表二数据")!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
      const codes: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) codes.push(String(row.getCell(1).value));
      });
      expect(codes).toContain("gyx");
      expect(codes).toContain("gyx-zfb");
      expect(codes.some((c) => c.startsWith("gyx-") && c.split("-").length > 2)).toBe(false);
      const zjj = codes.indexOf("gyx-zjj") + 2;
      expect((ws.getRow(zjj).values as unknown[]).slice(3, 7)).toEqual([41, 3, 0, 1.25]);
      expect(wb.getWorksheet("填写说明")!.rowCount).toBeGreaterThan(3);
      // the page explains the columns and links the template
      const page = await s.get("/admin/reports/annual/figures/import?year=2025");
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain("/admin/reports/annual/figures/template.xlsx?year=2025");
      expect(page.body).toContain("行政事业性收费（万元）");
      const viaPage = await s.get("/admin/reports/annual/figures/template.xlsx?year=2025");
      expect(viaPage.statusCode).toBe(200);
      expect(viaPage.headers["content-type"]).toBe(XLSX);
      const reviewer = await app.inject({
        url: "/api/v1/reports/annual/2025/figures/template",
        headers: bearer(tokens["demo-reviewer"]!),
      });
      expect(reviewer.statusCode).toBe(403);
    });

    it("names every bad cell by row and column and saves nothing, not even the good rows", async () => {
      const before = await figures();
      const auditsBefore = await audits();
      const bad = await xlsx([
        ["gyx-zfb", "县政府办", 12, 1, 0, 0.5, "", "", ""],
        ["gyx-nope", "不存在", 1, 1, 1, 1],
        ["gyx-zjj", "县住建局", -3, "很多", 2, "1.1234567"],
        ["gyx-zfb", "县政府办", 1, 1, 1, 1],
        ["gyx-rsj", "", "", 1, 1, 1, "1.5"],
      ]);
      const res = await apiUpload("demo-office", "figures.xlsx", bad);
      expect(res.statusCode, res.body).toBe(400);
      const details = res.json().error.details as Array<{ field: string; code: string; message: string }>;
      const byField = Object.fromEntries(details.map((d) => [d.field, d]));
      expect(byField["rows[3].org"]!.code).toBe("org_not_found");
      expect(byField["rows[4].licensing"]).toMatchObject({ code: "invalid_number" });
      expect(byField["rows[4].licensing"]!.message).toMatch(/^第4行“行政许可”：/);
      expect(byField["rows[4].penalty"]!.message).toMatch(/^第4行“行政处罚”：/);
      expect(byField["rows[4].fees_wan_yuan"]!.code).toBe("invalid_amount");
      expect(byField["rows[5].org"]!.code).toBe("duplicate_org");
      expect(byField["rows[5].org"]!.message).toContain("第2行");
      expect(byField["rows[6].licensing"]!.code).toBe("required");
      expect(byField["rows[6].regulations_made"]!.code).toBe("invalid_number");
      expect(details).toHaveLength(7);
      expect(await figures()).toEqual(before);
      expect(await audits()).toBe(auditsBefore);
      // the page lists the same problems, in Chinese, and keeps nothing
      const csrf = await s.csrfFrom("/admin/reports/annual/figures/import?year=2025");
      const page = await s.postMultipart("/admin/reports/annual/figures/import?year=2025", [
        { name: "_csrf", value: csrf },
        { name: "file", filename: "figures.xlsx", contentType: XLSX, data: bad },
      ]);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain("文件中有 7 处问题，未导入任何数据");
      expect(page.body).toContain("第3行“机构代码”：本站点没有代码为“gyx-nope”的机构。");
      // a header without the required columns; a file of the wrong type
      const noCols = await apiUpload(
        "demo-office",
        "f.xlsx",
        await xlsx([["gyx", 1]], ["机构代码", "行政许可"]),
      );
      expect(noCols.statusCode).toBe(400);
      expect(
        noCols
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["missing_column", "missing_column", "missing_column"]);
      const wrongType = await apiUpload("demo-office", "f.xls", Buffer.from("x"), "application/vnd.ms-excel");
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.details[0].code).toBe("file_type");
    });

    it("imports a clean file (xlsx through the page, CSV through the API) in one go, audited", async () => {
      const auditsBefore = await audits();
      const csrf = await s.csrfFrom("/admin/reports/annual/figures/import?year=2025");
      const good = await xlsx([
        ["gyx", "固阳县人民政府", 3412, 214, 11, 86.5, 0, 0, 0],
        ["gyx-zjj", "县住建局", 96, 12, 1, "0.35", "", "", ""],
      ]);
      const page = await s.postMultipart("/admin/reports/annual/figures/import?year=2025", [
        { name: "_csrf", value: csrf },
        { name: "file", filename: "figures.xlsx", contentType: XLSX, data: good },
      ]);
      expect(page.statusCode, page.body).toBe(303);
      expect(page.headers.location).toBe("/admin/reports/annual?year=2025");
      const rows = await figures();
      expect(rows.find((r) => r.code === "gyx")).toMatchObject({
        licensing: 3412,
        penalty: 214,
        coercion: 11,
      });
      expect(Number(rows.find((r) => r.code === "gyx")!.fees_fen)).toBe(86_500_000);
      expect(rows.find((r) => r.code === "gyx-zjj")).toMatchObject({ licensing: 96, penalty: 12 });
      expect(await audits()).toBe(auditsBefore + 2);
      const report = await app.inject({
        url: "/api/v1/reports/annual?year=2025",
        headers: bearer(tokens["demo-office"]!),
      });
      expect(report.json().table2).toMatchObject({ licensing: 3412 + 96, penalty: 226, coercion: 12 });
      // CSV with English keys, BOM, columns in another order
      const csv = "\uFEFFlicensing,org,penalty,coercion,fees_wan_yuan\n7,gyx-zfb,0,0,0\n";
      const api = await apiUpload("demo-office", "figures.csv", Buffer.from(csv, "utf8"), "text/csv");
      expect(api.statusCode, api.body).toBe(200);
      expect(api.json()).toMatchObject({ year: 2025, imported: [{ org: "gyx-zfb", licensing: 7 }] });
      // a department's clerk: their own organisation only
      const own = await apiUpload(
        "demo-zjj-clerk",
        "f.csv",
        Buffer.from(
          "机构代码,行政许可,行政处罚,行政强制,行政事业性收费（万元）\ngyx-zjj,100,1,1,1\ngyx-zfb,1,1,1,1\n",
        ),
        "text/csv",
      );
      expect(own.statusCode).toBe(400);
      expect(own.json().error.details).toEqual([
        expect.objectContaining({ field: "rows[3].org", code: "role_not_allowed" }),
      ]);
      expect((await figures()).find((r) => r.code === "gyx-zjj")!.licensing).toBe(96);
    });
  },
  { clock },
);
