// The normative-document ledger (issue 16 item 3) on both engines: no release without the legality review;
// registration numbers allocated once under concurrency; the public register (API, page, CSV) with its
// columns; a clean-up repealing two documents changes their pages, the register, site search and the annual
// report in the publishing transaction; filing-late and expiry alerts with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import { systemActor } from "../../deps";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { ledgerAlerts, runNormativeAlerts } from "./normative.alerts";
import { addDays, addMonths, alertsOf, DEFAULT_SETTINGS, expiryOf, renderNumber } from "./normative.rules";

const clock = fixedClock("2026-03-02T02:00:00Z");
const WHO = [
  "demo-clerk",
  "demo-reviewer",
  "demo-signer",
  "demo-office",
  "demo-county-reviewer",
  "demo-county-signer",
  "demo-jyj-clerk",
];

describe("ledger rules", () => {
  it("numbers, validity and alerts", () => {
    expect(renderNumber("GXXX-{YYYY}-{NNNN}", "2025", 1)).toBe("GXXX-2025-0001");
    expect(expiryOf("2026-03-01", 5)).toBe("2031-02-28");
    expect(expiryOf("2024-02-29", 2)).toBe("2026-02-27");
    expect(addMonths("2031-08-31", -6)).toBe("2031-02-28");
    expect(addDays("2026-12-25", 15)).toBe("2027-01-09");
    const s = { number_pattern: "X-{NNN}", ...DEFAULT_SETTINGS };
    const e = {
      validity: "valid",
      published_on: "2026-03-02",
      filing_due_on: "2026-03-17",
      filed_on: null,
      expires_on: "2028-03-01",
    };
    expect(alertsOf(e, "2026-03-17", s)).toEqual([]);
    expect(alertsOf(e, "2026-03-18", s)).toEqual(["filing_late"]);
    expect(alertsOf({ ...e, filed_on: "2026-03-10" }, "2027-09-01", s)).toEqual(["expiring"]);
    expect(alertsOf({ ...e, filed_on: "2026-03-10" }, "2028-03-02", s)).toEqual(["expired"]);
    expect(alertsOf({ ...e, filed_on: "2026-03-10", validity: "repealed" }, "2028-03-02", s)).toEqual([]);
  });
});

describeEachDialect(
  "normative-document ledger",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      for (const u of WHO) tok[u] = await tokenFor(ctx, u);
    }, 60_000);
    afterAll(async () => app?.close());

    const call = (method: "GET" | "POST" | "PUT", url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload: payload as object } : {}),
      });
    const act = (id: string, who: string, action: string) =>
      call("POST", `/api/v1/items/${id}/actions`, who, { action });
    const review = (id: string, who = "demo-clerk", over: Record<string, unknown> = {}) =>
      call("PUT", `/api/v1/normative/${id}/review`, who, {
        review_body: "固阳县司法局",
        reviewed_on: "2026-02-20",
        review_opinion: "同意提请集体讨论。",
        decision_body: "县政府第3次常务会议",
        decided_on: "2026-02-25",
        ...over,
      });
    let n = 0;
    /** A normative draft of the county government's office with its interpretation. */
    const draft = async (title: string) => {
      n++;
      const res = await call("POST", "/api/v1/items", "demo-clerk", {
        title,
        body: `${title}全文。`,
        kind: "normative",
        doc_number: `固政发〔2026〕${100 + n}号`,
        formed_on: "2026-02-26",
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const i = await call("POST", "/api/v1/items", "demo-clerk", {
        title: `《${title}》解读`,
        body: "一、背景",
        kind: "interpretation",
        interprets: id,
      });
      expect(i.statusCode, i.body).toBe(201);
      return id;
    };
    const toSigned = async (id: string) => {
      for (const [who, a] of [
        ["demo-clerk", "submit"],
        ["demo-reviewer", "approve"],
        ["demo-signer", "sign"],
      ] as const)
        expect((await act(id, who, a)).statusCode).toBe(200);
    };
    const publish = async (title: string) => {
      const id = await draft(title);
      expect((await review(id)).statusCode).toBe(200);
      await toSigned(id);
      const p = await act(id, "demo-signer", "publish");
      expect(p.statusCode, p.body).toBe(200);
      return id;
    };

    let first: string;
    it("refuses to release a 规范性文件 without its legality review, lists every problem of a review, then releases it", async () => {
      first = await draft("固阳县城乡居民临时救助暂行办法");
      await toSigned(first);
      const refused = await act(first, "demo-signer", "publish");
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("legality_review_missing");
      expect((await call("GET", `/api/v1/items/${first}`, "demo-signer")).json().status).toBe("signed");

      const bad = await review(first, "demo-clerk", {
        review_body: "",
        reviewed_on: "2026-02-30",
        review_opinion: "",
        decided_on: "2027-01-01",
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["future_date", "invalid_date", "required", "required"].sort());
      const early = await review(first, "demo-clerk", { decided_on: "2026-02-19" });
      expect(early.json().error.details[0].code).toBe("decision_before_review");
      expect((await review(first, "demo-jyj-clerk")).statusCode).toBe(404);
      expect((await review(first, "demo-reviewer")).statusCode).toBe(403);

      const ok = await review(first);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().registration_number).toMatch(/^GUYANG-2026-\d{4}$/);
      const again = await review(first, "demo-clerk", { review_opinion: "同意。" });
      expect(again.json().registration_number).toBe(ok.json().registration_number);

      const published = await act(first, "demo-signer", "publish");
      expect(published.statusCode, published.body).toBe(200);
      const entry = (await call("GET", `/api/v1/normative/${first}`, "demo-office")).json().entry;
      // 暂行: two years; filing within 15 days of publication (2026-03-02).
      expect(entry).toMatchObject({ filing_due_on: "2026-03-17", expires_on: "2028-03-01", filed_on: null });
    });

    it("allocates registration numbers once each, even when registered at the same moment", async () => {
      const ids = await Promise.all([1, 2, 3, 4, 5].map((i) => draft(`并发登记测试文件${i}`)));
      const res = await Promise.all(ids.map((id) => review(id)));
      expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      const numbers = res.map((r) => r.json().registration_number as string);
      expect(new Set(numbers).size).toBe(5);
      const rows = await ctx.deps.db.kysely
        .selectFrom("normative_entries")
        .select("registration_number")
        .execute();
      expect(new Set(rows.map((r) => r.registration_number)).size).toBe(rows.length);
    });

    it("raises the filing-late and expiry alerts with a fixed clock, once each, and a filing clears one", async () => {
      const site = (
        await ctx.deps.db.kysely
          .selectFrom("sites")
          .select("id")
          .where("code", "=", "guyang")
          .executeTakeFirstOrThrow()
      ).id;
      expect((await ledgerAlerts(ctx.deps, site, "2026-03-17")).filter((a) => a.item_id === first)).toEqual(
        [],
      );
      await ctx.deps.db.kysely
        .updateTable("users")
        .set({ email: "office@example.gov.cn" })
        .where("username", "=", "demo-office")
        .execute();
      const late = await runNormativeAlerts(ctx.deps, systemActor("test"), { date: "2026-03-18" });
      // The demo's 2020 work plan is late and expired too (registered, never filed): counted beside it.
      expect(late.sites.find((s) => s.site === "guyang")).toMatchObject({
        filing_late: 2,
        expired: 1,
        raised: 3,
        mailed: 1,
      });
      const raised = await ctx.deps.db.kysely
        .selectFrom("normative_alerts")
        .select(["kind", "about_on"])
        .where("item_id", "=", first)
        .execute();
      expect(raised).toEqual([{ kind: "filing_late", about_on: "2026-03-17" }]);
      const mail = await ctx.deps.db.kysely
        .selectFrom("mail_messages")
        .select(["subject", "body_text"])
        .where("kind", "=", "normative_alert")
        .execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]!.body_text).toContain("逾期未备案");
      expect(mail[0]!.body_text).toContain("城乡居民临时救助暂行办法");
      // The next day: still late, not raised again.
      expect(
        (await runNormativeAlerts(ctx.deps, systemActor("test"), { date: "2026-03-19" })).sites[0],
      ).toMatchObject({ raised: 0, mailed: 0 });
      const api = await call("GET", "/api/v1/normative/alerts", "demo-office");
      // Today (2026-03-02) this one is not late yet.
      expect(api.json().items.map((i: { item_id: string }) => i.item_id)).not.toContain(first);
      const filing = await call("PUT", `/api/v1/normative/${first}/filing`, "demo-clerk", {
        filed_on: "2026-03-02",
        filed_with: "包头市人民政府",
      });
      expect(filing.statusCode, filing.body).toBe(200);
      // Once filed, and once published, a clerk can no longer rewrite the filing or the review.
      const refile = await call("PUT", `/api/v1/normative/${first}/filing`, "demo-clerk", {
        filed_on: "2026-03-02",
        filed_with: "别的机关",
      });
      expect([refile.statusCode, refile.json().error.code]).toEqual([409, "normative_record_locked"]);
      const rereview = await review(first, "demo-clerk", { reviewed_on: "2026-02-21" });
      expect([rereview.statusCode, rereview.json().error.code]).toEqual([409, "normative_record_locked"]);
      expect((await ledgerAlerts(ctx.deps, site, "2026-03-18")).filter((a) => a.item_id === first)).toEqual(
        [],
      );
      // Six months before 2028-03-01 it is expiring; after it, expired without a clean-up.
      expect((await ledgerAlerts(ctx.deps, site, "2027-08-31")).filter((a) => a.item_id === first)).toEqual(
        [],
      );
      const expiring = await runNormativeAlerts(ctx.deps, systemActor("test"), { date: "2027-09-01" });
      expect(expiring.sites[0]).toMatchObject({ expiring: 1, raised: 1 });
      expect(
        (await ledgerAlerts(ctx.deps, site, "2028-03-02")).map((a) => [a.item_id, a.kind]),
      ).toContainEqual([first, "expired"]);
    });

    let a: string;
    let b: string;
    let c: string;
    it("a clean-up repealing two documents changes their pages, the register, search and the annual report at once", async () => {
      a = await publish("固阳县农村牧区饮水工程管理办法");
      b = await publish("固阳县城区停车场收费管理规定");
      c = await publish("固阳县公共租赁住房管理办法");
      const reportBefore = (await call("GET", "/api/v1/reports/annual?year=2026", "demo-office")).json()
        .table2.normative;
      const register = async (q = "") =>
        (await call("GET", `/api/v1/normative${q}`)).json().items as Array<{ id: string; validity: string }>;
      expect((await register()).filter((i) => [a, b, c].includes(i.id)).map((i) => i.validity)).toEqual([
        "valid",
        "valid",
        "valid",
      ]);

      const bad = await call("POST", "/api/v1/normative/cleanups", "demo-office", {
        title: "",
        entries: [
          { item: a, outcome: "maybe" },
          { item: "x", outcome: "repealed" },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["invalid_outcome", "not_a_published_normative", "required"]);
      expect(
        (
          await call("POST", "/api/v1/normative/cleanups", "demo-clerk", {
            title: "清理",
            entries: [{ item: a, outcome: "repealed" }],
          })
        ).statusCode,
      ).toBe(403);

      const created = await call("POST", "/api/v1/normative/cleanups", "demo-office", {
        title: "固阳县人民政府关于2026年规范性文件清理结果的公告",
        entries: [
          { item: a, outcome: "repealed" },
          { item: b, outcome: "repealed" },
          { item: c, outcome: "continue" },
        ],
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      // Two clicks at once draft the lists once.
      const both = await Promise.all([
        call("POST", `/api/v1/normative/cleanups/${id}/release`, "demo-office"),
        call("POST", `/api/v1/normative/cleanups/${id}/release`, "demo-office"),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const released = both.find((r) => r.statusCode === 200)!;
      expect(released.json().status).toBe("releasing");
      expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe("cleanup_already_released");
      const drafts = await ctx.deps.db.kysely
        .selectFrom("items")
        .select("id")
        .where("title", "=", "固阳县人民政府关于2026年规范性文件清理结果的公告")
        .execute();
      expect(drafts).toHaveLength(1);
      const list = released.json().list_item_id as string;
      // Nothing changes until the lists are published.
      expect((await register("?validity=repealed")).map((i) => i.id)).not.toContain(a);
      for (const [who, action] of [
        ["demo-office", "submit"],
        ["demo-county-reviewer", "approve"],
        ["demo-county-signer", "sign"],
        ["demo-county-signer", "publish"],
      ] as const) {
        const r = await act(list, who, action);
        expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
      }
      const listPage = await app.inject(`/gk/items/${list}`);
      expect(listPage.body).toContain("决定废止的规范性文件目录（2件）");
      expect((await register("?validity=repealed")).map((i) => i.id).sort()).toEqual([a, b].sort());
      expect((await register("?validity=valid")).map((i) => i.id)).toContain(c);
      for (const doc of [a, b]) {
        const page = await app.inject(`/gk/items/${doc}`);
        expect(page.body).toContain("已废止");
        expect(page.body).toContain(`/gk/items/${list}`);
        expect((await call("GET", `/api/v1/items/${doc}`)).json().validity).toBe("repealed");
      }
      const found = async (validity: string) =>
        (
          await call(
            "GET",
            `/api/v1/search?q=${encodeURIComponent("农村牧区饮水工程管理办法")}&validity=${validity}`,
          )
        )
          .json()
          .items.map((i: { id: string }) => i.id);
      expect(await found("repealed")).toContain(a);
      expect(await found("valid")).not.toContain(a);
      const html = await app.inject("/gk/normative-register?validity=repealed");
      expect(html.body).toContain("固阳县城区停车场收费管理规定");
      expect(html.body).not.toContain("固阳县公共租赁住房管理办法");
      const reportAfter = (await call("GET", "/api/v1/reports/annual?year=2026", "demo-office")).json().table2
        .normative;
      expect(reportAfter.repealed).toBe(reportBefore.repealed + 2);
      expect(reportAfter.in_force).toBe(reportBefore.in_force - 2);
      const cleanup = (await call("GET", `/api/v1/normative/cleanups/${id}`, "demo-office")).json();
      expect(cleanup.status).toBe("published");
      const audits = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "normative.cleanup_published")
        .execute();
      expect(audits).toHaveLength(1);
    });

    it("links amendments both ways and shows the register with its columns, filters and a CSV with a BOM", async () => {
      const link = await call("POST", `/api/v1/normative/${c}/links`, "demo-clerk", {
        relation: "amends",
        target: first,
      });
      expect(link.statusCode, link.body).toBe(201);
      expect(
        (await call("POST", `/api/v1/normative/${c}/links`, "demo-clerk", { relation: "eats", target: c }))
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["invalid_relation", "target_self"]);
      expect((await app.inject(`/gk/items/${first}`)).body).toContain(`/gk/items/${c}`);
      expect((await app.inject(`/gk/items/${c}`)).body).toContain(`/gk/items/${first}`);

      const page = await app.inject("/gk/normative-register");
      expect(page.statusCode).toBe(200);
      for (const col of [
        "标题",
        "发文机关",
        "发文字号",
        "索引号",
        "成文日期",
        "发布日期",
        "主题分类",
        "有效性",
        "登记编号",
      ])
        expect(page.body).toContain(col);
      const mn = await app.inject("/mn/gk/normative-register");
      expect(mn.statusCode).toBe(200);
      expect(mn.body).toContain("ᠳᠠᠩᠰᠠ");
      const csv = await app.inject("/gk/normative-register.csv?validity=repealed");
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.body).toContain(
        "标题,发文机关,发文字号,登记编号,索引号,成文日期,发布日期,主题分类,有效性,有效期至",
      );
      expect(csv.body).toContain("已废止");
      const api = await call("GET", "/api/v1/normative?org=gyx-zfb&year=2026");
      expect(api.json().items[0]).toMatchObject({
        org: { code: "gyx-zfb" },
        url: expect.stringMatching(/^\/gk\/items\//),
      });
      const badFilter = await call("GET", "/api/v1/normative?org=nope&year=2026");
      expect(badFilter.statusCode).toBe(400);
      expect(badFilter.json().error.details[0].code).toBe("org_not_found");
    });

    it("keeps the ledger for staff: the list with alerts, the Excel export, the rules", async () => {
      const xlsx = await app.inject({
        url: "/admin/normative/export.xlsx",
        headers: bearer(tok["demo-office"]!),
      });
      expect([200, 302, 303, 401]).toContain(xlsx.statusCode);
      const settings = await call("PUT", "/api/v1/normative/settings", "demo-office", {
        number_pattern: "GYXG-{YYYY}",
        validity_years: 0,
      });
      expect(settings.statusCode).toBe(400);
      expect(
        settings
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(["number_pattern", "validity_years"]);
      expect(
        (await call("PUT", "/api/v1/normative/settings", "demo-clerk", { validity_years: 3 })).statusCode,
      ).toBe(403);
      const ok = await call("PUT", "/api/v1/normative/settings", "demo-office", {
        number_pattern: "GYXG-{YYYY}-{NNN}",
      });
      expect(ok.json().number_pattern).toBe("GYXG-{YYYY}-{NNN}");
      const id = await draft("按新规则登记的文件");
      expect((await review(id)).json().registration_number).toBe("GYXG-2026-001");
    });

    it("works in the back office without JavaScript: the ledger, a refused form shown again, the Excel export", async () => {
      const office = new Session(app);
      expect((await office.login("demo-office", DEMO_PASSWORD)).statusCode).toBe(303);
      const ledger = await office.get("/admin/normative");
      expect(ledger.statusCode).toBe(200);
      expect(ledger.body).toContain("固阳县城乡居民临时救助暂行办法");
      expect(ledger.body).toContain("提醒");
      const form = `/admin/normative/${c}`;
      const csrf = await office.csrfFrom(form);
      const bad = await office.post(`${form}/filing`, {
        _csrf: csrf,
        filed_on: "2026-02-30",
        filed_with: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("error-summary");
      expect(bad.body).toContain("请填写备案机关");
      expect(bad.body).toContain('value="2026-02-30"');
      const good = await office.post(`${form}/filing`, {
        _csrf: csrf,
        filed_on: "2026-03-02",
        filed_with: "包头市人民政府",
      });
      expect([good.statusCode, good.headers.location]).toEqual([303, form]);
      const settings = await office.post("/admin/normative/settings", {
        _csrf: await office.csrfFrom("/admin/normative/settings"),
        number_pattern: "{YYYY}",
        validity_years: "5",
        provisional_years: "2",
        filing_days: "15",
        alert_months: "6",
      });
      expect(settings.statusCode).toBe(400);
      expect(settings.body).toContain("序号占位符");
      const xlsx = await office.get("/admin/normative/export.xlsx");
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
      const { default: Excel } = await import("exceljs");
      const wb = new Excel.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(2).values).toContain("登记编号");
      const numbers = ws.getColumn(1).values.map(String);
      const entry = (await call("GET", `/api/v1/normative/${c}`, "demo-office")).json().entry;
      expect(numbers).toContain(entry.registration_number);
      // Another department's clerk does not see the county office's documents.
      const jyj = new Session(app);
      expect((await jyj.login("demo-jyj-clerk", DEMO_PASSWORD)).statusCode).toBe(303);
      expect((await jyj.get(form)).statusCode).toBe(404);
    });
  },
  { clock },
);
