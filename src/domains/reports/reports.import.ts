// Table 二 figures for many organisations at once from Excel: a template (.xlsx) listing the organisations the
// user enters figures for, prefilled with what is entered, and its upload (.xlsx or UTF-8 CSV) read in the file
// worker under hard caps (platform/files parseTableFile). Every cell is checked as the form checks it
// (parseFigures); each problem names its row and column, and a file with any problem saves nothing. A clean
// file replaces the figures of every organisation it lists in one transaction, one audit entry per
// organisation (report.figures, source import), as the form does.
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { parseTableFile } from "../../platform/files";
import { actorOf, type CurrentUser, canAny } from "../accounts";
import { recordAudit } from "../audit";
import { loadOrgTree, type Org } from "../orgs";
import { mayEnterFigures } from "./reports.policy";
import * as repo from "./reports.repo";
import { type FiguresInput, parseFigures, parseYear, presentFigures } from "./reports.service";

export const FIGURES_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 2_000;

type Key = "org" | "org_name" | Exclude<keyof FiguresInput, "org">;

/** The template's columns, in order: the key (also accepted as a header) and the Chinese header. */
export const FIGURES_COLUMNS: ReadonlyArray<readonly [Key, string, number]> = [
  ["org", "机构代码", 16],
  ["org_name", "机构名称", 34],
  ["licensing", "行政许可", 12],
  ["penalty", "行政处罚", 12],
  ["coercion", "行政强制", 12],
  ["fees_wan_yuan", "行政事业性收费（万元）", 22],
  ["regulations_made", "规章本年制发", 14],
  ["regulations_repealed", "规章本年废止", 14],
  ["regulations_in_force", "规章现行有效", 14],
];
const REQUIRED: readonly Key[] = ["org", "licensing", "penalty", "coercion", "fees_wan_yuan"];
const LABEL = Object.fromEntries(FIGURES_COLUMNS.map(([k, l]) => [k, l])) as Record<Key, string>;

/** How to fill the template, shown on the upload page and in the template's second sheet. */
export const FIGURES_TEMPLATE_NOTES = [
  "第一行为表头，列名不要修改；列的顺序可以调整，“机构名称”列只供核对，不导入。",
  "每个机构一行，“机构代码”为本系统的机构代码（模板已列出您可以录入的机构）；同一机构只能出现一次。",
  "行政许可、行政处罚、行政强制：本年处理决定数量，不小于 0 的整数，没有的填 0。",
  "行政事业性收费：本年收费金额，单位万元，最多 6 位小数，没有的填 0。",
  "规章本年制发、本年废止、现行有效：件数，本级政府没有规章制定权的填 0 或留空。",
  "导入后，文件中列出的机构本年度表二数据整体替换为文件中的数据；未列出的机构不受影响。文件中任何一处有误，全部不导入。",
];

/** The organisations whose figures the user enters: the root government, departments and towns (as the deadlines). */
async function enterable(deps: Deps, user: CurrentUser): Promise<Org[]> {
  const tree = await loadOrgTree(deps, user.siteId);
  const root = tree.roots(user.siteId)[0];
  return tree
    .flatten(user.siteId)
    .map((x) => x.org)
    .filter(
      (o) =>
        (o.id === root?.id || o.kind === "department" || o.kind === "town" || o.id === user.orgId) &&
        mayEnterFigures(user, tree, o),
    );
}

const figuresRefused = () =>
  new AppError("role_not_allowed", 403, "只有政务公开办（或本单位信息员）可以录入年度报告表二数据。");

/** The template of a year as an .xlsx workbook: a row per organisation, prefilled, and a sheet of notes. */
export async function figuresTemplate(deps: Deps, user: CurrentUser, yearRaw: unknown): Promise<Buffer> {
  const year = parseYear(deps, yearRaw);
  if (!canAny(user, "report.figures")) throw figuresRefused();
  const orgs = await enterable(deps, user);
  const entered = await repo.figuresOf(
    deps.db.kysely,
    user.siteId,
    year,
    orgs.map((o) => o.id),
  );
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  wb.created = deps.clock.now();
  const ws = wb.addWorksheet("表二数据");
  ws.columns = FIGURES_COLUMNS.map(([key, header, width]) => ({ key, header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  for (const org of orgs) {
    const row = entered.find((r) => r.org_id === org.id);
    const f = row && presentFigures(row, org);
    ws.addRow({
      org: org.code,
      org_name: org.name,
      ...(f
        ? {
            licensing: f.licensing,
            penalty: f.penalty,
            coercion: f.coercion,
            fees_wan_yuan: f.fees_wan_yuan,
            regulations_made: f.regulations_made,
            regulations_repealed: f.regulations_repealed,
            regulations_in_force: f.regulations_in_force,
          }
        : {}),
    });
  }
  const notes = wb.addWorksheet("填写说明");
  notes.getColumn(1).width = 100;
  notes.addRow([
    `${year} 年度政府信息公开工作年度报告表二数据（第二十条第（一）（五）（六）（八）项）`,
  ]).font = {
    bold: true,
  };
  for (const n of FIGURES_TEMPLATE_NOTES) notes.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const normalise = (h: string) => h.replace(/\s/g, "").replace(/\(/g, "（").replace(/\)/g, "）").toLowerCase();

/** A problem of the upload as an error detail: field `rows[N].key` (N the row of the file), or `file`. */
const problem = (row: number | null, key: Key | null, code: string, message: string): ErrorDetail => ({
  field: row === null ? "file" : `rows[${row}]${key ? `.${key}` : ""}`,
  code,
  message,
});

const formatOf = (filename: string) =>
  /\.xlsx$/i.test(filename) ? "xlsx" : /\.csv$/i.test(filename) ? "csv" : null;

/** Reads, checks and (when every cell is right) saves an uploaded file of table 二 figures. */
export async function importFigures(
  deps: Deps,
  user: CurrentUser,
  yearRaw: unknown,
  file: { filename: string; data: Uint8Array; truncated?: boolean },
) {
  const year = parseYear(deps, yearRaw);
  if (!canAny(user, "report.figures")) throw figuresRefused();
  const refuse = (code: string, message: string) =>
    new AppError("validation_failed", 400, message, [{ field: "file", code, message }]);
  if (file.truncated)
    throw refuse(
      "file_too_large",
      `文件超过 ${FIGURES_IMPORT_MAX_BYTES / 1024 / 1024} MB，请检查是否选错了文件。`,
    );
  const format = formatOf(file.filename);
  if (!format) throw refuse("file_type", "请上传按模板填写的 Excel（.xlsx）或 CSV（.csv，UTF-8 编码）文件。");
  const table = await parseTableFile(format, file.data, {
    what: `文件 ${file.filename} `,
    limits: { maxRows: MAX_ROWS, maxCols: 40, maxCellChars: 200 },
  });
  const problems: ErrorDetail[] = [];
  const [header, ...data] = table.rows;
  if (!header) throw refuse("empty_file", "文件中没有内容。");
  const byName = new Map<string, Key>();
  for (const [k, label] of FIGURES_COLUMNS) {
    byName.set(k, k);
    byName.set(normalise(label), k);
  }
  const columns = new Map<number, Key>();
  header.cells.forEach((h, i) => {
    const k = byName.get(normalise(h));
    if (!k) return;
    if ([...columns.values()].includes(k))
      problems.push(problem(1, k, "duplicate_column", `第1行：列“${h}”出现了两次。`));
    else columns.set(i, k);
  });
  for (const k of REQUIRED)
    if (![...columns.values()].includes(k))
      problems.push(problem(1, k, "missing_column", `第1行（表头）缺少“${LABEL[k]}”列。`));
  if (!data.length) problems.push(problem(null, null, "no_rows", "文件只有表头，没有机构的数据。"));
  if (problems.length)
    throw new AppError("validation_failed", 400, "文件的表头不符合模板，未导入任何数据。", problems);

  const tree = await loadOrgTree(deps, user.siteId);
  const orgs = new Map(
    tree
      .flatten(user.siteId)
      .map((x) => x.org)
      .map((o) => [o.code, o]),
  );
  const seen = new Map<string, number>();
  const rows: Array<{ org: Org; counts: ReturnType<typeof parseFigures>["counts"]; feesFen: number }> = [];
  for (const { n, cells } of data) {
    const raw: Partial<Record<Key, string>> = {};
    for (const [i, k] of columns) raw[k] = (cells[i] ?? "").trim();
    const at = (k: Key) => `第${n}行“${LABEL[k]}”：`;
    const before = problems.length;
    const code = raw.org ?? "";
    const org = orgs.get(code);
    if (!code) problems.push(problem(n, "org", "required", `${at("org")}请填写机构代码。`));
    else if (!org)
      problems.push(problem(n, "org", "org_not_found", `${at("org")}本站点没有代码为“${code}”的机构。`));
    else if (!mayEnterFigures(user, tree, org))
      problems.push(problem(n, "org", "role_not_allowed", `${at("org")}您不能录入“${org.name}”的表二数据。`));
    else if (seen.has(code))
      problems.push(
        problem(
          n,
          "org",
          "duplicate_org",
          `${at("org")}“${org.name}”已在第${seen.get(code)}行，同一机构只能有一行。`,
        ),
      );
    else seen.set(code, n);
    const parsed = parseFigures(raw);
    for (const p of parsed.problems) {
      const k = p.field as Key;
      problems.push(problem(n, k, p.code, `${at(k)}${p.message}`));
    }
    if (problems.length === before && org) rows.push({ org, counts: parsed.counts, feesFen: parsed.feesFen });
  }
  if (problems.length)
    throw new AppError(
      "validation_failed",
      400,
      `文件中有 ${problems.length} 处不符合要求，未导入任何数据。请在原文件中修改后重新上传。`,
      problems,
    );

  const now = deps.clock.now().toISOString();
  const actor = actorOf(user);
  const saved = rows.map(({ org, counts, feesFen }) => {
    const row: repo.FiguresRow = {
      site_id: user.siteId,
      org_id: org.id,
      year,
      ...counts,
      fees_fen: feesFen,
      updated_by: user.id,
      updated_at: now,
    };
    return { org, counts, row };
  });
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const { org, counts, row } of saved) {
      const before = await repo.figuresOf(trx, user.siteId, year, [org.id]);
      await repo.saveFigures(trx, row);
      await recordAudit(trx, deps.clock, actor, {
        action: "report.figures",
        entityType: "org",
        entityId: org.id,
        orgId: org.id,
        siteId: user.siteId,
        summary: {
          year,
          ...counts,
          fees_wan_yuan: Number(row.fees_fen) / 1_000_000,
          replaced: before.length > 0,
          source: "import",
          filename: file.filename.slice(0, 200),
        },
      });
    }
  });
  return { year, imported: saved.map(({ org, row }) => presentFigures(row, org)) };
}
