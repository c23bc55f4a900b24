// Import of the services' Excel layout, applying a checked plan (services.excel.check.ts) in one transaction,
// imports of a site one at a time: new and changed materials as the catalogue page writes them, then items —
// new ones as drafts with version 1 (新增) being edited, changed ones as the open version being edited or a new
// version (变更) of the item in force, with the recorded decision — each audited, and one entry for the import.
// An unchanged file writes nothing. New and changed items then go through the review as any edit does.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockForUpdate } from "../../platform/workflow/locked-step";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { IMPORT_SOURCE } from "./services.excel";
import { type ImportPlan, type PlannedItem, planImport } from "./services.excel.check";
import type { ItemContent, MaterialLink } from "./services.model";
import * as repo from "./services.repo";
import { syncServiceInIndex } from "./services.search";
import { CHANGE_LABELS } from "./services.steps";

const signature = (s: { item: repo.ItemRow; open: repo.VersionRow | undefined }) =>
  `${s.item.status}|${s.item.version}|${s.open?.id ?? ""}|${s.open?.status ?? ""}|${s.open?.updated_at ?? ""}`;

const changedSince = () =>
  new AppError(
    "import_conflict",
    409,
    "导入期间有人修改了文件中的事项或材料，未导入任何内容。请重新导出或重新预览后再导入。",
  );

const lifeEventsColumn = (keys: readonly string[]) => (keys.length ? `,${keys.join(",")},` : "");
const listColumns = (c: ItemContent, now: string) => ({
  code: c.code,
  impl_code: c.impl_code,
  name: c.name,
  type: c.type,
  level: c.level,
  life_events: lifeEventsColumn(c.life_events),
  online_depth: c.online_depth,
  visits: c.visits,
  updated_at: now,
});

/**
 * Checks the upload and, when it is clean and changes something, applies it in one transaction: new and
 * changed materials, then items (new ones as drafts with a version 新增 being edited; changed ones as the
 * open version being edited, or a new version 变更 of the item in force), with the recorded decision.
 */
export async function importServices(
  deps: Deps,
  user: CurrentUser,
  file: { filename: string; data: Uint8Array; truncated?: boolean },
  opts: { decision?: string; reason?: string; expectSha256?: string } = {},
) {
  const plan = await planImport(deps, user, file);
  if (opts.expectSha256 && opts.expectSha256 !== plan.sha256)
    throw new AppError(
      "file_changed",
      409,
      "上传的文件与预览时的文件不同，未导入任何内容。请重新预览后再确认导入。",
      [{ field: "file", code: "file_changed", message: "上传的文件与预览时的文件不同，请重新预览。" }],
    );
  const decision = opts.decision?.trim() ?? "";
  const reason = opts.reason?.trim() || IMPORT_SOURCE;
  const itemChanges = plan.items.filter((i) => i.action !== "unchanged");
  const materialChanges = plan.materials.filter((m) => m.action !== "unchanged");
  const problems: ErrorDetail[] = [];
  if (itemChanges.length && !decision)
    problems.push({
      field: "decision",
      code: "decision_required",
      message:
        "导入新增或修改事项，须填写决定文号和名称（如“固政发〔2026〕12号 关于调整政务服务事项的决定”）。",
    });
  if (charCount(decision) > 300)
    problems.push({
      field: "decision",
      code: "too_long",
      message: tooLongMessage("决定文号和名称", 300, charCount(decision)),
    });
  if (charCount(reason) > 2000)
    problems.push({
      field: "reason",
      code: "too_long",
      message: tooLongMessage("调整理由", 2000, charCount(reason)),
    });
  if (problems.length) throw new AppError("validation_failed", 400, "未导入，请按提示补充。", problems);
  if (!itemChanges.length && !materialChanges.length) return { plan, applied: false };

  const db = deps.db.kysely;
  const engine = deps.db.dialect;
  try {
    await db.transaction().execute(async (trx) => {
      // Imports of a site run one at a time: each then sees what the one before it wrote.
      await (
        await lockForUpdate(engine, trx.selectFrom("sites").select("id").where("id", "=", user.siteId), () =>
          trx
            .updateTable("sites")
            .set((eb) => ({ id: eb.ref("id") }))
            .where("id", "=", user.siteId)
            .execute(),
        )
      ).executeTakeFirst();
      await applyPlan(deps, trx, user, plan, { decision, reason });
    });
  } catch (e) {
    // A code or a name another request took meanwhile (the unique constraints hold it).
    if (isUniqueViolation(e)) throw changedSince();
    throw e;
  }
  if (materialChanges.length) invalidatePublicPages(deps);
  return { plan, applied: true };
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err?.code === "23505" || /UNIQUE constraint failed/.test(String(err?.message ?? ""));
};

async function applyPlan(
  deps: Deps,
  trx: Transaction<Database>,
  user: CurrentUser,
  plan: ImportPlan,
  { decision, reason }: { decision: string; reason: string },
) {
  const engine = deps.db.dialect;
  const itemChanges = plan.items.filter((i) => i.action !== "unchanged");
  const materialChanges = plan.materials.filter((m) => m.action !== "unchanged");
  {
    const now = deps.clock.now().toISOString();
    const actor = actorOf(user);
    const ids = new Map<string, string>();
    const reindex = new Map<string, repo.ItemRow>();
    for (const m of materialChanges) {
      if (m.action === "add") {
        const row: repo.MaterialRow = {
          id: newId(),
          site_id: user.siteId,
          org_id: m.orgId,
          ...m.values,
          blank_sha256: null,
          blank_name: null,
          sample_sha256: null,
          sample_name: null,
          revision: 1,
          created_at: now,
          updated_at: now,
        };
        if (await repo.findMaterialByName(trx, user.siteId, row.name)) throw changedSince();
        await repo.insertMaterial(trx, row);
        ids.set(m.code, row.id);
        await recordAudit(trx, deps.clock, actor, {
          action: "service.material_create",
          entityType: "service_material",
          entityId: row.id,
          orgId: m.orgId,
          summary: { name: row.name, source: IMPORT_SOURCE },
        });
        continue;
      }
      const row = await repo.lockMaterial(trx, engine, m.existing!.id);
      if (!row || row.revision !== m.existing!.revision) throw changedSince();
      await repo.updateMaterial(trx, row.id, { ...m.values, revision: row.revision + 1, updated_at: now });
      for (const item of await repo.itemsUsingMaterial(trx, row.id)) reindex.set(item.id, item);
      await recordAudit(trx, deps.clock, actor, {
        action: "service.material_update",
        entityType: "service_material",
        entityId: row.id,
        orgId: row.org_id,
        summary: { name: m.values.name, changed: m.fields.join("、"), source: IMPORT_SOURCE },
      });
    }
    for (const item of reindex.values()) await syncServiceInIndex(deps, trx, item);
    for (const it of itemChanges) {
      const links = it.links.map((l) => ({ ...l, material_id: ids.get(l.material_id) ?? l.material_id }));
      if (it.action === "add") await addItem(deps, trx, user, it, links, decision, reason, now);
      else await changeItem(deps, trx, user, it, links, decision, reason, now);
    }
    await recordAudit(trx, deps.clock, actor, {
      action: "service.import",
      entityType: "service_import",
      entityId: plan.sha256,
      orgId: user.orgId,
      summary: {
        file: plan.filename,
        hash: plan.sha256,
        decision,
        changed: summaryText(plan),
      },
    });
  }
}

export function summaryText(plan: ImportPlan): string {
  const { items, materials } = plan.counts;
  return `事项新增 ${items.add}、修改 ${items.change}、不变 ${items.unchanged}；材料新增 ${materials.add}、修改 ${materials.change}、不变 ${materials.unchanged}`;
}

async function addItem(
  deps: Deps,
  trx: Transaction<Database>,
  user: CurrentUser,
  it: PlannedItem,
  links: MaterialLink[],
  decision: string,
  reason: string,
  now: string,
) {
  if (await repo.findItemByImplCode(trx, user.siteId, it.impl_code)) throw changedSince();
  const item: repo.ItemRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: it.orgId,
    ...listColumns(it.content, now),
    status: "draft",
    version: 0,
    content_json: "{}",
    published_at: null,
    cancelled_at: null,
    created_by: user.id,
    created_at: now,
  };
  await repo.insertItem(trx, item);
  await repo.insertVersion(
    trx,
    newVersion(item.id, 1, "add", it.content, links, decision, reason, user.id, now),
  );
  await recordAudit(trx, deps.clock, actorOf(user), {
    action: "service.create",
    entityType: "service_item",
    entityId: item.id,
    orgId: item.org_id,
    summary: { name: item.name, impl_code: item.impl_code, type: item.type, source: IMPORT_SOURCE },
  });
}

async function changeItem(
  deps: Deps,
  trx: Transaction<Database>,
  user: CurrentUser,
  it: PlannedItem,
  links: MaterialLink[],
  decision: string,
  reason: string,
  now: string,
) {
  const s = it.state!;
  const item = await repo.lockItem(trx, deps.db.dialect, s.item.id);
  const open = item && (await repo.findOpenVersion(trx, item.id));
  if (!item || signature({ item, open }) !== signature(s)) throw changedSince();
  const other = await repo.findItemByImplCode(trx, item.site_id, it.content.impl_code);
  if (other && other.id !== item.id) throw changedSince();
  const changed = it.fields.join("、");
  if (open) {
    await repo.updateVersion(trx, open.id, {
      content_json: JSON.stringify(it.content),
      materials_json: JSON.stringify(links),
      ...(open.decision.trim() ? {} : { decision }),
      updated_at: now,
    });
    if (item.status === "draft") await repo.updateItem(trx, item.id, listColumns(it.content, now));
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.edit",
      entityType: "service_item",
      entityId: item.id,
      orgId: item.org_id,
      summary: {
        version: open.number,
        change: CHANGE_LABELS[open.change_kind],
        changed,
        source: IMPORT_SOURCE,
      },
    });
    return;
  }
  const number = (await repo.lastVersionNumber(trx, item.id)) + 1;
  await repo.insertVersion(
    trx,
    newVersion(item.id, number, "change", it.content, links, decision, reason, user.id, now),
  );
  await recordAudit(trx, deps.clock, actorOf(user), {
    action: "service.propose_change",
    entityType: "service_item",
    entityId: item.id,
    orgId: item.org_id,
    summary: { version: number, decision, reason, changed, source: IMPORT_SOURCE },
  });
}

function newVersion(
  itemId: string,
  number: number,
  kind: "add" | "change",
  content: ItemContent,
  materials: MaterialLink[],
  decision: string,
  reason: string,
  userId: string,
  now: string,
): repo.VersionRow {
  return {
    id: newId(),
    item_id: itemId,
    number,
    change_kind: kind,
    status: "editing",
    content_json: JSON.stringify(content),
    materials_json: JSON.stringify(materials),
    decision,
    reason,
    review_note: null,
    created_by: userId,
    submitted_by: null,
    submitted_at: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
  };
}
