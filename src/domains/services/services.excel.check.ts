// Import of the services' Excel layout, reading and checking: the upload read in the file worker under hard
// caps (platform/files parseWorkbookFile), every row checked as the back office's forms check it, every problem
// named by sheet, row and column (a 4xx listing them all), and each row compared with the item or material as
// it stands (services.excel.ts): the plan of what the file adds, changes and leaves as it is. Nothing is written.
import { createHash } from "node:crypto";
import type { Deps, Executor } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { parseWorkbookFile, type Table, uploadRefusal } from "../../platform/files";
import { formatShanghai } from "../../platform/time";
import { charCount, tooLongMessage } from "../../web/form-limits";
import { type CurrentUser, can, canAny } from "../accounts";
import { loadOrgTree, type Org, type OrgTree } from "../orgs";
import { checkItemInput, type ItemInput, MAX_MATERIALS } from "./services.check";
import {
  type ItemState,
  itemStamp,
  loadStates,
  MAX_PROBLEMS,
  materialStamp,
  roleRefused,
  SERVICES_EXCEL_LIMITS,
  SERVICES_EXCEL_MAX_BYTES,
} from "./services.excel";
import {
  CHOICES,
  COLUMNS,
  choiceOf,
  DATA_SHEETS,
  headerOf,
  MATERIAL_ID,
  NEW_MATERIAL,
  NO,
  SHEETS,
  type SheetKey,
  STEP_KINDS,
  splitList,
  YES,
} from "./services.excel.layout";
import { checkMaterial, type MaterialInput } from "./services.materials";
import { type ItemContent, type MaterialLink, ONLINE_DEPTH_LABELS } from "./services.model";
import { mayActOnService } from "./services.policy";
import * as repo from "./services.repo";

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

/** A stale row: what changed since the export, and the two ways on. */
const changedSinceExport = (what: string, at: string) =>
  `${what}在导出这个文件之后已被修改（最近修改于 ${formatShanghai(at)}），文件中这一行仍是导出时的内容，导入会覆盖这些修改，所以整个文件未导入。请重新导出，在新文件中重做这一行的修改后再导入；或从文件中删除这一行（文件中没有的事项和材料不受影响）。`;

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
    if (action === "change" && v.exported && v.exported !== materialStamp(existing!))
      p.row(
        "materials",
        r.n,
        "changed_since_export",
        changedSinceExport(`材料“${existing!.name}”`, existing!.updated_at),
      );
    else if (action === "add" && !can(user, "service.manage", org.id, tree))
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
      if (r.v.exported && r.v.exported !== itemStamp(state))
        p.row(
          "items",
          r.n,
          "changed_since_export",
          changedSinceExport(`事项“${state.item.name}”`, state.open?.updated_at ?? state.item.updated_at),
        );
      else if (!mayActOnService(user, "service.manage", state.item, tree))
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
