// The materials catalogue (办事材料目录化、标准化): each material defined once and asked for by many items.
// Editing a material changes every guide that asks for it: the published items using it are written to the
// site search again in the same transaction. The 减材料 report lists materials demanded by many items and
// those another department already issues (candidates to drop or to share between departments).
import type { Deps, Executor } from "../../deps";
import { AppError, Problems } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { lockedStep } from "../../platform/workflow/locked-step";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import { findOrgInSite, loadOrgTree } from "../orgs";
import { checkLength } from "./services.check";
import { FORMS, KINDS, NECESSITIES, SOURCES } from "./services.model";
import { authoriseManageIn, authoriseService, MATERIAL, materialNotFound } from "./services.policy";
import * as repo from "./services.repo";
import { syncServiceInIndex } from "./services.search";

export interface MaterialInput {
  org?: string;
  name?: string;
  necessity?: string;
  form?: string;
  kind?: string;
  copies?: number;
  source?: string;
  /** The issuing department's organisation code, when the government issues it. */
  issuer?: string | null;
  notes?: string;
  standard?: string;
  basis?: string;
}

type Checked = Pick<
  repo.MaterialRow,
  | "name"
  | "necessity"
  | "form"
  | "kind"
  | "copies"
  | "source"
  | "issuer_org_id"
  | "notes"
  | "standard"
  | "basis"
>;

/** Checks every field of a material, naming every problem; the name is unique on the site. */
export async function checkMaterial(
  db: Executor,
  siteId: string,
  input: MaterialInput,
  selfId: string,
  issuerOrgId: string | null | undefined,
): Promise<Checked> {
  const p = new Problems();
  const name = (input.name ?? "").trim();
  if (!name) p.add("name", "name_required", "请填写材料名称。");
  checkLength(p, "name", "材料名称", name, 200);
  if (name) {
    const other = await repo.findMaterialByName(db, siteId, name);
    if (other && other.id !== selfId)
      p.add("name", "material_name_taken", `材料目录中已有“${name}”，请直接引用。`);
  }
  if (!(NECESSITIES as readonly string[]).includes(input.necessity ?? ""))
    p.add("necessity", "invalid_necessity", "请选择材料必要性。");
  if (!(FORMS as readonly string[]).includes(input.form ?? ""))
    p.add("form", "invalid_form", "请选择材料形式。");
  if (!(KINDS as readonly string[]).includes(input.kind ?? ""))
    p.add("kind", "invalid_material_kind", "请选择材料类型（原件或复印件）。");
  const copies = input.copies;
  if (typeof copies !== "number" || !Number.isInteger(copies) || copies < 0 || copies > 20)
    p.add("copies", "invalid_copies", "份数应为 0 至 20 之间的整数。");
  if (!(SOURCES as readonly string[]).includes(input.source ?? ""))
    p.add("source", "invalid_source", "请选择来源渠道。");
  if (input.source === "government" && issuerOrgId === null)
    p.add("issuer", "issuer_required", "政府部门核发的材料，请选择核发部门。");
  if (issuerOrgId === undefined) p.add("issuer", "org_not_found", "找不到该核发部门，请核对机构代码。");
  const notes = (input.notes ?? "").trim();
  const standard = (input.standard ?? "").trim();
  const basis = (input.basis ?? "").trim();
  checkLength(p, "notes", "填报须知", notes, 2000);
  checkLength(p, "standard", "受理标准", standard, 2000);
  checkLength(p, "basis", "设定依据", basis, 2000);
  if (!standard) p.add("standard", "standard_required", "请填写受理标准。");
  p.throwIfAny("材料未保存，请按提示修改。");
  return {
    name,
    necessity: input.necessity!,
    form: input.form!,
    kind: input.kind!,
    copies: copies!,
    source: input.source!,
    issuer_org_id: input.source === "government" ? (issuerOrgId ?? null) : null,
    notes,
    standard,
    basis,
  };
}

/** The issuing department: null when none given, undefined when the code names no organisation of the site. */
async function issuerOf(deps: Deps, siteId: string, code: string | null | undefined) {
  if (!code?.trim()) return null;
  try {
    return (await findOrgInSite(deps, siteId, code.trim())).id;
  } catch {
    return undefined;
  }
}

export async function createMaterial(deps: Deps, user: CurrentUser, input: MaterialInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const orgId = input.org ? (await findOrgInSite(deps, user.siteId, input.org)).id : user.orgId;
  authoriseManageIn(user, orgId, tree, MATERIAL.noun);
  const issuer = await issuerOf(deps, user.siteId, input.issuer);
  const checked = await checkMaterial(deps.db.kysely, user.siteId, input, "", issuer);
  const now = deps.clock.now().toISOString();
  const row: repo.MaterialRow = {
    id: newId(),
    site_id: user.siteId,
    org_id: orgId,
    ...checked,
    blank_sha256: null,
    blank_name: null,
    sample_sha256: null,
    sample_name: null,
    revision: 1,
    created_at: now,
    updated_at: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await repo.insertMaterial(trx, row);
    await recordAudit(trx, deps.clock, actorOf(user), {
      action: "service.material_create",
      entityType: "service_material",
      entityId: row.id,
      orgId,
      summary: { name: row.name },
    });
  });
  return row;
}

/**
 * Edits a material (the fields given, merged over it): the row locked, checked as a whole, and every published
 * item asking for it indexed again in the same transaction, so each guide and the search show the change.
 */
export async function updateMaterial(deps: Deps, user: CurrentUser, id: string, patch: MaterialInput) {
  const tree = await loadOrgTree(deps, user.siteId);
  const issuerGiven = patch.issuer !== undefined;
  const issuer = issuerGiven ? await issuerOf(deps, user.siteId, patch.issuer) : null;
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMaterial(trx, deps.db.dialect, id),
    missing: materialNotFound,
    check: async (trx, row) => {
      authoriseService(user, "service.manage", row, tree, MATERIAL);
      const { org: _org, issuer: _issuer, ...fields } = patch;
      const merged: MaterialInput = {
        ...row,
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      };
      return checkMaterial(trx, row.site_id, merged, row.id, issuerGiven ? issuer : row.issuer_org_id);
    },
    write: async (trx, row, checked) => {
      const now = deps.clock.now().toISOString();
      const changed = (Object.keys(checked) as (keyof Checked)[]).filter((k) => checked[k] !== row[k]);
      const set = { ...checked, revision: row.revision + 1, updated_at: now };
      await repo.updateMaterial(trx, row.id, set);
      const items = await repo.itemsUsingMaterial(trx, row.id);
      for (const item of items) await syncServiceInIndex(deps, trx, item);
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.material_update",
        entityType: "service_material",
        entityId: row.id,
        orgId: row.org_id,
        summary: { name: checked.name, changed, items: items.length },
      });
      return { material: { ...row, ...set } as repo.MaterialRow, items };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

/** Stores a blank form or a filled sample of a material (bytes already checked by the caller). */
export async function setMaterialFile(
  deps: Deps,
  user: CurrentUser,
  id: string,
  which: "blank" | "sample",
  file: { sha256: string; name: string },
) {
  const tree = await loadOrgTree(deps, user.siteId);
  const result = await lockedStep(deps.db.kysely, {
    load: (trx) => repo.lockMaterial(trx, deps.db.dialect, id),
    missing: materialNotFound,
    check: (_trx, row) => authoriseService(user, "service.manage", row, tree, MATERIAL),
    write: async (trx, row) => {
      const now = deps.clock.now().toISOString();
      const set =
        which === "blank"
          ? { blank_sha256: file.sha256, blank_name: file.name }
          : { sample_sha256: file.sha256, sample_name: file.name };
      await repo.updateMaterial(trx, row.id, { ...set, revision: row.revision + 1, updated_at: now });
      await recordAudit(trx, deps.clock, actorOf(user), {
        action: "service.material_file",
        entityType: "service_material",
        entityId: row.id,
        orgId: row.org_id,
        summary: { name: row.name, file: file.name, which: which === "blank" ? "空白表格" : "示范文本" },
      });
      return { ...row, ...set };
    },
  });
  invalidatePublicPages(deps);
  return result;
}

export async function loadMaterialForStaff(deps: Deps, user: CurrentUser, id: string) {
  const tree = await loadOrgTree(deps, user.siteId);
  const row = await repo.findMaterial(deps.db.kysely, id);
  if (!row || row.site_id !== user.siteId) throw materialNotFound();
  authoriseService(user, "service.view", row, tree, MATERIAL);
  return { row, tree };
}

export interface ReductionEntry {
  material: repo.MaterialRow;
  items: number;
  /** Issued by a department other than the material's keeper: could be fetched instead of asked for. */
  issued_by_other: boolean;
}

/**
 * The 减材料 report: materials asked for by at least `min` published items, and materials a government
 * department issues (to be shared between departments instead of asked of the applicant).
 */
export async function reductionReport(
  deps: Deps,
  siteId: string,
  min = 3,
): Promise<{
  demanded: ReductionEntry[];
  issued: ReductionEntry[];
}> {
  const db = deps.db.kysely;
  const [materials, use] = await Promise.all([repo.listMaterials(db, siteId), repo.materialUse(db, siteId)]);
  const entries = materials.map((m) => ({
    material: m,
    items: use.get(m.id) ?? 0,
    issued_by_other: m.source === "government" && m.issuer_org_id !== null,
  }));
  return {
    demanded: entries
      .filter((e) => e.items >= min)
      .sort((a, b) => b.items - a.items || a.material.name.localeCompare(b.material.name)),
    issued: entries.filter((e) => e.issued_by_other && e.items > 0).sort((a, b) => b.items - a.items),
  };
}

export const requireMaterialSite = (row: repo.MaterialRow | undefined, siteId: string) => {
  if (!row || row.site_id !== siteId) throw materialNotFound();
  return row;
};

export { AppError };
