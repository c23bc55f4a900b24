// Excel export of service items and their materials, in the one layout of services.excel.layout.ts
// (docs/services-excel.md): the items the user may see as they stand now (the open version when there is one,
// else the version in force) with the materials catalogue. What an import compares a file with (ItemState)
// is what the export writes, so an exported file imported again changes nothing. Import: services.excel.check.ts
// (reading and checking an upload) and services.excel.apply.ts (applying it).
import { createHash } from "node:crypto";
import type { Deps, Executor } from "../../deps";
import { AppError } from "../../platform/errors";
import { type CurrentUser, canAny, orgIdsWhereCan } from "../accounts";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import { checkItemInput } from "./services.check";
import {
  COLUMNS,
  DATA_SHEETS,
  LAYOUT_NOTES,
  LIMIT_UNIT_TEXT,
  LIST_SEPARATOR,
  lifeEventText,
  NO,
  SHEETS,
  type SheetKey,
  STEP_KINDS,
  YES,
} from "./services.excel.layout";
import { linksOfSite, openVersionsOfSite } from "./services.excel.repo";
import {
  FORM_LABELS,
  type ItemContent,
  KIND_LABELS,
  type MaterialLink,
  NECESSITY_LABELS,
  parseJson,
  SOURCE_LABELS,
} from "./services.model";
import { mayViewService, SERVICE_VIEW_ACTIONS } from "./services.policy";
import * as repo from "./services.repo";
import { CHANGE_LABELS, ITEM_STATUS_LABELS, VERSION_STATUS_LABELS } from "./services.steps";

export const SERVICES_EXCEL_MAX_BYTES = 5 * 1024 * 1024;
/** Caps of each sheet of an upload (the file worker refuses beyond them). */
export const SERVICES_EXCEL_LIMITS = { maxRows: 20_000, maxCols: 40, maxCellChars: 10_000 };
/** At most this many problems are listed (a file with more is wrong throughout). */
export const MAX_PROBLEMS = 500;
export const IMPORT_SOURCE = "Excel 导入";

/** An item as it stands now: the open version's entry when it has one, else the one in force. */
export interface ItemState {
  item: repo.ItemRow;
  open: repo.VersionRow | undefined;
  content: ItemContent;
  links: MaterialLink[];
}

async function normalised(db: Executor, siteId: string, raw: ItemContent): Promise<ItemContent> {
  try {
    return (await checkItemInput(db, siteId, { ...raw, materials: [] })).content;
  } catch {
    return raw;
  }
}

/** Every item of a site as it stands now (cancelled ones too, so their codes are known). */
export async function loadStates(db: Executor, siteId: string): Promise<ItemState[]> {
  const [{ rows }, open, links] = await Promise.all([
    repo.listItems(db, { siteId }, { limit: 1_000_000, offset: 0 }),
    openVersionsOfSite(db, siteId),
    linksOfSite(db, siteId),
  ]);
  const out: ItemState[] = [];
  for (const item of rows) {
    const v = open.get(item.id);
    const raw = parseJson<ItemContent>(v ? v.content_json : item.content_json, {} as ItemContent);
    out.push({
      item,
      open: v,
      content: await normalised(db, siteId, raw),
      links: v ? parseJson<MaterialLink[]>(v.materials_json, []) : (links.get(item.id) ?? []),
    });
  }
  return out;
}

/** An item's state as an export records it (the 导出时版本 column): a fingerprint of what an import compares. */
export const itemStamp = (s: ItemState) =>
  createHash("sha256")
    .update(JSON.stringify([s.content, s.links]))
    .digest("hex")
    .slice(0, 12);
/** A material's state as an export records it: its revision. */
export const materialStamp = (m: repo.MaterialRow) => `r${m.revision}`;

export const roleRefused = (what: string) => new AppError("role_not_allowed", 403, `您的角色不能${what}。`);

// ---------------------------------------------------------------------------------------------------------
// Export

/** The workbook of the items the user may see (of one organisation and those under it, when `org` is given). */
export async function exportServices(deps: Deps, user: CurrentUser, opts: { org?: string } = {}) {
  if (!SERVICE_VIEW_ACTIONS.some((a) => canAny(user, a))) throw roleRefused("查看政务服务事项");
  const db = deps.db.kysely;
  const tree = await loadOrgTree(deps, user.siteId);
  let orgIds = new Set(orgIdsWhereCan(user, SERVICE_VIEW_ACTIONS, tree));
  let scope: Org | undefined;
  if (opts.org) {
    scope = tree.flatten(user.siteId).find((x) => x.org.code === opts.org)?.org;
    if (!scope) throw new AppError("org_not_found", 404, "机构不存在。");
    orgIds = new Set([...orgIds].filter((id) => tree.isWithin(id, scope!.id)));
  }
  const states = (await loadStates(db, user.siteId))
    .filter((s) => s.item.status !== "cancelled" && orgIds.has(s.item.org_id))
    .sort((a, b) => a.content.impl_code.localeCompare(b.content.impl_code));
  const used = new Set(states.flatMap((s) => s.links.map((l) => l.material_id)));
  const materials = (await repo.listMaterials(db, user.siteId)).filter(
    (m) => mayViewService(user, m, tree) && (!scope || used.has(m.id) || tree.isWithin(m.org_id, scope.id)),
  );
  const data = await buildWorkbook(deps, states, materials, tree);
  return { data, items: states.length, materials: materials.length, scope };
}

const code = (tree: OrgTree, id: string | null) => (id ? (tree.get(id)?.code ?? "") : "");

function statusText(s: ItemState): string {
  const base = ITEM_STATUS_LABELS[s.item.status];
  if (!s.open) return base;
  return `${base}（${CHANGE_LABELS[s.open.change_kind]}${VERSION_STATUS_LABELS[s.open.status]}）`;
}

async function buildWorkbook(
  deps: Deps,
  states: readonly ItemState[],
  materials: readonly repo.MaterialRow[],
  tree: OrgTree,
): Promise<Buffer> {
  // exceljs takes most of a second to load: only when a workbook is asked for.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = deps.clock.now();
  const rows: Record<SheetKey, Array<Array<string | number>>> = {
    items: [],
    steps: [],
    faq: [],
    materials: [],
    links: [],
  };
  const names = new Map(materials.map((m) => [m.id, m.name]));
  for (const s of states) {
    const c = s.content;
    rows.items.push([
      c.impl_code,
      c.code,
      c.name,
      code(tree, s.item.org_id),
      tree.get(s.item.org_id)?.name ?? "",
      statusText(s),
      c.type,
      c.level,
      (c.life_events ?? []).map(lifeEventText).join(LIST_SEPARATOR),
      (c.objects ?? []).join(LIST_SEPARATOR),
      c.basis,
      c.entrusted,
      c.conditions,
      c.statutory_limit,
      c.promised_limit,
      LIMIT_UNIT_TEXT[c.limit_unit] ?? c.limit_unit,
      c.fee,
      c.fee_basis,
      c.visits,
      c.online_depth,
      c.online_url,
      c.place,
      c.hours,
      c.consult_phone,
      c.complaint_phone,
      c.result_name,
      c.result_sample,
      c.parallel ? YES : NO,
      itemStamp(s),
    ]);
    for (const kind of ["process", "special"] as const)
      for (const [i, st] of (c[kind] ?? []).entries())
        rows.steps.push([c.impl_code, STEP_KINDS[kind], i + 1, st.name, st.days, st.counted ? YES : NO]);
    for (const [i, f] of (c.faq ?? []).entries()) rows.faq.push([c.impl_code, i + 1, f.q, f.a]);
    for (const [i, l] of s.links.entries())
      rows.links.push([c.impl_code, i + 1, l.material_id, names.get(l.material_id) ?? "", l.condition]);
  }
  for (const m of materials)
    rows.materials.push([
      m.id,
      m.name,
      code(tree, m.org_id),
      tree.get(m.org_id)?.name ?? "",
      NECESSITY_LABELS[m.necessity] ?? m.necessity,
      FORM_LABELS[m.form] ?? m.form,
      KIND_LABELS[m.kind] ?? m.kind,
      m.copies,
      SOURCE_LABELS[m.source] ?? m.source,
      code(tree, m.issuer_org_id),
      m.notes,
      m.standard,
      m.basis,
      materialStamp(m),
    ]);
  for (const key of DATA_SHEETS) {
    const cols = COLUMNS[key];
    const ws = wb.addWorksheet(SHEETS[key], { views: [{ state: "frozen", ySplit: 2 }] });
    ws.columns = cols.map((col) => ({
      width: col.width,
      style: col.number ? {} : { numFmt: "@" },
    }));
    const header = ws.addRow(cols.map((col) => (col.info ? `${col.header}（仅供核对）` : col.header)));
    header.font = { bold: true };
    const keys = ws.addRow(cols.map((col) => col.key));
    keys.hidden = true;
    for (const r of rows[key]) ws.addRow(r);
  }
  const notes = wb.addWorksheet(SHEETS.notes);
  notes.columns = [{ width: 120 }];
  notes.addRow(["政务服务事项和办事材料导入导出说明"]).font = { bold: true };
  for (const n of LAYOUT_NOTES) notes.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
