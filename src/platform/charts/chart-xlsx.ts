// Charts' numbers as an .xlsx workbook, one sheet per chart laid out like the table on the page (tableOf), under
// a title row. exceljs is imported only when a workbook is asked for. Text cells that a spreadsheet would read
// as a formula (= + - @, tab, carriage return first) get a leading apostrophe (formula injection).
import type { ChartSpec } from "./chart-spec";
import { tableOf } from "./chart-spec";

const formulaSafe = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique within the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 28) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export interface ChartsWorkbookInput {
  /** The first row of each sheet, e.g. "乙县人民政府 2026年 政务公开数据". */
  heading: string;
  charts: ChartSpec[];
  created?: Date;
}

export async function buildChartsWorkbook(input: ChartsWorkbookInput): Promise<Buffer> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "gongkai";
  if (input.created) {
    wb.created = input.created;
    wb.modified = input.created;
  }
  const taken = new Set<string>();
  for (const spec of input.charts) {
    const t = tableOf(spec);
    const ws = wb.addWorksheet(sheetName(spec.title, taken), { views: [{ state: "frozen", ySplit: 3 }] });
    ws.columns = t.head.map((_, i) => ({ width: i === 0 ? 28 : 12 }));
    ws.addRow([formulaSafe(input.heading)]).font = { bold: true, size: 14 };
    ws.addRow([formulaSafe(t.caption)]).font = { bold: true };
    const head = ws.addRow(t.head.map(formulaSafe));
    head.font = { bold: true };
    head.eachCell((c) => {
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
      c.border = { bottom: { style: "thin", color: { argb: "FF000000" } } };
    });
    for (const r of t.rows) ws.addRow([formulaSafe(r.label), ...r.cells.map((c) => c ?? "")]);
    if (t.total) ws.addRow(["合计", ...t.total.map((c) => c ?? "")]).font = { bold: true };
    if (spec.note) ws.addRow([formulaSafe(spec.note)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
