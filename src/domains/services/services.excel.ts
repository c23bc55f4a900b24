// Excel export and import of service items and their materials, in the one layout of services.excel.layout.ts
// (docs/services-excel.md). Export writes the items the user may see as they stand now (the open version when
// there is one, else the version in force) with the materials catalogue. Import reads an upload in the file
// worker under hard caps (platform/files parseWorkbookFile), checks every row as the back office's forms do,
// and names every problem by sheet, row and column; a file with any problem changes nothing. A clean file is
// compared with the items and materials as exported: unchanged rows do nothing, so an exported file imported
// again changes nothing. Changed and new items become versions being edited (新增 or 变更, with the recorded
// decision), to be submitted and reviewed as any edit; materials are edited as the catalogue page does. All of
// it in one transaction, each change audited, with one entry for the import itself.
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Deps, Executor } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { parseWorkbookFile, type Table, uploadRefusal } from "../../platform/files";
import { newId } from "../../platform/ids";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { invalidatePublicPages } from "../../web/page-cache";
import { actorOf, type CurrentUser, can, canAny, orgIdsWhereCan } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import { checkItemInput, type ItemInput, MAX_MATERIALS } from "./services.check";
import {
  CHOICES,
  COLUMNS,
  choiceOf,
  DATA_SHEETS,
  headerOf,
  LAYOUT_NOTES,
  LIMIT_UNIT_TEXT,
  LIST_SEPARATOR,
  lifeEventText,
  MATERIAL_ID,
  NEW_MATERIAL,
  NO,
  SHEETS,
  type SheetKey,
  STEP_KINDS,
  splitList,
  YES,
} from "./services.excel.layout";
import { linksOfSite, openVersionsOfSite } from "./services.excel.repo";
import { checkMaterial, type MaterialInput } from "./services.materials";
import {
  FORM_LABELS,
  type ItemContent,
  KIND_LABELS,
  type MaterialLink,
  NECESSITY_LABELS,
  ONLINE_DEPTH_LABELS,
  parseJson,
  SOURCE_LABELS,
} from "./services.model";
import { mayActOnService, mayViewService, SERVICE_VIEW_ACTIONS } from "./services.policy";
import * as repo from "./services.repo";
import { syncServiceInIndex } from "./services.search";
import { CHANGE_LABELS, ITEM_STATUS_LABELS, VERSION_STATUS_LABELS } from "./services.steps";

export const SERVICES_EXCEL_MAX_BYTES = 5 * 1024 * 1024;
/** Caps of each sheet of an upload (the file worker refuses beyond them). */
export const SERVICES_EXCEL_LIMITS = { maxRows: 20_000, maxCols: 40, maxCellChars: 10_000 };
/** At most this many problems are listed (a file with more is wrong throughout). */
const MAX_PROBLEMS = 500;
const IMPORT_SOURCE = "Excel 导入";

/** An item as it stands now: the open version's entry when it has one, else the one in force. */
interface ItemState {
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
async function loadStates(db: Executor, siteId: string): Promise<ItemState[]> {
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

const roleRefused = (what: string) => new AppError("role_not_allowed", 403, `您的角色不能${what}。`);

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

// ---------------------------------------------------------------------------------------------------------
// Import: reading and checking

interface SheetRow {
  n: number;
  v: Record<string, string>;
}

type Action = "add" | "change" | "unchanged";
export const ACTION_LABELS: Record<Action, string> = { add: "新增", change: "修改", unchanged: "不变" };

export interface PlannedMaterial {
  row: number;
  code: string;
  name: string;
  action: Action;
  /** The columns that change (Chinese headers). */
  fields: string[];
  existing?: repo.MaterialRow;
  orgId: string;
  values: Awaited<ReturnType<typeof checkMaterial>>;
}

export interface PlannedItem {
  row: number;
  impl_code: string;
  name: string;
  action: Action;
  fields: string[];
  state?: ItemState;
  orgId: string;
  content: ItemContent;
  /** Material ids, or a new material's code (新…) until it is created. */
  links: MaterialLink[];
}

export interface ImportPlan {
  sha256: string;
  filename: string;
  items: PlannedItem[];
  materials: PlannedMaterial[];
  counts: Record<"items" | "materials", Record<Action, number>>;
}

class Collector {
  readonly list: ErrorDetail[] = [];
  add(field: string, code: string, message: string) {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, code, message });
  }
  cell(sheet: SheetKey, n: number, key: string, code: string, message: string) {
    this.add(
      `${sheet}[${n}].${key}`,
      code,
      `工作表“${SHEETS[sheet]}”第${n}行“${headerOf(sheet, key)}”：${message}`,
    );
  }
  row(sheet: SheetKey, n: number, code: string, message: string) {
    this.add(`${sheet}[${n}]`, code, `工作表“${SHEETS[sheet]}”第${n}行：${message}`);
  }
  get empty() {
    return this.list.length === 0;
  }
  throwIfAny(message: string) {
    if (!this.empty) throw new AppError("validation_failed", 400, message, this.list);
  }
}

const normHeader = (h: string) =>
  h
    .replace(/（仅供核对）$/, "")
    .replace(/\s/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .toLowerCase();

/** A sheet's rows by column key: the header matched by its Chinese name or key, the hidden key row skipped. */
function readSheet(sheet: SheetKey, table: Table, p: Collector): SheetRow[] {
  const [header, ...rest] = table.rows;
  if (!header) {
    p.add(sheet, "empty_sheet", `工作表“${SHEETS[sheet]}”没有表头（第 1 行应为列名）。`);
    return [];
  }
  const byName = new Map<string, string>();
  for (const col of COLUMNS[sheet]) {
    byName.set(normHeader(col.header), col.key);
    byName.set(col.key.toLowerCase(), col.key);
  }
  const at = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const k = byName.get(normHeader(h));
    if (!k) return;
    if (at.has(k)) p.cell(sheet, header.n, k, "duplicate_column", `列“${h}”出现了两次。`);
    else at.set(k, i);
  });
  for (const col of COLUMNS[sheet])
    if (!col.info && !at.has(col.key))
      p.add(
        `${sheet}[${header.n}].${col.key}`,
        "missing_column",
        `工作表“${SHEETS[sheet]}”的表头缺少“${col.header}”列。`,
      );
  let rows = rest;
  const first = rows[0];
  if (first && [...at].every(([k, i]) => (first.cells[i] ?? "") === k)) rows = rows.slice(1);
  return rows.map((r) => ({
    n: r.n,
    v: Object.fromEntries([...at].map(([k, i]) => [k, r.cells[i] ?? ""])),
  }));
}

const intOf = (s: string | undefined): number | undefined =>
  !s ? undefined : /^-?\d{1,9}$/.test(s) ? Number(s) : Number.NaN;

function boolOf(p: Collector, sheet: SheetKey, r: SheetRow, key: string, blank: boolean | null) {
  const s = r.v[key] ?? "";
  if (s === YES) return true;
  if (s === NO) return false;
  if (s === "" && blank !== null) return blank;
  p.cell(sheet, r.n, key, "invalid_boolean", `请填写“${YES}”或“${NO}”。`);
  return false;
}

/** Rows of a child sheet grouped by item, each with a 序号 unique within its group, in that order. */
function grouped(
  sheet: SheetKey,
  rows: readonly SheetRow[],
  p: Collector,
  items: ReadonlySet<string>,
  group: (r: SheetRow) => string | null,
): Map<string, SheetRow[]> {
  const out = new Map<string, Array<SheetRow & { seq: number }>>();
  for (const r of rows) {
    const impl = r.v.impl_code ?? "";
    if (!impl) {
      p.cell(sheet, r.n, "impl_code", "impl_code_required", "请填写实施清单编码。");
      continue;
    }
    if (!items.has(impl)) {
      p.cell(sheet, r.n, "impl_code", "unknown_item", `“事项”工作表中没有实施清单编码为“${impl}”的事项。`);
      continue;
    }
    const seq = intOf(r.v.seq);
    if (seq === undefined || !Number.isInteger(seq) || seq < 1) {
      p.cell(sheet, r.n, "seq", "invalid_seq", "序号应为从 1 开始的整数。");
      continue;
    }
    const g = group(r);
    if (g === null) continue;
    const key = `${impl}\u0000${g}`;
    const list = out.get(key) ?? [];
    const dup = list.find((x) => x.seq === seq);
    if (dup) {
      p.cell(sheet, r.n, "seq", "duplicate_seq", `序号 ${seq} 与第${dup.n}行重复。`);
      continue;
    }
    list.push({ ...r, seq });
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.seq - b.seq);
  return out;
}

const ITEM_FIELDS: ReadonlyArray<[keyof ItemContent, string]> = [
  ...COLUMNS.items
    .filter((c) => !c.info && c.key !== "org")
    .map((c) => [c.key as keyof ItemContent, c.header] as [keyof ItemContent, string]),
  ["process", "办理流程"],
  ["special", "特别程序"],
  ["faq", "常见问题"],
];
const MATERIAL_FIELDS = [
  "name",
  "necessity",
  "form",
  "kind",
  "copies",
  "source",
  "issuer_org_id",
  "notes",
  "standard",
  "basis",
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Reads and checks an upload against the site as it stands: every problem named (a 4xx listing them all), or
 * the plan of what the file adds, changes and leaves as it is. Nothing is written.
 */
export async function planImport(
  deps: Deps,
  user: CurrentUser,
  file: { filename: string; data: Uint8Array; truncated?: boolean },
): Promise<ImportPlan> {
  if (!canAny(user, "service.manage")) throw roleRefused("导入政务服务事项");
  const refuse = (code: string, message: string) =>
    uploadRefusal([{ field: "file", code, message }], message);
  if (file.truncated)
    throw refuse(
      "file_too_large",
      `文件超过 ${SERVICES_EXCEL_MAX_BYTES / 1024 / 1024} MB，请检查是否选错了文件，或分几次导入。`,
    );
  if (!file.data.length) throw refuse("file_missing", "请选择按导出格式填写的 Excel（.xlsx）文件。");
  if (!/\.xlsx$/i.test(file.filename))
    throw refuse("unsupported_type", "请上传 Excel 工作簿（.xlsx），格式与本系统导出的文件相同。");
  const wb = await parseWorkbookFile(
    file.data,
    DATA_SHEETS.map((k) => SHEETS[k]),
    {
      what: `文件 ${file.filename} `,
      limits: SERVICES_EXCEL_LIMITS,
    },
  );
  const p = new Collector();
  for (const key of DATA_SHEETS)
    if (!wb.sheets[SHEETS[key]])
      p.add(
        key,
        "missing_sheet",
        `文件中没有“${SHEETS[key]}”工作表（文件中的工作表：${wb.names.join("、") || "无"}）。工作表名称不要修改。`,
      );
  p.throwIfAny("文件不是本系统导出的政务服务事项工作簿，未导入任何内容。");
  const sheets = Object.fromEntries(
    DATA_SHEETS.map((k) => [k, readSheet(k, wb.sheets[SHEETS[k]]!, p)]),
  ) as Record<SheetKey, SheetRow[]>;
  p.throwIfAny("文件的表头不符合导出格式，未导入任何内容。");

  const db = deps.db.kysely;
  const tree = await loadOrgTree(deps, user.siteId);
  const orgByCode = new Map(tree.flatten(user.siteId).map(({ org }) => [org.code, org]));
  const siteMaterials = new Map((await repo.listMaterials(db, user.siteId)).map((m) => [m.id, m]));
  const states = await loadStates(db, user.siteId);

  const materials = await planMaterials(db, user, tree, orgByCode, siteMaterials, sheets.materials, p);
  const items = await planItems(db, user, tree, orgByCode, siteMaterials, states, sheets, materials, p);
  p.throwIfAny(`文件中有 ${p.list.length} 处问题，未导入任何内容。请在原文件中修改后重新上传。`);
  const count = (list: ReadonlyArray<{ action: Action }>) => ({
    add: list.filter((x) => x.action === "add").length,
    change: list.filter((x) => x.action === "change").length,
    unchanged: list.filter((x) => x.action === "unchanged").length,
  });
  return {
    sha256: createHash("sha256").update(file.data).digest("hex"),
    filename: file.filename,
    items,
    materials,
    counts: { items: count(items), materials: count(materials) },
  };
}

async function planMaterials(
  db: Executor,
  user: CurrentUser,
  tree: OrgTree,
  orgByCode: Map<string, Org>,
  siteMaterials: Map<string, repo.MaterialRow>,
  rows: readonly SheetRow[],
  p: Collector,
): Promise<PlannedMaterial[]> {
  const out: PlannedMaterial[] = [];
  const codes = new Map<string, number>();
  const names = new Map<string, number>();
  for (const r of rows) {
    const v = r.v;
    const before = p.list.length;
    const code = v.material ?? "";
    let existing: repo.MaterialRow | undefined;
    if (!code)
      p.cell(
        "materials",
        r.n,
        "material",
        "material_code_required",
        "请填写材料编号（新增材料的编号以“新”开头，如“新1”）。",
      );
    else if (codes.has(code))
      p.cell(
        "materials",
        r.n,
        "material",
        "duplicate_material",
        `材料编号“${code}”与第${codes.get(code)}行重复。`,
      );
    else if (MATERIAL_ID.test(code)) {
      existing = siteMaterials.get(code);
      if (!existing)
        p.cell(
          "materials",
          r.n,
          "material",
          "material_not_found",
          `本站材料目录中没有编号为“${code}”的材料。`,
        );
    } else if (!NEW_MATERIAL.test(code))
      p.cell(
        "materials",
        r.n,
        "material",
        "invalid_material_code",
        `“${code}”不是材料编号：已有材料填系统编号，新增材料的编号以“新”开头。`,
      );
    if (code && !codes.has(code)) codes.set(code, r.n);
    const name = v.name ?? "";
    if (name && names.has(name))
      p.cell(
        "materials",
        r.n,
        "name",
        "duplicate_material_name",
        `材料名称“${name}”与第${names.get(name)}行重复。`,
      );
    else if (name) names.set(name, r.n);
    const org = orgByCode.get(v.org ?? "");
    if (!v.org) p.cell("materials", r.n, "org", "org_required", "请填写管理部门的机构代码。");
    else if (!org) p.cell("materials", r.n, "org", "org_not_found", `本站点没有代码为“${v.org}”的机构。`);
    else if (existing && existing.org_id !== org.id)
      p.cell(
        "materials",
        r.n,
        "org",
        "material_org_changed",
        "不能通过导入更改材料的管理部门；如需更改，请在后台新增材料。",
      );
    const issuerCode = v.issuer ?? "";
    const issuer = issuerCode ? (orgByCode.get(issuerCode)?.id ?? undefined) : null;
    const input: MaterialInput = {
      name,
      necessity: choiceOf(CHOICES.necessity, v.necessity ?? "") ?? v.necessity,
      form: choiceOf(CHOICES.form, v.form ?? "") ?? v.form,
      kind: choiceOf(CHOICES.kind, v.kind ?? "") ?? v.kind,
      copies: intOf(v.copies),
      source: choiceOf(CHOICES.source, v.source ?? "") ?? v.source,
      notes: v.notes ?? "",
      standard: v.standard ?? "",
      basis: v.basis ?? "",
    };
    let values: PlannedMaterial["values"] | undefined;
    try {
      values = await checkMaterial(db, user.siteId, input, existing?.id ?? "", issuer);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const d of e.details ?? []) {
        // Names the file itself repeats are named once above.
        if (d.code === "material_name_taken" && names.get(name) !== r.n) continue;
        p.cell("materials", r.n, d.field ?? "name", d.code, d.message);
      }
    }
    if (!values || !org || p.list.length > before) continue;
    const fields = existing
      ? MATERIAL_FIELDS.filter((k) => existing![k] !== values![k]).map((k) =>
          headerOf("materials", k === "issuer_org_id" ? "issuer" : k),
        )
      : [];
    const action: Action = !existing ? "add" : fields.length ? "change" : "unchanged";
    if (action === "add" && !can(user, "service.manage", org.id, tree))
      p.cell("materials", r.n, "org", "org_not_allowed", `您无权为“${org.name}”新增材料。`);
    if (action === "change" && !mayActOnService(user, "service.manage", existing!, tree))
      p.row("materials", r.n, "org_not_allowed", `您无权修改“${org.name}”管理的材料“${existing!.name}”。`);
    out.push({ row: r.n, code, name: values.name, action, fields, existing, orgId: org.id, values });
  }
  return out;
}

async function planItems(
  db: Executor,
  user: CurrentUser,
  tree: OrgTree,
  orgByCode: Map<string, Org>,
  siteMaterials: Map<string, repo.MaterialRow>,
  states: readonly ItemState[],
  sheets: Record<SheetKey, SheetRow[]>,
  materials: readonly PlannedMaterial[],
  p: Collector,
): Promise<PlannedItem[]> {
  const byImpl = new Map(states.map((s) => [s.content.impl_code || s.item.impl_code, s]));
  const byColumn = new Map(states.map((s) => [s.item.impl_code, s]));
  const implRows = new Map<string, number>();
  for (const r of sheets.items) {
    const impl = r.v.impl_code ?? "";
    if (!impl) continue;
    if (implRows.has(impl))
      p.cell(
        "items",
        r.n,
        "impl_code",
        "duplicate_code",
        `实施清单编码“${impl}”与第${implRows.get(impl)}行重复。`,
      );
    else implRows.set(impl, r.n);
  }
  const implSet = new Set(implRows.keys());
  const steps = grouped("steps", sheets.steps, p, implSet, (r) => {
    const kind = choiceOf(STEP_KINDS, r.v.kind ?? "");
    if (!kind) {
      p.cell(
        "steps",
        r.n,
        "kind",
        "invalid_step_kind",
        `请填写“${STEP_KINDS.process}”或“${STEP_KINDS.special}”。`,
      );
      return null;
    }
    return kind;
  });
  for (const list of steps.values())
    for (const r of list) {
      if (!r.v.name) p.cell("steps", r.n, "name", "step_name_required", "请填写环节名称。");
      const d = intOf(r.v.days);
      if (d !== undefined && (!Number.isInteger(d) || d < 0 || d > 365))
        p.cell("steps", r.n, "days", "invalid_step_days", "时限应为 0 至 365 之间的整数（工作日）。");
      boolOf(p, "steps", r, "counted", true);
    }
  const faqs = grouped("faq", sheets.faq, p, implSet, () => "");
  for (const list of faqs.values())
    for (const r of list) if (!r.v.q || !r.v.a) p.row("faq", r.n, "faq_incomplete", "问题和解答都要填写。");
  const newCodes = new Set(materials.filter((m) => m.action === "add").map((m) => m.code));
  const inFile = new Set(sheets.materials.map((r) => r.v.material ?? ""));
  const linkGroups = grouped("links", sheets.links, p, implSet, () => "");
  for (const list of linkGroups.values()) {
    const seen = new Map<string, number>();
    for (const r of list) {
      const m = r.v.material ?? "";
      if (!m) p.cell("links", r.n, "material", "material_code_required", "请填写材料编号。");
      else if (!newCodes.has(m) && !siteMaterials.has(m) && !inFile.has(m))
        p.cell(
          "links",
          r.n,
          "material",
          "material_not_found",
          `材料编号“${m}”不在“材料”工作表中，也不在本站材料目录中。`,
        );
      else if (seen.has(m))
        p.cell("links", r.n, "material", "material_repeated", `该事项已在第${seen.get(m)}行列出此材料。`);
      seen.set(m, r.n);
      const cond = r.v.condition ?? "";
      if (charCount(cond) > 200)
        p.cell("links", r.n, "condition", "too_long", tooLongMessage("适用情形", 200, charCount(cond)));
    }
    if (list.length > MAX_MATERIALS)
      p.row("links", list[0]!.n, "materials_too_long", `同一事项的申请材料不能超过${MAX_MATERIALS}项。`);
  }

  const out: PlannedItem[] = [];
  for (const r of sheets.items) {
    const v = r.v;
    const impl = v.impl_code ?? "";
    if (impl && implRows.get(impl) !== r.n) continue;
    const before = p.list.length;
    const state = byImpl.get(impl);
    if (state?.item.status === "cancelled") {
      p.cell(
        "items",
        r.n,
        "impl_code",
        "item_cancelled",
        `实施清单编码“${impl}”的事项已取消，不能通过导入修改。`,
      );
      continue;
    }
    const org = orgByCode.get(v.org ?? "");
    if (!v.org) p.cell("items", r.n, "org", "org_required", "请填写实施主体的机构代码。");
    else if (!org) p.cell("items", r.n, "org", "org_not_found", `本站点没有代码为“${v.org}”的机构。`);
    else if (state && state.item.org_id !== org.id)
      p.cell("items", r.n, "org", "org_changed", "不能通过导入更改事项的实施主体。");
    const lifeEvents = splitList(v.life_events ?? "").map((x) => choiceOf(CHOICES.life_events, x) ?? x);
    const unknownEvents = lifeEvents.filter((k) => !Object.hasOwn(CHOICES.life_events, k));
    if (unknownEvents.length)
      p.cell(
        "items",
        r.n,
        "life_events",
        "invalid_life_event",
        `没有主题分类“${unknownEvents.join("、")}”。`,
      );
    const depthText = v.online_depth ?? "";
    const depth = intOf(choiceOf(ONLINE_DEPTH_LABELS, depthText) ?? depthText);
    const stepsOf = (kind: "process" | "special") =>
      // Rows named as problems above are left out, so the entry's own check does not name them again.
      (steps.get(`${impl}\u0000${kind}`) ?? [])
        .filter((s) => s.v.name)
        .map((s) => {
          const d = intOf(s.v.days) ?? 0;
          return {
            name: s.v.name ?? "",
            days: Number.isInteger(d) && d >= 0 && d <= 365 ? d : 0,
            counted: (s.v.counted ?? "") !== NO,
          };
        });
    const input: ItemInput = {
      code: v.code,
      impl_code: impl,
      name: v.name,
      type: v.type,
      level: v.level,
      life_events: unknownEvents.length ? [] : lifeEvents,
      basis: v.basis,
      entrusted: v.entrusted,
      objects: splitList(v.objects ?? ""),
      conditions: v.conditions,
      process: stepsOf("process"),
      special: stepsOf("special"),
      statutory_limit: intOf(v.statutory_limit),
      promised_limit: intOf(v.promised_limit),
      limit_unit:
        choiceOf(CHOICES.limit_unit, v.limit_unit ?? "") ??
        choiceOf(CHOICES.limit_unit_long, v.limit_unit ?? "") ??
        v.limit_unit,
      fee: v.fee,
      fee_basis: v.fee_basis,
      visits: intOf(v.visits),
      online_depth: depth,
      online_url: v.online_url,
      place: v.place,
      hours: v.hours,
      consult_phone: v.consult_phone,
      complaint_phone: v.complaint_phone,
      result_name: v.result_name,
      result_sample: v.result_sample,
      faq: (faqs.get(`${impl}\u0000`) ?? []).map((f) => ({ q: f.v.q, a: f.v.a })),
      parallel: boolOf(p, "items", r, "parallel", false),
      materials: [],
    };
    let content: ItemContent | undefined;
    try {
      content = (await checkItemInput(db, user.siteId, input)).content;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const d of e.details ?? []) {
        const key = d.field ?? "name";
        if (COLUMNS.items.some((c) => c.key === key)) p.cell("items", r.n, key, d.code, d.message);
        else p.row("items", r.n, d.code, `（${impl}）${d.message}`);
      }
    }
    if (!content || !org || p.list.length > before) continue;
    const links = (linkGroups.get(`${impl}\u0000`) ?? []).map((l) => ({
      material_id: l.v.material ?? "",
      condition: l.v.condition ?? "",
    }));
    if (!state) {
      const taken = byColumn.get(impl);
      if (taken) {
        p.cell(
          "items",
          r.n,
          "impl_code",
          "impl_code_taken",
          `实施清单编码 ${impl} 已被“${taken.item.name}”使用。`,
        );
        continue;
      }
      if (!can(user, "service.manage", org.id, tree))
        p.cell("items", r.n, "org", "org_not_allowed", `您无权为“${org.name}”编制政务服务事项。`);
      out.push({
        row: r.n,
        impl_code: impl,
        name: content.name,
        action: "add",
        fields: [],
        orgId: org.id,
        content,
        links,
      });
      continue;
    }
    const fields = ITEM_FIELDS.filter(([k]) => !same(content![k], state.content[k])).map(
      ([, label]) => label,
    );
    if (!same(links, state.links)) fields.push("申请材料");
    const action: Action = fields.length ? "change" : "unchanged";
    if (action === "change") {
      if (!mayActOnService(user, "service.manage", state.item, tree))
        p.row("items", r.n, "org_not_allowed", `您无权修改“${org.name}”的事项“${state.item.name}”。`);
      else if (state.open?.status === "submitted")
        p.row(
          "items",
          r.n,
          "version_submitted",
          `事项“${state.item.name}”的版本正在审核，不能通过导入修改；如需修改请由审核人退回。`,
        );
    }
    out.push({
      row: r.n,
      impl_code: impl,
      name: content.name,
      action,
      fields,
      state,
      orgId: org.id,
      content,
      links,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Import: applying a checked plan

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
  await db.transaction().execute(async (trx) => {
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
  });
  if (materialChanges.length) invalidatePublicPages(deps);
  return { plan, applied: true };
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
