import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, tokenFor } from "../../../test/helpers/app";
import { describeEachDialect } from "../../../test/helpers/db";
import { Session } from "../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../demo/seed";
import type { AppInstance } from "../../web/types";
import { countCatalogRows } from "./catalog.test-helpers";

interface NodeJson {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  depth: number;
  kind: string;
  update_label: string;
  archived: boolean;
  standard: Record<string, string> | null;
}

describeEachDialect("catalogue API and pages", (ctx) => {
  let app: AppInstance;
  let office: string;
  let clerk: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx);
    office = await tokenFor(ctx, "demo-office");
    clerk = await tokenFor(ctx, "demo-clerk");
  });
  afterAll(async () => app?.close());

  const tree = async (org: string): Promise<NodeJson[]> =>
    (await app.inject({ url: `/api/v1/catalog?org=${org}` })).json().items;
  const byCode = async (org: string, code: string) => (await tree(org)).find((n) => n.code === code)!;
  const counts = async () => [
    await countCatalogRows(ctx, "catalog_nodes"),
    await countCatalogRows(ctx, "catalog_node_changes"),
    await countCatalogRows(ctx, "audit_log"),
  ];

  it("serves an organisation's catalogue to anyone, depth-first", async () => {
    const res = await app.inject({ url: "/api/v1/catalog?org=gyx" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.org).toMatchObject({ code: "gyx", name: "固阳县人民政府" });
    const items: NodeJson[] = body.items;
    expect(items[0]).toMatchObject({ code: "guide", depth: 0, parent_id: null });
    const seen = new Set<string>();
    for (const n of items) {
      if (n.parent_id) expect(seen.has(n.parent_id)).toBe(true);
      seen.add(n.id);
    }
    expect(items.find((n) => n.code === "art20-01")!.update_label).toBe("形成或变更之日起20个工作日内更新");
    expect(items.find((n) => n.code === "std-budget-1")!.standard).toMatchObject({
      item_l2: "政府预算",
      level: "县级",
    });
    expect((await app.inject({ url: "/api/v1/catalog?org=nope" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/api/v1/catalog?org=gyx&include_archived=true" })).statusCode).toBe(401);
    const orgs = (await app.inject({ url: "/api/v1/catalog/orgs" })).json().items;
    expect(orgs).toHaveLength(31);
    expect(orgs[0]).toMatchObject({ code: "gyx" });
  });

  it("shows a node's history to staff only", async () => {
    const guide = await byCode("gyx", "guide");
    const anon = await app.inject({ url: `/api/v1/catalog/nodes/${guide.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json().history).toBeUndefined();
    expect(anon.json().path).toEqual([{ id: guide.id, code: "guide", name: "政府信息公开指南" }]);
    // A clerk sees the history of their own organisation's catalogue only.
    const outside = await app.inject({ url: `/api/v1/catalog/nodes/${guide.id}`, headers: bearer(clerk) });
    expect(outside.json().history).toBeUndefined();
    const own = await byCode("gyx-zfb", "guide");
    const staff = await app.inject({ url: `/api/v1/catalog/nodes/${own.id}`, headers: bearer(clerk) });
    expect(staff.json().history).toHaveLength(1);
    expect(staff.json().history[0]).toMatchObject({ change: "create", after: { seeded: true } });
    expect((await app.inject({ url: "/api/v1/catalog/nodes/no-such-node" })).statusCode).toBe(404);
  });

  it("refuses changes without a token (401) and from a clerk (403), storing nothing", async () => {
    const guide = await byCode("gyx-zfb", "guide");
    const before = await counts();
    const anon = await app.inject({
      method: "PATCH",
      url: `/api/v1/catalog/nodes/${guide.id}`,
      payload: { name: "x" },
    });
    expect(anon.statusCode).toBe(401);
    for (const req of [
      { method: "PATCH" as const, url: `/api/v1/catalog/nodes/${guide.id}`, payload: { name: "x" } },
      { method: "POST" as const, url: `/api/v1/catalog/nodes/${guide.id}/archive` },
      {
        method: "POST" as const,
        url: `/api/v1/catalog/nodes/${guide.id}/move`,
        payload: { direction: "down" },
      },
      {
        method: "POST" as const,
        url: "/api/v1/catalog/nodes",
        payload: { org: "gyx-zfb", code: "x", name: "x", kind: "column", update_rule: "yearly" },
      },
    ]) {
      const res = await app.inject({ ...req, headers: bearer(clerk) });
      expect(res.statusCode, req.url).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with 400 and every problem, storing nothing", async () => {
    const before = await counts();
    const schema = await app.inject({
      method: "POST",
      url: "/api/v1/catalog/nodes",
      headers: bearer(office),
      payload: { org: "gyx", code: { a: 1 }, kind: "folder", update_rule: "weekly", extra: 1 },
    });
    expect(schema.statusCode).toBe(400);
    const fields = schema.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "code", "kind", "update_rule", "extra"]));

    const guide = await byCode("gyx", "guide");
    const rules = await app.inject({
      method: "POST",
      url: "/api/v1/catalog/nodes",
      headers: bearer(office),
      payload: {
        org: "gyx",
        parent_id: guide.id,
        code: "BAD CODE",
        name: "",
        kind: "column",
        update_rule: "days",
      },
    });
    expect(rules.statusCode).toBe(400);
    expect(rules.json().error.details.map((d: { code: string }) => d.code)).toEqual([
      "invalid_code",
      "required",
      "update_days_required",
      "parent_not_group",
    ]);
    const both = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${guide.id}/move`,
      headers: bearer(office),
      payload: { parent_id: null, direction: "up" },
    });
    expect(both.statusCode).toBe(400);
    const std = await byCode("gyx", "std");
    const cycle = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${std.id}/move`,
      headers: bearer(office),
      payload: { parent_id: (await byCode("gyx", "std-health")).id },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].code).toBe("move_cycle");
    expect(await counts()).toEqual(before);
  });

  it("lets the office add, rename, move, reorder, archive and restore through the API", async () => {
    const before = await counts();
    const statutory = await byCode("gyx-jyj", "statutory");
    const add = await app.inject({
      method: "POST",
      url: "/api/v1/catalog/nodes",
      headers: bearer(office),
      payload: {
        org: "gyx-jyj",
        parent_id: statutory.id,
        code: "school-safety",
        name: "校园安全",
        kind: "column",
        update_rule: "days",
        update_days: 20,
      },
    });
    expect(add.statusCode).toBe(201);
    const id = add.json().id;
    expect(add.json()).toMatchObject({ depth: 1, parent_id: statutory.id, source: "custom" });
    const patch = await app.inject({
      method: "PATCH",
      url: `/api/v1/catalog/nodes/${id}`,
      headers: bearer(office),
      payload: { name: "校园安全和食品安全" },
    });
    expect(patch.json().name).toBe("校园安全和食品安全");
    const up = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${id}/move`,
      headers: bearer(office),
      payload: { direction: "up" },
    });
    expect(up.statusCode).toBe(200);
    const top = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${id}/move`,
      headers: bearer(office),
      payload: { parent_id: null },
    });
    expect(top.json()).toMatchObject({ parent_id: null, depth: 0 });
    const archived = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${id}/archive`,
      headers: bearer(office),
    });
    expect(archived.json().archived).toBe(true);
    expect((await tree("gyx-jyj")).some((n) => n.id === id)).toBe(false);
    const again = await app.inject({
      method: "POST",
      url: `/api/v1/catalog/nodes/${id}/archive`,
      headers: bearer(office),
    });
    expect(again.statusCode).toBe(409);
    const withArchived = await app.inject({
      url: "/api/v1/catalog?org=gyx-jyj&include_archived=true",
      headers: bearer(office),
    });
    expect(withArchived.json().items.some((n: NodeJson) => n.id === id)).toBe(true);
    await app.inject({ method: "POST", url: `/api/v1/catalog/nodes/${id}/restore`, headers: bearer(office) });
    const detail = await app.inject({ url: `/api/v1/catalog/nodes/${id}`, headers: bearer(office) });
    expect(detail.json().history.map((h: { change: string }) => h.change)).toEqual([
      "restore",
      "archive",
      "move",
      "reorder",
      "rename",
      "create",
    ]);
    const [nodes, changes, audit] = await counts();
    expect([nodes, changes, audit]).toEqual([before[0]! + 1, before[1]! + 6, before[2]! + 6]);
  });

  it("renders the public catalogue with its tree and the standard-catalogue table, in both languages", async () => {
    const list = await app.inject({ url: "/gk/catalog" });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/gk/catalog/gyx"');
    expect(list.body).toContain("固阳县教育局");

    const page = await app.inject({ url: "/gk/catalog/gyx" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("固阳县人民政府主动公开基本目录");
    expect(page.body).toContain("法定主动公开内容");
    const col = await byCode("gyx", "art20-01");
    expect(page.body).toContain(`href="/gk/list?node=${col.id}"`);
    expect(page.body).toContain("（更新要求：形成或变更之日起20个工作日内更新）");
    expect(page.body).toContain("<caption>财政预决算标准目录</caption>");
    for (const h of [
      "公开事项",
      "一级事项",
      "二级事项",
      "公开内容（要素）",
      "公开依据",
      "公开时限",
      "公开主体",
      "公开渠道和载体",
      "公开对象",
      "公开方式",
      "公开层级",
    ])
      expect(page.body).toContain(`>${h}</th>`);
    expect(page.body).toContain('<th scope="colgroup" colspan="2">');
    expect(page.body).toContain("批准后20日内");
    expect(page.body).toContain("竣工有关信息");

    const mn = await app.inject({ url: "/mn/gk/catalog/gyx" });
    expect(mn.statusCode).toBe(200);
    expect(mn.body).toContain('<html lang="mn-Mong"');
    expect(mn.body).toContain(`href="/mn/gk/list?node=${col.id}"`);
    expect((await app.inject({ url: "/mn/gk/catalog" })).body).toContain('href="/mn/gk/catalog/gyx"');
    expect((await app.inject({ url: "/gk/catalog/nope" })).statusCode).toBe(404);
  });

  it("walks the back office: view for a clerk, forms for the office with every problem re-rendered", async () => {
    const anon = await app.inject({ url: "/admin/catalog" });
    expect(anon.statusCode).toBe(303);

    const clerkSession = new Session(app);
    await clerkSession.login("demo-clerk", DEMO_PASSWORD);
    const clerkPage = await clerkSession.get("/admin/catalog");
    expect(clerkPage.statusCode).toBe(200);
    expect(clerkPage.body).toContain("固阳县人民政府办公室 主动公开基本目录");
    expect(clerkPage.body).not.toContain("添加目录节点");
    expect(clerkPage.body).not.toContain("/archive");
    expect((await clerkSession.get("/admin/catalog?org=gyx")).statusCode).toBe(403);

    const s = new Session(app);
    await s.login("demo-office", DEMO_PASSWORD);
    const page = await s.get("/admin/catalog?org=gyx-czj");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("公开目录");
    expect(page.body).toContain("添加目录节点");
    expect(page.body).toContain("财政预决算");
    const csrf = await s.csrfFrom("/admin/catalog?org=gyx-czj");
    const before = await counts();

    const bad = await s.post("/admin/catalog/nodes", {
      _csrf: csrf,
      org: "gyx-czj",
      parent_id: "",
      code: "坏代码",
      name: "",
      kind: "column",
      update_rule: "days",
      update_days: "abc",
      description: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("error-summary");
    expect(bad.body).toContain("节点代码为1-60位");
    expect(bad.body).toContain("请填写节点名称");
    expect(bad.body).toContain("工作日数应为1至365之间的整数");
    expect(bad.body).toContain('value="坏代码"');
    expect(await counts()).toEqual(before);

    const noCsrf = await s.post("/admin/catalog/nodes", {
      org: "gyx-czj",
      code: "x",
      name: "x",
      kind: "column",
      update_rule: "yearly",
    });
    expect(noCsrf.statusCode).toBe(403);

    const ok = await s.post("/admin/catalog/nodes", {
      _csrf: csrf,
      org: "gyx-czj",
      parent_id: "",
      code: "debt",
      name: "政府债务",
      kind: "column",
      update_rule: "yearly",
      update_days: "20",
      description: "地方政府债务限额、余额",
    });
    expect(ok.statusCode).toBe(303);
    const id = /#node-(.+)$/.exec(ok.headers.location as string)![1]!;
    const after = await s.get("/admin/catalog?org=gyx-czj");
    expect(after.body).toContain("已添加目录节点：政府债务");
    expect(after.body).toContain(`id="node-${id}"`);

    // The new node is last among the top level: "down" is not offered, "up" is.
    expect(after.body).toContain(`action="/admin/catalog/nodes/${id}/reorder"`);
    const upRes = await s.post(`/admin/catalog/nodes/${id}/reorder`, { _csrf: csrf, direction: "up" });
    expect(upRes.statusCode).toBe(303);
    const first = (await tree("gyx-czj"))[0]!;
    const refused = await s.post(`/admin/catalog/nodes/${first.id}/reorder`, {
      _csrf: csrf,
      direction: "up",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("已在同级第一位");

    const nodePage = await s.get(`/admin/catalog/nodes/${id}`);
    expect(nodePage.statusCode).toBe(200);
    expect(nodePage.body).toContain("变更记录");
    expect(nodePage.body).toContain("调整顺序");
    const badUpdate = await s.post(`/admin/catalog/nodes/${id}/update`, {
      _csrf: csrf,
      name: "",
      update_rule: "days",
      update_days: "",
      description: "",
    });
    expect(badUpdate.statusCode).toBe(400);
    expect(badUpdate.body).toContain("请填写节点名称");
    expect(badUpdate.body).toContain("限期更新的栏目请填写工作日数");
    const goodUpdate = await s.post(`/admin/catalog/nodes/${id}/update`, {
      _csrf: csrf,
      name: "政府债务信息",
      update_rule: "monthly",
      update_days: "20",
      description: "地方政府债务限额、余额",
    });
    expect(goodUpdate.statusCode).toBe(303);

    const statutory = await byCode("gyx-czj", "statutory");
    const moved = await s.post(`/admin/catalog/nodes/${id}/move`, { _csrf: csrf, parent_id: statutory.id });
    expect(moved.statusCode).toBe(303);
    const badMove = await s.post(`/admin/catalog/nodes/${statutory.id}/move`, {
      _csrf: csrf,
      parent_id: (await byCode("gyx-czj", "art21")).id,
    });
    expect(badMove.statusCode).toBe(400);
    expect(badMove.body).toContain("不能把节点移到它自己或它的下级节点之下");

    const archived = await s.post(`/admin/catalog/nodes/${id}/archive`, { _csrf: csrf, return_to: "node" });
    expect(archived.statusCode).toBe(303);
    expect(archived.headers.location).toBe(`/admin/catalog/nodes/${id}`);
    const history = await s.get(`/admin/catalog/nodes/${id}`);
    expect(history.body).toContain("已归档：政府债务信息");
    for (const label of ["新建", "调整顺序", "修改", "移动", "归档"])
      expect(history.body).toContain(`<td>${label}</td>`);
    expect(history.body).toContain("恢复此节点");
    const restore = await s.post(`/admin/catalog/nodes/${id}/restore`, { _csrf: csrf });
    expect(restore.statusCode).toBe(303);
    const twice = await s.post(`/admin/catalog/nodes/${id}/restore`, { _csrf: csrf });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("没有归档");
  });
});
