import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite, OTHER_SITE_ROOT } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import { newId } from "../../platform/ids";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { createUser } from "../accounts";
import { createOrg, createSiteWithRoot } from "../orgs";

// The assessment on a lean site (乙县) with hand-made rows and the clock fixed on 2 February 2026: department A
// publishes on time and late, a policy with and one without its interpretation, answers applications on time and
// late with two corrected on review; department B answers messages (one late, one rated unsatisfied) and an error
// report, and keeps its monthly column fresh while A's goes stale; the town has nothing to assess. Every expected
// figure below is counted by hand from these rows. A third county's office is another site's user.
const clock = fixedClock("2026-02-02T02:00:00Z");
const PASSWORD = "Assessment-Pw-2026!";
const ids: Record<string, string> = {};

describeEachDialect(
  "assessment (考核) and accountability (问责)",
  (ctx) => {
    let app: AppInstance;
    let siteId: string;
    const tokens: Record<string, string> = {};
    const db = () => ctx.deps.db.kysely;
    const at = (d: string) => `${d}T02:00:00.000Z`;

    const item = async (
      key: string,
      org: string,
      kind: string,
      formed: string,
      published: string,
      extra: Record<string, unknown> = {},
    ) => {
      const id = newId();
      ids[key] = id;
      await db()
        .insertInto("items")
        .values({
          id,
          site_id: siteId,
          org_id: ids[org]!,
          lineage_id: id,
          version: 1,
          kind,
          status: "published",
          title: `信息${key}`,
          body_html: "<p>正文</p>",
          body_text: "正文",
          formed_on: formed,
          published_at: at(published),
          published_on: published,
          created_by: "test",
          created_at: at(published),
          updated_at: at(published),
          ...extra,
        } as never)
        .execute();
    };
    const clockRow = (ownerType: string, ownerId: string, due: string, from: string) =>
      db()
        .insertInto("statutory_clocks")
        .values({
          id: newId(),
          owner_type: ownerType,
          owner_id: ownerId,
          kind: "reply",
          site_id: siteId,
          limit_days: 20,
          events: "[]",
          due_on: due,
          status: "stopped",
          explanation: "",
          problem: null,
          provisional: 0,
          created_at: at(from),
          updated_at: at(from),
        })
        .execute();
    const application = async (key: string, org: string, received: string, due: string, replied: string) => {
      const id = newId();
      ids[key] = id;
      await db()
        .insertInto("applications")
        .values({
          id,
          site_id: siteId,
          tracking_code: `T${key}${id.slice(-8)}`,
          secret_hash: "x",
          channel: "online",
          status: "replied",
          applicant_type: "natural",
          applicant_name: "申请人",
          description: "申请公开",
          delivery: "online",
          carrier: "electronic",
          submitted_at: at(received),
          received_on: received,
          org_id: ids[org]!,
          correction_used: 0,
          extended_days: 0,
          outcome: "disclose",
          replied_on: replied,
          created_at: at(received),
          updated_at: at(replied),
        } as never)
        .execute();
      await clockRow("application", id, due, received);
    };
    const dispute = (app: string, decided: string) =>
      db()
        .insertInto("application_disputes")
        .values({
          id: newId(),
          application_id: ids[app]!,
          kind: "review",
          filed_on: decided,
          result: "corrected",
          decided_on: decided,
          note: null,
          created_at: at(decided),
        })
        .execute();
    const message = async (
      key: string,
      org: string,
      type: string,
      received: string,
      due: string,
      replied: string,
      rating?: string,
    ) => {
      const id = newId();
      ids[key] = id;
      await db()
        .insertInto("messages")
        .values({
          id,
          site_id: siteId,
          tracking_code: `M${key}${id.slice(-8)}`,
          secret_hash: "x",
          type,
          channel: "online",
          status: "answered",
          title: `留言${key}`,
          body: "内容",
          wants_public: 0,
          private: 1,
          received_on: received,
          reply_body: "答复",
          reply_org_id: ids[org]!,
          replied_on: replied,
          rating: rating ?? null,
          rated_at: rating ? at(replied) : null,
          created_at: at(received),
          updated_at: at(replied),
        } as never)
        .execute();
      await clockRow("message", id, due, received);
    };
    const column = async (key: string, org: string, items: string[]) => {
      const id = newId();
      ids[key] = id;
      await db()
        .insertInto("catalog_nodes")
        .values({
          id,
          site_id: siteId,
          org_id: ids[org]!,
          parent_id: null,
          code: `stats-${key}`,
          name: `统计信息${key}`,
          kind: "column",
          source: "custom",
          update_rule: "monthly",
          update_days: null,
          description: "",
          standard: null,
          sort_order: 0,
          archived: 0,
          created_at: at("2025-01-01"),
          updated_at: at("2025-01-01"),
        } as never)
        .execute();
      for (const i of items)
        await db().insertInto("item_catalog_nodes").values({ item_id: ids[i]!, node_id: id }).execute();
    };
    const api = (user: string, method: string, url: string, payload?: unknown) =>
      app.inject({
        method: method as "GET",
        url,
        headers: bearer(tokens[user]!),
        payload: payload as object,
      });

    beforeAll(async () => {
      app = await buildTestApp(ctx, { seed: false });
      const actor = systemActor("test");
      siteId = (await createOtherSite(ctx)).site.id;
      const base = { parent_code: OTHER_SITE_ROOT, kind: "department" as const };
      ids.a = (
        await createOrg(ctx.deps, actor, { ...base, code: "oc-a", name: "乙县甲局", sort_order: 1 }, siteId)
      ).id;
      ids.b = (
        await createOrg(ctx.deps, actor, { ...base, code: "oc-b", name: "乙县乙局", sort_order: 2 }, siteId)
      ).id;
      ids.t = (
        await createOrg(
          ctx.deps,
          actor,
          { ...base, kind: "town", code: "oc-t", name: "乙县丙镇", sort_order: 3 },
          siteId,
        )
      ).id;
      for (const [username, roles, orgCode] of [
        ["as-office", ["office"], OTHER_SITE_ROOT],
        ["as-inspector", ["inspector"], OTHER_SITE_ROOT],
        ["as-clerk", ["clerk"], "oc-a"],
        ["as-dept-office", ["office"], "oc-a"],
      ] as const) {
        await createUser(ctx.deps, actor, {
          username,
          roles: [...roles],
          password: PASSWORD,
          name: username,
          orgCode,
          siteId,
        });
        tokens[username] = await tokenFor(ctx, username);
      }
      await createSiteWithRoot(ctx.deps, actor, {
        code: "third-county",
        name: "丙县人民政府网站",
        identifier_code: "1502240001",
        division_code: "150224",
        root: { code: "tc-gov", name: "丙县人民政府" },
      });
      await createUser(ctx.deps, actor, {
        username: "tc-office",
        roles: ["office"],
        password: PASSWORD,
        name: "丙县",
        orgCode: "tc-gov",
      });
      await createUser(ctx.deps, actor, {
        username: "tc-inspector",
        roles: ["inspector"],
        password: PASSWORD,
        name: "丙县督查",
        orgCode: "tc-gov",
      });
      tokens["tc-office"] = await tokenFor(ctx, "tc-office");
      tokens["tc-inspector"] = await tokenFor(ctx, "tc-inspector");

      await item("i1", "a", "notice", "2025-03-03", "2025-03-10");
      await item("i2", "a", "notice", "2025-03-03", "2025-05-06");
      await item("i3", "a", "policy", "2025-06-02", "2025-06-02");
      await item("i4", "a", "interpretation", "2025-06-02", "2025-06-02", { interprets_id: ids.i3 });
      await item("i5", "a", "normative", "2025-07-01", "2025-07-01");
      await item("i6", "a", "notice", "2024-12-01", "2024-12-30");
      await item("b1", "b", "statistics", "2025-12-01", "2025-12-01");
      await application("a1", "a", "2025-03-20", "2025-04-15", "2025-04-10");
      await application("a2", "a", "2025-04-10", "2025-05-10", "2025-05-20");
      await application("a3", "a", "2025-07-10", "2025-08-05", "2025-08-01");
      await application("a4", "a", "2024-11-01", "2024-12-02", "2024-12-01");
      await dispute("a3", "2025-10-01");
      await dispute("a4", "2025-03-01");
      await message("m1", "b", "consult", "2025-03-01", "2025-03-10", "2025-03-05", "satisfied");
      await message("m2", "b", "complain", "2025-04-01", "2025-04-10", "2025-04-20", "unsatisfied");
      await message("e1", "b", "error_report", "2025-04-28", "2025-05-06", "2025-05-02");
      await column("ca", "a", ["i1"]);
      await column("cb", "b", ["b1"]);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
    });

    it("refuses a department's staff, the inspectors' writes and another site's office; lists every bad field", async () => {
      expect((await api("as-clerk", "GET", "/api/v1/assessment/indicators")).statusCode).toBe(403);
      expect((await api("as-dept-office", "POST", "/api/v1/assessment/indicators/defaults")).statusCode).toBe(
        403,
      );
      expect((await api("as-inspector", "POST", "/api/v1/assessment/indicators/defaults")).statusCode).toBe(
        403,
      );
      const bad = await api("as-office", "POST", "/api/v1/assessment/indicators", {
        source: "computed",
        key: "no_such_indicator",
        points: 0,
        period_kind: "year",
        org_kinds: ["planet"],
        orgs: ["no-such-org"],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(
        ["invalid_org_kind", "invalid_points", "org_not_found", "required", "unknown_indicator"].sort(),
      );
      const added = await api("as-office", "POST", "/api/v1/assessment/indicators/defaults");
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json().items.map((i: { key: string }) => i.key)).toEqual(
        expect.arrayContaining([
          "proactive_on_time",
          "applications_on_time",
          "columns_fresh",
          "error_reports_fixed",
        ]),
      );
      // The clerk, the department's office and another site's office see no indicator list.
      expect((await api("tc-office", "GET", "/api/v1/assessment/indicators")).json().items).toEqual([]);
      const badRun = await api("as-office", "POST", "/api/v1/assessment/runs", { period: "2027-13" });
      expect(badRun.statusCode).toBe(400);
      expect(badRun.json().error.details[0].code).toBe("invalid_period");
    });

    it("computes the default indicators with evidence, deducts accountability and ranks", async () => {
      // Only the computed defaults: switch off what other domains registered (opinion, new media) for exact sums.
      const list = (await api("as-office", "GET", "/api/v1/assessment/indicators")).json();
      const keep = [
        "proactive_on_time",
        "policy_interpreted",
        "applications_on_time",
        "replies_not_corrected",
        "columns_fresh",
        "messages_on_time",
        "messages_satisfaction",
        "error_reports_fixed",
      ];
      for (const i of list.items)
        if (!keep.includes(i.key))
          expect(
            (await api("as-office", "PATCH", `/api/v1/assessment/indicators/${i.id}`, { active: false }))
              .statusCode,
          ).toBe(200);
      const rec = await api("as-inspector", "POST", "/api/v1/accountability", {
        org: "oc-a",
        kind: "interview",
        reason: "依申请公开逾期答复。",
        decided_on: "2025-11-01",
        rectify_by: "2026-01-31",
        subjects: [{ type: "application", id: ids.a2 }],
      });
      expect(rec.statusCode, rec.body).toBe(201);
      expect(rec.json().subjects).toEqual([
        { type: "application", id: ids.a2, label: "依申请公开", url: `/admin/applications/${ids.a2}` },
      ]);
      expect(rec.json().overdue).toBe(true);

      const res = await api("as-office", "POST", "/api/v1/assessment/runs", { period: "2025" });
      expect(res.statusCode, res.body).toBe(201);
      const run = res.json();
      expect(run).toMatchObject({
        period: "2025",
        from_on: "2025-01-01",
        to_on: "2025-12-31",
        status: "draft",
        version: 1,
      });
      const byKey = new Map(run.indicators.map((i: { id: string; key: string }) => [i.key, i.id]));
      const cell = (org: string, key: string) =>
        run.ranking
          .find((r: { org: { code: string } }) => r.org.code === org)
          .scores.find((s: { indicator_id: string }) => s.indicator_id === byKey.get(key));
      expect(cell("oc-a", "proactive_on_time")).toMatchObject({
        numerator: 3,
        denominator: 4,
        value: 0.75,
        points: 15,
      });
      expect(cell("oc-a", "policy_interpreted")).toMatchObject({ numerator: 1, denominator: 2, points: 5 });
      expect(cell("oc-a", "applications_on_time")).toMatchObject({
        numerator: 2,
        denominator: 3,
        points: 13.33,
      });
      expect(cell("oc-a", "replies_not_corrected")).toMatchObject({
        numerator: 2,
        denominator: 4,
        points: 5,
      });
      expect(cell("oc-a", "columns_fresh")).toMatchObject({ numerator: 0, denominator: 1, points: 0 });
      expect(cell("oc-a", "messages_on_time")).toMatchObject({ value: null, points: 10 });
      expect(cell("oc-b", "columns_fresh")).toMatchObject({ numerator: 1, denominator: 1, points: 10 });
      expect(cell("oc-b", "messages_on_time")).toMatchObject({ numerator: 1, denominator: 2, points: 5 });
      expect(cell("oc-b", "messages_satisfaction")).toMatchObject({
        numerator: 1,
        denominator: 2,
        points: 5,
      });
      expect(cell("oc-b", "error_reports_fixed")).toMatchObject({ numerator: 1, denominator: 1, points: 10 });
      expect(
        run.ranking.map((r: { org: { code: string }; rank: number; total: number; deduction: number }) => [
          r.org.code,
          r.rank,
          r.total,
          r.deduction,
        ]),
      ).toEqual([
        ["oc-t", 1, 100, 0],
        ["oc-b", 2, 90, 0],
        ["oc-a", 3, 63.33, 5],
      ]);

      // One organisation's evidence: every record counted, each with its page.
      const a = await api("as-inspector", "GET", `/api/v1/assessment/runs/${run.id}/orgs/oc-a`);
      expect(a.statusCode, a.body).toBe(200);
      const ev = (key: string) =>
        a.json().scores.find((s: { indicator: { key: string } }) => s.indicator.key === key).evidence;
      expect(ev("proactive_on_time").map((e: { id: string; ok: boolean }) => [e.id, e.ok])).toEqual([
        [ids.i1, true],
        [ids.i2, false],
        [ids.i3, true],
        [ids.i5, true],
      ]);
      expect(ev("proactive_on_time")[1].url).toBe(`/admin/items/${ids.i2}`);
      expect(ev("policy_interpreted").map((e: { id: string; ok: boolean }) => [e.id, e.ok])).toEqual([
        [ids.i3, true],
        [ids.i5, false],
      ]);
      expect(ev("applications_on_time").find((e: { ok: boolean }) => !e.ok)).toMatchObject({
        type: "application",
        id: ids.a2,
        url: `/admin/applications/${ids.a2}`,
      });
      expect(
        ev("replies_not_corrected")
          .filter((e: { ok: boolean }) => !e.ok)
          .map((e: { id: string }) => e.id)
          .sort(),
      ).toEqual([ids.a3, ids.a4].sort());
      expect(ev("columns_fresh")[0]).toMatchObject({ type: "column", id: ids.ca, ok: false });
      const b = (await api("as-office", "GET", `/api/v1/assessment/runs/${run.id}/orgs/oc-b`)).json();
      const msgs = b.scores.find(
        (s: { indicator: { key: string } }) => s.indicator.key === "messages_on_time",
      ).evidence;
      expect(msgs.map((e: { url: string; ok: boolean }) => [e.url, e.ok])).toEqual([
        [`/admin/messages/${ids.m1}`, true],
        [`/admin/messages/${ids.m2}`, false],
      ]);
      // Every computed score lists exactly the records it counted.
      for (const org of [a.json(), b])
        for (const s of org.scores)
          if (s.denominator !== null) expect(s.evidence).toHaveLength(s.denominator);

      // Scoping: another site, a department's staff.
      expect((await api("tc-office", "GET", `/api/v1/assessment/runs/${run.id}`)).statusCode).toBe(404);
      expect((await api("as-clerk", "GET", `/api/v1/assessment/runs/${run.id}`)).statusCode).toBe(403);
      expect(
        (await api("as-dept-office", "GET", `/api/v1/assessment/runs/${run.id}/orgs/oc-a`)).statusCode,
      ).toBe(403);
      expect(
        (await api("as-inspector", "POST", `/api/v1/assessment/runs/${run.id}/finalise`)).statusCode,
      ).toBe(403);
      ids.run = run.id;
    });

    it("exports the ranking and an organisation's evidence to Excel", async () => {
      const rank = await api("as-office", "GET", `/api/v1/assessment/runs/${ids.run}/ranking.xlsx`);
      expect(rank.statusCode).toBe(200);
      expect(rank.headers["content-type"]).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(rank.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("排名")!;
      expect(String(ws.getCell(1, 1).value)).toContain("2025年度政务公开考核排名");
      const last = ws.getRow(2).cellCount;
      expect(
        [3, 4, 5].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, last).value]),
      ).toEqual([
        [1, "乙县丙镇", 100],
        [2, "乙县乙局", 90],
        [3, "乙县甲局", 63.33],
      ]);
      const evidence = await api(
        "as-office",
        "GET",
        `/api/v1/assessment/runs/${ids.run}/orgs/oc-a/evidence.xlsx`,
      );
      expect(evidence.statusCode).toBe(200);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(evidence.rawPayload as unknown as ArrayBuffer);
      const rows = wb2.getWorksheet("依据")!.getSheetValues().slice(3) as unknown[][];
      // 4 items, 2 policies, 3 replies, 4 replies or corrections, 1 column.
      expect(rows.filter(Boolean)).toHaveLength(14);
      expect(
        rows.some((r) => r && String(r[5]).endsWith(`/admin/items/${ids.i2}`) && r[3] === "未达标"),
      ).toBe(true);
    });

    it("accountability: every bad field listed, nothing saved; scoped; rectified once", async () => {
      const before = await db().selectFrom("accountability_records").select("id").execute();
      const bad = await api("as-inspector", "POST", "/api/v1/accountability", {
        org: "no-such-org",
        kind: "warning",
        reason: "",
        decided_on: "2099-01-01",
        rectify_by: "2026-02-30",
        subjects: [{ type: "Bad Type", id: "" }],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(
        [
          "date_in_future",
          "invalid_date",
          "invalid_kind",
          "invalid_subject",
          "invalid_subject",
          "org_not_found",
          "required",
        ].sort(),
      );
      expect(await db().selectFrom("accountability_records").select("id").execute()).toHaveLength(
        before.length,
      );
      expect(
        (
          await api("as-office", "POST", "/api/v1/accountability", {
            org: "oc-b",
            kind: "criticism",
            reason: "x",
            decided_on: "2026-01-05",
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await api("tc-inspector", "POST", "/api/v1/accountability", {
            org: "oc-b",
            kind: "criticism",
            reason: "x",
            decided_on: "2026-01-05",
          })
        ).statusCode,
      ).toBe(400);
      const made = await api("as-inspector", "POST", "/api/v1/accountability", {
        org: "oc-b",
        kind: "criticism",
        reason: "留言逾期答复。",
        decided_on: "2026-01-05",
        subjects: [
          { type: "message", id: ids.m2! },
          { type: "assessment_score", id: `${ids.run}/${ids.b}/x` },
          { type: "opinion_case", id: "case-1" },
        ],
      });
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id;
      expect((await api("tc-inspector", "GET", `/api/v1/accountability/${id}`)).statusCode).toBe(404);
      expect((await api("as-clerk", "GET", `/api/v1/accountability/${id}`)).statusCode).toBe(403);
      expect((await api("as-office", "GET", `/api/v1/accountability/${id}`)).statusCode).toBe(200);
      const bySubject = await api(
        "as-office",
        "GET",
        `/api/v1/accountability?subject_type=message&subject_id=${ids.m2}`,
      );
      expect(bySubject.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
      const rect = await api("as-inspector", "POST", `/api/v1/accountability/${id}/rectification`, {
        outcome: "已整改。",
        rectified_on: "2026-02-01",
      });
      expect(rect.statusCode, rect.body).toBe(200);
      expect(rect.json()).toMatchObject({ status: "rectified", rectified_on: "2026-02-01" });
      const again = await api("as-inspector", "POST", `/api/v1/accountability/${id}/rectification`, {
        outcome: "再次。",
        rectified_on: "2026-02-01",
      });
      expect(again.statusCode).toBe(409);
      const audit = await db().selectFrom("audit_log").select("action").where("entity_id", "=", id).execute();
      expect(audit.map((a) => a.action).sort()).toEqual(["accountability.record", "accountability.rectify"]);
    });

    it("back office: the office runs and finalises; the inspector records from a score; problems re-render", async () => {
      const office = new Session(app);
      expect((await office.login("as-office", PASSWORD)).statusCode).toBe(303);
      const page = await office.get("/admin/assessment");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("计算考核结果");
      const csrf = await office.csrfFrom("/admin/assessment");
      const bad = await office.post("/admin/assessment/runs", { _csrf: csrf, period: "abc" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("考核期格式应为");
      const ran = await office.post("/admin/assessment/runs", { _csrf: csrf, period: "2025" });
      expect(ran.statusCode).toBe(303);
      const runPage = await office.get(ran.headers.location as string);
      expect(runPage.body).toContain("乙县甲局");
      const orgPage = await office.get(`${ran.headers.location}/orgs/${ids.a}`);
      expect(orgPage.body).toContain(`/admin/items/${ids.i2}`);
      expect(orgPage.body).not.toContain("就此项登记问责");
      const inspector = new Session(app);
      expect((await inspector.login("as-inspector", PASSWORD)).statusCode).toBe(303);
      const asInspector = await inspector.get(`${ran.headers.location}/orgs/${ids.a}`);
      expect(asInspector.body).toContain("就此项登记问责");
      const form = await inspector.get(`/admin/accountability/new?org=oc-a&subject=application:${ids.a2}`);
      expect(form.statusCode).toBe(200);
      const icsrf = await inspector.csrfFrom("/admin/accountability/new");
      const refused = await inspector.post("/admin/accountability", {
        _csrf: icsrf,
        org: "oc-a",
        kind: "interview",
        reason: "",
        decided_on: "2026-01-10",
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain("请填写问责事由");
      expect(refused.body).toContain("约谈整改须填写整改期限");
      const clerk = new Session(app);
      await clerk.login("as-clerk", PASSWORD);
      expect((await clerk.get("/admin/assessment")).statusCode).toBe(403);
      expect((await clerk.get("/admin/accountability")).statusCode).toBe(403);
    });

    it("finalises one run once (two at the same time: one wins), then the period is fixed", async () => {
      const latest = (await api("as-office", "GET", "/api/v1/assessment/runs")).json().items[0];
      const old = (await api("as-office", "GET", "/api/v1/assessment/runs")).json().items.at(-1);
      expect(
        (await api("as-office", "POST", `/api/v1/assessment/runs/${old.id}/finalise`)).json().error.code,
      ).toBe("assessment_run_superseded");
      const [x, y] = await Promise.all([
        api("as-office", "POST", `/api/v1/assessment/runs/${latest.id}/finalise`),
        api("as-office", "POST", `/api/v1/assessment/runs/${latest.id}/finalise`),
      ]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
      expect((x.statusCode === 409 ? x : y).json().error.code).toBe("assessment_run_final");
      const rerun = await api("as-office", "POST", "/api/v1/assessment/runs", { period: "2025" });
      expect(rerun.statusCode).toBe(409);
      expect(rerun.json().error.code).toBe("assessment_period_final");
      const audit = await db()
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", latest.id)
        .execute();
      expect(audit.map((a) => a.action)).toContain("assessment.finalise");
    });
  },
  { clock },
);
