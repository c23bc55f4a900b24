import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../../test/helpers/db";
import { systemActor } from "../../deps";
import { AppError } from "../../platform/errors";
import { listAudit } from "../audit";
import { createOrg, findOrgByCodeAnySite } from "../orgs";
import { nodeHistory } from "./catalog.history";
import { seedCatalogs } from "./catalog.seed";
import {
  archiveNode,
  createNode,
  findCatalogNodeByCode,
  listCatalogTree,
  moveNode,
  reorderNode,
  restoreNode,
  updateNode,
} from "./catalog.service";
import { countCatalogRows, seedCatalogDemo } from "./catalog.test-helpers";

const actor = { id: null, label: "测试员" };

/** The error a call fails with. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describeEachDialect("catalogue service", (ctx) => {
  let siteId: string;
  const orgId = async (code: string) => (await findOrgByCodeAnySite(ctx.deps, code)).id;
  const node = async (org: string, code: string) =>
    (await findCatalogNodeByCode(ctx.deps, await orgId(org), code))!;
  const counts = async () => [
    await countCatalogRows(ctx, "catalog_nodes"),
    await countCatalogRows(ctx, "catalog_node_changes"),
    await countCatalogRows(ctx, "audit_log"),
  ];

  beforeAll(async () => {
    siteId = (await seedCatalogDemo(ctx)).site.id;
  });

  it("seeds the county government with Art. 20, Art. 21, the 26 areas and the key-project types", async () => {
    const tree = await listCatalogTree(ctx.deps, await orgId("gyx"));
    const byCode = new Map(tree.map((n) => [n.code, n]));
    const statutory = byCode.get("statutory")!;
    const art20 = tree.filter((n) => n.source === "art20" && n.kind === "column");
    expect(art20).toHaveLength(15);
    expect(art20.every((n) => n.parent_id === statutory.id && n.depth === 1)).toBe(true);
    expect(byCode.get("art20-07")).toMatchObject({
      name: "财政预算决算",
      update_rule: "yearly",
      update_days: null,
    });
    expect(byCode.get("art20-01")).toMatchObject({ update_rule: "days", update_days: 20 });
    const art21 = tree.filter((n) => n.parent_id === byCode.get("art21")!.id).map((n) => n.name);
    expect(art21).toEqual([
      "市政建设",
      "公共服务",
      "公益事业",
      "土地征收",
      "房屋征收",
      "治安管理",
      "社会救助",
    ]);
    const areas = tree.filter((n) => n.parent_id === byCode.get("std")!.id);
    expect(areas).toHaveLength(26);
    const kp = tree.filter((n) => n.parent_id === byCode.get("std-key-projects")!.id);
    expect(kp.map((n) => n.name)).toEqual([
      "批准服务信息",
      "批准结果信息",
      "招标投标信息",
      "征收土地信息",
      "重大设计变更信息",
      "施工有关信息",
      "质量安全监督信息",
      "竣工有关信息",
    ]);
    expect(kp[0]!.standard).toMatchObject({ item_l1: "批准服务信息", level: "县级", mode: "主动" });
    for (const code of ["guide", "rules", "interpretation", "response", "participation", "annual-report"])
      expect(byCode.get(code), code).toBeDefined();
    // Top level in the seeded order.
    expect(tree.filter((n) => n.depth === 0).map((n) => n.code)).toEqual([
      "guide",
      "rules",
      "statutory",
      "std",
      "interpretation",
      "response",
      "participation",
      "annual-report",
    ]);
  });

  it("gives townships their Art. 21 list and 乡级 areas, departments the areas they own", async () => {
    const town = await listCatalogTree(ctx.deps, await orgId("gyx-jsz"));
    expect(town.filter((n) => n.source === "art21" && n.kind === "column").map((n) => n.name)).toContain(
      "宅基地使用情况审核",
    );
    expect(town.filter((n) => n.source === "art20" && n.kind === "column")).toHaveLength(15);
    const townAreas = town.filter((n) => n.depth === 1 && n.code.startsWith("std-")).map((n) => n.name);
    expect(townAreas).toEqual(
      expect.arrayContaining(["扶贫", "社会救助", "涉农补贴", "农村危房改造", "养老服务"]),
    );
    expect(townAreas).not.toContain("重大建设项目");
    expect(town.filter((n) => n.standard).every((n) => n.standard!.level === "乡级")).toBe(true);

    const areasOf = async (org: string) =>
      (await listCatalogTree(ctx.deps, await orgId(org)))
        .filter((n) => n.depth === 1 && n.code.startsWith("std-"))
        .map((n) => n.name);
    expect(await areasOf("gyx-jyj")).toEqual(["义务教育"]);
    expect(await areasOf("gyx-mzj")).toEqual(["社会救助", "养老服务"]);
    expect(await areasOf("gyx-zfb")).toEqual([]);
    const community = await listCatalogTree(ctx.deps, await orgId("gyx-jsz-1"));
    expect(community.map((n) => n.name)).toContain("村（居）务公开");
    const hospital = await listCatalogTree(ctx.deps, await orgId("gyx-rmyy"));
    expect(hospital.map((n) => n.name)).toContain("信息公开指南");
  });

  it("seeds every organisation once, with one audit entry per organisation, and is idempotent", async () => {
    // seedDemo seeded the 31 demo organisations.
    const audit = await listAudit(ctx.deps, { action: "catalog.seed" }, 100);
    expect(audit).toHaveLength(31);
    const gov = audit.find((a) => JSON.parse(a.summary).org === "gyx")!;
    const govNodes = await listCatalogTree(ctx.deps, await orgId("gyx"), { includeArchived: true });
    expect(JSON.parse(gov.summary).nodes).toBe(govNodes.length);
    expect(await countCatalogRows(ctx, "catalog_node_changes")).toBe(
      await countCatalogRows(ctx, "catalog_nodes"),
    );
    const before = await counts();
    const again = await seedCatalogs(ctx.deps, systemActor("test"), siteId);
    expect(again).toEqual({ seeded: [], skipped: 31 });
    expect(await counts()).toEqual(before);

    // A department added later gets its catalogue on the next run, and only it.
    await createOrg(
      ctx.deps,
      actor,
      { parent_code: "gyx", code: "gyx-sfj", name: "固阳县司法局", kind: "department" },
      siteId,
    );
    const later = await seedCatalogs(ctx.deps, systemActor("test"), siteId);
    expect(later.seeded.map((s) => s.org)).toEqual(["gyx-sfj"]);
    expect(later.skipped).toBe(31);
    const sfj = await listCatalogTree(ctx.deps, await orgId("gyx-sfj"));
    expect(sfj.filter((n) => n.depth === 1 && n.code.startsWith("std-")).map((n) => n.name)).toEqual([
      "公共法律服务",
    ]);
    expect(await countCatalogRows(ctx, "audit_log")).toBe(before[2]! + 2);
  });

  it("renames, updates, reorders, moves, archives and restores with history and audit", async () => {
    const gov = await orgId("gyx");
    const target = await node("gyx", "participation");
    const before = await countCatalogRows(ctx, "audit_log");

    await updateNode(ctx.deps, actor, target.id, { name: "公众参与（意见征集）" });
    await updateNode(ctx.deps, actor, target.id, { updateRule: "days", updateDays: 10 });
    const up = await reorderNode(ctx.deps, actor, target.id, "up");
    const siblings = (await listCatalogTree(ctx.deps, gov)).filter((n) => n.depth === 0).map((n) => n.code);
    expect(siblings.indexOf("participation")).toBe(siblings.indexOf("response") - 1);
    expect(up.sort_order).toBeLessThan((await node("gyx", "response")).sort_order);

    const statutory = await node("gyx", "statutory");
    const moved = await moveNode(ctx.deps, actor, target.id, statutory.id);
    expect(moved).toMatchObject({ parent_id: statutory.id, depth: 1 });
    const last = (await listCatalogTree(ctx.deps, gov)).filter((n) => n.parent_id === statutory.id).at(-1)!;
    expect(last.id).toBe(target.id);

    await archiveNode(ctx.deps, actor, target.id);
    expect((await listCatalogTree(ctx.deps, gov)).some((n) => n.id === target.id)).toBe(false);
    expect(
      (await listCatalogTree(ctx.deps, gov, { includeArchived: true })).find((n) => n.id === target.id),
    ).toMatchObject({
      archived: true,
      inactive: true,
    });
    await restoreNode(ctx.deps, actor, target.id);

    const history = await nodeHistory(ctx.deps, target.id);
    expect(history.map((h) => h.change)).toEqual([
      "restore",
      "archive",
      "move",
      "reorder",
      "update",
      "rename",
      "create",
    ]);
    expect(history.find((h) => h.change === "rename")).toMatchObject({
      actor_label: "测试员",
      before: { name: "公众参与" },
      after: { name: "公众参与（意见征集）" },
    });
    expect(history.find((h) => h.change === "update")).toMatchObject({
      before: { update_rule: "as_needed", update_days: null },
      after: { update_rule: "days", update_days: 10 },
    });
    expect(history.find((h) => h.change === "move")!.after).toMatchObject({
      parent_name: "法定主动公开内容",
    });
    expect(await countCatalogRows(ctx, "audit_log")).toBe(before + 6);
    const audit = await listAudit(ctx.deps, { entityType: "catalog_node", entityId: target.id }, 20);
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        "catalog.node.archive",
        "catalog.node.move",
        "catalog.node.rename",
        "catalog.node.reorder",
        "catalog.node.restore",
        "catalog.node.update",
      ].sort(),
    );
  });

  it("refuses to move a node under itself or its descendant, changing nothing", async () => {
    const std = await node("gyx", "std");
    const area = await node("gyx", "std-budget");
    const before = await counts();
    const e = await failure(moveNode(ctx.deps, actor, std.id, area.id));
    expect(e.status).toBe(400);
    expect(e.details.map((d) => d.code)).toEqual(["move_cycle"]);
    const self = await failure(moveNode(ctx.deps, actor, std.id, std.id));
    expect(self.details.map((d) => d.code)).toEqual(["move_cycle"]);
    const intoColumn = await failure(moveNode(ctx.deps, actor, area.id, (await node("gyx", "guide")).id));
    expect(intoColumn.details.map((d) => d.code)).toEqual(["parent_not_group"]);
    const otherOrg = await failure(
      moveNode(ctx.deps, actor, area.id, (await node("gyx-jyj", "statutory")).id),
    );
    expect(otherOrg.details.map((d) => d.code)).toEqual(["parent_not_found"]);
    expect(await counts()).toEqual(before);
    expect((await node("gyx", "std")).parent_id).toBeNull();
  });

  it("refuses bad input with every problem listed and stores nothing", async () => {
    const gov = await orgId("gyx");
    const before = await counts();
    const e = await failure(
      createNode(ctx.deps, actor, {
        orgId: gov,
        parentId: (await node("gyx", "guide")).id,
        code: "Art20-01!",
        name: " ",
        kind: "folder",
        updateRule: "days",
        updateDays: 0,
      }),
    );
    expect(e.status).toBe(400);
    expect(e.details.map((d) => d.code)).toEqual([
      "invalid_code",
      "required",
      "invalid_kind",
      "invalid_update_days",
      "parent_not_group",
    ]);
    const dup = await failure(
      createNode(ctx.deps, actor, {
        orgId: gov,
        code: "guide",
        name: "x",
        kind: "column",
        updateRule: "monthly",
        updateDays: 5,
      }),
    );
    expect(dup.details.map((d) => d.code)).toEqual(["code_taken", "update_days_not_applicable"]);
    const first = (await listCatalogTree(ctx.deps, gov))[0]!;
    expect((await failure(reorderNode(ctx.deps, actor, first.id, "up"))).details[0]!.code).toBe(
      "already_first",
    );
    const rule = await failure(updateNode(ctx.deps, actor, first.id, { updateRule: "days" }));
    expect(rule.details.map((d) => d.code)).toEqual(["update_days_required"]);
    expect((await failure(restoreNode(ctx.deps, actor, first.id))).status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("adds a custom node at the end of its group and keeps archived groups' children out", async () => {
    const gov = await orgId("gyx");
    const std = await node("gyx", "std");
    const created = await createNode(ctx.deps, actor, {
      orgId: gov,
      parentId: std.id,
      code: "local-grassland",
      name: "草原生态保护补助奖励",
      kind: "column",
      updateRule: "days",
      updateDays: 20,
      description: "本县特色栏目",
    });
    expect(created).toMatchObject({ source: "custom", depth: 1, update_days: 20, archived: false });
    const group = (await listCatalogTree(ctx.deps, gov)).filter((n) => n.parent_id === std.id);
    expect(group.at(-1)!.id).toBe(created.id);
    expect((await nodeHistory(ctx.deps, created.id)).map((h) => h.change)).toEqual(["create"]);

    const area = await node("gyx", "std-tax");
    await archiveNode(ctx.deps, actor, area.id);
    const visible = await listCatalogTree(ctx.deps, gov);
    expect(visible.some((n) => n.code.startsWith("std-tax"))).toBe(false);
    const child = (await node("gyx", "std-tax-1"))!;
    expect(child).toMatchObject({ archived: false, inactive: true });
    const e = await failure(
      createNode(ctx.deps, actor, {
        orgId: gov,
        parentId: area.id,
        code: "x1",
        name: "x",
        kind: "column",
        updateRule: "yearly",
      }),
    );
    expect(e.details.map((d) => d.code)).toEqual(["parent_archived"]);
    await restoreNode(ctx.deps, actor, area.id);
    expect((await listCatalogTree(ctx.deps, gov)).some((n) => n.code === "std-tax-1")).toBe(true);
  });
});
