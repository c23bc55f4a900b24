import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { createOtherSite } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import type { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { loadPublicList } from "./services.lists.api";
import { EXAMPLE_POWER_ENTRY } from "./services.lists.schemas";
import { addEntry, createList, performListStep, startVersion } from "./services.lists.service";

// 权责清单 and 公共服务事项清单 through the API and the public pages: the demo's lists and the changes between
// the civil-affairs bureau's two versions, a list drafted, refused with every problem, reviewed and published,
// a published version that never changes, refusals across departments and sites, and the steps' races.
const clock = fixedClock("2026-12-07T02:00:00Z");
// biome-ignore lint/suspicious/noExplicitAny: answers are read as JSON of many shapes
type Res = { statusCode: number; body: string; json(): any };

describeEachDialect(
  "权责清单 and 公共服务事项清单",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let office: CurrentUser;
    let reviewer: CurrentUser;
    let reviewer2: CurrentUser;

    const api = (
      method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
      url: string,
      who?: string,
      payload?: unknown,
    ): Promise<Res> =>
      app.inject({
        method,
        url,
        headers: who ? bearer(tok[who]!) : {},
        ...(payload ? { payload } : {}),
      } as never) as never;
    const codes = (r: Res) => (r.json().error.details as { code: string }[]).map((d) => d.code);
    const q = (s: string) => encodeURIComponent(s);
    const listOf = async (org: string, kind: string) =>
      (await api("GET", `/api/v1/services/lists?org=${org}&kind=${kind}`)).json().items[0];
    const entry = (code: string, over: Record<string, string> = {}) => ({
      ...EXAMPLE_POWER_ENTRY,
      code,
      name: `对学校办学行为的检查${code}`,
      type: "行政检查",
      body: "固阳县教育局",
      item: "",
      ...over,
    });
    /** A published list of `org` drafted by the office and approved by the county reviewer. */
    async function publishedList(org: string, kind = "power"): Promise<string> {
      const c = await api("POST", "/api/v1/services/lists", "demo-office", {
        org,
        kind,
        decision: "固政办发〔2026〕40号",
        entries: [entry("JC-X-001")],
      });
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id as string;
      await performListStep(ctx.deps, office, id, { action: "submit" });
      await performListStep(ctx.deps, reviewer, id, { action: "approve" });
      return id;
    }

    beforeAll(async () => {
      app = await buildTestApp(ctx, { services: true });
      await createOtherSite(ctx, [
        { username: "site-b-office", roles: ["office", "clerk"], password: "Site-B-Pw-2026!" },
      ]);
      await createUser(ctx.deps, systemActor("test"), {
        username: "reviewer-2",
        name: "另一位审核",
        orgCode: "gyx",
        roles: ["reviewer"],
        password: "Reviewer-2-Pw-2026!",
      });
      for (const u of [
        "demo-office",
        "demo-county-reviewer",
        "demo-jyj-clerk",
        "demo-zjj-clerk",
        "demo-inspector",
        "site-b-office",
      ])
        tok[u] = await tokenFor(ctx, u);
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
      reviewer = (await findCurrentUser(ctx.deps, "demo-county-reviewer"))!;
      reviewer2 = (await findCurrentUser(ctx.deps, "reviewer-2"))!;
    }, 120_000);

    it("publishes the demo's lists of three departments, entries linked to their service items", async () => {
      const all = (await api("GET", "/api/v1/services/lists")).json().items;
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect(new Set(all.map((l: { org: { code: string } }) => l.org.code))).toEqual(
        new Set(["gyx-mzj", "gyx-rsj", "gyx-scjgj"]),
      );
      const mzj = await listOf("gyx-mzj", "power");
      expect(mzj).toMatchObject({
        kind: "power",
        kind_label: "权责清单",
        version: 2,
        url: "/fw/lists/gyx-mzj/power",
      });
      expect((await api("GET", "/api/v1/services/lists?kind=moon")).json().items).toEqual([]);
      expect((await api("GET", "/api/v1/services/lists?org=nobody")).json().items).toEqual([]);
      const one = (await api("GET", `/api/v1/services/lists/${mzj.id}`)).json();
      expect(one.shown).toMatchObject({ number: 2, status: "published" });
      const social = one.entries.find((e: { code: string }) => e.code === "XK-MZJ-001");
      expect(social).toMatchObject({ type: "行政许可", body: "固阳县民政局" });
      expect(social.duties).toContain("受理责任");
      expect(social.accountability).toContain("追究");
      expect(social.item).toMatchObject({ impl_code: "150222-MZJ-XK-005", name: "社会团体成立登记" });
      expect(social.item.url).toMatch(/^\/fw\/items\//);
      const rsj = (
        await api("GET", `/api/v1/services/lists/${(await listOf("gyx-rsj", "public_service")).id}`)
      ).json();
      expect(rsj.entries[0]).toMatchObject({
        category: "社会保障",
        provider: expect.stringContaining("人力资源"),
      });
      expect(rsj.entries[0]).toHaveProperty("object");
      expect(rsj.entries[0]).not.toHaveProperty("duties");
      const v1 = (await api("GET", `/api/v1/services/lists/${mzj.id}?version=1`)).json();
      expect(v1.entries.map((e: { code: string }) => e.code)).toContain("QT-MZJ-001");
      expect((await api("GET", `/api/v1/services/lists/${mzj.id}?version=9`)).statusCode).toBe(404);
      expect(codes(await api("GET", `/api/v1/services/lists/${mzj.id}?version=x`))).toEqual([
        "invalid_version",
      ]);
      const history = (await api("GET", `/api/v1/services/lists/${mzj.id}/versions`)).json();
      expect(history.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    });

    it("shows what changed between the two versions: one added, one removed, one changed field by field", async () => {
      const mzj = await listOf("gyx-mzj", "power");
      const c = (await api("GET", `/api/v1/services/lists/${mzj.id}/changes`)).json();
      expect([c.from, c.to]).toEqual([1, 2]);
      expect(c.added).toEqual([{ code: "JF-MZJ-002", name: "临时救助金给付", type: "行政给付" }]);
      expect(c.removed.map((e: { code: string }) => e.code)).toEqual(["QT-MZJ-001"]);
      expect(c.changed).toHaveLength(1);
      expect(c.changed[0].code).toBe("JC-MZJ-001");
      expect(c.changed[0].fields.map((f: { field: string }) => f.field)).toEqual(["name", "basis", "duties"]);
      expect(c.changed[0].fields[0]).toMatchObject({
        label: "事项名称",
        before: "对社会组织的年度检查",
        after: "对社会组织的年度检查和抽查审计",
      });
      expect(c.unchanged).toBe(5);
      const first = (await api("GET", `/api/v1/services/lists/${mzj.id}/changes?from=0&to=1`)).json();
      expect(first.added).toHaveLength(7);
      expect((await api("GET", `/api/v1/services/lists/${mzj.id}/changes?from=5`)).statusCode).toBe(404);
      const page = await app.inject({ url: "/fw/lists/gyx-mzj/power/changes" });
      expect(page.statusCode).toBe(200);
      for (const text of [
        "临时救助金给付",
        "地名命名、更名审核",
        "对社会组织的年度检查和抽查审计",
        "6.抽查责任",
      ])
        expect(page.body).toContain(text);
    });

    it("serves the public pages in both languages, the history and an older version; the search finds a list", async () => {
      for (const url of [
        "/fw/lists",
        "/fw/lists/gyx-mzj/power",
        "/fw/lists/gyx-mzj/power?version=1",
        "/fw/lists/gyx-mzj/power/changes?from=1&to=2",
        "/fw/lists/gyx-rsj/public_service",
        "/mn/fw/lists",
        "/mn/fw/lists/gyx-scjgj/power",
        "/mn/fw/lists/gyx-mzj/power/changes",
      ]) {
        const r = await app.inject({ url });
        expect(r.statusCode, url).toBe(200);
      }
      expect((await app.inject({ url: "/fw" })).body).toContain('href="/fw/lists"');
      const index = (await app.inject({ url: "/fw/lists" })).body;
      for (const text of [
        "固阳县民政局",
        "固阳县人力资源和社会保障局",
        "固阳县市场监督管理局",
        "公共服务事项清单",
      ])
        expect(index).toContain(text);
      const current = (await app.inject({ url: "/fw/lists/gyx-mzj/power" })).body;
      expect(current).toContain("临时救助金给付");
      expect(current).not.toContain("QT-MZJ-001");
      expect(current).toContain("/fw/lists/gyx-mzj/power?version=1");
      expect(current).toContain("社会团体成立登记");
      const older = (await app.inject({ url: "/fw/lists/gyx-mzj/power?version=1" })).body;
      expect(older).toContain("地名命名、更名审核");
      expect(older).toContain("这是第 1 版");
      expect((await app.inject({ url: "/mn/fw/lists/gyx-mzj/power" })).body).toContain("ᠬᠡᠪᠯᠡᠯ");
      for (const url of ["/fw/lists/gyx-mzj/moon", "/fw/lists/nobody/power", "/fw/lists/gyx-jyj/power"])
        expect((await app.inject({ url })).statusCode, url).toBe(404);
      const hits = (await api("GET", `/api/v1/search?q=${q("特种设备使用登记")}`)).json();
      expect(hits.items.some((h: { url: string }) => h.url === "/fw/lists/gyx-scjgj/power")).toBe(true);
      const typed = (await api("GET", `/api/v1/search?q=${q("临时救助金给付")}&type=service_list`)).json();
      expect(typed.items.map((h: { url: string }) => h.url)).toEqual(["/fw/lists/gyx-mzj/power"]);
    });

    it("drafts a list, names every problem at once, and publishes it through review; a published version never changes", async () => {
      const bad = await api("POST", "/api/v1/services/lists", "demo-jyj-clerk", {
        kind: "power",
        entries: [
          { code: "a b", name: "", type: "行政管理", basis: "", body: "", duties: "", accountability: "" },
          entry("JC-JYJ-001", { item: "no-such-item" }),
          entry("JC-JYJ-001"),
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad).sort()).toEqual(
        [
          "invalid_entry_code",
          "name_required",
          "invalid_power_type",
          "basis_required",
          "body_required",
          "duties_required",
          "accountability_required",
          "linked_item_not_found",
          "entry_code_repeated",
        ].sort(),
      );
      expect(bad.json().error.details[0].message).toMatch(/^第 1 项：/);
      const kind = await api("POST", "/api/v1/services/lists", "demo-jyj-clerk", { kind: "list" });
      expect(codes(kind)).toEqual(["invalid_list_kind"]);
      const c = await api("POST", "/api/v1/services/lists", "demo-jyj-clerk", { kind: "power" });
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id;
      expect(c.json().draft).toMatchObject({ number: 1, status: "editing", entries: 0 });
      const again = await api("POST", "/api/v1/services/lists", "demo-jyj-clerk", { kind: "power" });
      expect([again.statusCode, again.json().error.code]).toEqual([409, "service_list_exists"]);
      expect((await api("GET", `/api/v1/services/lists/${id}`)).statusCode).toBe(404);
      const empty = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-jyj-clerk", {
        action: "submit",
      });
      expect([empty.statusCode, codes(empty).sort()]).toEqual([
        409,
        ["decision_required", "entries_required"],
      ]);
      const add = await api(
        "POST",
        `/api/v1/services/lists/${id}/entries`,
        "demo-jyj-clerk",
        entry("JC-JYJ-001"),
      );
      expect(add.statusCode, add.body).toBe(201);
      const dup = await api(
        "POST",
        `/api/v1/services/lists/${id}/entries`,
        "demo-jyj-clerk",
        entry("JC-JYJ-001"),
      );
      expect(dup.json().error.details).toEqual([
        expect.objectContaining({ field: "entry.code", code: "entry_code_repeated" }),
      ]);
      await api("POST", `/api/v1/services/lists/${id}/entries`, "demo-jyj-clerk", entry("JC-JYJ-002"));
      const linked = await api("PATCH", `/api/v1/services/lists/${id}/entries/JC-JYJ-001`, "demo-jyj-clerk", {
        name: "教师资格认定",
        type: "行政许可",
        item: "150222-JYJ-XK-003",
      });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json().entries[0].item).toMatchObject({ name: "教师资格认定" });
      expect(
        (
          await api("PATCH", `/api/v1/services/lists/${id}/entries/NOPE`, "demo-jyj-clerk", { name: "x" })
        ).json().error.code,
      ).toBe("list_entry_not_found");
      const del = await api("DELETE", `/api/v1/services/lists/${id}/entries/JC-JYJ-002`, "demo-jyj-clerk");
      expect(del.json().entries).toHaveLength(1);
      await api("PUT", `/api/v1/services/lists/${id}/draft`, "demo-jyj-clerk", {
        decision: "固教发〔2026〕5号",
      });
      expect(
        (await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-jyj-clerk", { action: "submit" }))
          .statusCode,
      ).toBe(200);
      const locked = await api("PUT", `/api/v1/services/lists/${id}/draft`, "demo-jyj-clerk", {
        entries: [],
      });
      expect([locked.statusCode, locked.json().error.code]).toEqual([409, "list_version_not_editable"]);
      const clerkApprove = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-jyj-clerk", {
        action: "approve",
      });
      expect([clerkApprove.statusCode, clerkApprove.json().error.code]).toEqual([403, "role_not_allowed"]);
      const noNote = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-office", {
        action: "reject",
      });
      expect(codes(noNote)).toEqual(["note_required"]);
      const ok = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-office", {
        action: "approve",
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        version: 1,
        url: "/fw/lists/gyx-jyj/power",
        shown: { status: "published" },
      });
      expect((await app.inject({ url: "/fw/lists/gyx-jyj/power" })).body).toContain("教师资格认定");
      // Published: never edited again; a new version starts as its copy.
      const edit = await api(
        "POST",
        `/api/v1/services/lists/${id}/entries`,
        "demo-jyj-clerk",
        entry("JC-JYJ-003"),
      );
      expect([edit.statusCode, edit.json().error.code]).toEqual([409, "list_version_not_editable"]);
      const v2 = await api("POST", `/api/v1/services/lists/${id}/versions`, "demo-jyj-clerk", {});
      expect(v2.json()).toMatchObject({ number: 2, status: "editing", entries: 1, decision: "" });
      await api("PATCH", `/api/v1/services/lists/${id}/entries/JC-JYJ-001`, "demo-jyj-clerk", {
        notes: "2027 年起全程网办",
      });
      const draft = (await api("GET", `/api/v1/services/lists/${id}/draft`, "demo-jyj-clerk")).json();
      expect(draft.changes.changed[0].fields).toEqual([
        { field: "notes", label: "备注", before: "", after: "2027 年起全程网办" },
      ]);
      const stillV1 = (await api("GET", `/api/v1/services/lists/${id}`)).json();
      expect([stillV1.shown.number, stillV1.entries[0].notes]).toEqual([1, ""]);
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", id)
        .execute();
      expect(new Set(audit.map((a) => a.action))).toEqual(
        new Set([
          "service.list_create",
          "service.list_entry_add",
          "service.list_entry_edit",
          "service.list_entry_remove",
          "service.list_edit",
          "service.list_submit",
          "service.list_publish",
          "service.list_new_version",
        ]),
      );
    });

    it("refuses other departments, other sites, roles that may not act, and anonymous writes", async () => {
      const mzj = await listOf("gyx-mzj", "power");
      const v = await api("POST", `/api/v1/services/lists/${mzj.id}/versions`, "demo-office", {});
      expect(v.statusCode, v.body).toBe(201);
      for (const [method, url, body] of [
        ["GET", `/api/v1/services/lists/${mzj.id}/draft`, undefined],
        ["PUT", `/api/v1/services/lists/${mzj.id}/draft`, { decision: "x" }],
        ["POST", `/api/v1/services/lists/${mzj.id}/entries`, entry("JC-X-009")],
        ["DELETE", `/api/v1/services/lists/${mzj.id}/entries/XK-MZJ-001`, undefined],
        ["POST", `/api/v1/services/lists/${mzj.id}/actions`, { action: "submit" }],
      ] as const) {
        for (const who of ["demo-jyj-clerk", "site-b-office"]) {
          const r = await api(method, url, who, body);
          expect([r.statusCode, r.json().error.code], `${who} ${method} ${url}`).toEqual([
            404,
            "service_list_not_found",
          ]);
        }
      }
      const inspector = await api(
        "POST",
        `/api/v1/services/lists/${mzj.id}/entries`,
        "demo-inspector",
        entry("JC-X-009"),
      );
      expect([inspector.statusCode, inspector.json().error.code]).toEqual([403, "role_not_allowed"]);
      expect((await api("GET", `/api/v1/services/lists/${mzj.id}/draft`, "demo-inspector")).statusCode).toBe(
        200,
      );
      const forOther = await api("POST", "/api/v1/services/lists", "demo-zjj-clerk", {
        org: "gyx-mzj",
        kind: "public_service",
      });
      expect([forOther.statusCode, forOther.json().error.code]).toEqual([403, "org_not_allowed"]);
      expect((await api("POST", "/api/v1/services/lists", undefined, { kind: "power" })).statusCode).toBe(
        401,
      );
      // Another site's portal does not show this site's lists.
      const siteB = await ctx.deps.db.kysely
        .selectFrom("sites")
        .select("id")
        .where("code", "=", "other-county")
        .executeTakeFirstOrThrow();
      await expect(loadPublicList(ctx.deps, siteB.id, mzj.id)).rejects.toMatchObject({
        code: "service_list_not_found",
      });
      const unchanged = (await api("GET", `/api/v1/services/lists/${mzj.id}`)).json();
      expect(unchanged.shown.number).toBe(2);
    });

    it("serialises two starts of one list, two approvals, two new versions and two entries of one code on their locks", async () => {
      const id = await publishedList("gyx-zjj");
      const outcome = (rs: PromiseSettledResult<unknown>[]) =>
        rs
          .map((r) =>
            r.status === "fulfilled"
              ? "ok"
              : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
          )
          .sort();
      const creates = await Promise.allSettled([
        createList(ctx.deps, office, { org: "gyx-zjj", kind: "public_service" }),
        createList(ctx.deps, office, { org: "gyx-zjj", kind: "public_service" }),
      ]);
      expect(outcome(creates)).toEqual(["409 service_list_exists", "ok"]);
      const starts = await Promise.allSettled([
        startVersion(ctx.deps, office, id, { decision: "固政办发〔2026〕41号" }),
        startVersion(ctx.deps, office, id, { decision: "固政办发〔2026〕41号" }),
      ]);
      expect(outcome(starts)).toEqual(["409 list_version_open", "ok"]);
      const adds = await Promise.allSettled([
        addEntry(ctx.deps, office, id, entry("JC-X-002")),
        addEntry(ctx.deps, office, id, entry("JC-X-002")),
      ]);
      expect(outcome(adds)).toEqual(["400 validation_failed", "ok"]);
      await performListStep(ctx.deps, office, id, { action: "submit" });
      const approvals = await Promise.allSettled([
        performListStep(ctx.deps, reviewer, id, { action: "approve" }),
        performListStep(ctx.deps, reviewer2, id, { action: "approve" }),
      ]);
      expect(outcome(approvals)).toEqual(["409 invalid_transition", "ok"]);
      const versions = await ctx.deps.db.kysely
        .selectFrom("service_list_versions")
        .select(["number", "status"])
        .where("list_id", "=", id)
        .execute();
      expect(versions.map((v) => `${Number(v.number)}${v.status}`).sort()).toEqual([
        "1published",
        "2published",
      ]);
      const list = (await api("GET", `/api/v1/services/lists/${id}`)).json();
      expect([list.version, list.entries.length]).toEqual([2, 2]);
    });

    it("refuses the submitter approving their own version (four eyes)", async () => {
      const c = await api("POST", "/api/v1/services/lists", "demo-office", {
        org: "gyx-fgw",
        kind: "public_service",
        decision: "固发改发〔2026〕3号",
        entries: [
          {
            code: "GG-FGW-001",
            name: "价格政策咨询",
            category: "价格服务",
            basis: "《中华人民共和国价格法》",
            object: "公民、法人和其他组织",
            provider: "固阳县发展和改革委员会",
          },
        ],
      });
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id;
      await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-office", { action: "submit" });
      const self = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-office", {
        action: "approve",
      });
      expect([self.statusCode, codes(self)]).toEqual([409, ["four_eyes"]]);
      const bad = await api("POST", `/api/v1/services/lists/${id}/actions`, "demo-county-reviewer", {
        action: "toString",
      });
      expect(codes(bad)).toEqual(["invalid_action"]);
    });
  },
  { clock },
);
