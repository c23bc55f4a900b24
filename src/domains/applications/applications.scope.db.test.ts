// Issue 10, defects 1 and 2: an application is seen and handled only on its own site, and within a site only
// by the organisation that holds it (the county office sees every one; a department sees those assigned to it).
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import { shanghaiDateOf } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";

const PASSWORD = "Scope-Test-Pw-2026!";
const ID_NUMBER = "11010519491231002X";

describeEachDialect("applications are scoped to their site and holding organisation", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function apply(name: string): Promise<string> {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/applications",
      payload: {
        applicant: {
          type: "natural",
          name,
          id_number: ID_NUMBER,
          phone: "13912345678",
          address: "固阳县金山镇1号",
        },
        description: "请公开本县2025年农村公路养护资金的使用情况。",
        delivery: "post",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const found = await app.inject({
      url: `/api/v1/applications?tracking_code=${res.json().tracking_code}`,
      headers: bearer(tok.county!),
    });
    const id = found.json().items[0].id as string;
    const reg = await act(tok.county!, id, { action: "register", on: today() });
    expect(reg.statusCode, reg.body).toBe(200);
    return id;
  }
  const today = () => shanghaiDateOf(ctx.deps.clock.now());
  const act = (token: string, id: string, payload: Record<string, unknown>) =>
    app.inject({
      method: "POST",
      url: `/api/v1/applications/${id}/actions`,
      headers: bearer(token),
      payload,
    });

  beforeAll(async () => {
    app = await buildTestApp(ctx);
    const actor = systemActor("test");
    await createOtherSite(ctx);
    for (const [username, org] of [
      ["b-office", "oc-gov"],
      ["fin-office", "gyx-czj"],
      ["edu-office", "gyx-jyj"],
    ] as const) {
      await createUser(ctx.deps, actor, {
        username,
        name: username,
        orgCode: org,
        roles: ["office"],
        password: PASSWORD,
      });
      tok[username] = await tokenFor(ctx, username);
    }
    tok.county = await tokenFor(ctx, "demo-office");
    ids.fin = await apply("财政局申请人");
    ids.edu = await apply("教育局申请人");
    ids.open = await apply("未分办申请人");
    expect((await act(tok.county!, ids.fin!, { action: "assign", org: "gyx-czj" })).statusCode).toBe(200);
    expect((await act(tok.county!, ids.edu!, { action: "assign", org: "gyx-jyj" })).statusCode).toBe(200);
  });

  it("another site's office gets 404 for the row and its steps, and sees none of it in lists", async () => {
    const get = await app.inject({
      url: `/api/v1/applications/${ids.fin}`,
      headers: bearer(tok["b-office"]!),
    });
    expect(get.statusCode).toBe(404);
    expect(get.body).not.toContain("13912345678");
    const step = await act(tok["b-office"]!, ids.fin!, {
      action: "extend",
      days: 5,
      on: today(),
      note: "x",
    });
    expect(step.statusCode).toBe(404);
    const list = await app.inject({ url: "/api/v1/applications", headers: bearer(tok["b-office"]!) });
    expect(list.json().items).toEqual([]);
    const files = await app.inject({
      url: `/api/v1/applications/${ids.fin}/files`,
      headers: bearer(tok["b-office"]!),
    });
    expect(files.statusCode).toBe(404);
  });

  it("a department's office sees and handles only what is assigned to it", async () => {
    const fin = tok["fin-office"]!;
    const own = await app.inject({ url: `/api/v1/applications/${ids.fin}`, headers: bearer(fin) });
    expect(own.statusCode).toBe(200);
    expect(own.json().applicant.phone).toBe("13912345678");
    for (const other of [ids.edu!, ids.open!]) {
      expect(
        (await app.inject({ url: `/api/v1/applications/${other}`, headers: bearer(fin) })).statusCode,
      ).toBe(404);
      expect((await act(fin, other, { action: "extend", days: 5, on: today(), note: "x" })).statusCode).toBe(
        404,
      );
    }
    const list = await app.inject({ url: "/api/v1/applications", headers: bearer(fin) });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([ids.fin]);
    // Whether a person applied elsewhere in the county cannot be tested by identity number.
    const probe = await app.inject({
      url: `/api/v1/applications?id_number=${ID_NUMBER}`,
      headers: bearer(fin),
    });
    expect(probe.json().items.map((i: { id: string }) => i.id)).toEqual([ids.fin]);
    // Nor handed to a department it does not cover.
    const away = await act(fin, ids.fin!, { action: "assign", org: "gyx-jyj" });
    expect(away.statusCode).toBe(400);
    expect(away.json().error.details[0].code).toBe("org_not_allowed");
  });

  it("the county office sees every application of its site", async () => {
    const list = await app.inject({ url: "/api/v1/applications", headers: bearer(tok.county!) });
    const seen = list.json().items.map((i: { id: string }) => i.id);
    for (const id of [ids.fin, ids.edu, ids.open]) expect(seen).toContain(id);
  });

  it("the Excel register and the back-office queue hold only the department's own applicants", async () => {
    const s = new Session(app);
    expect((await s.login("fin-office", PASSWORD)).statusCode).toBe(303);
    const page = await s.get("/admin/applications?queue=all");
    expect(page.body).toContain("财政局申请人");
    expect(page.body).not.toContain("教育局申请人");
    expect(page.body).not.toContain("未分办申请人");
    const other = await s.get(`/admin/applications/${ids.edu}`);
    expect(other.statusCode).toBe(404);
    const xlsx = await s.get("/admin/applications/export.xlsx?queue=all");
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((row) => names.push(String(row.getCell(3).value)));
    expect(names).toContain("财政局申请人");
    expect(names).not.toContain("教育局申请人");
    expect(names).not.toContain("未分办申请人");
  });

  it("a handler from another site or department cannot be assigned", async () => {
    const res = await act(tok.county!, ids.open!, { action: "assign", handler: "b-office" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].code).toBe("user_not_found");
    const wrong = await act(tok.county!, ids.edu!, { action: "assign", handler: "fin-office" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].code).toBe("handler_not_eligible");
  });

  it("refuses an impossible period for the Art. 44 list instead of echoing it", async () => {
    const res = await app.inject({
      url: "/api/v1/applications/repeated?from=2026-02-30&to=2026-12-31",
      headers: bearer(tok.county!),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: "from", code: "invalid_date" }),
    ]);
  });
});
