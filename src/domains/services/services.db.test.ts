import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { createOtherSite } from "../../../test/helpers/sites";
import { systemActor } from "../../deps";
import type { AppError } from "../../platform/errors";
import { fixedClock } from "../../platform/time";
import type { AppInstance } from "../../web/types";
import { type CurrentUser, createUser, findCurrentUser } from "../accounts";
import { EXAMPLE_ITEM } from "./services.schemas";
import { performStep, proposeVersion } from "./services.service";

const clock = fixedClock("2026-12-07T02:00:00Z");
// biome-ignore lint/suspicious/noExplicitAny: answers are read as JSON of many shapes
type Res = { statusCode: number; body: string; json(): any };

describeEachDialect(
  "government services (政务服务)",
  (ctx) => {
    let app: AppInstance;
    const tok: Record<string, string> = {};
    let reviewer: CurrentUser;
    let reviewer2: CurrentUser;
    let office: CurrentUser;

    const api = (
      method: "GET" | "POST" | "PATCH" | "PUT",
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
    const firstId = async (name: string) =>
      (await api("GET", `/api/v1/services?q=${q(name)}`)).json().items[0].id as string;
    let n = 0;
    const newItem = (over: Record<string, unknown> = {}) => ({
      ...EXAMPLE_ITEM,
      org: "gyx-zfb",
      impl_code: `150222-ZFB-QT-${String(++n).padStart(3, "0")}`,
      name: `政府信息公开申请受理${n}`,
      ...over,
    });
    /** A new item of the county office's department, approved by the department's reviewer. */
    async function published(over: Record<string, unknown> = {}): Promise<string> {
      const c = await api("POST", "/api/v1/services", "demo-clerk", newItem(over));
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id as string;
      expect(
        (await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" })).statusCode,
      ).toBe(200);
      const a = await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", { action: "approve" });
      expect(a.statusCode, a.body).toBe(200);
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
        "demo-clerk",
        "demo-office",
        "demo-reviewer",
        "demo-jyj-clerk",
        "demo-inspector",
        "site-b-office",
      ])
        tok[u] = await tokenFor(ctx, u);
      reviewer = (await findCurrentUser(ctx.deps, "demo-county-reviewer"))!;
      reviewer2 = (await findCurrentUser(ctx.deps, "reviewer-2"))!;
      office = (await findCurrentUser(ctx.deps, "demo-office"))!;
    }, 300_000);

    it("lists the demo's items per CONTRACT, filtered by life event, organisation, type and level", async () => {
      const all = (await api("GET", "/api/v1/services")).json();
      expect(all.total).toBeGreaterThanOrEqual(40);
      expect(Object.keys(all.items[0]).sort()).toEqual(
        ["code", "id", "impl_code", "level", "name", "online_depth", "org", "type", "url", "visits"].sort(),
      );
      const birth = (await api("GET", "/api/v1/services?life_event=birth")).json();
      expect(birth.items.map((i: { name: string }) => i.name)).toContain("出生医学证明首次签发");
      const rsj = (await api("GET", "/api/v1/services?org=gyx-rsj")).json();
      expect(rsj.total).toBeGreaterThan(3);
      expect(rsj.items.every((i: { org: { code: string } }) => i.org.code === "gyx-rsj")).toBe(true);
      const lic = (await api("GET", `/api/v1/services?type=${q("行政许可")}`)).json();
      expect(lic.items.every((i: { type: string }) => i.type === "行政许可")).toBe(true);
      const towns = (await api("GET", `/api/v1/services?level=${q("乡")}`)).json();
      expect(towns.total).toBeGreaterThanOrEqual(6);
      // Stable codes filter like the Chinese names; an unknown value of any filter is a 400 naming it.
      const licByCode = (await api("GET", "/api/v1/services?type=licensing")).json();
      expect(licByCode.total).toBe(lic.total);
      expect((await api("GET", "/api/v1/services?level=town")).json().total).toBe(towns.total);
      for (const [param, value, allowed] of [
        ["type", "permit", "行政许可、"],
        ["level", "galaxy", "乡"],
        ["life_event", "moon", "生育收养"],
        ["org", "no-such-org", "人力资源和社会保障局"],
      ] as const) {
        const bad = await api("GET", `/api/v1/services?${param}=${value}`);
        expect(bad.statusCode, param).toBe(400);
        expect(bad.json().error.details).toEqual([
          expect.objectContaining({
            field: param,
            code: "invalid_filter",
            message: expect.stringContaining(allowed),
          }),
        ]);
      }
      const page = await app.inject({ url: "/fw?type=permit" });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain("筛选条件“事项类型”的值“permit”无效");
      expect(page.body).not.toContain("licensing");
      const orgs = new Set(all.items.map((i: { org: { code: string } }) => i.org.code));
      const more = (await api("GET", "/api/v1/services?page=2")).json();
      for (const i of more.items) orgs.add(i.org.code);
      expect(orgs.size).toBeGreaterThanOrEqual(10);
      const one = (await api("GET", `/api/v1/services/${await firstId("出生医学证明首次签发")}`)).json();
      expect(one).toMatchObject({ type: "公共服务", licensing: false, version: 1, status: "published" });
      expect(one.materials.map((m: { name: string }) => m.name)).toContain("出生医学证明首次签发申请表");
      expect(one.materials.find((m: { blank_form: unknown }) => m.blank_form).blank_form.url).toMatch(
        /^\/fw\/materials\/.+\/blank$/,
      );
      for (const k of [
        "basis",
        "conditions",
        "process",
        "statutory_limit",
        "promised_limit",
        "fee",
        "visits",
        "online_depth",
        "online_url",
        "place",
        "hours",
        "consult_phone",
        "complaint_phone",
        "result_name",
        "faq",
      ])
        expect(one, k).toHaveProperty(k);
    });

    it("adds an item through review: a draft is not public; approved, it is listed, searchable and versioned", async () => {
      const c = await api(
        "POST",
        "/api/v1/services",
        "demo-clerk",
        newItem({ name: "政府信息公开申请受理测试事项" }),
      );
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json().id;
      expect((await api("GET", `/api/v1/services/${id}`)).statusCode).toBe(404);
      const selfApprove = await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", {
        action: "approve",
      });
      expect(selfApprove.statusCode).toBe(403);
      expect(
        (await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" })).statusCode,
      ).toBe(200);
      const edit = await api("PATCH", `/api/v1/services/${id}/draft`, "demo-clerk", { promised_limit: 2 });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe("version_not_editable");
      const ok = await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", { action: "approve" });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await api("GET", `/api/v1/services/${id}`)).json().version).toBe(1);
      const hits = (await api("GET", `/api/v1/search?q=${q("政府信息公开申请受理测试事项")}`)).json();
      expect(hits.items.some((h: { url: string }) => h.url === `/fw/items/${id}`)).toBe(true);
      const audit = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["service.create", "service.submit", "service.approve"]),
      );
    });

    it("changes and then cancels an item by recorded decisions, keeping every version", async () => {
      const id = await published();
      const bad = await api("POST", `/api/v1/services/${id}/versions`, "demo-clerk", { kind: "remove" });
      expect(codes(bad)).toEqual(["invalid_change_kind"]);
      const v2 = await api("POST", `/api/v1/services/${id}/versions`, "demo-clerk", {
        kind: "change",
        reason: "压缩时限",
      });
      expect(v2.statusCode, v2.body).toBe(201);
      expect(v2.json().number).toBe(2);
      expect(
        (await api("POST", `/api/v1/services/${id}/versions`, "demo-clerk", { kind: "change" })).json().error
          .code,
      ).toBe("version_open");
      expect(
        (
          await api("PATCH", `/api/v1/services/${id}/draft`, "demo-clerk", {
            promised_limit: 0,
            decision: "",
          })
        ).statusCode,
      ).toBe(200);
      const noDecision = await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", {
        action: "submit",
      });
      expect(noDecision.statusCode).toBe(409);
      expect(codes(noDecision)).toEqual(["decision_required"]);
      await api("PATCH", `/api/v1/services/${id}/draft`, "demo-clerk", { decision: "固政办发〔2026〕20号" });
      await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" });
      const reject = await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", {
        action: "reject",
      });
      expect(codes(reject)).toEqual(["note_required"]);
      await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", {
        action: "reject",
        note: "请核对依据",
      });
      await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" });
      expect((await api("GET", `/api/v1/services/${id}`)).json().promised_limit).toBe(1);
      await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", { action: "approve" });
      const now = (await api("GET", `/api/v1/services/${id}`)).json();
      expect([now.version, now.promised_limit]).toEqual([2, 0]);
      const noReason = await api("POST", `/api/v1/services/${id}/versions`, "demo-clerk", {
        kind: "cancel",
        decision: "固政办发〔2026〕21号",
      });
      expect(codes(noReason)).toEqual(["reason_required"]);
      await api("POST", `/api/v1/services/${id}/versions`, "demo-clerk", {
        kind: "cancel",
        decision: "固政办发〔2026〕21号",
        reason: "上级取消该事项",
      });
      await api("POST", `/api/v1/services/${id}/actions`, "demo-clerk", { action: "submit" });
      await api("POST", `/api/v1/services/${id}/actions`, "demo-reviewer", { action: "approve" });
      const cancelled = (await api("GET", `/api/v1/services/${id}`)).json();
      expect(cancelled.status).toBe("cancelled");
      const list = (await api("GET", `/api/v1/services?q=${q(cancelled.name)}`)).json();
      expect(list.total).toBe(0);
      const hist = (await api("GET", `/api/v1/services/${id}/versions`, "demo-clerk")).json();
      expect(
        hist.items.map(
          (v: { number: number; change: string; status: string }) => `${v.number}${v.change}${v.status}`,
        ),
      ).toEqual(["3cancelapproved", "2changeapproved", "1addapproved"]);
      expect(hist.items[1].decision).toBe("固政办发〔2026〕20号");
      const page = await app.inject({ url: `/fw/items/${id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("取消");
    });

    it("names every problem of a bad item at once and stores nothing", async () => {
      const before = (
        await ctx.deps.db.kysely
          .selectFrom("service_items")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
      const bad = await api("POST", "/api/v1/services", "demo-clerk", {
        code: "x",
        impl_code: "",
        name: " ",
        type: "许可",
        level: "区",
        life_events: ["moon"],
        objects: [],
        basis: "",
        conditions: "",
        process: [{ name: "", days: 1 }],
        statutory_limit: 5,
        promised_limit: 9,
        limit_unit: "weeks",
        fee: "20元",
        visits: 12,
        online_depth: 4,
        online_url: "http://example.com",
        place: "",
        hours: "",
        consult_phone: "",
        complaint_phone: "",
        result_name: "",
        faq: [{ q: "只有问题" }],
        materials: [{ material_id: "no-such" }],
      });
      expect(bad.statusCode).toBe(400);
      expect(codes(bad).sort()).toEqual(
        [
          "invalid_code",
          "impl_code_required",
          "name_required",
          "invalid_type",
          "invalid_level",
          "invalid_life_event",
          "objects_required",
          "basis_required",
          "conditions_required",
          "process_required",
          "step_name_required",
          "promised_over_statutory",
          "invalid_limit_unit",
          "fee_basis_required",
          "invalid_visits",
          "invalid_online_url",
          "place_required",
          "hours_required",
          "consult_phone_required",
          "complaint_phone_required",
          "result_name_required",
          "faq_incomplete",
          "material_not_found",
        ].sort(),
      );
      const after = (
        await ctx.deps.db.kysely
          .selectFrom("service_items")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
      expect(Number(after)).toBe(Number(before));
      const taken = await api(
        "POST",
        "/api/v1/services",
        "demo-clerk",
        newItem({ impl_code: "150222-WJW-GG-001" }),
      );
      expect(codes(taken)).toEqual(["impl_code_taken"]);
    });

    it("scopes every item to its site and implementing organisation", async () => {
      const id = await published();
      const other = await api("PATCH", `/api/v1/services/${id}/draft`, "demo-jyj-clerk", {
        promised_limit: 0,
      });
      expect(other.statusCode).toBe(404);
      const otherPropose = await api("POST", `/api/v1/services/${id}/versions`, "demo-jyj-clerk", {
        kind: "change",
      });
      expect(otherPropose.statusCode).toBe(404);
      const forOther = await api("POST", "/api/v1/services", "demo-jyj-clerk", newItem({ org: "gyx-zfb" }));
      expect([forOther.statusCode, forOther.json().error.code]).toEqual([403, "org_not_allowed"]);
      const siteB = await api("POST", `/api/v1/services/${id}/versions`, "site-b-office", { kind: "change" });
      expect(siteB.statusCode).toBe(404);
      expect((await api("GET", `/api/v1/services/${id}/versions`, "site-b-office")).statusCode).toBe(404);
      const inspector = await api("POST", `/api/v1/services/${id}/versions`, "demo-inspector", {
        kind: "change",
      });
      expect([inspector.statusCode, inspector.json().error.code]).toEqual([403, "role_not_allowed"]);
      expect((await api("POST", "/api/v1/services", undefined, newItem())).statusCode).toBe(401);
      const mat = (await api("GET", "/api/v1/service-materials")).json().items[0];
      expect(
        (await api("PATCH", `/api/v1/service-materials/${mat.id}`, "demo-jyj-clerk", { notes: "x" }))
          .statusCode,
      ).toBe(404);
      expect(
        (await api("PATCH", `/api/v1/service-materials/${mat.id}`, "site-b-office", { notes: "x" }))
          .statusCode,
      ).toBe(404);
      // A site-wide page exists for everyone: a department's clerk is told who keeps it (403), not "not found".
      const check = await api("GET", "/api/v1/service-halls/check", "demo-jyj-clerk");
      expect([check.statusCode, check.json().error.code]).toEqual([403, "service_site_office_only"]);
    });

    it("edits a material once and every guide asking for it shows the change; the 减材料 report", async () => {
      const mats = (await api("GET", "/api/v1/service-materials")).json().items as Array<{
        id: string;
        name: string;
        items: number;
      }>;
      const birthCert = mats.find((m) => m.name === "出生医学证明")!;
      expect(birthCert.items).toBe(3);
      const bad = await api("PATCH", `/api/v1/service-materials/${birthCert.id}`, "demo-office", {
        name: "居民身份证",
        copies: 99,
        necessity: "maybe",
        standard: "",
      });
      expect(codes(bad).sort()).toEqual([
        "invalid_copies",
        "invalid_necessity",
        "material_name_taken",
        "standard_required",
      ]);
      const r = await api("PATCH", `/api/v1/service-materials/${birthCert.id}`, "demo-office", {
        standard: "须为本县助产机构签发的第二联。",
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().items).toHaveLength(3);
      for (const item of r.json().items) {
        const guide = (await api("GET", `/api/v1/services/${item.id}`)).json();
        expect(guide.materials.find((m: { name: string }) => m.name === "出生医学证明").standard).toBe(
          "须为本县助产机构签发的第二联。",
        );
        const page = await app.inject({ url: `/fw/items/${item.id}` });
        expect(page.body).toContain("须为本县助产机构签发的第二联。");
      }
      const report = (await api("GET", "/api/v1/service-materials/report", "demo-office")).json();
      expect(report.demanded[0].name).toBe("居民身份证");
      expect(report.issued.map((m: { name: string }) => m.name)).toEqual(
        expect.arrayContaining(["出生医学证明", "营业执照"]),
      );
    });

    it("flags the window unit offering 7 special modes, and clears it once an eighth is added", async () => {
      const check = (await api("GET", "/api/v1/service-halls/check", "demo-office")).json();
      expect(check.items).toEqual([
        expect.objectContaining({ window: "社会事务窗口（教育、农牧）", special_modes: 7, missing: 1 }),
      ]);
      const bad = await api(
        "PUT",
        `/api/v1/service-windows/${check.items[0].window_id}/modes`,
        "demo-office",
        { modes: ["teleport"] },
      );
      expect(codes(bad)).toEqual(["invalid_mode"]);
      const halls = (await api("GET", "/api/v1/service-halls")).json();
      expect(halls.modes).toHaveLength(14);
      const win = halls.items[0].windows.find((w: { id: string }) => w.id === check.items[0].window_id);
      const modes = halls.modes
        .filter((m: { name: string }) => win.modes.includes(m.name))
        .map((m: { key: string }) => m.key);
      const ok = await api("PUT", `/api/v1/service-windows/${win.id}/modes`, "demo-office", {
        modes: [...modes, "extended"],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await api("GET", "/api/v1/service-halls/check", "demo-office")).json().items).toEqual([]);
    });

    it("keeps the modes as the site's list: refused with every problem, a mode in use kept, one added", async () => {
      const halls = (await api("GET", "/api/v1/service-halls")).json();
      const list = halls.modes.map((m: { key: string; name: string; special: boolean }) => ({ ...m }));
      const bad = await api("PUT", "/api/v1/service-modes", "demo-office", {
        modes: [
          { key: "X", name: "" },
          { key: "noon", name: "午间服务" },
          { key: "noon", name: "午间" },
        ],
      });
      expect(codes(bad)).toEqual(
        expect.arrayContaining(["invalid_mode_key", "mode_name_required", "mode_repeated", "mode_in_use"]),
      );
      expect((await api("PUT", "/api/v1/service-modes", "demo-jyj-clerk", { modes: list })).statusCode).toBe(
        403,
      );
      const ok = await api("PUT", "/api/v1/service-modes", "demo-office", {
        modes: [...list, { key: "bilingual", name: "蒙汉双语服务", special: true }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await api("GET", "/api/v1/service-halls")).json().modes).toHaveLength(15);
    });

    it("gives the combined guide of a 一件事 with parallel approval marked and each material once", async () => {
      const b = (await api("GET", "/api/v1/service-bundles/newborn")).json();
      expect(b.items.map((i: { parallel: boolean }) => i.parallel)).toEqual([false, true, true, true]);
      const names = b.materials.map((m: { name: string }) => m.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain("居民身份证");
      expect((await api("GET", "/api/v1/service-bundles")).json().items).toHaveLength(5);
      expect((await api("GET", "/api/v1/service-bundles/nothing")).statusCode).toBe(404);
      const hits = (await api("GET", `/api/v1/search?q=${q("新生儿出生一件事")}`)).json();
      expect(hits.items.some((h: { url: string }) => h.url === "/fw/bundles/newborn")).toBe(true);
    });

    it("serves the public pages in both languages and a blank form as a Word file", async () => {
      for (const url of [
        "/fw",
        "/fw?life_event=birth",
        "/fw/life-events/birth",
        "/fw/bundles/newborn",
        "/fw/halls",
        "/mn/fw",
        "/mn/fw/halls",
      ]) {
        const r = await app.inject({ url });
        expect(r.statusCode, url).toBe(200);
      }
      expect((await app.inject({ url: "/fw/life-events/moon" })).statusCode).toBe(404);
      const guide = (await api("GET", `/api/v1/services/${await firstId("出生医学证明首次签发")}`)).json();
      const form = guide.materials.find((m: { blank_form: unknown }) => m.blank_form).blank_form;
      const file = await app.inject({ url: form.url });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toContain("wordprocessingml");
      expect(file.headers["content-disposition"]).toContain("attachment");
      // Every download on a guide and a bundle works in both languages (the files are the same).
      const id = await firstId("出生医学证明首次签发");
      for (const page of [
        `/fw/items/${id}`,
        `/mn/fw/items/${id}`,
        "/fw/bundles/newborn",
        "/mn/fw/bundles/newborn",
      ]) {
        const html = (await app.inject({ url: page })).body;
        const links = [...html.matchAll(/href="([^"]*\/(?:blank|sample))"/g)].map((m) => m[1]!);
        expect(links.length, page).toBeGreaterThan(0);
        for (const link of links)
          expect((await app.inject({ url: link })).statusCode, `${page} → ${link}`).toBe(200);
      }
    });

    it("refuses a reviewer approving what they submitted (four eyes)", async () => {
      const c = await api("POST", "/api/v1/services", "demo-office", newItem());
      const id = c.json().id;
      await api("POST", `/api/v1/services/${id}/actions`, "demo-office", { action: "submit" });
      const self = await api("POST", `/api/v1/services/${id}/actions`, "demo-office", { action: "approve" });
      expect([self.statusCode, codes(self)]).toEqual([409, ["four_eyes"]]);
    });

    it("serialises two approvals and two proposals on the item's lock", async () => {
      const c = await api("POST", "/api/v1/services", "demo-office", newItem());
      const id = c.json().id;
      await performStep(ctx.deps, office, id, { action: "submit" });
      await Promise.all(
        Array.from({ length: 4 }, () => ctx.deps.db.kysely.selectFrom("sites").select("id").execute()),
      );
      const outcome = (rs: PromiseSettledResult<unknown>[]) =>
        rs
          .map((r) =>
            r.status === "fulfilled"
              ? "ok"
              : `${(r.reason as AppError).status} ${(r.reason as AppError).code}`,
          )
          .sort();
      const approvals = await Promise.allSettled([
        performStep(ctx.deps, reviewer, id, { action: "approve" }),
        performStep(ctx.deps, reviewer2, id, { action: "approve" }),
      ]);
      expect(outcome(approvals)).toEqual(["409 invalid_transition", "ok"]);
      const proposals = await Promise.allSettled([
        proposeVersion(ctx.deps, office, id, { kind: "change" }),
        proposeVersion(ctx.deps, office, id, { kind: "change" }),
      ]);
      expect(outcome(proposals)).toEqual(["409 version_open", "ok"]);
      const versions = await ctx.deps.db.kysely
        .selectFrom("service_item_versions")
        .select("number")
        .where("item_id", "=", id)
        .execute();
      expect(versions.map((v) => Number(v.number)).sort()).toEqual([1, 2]);
    });
  },
  { clock },
);
