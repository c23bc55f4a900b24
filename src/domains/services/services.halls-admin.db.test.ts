import { beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { createOtherSite } from "../../../test/helpers/sites";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";

// The back office of halls, window units and 一件事, walked like a browser: refused forms name every problem
// in Chinese and keep what was typed; saved changes are audited and show on the public pages; other
// departments and other sites are refused, through the forms and the API alike.
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
  return p;
};
const SEVEN = ["appointment", "online", "agent", "one_notice", "first_ask", "time_limit", "self_service"];
// biome-ignore lint/suspicious/noExplicitAny: answers are read as JSON of many shapes
type Res = { statusCode: number; body: string; json(): any };

describeEachDialect("services back office: halls, windows and 一件事", (ctx) => {
  let app: AppInstance;
  const tok: Record<string, string> = {};
  const as = async (username: string, password = DEMO_PASSWORD) => {
    const s = new Session(app);
    expect((await s.login(username, password)).statusCode).toBe(303);
    return s;
  };
  const api = (method: "GET" | "PATCH", url: string, who?: string, payload?: unknown): Promise<Res> =>
    app.inject({
      method,
      url,
      headers: who ? bearer(tok[who]!) : {},
      ...(payload ? { payload } : {}),
    } as never) as never;
  const codes = (r: Res) => (r.json().error.details as { code: string }[]).map((d) => d.code);
  const audited = async (action: string, entityId: string) =>
    (
      await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action"])
        .where("action", "=", action)
        .where("entity_id", "=", entityId)
        .execute()
    ).length;
  const countyHall = async () =>
    (await api("GET", "/api/v1/service-halls"))
      .json()
      .items.find((h: { level: string }) => h.level === "county");

  beforeAll(async () => {
    app = await buildTestApp(ctx, { services: true });
    await createOtherSite(ctx, [
      { username: "site-b-office", roles: ["office"], password: "Site-B-Pw-2026!" },
    ]);
    for (const u of ["demo-office", "demo-jsz-clerk", "demo-inspector", "site-b-office"])
      tok[u] = await tokenFor(ctx, u);
  }, 120_000);

  it("creates and edits a hall through the forms: every problem named, input kept, audited, shown publicly", async () => {
    const office = await as("demo-office");
    const csrf = await office.csrfFrom("/admin/services/halls/new");
    const bad = await office.post(
      "/admin/services/halls/new",
      form({
        _csrf: csrf,
        org: "gyx-xdpz",
        name: "",
        level: "moon",
        address: "西斗铺镇政府一楼",
        hours: "",
        phone: "0472-1",
      }),
    );
    expect(bad.statusCode).toBe(400);
    for (const text of ["请填写大厅名称", "请选择大厅层级", "请填写办公时间"])
      expect(bad.body).toContain(text);
    expect(bad.body).toContain('value="西斗铺镇政府一楼"');
    const ok = await office.post(
      "/admin/services/halls/new",
      form({
        _csrf: csrf,
        org: "gyx-xdpz",
        name: "西斗铺镇便民服务中心",
        level: "town",
        address: "西斗铺镇政府一楼",
        hours: "工作日 8:30-17:30",
        phone: "0472-8140001",
      }),
    );
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(303);
    const url = ok.headers.location as string;
    const id = url.split("/").pop()!;
    expect(await audited("service.hall_create", id)).toBe(1);
    const refused = await office.post(
      url,
      form({
        _csrf: csrf,
        org: "gyx-xdpz",
        name: "西斗铺镇便民服务中心（新址）",
        level: "town",
        address: "",
        hours: "工作日",
        phone: "1",
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("请填写地址");
    expect(refused.body).toContain('value="西斗铺镇便民服务中心（新址）"');
    const saved = await office.post(
      url,
      form({
        _csrf: csrf,
        org: "gyx-xdpz",
        name: "西斗铺镇便民服务中心（新址）",
        level: "town",
        address: "西斗铺镇新区",
        hours: "工作日 8:30-17:30",
        phone: "0472-8140001",
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(await audited("service.hall_update", id)).toBe(1);
    const pub = await app.inject({ url: "/fw/halls" });
    expect(pub.body).toContain("西斗铺镇便民服务中心（新址）");
    expect(pub.body).toContain("西斗铺镇新区");
    // The halls page links every hall to its own page.
    expect((await office.get("/admin/services/halls")).body).toContain(`href="/admin/services/halls/${id}"`);
  });

  it("adds a window with 7 special modes, sees it flagged, and edits it to 8 (problems named first)", async () => {
    const office = await as("demo-office");
    const hall = await countyHall();
    const hallUrl = `/admin/services/halls/${hall.id}`;
    const csrf = await office.csrfFrom(hallUrl);
    const bad = await office.post(
      `${hallUrl}/windows`,
      form({ _csrf: csrf, name: "", orgs: ["nope"], modes: ["teleport"] }),
    );
    expect(bad.statusCode).toBe(400);
    for (const text of [
      "请填写窗口名称",
      "找不到机构代码为 nope 的进驻部门",
      "请从本站的便民服务模式清单中选择",
    ])
      expect(bad.body).toContain(text);
    const added = await office.post(
      `${hallUrl}/windows`,
      form({
        _csrf: csrf,
        name: "医保窗口",
        orgs: ["gyx-wjw"],
        modes: SEVEN,
      }),
    );
    expect(added.statusCode, added.body.slice(0, 400)).toBe(303);
    expect((await office.get(hallUrl)).body).toContain("不足 8 种，还差 1 种");
    const halls = await office.get("/admin/services/halls");
    expect(halls.body).toContain("固阳县政务服务中心 · 医保窗口：只提供 7 种，还差 1 种");
    const wid = /href="\/admin\/services\/windows\/([^"]+)"[^>]*>固阳县政务服务中心 · 医保窗口/.exec(
      halls.body,
    )![1]!;
    const wurl = `/admin/services/windows/${wid}`;
    expect((await office.get(wurl)).body).toContain("只提供 7 种特色服务模式");
    const refused = await office.post(
      wurl,
      form({ _csrf: csrf, name: "医保窗口（二号）", orgs: ["gyx-wjw"], modes: [...SEVEN, "teleport"] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("请从本站的便民服务模式清单中选择");
    expect(refused.body).toContain('value="医保窗口（二号）"');
    const saved = await office.post(
      wurl,
      form({ _csrf: csrf, name: "医保窗口（二号）", orgs: ["gyx-wjw"], modes: [...SEVEN, "extended"] }),
    );
    expect(saved.statusCode).toBe(303);
    expect(await audited("service.window_update", wid)).toBe(1);
    expect((await office.get("/admin/services/halls")).body).not.toContain("医保窗口（二号）：只提供");
    const check = (
      await app.inject({ url: "/api/v1/service-halls/check", headers: bearer(tok["demo-office"]!) })
    ).json();
    expect(check.items.some((i: { window_id: string }) => i.window_id === wid)).toBe(false);
  });

  it("refuses other departments and other sites, through the forms and the API", async () => {
    const hall = await countyHall();
    const town = (await api("GET", "/api/v1/service-halls"))
      .json()
      .items.find((h: { name: string }) => h.name === "金山镇便民服务中心");
    const win = hall.windows[0];
    const fields = { name: "改名", level: "county", org: "gyx-zwfwj", address: "x", hours: "x", phone: "x" };
    // A town's clerk keeps their own station but does not see the county's hall, nor move the station away.
    const jsz = await as("demo-jsz-clerk");
    const jcsrf = await jsz.csrfFrom(`/admin/services/halls/${town.id}`);
    expect(
      (await jsz.post(`/admin/services/halls/${hall.id}`, form({ _csrf: jcsrf, ...fields }))).statusCode,
    ).toBe(404);
    expect(
      (await api("PATCH", `/api/v1/service-halls/${hall.id}`, "demo-jsz-clerk", { name: "改名" })).statusCode,
    ).toBe(404);
    const own = await api("PATCH", `/api/v1/service-halls/${town.id}`, "demo-jsz-clerk", {
      hours: "工作日 8:00-17:30",
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().name).toBe("金山镇便民服务中心");
    expect(own.json().hours).toBe("工作日 8:00-17:30");
    const moved = await api("PATCH", `/api/v1/service-halls/${town.id}`, "demo-jsz-clerk", { org: "gyx" });
    expect(moved.statusCode).toBe(403);
    expect(
      (await api("PATCH", `/api/v1/service-windows/${win.id}`, "demo-jsz-clerk", { name: "x" })).statusCode,
    ).toBe(404);
    const bundle = await api("PATCH", "/api/v1/service-bundles/newborn", "demo-jsz-clerk", { name: "x" });
    expect([bundle.statusCode, bundle.json().error.code]).toEqual([403, "service_site_office_only"]);
    // The inspector sees the halls and bundles but changes none of them.
    expect(
      (await api("PATCH", `/api/v1/service-windows/${win.id}`, "demo-inspector", { name: "x" })).statusCode,
    ).toBe(403);
    const office = await as("demo-office");
    const bid = /href="\/admin\/services\/bundles\/([^"]+)"[^>]*>新生儿出生一件事/.exec(
      (await office.get("/admin/services/bundles")).body,
    )![1]!;
    const inspector = await as("demo-inspector");
    const icsrf = await inspector.csrfFrom("/admin/services/halls");
    const seen = await inspector.get(`/admin/services/bundles/${bid}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain("保存修改");
    expect(
      (await inspector.post(`/admin/services/bundles/${bid}`, form({ _csrf: icsrf, name: "x" }))).statusCode,
    ).toBe(403);
    expect(
      (await inspector.post(`/admin/services/windows/${win.id}`, form({ _csrf: icsrf, name: "x" })))
        .statusCode,
    ).toBe(403);
    // A department's clerk: the 一件事 exists and is kept by the site's root, so a 403 saying so, not a 404.
    const refused = await jsz.get(`/admin/services/bundles/${bid}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("“一件事一次办”由");
    // Another site sees none of it.
    const b = await as("site-b-office", "Site-B-Pw-2026!");
    expect((await b.get(`/admin/services/halls/${hall.id}`)).statusCode).toBe(404);
    expect((await b.get(`/admin/services/windows/${win.id}`)).statusCode).toBe(404);
    expect((await b.get(`/admin/services/bundles/${bid}`)).statusCode).toBe(404);
    expect(
      (await api("PATCH", `/api/v1/service-halls/${hall.id}`, "site-b-office", { name: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await api("PATCH", `/api/v1/service-windows/${win.id}`, "site-b-office", { name: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await api("PATCH", "/api/v1/service-bundles/newborn", "site-b-office", { name: "x" })).statusCode,
    ).toBe(404);
    // Nothing changed.
    expect((await countyHall()).name).toBe(hall.name);
  });

  it("arranges a 一件事 through the forms: items across departments, parallel marks, one form, one set of materials", async () => {
    const office = await as("demo-office");
    const items = (await api("GET", `/api/v1/services?q=${encodeURIComponent("个体工商户设立登记")}`)).json()
      .items;
    const food = (await api("GET", `/api/v1/services?q=${encodeURIComponent("食品经营许可")}`)).json().items;
    const csrf = await office.csrfFrom("/admin/services/bundles/new");
    const bad = await office.post(
      "/admin/services/bundles/new",
      form({
        _csrf: csrf,
        key: "Bad Key",
        name: "开办小超市一件事",
        life_event: "business",
        items: `${items[0].impl_code}\n不存在的事项|并联`,
        notice: "",
        window: "市场准入窗口",
        promised_days: "5",
      }),
    );
    expect(bad.statusCode).toBe(400);
    for (const text of ["找不到在用事项“不存在的事项”", "网址标识应为", "请填写一次告知"])
      expect(bad.body).toContain(text);
    expect(bad.body).toContain("不存在的事项|并联");
    expect(bad.body).toContain('value="开办小超市一件事"');
    const ok = await office.post(
      "/admin/services/bundles/new",
      form({
        _csrf: csrf,
        key: "grocery",
        name: "开办小超市一件事",
        life_event: "business",
        items: `${items[0].impl_code}\n${food[0].name}|并联`,
        notice: "开办小超市，在市场准入窗口一次提交材料。",
        window: "固阳县政务服务中心一楼市场准入窗口",
        promised_days: "5",
      }),
    );
    expect(ok.statusCode, ok.body.slice(0, 600)).toBe(303);
    const url = ok.headers.location as string;
    const id = url.split("/").pop()!;
    expect(await audited("service.bundle_create", id)).toBe(1);
    let guide = (await api("GET", "/api/v1/service-bundles/grocery")).json();
    expect(guide.items.map((i: { parallel: boolean }) => i.parallel)).toEqual([false, true]);
    const material = guide.materials[0];
    const catalogue = (await api("GET", "/api/v1/service-materials")).json().items;
    const formMaterial = catalogue.find((m: { blank_form: unknown }) => m.blank_form);
    // Editing: a material waived inside the bundle, and the one combined form.
    const page = await office.get(url);
    expect(page.body).toContain(`${items[0].impl_code} ${items[0].name}`);
    const bad2 = await office.post(
      url,
      form({
        _csrf: csrf,
        name: "开办小超市一件事",
        life_event: "business",
        items: `${items[0].impl_code}\n${food[0].impl_code}|并联`,
        notice: "一次告知",
        window: "市场准入窗口",
        promised_days: "400",
        dropped: "不存在的材料",
        form_material_id: formMaterial.id,
      }),
    );
    expect(bad2.statusCode).toBe(400);
    for (const text of ["材料目录中没有“不存在的材料”", "承诺办结时限应为 0 至 365"])
      expect(bad2.body).toContain(text);
    const saved = await office.post(
      url,
      form({
        _csrf: csrf,
        name: "开办小超市一件事",
        life_event: "business",
        items: `${items[0].impl_code}\n${food[0].impl_code}|并联`,
        notice: "一次告知",
        window: "市场准入窗口",
        promised_days: "3",
        dropped: material.name,
        form_material_id: formMaterial.id,
      }),
    );
    expect(saved.statusCode, saved.body.slice(0, 600)).toBe(303);
    expect(await audited("service.bundle_update", id)).toBe(1);
    guide = (await api("GET", "/api/v1/service-bundles/grocery")).json();
    expect(guide.promised_days).toBe(3);
    expect(guide.materials.map((m: { id: string }) => m.id)).not.toContain(material.id);
    expect(guide.waived).toEqual([{ id: material.id, name: material.name }]);
    expect(guide.form.id).toBe(formMaterial.id);
    const pub = await app.inject({ url: "/fw/bundles/grocery" });
    expect(pub.body).toContain(`无需提交（“一件事”内部共享）：${material.name}`);
    expect(pub.body).toContain(formMaterial.blank_form.url);
    expect((await app.inject({ url: "/mn/fw/bundles/grocery" })).statusCode).toBe(200);
    // The API edits the same bundle; a material no member item asks for cannot be waived.
    const other = catalogue.find(
      (m: { id: string; name: string }) =>
        !guide.materials.some((g: { id: string }) => g.id === m.id) && m.id !== material.id,
    );
    const refused = await api("PATCH", "/api/v1/service-bundles/grocery", "demo-office", {
      ...bodyOf(guide),
      dropped: [other.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(codes(refused)).toEqual(["material_not_member"]);
    const patched = await api("PATCH", "/api/v1/service-bundles/grocery", "demo-office", {
      ...bodyOf(guide),
      dropped: [],
      form_material_id: null,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().waived).toEqual([]);
    expect(patched.json().form).toBeNull();
    expect(
      (await api("PATCH", "/api/v1/service-bundles/grocery", "demo-inspector", bodyOf(guide))).statusCode,
    ).toBe(403);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: a bundle's JSON as the API gave it
function bodyOf(guide: any) {
  return {
    name: guide.name,
    life_event: guide.life_event.key,
    notice: guide.notice,
    window: guide.window,
    promised_days: guide.promised_days,
    items: guide.items.map((i: { id: string; parallel: boolean }) => ({
      item_id: i.id,
      parallel: i.parallel,
    })),
  };
}
