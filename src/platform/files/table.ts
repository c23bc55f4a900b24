import { fileError } from "./limits";

// Spreadsheets uploaded to be imported (an export of another system: 12345's tickets): the first sheet of an
// .xlsx or a UTF-8 CSV as rows of trimmed strings, under hard caps on rows, columns and a cell's length. Runs
// in the file worker (table-job.ts), never on a request's thread.

export interface TableLimits {
  /** Data rows after the header. */
  maxRows: number;
  maxCols: number;
  maxCellChars: number;
}

export const TABLE_LIMITS: TableLimits = { maxRows: 5000, maxCols: 40, maxCellChars: 10_000 };

export interface Table {
  /** Every row, the header first; empty rows dropped, each row's number in the file kept. */
  rows: Array<{ n: number; cells: string[] }>;
}

const tooMany = (what: string) =>
  fileError("table_too_large", `表格${what}，超出一次导入的限度。请拆分为几个文件后分别导入。`);

function push(out: Table["rows"], n: number, cells: string[], limits: TableLimits): void {
  if (cells.length > limits.maxCols) throw tooMany(`超过 ${limits.maxCols} 列`);
  for (const c of cells)
    if (c.length > limits.maxCellChars) throw tooMany(`第 ${n} 行有单元格超过 ${limits.maxCellChars} 字`);
  if (!cells.some((c) => c.trim())) return;
  if (out.length > limits.maxRows) throw tooMany(`超过 ${limits.maxRows} 行`);
  out.push({ n, cells: cells.map((c) => c.trim()) });
}

/** RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes; CRLF or LF); the BOM already dropped. */
export function csvTable(text: string, limits: TableLimits = TABLE_LIMITS): Table {
  const rows: Table["rows"] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      if (cell.length > limits.maxCellChars)
        throw tooMany(`第 ${rowStart} 行有单元格超过 ${limits.maxCellChars} 字`);
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      push(rows, rowStart, cells, limits);
      cells = [];
      cell = "";
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (quoted) throw fileError("file_corrupt", `CSV 文件第 ${rowStart} 行的引号没有闭合。`);
  if (cell !== "" || cells.length) {
    cells.push(cell);
    push(rows, rowStart, cells, limits);
  }
  return { rows };
}

/** The first worksheet of an .xlsx (already through the ZIP caps) as text cells, as Excel shows them. */
export async function xlsxTable(data: Uint8Array, limits: TableLimits = TABLE_LIMITS): Promise<Table> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.length) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw fileError("file_corrupt", "Excel 文件中没有工作表。");
  return sheetTable(sheet, limits);
}

/**
 * Named worksheets of an .xlsx (already through the ZIP caps), each read as xlsxTable reads the first, and the
 * names of every sheet the workbook has; a name it lacks is left out (the caller names it as a problem).
 */
export async function xlsxSheets(
  data: Uint8Array,
  names: readonly string[],
  limits: TableLimits = TABLE_LIMITS,
): Promise<{ names: string[]; sheets: Record<string, Table> }> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.length) as unknown as ArrayBuffer);
  const sheets: Record<string, Table> = {};
  for (const name of names) {
    const sheet = wb.getWorksheet(name);
    if (sheet) sheets[name] = sheetTable(sheet, limits, `工作表“${name}”`);
  }
  return { names: wb.worksheets.map((s) => s.name), sheets };
}

function sheetTable(sheet: import("exceljs").Worksheet, limits: TableLimits, where = ""): Table {
  const tooManyIn = (what: string) => tooMany(`${where}${what}`);
  if (sheet.actualColumnCount > limits.maxCols || sheet.columnCount > limits.maxCols * 4)
    throw tooManyIn(`超过 ${limits.maxCols} 列`);
  if (sheet.actualRowCount > limits.maxRows + 1) throw tooManyIn(`超过 ${limits.maxRows} 行`);
  const rows: Table["rows"] = [];
  const width = Math.min(sheet.columnCount, limits.maxCols);
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    push(rows, n, cells, limits);
  });
  return { rows };
}

function cellText(cell: { value: unknown; text: string }): string {
  const v = cell.value;
  // A date cell as YYYY-MM-DD (Excel keeps dates as UTC midnight of the day).
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  try {
    return cell.text ?? "";
  } catch {
    return String(v ?? "");
  }
}
