import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { bombDocx } from "../../platform/files/files.test-helpers";
import type { AppInstance } from "../../web/types";
import { multipartBody } from "../publishing/attachments/attachments.test-helpers";

// The services' Excel layout, round trip: the demo catalogue exported and imported again unchanged changes
// nothing (no version, no audit entry, the preview counts no change); one changed cell makes exactly one
// change, a version being edited through the review path; bad files (sheets, columns, codes, organisations,
// duplicates, not a workbook, too large, a zip bomb) are refused with every problem named and store nothing;
// a department's clerk cannot change another department's items.
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DECISION = "固政发〔2026〕40号 关于调整政务服务事项的决定";

async function edit(data: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The column of a header (row 1) in a sheet. */
const col = (ws: ExcelJS.Worksheet, header: string) => {
  let found = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.text === header) found = n;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
};

describeEachDialect("government services: Excel export and import", (ctx) => {
  let app: AppInstance;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    for (const u of ["demo-office", "demo-clerk", "demo-zjj-clerk", "demo-reviewer"])
      tokens[u] = await tokenFor(ctx, u);
  }, 180_000);
  afterAll(async () => app?.close());

  const exportAs = async (who: string, query = "") => {
    const res = await app.inject({
      url: `/api/v1/services/export.xlsx${query}`,
      headers: bearer(tokens[who]!),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toContain(XLSX);
    return res.rawPayload;
  };
  const upload = (
    who: string,
    data: Buffer,
    fields: Record<string, string> = {},
    filename = "services.xlsx",
  ) => {
    const mp = multipartBody([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: "file", filename, contentType: XLSX, data },
    ]);
    return app.inject({
      method: "POST",
      url: "/api/v1/services/import",
      headers: { ...bearer(tokens[who]!), ...mp.headers },
      payload: mp.payload,
    });
  };
  const state = async () => {
    const db = ctx.deps.db.kysely;
    const n = async (t: "service_items" | "service_item_versions" | "service_materials" | "audit_log") =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rev = await db
      .selectFrom("service_materials")
      .select((eb) => eb.fn.sum<number>("revision").as("r"))
      .executeTakeFirstOrThrow();
    return {
      items: await n("service_items"),
      versions: await n("service_item_versions"),
      materials: await n("service_materials"),
      audit: await n("audit_log"),
      revisions: Number(rev.r),
    };
  };
  const errorOf = (res: { body: string }) =>
    (JSON.parse(res.body) as { error: { code: string; details?: Array<{ code: string; message: string }> } })
      .error;
  const codes = (res: { body: string }) => errorOf(res).details?.map((d) => d.code) ?? [];

  it("exports the demo catalogue in the documented layout", async () => {
    const data = await exportAs("demo-office");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "事项",
      "办理流程",
      "常见问题",
      "材料",
      "事项材料",
      "说明",
    ]);
    const items = wb.getWorksheet("事项")!;
    expect(items.getRow(1).getCell(1).text).toBe("实施清单编码");
    expect(items.getRow(2).hidden).toBe(true);
    expect(items.getRow(2).getCell(1).text).toBe("impl_code");
    const published = await ctx.deps.db.kysely
      .selectFrom("service_items")
      .select("id")
      .where("status", "!=", "cancelled")
      .execute();
    expect(published.length).toBeGreaterThanOrEqual(40);
    expect(items.actualRowCount).toBe(published.length + 2);
    expect(wb.getWorksheet("材料")!.actualRowCount).toBeGreaterThan(10);
    expect(wb.getWorksheet("事项材料")!.actualRowCount).toBeGreaterThan(40);
    // One organisation: only its items.
    const one = new ExcelJS.Workbook();
    await one.xlsx.load((await exportAs("demo-office", "?org=gyx-zjj")) as unknown as ArrayBuffer);
    const orgCol = col(one.getWorksheet("事项")!, "实施主体代码");
    const orgs = new Set<string>();
    one.getWorksheet("事项")!.eachRow((r, n) => {
      if (n > 2) orgs.add(r.getCell(orgCol).text);
    });
    expect([...orgs]).toEqual(["gyx-zjj"]);
    // Anonymous: refused.
    expect((await app.inject({ url: "/api/v1/services/export.xlsx" })).statusCode).toBe(401);
  });

  it("round trip: the export imported again unchanged changes nothing, previewed as 0 changes", async () => {
    const data = await exportAs("demo-office");
    const before = await state();
    const dry = await upload("demo-office", data, { dry_run: "1" });
    expect(dry.statusCode, dry.body.slice(0, 1000)).toBe(200);
    const plan = JSON.parse(dry.body);
    expect(plan.counts.items.add + plan.counts.items.change).toBe(0);
    expect(plan.counts.materials.add + plan.counts.materials.change).toBe(0);
    expect(plan.counts.items.unchanged).toBeGreaterThanOrEqual(40);
    const real = await upload("demo-office", data, { decision: DECISION });
    expect(real.statusCode, real.body.slice(0, 1000)).toBe(200);
    expect(JSON.parse(real.body).applied).toBe(false);
    // Without a decision too: nothing to decide.
    expect((await upload("demo-office", data)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
    // The back office's preview says so.
    const s = new Session(app);
    await s.login("demo-office", DEMO_PASSWORD);
    const csrf = await s.csrfFrom("/admin/services/import");
    const signedIn = await state();
    const page = await s.postMultipart("/admin/services/import/preview", [
      { name: "_csrf", value: csrf },
      { name: "file", filename: "services.xlsx", contentType: XLSX, data },
    ]);
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    expect(page.body).toContain("事项新增 0、修改 0");
    expect(page.body).toContain("导入不会作任何修改");
    expect(await state()).toEqual(signedIn);
  });

  it("one changed cell makes exactly one change, a version being edited; imported again, nothing more", async () => {
    const data = await exportAs("demo-office");
    let impl = "";
    const changed = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      const row = ws.getRow(3);
      impl = row.getCell(col(ws, "实施清单编码")).text;
      const c = row.getCell(col(ws, "办理时间"));
      c.value = `${c.text}（周六上午延时服务）`;
    });
    const before = await state();
    const dry = await upload("demo-office", changed, { dry_run: "true" });
    expect(dry.statusCode, dry.body.slice(0, 1000)).toBe(200);
    const plan = JSON.parse(dry.body);
    expect(plan.counts.items).toMatchObject({ add: 0, change: 1 });
    expect(plan.counts.materials).toMatchObject({ add: 0, change: 0 });
    const entry = plan.items.find((i: { action: string }) => i.action === "change");
    expect(entry).toMatchObject({ impl_code: impl, row: 3, fields: ["办理时间"] });
    expect(await state()).toEqual(before);

    // A change needs its recorded decision.
    const noDecision = await upload("demo-office", changed);
    expect(noDecision.statusCode).toBe(400);
    expect(codes(noDecision)).toEqual(["decision_required"]);
    // Confirmed with another file than the one previewed: refused.
    const other = await upload("demo-office", data, { decision: DECISION, expect_sha256: plan.sha256 });
    expect(other.statusCode).toBe(409);
    expect(await state()).toEqual(before);

    const real = await upload("demo-office", changed, { decision: DECISION, expect_sha256: plan.sha256 });
    expect(real.statusCode, real.body.slice(0, 1000)).toBe(200);
    expect(JSON.parse(real.body).applied).toBe(true);
    const after = await state();
    expect(after).toMatchObject({
      items: before.items,
      materials: before.materials,
      versions: before.versions + 1,
    });
    const item = await ctx.deps.db.kysely
      .selectFrom("service_items")
      .selectAll()
      .where("impl_code", "=", impl)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe("published");
    const version = await ctx.deps.db.kysely
      .selectFrom("service_item_versions")
      .selectAll()
      .where("item_id", "=", item.id)
      .where("status", "=", "editing")
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ change_kind: "change", decision: DECISION });
    expect(JSON.parse(version.content_json).hours).toContain("周六上午延时服务");
    // The item in force is unchanged until the version is reviewed.
    expect(JSON.parse(item.content_json).hours).not.toContain("周六上午延时服务");
    const audits = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("seq", ">", 0)
      .orderBy("seq", "desc")
      .limit(after.audit - before.audit)
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(["service.import", "service.propose_change"]);

    // The export now shows the version being edited; imported again: nothing changes.
    const again = await exportAs("demo-office");
    const dry2 = JSON.parse((await upload("demo-office", again, { dry_run: "1" })).body);
    expect(dry2.counts.items.change + dry2.counts.items.add).toBe(0);
    expect((await upload("demo-office", again, { decision: DECISION })).statusCode).toBe(200);
    expect(await state()).toEqual(after);

    // Editing the same cell again edits that open version (no further version).
    const edited = await edit(again, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      ws.getRow(3).getCell(col(ws, "办理时间")).value = "工作日 8:30-17:30；周六 9:00-12:00";
    });
    const r3 = await upload("demo-office", edited, { decision: DECISION });
    expect(r3.statusCode, r3.body.slice(0, 500)).toBe(200);
    expect((await state()).versions).toBe(after.versions);
  });

  it("a changed material and a new one linked to an item, in one transaction", async () => {
    const data = await exportAs("demo-office");
    let impl = "";
    let materialName = "";
    const changed = await edit(data, (wb) => {
      const mats = wb.getWorksheet("材料")!;
      const row = mats.getRow(3);
      materialName = row.getCell(col(mats, "材料名称")).text;
      row.getCell(col(mats, "受理标准")).value = "内容完整、清晰，在有效期内（导入修改）";
      mats.addRow([
        "新1",
        "导入测试新增材料",
        "gyx-zfb",
        "",
        "必要",
        "纸质",
        "原件",
        1,
        "申请人自备",
        "",
        "",
        "真实有效",
        "",
      ]);
      const items = wb.getWorksheet("事项")!;
      impl = items.getRow(4).getCell(1).text;
      wb.getWorksheet("事项材料")!.addRow([impl, 99, "新1", "", "委托办理时"]);
    });
    const before = await state();
    const res = await upload("demo-office", changed, { decision: DECISION });
    expect(res.statusCode, res.body.slice(0, 1000)).toBe(200);
    const plan = JSON.parse(res.body);
    expect(plan.counts.materials).toMatchObject({ add: 1, change: 1 });
    expect(plan.counts.items).toMatchObject({ add: 0, change: 1 });
    expect(plan.materials.find((m: { action: string }) => m.action === "change")).toMatchObject({
      name: materialName,
      fields: ["受理标准"],
    });
    const after = await state();
    expect(after).toMatchObject({
      materials: before.materials + 1,
      revisions: before.revisions + 2,
      versions: before.versions + 1,
    });
    const fresh = await ctx.deps.db.kysely
      .selectFrom("service_materials")
      .select("id")
      .where("name", "=", "导入测试新增材料")
      .executeTakeFirstOrThrow();
    const item = await ctx.deps.db.kysely
      .selectFrom("service_items")
      .select("id")
      .where("impl_code", "=", impl)
      .executeTakeFirstOrThrow();
    const version = await ctx.deps.db.kysely
      .selectFrom("service_item_versions")
      .select("materials_json")
      .where("item_id", "=", item.id)
      .where("status", "=", "editing")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(version.materials_json).at(-1)).toEqual({
      material_id: fresh.id,
      condition: "委托办理时",
    });
    // And round trip again.
    const again = await exportAs("demo-office");
    expect((await upload("demo-office", again, { decision: DECISION })).statusCode).toBe(200);
    expect(await state()).toEqual(after);
  });

  it("refuses bad files with every problem named, storing nothing", async () => {
    const data = await exportAs("demo-office");
    const before = await state();
    const refused = async (file: Buffer, status: number, expected: string[], filename?: string) => {
      const res = await upload("demo-office", file, { decision: DECISION }, filename);
      expect(res.statusCode, res.body.slice(0, 800)).toBe(status);
      const got = codes(res);
      const body = errorOf(res);
      for (const c of expected) expect([body.code, ...got], res.body.slice(0, 800)).toContain(c);
      for (const d of body.details ?? []) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      return body;
    };
    // Wrong sheet names.
    const renamed = await edit(data, (wb) => {
      wb.getWorksheet("事项")!.name = "Items";
      wb.getWorksheet("材料")!.name = "材料目录";
    });
    const r1 = await refused(renamed, 400, ["missing_sheet"]);
    expect(r1.details!.map((d) => d.message).join()).toContain("没有“事项”工作表");
    expect(r1.details).toHaveLength(2);
    // A missing column.
    const noName = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      const at = col(ws, "事项名称");
      ws.getRow(1).getCell(at).value = "名称";
      ws.getRow(2).getCell(at).value = "";
    });
    const r2 = await refused(noName, 400, ["missing_column"]);
    expect(r2.details![0]!.message).toContain("缺少“事项名称”列");
    // Bad codes, an unknown organisation, duplicate codes, a bad number: each named by sheet, row, column.
    const bad = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      ws.getRow(3).getCell(col(ws, "实施清单编码")).value = "编码!!";
      ws.getRow(4).getCell(col(ws, "实施主体代码")).value = "no-such-org";
      ws.getRow(6).getCell(col(ws, "实施清单编码")).value = ws
        .getRow(5)
        .getCell(col(ws, "实施清单编码")).text;
      ws.getRow(7).getCell(col(ws, "法定办结时限")).value = "二十";
      const mats = wb.getWorksheet("材料")!;
      mats.getRow(3).getCell(col(mats, "材料编号")).value = "abc";
      mats.getRow(4).getCell(col(mats, "材料类型")).value = "扫描件";
    });
    const r3 = await refused(bad, 400, [
      "invalid_impl_code",
      "org_not_found",
      "duplicate_code",
      "invalid_statutory_limit",
      "invalid_material_code",
      "invalid_material_kind",
    ]);
    const messages = r3.details!.map((d) => d.message).join("\n");
    expect(messages).toContain("工作表“事项”第3行“实施清单编码”");
    expect(messages).toContain("工作表“事项”第4行“实施主体代码”：本站点没有代码为“no-such-org”的机构");
    expect(messages).toContain("工作表“事项”第6行“实施清单编码”");
    expect(messages).toContain("工作表“材料”第3行“材料编号”");
    // Not a workbook; a workbook under another name; too large; a zip bomb.
    await refused(Buffer.from("%PDF-1.4\n%%EOF\n"), 422, ["file_corrupt"]);
    await refused(data, 415, ["unsupported_type"], "services.csv");
    await refused(randomBytes(5 * 1024 * 1024 + 10), 413, ["file_too_large"]);
    await refused(await bombDocx(60), 422, ["file_too_complex"]);
    expect(await state()).toEqual(before);
  }, 120_000);

  it("a stale export: a row changed since the export is refused, naming the row and what to do", async () => {
    const stale = await exportAs("demo-office");
    const setCell = (header: string, text: string) => (wb: ExcelJS.Workbook) => {
      const ws = wb.getWorksheet("事项")!;
      ws.getRow(5).getCell(col(ws, header)).value = text;
    };
    // Someone changes row 5's item after the export was taken.
    const first = await upload("demo-office", await edit(stale, setCell("办理时间", "工作日 9:00-17:00")), {
      decision: DECISION,
    });
    expect(first.statusCode, first.body.slice(0, 500)).toBe(200);
    const before = await state();
    // The old file, with another change to that row, would silently undo it: refused as a whole.
    const res = await upload(
      "demo-office",
      await edit(stale, setCell("办理地点", "固阳县政务服务中心三楼")),
      {
        decision: DECISION,
      },
    );
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(["changed_since_export"]);
    const msg = errorOf(res).details![0]!.message;
    expect(msg).toContain("工作表“事项”第5行");
    expect(msg).toContain("在导出这个文件之后已被修改");
    expect(msg).toContain("请重新导出");
    // The old file unchanged would undo it too; a fresh export with the same change is fine.
    expect(codes(await upload("demo-office", stale, { dry_run: "1" }))).toEqual(["changed_since_export"]);
    const fresh = await edit(await exportAs("demo-office"), setCell("办理地点", "固阳县政务服务中心三楼"));
    const ok = await upload("demo-office", fresh, { dry_run: "1" });
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(200);
    expect(JSON.parse(ok.body).counts.items.change).toBe(1);
    expect(await state()).toEqual(before);
  });

  it("a department's clerk changes only their own department's items", async () => {
    const data = await exportAs("demo-zjj-clerk");
    const all = await exportAs("demo-office");
    let own = 0;
    let foreign = 0;
    const changeRow = (which: "own" | "foreign") => (wb: ExcelJS.Workbook) => {
      const ws = wb.getWorksheet("事项")!;
      const orgCol = col(ws, "实施主体代码");
      own = 0;
      foreign = 0;
      ws.eachRow((r, n) => {
        const mine = r.getCell(orgCol).text === "gyx-zjj";
        if (n > 2 && mine && !own) own = n;
        if (n > 2 && !mine && !foreign) foreign = n;
      });
      ws.getRow(which === "own" ? own : foreign).getCell(col(ws, "办理地点")).value =
        "固阳县政务服务中心二楼";
    };
    const before = await state();
    // The whole catalogue unchanged, other departments' items included, is no problem.
    const same = await upload("demo-zjj-clerk", all, { dry_run: "1" });
    expect(same.statusCode, same.body.slice(0, 500)).toBe(200);
    const foreignChanged = await edit(all, changeRow("foreign"));
    expect(foreign).toBeGreaterThan(2);
    const res = await upload("demo-zjj-clerk", foreignChanged, { decision: DECISION });
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(["org_not_allowed"]);
    expect(errorOf(res).details![0]!.message).toContain(`工作表“事项”第${foreign}行`);
    // Their own department's item: previewed as one change.
    const ownChanged = await edit(data, changeRow("own"));
    expect(own).toBeGreaterThan(2);
    const mine = await upload("demo-zjj-clerk", ownChanged, { dry_run: "1" });
    expect(mine.statusCode, mine.body.slice(0, 500)).toBe(200);
    expect(JSON.parse(mine.body).counts.items.change).toBe(1);
    // A new item for another department: refused too.
    const added = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      const src = ws.getRow(3).values as unknown[];
      const row = ws.addRow(src.slice(1));
      row.getCell(col(ws, "实施清单编码")).value = "150222-IMPORT-0001";
      row.getCell(col(ws, "实施主体代码")).value = "gyx-zfb";
      wb.getWorksheet("办理流程")!.addRow(["150222-IMPORT-0001", "办理流程", 1, "受理", 1, "是"]);
    });
    const res2 = await upload("demo-zjj-clerk", added, { decision: DECISION });
    expect(res2.statusCode).toBe(400);
    expect(codes(res2)).toContain("org_not_allowed");
    expect(await state()).toEqual(before);
    // The reviewer's role cannot import at all.
    expect((await upload("demo-reviewer", data)).statusCode).toBe(403);
  });

  it("adds a new item as a draft with version 1 being edited", async () => {
    const data = await exportAs("demo-office");
    const added = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      const src = ws.getRow(3).values as unknown[];
      const impl = ws.getRow(3).getCell(1).text;
      const row = ws.addRow(src.slice(1));
      row.getCell(col(ws, "实施清单编码")).value = "150222-IMPORT-0002";
      row.getCell(col(ws, "事项名称")).value = "导入新增的事项";
      const steps = wb.getWorksheet("办理流程")!;
      steps.addRow(["150222-IMPORT-0002", "办理流程", 1, "受理", 1, "是"]);
      steps.addRow(["150222-IMPORT-0002", "办理流程", 2, "办结", 5, "是"]);
      expect(impl).not.toBe("");
    });
    const before = await state();
    const res = await upload("demo-office", added, { decision: DECISION });
    expect(res.statusCode, res.body.slice(0, 800)).toBe(200);
    expect(JSON.parse(res.body).counts.items).toMatchObject({ add: 1, change: 0 });
    const after = await state();
    expect(after).toMatchObject({ items: before.items + 1, versions: before.versions + 1 });
    const item = await ctx.deps.db.kysely
      .selectFrom("service_items")
      .selectAll()
      .where("impl_code", "=", "150222-IMPORT-0002")
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: "draft", name: "导入新增的事项" });
    // Not public until reviewed.
    expect((await app.inject({ url: `/api/v1/services/${item.id}` })).statusCode).toBe(404);
    const again = await exportAs("demo-office");
    expect((await upload("demo-office", again)).statusCode).toBe(200);
    expect(await state()).toEqual(after);
  });

  it("the back office previews a change, asks for the decision, and imports on confirmation", async () => {
    const data = await exportAs("demo-office");
    const changed = await edit(data, (wb) => {
      const ws = wb.getWorksheet("常见问题")!;
      ws.getRow(3).getCell(col(ws, "解答")).value = "可以。请在工作日到大厅办理，或在网上提交。";
    });
    const s = new Session(app);
    await s.login("demo-office", DEMO_PASSWORD);
    const page = await s.get("/admin/services/import");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("导出 Excel");
    expect(page.body).toContain("工作表“事项材料”");
    const csrf = await s.csrfFrom("/admin/services/import");
    const file = { name: "file", filename: "services.xlsx", contentType: XLSX, data: changed };
    const before = await state();
    const preview = await s.postMultipart("/admin/services/import/preview", [
      { name: "_csrf", value: csrf },
      file,
    ]);
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    expect(preview.body).toContain("事项新增 0、修改 1");
    expect(preview.body).toContain("常见问题");
    const sha = /name="expect_sha256" value="([0-9a-f]{64})"/.exec(preview.body)?.[1];
    expect(sha).toBeDefined();
    const noDecision = await s.postMultipart("/admin/services/import", [
      { name: "_csrf", value: csrf },
      { name: "expect_sha256", value: sha! },
      { name: "decision", value: "" },
      file,
    ]);
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.body).toContain("须填写决定文号和名称");
    expect(await state()).toEqual(before);
    const done = await s.postMultipart("/admin/services/import", [
      { name: "_csrf", value: csrf },
      { name: "expect_sha256", value: sha! },
      { name: "decision", value: DECISION },
      file,
    ]);
    expect(done.statusCode, done.body.slice(0, 500)).toBe(303);
    expect(done.headers.location).toBe("/admin/services");
    expect((await s.get("/admin/services")).body).toContain("事项新增 0、修改 1");
    expect((await state()).versions).toBe(before.versions + 1);
    // A bad file: the page lists the problems.
    const bad = await s.postMultipart("/admin/services/import/preview", [
      { name: "_csrf", value: csrf },
      { ...file, data: Buffer.from("not a workbook") },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("文件已损坏或格式不正确");
  });

  it("two imports of the same file at once: one applies, the other changes nothing more", async () => {
    const data = await exportAs("demo-office");
    const changed = await edit(data, (wb) => {
      const ws = wb.getWorksheet("事项")!;
      const row = ws.addRow((ws.getRow(5).values as unknown[]).slice(1));
      row.getCell(col(ws, "实施清单编码")).value = "150222-IMPORT-RACE";
      row.getCell(col(ws, "事项名称")).value = "并发导入的事项";
      wb.getWorksheet("办理流程")!.addRow(["150222-IMPORT-RACE", "办理流程", 1, "受理", 1, "是"]);
      ws.getRow(8).getCell(col(ws, "咨询方式")).value = "0472-8129999";
    });
    const before = await state();
    const answers = await Promise.all([
      // Both from the office: a department clerk may not change other departments' rows, so a
      // clerk's import would be refused (400) whenever it reads before the office's commit.
      upload("demo-office", changed, { decision: DECISION }),
      upload("demo-office", changed, { decision: DECISION }),
    ]);
    for (const a of answers) expect([200, 409], a.body.slice(0, 300)).toContain(a.statusCode);
    const applied = answers.filter((a) => a.statusCode === 200 && JSON.parse(a.body).applied);
    expect(applied).toHaveLength(1);
    const after = await state();
    expect(after).toMatchObject({ items: before.items + 1, versions: before.versions + 2 });
    const imports = await ctx.deps.db.kysely
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "service.import")
      .where("seq", ">", 0)
      .execute();
    expect(imports.length).toBeGreaterThanOrEqual(1);
  });
});
